/* keymap.c - key bindings and their lookup. */
#include "keymap.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"

static const struct {
	const char *name;
	const char *help;
} contexts[CTX_COUNT] = {
#define KEYMAP_CTX_ROW(e, name, help) {name, help},
        KEYMAP_CONTEXT_LIST(KEYMAP_CTX_ROW)
#undef KEYMAP_CTX_ROW
};

/*
 * The built-in bindings.  Like less and mutt's pager: j/k and arrows by
 * line, Space/b and PageDown/PageUp by page, g/G and Home/End to the ends.
 */
static const struct {
	enum keymap_context ctx;
	const char *keys;
	enum action action;
} defaults[] = {
        {CTX_GLOBAL, "q", ACT_QUIT},
        {CTX_GLOBAL, "?", ACT_HELP},
        {CTX_GLOBAL, "F1", ACT_HELP},
        {CTX_GLOBAL, "Tab", ACT_TOGGLE_FOCUS},
        {CTX_GLOBAL, "BackTab", ACT_TOGGLE_FOCUS},
        {CTX_GLOBAL, "C-l", ACT_REDRAW},
        {CTX_GLOBAL, "R", ACT_RELOAD_CONFIG},
        {CTX_GLOBAL, "/", ACT_SEARCH_FORWARD},
        {CTX_GLOBAL, "n", ACT_SEARCH_NEXT},
        {CTX_GLOBAL, "N", ACT_SEARCH_PREV},
        {CTX_GLOBAL, "H", ACT_TOGGLE_HIGHLIGHT},
        {CTX_GLOBAL, "t 1", ACT_TOGGLE_GROUP_1},
        {CTX_GLOBAL, "t 2", ACT_TOGGLE_GROUP_2},
        {CTX_GLOBAL, "t 3", ACT_TOGGLE_GROUP_3},
        {CTX_GLOBAL, "t 4", ACT_TOGGLE_GROUP_4},
        {CTX_GLOBAL, "t 5", ACT_TOGGLE_GROUP_5},
        {CTX_GLOBAL, "t 6", ACT_TOGGLE_GROUP_6},
        {CTX_GLOBAL, "t 7", ACT_TOGGLE_GROUP_7},
        {CTX_GLOBAL, "t 8", ACT_TOGGLE_GROUP_8},
        {CTX_GLOBAL, "t 9", ACT_TOGGLE_GROUP_9},

        {CTX_LIST, "j", ACT_NEXT_ARTICLE},
        {CTX_LIST, "Down", ACT_NEXT_ARTICLE},
        {CTX_LIST, "k", ACT_PREV_ARTICLE},
        {CTX_LIST, "Up", ACT_PREV_ARTICLE},
        {CTX_LIST, "g", ACT_FIRST_ARTICLE},
        {CTX_LIST, "Home", ACT_FIRST_ARTICLE},
        {CTX_LIST, "G", ACT_LAST_ARTICLE},
        {CTX_LIST, "End", ACT_LAST_ARTICLE},
        {CTX_LIST, "Enter", ACT_FOCUS_PAGER},
        {CTX_LIST, "Right", ACT_FOCUS_PAGER},
        {CTX_LIST, "l", ACT_FOCUS_PAGER},
        {CTX_LIST, "Space", ACT_PAGE_DOWN},
        {CTX_LIST, "PageDown", ACT_PAGE_DOWN},
        {CTX_LIST, "b", ACT_PAGE_UP},
        {CTX_LIST, "s", ACT_SORT},
        {CTX_GLOBAL, "F", ACT_FILTER},
        {CTX_LIST, "Esc", ACT_CLEAR_FILTER},
        {CTX_LIST, "PageUp", ACT_PAGE_UP},

        {CTX_PAGER, "j", ACT_SCROLL_DOWN},
        {CTX_PAGER, "Down", ACT_SCROLL_DOWN},
        {CTX_PAGER, "k", ACT_SCROLL_UP},
        {CTX_PAGER, "Up", ACT_SCROLL_UP},
        {CTX_PAGER, "Space", ACT_PAGE_DOWN},
        {CTX_PAGER, "PageDown", ACT_PAGE_DOWN},
        {CTX_PAGER, "f", ACT_PAGE_DOWN},
        {CTX_PAGER, "b", ACT_PAGE_UP},
        {CTX_PAGER, "PageUp", ACT_PAGE_UP},
        {CTX_PAGER, "d", ACT_HALF_PAGE_DOWN},
        {CTX_PAGER, "u", ACT_HALF_PAGE_UP},
        {CTX_PAGER, "g", ACT_TOP},
        {CTX_PAGER, "Home", ACT_TOP},
        {CTX_PAGER, "G", ACT_BOTTOM},
        {CTX_PAGER, "End", ACT_BOTTOM},
        {CTX_PAGER, "J", ACT_NEXT_ARTICLE},
        {CTX_PAGER, "K", ACT_PREV_ARTICLE},
        {CTX_PAGER, "Enter", ACT_FOCUS_LIST},
        {CTX_PAGER, "Left", ACT_FOCUS_LIST},
        {CTX_PAGER, "h", ACT_FOCUS_LIST},
        {CTX_PAGER, "?", ACT_SEARCH_BACKWARD},
        {CTX_PAGER, "Esc", ACT_CLEAR_SEARCH},
        {CTX_GLOBAL, "] ]", ACT_NEXT_HIT},
        {CTX_GLOBAL, "[ [", ACT_PREV_HIT},
        {CTX_GLOBAL, "] 1", ACT_NEXT_HIT_1},
        {CTX_GLOBAL, "] 2", ACT_NEXT_HIT_2},
        {CTX_GLOBAL, "] 3", ACT_NEXT_HIT_3},
        {CTX_GLOBAL, "] 4", ACT_NEXT_HIT_4},
        {CTX_GLOBAL, "] 5", ACT_NEXT_HIT_5},
        {CTX_GLOBAL, "] 6", ACT_NEXT_HIT_6},
        {CTX_GLOBAL, "] 7", ACT_NEXT_HIT_7},
        {CTX_GLOBAL, "] 8", ACT_NEXT_HIT_8},
        {CTX_GLOBAL, "] 9", ACT_NEXT_HIT_9},
        {CTX_GLOBAL, "[ 1", ACT_PREV_HIT_1},
        {CTX_GLOBAL, "[ 2", ACT_PREV_HIT_2},
        {CTX_GLOBAL, "[ 3", ACT_PREV_HIT_3},
        {CTX_GLOBAL, "[ 4", ACT_PREV_HIT_4},
        {CTX_GLOBAL, "[ 5", ACT_PREV_HIT_5},
        {CTX_GLOBAL, "[ 6", ACT_PREV_HIT_6},
        {CTX_GLOBAL, "[ 7", ACT_PREV_HIT_7},
        {CTX_GLOBAL, "[ 8", ACT_PREV_HIT_8},
        {CTX_GLOBAL, "[ 9", ACT_PREV_HIT_9},

        {CTX_GLOBAL, "t t", ACT_GROUPS},
        {CTX_GLOBAL, "m", ACT_TOGGLE_READ},
        {CTX_GLOBAL, "U", ACT_NEXT_UNREAD},
        {CTX_GLOBAL, "B", ACT_ADD_BOOKMARK},
        {CTX_GLOBAL, "'", ACT_BOOKMARKS},
        {CTX_MARKS, "q", ACT_CLOSE},
        {CTX_MARKS, "Esc", ACT_CLOSE},
        {CTX_MARKS, "'", ACT_CLOSE},
        {CTX_MARKS, "j", ACT_SCROLL_DOWN},
        {CTX_MARKS, "Down", ACT_SCROLL_DOWN},
        {CTX_MARKS, "k", ACT_SCROLL_UP},
        {CTX_MARKS, "Up", ACT_SCROLL_UP},
        {CTX_MARKS, "Enter", ACT_OPEN_BOOKMARK},
        {CTX_MARKS, "d", ACT_DELETE_BOOKMARK},
        {CTX_MARKS, "Delete", ACT_DELETE_BOOKMARK},
        {CTX_GROUPS, "q", ACT_CLOSE},
        {CTX_GROUPS, "Esc", ACT_CLOSE},
        {CTX_GROUPS, "t t", ACT_CLOSE},
        {CTX_GROUPS, "j", ACT_SCROLL_DOWN},
        {CTX_GROUPS, "Down", ACT_SCROLL_DOWN},
        {CTX_GROUPS, "k", ACT_SCROLL_UP},
        {CTX_GROUPS, "Up", ACT_SCROLL_UP},
        {CTX_GROUPS, "Space", ACT_TOGGLE_GROUP},
        {CTX_GROUPS, "Enter", ACT_TOGGLE_GROUP},

        {CTX_HELP, "q", ACT_CLOSE_HELP},
        {CTX_HELP, "Esc", ACT_CLOSE_HELP},
        {CTX_HELP, "?", ACT_CLOSE_HELP},
        {CTX_HELP, "j", ACT_SCROLL_DOWN},
        {CTX_HELP, "Down", ACT_SCROLL_DOWN},
        {CTX_HELP, "k", ACT_SCROLL_UP},
        {CTX_HELP, "Up", ACT_SCROLL_UP},
        {CTX_HELP, "Space", ACT_PAGE_DOWN},
        {CTX_HELP, "PageDown", ACT_PAGE_DOWN},
        {CTX_HELP, "b", ACT_PAGE_UP},
        {CTX_HELP, "PageUp", ACT_PAGE_UP},
        {CTX_HELP, "g", ACT_TOP},
        {CTX_HELP, "Home", ACT_TOP},
        {CTX_HELP, "G", ACT_BOTTOM},
        {CTX_HELP, "End", ACT_BOTTOM},
};

void
keymap_init(struct keymap *km)
{
	km->v = NULL;
	km->n = km->cap = 0;
}

void
keymap_fini(struct keymap *km)
{
	free(km->v);
	keymap_init(km);
}

void
keymap_defaults(struct keymap *km)
{
	km->n = 0;
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
		struct keyseq seq;
		size_t at, len;
		if (keyseq_parse(defaults[i].keys, &seq, &at, &len) == 0)
			keymap_bind(km, defaults[i].ctx, &seq,
			            defaults[i].action);
	}
}

static int
seq_equal(const struct keyseq *a, const struct keyseq *b)
{
	return a->n == b->n &&
	       memcmp(a->keys, b->keys, (size_t)a->n * sizeof a->keys[0]) == 0;
}

void
keymap_bind(struct keymap *km, enum keymap_context ctx,
            const struct keyseq *seq, enum action action)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].ctx == ctx && seq_equal(&km->v[i].seq, seq)) {
			km->v[i].action = action;
			return;
		}
	xgrow(&km->v, &km->cap, km->n + 1, sizeof *km->v);
	km->v[km->n].ctx = ctx;
	km->v[km->n].seq = *seq;
	km->v[km->n].action = action;
	km->n++;
}

const char *
keymap_context_name(enum keymap_context ctx)
{
	return (unsigned)ctx < CTX_COUNT ? contexts[ctx].name : "?";
}

const char *
keymap_context_help(enum keymap_context ctx)
{
	return (unsigned)ctx < CTX_COUNT ? contexts[ctx].help : "";
}

int
keyseq_parse(const char *s, struct keyseq *seq, size_t *bad_at, size_t *bad_len)
{
	size_t i = 0, len = strlen(s);
	seq->n = 0;
	*bad_at = 0;
	*bad_len = 0;
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		int k = keys_parse(s + i, j - i);
		if (k < 0 || seq->n == KEYSEQ_MAX) {
			*bad_at = i;
			*bad_len = j - i;
			return -1;
		}
		seq->keys[seq->n++] = k;
		i = j;
	}
	if (seq->n == 0) {
		*bad_at = 0;
		*bad_len = len;
		return -1;
	}
	return 0;
}

void
keyseq_format(const struct keyseq *seq, struct strbuf *out)
{
	char buf[KEY_NAME_MAX];
	for (int i = 0; i < seq->n; i++) {
		if (i)
			sb_addch(out, ' ');
		sb_addstr(out, keys_name(seq->keys[i], buf));
	}
}

static enum keymap_result
lookup_ctx(const struct keymap *km, enum keymap_context ctx, const int *keys,
           int n, enum action *action)
{
	enum keymap_result r = KEYMAP_NONE;
	for (size_t i = 0; i < km->n; i++) {
		const struct binding *b = &km->v[i];
		if (b->ctx != ctx || b->seq.n < n ||
		    memcmp(b->seq.keys, keys, (size_t)n * sizeof *keys) != 0)
			continue;
		if (b->seq.n == n) {
			*action = b->action;
			return KEYMAP_ACTION;
		}
		r = KEYMAP_PREFIX;
	}
	return r;
}

enum keymap_result
keymap_lookup(const struct keymap *km, enum keymap_context ctx, const int *keys,
              int n, enum action *action)
{
	enum keymap_result r = lookup_ctx(km, ctx, keys, n, action);
	if (r != KEYMAP_NONE || ctx == CTX_GLOBAL)
		return r;
	return lookup_ctx(km, CTX_GLOBAL, keys, n, action);
}

size_t
keymap_describe(const struct keymap *km, enum keymap_context ctx,
                enum action action, struct strbuf *out)
{
	size_t count = 0;
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].ctx != ctx || km->v[i].action != action)
			continue;
		if (count++)
			sb_addstr(out, ", ");
		keyseq_format(&km->v[i].seq, out);
	}
	return count;
}

bool
keymap_key_for(const struct keymap *km, enum keymap_context ctx,
               enum action action, struct strbuf *out)
{
	enum keymap_context ctxs[2] = {ctx, CTX_GLOBAL};
	for (int c = 0; c < 2; c++)
		for (size_t i = 0; i < km->n; i++) {
			const struct binding *b = &km->v[i];
			if (b->ctx != ctxs[c] || b->action != action)
				continue;
			enum action got;
			if (keymap_lookup(km, ctx, b->seq.keys, b->seq.n,
			                  &got) != KEYMAP_ACTION ||
			    got != action)
				continue;
			keyseq_format(&b->seq, out);
			return true;
		}
	return false;
}
