/*
 * state_parse.c - a state file's text to a raw state.
 *
 * The text is parsed with yamldoc (no aliases: the writer never makes
 * any) and checked against the format in state.h: types, ranges and the
 * caps.  The first problem stops the parse and is reported with its
 * position; the result is not normalised (state_merge does that).
 */
#include "state_int.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yamldoc.h"

#define OFFSET_MAX                                                    \
	((uint64_t)SIZE_MAX < (uint64_t)INT64_MAX ? (int64_t)SIZE_MAX \
	                                          : INT64_MAX)

static int bad(struct state_parse *p, const struct ydoc_node *n,
               const char *fmt, ...) LECTERN_PRINTF(3, 4);

static int
bad(struct state_parse *p, const struct ydoc_node *n, const char *fmt, ...)
{
	va_list ap;
	if (p->why)
		return -1;
	va_start(ap, fmt);
	p->why = xvasprintf(fmt, ap);
	va_end(ap);
	p->line = n ? n->line : 0;
	p->col = n ? n->col : 0;
	return -1;
}

static bool
key_is(const struct ydoc_pair *pr, const char *k)
{
	const struct ydoc_node *n = pr->key;
	return n->kind == YDOC_SCALAR && n->len == strlen(k) &&
	       !memcmp(n->text, k, n->len);
}

/* A string into *out (replacing it); null leaves NULL, or is an error
 * when required. */
static int
get_str(struct state_parse *p, const struct ydoc_node *n, const char *what,
        bool required, char **out)
{
	if (n->kind != YDOC_SCALAR)
		return bad(p, n, "%s: expected a string", what);
	free(*out);
	*out = NULL;
	if (required && (ydoc_is_null(n) || n->len == 0))
		return bad(p, n, "%s: must not be empty", what);
	if (ydoc_is_null(n))
		return 0;
	if (strlen(n->text) != n->len)
		return bad(p, n, "%s: contains a NUL byte", what);
	*out = xstrndup(n->text, n->len);
	return 0;
}

/* A plain decimal integer in [min, max]. */
static int
get_int(struct state_parse *p, const struct ydoc_node *n, const char *what,
        int64_t min, int64_t max, int64_t *out)
{
	const char *t = n->text;
	bool neg = false;
	uint64_t v = 0, lim;

	if (n->kind != YDOC_SCALAR || !n->plain)
		return bad(p, n, "%s: expected an integer", what);
	if (*t == '-') {
		neg = true;
		t++;
	}
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (!*t || (size_t)(t - n->text) + strlen(t) != n->len)
		return bad(p, n, "%s: expected an integer", what);
	for (; *t; t++) {
		unsigned d = (unsigned)(*t - '0');
		if (d > 9)
			return bad(p, n, "%s: expected an integer", what);
		if (v > (lim - d) / 10)
			return bad(p, n, "%s: out of range", what);
		v = v * 10 + d;
	}
	*out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v)
	           : (int64_t)v;
	if (*out < min || *out > max)
		return bad(p, n, "%s: out of range", what);
	return 0;
}

static int
get_bool(struct state_parse *p, const struct ydoc_node *n, const char *what,
         bool *out)
{
	if (n->kind == YDOC_SCALAR && n->plain && !strcmp(n->text, "true"))
		*out = true;
	else if (n->kind == YDOC_SCALAR && n->plain &&
	         !strcmp(n->text, "false"))
		*out = false;
	else
		return bad(p, n, "%s: expected true or false", what);
	return 0;
}

/* 1 for a sequence of at most max items, 0 for null, -1 otherwise. */
static int
get_seq(struct state_parse *p, const struct ydoc_node *n, const char *what,
        size_t max)
{
	if (n->kind == YDOC_SCALAR && ydoc_is_null(n))
		return 0;
	if (n->kind != YDOC_SEQUENCE)
		return bad(p, n, "%s: expected a list", what);
	if (n->nitems > max)
		return bad(p, n, "%s: more than %zu entries", what, max);
	return 1;
}

static int
parse_mark(struct state_parse *p, const struct ydoc_node *n, struct bookmark *b)
{
	int64_t v = 0;
	bool offset = false;
	int rc = 0;

	if (n->kind != YDOC_MAPPING)
		return bad(p, n, "bookmark: expected a mapping");
	for (size_t i = 0; i < n->npairs && !rc; i++) {
		const struct ydoc_pair *pr = &n->pairs[i];
		if (key_is(pr, "id"))
			rc = get_str(p, pr->value, "bookmark id", true, &b->id);
		else if (key_is(pr, "note"))
			rc = get_str(p, pr->value, "note", false, &b->note);
		else if (key_is(pr, "offset")) {
			rc = get_int(p, pr->value, "offset", 0, OFFSET_MAX, &v);
			b->offset = (size_t)v;
			offset = true;
		} else if (key_is(pr, "created")) {
			rc = get_int(p, pr->value, "created", INT64_MIN,
			             INT64_MAX, &b->created);
		}
	}
	if (!rc && (!b->id || !offset))
		rc = bad(p, n, "bookmark: needs an id and an offset");
	return rc;
}

static int
parse_marks(struct state_parse *p, const struct ydoc_node *n,
            struct article_state *a)
{
	if (a->marks)
		return bad(p, n, "bookmarks: given twice");
	int rc = get_seq(p, n, "bookmarks", STATE_MAX_BOOKMARKS);
	if (rc <= 0)
		return rc;
	a->marks = xcalloc(n->nitems, sizeof *a->marks);
	a->capmarks = n->nitems;
	for (size_t i = 0; i < n->nitems; i++) {
		a->nmarks++;
		if (parse_mark(p, n->items[i], &a->marks[i]) < 0)
			return -1;
	}
	return 0;
}

static int
parse_article(struct state_parse *p, const struct ydoc_node *n,
              struct article_state *a)
{
	int64_t v = 0;
	int rc = 0;

	if (n->kind != YDOC_MAPPING)
		return bad(p, n, "article: expected a mapping");
	for (size_t i = 0; i < n->npairs && !rc; i++) {
		const struct ydoc_pair *pr = &n->pairs[i];
		const struct ydoc_node *val = pr->value;
		if (key_is(pr, "path"))
			rc = get_str(p, val, "path", true, &a->path);
		else if (key_is(pr, "hash"))
			rc = get_str(p, val, "hash", false, &a->hash);
		else if (key_is(pr, "read"))
			rc = get_bool(p, val, "read", &a->read);
		else if (key_is(pr, "anchor")) {
			rc = get_int(p, val, "anchor", 0, OFFSET_MAX, &v);
			a->anchor = (size_t)v;
		} else if (key_is(pr, "progress")) {
			rc = get_int(p, val, "progress", 0, 100, &v);
			a->progress = (int)v;
		} else if (key_is(pr, "updated") && p->version == 1) {
			/* Version 1: one time, in seconds, for all. */
			rc = get_int(p, val, "updated", INT64_MIN / 1000,
			             INT64_MAX / 1000, &v);
			if (!rc)
				a->read_at = a->anchor_at = v * 1000;
		} else if (key_is(pr, "read-at")) {
			rc = get_int(p, val, "read-at", INT64_MIN, INT64_MAX,
			             &a->read_at);
		} else if (key_is(pr, "anchor-at")) {
			rc = get_int(p, val, "anchor-at", INT64_MIN, INT64_MAX,
			             &a->anchor_at);
		} else if (key_is(pr, "progress-reset")) {
			rc = get_int(p, val, "progress-reset", INT64_MIN,
			             INT64_MAX, &a->progress_reset);
		} else if (key_is(pr, "size")) {
			rc = get_int(p, val, "size", 0, INT64_MAX, &a->size);
		} else if (key_is(pr, "bookmarks")) {
			rc = parse_marks(p, val, a);
		}
	}
	if (!rc && !a->path)
		rc = bad(p, n, "article: no path");
	return rc;
}

static int
parse_list(struct state_parse *p, const struct ydoc_pair *pr, struct state *s)
{
	const struct ydoc_node *n = pr->value;
	int rc;

	if ((key_is(pr, "groups-off") && s->groups_off) ||
	    (key_is(pr, "articles") && s->v) ||
	    (key_is(pr, "deleted-bookmarks") && s->dead))
		return bad(p, pr->key, "a list given twice");
	if (key_is(pr, "groups-off")) {
		if ((rc = get_seq(p, n, "groups-off", STATE_MAX_GROUPS)) <= 0)
			return rc;
		s->groups_off = xcalloc(n->nitems, sizeof *s->groups_off);
		for (size_t i = 0; i < n->nitems; i++)
			if (get_str(p, n->items[i], "group", true,
			            &s->groups_off[s->ngroups_off++]) < 0)
				return -1;
	} else if (key_is(pr, "articles")) {
		if ((rc = get_seq(p, n, "articles", STATE_MAX_ARTICLES)) <= 0)
			return rc;
		s->v = xcalloc(n->nitems, sizeof *s->v);
		s->cap = n->nitems;
		for (size_t i = 0; i < n->nitems; i++)
			if (parse_article(p, n->items[i], &s->v[s->n++]) < 0)
				return -1;
	} else if (key_is(pr, "deleted-bookmarks")) {
		rc = get_seq(p, n, "deleted-bookmarks", STATE_MAX_TOMBSTONES);
		if (rc <= 0)
			return rc;
		s->dead = xcalloc(n->nitems, sizeof *s->dead);
		s->capdead = n->nitems;
		for (size_t i = 0; i < n->nitems; i++) {
			const struct ydoc_node *t = n->items[i];
			struct tombstone *d = &s->dead[s->ndead++];
			if (t->kind != YDOC_MAPPING)
				return bad(p, t,
				           "deleted bookmark: expected a "
				           "mapping");
			for (size_t j = 0; j < t->npairs; j++) {
				const struct ydoc_pair *q = &t->pairs[j];
				if (key_is(q, "id"))
					rc = get_str(p, q->value, "id", true,
					             &d->id);
				else if (key_is(q, "at"))
					rc = get_int(p, q->value, "at",
					             INT64_MIN, INT64_MAX,
					             &d->at);
				if (rc < 0)
					return -1;
			}
			if (!d->id)
				return bad(p, t, "deleted bookmark: no id");
		}
	}
	return 0;
}

/* 0 and s filled; 1 when the file is from a newer lectern; -1 corrupt. */
static int
parse_root(struct state_parse *p, const struct ydoc_node *root, struct state *s)
{
	const struct ydoc_node *ver = NULL;
	int64_t v = 0;
	int rc = 0;

	if (!root || ydoc_is_null(root))
		return bad(p, NULL, "empty file");
	if (root->kind != YDOC_MAPPING)
		return bad(p, root, "expected a mapping");
	for (size_t i = 0; i < root->npairs; i++)
		if (key_is(&root->pairs[i], "version"))
			ver = root->pairs[i].value;
	if (!ver)
		return bad(p, root, "no version");
	if (get_int(p, ver, "version", 1, INT_MAX, &v) < 0)
		return -1;
	if (v > STATE_VERSION)
		return 1;
	p->version = (int)v;
	for (size_t i = 0; i < root->npairs && !rc; i++) {
		const struct ydoc_pair *pr = &root->pairs[i];
		if (key_is(pr, "root"))
			rc = get_str(p, pr->value, "root", false, &s->root);
		else if (key_is(pr, "selected"))
			rc = get_str(p, pr->value, "selected", false,
			             &s->selected);
		else if (key_is(pr, "sort"))
			rc = get_str(p, pr->value, "sort", false, &s->sort);
		else if (key_is(pr, "filter"))
			rc = get_str(p, pr->value, "filter", false, &s->filter);
		else if (key_is(pr, "search"))
			rc = get_str(p, pr->value, "search", false, &s->search);
		else
			rc = parse_list(p, pr, s);
	}
	return rc;
}

int
state_parse_text(struct state_parse *p, const char *text, size_t len,
                 struct state *s)
{
	/* What lectern wrote, fast; anything else through libyaml. */
	int v = state_parse_fast(text, len, s);
	if (v > 0) {
		p->version = v;
		return 0;
	}
	state_fini(s);
	state_init(s);
	if (len > STATE_MAX_YAML_BYTES) {
		p->why = xasprintf("larger than %d bytes and not in the form "
		                   "lectern writes",
		                   STATE_MAX_YAML_BYTES);
		return -1;
	}
	return state_parse_yaml(p, text, len, s);
}

int
state_parse_yaml(struct state_parse *p, const char *text, size_t len,
                 struct state *s)
{
	static const struct ydoc_limits lim = {
	        .max_depth = 16,
	        .max_aliases = 0, /* the writer never makes any */
	        .max_scalar = STATE_MAX_STRING,
	};
	struct ydoc doc;
	struct ydoc_error err;
	int rc;

	if (ydoc_parse(&doc, text, len, &lim, 1, &err) < 0) {
		p->why = xstrdup(err.problem == YDOC_ERR_ALIASES
		                         ? "an alias: state files have none"
		                         : err.msg);
		p->line = err.line;
		p->col = err.col;
		rc = -1;
	} else {
		rc = parse_root(p, doc.root, s);
	}
	ydoc_error_fini(&err);
	ydoc_fini(&doc);
	return rc;
}
