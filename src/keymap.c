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
