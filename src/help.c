/* help.c - the help screen's text. */
#include "help.h"

#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "util.h"

static void
push(struct help *h, char *keys, char *text)
{
	xgrow(&h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n].keys = keys;
	h->v[h->n].text = text;
	h->n++;
}

/* What action a does in context ctx: in the lists (keyword groups,
 * bookmarks) the scrolling actions move the selection. */
static const char *
what_here(enum keymap_context ctx, enum action a)
{
	if (ctx == CTX_GROUPS || ctx == CTX_MARKS) {
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

void
help_build(struct help *h, const struct keymap *km)
{
	memset(h, 0, sizeof *h);
	struct strbuf sb;
	sb_init(&sb);
	for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
		size_t first = h->n;
		for (int a = 1; a < ACT_COUNT; a++) {
			sb_reset(&sb);
			if (!keymap_describe(km, (enum keymap_context)ctx,
			                     (enum action)a, &sb))
				continue;
			if (h->n == first) {
				if (first)
					push(h, NULL, NULL);
				push(h, NULL,
				     xasprintf(
				             "%s: %s",
				             keymap_context_name(
				                     (enum keymap_context)ctx),
				             keymap_context_help((
				                     enum keymap_context)ctx)));
			}
			/* The numbered actions, one line for the nine. */
			if (is_numbered((enum action)a)) {
				if (fold(h, km, (enum keymap_context)ctx,
				         (enum action)a, &sb)) {
					a += 8;
					continue;
				}
			}
			int w = glyph_text_width(sb.buf, sb.len);
			if (w > h->keys_w)
				h->keys_w = w;
			push(h, xstrdup(sb.buf),
			     xasprintf("%s  (%s)",
			               what_here((enum keymap_context)ctx,
			                         (enum action)a),
			               action_name((enum action)a)));
		}
	}
	sb_fini(&sb);
	legend(h);
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
