/*
 * state.c - reading, merging and atomically writing the reading state.
 *
 * The file format, the identity rule and the merge rule are in state.h.
 * Loading parses the file into a raw state and merges that into an empty
 * one: the merge is the one place that normalises (one entry per path, no
 * duplicate or deleted bookmarks, the caps), so what state_load gives is
 * exactly what a save of it writes, and a file written always loads.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* flock, realpath, gmtime_r */
#endif
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h> /* rename */
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "utf8.h"
#include "yamldoc.h"

#define OFFSET_MAX                                                    \
	((uint64_t)SIZE_MAX < (uint64_t)INT64_MAX ? (int64_t)SIZE_MAX \
	                                          : INT64_MAX)

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* NULL sorts first; two NULLs are equal. */
static int
cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static bool
same_hash(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static int
cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static void
bookmark_fini(struct bookmark *b)
{
	free(b->id);
	free(b->note);
}

static void
article_fini(struct article_state *a)
{
	free(a->path);
	free(a->hash);
	for (size_t i = 0; i < a->nmarks; i++)
		bookmark_fini(&a->marks[i]);
	free(a->marks);
}

void
state_init(struct state *s)
{
	memset(s, 0, sizeof *s);
}

void
state_fini(struct state *s)
{
	free(s->root);
	for (size_t i = 0; i < s->n; i++)
		article_fini(&s->v[i]);
	free(s->v);
	free(s->selected);
	free(s->sort);
	free(s->filter);
	free(s->search);
	for (size_t i = 0; i < s->ngroups_off; i++)
		free(s->groups_off[i]);
	free(s->groups_off);
	for (size_t i = 0; i < s->ndead; i++)
		free(s->dead[i].id);
	free(s->dead);
	memset(s, 0, sizeof *s);
}

static uint64_t
fnv1a(const char *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= 0x100000001b3u;
	}
	return h;
}

char *
state_hash(const char *body, size_t len)
{
	return xasprintf("%016" PRIx64, fnv1a(body ? body : "", len));
}

/* An absolute folder from the environment, or NULL. */
static const char *
env_dir(const char *name)
{
	const char *v = getenv(name);
	return v && v[0] == '/' ? v : NULL;
}

char *
state_path(const char *corpus_root)
{
	const char *xdg = env_dir("XDG_STATE_HOME"), *home = env_dir("HOME");
	char *key = realpath(corpus_root, NULL), *dir, *path;
	const char *base;
	char name[33];
	size_t n = 0, end;

	if (xdg)
		dir = xasprintf("%s/lectern", xdg);
	else if (home)
		dir = xasprintf("%s/.local/state/lectern", home);
	else {
		free(key);
		return NULL;
	}
	if (!key) { /* not there (yet): the root as given, less final '/'s */
		end = strlen(corpus_root);
		while (end > 1 && corpus_root[end - 1] == '/')
			end--;
		key = xstrndup(corpus_root, end);
	}
	end = strlen(key);
	/* The last component, for people looking at the folder. */
	base = key + end;
	while (base > key && base[-1] != '/')
		base--;
	for (; base < key + end && n < sizeof name - 1; base++) {
		char c = *base;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		          (c == '.' && n > 0);
		name[n++] = ok ? c : '_';
	}
	name[n] = '\0';
	path = xasprintf("%s/%s-%016" PRIx64 ".yaml", dir, n ? name : "root",
	                 fnv1a(key, strlen(key)));
	free(dir);
	free(key);
	return path;
}

/* ------------------------------------------------------------ writing */

/*
 * A double-quoted YAML string libyaml reads back byte for byte: quotes,
 * backslashes, controls, line breaks YAML would fold (NEL, LS, PS) and
 * the characters its reader refuses are escaped; bytes that are not UTF-8
 * become U+FFFD.  Cut at STATE_MAX_STRING bytes (of the value read back)
 * on a character boundary so the loader's cap never refuses it.
 */
static void
emit_str(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), out = 0;

	sb_addch(sb, '"');
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char enc[4];
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t m = utf8_encode(cp, enc);
		if (out + m > STATE_MAX_STRING)
			break;
		out += m;
		i += n;
		if (cp == '"' || cp == '\\') {
			sb_addch(sb, '\\');
			sb_addch(sb, (char)cp);
		} else if (cp == '\n' || cp == '\t') {
			sb_addstr(sb, cp == '\n' ? "\\n" : "\\t");
		} else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			sb_addf(sb, "\\x%02" PRIX32, cp);
		} else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
		           cp == 0xFFFE || cp == 0xFFFF) {
			sb_addf(sb, "\\u%04" PRIX32, cp);
		} else {
			sb_add(sb, enc, m);
		}
	}
	sb_addch(sb, '"');
}

static void
emit_key_str(struct strbuf *sb, const char *indent, const char *key,
             const char *v)
{
	if (!v)
		return;
	sb_addf(sb, "%s%s: ", indent, key);
	emit_str(sb, v);
	sb_addch(sb, '\n');
}

static int
cmp_article_p(const void *pa, const void *pb)
{
	const struct article_state *a =
	        *(const struct article_state *const *)pa;
	const struct article_state *b =
	        *(const struct article_state *const *)pb;
	int c = strcmp(a->path, b->path);
	return c ? c : cmp_str(a->hash, b->hash);
}

static int
cmp_mark(const struct bookmark *a, const struct bookmark *b)
{
	int c;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	if ((c = cmp_str(a->note, b->note)))
		return c;
	return strcmp(a->id, b->id);
}

static int
cmp_mark_p(const void *pa, const void *pb)
{
	return cmp_mark(*(const struct bookmark *const *)pa,
	                *(const struct bookmark *const *)pb);
}

static int
cmp_dead(const void *pa, const void *pb)
{
	const struct tombstone *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);
	return c ? c : cmp_i64(b->at, a->at); /* newest first */
}

static void
emit_article(struct strbuf *sb, const struct article_state *a)
{
	const struct bookmark **m;

	sb_addstr(sb, "  - path: ");
	emit_str(sb, a->path);
	sb_addch(sb, '\n');
	emit_key_str(sb, "    ", "hash", a->hash);
	sb_addf(sb,
	        "    read: %s\n    anchor: %zu\n    progress: %d\n"
	        "    updated: %" PRId64 "\n",
	        a->read ? "true" : "false", a->anchor, a->progress, a->updated);
	if (!a->nmarks)
		return;
	m = xcalloc(a->nmarks, sizeof *m);
	for (size_t i = 0; i < a->nmarks; i++)
		m[i] = &a->marks[i];
	qsort(m, a->nmarks, sizeof *m, cmp_mark_p);
	sb_addstr(sb, "    bookmarks:\n");
	for (size_t i = 0; i < a->nmarks && i < STATE_MAX_BOOKMARKS; i++) {
		sb_addstr(sb, "      - id: ");
		emit_str(sb, m[i]->id);
		sb_addf(sb, "\n        offset: %zu\n", m[i]->offset);
		emit_key_str(sb, "        ", "note", m[i]->note);
		sb_addf(sb, "        created: %" PRId64 "\n", m[i]->created);
	}
	free(m);
}

void
state_format(const struct state *s, struct strbuf *out)
{
	const struct article_state **v = NULL;
	struct tombstone *dead = NULL;

	sb_addf(out,
	        "# lectern's reading state.  lectern rewrites this file, "
	        "merging in what\n# every lectern running on this corpus "
	        "changed.\nversion: %d\n",
	        STATE_VERSION);
	emit_key_str(out, "", "root", s->root);
	emit_key_str(out, "", "selected", s->selected);
	emit_key_str(out, "", "sort", s->sort);
	emit_key_str(out, "", "filter", s->filter);
	emit_key_str(out, "", "search", s->search);
	if (s->ngroups_off)
		sb_addstr(out, "groups-off:\n");
	for (size_t i = 0; i < s->ngroups_off && i < STATE_MAX_GROUPS; i++) {
		sb_addstr(out, "  - ");
		emit_str(out, s->groups_off[i]);
		sb_addch(out, '\n');
	}
	if (s->n) {
		v = xcalloc(s->n, sizeof *v);
		for (size_t i = 0; i < s->n; i++)
			v[i] = &s->v[i];
		qsort(v, s->n, sizeof *v, cmp_article_p);
		sb_addstr(out, "articles:\n");
	}
	for (size_t i = 0; i < s->n && i < STATE_MAX_ARTICLES; i++)
		emit_article(out, v[i]);
	if (s->ndead) {
		dead = xcalloc(s->ndead, sizeof *dead);
		memcpy(dead, s->dead, s->ndead * sizeof *dead);
		qsort(dead, s->ndead, sizeof *dead, cmp_dead);
		sb_addstr(out, "deleted-bookmarks:\n");
	}
	for (size_t i = 0; i < s->ndead && i < STATE_MAX_TOMBSTONES; i++) {
		sb_addstr(out, "  - id: ");
		emit_str(out, dead[i].id);
		sb_addf(out, "\n    at: %" PRId64 "\n", dead[i].at);
	}
	free(v);
	free(dead);
}

/* ------------------------------------------------------------ reading */

/* The first problem found in a file, at a node. */
struct parse {
	int line;
	int col;
	char *why;
};

static int bad(struct parse *p, const struct ydoc_node *n, const char *fmt, ...)
        LECTERN_PRINTF(3, 4);

static int
bad(struct parse *p, const struct ydoc_node *n, const char *fmt, ...)
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
get_str(struct parse *p, const struct ydoc_node *n, const char *what,
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
get_int(struct parse *p, const struct ydoc_node *n, const char *what,
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
get_bool(struct parse *p, const struct ydoc_node *n, const char *what,
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
get_seq(struct parse *p, const struct ydoc_node *n, const char *what,
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
parse_mark(struct parse *p, const struct ydoc_node *n, struct bookmark *b)
{
	int64_t v;
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
parse_marks(struct parse *p, const struct ydoc_node *n, struct article_state *a)
{
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
parse_article(struct parse *p, const struct ydoc_node *n,
              struct article_state *a)
{
	int64_t v;
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
		} else if (key_is(pr, "updated")) {
			rc = get_int(p, val, "updated", INT64_MIN, INT64_MAX,
			             &a->updated);
		} else if (key_is(pr, "bookmarks")) {
			rc = parse_marks(p, val, a);
		}
	}
	if (!rc && !a->path)
		rc = bad(p, n, "article: no path");
	return rc;
}

static int
parse_list(struct parse *p, const struct ydoc_pair *pr, struct state *s)
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
parse_root(struct parse *p, const struct ydoc_node *root, struct state *s)
{
	const struct ydoc_node *ver = NULL;
	int64_t v;
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

static int
parse_text(struct parse *p, const char *text, size_t len, struct state *s)
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

/* ------------------------------------------------------------ merging */

/* Full order, so that folding duplicates is deterministic. */
static int
cmp_article(const void *pa, const void *pb)
{
	const struct article_state *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);
	if (!c)
		c = cmp_i64(a->updated, b->updated);
	if (!c)
		c = cmp_str(a->hash, b->hash);
	if (!c)
		c = (a->read > b->read) - (a->read < b->read);
	if (!c)
		c = (a->anchor > b->anchor) - (a->anchor < b->anchor);
	if (!c)
		c = (a->progress > b->progress) - (a->progress < b->progress);
	return c;
}

static void
copy_mark(struct bookmark *to, const struct bookmark *from)
{
	to->id = xstrdup(from->id);
	to->offset = from->offset;
	to->note = dup_or_null(from->note);
	to->created = from->created;
}

/* Folds w into r: the newer one's read, anchor and progress (w's on a
 * tie), the bookmarks of both, and when hash is set, w's hash when it has
 * one.  Not the path. */
static void
fold_article(struct article_state *r, const struct article_state *w, bool hash)
{
	if (w->updated >= r->updated) {
		r->read = w->read;
		r->anchor = w->anchor;
		r->progress = w->progress;
		r->updated = w->updated;
	}
	if (hash && w->hash && r->hash != w->hash) {
		free(r->hash);
		r->hash = xstrdup(w->hash);
	}
	xgrow(&r->marks, &r->capmarks, r->nmarks + w->nmarks, sizeof *r->marks);
	for (size_t i = 0; i < w->nmarks; i++)
		copy_mark(&r->marks[r->nmarks++], &w->marks[i]);
}

/* Sorts s->v by path and folds entries with the same path into one. */
static void
dedupe_paths(struct state *s)
{
	size_t o = 0;
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, cmp_article);
	for (size_t i = 0; i < s->n; i++) {
		if (o && !strcmp(s->v[o - 1].path, s->v[i].path)) {
			fold_article(&s->v[o - 1], &s->v[i], true);
			s->v[o - 1].claimed |= s->v[i].claimed;
			article_fini(&s->v[i]);
		} else {
			s->v[o++] = s->v[i];
		}
	}
	s->n = o;
}

static int
cmp_id_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tombstone *)elem)->id);
}

static int
cmp_mark_id(const void *pa, const void *pb)
{
	const struct bookmark *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);
	return c ? c : cmp_mark(a, b);
}

static int
cmp_mark_any(const void *pa, const void *pb)
{
	return cmp_mark(pa, pb);
}

static int
cmp_mark_newest(const void *pa, const void *pb)
{
	const struct bookmark *a = pa, *b = pb;
	int c = cmp_i64(b->created, a->created);
	return c ? c : strcmp(a->id, b->id);
}

/* Keeps the marks for which keep() says so, in order. */
static void
sift_marks(struct article_state *a, const struct state *s,
           bool (*keep)(const struct bookmark *, const struct bookmark *,
                        const struct state *))
{
	size_t o = 0;
	for (size_t i = 0; i < a->nmarks; i++) {
		if (keep(&a->marks[i], o ? &a->marks[o - 1] : NULL, s))
			a->marks[o++] = a->marks[i];
		else
			bookmark_fini(&a->marks[i]);
	}
	a->nmarks = o;
}

static bool
keep_live_id(const struct bookmark *b, const struct bookmark *prev,
             const struct state *s)
{
	if (prev && !strcmp(prev->id, b->id))
		return false;
	return !s->ndead ||
	       !bsearch(b->id, s->dead, s->ndead, sizeof *s->dead, cmp_id_key);
}

static bool
keep_new_place(const struct bookmark *b, const struct bookmark *prev,
               const struct state *s)
{
	(void)s;
	return !prev || prev->offset != b->offset ||
	       cmp_str(prev->note, b->note) != 0;
}

/* One bookmark per id and per (offset, note), none deleted, the newest
 * STATE_MAX_BOOKMARKS; sorted by offset.  s->dead is sorted by id. */
static void
normalise_marks(struct article_state *a, const struct state *s)
{
	if (!a->nmarks)
		return;
	qsort(a->marks, a->nmarks, sizeof *a->marks, cmp_mark_id);
	sift_marks(a, s, keep_live_id);
	qsort(a->marks, a->nmarks, sizeof *a->marks, cmp_mark_any);
	sift_marks(a, s, keep_new_place);
	if (a->nmarks > STATE_MAX_BOOKMARKS) {
		qsort(a->marks, a->nmarks, sizeof *a->marks, cmp_mark_newest);
		for (size_t i = STATE_MAX_BOOKMARKS; i < a->nmarks; i++)
			bookmark_fini(&a->marks[i]);
		a->nmarks = STATE_MAX_BOOKMARKS;
		qsort(a->marks, a->nmarks, sizeof *a->marks, cmp_mark_any);
	}
}

static int
cmp_dead_newest(const void *pa, const void *pb)
{
	const struct tombstone *a = pa, *b = pb;
	int c = cmp_i64(b->at, a->at);
	return c ? c : strcmp(a->id, b->id);
}

/* Adds other's tombstones to s's, one per id (the latest), by id. */
static void
union_dead(struct state *s, const struct state *other)
{
	size_t o = 0;
	xgrow(&s->dead, &s->capdead, s->ndead + other->ndead, sizeof *s->dead);
	for (size_t i = 0; i < other->ndead; i++) {
		s->dead[s->ndead].id = xstrdup(other->dead[i].id);
		s->dead[s->ndead++].at = other->dead[i].at;
	}
	if (s->ndead)
		qsort(s->dead, s->ndead, sizeof *s->dead, cmp_dead);
	for (size_t i = 0; i < s->ndead; i++) {
		if (o && !strcmp(s->dead[o - 1].id, s->dead[i].id))
			free(s->dead[i].id);
		else
			s->dead[o++] = s->dead[i];
	}
	s->ndead = o;
}

/*
 * Forgets tombstones older than STATE_TOMBSTONE_DAYS before the newest
 * time in s (not the clock: the result only depends on the state), and
 * all but the newest STATE_MAX_TOMBSTONES.
 */
static void
prune_dead(struct state *s)
{
	int64_t newest = INT64_MIN, horizon;
	const int64_t keep = (int64_t)STATE_TOMBSTONE_DAYS * 86400;
	size_t o = 0;

	for (size_t i = 0; i < s->ndead; i++)
		newest = s->dead[i].at > newest ? s->dead[i].at : newest;
	for (size_t i = 0; i < s->n; i++) {
		const struct article_state *a = &s->v[i];
		newest = a->updated > newest ? a->updated : newest;
		for (size_t j = 0; j < a->nmarks; j++)
			if (a->marks[j].created > newest)
				newest = a->marks[j].created;
	}
	horizon = newest < INT64_MIN + keep ? INT64_MIN : newest - keep;
	for (size_t i = 0; i < s->ndead; i++) {
		if (s->dead[i].at < horizon)
			free(s->dead[i].id);
		else
			s->dead[o++] = s->dead[i];
	}
	s->ndead = o;
	if (s->ndead > STATE_MAX_TOMBSTONES) {
		qsort(s->dead, s->ndead, sizeof *s->dead, cmp_dead_newest);
		for (size_t i = STATE_MAX_TOMBSTONES; i < s->ndead; i++)
			free(s->dead[i].id);
		s->ndead = STATE_MAX_TOMBSTONES;
		qsort(s->dead, s->ndead, sizeof *s->dead, cmp_dead);
	}
}

static int
cmp_article_newest(const void *pa, const void *pb)
{
	const struct article_state *a = pa, *b = pb;
	int c = cmp_i64(b->updated, a->updated);
	return c ? c : strcmp(a->path, b->path);
}

static int
cmp_path_key(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct article_state *const *)elem)->path);
}

/* Index in s->v[0..n) (sorted by path, unique) of path, or n. */
static size_t
find_sorted(const struct state *s, size_t n, const char *path)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, s->v[mid].path);
		if (!c)
			return mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return n;
}

/* An entry's hash and index, to find entries by hash in O(log n). */
struct hash_ix {
	const char *hash;
	size_t ix;
};

static int
cmp_hash_ix(const void *pa, const void *pb)
{
	const struct hash_ix *a = pa, *b = pb;
	int c = strcmp(a->hash, b->hash);
	return c ? c : (a->ix > b->ix) - (a->ix < b->ix);
}

/* The first of h[0..n) with that hash, or n. */
static size_t
hash_lower(const struct hash_ix *h, size_t n, const char *hash)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(h[mid].hash, hash) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* What the merge keeps about into's entries [0..nin) while it runs. */
struct merge_ctx {
	struct hash_ix *byhash; /* into's entries that have a hash */
	size_t nhash;
	bool *matched;
	/* The writer's path and hash for a matched entry, set once the
	 * indexes are no longer needed (they point to into's strings). */
	const char **newpath;
	const char **newhash;
	const struct article_state **w; /* other's entries by path */
	size_t nw;
};

static bool
writer_has(const struct merge_ctx *m, const char *path)
{
	return m->nw && bsearch(path, m->w, m->nw, sizeof *m->w, cmp_path_key);
}

/* Where writer entry a goes in into: exact, moved, or same path; else a
 * new entry.  Returns its index. */
static size_t
merge_target(struct state *into, size_t nin, struct merge_ctx *m,
             const struct article_state *a)
{
	size_t i = find_sorted(into, nin, a->path);
	struct article_state *r;

	if (i < nin && (!a->hash || same_hash(into->v[i].hash, a->hash)))
		return i;
	if (a->hash) {
		for (size_t k = hash_lower(m->byhash, m->nhash, a->hash);
		     k < m->nhash && !strcmp(m->byhash[k].hash, a->hash); k++) {
			size_t j = m->byhash[k].ix;
			if (!m->matched[j] && !writer_has(m, into->v[j].path))
				return j;
		}
	}
	if (i < nin)
		return i;
	xgrow(&into->v, &into->cap, into->n + 1, sizeof *into->v);
	r = &into->v[into->n];
	memset(r, 0, sizeof *r);
	r->path = xstrdup(a->path);
	r->updated = INT64_MIN;
	return into->n++;
}

/* Folds each of other's entries into its match in into (sorted by path,
 * one per path); into's entries the writer replaced by a moved one go. */
static void
merge_articles(struct state *into, const struct state *other)
{
	struct merge_ctx m = {0};
	size_t nin = into->n, prev = 0, o = 0;

	m.byhash = xcalloc(nin, sizeof *m.byhash);
	for (size_t i = 0; i < nin; i++)
		if (into->v[i].hash)
			m.byhash[m.nhash++] =
			        (struct hash_ix){into->v[i].hash, i};
	if (m.nhash)
		qsort(m.byhash, m.nhash, sizeof *m.byhash, cmp_hash_ix);
	m.matched = xcalloc(nin, sizeof *m.matched);
	m.newpath = xcalloc(nin, sizeof *m.newpath);
	m.newhash = xcalloc(nin, sizeof *m.newhash);
	m.w = xcalloc(other->n, sizeof *m.w);
	for (size_t i = 0; i < other->n; i++)
		m.w[m.nw++] = &other->v[i];
	if (m.nw)
		qsort(m.w, m.nw, sizeof *m.w, cmp_article_p);
	for (size_t k = 0; k < m.nw; k++) {
		size_t t = k && !strcmp(m.w[k - 1]->path, m.w[k]->path)
		                   ? prev
		                   : merge_target(into, nin, &m, m.w[k]);
		if (t < nin) {
			m.matched[t] = true;
			m.newpath[t] = m.w[k]->path;
			if (m.w[k]->hash)
				m.newhash[t] = m.w[k]->hash;
		}
		fold_article(&into->v[t], m.w[k], t >= nin);
		prev = t;
	}
	for (size_t i = 0; i < into->n; i++) {
		struct article_state *r = &into->v[i];
		if (i < nin && !m.matched[i] && writer_has(&m, r->path)) {
			article_fini(r);
			continue;
		}
		if (i < nin && m.newpath[i] && strcmp(r->path, m.newpath[i])) {
			free(r->path);
			r->path = xstrdup(m.newpath[i]);
		}
		if (i < nin && m.newhash[i] && cmp_str(r->hash, m.newhash[i])) {
			free(r->hash);
			r->hash = xstrdup(m.newhash[i]);
		}
		into->v[o++] = *r;
	}
	into->n = o;
	free(m.byhash);
	free(m.matched);
	free(m.newpath);
	free(m.newhash);
	free(m.w);
}

void
state_merge(struct state *into, const struct state *other)
{
	dedupe_paths(into);
	merge_articles(into, other);
	union_dead(into, other);
	for (size_t i = 0; i < into->n; i++)
		normalise_marks(&into->v[i], into);
	prune_dead(into);
	if (into->n > STATE_MAX_ARTICLES) {
		qsort(into->v, into->n, sizeof *into->v, cmp_article_newest);
		for (size_t i = STATE_MAX_ARTICLES; i < into->n; i++)
			article_fini(&into->v[i]);
		into->n = STATE_MAX_ARTICLES;
	}
	if (into->n)
		qsort(into->v, into->n, sizeof *into->v, cmp_article);
	if (other->root)
		state_set_string(&into->root, other->root);
	state_set_string(&into->selected, other->selected);
	state_set_string(&into->sort, other->sort);
	state_set_string(&into->filter, other->filter);
	state_set_string(&into->search, other->search);
	state_set_groups_off(into, (const char *const *)other->groups_off,
	                     other->ngroups_off);
}

void
state_set_string(char **field, const char *value)
{
	char *v = dup_or_null(value);
	free(*field);
	*field = v;
}

void
state_set_groups_off(struct state *s, const char *const *names, size_t n)
{
	char **v = xcalloc(n, sizeof *v);
	if (n > STATE_MAX_GROUPS)
		n = STATE_MAX_GROUPS;
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(names[i]);
	for (size_t i = 0; i < s->ngroups_off; i++)
		free(s->groups_off[i]);
	free(s->groups_off);
	s->groups_off = v;
	s->ngroups_off = n;
}

/* ----------------------------------------------------------- identity */

/* True when the file an entry was made for is gone from the corpus. */
static bool
path_gone(const struct state *s, const char *path)
{
	struct stat st;
	char *full;
	bool gone;

	if (!s->root)
		return true;
	full = xasprintf("%s/%s", s->root, path);
	gone = lstat(full, &st) < 0 && (errno == ENOENT || errno == ENOTDIR);
	free(full);
	return gone;
}

struct article_state *
state_find(struct state *s, const char *path, const char *hash)
{
	size_t by_path = s->n;

	for (size_t i = 0; i < s->n; i++) {
		struct article_state *a = &s->v[i];
		if (strcmp(a->path, path))
			continue;
		if (!hash || !a->hash || !strcmp(a->hash, hash)) {
			if (hash && !a->hash)
				a->hash = xstrdup(hash);
			a->claimed = true;
			return a;
		}
		by_path = i;
	}
	for (size_t i = 0; hash && i < s->n; i++) {
		struct article_state *a = &s->v[i];
		if (a->claimed || !same_hash(a->hash, hash) ||
		    !path_gone(s, a->path))
			continue;
		if (s->selected && !strcmp(s->selected, a->path))
			state_set_string(&s->selected, path);
		free(a->path);
		a->path = xstrdup(path);
		a->claimed = true;
		/* The old entry for this path is of a text that is gone. */
		if (by_path < s->n) {
			article_fini(&s->v[by_path]);
			memmove(&s->v[by_path], &s->v[by_path + 1],
			        (s->n - by_path - 1) * sizeof *s->v);
			s->n--;
			if (i > by_path)
				i--;
		}
		return &s->v[i];
	}
	if (by_path < s->n) {
		free(s->v[by_path].hash);
		s->v[by_path].hash = xstrdup(hash);
		s->v[by_path].claimed = true;
		return &s->v[by_path];
	}
	return NULL;
}

struct article_state *
state_get(struct state *s, const char *path, const char *hash)
{
	struct article_state *a = state_find(s, path, hash);
	if (a)
		return a;
	xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
	a = &s->v[s->n++];
	memset(a, 0, sizeof *a);
	a->path = xstrdup(path);
	a->hash = dup_or_null(hash);
	a->claimed = true;
	return a;
}

void
state_set_read(struct article_state *a, bool read, int64_t now)
{
	a->read = read;
	a->updated = now;
}

void
state_set_anchor(struct article_state *a, size_t anchor, int64_t now)
{
	a->anchor = anchor;
	a->updated = now;
}

void
state_set_progress(struct article_state *a, int pct, int64_t now)
{
	pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
	if (pct > a->progress) {
		a->progress = pct;
		a->updated = now;
	}
}

/* 64 random bits: the kernel's, else whatever varies (the id is checked
 * for uniqueness in its article anyway). */
static uint64_t
random_u64(const void *salt)
{
	uint64_t v = 0;
	struct timespec ts;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		ssize_t r = read(fd, &v, sizeof v);
		close(fd);
		if (r == (ssize_t)sizeof v)
			return v;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	v = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	v ^= (uint64_t)getpid() << 40 ^ (uint64_t)(uintptr_t)salt;
	v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9u; /* splitmix64's finish */
	v = (v ^ (v >> 27)) * 0x94d049bb133111ebu;
	return v ^ (v >> 31);
}

static struct bookmark *
mark_by_id(struct article_state *a, const char *id)
{
	for (size_t i = 0; i < a->nmarks; i++)
		if (!strcmp(a->marks[i].id, id))
			return &a->marks[i];
	return NULL;
}

struct bookmark *
state_bookmark_add(struct article_state *a, size_t offset, const char *note,
                   int64_t now)
{
	struct bookmark *b;
	char *n = NULL, *id = NULL;

	if (note) {
		size_t len = strlen(note);
		if (len > STATE_MAX_STRING) {
			len = STATE_MAX_STRING;
			while (len && (note[len] & 0xC0) == 0x80)
				len--;
		}
		n = xstrndup(note, len);
	}
	for (size_t i = 0; i < a->nmarks; i++) {
		if (a->marks[i].offset == offset &&
		    !cmp_str(a->marks[i].note, n)) {
			free(n);
			return &a->marks[i];
		}
	}
	do {
		free(id);
		id = xasprintf("%016" PRIx64, random_u64(&n));
	} while (mark_by_id(a, id));
	xgrow(&a->marks, &a->capmarks, a->nmarks + 1, sizeof *a->marks);
	b = &a->marks[a->nmarks++];
	b->id = id;
	b->offset = offset;
	b->note = n;
	b->created = now;
	return b;
}

bool
state_bookmark_del(struct state *s, struct article_state *a, const char *id,
                   int64_t now)
{
	struct bookmark *b = mark_by_id(a, id);
	size_t i;

	if (!b)
		return false;
	xgrow(&s->dead, &s->capdead, s->ndead + 1, sizeof *s->dead);
	s->dead[s->ndead].id = xstrdup(id);
	s->dead[s->ndead++].at = now;
	i = (size_t)(b - a->marks);
	bookmark_fini(b);
	memmove(b, b + 1, (a->nmarks - i - 1) * sizeof *b);
	a->nmarks--;
	return true;
}

/* -------------------------------------------------------------- files */

enum read_result { READ_OK, READ_MISSING, READ_UNREADABLE, READ_BAD };

/* Reads the file at path whole; for READ_BAD, *why says what is wrong
 * with it (caller frees), for READ_UNREADABLE *err is the errno. */
static enum read_result
read_whole(const char *path, struct strbuf *text, struct stat *st, int *err,
           char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	char buf[65536];
	ssize_t r;

	if (fd < 0) {
		*err = errno;
		return errno == ENOENT ? READ_MISSING : READ_UNREADABLE;
	}
	if (fstat(fd, st) < 0) {
		*err = errno;
		close(fd);
		return READ_UNREADABLE;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		*why = xstrdup(S_ISDIR(st->st_mode) ? "a folder, not a file"
		                                    : "not a regular file");
		return READ_BAD;
	}
	while ((r = read(fd, buf, sizeof buf)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = errno;
			close(fd);
			return READ_UNREADABLE;
		}
		if (text->len + (size_t)r > (size_t)STATE_MAX_BYTES) {
			close(fd);
			*why = xasprintf("larger than %ld bytes",
			                 (long)STATE_MAX_BYTES);
			return READ_BAD;
		}
		sb_add(text, buf, (size_t)r);
	}
	close(fd);
	return READ_OK;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/")
	                     : xstrndup(path, (size_t)(slash - path));
}

/* Makes the rename in dir durable; failure only costs durability. */
static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* An exclusive flock on PATH.lock (created if needed); the fd, or -1. */
static int
lock_state(const char *path)
{
	char *lock = xasprintf("%s.lock", path);
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	int err;

	free(lock);
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			err = errno;
			close(fd);
			errno = err;
			return -1;
		}
	}
	return fd;
}

/*
 * Renames the corrupt file at path (the one st describes) to
 * PATH.corrupt-STAMP.  0 with *to set (caller frees); 1 when path is no
 * longer that file (another lectern replaced it: read it again); -1 with
 * errno.
 */
static int
move_aside(const char *path, const struct stat *st, bool locked, char **to)
{
	char stamp[32];
	struct tm tm;
	struct stat now;
	time_t t = time(NULL);
	int lock = locked ? -1 : lock_state(path), rc = -1, err = EEXIST;

	if (stat(path, &now) < 0 || now.st_dev != st->st_dev ||
	    now.st_ino != st->st_ino) {
		rc = 1;
		goto out;
	}
	if (!gmtime_r(&t, &tm) ||
	    !strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm))
		strcpy(stamp, "unknown");
	for (int k = 1; k < 100 && rc < 0; k++) {
		struct stat x;
		char *name =
		        k == 1 ? xasprintf("%s.corrupt-%s", path, stamp)
		               : xasprintf("%s.corrupt-%s-%d", path, stamp, k);
		if (lstat(name, &x) < 0 && errno == ENOENT) {
			if (rename(path, name) == 0) {
				*to = name;
				rc = 0;
				break;
			}
			err = errno;
			free(name);
			break;
		}
		free(name);
	}
	if (rc == 0) {
		char *dir = dir_of(path);
		sync_dir(dir);
		free(dir);
	}
out:
	if (lock >= 0)
		close(lock);
	errno = err;
	return rc;
}

/* state_load's work; locked when the caller holds the lock (state_save:
 * a second flock from the same process would wait for ever). */
static int
load_file(struct state *s, const char *path, struct diag_list *diags,
          bool locked, bool *newer)
{
	for (int tries = 0;; tries++) {
		struct strbuf text;
		struct stat st;
		struct parse p = {0, 0, NULL};
		struct state raw;
		char *to = NULL;
		int err = 0, rc = -1;
		enum read_result r;

		sb_init(&text);
		state_init(&raw);
		r = read_whole(path, &text, &st, &err, &p.why);
		if (r == READ_OK)
			rc = parse_text(&p, text.buf, text.len, &raw);
		if (rc == 0)
			state_merge(s, &raw);
		sb_fini(&text);
		state_fini(&raw);
		if (r == READ_MISSING || rc == 0)
			return 0;
		if (r == READ_UNREADABLE) {
			diag_add(diags, DIAG_WARNING, path, 0, 0,
			         "cannot read the reading state (%s); going on "
			         "without it",
			         strerror(err));
			return 0;
		}
		if (rc == 1) {
			*newer = true;
			diag_add(diags, DIAG_WARNING, path, 0, 0,
			         "reading state written by a newer lectern; "
			         "not read, and left as it is");
			return 0;
		}
		rc = move_aside(path, &st, locked, &to);
		if (rc == 1 && tries < 3) {
			free(p.why);
			continue;
		}
		if (rc == 0)
			diag_add(diags, DIAG_WARNING, path, p.line, p.col,
			         "corrupt reading state (%s): moved to %s; "
			         "starting afresh",
			         p.why, to);
		else
			diag_add(diags, DIAG_WARNING, path, p.line, p.col,
			         "corrupt reading state (%s), and it cannot be "
			         "moved aside (%s); starting afresh",
			         p.why,
			         rc == 1 ? "it keeps changing"
			                 : strerror(errno));
		free(p.why);
		free(to);
		return rc == 0 ? 0 : -1;
	}
}

int
state_load(struct state *s, const char *path, struct diag_list *diags)
{
	bool newer = false;
	state_fini(s);
	return load_file(s, path, diags, false, &newer);
}

/* mkdir -p with mode 0700 for what it creates. */
static int
make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	struct stat st;
	int rc = 0;

	for (char *q = p + 1;; q++) {
		char c = *q;
		if (c != '/' && c != '\0')
			continue;
		*q = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*q = c;
		if (!c)
			break;
	}
	if (!rc && stat(p, &st) == 0 && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

/* Writes PATH.tmp, syncs it and renames it over path. */
static int
write_atomic(const char *path, const char *dir, const char *buf, size_t len,
             struct diag_list *diags)
{
	char *tmp = xasprintf("%s.tmp", path);
	int fd, err = 0;

	unlink(tmp); /* left by a writer that was killed */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	          0600);
	if (fd < 0) {
		err = errno;
	} else {
		while (len && !err) {
			ssize_t w = write(fd, buf, len);
			if (w < 0 && errno != EINTR)
				err = errno;
			if (w > 0) {
				buf += w;
				len -= (size_t)w;
			}
		}
		if (!err && fsync(fd) < 0)
			err = errno;
		if (close(fd) < 0 && !err)
			err = errno;
		if (!err && rename(tmp, path) < 0)
			err = errno;
		if (err)
			unlink(tmp);
	}
	free(tmp);
	if (err) {
		diag_add(diags, DIAG_ERROR, path, 0, 0,
		         "cannot save the reading state: %s", strerror(err));
		return -1;
	}
	sync_dir(dir);
	return 0;
}

int
state_save(const struct state *s, const char *path, struct diag_list *diags)
{
	char *dir = dir_of(path);
	struct state disk;
	struct strbuf text;
	bool newer = false;
	int lock, rc = 1;

	if (make_dirs(dir) < 0 || (lock = lock_state(path)) < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0,
		         "cannot save the reading state: %s", strerror(errno));
		free(dir);
		return -1;
	}
	state_init(&disk);
	load_file(&disk, path, diags, true, &newer);
	if (!newer) {
		state_merge(&disk, s);
		sb_init(&text);
		state_format(&disk, &text);
		rc = write_atomic(path, dir, text.buf, text.len, diags);
		sb_fini(&text);
	}
	state_fini(&disk);
	close(lock);
	free(dir);
	return rc;
}
