/*
 * config.c - reading config.yaml (and the built-in defaults) with libyaml.
 *
 * A load works on a copy of the config and swaps it in only when the whole
 * file was good, so a bad file changes nothing; every problem is reported
 * with its position and dotted path (keys.pager, themes.mine.title,
 * highlight[2].style), up to CFG_MAX_ERRORS of them.
 *
 * The file is untrusted in the same ways as article front matter (see
 * frontmatter.c): before the document is built, a streaming pass over the
 * events refuses deep nesting, too many aliases, an alias inside the
 * collection it names, oversized scalars and a second document.  The walk
 * afterwards only descends the fixed shape of a config, so it is bounded.
 * Work that grows faster than linearly (keymap_bind, theme chains) is
 * bounded by caps on bindings and themes.
 *
 * A user theme's element style records only the fields the file gives:
 * the others hold STYLE_UNSET_COLOR / STYLE_UNSET_ATTRS in theme_def.roles
 * and are inherited when the theme is resolved.
 */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "color.h"
#include "keys.h"
#include "utf8.h"

enum {
	CFG_MAX_ERRORS = 50,
	CFG_MAX_BINDINGS = 1024, /* per file: keymap_bind is linear */
	CFG_MAX_THEMES = 64,     /* in all: chains are resolved linearly */
	CFG_MAX_GROUPS = 256,
	CFG_SUGGEST_MAX = 2, /* edit distance for "did you mean" */
};

#define STYLE_UNSET_COLOR (-2)
#define STYLE_UNSET_ATTRS 0x80000000u

/* What one load works with. */
struct load {
	const char *file;
	const unsigned char *text;
	size_t len;
	struct diag_list *diags;
	yaml_document_t *doc;
	struct config *cfg; /* the copy being built */
	int errors;
	bool builtin;
	size_t nbindings;
};

static const char *const sections[] = {"keys", "theme", "themes", "highlight"};

/* Allocation and copying of the parts of a config. */

static void
theme_def_free(struct theme_def *t)
{
	free(t->name);
	free(t->inherit);
}

static void
group_free(struct hl_group *g)
{
	free(g->name);
	for (size_t i = 0; i < g->nwords; i++)
		free(g->words[i]);
	free(g->words);
	for (size_t i = 0; i < g->npatterns; i++)
		free(g->patterns[i]);
	free(g->patterns);
}

static char **
strv_copy(char *const *v, size_t n)
{
	char **c = xmalloc((n ? n : 1) * sizeof *c);
	for (size_t i = 0; i < n; i++)
		c[i] = xstrdup(v[i]);
	return c;
}

static void
config_copy(struct config *dst, const struct config *src)
{
	config_init(dst);
	xgrow(&dst->keymap.v, &dst->keymap.cap, src->keymap.n,
	      sizeof *dst->keymap.v);
	if (src->keymap.n)
		memcpy(dst->keymap.v, src->keymap.v,
		       src->keymap.n * sizeof *src->keymap.v);
	dst->keymap.n = src->keymap.n;
	free(dst->theme_name);
	dst->theme_name = xstrdup(src->theme_name);
	dst->themes = xmalloc((src->nthemes ? src->nthemes : 1) *
	                      sizeof *dst->themes);
	for (size_t i = 0; i < src->nthemes; i++) {
		dst->themes[i] = src->themes[i];
		dst->themes[i].name = xstrdup(src->themes[i].name);
		dst->themes[i].inherit =
		        src->themes[i].inherit ? xstrdup(src->themes[i].inherit)
		                               : NULL;
	}
	dst->nthemes = src->nthemes;
	dst->theme = src->theme;
	dst->groups = xmalloc((src->ngroups ? src->ngroups : 1) *
	                      sizeof *dst->groups);
	for (size_t i = 0; i < src->ngroups; i++) {
		const struct hl_group *g = &src->groups[i];
		dst->groups[i] = *g;
		dst->groups[i].name = xstrdup(g->name);
		dst->groups[i].words = strv_copy(g->words, g->nwords);
		dst->groups[i].patterns = strv_copy(g->patterns, g->npatterns);
	}
	dst->ngroups = src->ngroups;
}

void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	keymap_init(&cfg->keymap);
	cfg->theme_name = xstrdup("dark");
	theme_default(&cfg->theme);
}

void
config_fini(struct config *cfg)
{
	keymap_fini(&cfg->keymap);
	free(cfg->theme_name);
	for (size_t i = 0; i < cfg->nthemes; i++)
		theme_def_free(&cfg->themes[i]);
	free(cfg->themes);
	for (size_t i = 0; i < cfg->ngroups; i++)
		group_free(&cfg->groups[i]);
	free(cfg->groups);
	memset(cfg, 0, sizeof *cfg);
}

/* Diagnostics. */

static int
clamp_int(size_t v)
{
	return v > (size_t)INT_MAX - 1 ? INT_MAX : (int)v + 1;
}

static void cfg_err(struct load *ld, yaml_mark_t m, const char *path,
                    const char *fmt, ...) LECTERN_PRINTF(4, 5);

/*
 * Adds "PATH: message" at mark m (0-based, as libyaml counts).  Names from
 * the file may hold control characters (written as escapes): they are
 * masked so a message cannot drive the terminal.
 */
static void
cfg_err(struct load *ld, yaml_mark_t m, const char *path, const char *fmt, ...)
{
	va_list ap;
	ld->errors++;
	if (ld->errors > CFG_MAX_ERRORS + 1)
		return;
	if (ld->errors == CFG_MAX_ERRORS + 1) {
		diag_add(ld->diags, DIAG_ERROR, ld->file, clamp_int(m.line),
		         clamp_int(m.column), "more errors, not reported");
		return;
	}
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	if (path && *path)
		diag_add(ld->diags, DIAG_ERROR, ld->file, clamp_int(m.line),
		         clamp_int(m.column), "%s: %s", path, msg);
	else
		diag_add(ld->diags, DIAG_ERROR, ld->file, clamp_int(m.line),
		         clamp_int(m.column), "%s", msg);
	free(msg);
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Optimal string alignment distance, ignoring ASCII case; short strings
 * only (callers skip pairs whose lengths differ by more than the limit). */
static size_t
edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t *d = xmalloc((la + 1) * (lb + 1) * sizeof *d);
#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (size_t i = 0; i <= la; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= lb; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = lower(a[i - 1]) != lower(b[j - 1]);
			size_t v = D(i - 1, j - 1) + cost;
			if (D(i - 1, j) + 1 < v)
				v = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < v)
				v = D(i, j - 1) + 1;
			if (i > 1 && j > 1 &&
			    lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) &&
			    D(i - 2, j - 2) + 1 < v)
				v = D(i - 2, j - 2) + 1;
			D(i, j) = v;
		}
	size_t r = D(la, lb);
#undef D
	free(d);
	return r;
}

/* The candidate closest to s, if it is close enough to be a typo. */
static const char *
suggest(const char *s, const char *const *cand, size_t n)
{
	const char *best = NULL;
	size_t best_d = CFG_SUGGEST_MAX + 1, ls = strlen(s);
	for (size_t i = 0; i < n; i++) {
		size_t lc = strlen(cand[i]);
		if (ls > lc + CFG_SUGGEST_MAX || lc > ls + CFG_SUGGEST_MAX)
			continue;
		size_t d = edit_distance(s, ls, cand[i], lc);
		/* One slip in a short name, two in a longer one. */
		if (d < best_d && d <= (ls <= 4 ? 1u : 2u)) {
			best = cand[i];
			best_d = d;
		}
	}
	return best;
}

/* "unknown WHAT 'S' (did you mean 'X'?)", or (expected ...) without one. */
static void
err_unknown(struct load *ld, yaml_mark_t m, const char *path, const char *what,
            const char *s, const char *const *cand, size_t n,
            const char *expected)
{
	const char *best = suggest(s, cand, n);
	if (best)
		cfg_err(ld, m, path, "unknown %s '%s' (did you mean '%s'?)",
		        what, s, best);
	else if (expected)
		cfg_err(ld, m, path, "unknown %s '%s' (expected %s)", what, s,
		        expected);
	else
		cfg_err(ld, m, path, "unknown %s '%s'", what, s);
}

/* Nodes. */

static yaml_node_t *
node(struct load *ld, int id)
{
	return yaml_document_get_node(ld->doc, id);
}

static const char *
text_of(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* "~", "null" and nothing at all, written plainly, mean "no value". */
static bool
is_null(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = text_of(n);
	return n->data.scalar.length == 0 || !strcmp(s, "~") ||
	       !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* The text of a string node, or NULL after an error "expected WHAT". */
static const char *
string_of(struct load *ld, const yaml_node_t *n, const char *path,
          const char *what)
{
	if (n->type != YAML_SCALAR_NODE) {
		cfg_err(ld, n->start_mark, path, "expected %s", what);
		return NULL;
	}
	if (strlen(text_of(n)) != n->data.scalar.length) {
		cfg_err(ld, n->start_mark, path, "a NUL character in %s", what);
		return NULL;
	}
	return text_of(n);
}

static size_t
npairs(const yaml_node_t *n)
{
	return (size_t)(n->data.mapping.pairs.top -
	                n->data.mapping.pairs.start);
}

static size_t
nitems(const yaml_node_t *n)
{
	return (size_t)(n->data.sequence.items.top -
	                n->data.sequence.items.start);
}

struct key_ref {
	const char *key;
	size_t pos;
};

static int
key_ref_cmp(const void *a, const void *b)
{
	const struct key_ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/*
 * The keys of mapping n, as strings, with an error for each key that is
 * not one or repeats an earlier key (those are NULL).  Sorting keeps this
 * O(n log n) for a hostile mapping.  Caller frees the array.
 */
static const char **
map_keys(struct load *ld, const yaml_node_t *n, const char *path)
{
	size_t np = npairs(n), nrefs = 0;
	const char **keys = xcalloc(np ? np : 1, sizeof *keys);
	struct key_ref *refs = xmalloc((np ? np : 1) * sizeof *refs);
	for (size_t i = 0; i < np; i++) {
		yaml_node_t *k = node(ld, n->data.mapping.pairs.start[i].key);
		if (!k)
			continue;
		keys[i] = string_of(ld, k, path, "a name");
		if (keys[i])
			refs[nrefs++] = (struct key_ref){keys[i], i};
	}
	qsort(refs, nrefs, sizeof *refs, key_ref_cmp);
	for (size_t i = 1; i < nrefs; i++) {
		if (strcmp(refs[i].key, refs[i - 1].key))
			continue;
		size_t first = i - 1;
		while (first > 0 && !strcmp(refs[first - 1].key, refs[i].key))
			first--;
		yaml_node_t *k0 = node(
		        ld, n->data.mapping.pairs.start[refs[first].pos].key);
		yaml_node_t *k =
		        node(ld, n->data.mapping.pairs.start[refs[i].pos].key);
		cfg_err(ld, k->start_mark, path,
		        "'%s' given twice (first on line %d)", refs[i].key,
		        clamp_int(k0->start_mark.line));
		keys[refs[i].pos] = NULL;
	}
	free(refs);
	return keys;
}

/* A mapping node, or NULL after an error (or silently for null). */
static const yaml_node_t *
mapping_of(struct load *ld, const yaml_node_t *n, const char *path,
           const char *what)
{
	if (is_null(n))
		return NULL;
	if (n->type != YAML_MAPPING_NODE) {
		cfg_err(ld, n->start_mark, path, "expected %s", what);
		return NULL;
	}
	return n;
}

/*
 * Calls fn for each item of a string or list of strings; a null value is
 * an empty list.  Items that are not strings are errors.
 */
static void
each_string(struct load *ld, const yaml_node_t *n, const char *path,
            const char *what,
            void (*fn)(struct load *, const yaml_node_t *, const char *,
                       const char *, void *),
            void *arg)
{
	if (is_null(n))
		return;
	if (n->type == YAML_SCALAR_NODE) {
		const char *s = string_of(ld, n, path, what);
		if (s)
			fn(ld, n, s, path, arg);
		return;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		cfg_err(ld, n->start_mark, path, "expected %s", what);
		return;
	}
	for (size_t i = 0; i < nitems(n); i++) {
		yaml_node_t *it = node(ld, n->data.sequence.items.start[i]);
		if (!it)
			continue;
		const char *s = string_of(ld, it, path, what);
		if (s)
			fn(ld, it, s, path, arg);
	}
}

/* keys: */

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

static void
err_bad_key(struct load *ld, const yaml_node_t *n, const char *s,
            const char *path, size_t at, size_t blen)
{
	yaml_mark_t m = n->start_mark;
	/* Only a plain one-line scalar is the text in the file. */
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    n->start_mark.line == n->end_mark.line)
		m.column += utf8_count(s, at);
	if (blen == 0) {
		cfg_err(ld, m, path, "empty key sequence");
		return;
	}
	char *name = xstrndup(s + at, blen);
	if (keys_parse(name, blen) >= 0) {
		cfg_err(ld, m, path, "'%s' is longer than %d keys", s,
		        KEYSEQ_MAX);
	} else {
		enum { NSPECIAL = K_LAST_SPECIAL_ - K_UP };
		char buf[NSPECIAL + 1][KEY_NAME_MAX];
		const char *cand[NSPECIAL + 1];
		for (int i = 0; i < NSPECIAL; i++)
			cand[i] = keys_name(K_UP + i, buf[i]);
		cand[NSPECIAL] = "Space";
		err_unknown(ld, m, path, "key", name, cand, NSPECIAL + 1, NULL);
	}
	free(name);
}

static void
bind_one(struct load *ld, const yaml_node_t *n, const char *s, const char *path,
         void *arg)
{
	struct ctx_load *cl = arg;
	struct keyseq seq;
	size_t at, blen;

	if (keyseq_parse(s, &seq, &at, &blen) < 0) {
		err_bad_key(ld, n, s, path, at, blen);
		return;
	}
	if (++ld->nbindings == CFG_MAX_BINDINGS + 1)
		cfg_err(ld, n->start_mark, "keys", "more than %d key bindings",
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
			cfg_err(ld, n->start_mark, path,
			        "'%s' is given to both %s (line %d) and %s",
			        sb.buf, action_name(g->action), g->line,
			        action_name(cl->action));
			sb_fini(&sb);
		}
		return;
	}
	xgrow(&cl->given, &cl->cap, cl->ngiven + 1, sizeof *cl->given);
	cl->given[cl->ngiven++] =
	        (struct given){seq, cl->action, clamp_int(n->start_mark.line)};
	if (cl->action == ACT_NONE)
		unbind(&ld->cfg->keymap, cl->ctx, &seq, 0);
	else
		keymap_bind(&ld->cfg->keymap, cl->ctx, &seq, cl->action);
}

static void
load_context(struct load *ld, enum keymap_context ctx, const yaml_node_t *v)
{
	char *path = xasprintf("keys.%s", keymap_context_name(ctx));
	struct ctx_load cl = {.ctx = ctx};

	v = mapping_of(ld, v, path, "a mapping of actions to keys");
	const char **keys = v ? map_keys(ld, v, path) : NULL;
	for (size_t i = 0; v && i < npairs(v); i++) {
		yaml_node_pair_t *pr = &v->data.mapping.pairs.start[i];
		yaml_node_t *k = node(ld, pr->key), *val = node(ld, pr->value);
		if (!keys[i] || !val)
			continue;
		int a = action_lookup(keys[i], strlen(keys[i]));
		if (a < 0) {
			err_unknown(ld, k->start_mark, path, "action", keys[i],
			            action_names(), ACT_COUNT, NULL);
			continue;
		}
		char *sub = xasprintf("%s.%s", path, keys[i]);
		if (is_null(val) || (val->type != YAML_SCALAR_NODE &&
		                     val->type != YAML_SEQUENCE_NODE)) {
			cfg_err(ld, val->start_mark, sub,
			        "expected a key or a list of keys");
		} else {
			cl.action = (enum action)a;
			/* Listing an action replaces its keys. */
			if (a != ACT_NONE)
				unbind(&ld->cfg->keymap, ctx, NULL, a);
			each_string(ld, val, sub, "a key or a list of keys",
			            bind_one, &cl);
		}
		free(sub);
	}
	free(keys);
	free(cl.given);
	free(path);
}

static void
load_keys(struct load *ld, const yaml_node_t *n)
{
	n = mapping_of(ld, n, "keys",
	               "a mapping of contexts (global, list, pager, help)");
	if (!n)
		return;
	const char **keys = map_keys(ld, n, "keys");
	for (size_t i = 0; i < npairs(n); i++) {
		yaml_node_pair_t *pr = &n->data.mapping.pairs.start[i];
		yaml_node_t *k = node(ld, pr->key), *v = node(ld, pr->value);
		if (!keys[i] || !v)
			continue;
		int ctx = -1;
		for (int c = 0; c < CTX_COUNT; c++)
			if (!strcmp(keys[i], context_names()[c]))
				ctx = c;
		if (ctx < 0)
			err_unknown(ld, k->start_mark, "keys", "context",
			            keys[i], context_names(), CTX_COUNT,
			            "global, list, pager or help");
		else
			load_context(ld, (enum keymap_context)ctx, v);
	}
	free(keys);
}

/* Styles. */

static void
load_color(struct load *ld, const yaml_node_t *n, const char *path, int *c)
{
	const char *s = string_of(ld, n, path, "a colour");
	if (s && color_parse(s, c) < 0)
		cfg_err(ld, n->start_mark, path,
		        "expected a colour: a name like red or bright-blue, "
		        "0-255, #rrggbb or default");
}

static void
add_attr(struct load *ld, const yaml_node_t *n, const char *s, const char *path,
         void *arg)
{
	unsigned *attrs = arg;
	unsigned a = style_attr_lookup(s, strlen(s));
	if (a) {
		*attrs |= a;
		return;
	}
	const char *cand[ATTR_BIT_COUNT];
	for (int i = 0; i < ATTR_BIT_COUNT; i++)
		cand[i] = style_attr_name(1u << i);
	err_unknown(ld, n->start_mark, path, "attribute", s, cand,
	            ATTR_BIT_COUNT,
	            "bold, dim, italic, underline, reverse or standout");
}

/* Reads {fg, bg, attrs} into st; fields not given are left as they are. */
static void
load_style(struct load *ld, const yaml_node_t *n, const char *path,
           struct style *st)
{
	static const char *const fields[] = {"fg", "bg", "attrs"};
	if (n->type != YAML_MAPPING_NODE) {
		cfg_err(ld, n->start_mark, path,
		        "expected a style: a mapping like {fg: red, bg: "
		        "default, attrs: [bold]}");
		return;
	}
	const char **keys = map_keys(ld, n, path);
	for (size_t i = 0; i < npairs(n); i++) {
		yaml_node_pair_t *pr = &n->data.mapping.pairs.start[i];
		yaml_node_t *k = node(ld, pr->key), *v = node(ld, pr->value);
		if (!keys[i] || !v)
			continue;
		char *sub = xasprintf("%s.%s", path, keys[i]);
		if (!strcmp(keys[i], "fg")) {
			load_color(ld, v, sub, &st->fg);
		} else if (!strcmp(keys[i], "bg")) {
			load_color(ld, v, sub, &st->bg);
		} else if (!strcmp(keys[i], "attrs")) {
			unsigned attrs = 0;
			each_string(ld, v, sub,
			            "an attribute or a list of attributes",
			            add_attr, &attrs);
			st->attrs = attrs;
		} else {
			err_unknown(ld, k->start_mark, path, "style field",
			            keys[i], fields, 3, "fg, bg or attrs");
		}
		free(sub);
	}
	free(keys);
}

/* themes: and theme: */

static bool
is_builtin_theme(const char *name)
{
	struct theme t;
	return theme_builtin(name, &t) == 0;
}

static struct theme_def *
find_theme(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nthemes; i++)
		if (!strcmp(cfg->themes[i].name, name))
			return &cfg->themes[i];
	return NULL;
}

/*
 * Fills out with theme name: a built-in, or a user theme applied over what
 * it inherits (dark when it names nothing).  Cycles were refused when the
 * themes were loaded; the walk is bounded all the same.
 */
static void
resolve_theme(const struct config *cfg, const char *name, struct theme *out)
{
	const struct theme_def **chain =
	        xmalloc((cfg->nthemes + 1) * sizeof *chain);
	size_t n = 0;

	while (theme_builtin(name, out) < 0) {
		const struct theme_def *def = find_theme(cfg, name);
		if (!def || n > cfg->nthemes || !def->inherit) {
			theme_default(out);
			if (def && n <= cfg->nthemes)
				chain[n++] = def;
			break;
		}
		chain[n++] = def;
		name = def->inherit;
	}
	while (n-- > 0) {
		const struct theme_def *def = chain[n];
		for (int r = 0; r < ROLE_COUNT; r++) {
			if (!def->set[r])
				continue;
			const struct style *s = &def->roles[r];
			if (s->fg != STYLE_UNSET_COLOR)
				out->roles[r].fg = s->fg;
			if (s->bg != STYLE_UNSET_COLOR)
				out->roles[r].bg = s->bg;
			if (!(s->attrs & STYLE_UNSET_ATTRS))
				out->roles[r].attrs = s->attrs;
		}
	}
	free(chain);
}

/* Where a theme of this file was written, for errors found later. */
struct new_theme {
	char *name;
	yaml_mark_t mark, inherit_mark;
};

static void
load_theme_def(struct load *ld, const char *name, const yaml_node_t *k,
               const yaml_node_t *v, struct new_theme *nt)
{
	char *path = xasprintf("themes.%s", name);
	struct theme_def def = {.line = clamp_int(k->start_mark.line),
	                        .col = clamp_int(k->start_mark.column)};
	const char *cand[ROLE_COUNT + 1];

	for (int r = 0; r < ROLE_COUNT; r++) {
		def.roles[r] =
		        (struct style){STYLE_UNSET_COLOR, STYLE_UNSET_COLOR,
		                       STYLE_UNSET_ATTRS};
		cand[r] = role_name((enum role)r);
	}
	cand[ROLE_COUNT] = "inherit";
	nt->mark = nt->inherit_mark = k->start_mark;
	v = mapping_of(ld, v, path, "a mapping of elements to styles");
	const char **keys = v ? map_keys(ld, v, path) : NULL;
	for (size_t i = 0; v && i < npairs(v); i++) {
		yaml_node_pair_t *pr = &v->data.mapping.pairs.start[i];
		yaml_node_t *ek = node(ld, pr->key), *ev = node(ld, pr->value);
		if (!keys[i] || !ev)
			continue;
		char *sub = xasprintf("%s.%s", path, keys[i]);
		int r = role_lookup(keys[i], strlen(keys[i]));
		if (!strcmp(keys[i], "inherit")) {
			const char *s = string_of(ld, ev, sub, "a theme name");
			if (s) {
				def.inherit = xstrdup(s);
				nt->inherit_mark = ev->start_mark;
			}
		} else if (r < 0) {
			err_unknown(ld, ek->start_mark, path, "element",
			            keys[i], cand, ROLE_COUNT + 1, NULL);
		} else {
			load_style(ld, ev, sub, &def.roles[r]);
			def.set[r] = true;
		}
		free(sub);
	}
	free(keys);
	free(path);

	struct config *cfg = ld->cfg;
	struct theme_def *old = find_theme(cfg, name);
	def.name = xstrdup(name);
	if (old) {
		theme_def_free(old);
		*old = def;
		return;
	}
	if (cfg->nthemes == CFG_MAX_THEMES) {
		cfg_err(ld, k->start_mark, "themes", "more than %d themes",
		        CFG_MAX_THEMES);
		theme_def_free(&def);
		return;
	}
	cfg->themes =
	        xrealloc(cfg->themes, (cfg->nthemes + 1) * sizeof *cfg->themes);
	cfg->themes[cfg->nthemes++] = def;
}

/*
 * Refuses an unknown inherit target and inheritance cycles.  A cycle is
 * reported once, at the first theme of this file on it.
 */
static void
check_theme(struct load *ld, const struct new_theme *nts, size_t nnt,
            size_t which)
{
	const struct config *cfg = ld->cfg;
	const struct new_theme *nt = &nts[which];
	const struct theme_def *t = find_theme(cfg, nt->name);
	char *path = xasprintf("themes.%s", nt->name);

	if (!t || !t->inherit)
		goto out;
	if (!is_builtin_theme(t->inherit) && !find_theme(cfg, t->inherit)) {
		size_t n = theme_builtin_count();
		const char **cand = xmalloc((n + cfg->nthemes) * sizeof *cand);
		for (size_t i = 0; i < n; i++)
			cand[i] = theme_builtin_name(i);
		for (size_t i = 0; i < cfg->nthemes; i++)
			cand[n + i] = cfg->themes[i].name;
		char *sub = xasprintf("%s.inherit", path);
		err_unknown(ld, nt->inherit_mark, sub, "theme", t->inherit,
		            cand, n + cfg->nthemes, NULL);
		free(sub);
		free(cand);
		goto out;
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, t->name);
	const struct theme_def *cur = t;
	for (size_t steps = 0; steps <= cfg->nthemes; steps++) {
		if (!cur->inherit || is_builtin_theme(cur->inherit))
			break;
		cur = find_theme(cfg, cur->inherit);
		if (!cur)
			break;
		sb_addf(&sb, " -> %s", cur->name);
		if (cur != t)
			continue;
		/* Back at t: report unless an earlier theme of this file is
		 * on the same cycle. */
		bool first = true;
		const struct theme_def *c = t;
		do {
			c = find_theme(cfg, c->inherit);
			for (size_t i = 0; i < which; i++)
				if (!strcmp(nts[i].name, c->name))
					first = false;
		} while (c != t);
		if (first)
			cfg_err(ld, nt->mark, path,
			        "theme '%s' inherits itself: %s", t->name,
			        sb.buf);
		break;
	}
	sb_fini(&sb);
	(void)nnt;
out:
	free(path);
}

static void
load_themes(struct load *ld, const yaml_node_t *n)
{
	n = mapping_of(ld, n, "themes", "a mapping of theme names to themes");
	if (!n)
		return;
	const char **keys = map_keys(ld, n, "themes");
	struct new_theme *nts = xcalloc(npairs(n) + 1, sizeof *nts);
	size_t nnt = 0;
	for (size_t i = 0; i < npairs(n); i++) {
		yaml_node_pair_t *pr = &n->data.mapping.pairs.start[i];
		yaml_node_t *k = node(ld, pr->key), *v = node(ld, pr->value);
		if (!keys[i] || !v)
			continue;
		if (!*keys[i]) {
			cfg_err(ld, k->start_mark, "themes",
			        "a theme needs a name");
			continue;
		}
		if (is_builtin_theme(keys[i])) {
			cfg_err(ld, k->start_mark, "themes",
			        "'%s' is a built-in theme: give yours another "
			        "name (and 'inherit: %s' to start from it)",
			        keys[i], keys[i]);
			continue;
		}
		nts[nnt].name = xstrdup(keys[i]);
		load_theme_def(ld, keys[i], k, v, &nts[nnt]);
		nnt++;
	}
	for (size_t i = 0; i < nnt; i++)
		check_theme(ld, nts, nnt, i);
	for (size_t i = 0; i < nnt; i++)
		free(nts[i].name);
	free(nts);
	free(keys);
}

static void
load_theme_name(struct load *ld, const yaml_node_t *n)
{
	if (is_null(n))
		return;
	const char *s = string_of(ld, n, "theme", "a theme name");
	if (!s)
		return;
	struct config *cfg = ld->cfg;
	if (!is_builtin_theme(s) && !find_theme(cfg, s)) {
		size_t nb = theme_builtin_count();
		const char **cand = xmalloc((nb + cfg->nthemes) * sizeof *cand);
		for (size_t i = 0; i < nb; i++)
			cand[i] = theme_builtin_name(i);
		for (size_t i = 0; i < cfg->nthemes; i++)
			cand[nb + i] = cfg->themes[i].name;
		err_unknown(ld, n->start_mark, "theme", "theme", s, cand,
		            nb + cfg->nthemes, NULL);
		free(cand);
		return;
	}
	free(cfg->theme_name);
	cfg->theme_name = xstrdup(s);
}

/* highlight: */

static void
add_string(struct load *ld, const yaml_node_t *n, const char *s,
           const char *path, void *arg)
{
	struct {
		char ***v;
		size_t *n, cap;
	} *list = arg;
	if (!*s) {
		cfg_err(ld, n->start_mark, path,
		        "an empty string matches "
		        "nothing");
		return;
	}
	xgrow(list->v, &list->cap, *list->n + 1, sizeof **list->v);
	(*list->v)[(*list->n)++] = xstrdup(s);
}

static void
load_bool(struct load *ld, const yaml_node_t *n, const char *path, bool *b)
{
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes",
	                                  "YES",  "on",   "On",   "ON"};
	static const char *const no[] = {"false", "False", "FALSE", "no", "No",
	                                 "NO",    "off",   "Off",   "OFF"};
	const char *s = string_of(ld, n, path, "true or false");
	if (!s)
		return;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (!strcmp(s, yes[i])) {
			*b = true;
			return;
		}
		if (!strcmp(s, no[i])) {
			*b = false;
			return;
		}
	}
	cfg_err(ld, n->start_mark, path, "expected true or false");
}

static void
load_group(struct load *ld, const yaml_node_t *n, size_t idx,
           struct hl_group *g)
{
	static const char *const fields[] = {"name",       "words",
	                                     "patterns",   "ignore-case",
	                                     "whole-word", "style"};
	char *path = xasprintf("highlight[%zu]", idx);
	struct {
		char ***v;
		size_t *n, cap;
	} words = {&g->words, &g->nwords, 0},
	  pats = {&g->patterns, &g->npatterns, 0};

	memset(g, 0, sizeof *g);
	g->ignore_case = g->whole_word = true;
	g->style = (struct style){COLOR_DEFAULT, COLOR_DEFAULT, ATTR_BOLD};
	g->line = ld->builtin ? 0 : clamp_int(n->start_mark.line);
	if (n->type != YAML_MAPPING_NODE) {
		cfg_err(ld, n->start_mark, path,
		        "expected a mapping with name, words, patterns, "
		        "ignore-case, whole-word and style");
		goto out;
	}
	const char **keys = map_keys(ld, n, path);
	for (size_t i = 0; i < npairs(n); i++) {
		yaml_node_pair_t *pr = &n->data.mapping.pairs.start[i];
		yaml_node_t *k = node(ld, pr->key), *v = node(ld, pr->value);
		if (!keys[i] || !v)
			continue;
		char *sub = xasprintf("%s.%s", path, keys[i]);
		const char *key = keys[i];
		if (!strcmp(key, "name")) {
			const char *s = string_of(ld, v, sub, "a group name");
			if (s && !*s)
				cfg_err(ld, v->start_mark, sub,
				        "a group needs a name");
			else if (s)
				g->name = xstrdup(s);
		} else if (!strcmp(key, "words")) {
			each_string(ld, v, sub, "a word or a list of words",
			            add_string, &words);
		} else if (!strcmp(key, "patterns")) {
			each_string(ld, v, sub,
			            "a pattern or a list of patterns",
			            add_string, &pats);
		} else if (!strcmp(key, "ignore-case")) {
			load_bool(ld, v, sub, &g->ignore_case);
		} else if (!strcmp(key, "whole-word")) {
			load_bool(ld, v, sub, &g->whole_word);
		} else if (!strcmp(key, "style")) {
			load_style(ld, v, sub, &g->style);
		} else {
			err_unknown(ld, k->start_mark, path, "field", key,
			            fields, 6,
			            "name, words, patterns, ignore-case, "
			            "whole-word or style");
		}
		free(sub);
	}
	free(keys);
	if (!g->name)
		cfg_err(ld, n->start_mark, path, "a group needs a name");
out:
	if (!g->words)
		g->words = xmalloc(sizeof *g->words);
	if (!g->patterns)
		g->patterns = xmalloc(sizeof *g->patterns);
	free(path);
}

/* A highlight list replaces the groups there were. */
static void
load_highlight(struct load *ld, const yaml_node_t *n)
{
	if (is_null(n))
		return;
	if (n->type != YAML_SEQUENCE_NODE) {
		cfg_err(ld, n->start_mark, "highlight",
		        "expected a list of keyword groups");
		return;
	}
	size_t ng = nitems(n);
	if (ng > CFG_MAX_GROUPS) {
		cfg_err(ld, n->start_mark, "highlight",
		        "more than %d keyword groups", CFG_MAX_GROUPS);
		return;
	}
	struct hl_group *groups = xcalloc(ng ? ng : 1, sizeof *groups);
	int *lines = xcalloc(ng ? ng : 1, sizeof *lines);
	for (size_t i = 0; i < ng; i++) {
		yaml_node_t *it = node(ld, n->data.sequence.items.start[i]);
		if (!it)
			continue;
		load_group(ld, it, i, &groups[i]);
		lines[i] = clamp_int(it->start_mark.line);
		for (size_t j = 0; groups[i].name && j < i; j++) {
			if (!groups[j].name ||
			    strcmp(groups[j].name, groups[i].name))
				continue;
			char *path = xasprintf("highlight[%zu]", i);
			cfg_err(ld, it->start_mark, path,
			        "a group named '%s' is already on line %d",
			        groups[i].name, lines[j]);
			free(path);
			break;
		}
	}
	free(lines);
	struct config *cfg = ld->cfg;
	for (size_t i = 0; i < cfg->ngroups; i++)
		group_free(&cfg->groups[i]);
	free(cfg->groups);
	cfg->groups = groups;
	cfg->ngroups = ng;
}

/* Parsing. */

static void
report_parser_error(struct load *ld, const yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	const char *problem = p->problem ? p->problem : "cannot parse YAML";

	if (p->error == YAML_MEMORY_ERROR)
		problem = "out of memory while parsing YAML";
	if (p->error == YAML_READER_ERROR) {
		/* A byte offset, not a mark: count as libyaml would. */
		m = (yaml_mark_t){0, 0, 0};
		for (size_t i = 0; i < p->problem_offset && i < ld->len; i++) {
			if (ld->text[i] == '\n') {
				m.line++;
				m.column = 0;
			} else if ((ld->text[i] & 0xC0) != 0x80) {
				m.column++;
			}
		}
		cfg_err(ld, m, NULL, "%s", problem);
	} else if (p->context) {
		cfg_err(ld, m, NULL, "%s (%s at line %d, column %d)", problem,
		        p->context, clamp_int(p->context_mark.line),
		        clamp_int(p->context_mark.column));
	} else {
		cfg_err(ld, m, NULL, "%s", problem);
	}
}

/* The streaming pre-pass described at the top.  Returns 0 when the
 * document may be built. */
static int
check_events(struct load *ld)
{
	yaml_parser_t p;
	yaml_event_t ev;
	char *open[CONFIG_MAX_DEPTH + 1];
	int depth = 0, aliases = 0, docs = 0, rc = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, ld->text, ld->len);
	while (rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			report_parser_error(ld, &p);
			rc = -1;
			break;
		}
		yaml_mark_t m = ev.start_mark;
		char *msg = NULL;
		yaml_char_t *anchor = NULL;
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				msg = xstrdup("more than one YAML document (a "
				              "second '---' line?)");
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == CONFIG_MAX_DEPTH) {
				msg = xasprintf("nested deeper than %d levels",
				                CONFIG_MAX_DEPTH);
				break;
			}
			anchor = ev.type == YAML_SEQUENCE_START_EVENT
			                 ? ev.data.sequence_start.anchor
			                 : ev.data.mapping_start.anchor;
			open[depth++] =
			        anchor ? xstrdup((const char *)anchor) : NULL;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0)
				free(open[--depth]);
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length > CONFIG_MAX_SCALAR)
				msg = xasprintf("a value longer than %d bytes",
				                CONFIG_MAX_SCALAR);
			break;
		case YAML_ALIAS_EVENT:
			if (++aliases > CONFIG_MAX_ALIASES) {
				msg = xasprintf("more than %d aliases",
				                CONFIG_MAX_ALIASES);
				break;
			}
			for (int i = 0; i < depth && !msg; i++)
				if (open[i] &&
				    !strcmp(open[i],
				            (const char *)ev.data.alias.anchor))
					msg = xasprintf(
					        "alias '*%s' inside the "
					        "collection it names",
					        open[i]);
			break;
		default:
			break;
		}
		/* Long anchors would make the alias checks above slow. */
		yaml_char_t *name =
		        ev.type == YAML_SCALAR_EVENT  ? ev.data.scalar.anchor
		        : ev.type == YAML_ALIAS_EVENT ? ev.data.alias.anchor
		                                      : anchor;
		if (!msg && name &&
		    strlen((const char *)name) > CONFIG_MAX_SCALAR)
			msg = xasprintf("an anchor name longer than %d bytes",
			                CONFIG_MAX_SCALAR);
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (msg) {
			cfg_err(ld, m, NULL, "%s", msg);
			free(msg);
			rc = -1;
		} else if (end) {
			break;
		}
	}
	while (depth > 0)
		free(open[--depth]);
	yaml_parser_delete(&p);
	return rc;
}

/* Reports the first byte that is not UTF-8, at its line and column. */
static int
check_utf8(struct load *ld)
{
	const char *s = (const char *)ld->text;
	yaml_mark_t m = {0, 0, 0};

	if (utf8_valid(s, ld->len))
		return 0;
	for (size_t i = 0; i < ld->len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, ld->len - i, &cp);
		if (cp == UTF8_REPLACEMENT &&
		    !(n == 3 && !memcmp(s + i, "\xEF\xBF\xBD", 3))) {
			cfg_err(ld, m, NULL, "not UTF-8 (byte 0x%02x)",
			        (unsigned char)s[i]);
			return -1;
		}
		if (s[i] == '\n') {
			m.line++;
			m.column = 0;
		} else {
			m.column++;
		}
		i += n;
	}
	return -1;
}

static void
load_root(struct load *ld, const yaml_node_t *root)
{
	const yaml_node_t *sec[4] = {NULL, NULL, NULL, NULL};
	const char **keys = map_keys(ld, root, NULL);

	for (size_t i = 0; i < npairs(root); i++) {
		yaml_node_pair_t *pr = &root->data.mapping.pairs.start[i];
		yaml_node_t *k = node(ld, pr->key), *v = node(ld, pr->value);
		if (!keys[i] || !v)
			continue;
		size_t s = 0;
		while (s < 4 && strcmp(keys[i], sections[s]))
			s++;
		if (s < 4)
			sec[s] = v;
		else
			err_unknown(ld, k->start_mark, NULL, "section", keys[i],
			            sections, 4,
			            "keys, theme, themes or highlight");
	}
	free(keys);
	/* themes before theme, which may name one of them. */
	if (sec[0])
		load_keys(ld, sec[0]);
	if (sec[2])
		load_themes(ld, sec[2]);
	if (sec[1])
		load_theme_name(ld, sec[1]);
	if (sec[3])
		load_highlight(ld, sec[3]);
}

static void
parse_and_apply(struct load *ld)
{
	yaml_parser_t p;
	yaml_document_t doc;

	if (ld->len > CONFIG_MAX_BYTES) {
		cfg_err(ld, (yaml_mark_t){0, 0, 0}, NULL,
		        "larger than %d bytes", CONFIG_MAX_BYTES);
		return;
	}
	if (check_utf8(ld) < 0 || check_events(ld) < 0)
		return;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, ld->text, ld->len);
	if (!yaml_parser_load(&p, &doc)) {
		/* Composer errors (an undefined alias) only show up here. */
		report_parser_error(ld, &p);
		yaml_parser_delete(&p);
		return;
	}
	ld->doc = &doc;
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_MAPPING_NODE)
		load_root(ld, root);
	else if (root && !is_null(root))
		cfg_err(ld, root->start_mark, NULL,
		        "expected a mapping of sections (keys, theme, themes, "
		        "highlight)");
	ld->doc = NULL;
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
}

static int
load_text(struct config *cfg, const char *text, size_t len, const char *file,
          struct diag_list *diags, bool builtin)
{
	struct config tmp;
	struct load ld = {
	        .file = file,
	        .text = (const unsigned char *)text,
	        .len = len,
	        .diags = diags,
	        .cfg = &tmp,
	        .builtin = builtin,
	};

	config_copy(&tmp, cfg);
	parse_and_apply(&ld);
	if (ld.errors) {
		config_fini(&tmp);
		return -1;
	}
	resolve_theme(&tmp, tmp.theme_name, &tmp.theme);
	config_fini(cfg);
	*cfg = tmp;
	return 0;
}

int
config_load_string(struct config *cfg, const char *text, size_t len,
                   const char *file, struct diag_list *diags)
{
	return load_text(cfg, text, len, file, diags, false);
}

int
config_load_defaults(struct config *cfg, struct diag_list *diags)
{
	struct config tmp;
	config_init(&tmp);
	if (load_text(&tmp, config_default_yaml, strlen(config_default_yaml),
	              "(built-in config)", diags, true) < 0) {
		config_fini(&tmp);
		return -1;
	}
	config_fini(cfg);
	*cfg = tmp;
	return 0;
}

static const char *
file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

int
config_load_file(struct config *cfg, const char *path, struct diag_list *diags)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;

	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		         strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		         strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0,
		         "is %s, not a config file", file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	if (st.st_size > CONFIG_MAX_BYTES) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "larger than %d bytes",
		         CONFIG_MAX_BYTES);
		close(fd);
		return -1;
	}
	/* One byte more than allowed, to notice a file that grew. */
	char *buf = xmalloc(CONFIG_MAX_BYTES + 1);
	size_t len = 0;
	while (len <= CONFIG_MAX_BYTES) {
		ssize_t r = read(fd, buf + len, CONFIG_MAX_BYTES + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_add(diags, DIAG_ERROR, path, 0, 0,
			         "cannot read: %s", strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	int rc = config_load_string(cfg, buf, len, path, diags);
	free(buf);
	return rc;
}

char *
config_path(const char *explicit, bool *must_exist)
{
	const char *s;

	*must_exist = true;
	if (explicit)
		return xstrdup(explicit);
	if ((s = getenv("LECTERN_CONFIG")) && *s)
		return xstrdup(s);
	*must_exist = false;
	/* The XDG spec says to ignore a relative $XDG_CONFIG_HOME. */
	if ((s = getenv("XDG_CONFIG_HOME")) && *s == '/')
		return xasprintf("%s/lectern/config.yaml", s);
	if ((s = getenv("HOME")) && *s)
		return xasprintf("%s/.config/lectern/config.yaml", s);
	return NULL;
}

/* Dumping. */

static bool
plain_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || s[n - 1] == ' ' || !strcmp(s, "null") || !strcmp(s, "Null") ||
	    !strcmp(s, "NULL"))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             (c >= '0' && c <= '9') || c >= 0x80;
		if (!alnum && (i == 0 || !strchr("-_./+ ", c)))
			return false;
	}
	return true;
}

/* Code points libyaml does not accept unescaped. */
static bool
needs_escape(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n') || cp == 0x7f || cp == '\n' ||
	       (cp >= 0x80 && cp <= 0x9f) || cp == 0xfeff || cp == 0xfffe ||
	       cp == 0xffff;
}

/* Writes s as a YAML scalar: plain when that reads back the same. */
static void
dump_str(struct strbuf *out, const char *s)
{
	size_t n = strlen(s);
	bool escape = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		escape = escape || needs_escape(cp);
	}
	if (!escape && plain_ok(s)) {
		sb_addstr(out, s);
	} else if (!escape) {
		sb_addch(out, '\'');
		for (const char *p = s; *p; p++) {
			if (*p == '\'')
				sb_addch(out, '\'');
			sb_addch(out, *p);
		}
		sb_addch(out, '\'');
	} else {
		sb_addch(out, '"');
		for (size_t i = 0; i < n;) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, n - i, &cp);
			if (cp == '"' || cp == '\\')
				sb_addf(out, "\\%c", (char)cp);
			else if (cp == '\n')
				sb_addstr(out, "\\n");
			else if (cp == '\t')
				sb_addstr(out, "\\t");
			else if (needs_escape(cp))
				sb_addf(out, "\\u%04x", (unsigned)cp);
			else
				sb_add(out, s + i, k);
			i += k;
		}
		sb_addch(out, '"');
	}
}

static void
dump_style(struct strbuf *out, const struct style *st)
{
	char buf[32];
	const char *sep = "";
	sb_addch(out, '{');
	if (st->fg != STYLE_UNSET_COLOR) {
		sb_addf(out, "fg: ");
		dump_str(out, color_name(st->fg, buf));
		sep = ", ";
	}
	if (st->bg != STYLE_UNSET_COLOR) {
		sb_addf(out, "%sbg: ", sep);
		dump_str(out, color_name(st->bg, buf));
		sep = ", ";
	}
	if (!(st->attrs & STYLE_UNSET_ATTRS)) {
		sb_addf(out, "%sattrs: [", sep);
		const char *asep = "";
		for (int b = 0; b < ATTR_BIT_COUNT; b++)
			if (st->attrs & (1u << b)) {
				sb_addf(out, "%s%s", asep,
				        style_attr_name(1u << b));
				asep = ", ";
			}
		sb_addch(out, ']');
	}
	sb_addch(out, '}');
}

static void
dump_list(struct strbuf *out, char *const *v, size_t n)
{
	sb_addch(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addstr(out, ", ");
		dump_str(out, v[i]);
	}
	sb_addch(out, ']');
}

static void
dump_keys(const struct keymap *km, struct strbuf *out)
{
	/* An action the config left without keys is written as "[]": loaded
	 * over the defaults, leaving it out would give its keys back. */
	struct keymap defaults;
	keymap_init(&defaults);
	keymap_defaults(&defaults);
	struct strbuf seq;
	sb_init(&seq);
	sb_addstr(out, "keys:\n");
	for (int c = 0; c < CTX_COUNT; c++) {
		bool any = false;
		sb_addf(out,
		        "  %s:", keymap_context_name((enum keymap_context)c));
		for (int a = ACT_NONE; a < ACT_COUNT; a++) {
			size_t count = 0;
			for (size_t i = 0; i < km->n; i++) {
				const struct binding *b = &km->v[i];
				if ((int)b->ctx != c || (int)b->action != a)
					continue;
				if (count++)
					sb_addstr(out, ", ");
				else
					sb_addf(out, "\n    %s: [",
					        action_name((enum action)a));
				sb_reset(&seq);
				keyseq_format(&b->seq, &seq);
				dump_str(out, seq.buf);
			}
			if (count) {
				sb_addch(out, ']');
				any = true;
				continue;
			}
			for (size_t i = 0; i < defaults.n; i++)
				if ((int)defaults.v[i].ctx == c &&
				    (int)defaults.v[i].action == a) {
					sb_addf(out, "\n    %s: []",
					        action_name((enum action)a));
					any = true;
					break;
				}
		}
		sb_addstr(out, any ? "\n" : " {}\n");
	}
	sb_fini(&seq);
	keymap_fini(&defaults);
}

void
config_dump(const struct config *cfg, struct strbuf *out)
{
	dump_keys(&cfg->keymap, out);
	sb_addstr(out, "theme: ");
	dump_str(out, cfg->theme_name);
	sb_addch(out, '\n');
	if (cfg->nthemes) {
		sb_addstr(out, "themes:\n");
		for (size_t i = 0; i < cfg->nthemes; i++) {
			const struct theme_def *t = &cfg->themes[i];
			sb_addstr(out, "  ");
			dump_str(out, t->name);
			sb_addstr(out, ":");
			if (t->inherit) {
				sb_addstr(out, "\n    inherit: ");
				dump_str(out, t->inherit);
			}
			bool any = t->inherit != NULL;
			for (int r = 0; r < ROLE_COUNT; r++) {
				if (!t->set[r])
					continue;
				sb_addf(out,
				        "\n    %s: ", role_name((enum role)r));
				dump_style(out, &t->roles[r]);
				any = true;
			}
			sb_addstr(out, any ? "\n" : " {}\n");
		}
	}
	if (!cfg->ngroups) {
		sb_addstr(out, "highlight: []\n");
		return;
	}
	sb_addstr(out, "highlight:\n");
	for (size_t i = 0; i < cfg->ngroups; i++) {
		const struct hl_group *g = &cfg->groups[i];
		sb_addstr(out, "  - name: ");
		dump_str(out, g->name);
		sb_addstr(out, "\n    words: ");
		dump_list(out, g->words, g->nwords);
		sb_addstr(out, "\n    patterns: ");
		dump_list(out, g->patterns, g->npatterns);
		sb_addf(out, "\n    ignore-case: %s\n    whole-word: %s\n",
		        g->ignore_case ? "true" : "false",
		        g->whole_word ? "true" : "false");
		sb_addstr(out, "    style: ");
		dump_style(out, &g->style);
		sb_addch(out, '\n');
	}
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
		for (size_t j = 0; j < km->n; j++) {
			const struct binding *y = &km->v[j];
			if (i == j)
				continue;
			if (x->ctx == y->ctx &&
			    seq_is_prefix(&x->seq, &y->seq)) {
				warn_conflict(diags, y, x, x->ctx,
				              "can never be typed");
				count++;
			} else if (x->ctx != CTX_GLOBAL &&
			           y->ctx == CTX_GLOBAL &&
			           seq_is_prefix(&x->seq, &y->seq)) {
				warn_conflict(diags, y, x, x->ctx,
				              "can never be typed");
				count++;
			} else if (x->ctx != CTX_GLOBAL &&
			           y->ctx == CTX_GLOBAL &&
			           seq_is_prefix(&y->seq, &x->seq)) {
				warn_conflict(diags, y, x, x->ctx,
				              "can never be typed");
				count++;
			}
		}
	}
	return count;
}
