/*
 * config_keys.c - the keys: section, and the bindings that cannot work.
 *
 * Listing an action in a context replaces its keys there; "none" unbinds
 * keys.  One sequence given to two actions in one context of the same
 * file is an error (the file cannot mean both), and the total number of
 * bindings is capped because keymap_bind is linear.
 */
#include "config_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "utf8.h"

static const char *const *
action_names(void)
{
	static const char *const names[ACT_COUNT] = {
#define ACTION_NAME(e, name, help) name,
	        ACTION_LIST(ACTION_NAME)
#undef ACTION_NAME
	};
	return names;
}

static const char *const *
context_names(void)
{
	static const char *const names[CTX_COUNT] = {
#define CTX_NAME(e, name, help) name,
	        KEYMAP_CONTEXT_LIST(CTX_NAME)
#undef CTX_NAME
	};
	return names;
}

/* A sequence given in one context of this file, to find one sequence
 * given to two actions. */
struct given {
	struct keyseq seq;
	enum action action;
	int line;
};

struct ctx_load {
	enum keymap_context ctx;
	enum action action;
	struct given *given;
	size_t ngiven, cap;
};

static bool
seq_equal(const struct keyseq *a, const struct keyseq *b)
{
	return a->n == b->n &&
	       !memcmp(a->keys, b->keys, (size_t)a->n * sizeof a->keys[0]);
}

static void
unbind(struct keymap *km, enum keymap_context ctx, const struct keyseq *seq,
       int action)
{
	size_t j = 0;
	for (size_t i = 0; i < km->n; i++) {
		const struct binding *b = &km->v[i];
		bool drop = b->ctx == ctx && (seq ? seq_equal(&b->seq, seq)
		                                  : (int)b->action == action);
		if (!drop)
			km->v[j++] = *b;
	}
	km->n = j;
}

/*
 * Reports what keyseq_parse refused in s: the key sequence is empty, too
 * long, or names an unknown key, which starts at byte at (blen bytes).
 */
static void
err_bad_key(struct load *ld, const struct ydoc_node *n, const char *s,
            const char *path, size_t at, size_t blen)
{
	int col = n->col;
	/* Only a plain one-line scalar is the text in the file. */
	if (n->plain && n->line == n->end_line) {
		size_t c = (size_t)n->col + utf8_count(s, at);
		col = c > INT_MAX ? INT_MAX : (int)c;
	}
	if (blen == 0) {
		cfg_err_at(ld, n->line, col, path, "empty key sequence");
		return;
	}
	char *name = xstrndup(s + at, blen);
	if (keys_parse(name, blen) >= 0) {
		cfg_err_at(ld, n->line, col, path,
		           "'%s' is longer than %d keys", s, KEYSEQ_MAX);
	} else {
		enum { NSPECIAL = K_LAST_SPECIAL_ - K_UP };
		char buf[NSPECIAL + 1][KEY_NAME_MAX];
		const char *cand[NSPECIAL + 1];
		for (int i = 0; i < NSPECIAL; i++)
			cand[i] = keys_name(K_UP + i, buf[i]);
		cand[NSPECIAL] = "Space";
		cfg_err_unknown(ld, n->line, col, path, "key", name, cand,
		                NSPECIAL + 1, NULL);
	}
	free(name);
}

/* A binding no terminal can send is kept (it is harmless) but flagged:
 * the reader would wait for it in vain. */
static void
warn_unsendable(struct load *ld, const struct ydoc_node *n, const char *path,
                const struct keyseq *seq)
{
	for (int i = 0; i < seq->n; i++) {
		const char *why = keys_unsendable(seq->keys[i]);
		if (!why)
			continue;
		char name[KEY_NAME_MAX];
		keys_name(seq->keys[i], name);
		diag_add(ld->diags, DIAG_WARNING, ld->file, n->line, n->col,
		         "%s: '%s' can never be typed: %s", path, name, why);
		return;
	}
}

static void
bind_one(struct load *ld, const struct ydoc_node *n, const char *s,
         const char *path, void *arg)
{
	struct ctx_load *cl = arg;
	struct keyseq seq;
	size_t at, blen;

	if (keyseq_parse(s, &seq, &at, &blen) < 0) {
		err_bad_key(ld, n, s, path, at, blen);
		return;
	}
	warn_unsendable(ld, n, path, &seq);
	if (++ld->nbindings == CFG_MAX_BINDINGS + 1)
		cfg_err(ld, n, "keys", "more than %d key bindings",
		        CFG_MAX_BINDINGS);
	if (ld->nbindings > CFG_MAX_BINDINGS)
		return;
	for (size_t i = 0; i < cl->ngiven; i++) {
		const struct given *g = &cl->given[i];
		if (!seq_equal(&g->seq, &seq))
			continue;
		if (g->action != cl->action) {
			struct strbuf sb;
			sb_init(&sb);
			keyseq_format(&seq, &sb);
			cfg_err(ld, n, path,
			        "'%s' is given to both %s (line %d) and %s",
			        sb.buf, action_name(g->action), g->line,
			        action_name(cl->action));
			sb_fini(&sb);
		}
		return;
	}
	xgrow(&cl->given, &cl->cap, cl->ngiven + 1, sizeof *cl->given);
	cl->given[cl->ngiven++] = (struct given){seq, cl->action, n->line};
	if (cl->action == ACT_NONE)
		unbind(&ld->cfg->keymap, cl->ctx, &seq, 0);
	else
		keymap_bind(&ld->cfg->keymap, cl->ctx, &seq, cl->action);
}

static void
load_context(struct load *ld, enum keymap_context ctx,
             const struct ydoc_node *v)
{
	char *path = xasprintf("keys.%s", keymap_context_name(ctx));
	struct ctx_load cl = {.ctx = ctx};

	v = cfg_mapping(ld, v, path, "a mapping of actions to keys");
	const char **keys = v ? cfg_map_keys(ld, v, path) : NULL;
	for (size_t i = 0; v && i < v->npairs; i++) {
		const struct ydoc_node *k = v->pairs[i].key;
		const struct ydoc_node *val = v->pairs[i].value;
		if (!keys[i])
			continue;
		int a = action_lookup(keys[i], strlen(keys[i]));
		if (a < 0) {
			cfg_err_unknown(ld, k->line, k->col, path, "action",
			                keys[i], action_names(), ACT_COUNT,
			                NULL);
			continue;
		}
		char *sub = xasprintf("%s.%s", path, keys[i]);
		if (ydoc_is_null(val) ||
		    (val->kind != YDOC_SCALAR && val->kind != YDOC_SEQUENCE)) {
			cfg_err(ld, val, sub,
			        "expected a key or a list of keys");
		} else {
			cl.action = (enum action)a;
			/* Listing an action replaces its keys. */
			if (a != ACT_NONE)
				unbind(&ld->cfg->keymap, ctx, NULL, a);
			cfg_each_string(ld, val, sub, "a key or a list of keys",
			                bind_one, &cl);
		}
		free(sub);
	}
	free(keys);
	free(cl.given);
	free(path);
}

void
cfg_load_keys(struct load *ld, const struct ydoc_node *n)
{
	n = cfg_mapping(ld, n, "keys",
	                "a mapping of contexts (global, list, pager, help, "
	                "groups, bookmarks)");
	if (!n)
		return;
	const char **keys = cfg_map_keys(ld, n, "keys");
	for (size_t i = 0; i < n->npairs; i++) {
		const struct ydoc_node *k = n->pairs[i].key;
		const struct ydoc_node *v = n->pairs[i].value;
		if (!keys[i])
			continue;
		int ctx = -1;
		for (int c = 0; c < CTX_COUNT; c++)
			if (!strcmp(keys[i], context_names()[c]))
				ctx = c;
		if (ctx < 0)
			cfg_err_unknown(ld, k->line, k->col, "keys", "context",
			                keys[i], context_names(), CTX_COUNT,
			                "global, list, pager, help, groups or "
			                "bookmarks");
		else
			load_context(ld, (enum keymap_context)ctx, v);
	}
	free(keys);
}

/* Conflicts. */

static bool
seq_is_prefix(const struct keyseq *p, const struct keyseq *s)
{
	return p->n < s->n &&
	       !memcmp(p->keys, s->keys, (size_t)p->n * sizeof p->keys[0]);
}

static void
warn_conflict(struct diag_list *diags, const struct binding *dead,
              const struct binding *by, enum keymap_context where,
              const char *how)
{
	struct strbuf a, b;
	sb_init(&a);
	sb_init(&b);
	keyseq_format(&dead->seq, &a);
	keyseq_format(&by->seq, &b);
	diag_add(diags, DIAG_WARNING, NULL, 0, 0,
	         "keys.%s: '%s' (%s) %s%s%s: '%s' (%s) is bound in %s",
	         keymap_context_name(dead->ctx), a.buf,
	         action_name(dead->action), how,
	         dead->ctx != where ? " in " : "",
	         dead->ctx != where ? keymap_context_name(where) : "", b.buf,
	         action_name(by->action), keymap_context_name(by->ctx));
	sb_fini(&a);
	sb_fini(&b);
}

/* Whether every context binds the global binding g's keys itself, so
 * that g is never looked up. */
static bool
global_unreachable(const struct keymap *km, const struct binding *g)
{
	for (int c = 0; c < CTX_COUNT; c++) {
		if (c == CTX_GLOBAL)
			continue;
		bool bound = false;
		for (size_t i = 0; i < km->n && !bound; i++)
			bound = km->v[i].ctx == (enum keymap_context)c &&
			        km->v[i].seq.n == g->seq.n &&
			        !memcmp(km->v[i].seq.keys, g->seq.keys,
			                (size_t)g->seq.n *
			                        sizeof g->seq.keys[0]);
		if (!bound)
			return false;
	}
	return true;
}

/*
 * keymap_lookup tries the focused context and falls back to global only
 * when nothing there starts with the keys typed.  So in a context C:
 *  - a sequence bound in C behind a shorter one bound in C never runs;
 *  - a global sequence behind a shorter one bound in C never runs in C;
 *  - a global sequence that starts a longer one bound in C never runs
 *    in C (C answers "prefix" and waits).
 */
size_t
config_conflicts(const struct config *cfg, struct diag_list *diags)
{
	const struct keymap *km = &cfg->keymap;
	size_t count = 0;

	for (size_t i = 0; i < km->n; i++) {
		const struct binding *x = &km->v[i];
		for (int k = 0; k < x->seq.n; k++) {
			const char *why = keys_unsendable(x->seq.keys[k]);
			if (!why)
				continue;
			struct strbuf sb;
			sb_init(&sb);
			keyseq_format(&x->seq, &sb);
			diag_add(diags, DIAG_WARNING, NULL, 0, 0,
			         "keys.%s: '%s' (%s) can never be typed: %s",
			         keymap_context_name(x->ctx), sb.buf,
			         action_name(x->action), why);
			sb_fini(&sb);
			count++;
			break;
		}
		if (x->ctx == CTX_GLOBAL && global_unreachable(km, x)) {
			struct strbuf sb;
			sb_init(&sb);
			keyseq_format(&x->seq, &sb);
			diag_add(diags, DIAG_WARNING, NULL, 0, 0,
			         "keys.global: '%s' (%s) can never be typed: "
			         "every view binds '%s' to something else",
			         sb.buf, action_name(x->action), sb.buf);
			sb_fini(&sb);
			count++;
		}
		for (size_t j = 0; j < km->n; j++) {
			const struct binding *y = &km->v[j];
			if (i == j)
				continue;
			/* y is shadowed where x is looked up first: in its
			 * own context by a prefix, or, for a global y, by a
			 * context binding that is its prefix or extends it. */
			bool in_ctx =
			        x->ctx != CTX_GLOBAL && y->ctx == CTX_GLOBAL;
			if ((x->ctx == y->ctx &&
			     seq_is_prefix(&x->seq, &y->seq)) ||
			    (in_ctx && (seq_is_prefix(&x->seq, &y->seq) ||
			                seq_is_prefix(&y->seq, &x->seq)))) {
				warn_conflict(diags, y, x, x->ctx,
				              "can never be typed");
				count++;
			}
		}
	}
	return count;
}
