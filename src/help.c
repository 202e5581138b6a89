/* help.c - the help screen's text. */
#include "help.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "util.h"

static void
push_level(struct help *h, char *keys, char *text, int level)
{
	xgrow(&h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n].keys = keys;
	h->v[h->n].text = text;
	h->v[h->n].level = level;
	h->n++;
}

static void
push(struct help *h, char *keys, char *text)
{
	push_level(h, keys, text, 0);
}

/* The tasks the help groups a context's keys by, in the order shown. */
enum task {
	TASK_MOVE,
	TASK_ARTICLES,
	TASK_SEARCH,
	TASK_HITS,
	TASK_MARKS,
	TASK_SCREEN,
	TASK_LECTERN,
	TASK_COUNT
};

static const char *const task_names[TASK_COUNT] = {
        "moving",    "articles",   "searching", "keyword hits",
        "bookmarks", "the screen", "lectern",
};

static enum task
task_of(enum action a)
{
	if (a >= ACT_NEXT_HIT && a <= ACT_TOGGLE_HIGHLIGHT)
		return TASK_HITS;
	switch (a) {
	case ACT_SCROLL_DOWN:
	case ACT_SCROLL_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_PAGE_DOWN:
	case ACT_HALF_PAGE_UP:
	case ACT_TOP:
	case ACT_BOTTOM:
	case ACT_GOTO_PERCENT:
	case ACT_JUMP_BACK:
	case ACT_JUMP_FORWARD:
		return TASK_MOVE;
	case ACT_NEXT_ARTICLE:
	case ACT_PREV_ARTICLE:
	case ACT_FIRST_ARTICLE:
	case ACT_LAST_ARTICLE:
	case ACT_NEXT_UNREAD:
	case ACT_PREV_UNREAD:
	case ACT_TOGGLE_READ:
	case ACT_MARK_ALL_READ:
	case ACT_SORT:
	case ACT_FILTER:
	case ACT_CLEAR_FILTER:
		return TASK_ARTICLES;
	case ACT_SEARCH_FORWARD:
	case ACT_SEARCH_BACKWARD:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
	case ACT_CLEAR_SEARCH:
		return TASK_SEARCH;
	case ACT_GROUPS:
	case ACT_TOGGLE_GROUP:
		return TASK_HITS;
	case ACT_LINKS:
	case ACT_OPEN_LINK:
	case ACT_COPY_LINK:
	case ACT_SELECT:
	case ACT_YANK:
		return TASK_LECTERN;
	case ACT_EXPORT_NOTES:
	case ACT_ADD_BOOKMARK:
	case ACT_BOOKMARKS:
	case ACT_OPEN_BOOKMARK:
	case ACT_DELETE_BOOKMARK:
		return TASK_MARKS;
	case ACT_QUIT:
	case ACT_RELOAD_CONFIG:
	case ACT_SAVE_ARTICLE:
	case ACT_PIPE_ARTICLE:
		return TASK_LECTERN;
	default:
		return TASK_SCREEN;
	}
}

/* What action a does in context ctx: in the lists (keyword groups,
 * bookmarks) the scrolling actions move the selection. */
static const char *
what_here(enum keymap_context ctx, enum action a)
{
	if (ctx == CTX_GROUPS || ctx == CTX_MARKS || ctx == CTX_LINKS) {
		if (a == ACT_SCROLL_DOWN)
			return "select the next item";
		if (a == ACT_SCROLL_UP)
			return "select the previous item";
		if (a == ACT_TOP)
			return "select the first item";
		if (a == ACT_BOTTOM)
			return "select the last item";
	}
	return action_help(a);
}

/* The first of nine numbered actions (one per keyword group). */
static bool
is_numbered(enum action a)
{
	return a == ACT_NEXT_HIT_1 || a == ACT_PREV_HIT_1 ||
	       a == ACT_TOGGLE_GROUP_1;
}

/*
 * first .. first+8 as one line, "] 1 .. ] 9  go to the next hit of
 * keyword group N", when each has one key, the same but for its last
 * character, 1 to 9; false (nothing added) when they do not.  keys holds
 * the first action's keys.
 */
static bool
fold(struct help *h, const struct keymap *km, enum keymap_context ctx,
     enum action first, const struct strbuf *keys)
{
	struct strbuf sb;
	sb_init(&sb);
	bool ok = keys->len >= 1 && keys->buf[keys->len - 1] == '1' &&
	          !strchr(keys->buf, ',');
	for (int n = 1; ok && n < 9; n++) {
		sb_reset(&sb);
		ok = keymap_describe(km, ctx, (enum action)(first + n), &sb) ==
		             1 &&
		     sb.len == keys->len &&
		     memcmp(sb.buf, keys->buf, keys->len - 1) == 0 &&
		     sb.buf[sb.len - 1] == '1' + n;
	}
	if (ok) {
		char *k = xasprintf("%s .. %s", keys->buf, sb.buf);
		/* "keyword group 1" becomes "keyword group N". */
		const char *text = action_help(first);
		const char *one = strstr(text, "group 1");
		int at = one ? (int)(one - text) + 6 : (int)strlen(text);
		char *t = xasprintf("%.*sN%s  (%s .. %s)", at, text,
		                    one ? one + 7 : "", action_name(first),
		                    action_name((enum action)(first + 8)));
		int w = glyph_text_width(k, strlen(k));
		if (w > h->keys_w)
			h->keys_w = w;
		push(h, k, t);
	}
	sb_fini(&sb);
	return ok;
}

/* What the marks on the screen mean, after the keys. */
static void
legend(struct help *h)
{
	static const char *const rows[][2] = {
	        {"\xe2\x94\x82 \xe2\x96\x88",
	         "right margin: the part in view (\xe2\x96\x88: with hits)"},
	        {"\xe2\x96\x90", "right margin: hits out of view, in their "
	                         "group's colour"},
	        {"12 40%", "sidebar: keyword hits; how far it was read"},
	        {"\xe2\x94\x83", "between the sides, heavy: the pane has "
	                         "the focus"},
	        {"5 -", "status line: a count being typed (5j)"},
	};
	push(h, NULL, NULL);
	push(h, NULL, xstrdup("on the screen: what the marks mean"));
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		int w = glyph_text_width(rows[i][0], strlen(rows[i][0]));
		if (w > h->keys_w)
			h->keys_w = w;
		push(h, xstrdup(rows[i][0]), xstrdup(rows[i][1]));
	}
}

/* The lines of context ctx's actions of one task, under its heading. */
static void
build_task(struct help *h, const struct keymap *km, enum keymap_context ctx,
           enum task task, struct strbuf *sb)
{
	bool any = false;
	for (int a = 1; a < ACT_COUNT; a++) {
		if (task_of((enum action)a) != task)
			continue;
		sb_reset(sb);
		if (!keymap_describe(km, ctx, (enum action)a, sb))
			continue;
		if (!any)
			push_level(h, NULL, xstrdup(task_names[task]), 1);
		any = true;
		/* The numbered actions, one line for the nine. */
		if (is_numbered((enum action)a) &&
		    fold(h, km, ctx, (enum action)a, sb)) {
			a += 8;
			continue;
		}
		int w = glyph_text_width(sb->buf, sb->len);
		if (w > h->keys_w)
			h->keys_w = w;
		push(h, xstrdup(sb->buf),
		     xasprintf("%s  (%s)", what_here(ctx, (enum action)a),
		               action_name((enum action)a)));
	}
}

void
help_build(struct help *h, const struct keymap *km)
{
	memset(h, 0, sizeof *h);
	struct strbuf sb;
	sb_init(&sb);
	for (int c = 0; c < CTX_COUNT; c++) {
		enum keymap_context ctx = (enum keymap_context)c;
		bool bound = false;
		for (int a = 1; a < ACT_COUNT && !bound; a++) {
			sb_reset(&sb);
			bound = keymap_describe(km, ctx, (enum action)a, &sb);
		}
		if (!bound)
			continue;
		if (h->n)
			push(h, NULL, NULL);
		push(h, NULL,
		     xasprintf("%s: %s", keymap_context_name(ctx),
		               keymap_context_help(ctx)));
		for (int t = 0; t < TASK_COUNT; t++)
			build_task(h, km, ctx, (enum task)t, &sb);
	}
	sb_fini(&sb);
	legend(h);
}

long
help_match_at(const char *text, const char *query)
{
	size_t ql = strlen(query);
	if (!text || !ql)
		return -1;
	for (const char *p = text; *p; p++) {
		size_t i = 0;
		while (i < ql && p[i] &&
		       tolower((unsigned char)p[i]) ==
		               tolower((unsigned char)query[i]))
			i++;
		if (i == ql)
			return (long)(p - text);
	}
	return -1;
}

size_t
help_find(const struct help *h, const char *query, size_t from, bool forward)
{
	if (!*query || !h->n)
		return SIZE_MAX;
	if (from >= h->n) {
		if (forward)
			return SIZE_MAX;
		from = h->n - 1;
	}
	for (size_t i = from;; i += forward ? 1 : (size_t)-1) {
		if (help_match_at(h->v[i].keys, query) >= 0 ||
		    help_match_at(h->v[i].text, query) >= 0)
			return i;
		if (forward ? i + 1 >= h->n : i == 0)
			return SIZE_MAX;
	}
}

void
help_fini(struct help *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].keys);
		free(h->v[i].text);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}
