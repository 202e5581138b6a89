/*
 * state_fast.c - reading the state file lectern writes, fast.
 *
 * libyaml builds a node for every scalar: a 100,000-article file (21 MB)
 * took 2.4 s and 545 MB to load.  What state_format writes is a small,
 * regular subset of YAML: one key per line at fixed indents, strings
 * double-quoted with a few escapes, integers in plain decimal.  This
 * reads exactly that subset, a line at a time, into the same raw state
 * state_parse_text gives; anything else in the file (a hand edit, a
 * comment in an odd place, an escape it does not know, a value out of
 * range, a version it does not know) makes it give up, and the caller
 * parses the file with libyaml as before.  So it never decides what a
 * file means on its own: fuzz_state checks that whatever it accepts,
 * state_parse_text reads the same.
 */
#include "state_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct fast {
	const char *p, *end; /* what is left of the text */
	const char *line;    /* the current line, without its '\n' */
	size_t len;
	size_t indent;
	const char *key; /* after the indent (and "- "), up to ':' */
	size_t keylen;
	const char *val; /* after ": " */
	size_t vallen;
	bool item;       /* the line starts a list item ("- ") */
	bool bad;        /* a line it cannot take */
	struct state *s; /* the state read, whose pool holds entries' strings */
	size_t pool_hint; /* a pool block's size */
};

/* The next line that is not blank or a comment; false at the end. */
static bool
next_line(struct fast *f)
{
	while (f->p < f->end) {
		const char *nl = memchr(f->p, '\n', (size_t)(f->end - f->p));
		const char *e = nl ? nl : f->end;
		f->line = f->p;
		f->len = (size_t)(e - f->p);
		f->p = nl ? nl + 1 : f->end;
		if (f->len && f->line[0] != '#')
			return true;
		/* A comment: only printable ASCII, as lectern writes them
		 * (libyaml refuses some characters even there). */
		for (size_t i = 0; i < f->len; i++)
			if (f->line[i] < 0x20 || f->line[i] > 0x7e) {
				f->bad = true;
				return false;
			}
	}
	return false;
}

/* Splits the current line into indent, item mark, key and value; false
 * when it is not "INDENT[- ]KEY:[ VALUE]". */
static bool
split(struct fast *f)
{
	size_t i = 0;
	while (i < f->len && f->line[i] == ' ')
		i++;
	f->indent = i;
	f->item = i + 1 < f->len && f->line[i] == '-' && f->line[i + 1] == ' ';
	if (f->item)
		i += 2;
	f->key = f->line + i;
	const char *colon = memchr(f->key, ':', f->len - i);
	if (!colon)
		return false;
	f->keylen = (size_t)(colon - f->key);
	size_t rest = f->len - i - f->keylen - 1;
	if (rest == 0) {
		f->val = NULL;
		f->vallen = 0;
		return true;
	}
	if (colon[1] != ' ' || rest < 2)
		return false;
	f->val = colon + 2;
	f->vallen = rest - 1;
	return true;
}

static bool
key_is(const struct fast *f, const char *k)
{
	return strlen(k) == f->keylen && !memcmp(f->key, k, f->keylen);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The double-quoted string in the value, unescaped (caller frees, or in
 * the state's pool when pooled); NULL when it is anything else, holds a
 * NUL, is not UTF-8 or is too long (what state_parse_text refuses or
 * reads through libyaml's rules). */
static char *
get_str_in(const struct fast *f, bool pooled)
{
	if (!f->val || f->vallen < 2 || f->val[0] != '"' ||
	    f->val[f->vallen - 1] != '"')
		return NULL;
	const char *s = f->val + 1, *e = f->val + f->vallen - 1;
	size_t room = (size_t)(e - s) + 1; /* unescaping only shortens */
	char *out = pooled ? pool_room(&f->s->pool, room, f->pool_hint)
	                   : xmalloc(room),
	     *o = out;
	bool ascii = true;
	while (s < e) {
		unsigned char c0 = (unsigned char)*s;
		/* Printable ASCII but the quote and the backslash: itself
		 * (paths and hashes are mostly nothing else). */
		if (c0 >= 0x20 && c0 < 0x7f && c0 != '"' && c0 != '\\') {
			*o++ = *s++;
			continue;
		}
		ascii = false;
		/* Nothing state_format leaves raw: quotes, controls. */
		if (*s == '"' || (unsigned char)*s < 0x20 || *s == 0x7f)
			goto fail;
		if (*s != '\\') {
			/* Raw, only what emit_str leaves raw (so libyaml
			 * takes it too): no C1 control, no line or paragraph
			 * separator, no BOM or non-character. */
			uint32_t cp;
			size_t n = utf8_decode(s, (size_t)(e - s), &cp);
			bool malformed =
			        cp == UTF8_REPLACEMENT &&
			        (n != 3 || memcmp(s, "\xef\xbf\xbd", 3));
			if (malformed || (cp >= 0x7f && cp <= 0x9f) ||
			    cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
			    cp == 0xfffe || cp == 0xffff)
				goto fail;
			memcpy(o, s, n);
			o += n;
			s += n;
			continue;
		}
		if (++s >= e)
			goto fail;
		char c = *s++;
		if (c == '"' || c == '\\') {
			*o++ = c;
		} else if (c == 'n') {
			*o++ = '\n';
		} else if (c == 't') {
			*o++ = '\t';
		} else if (c == 'x' || c == 'u') {
			int n = c == 'x' ? 2 : 4;
			uint32_t v = 0;
			for (int k = 0; k < n; k++) {
				int h = s < e ? hexval(*s++) : -1;
				if (h < 0)
					goto fail;
				v = v * 16 + (uint32_t)h;
			}
			if (v == 0 || (v >= 0xD800 && v <= 0xDFFF))
				goto fail;
			char enc[4];
			size_t m = utf8_encode(v, enc);
			memcpy(o, enc, m);
			o += m;
		} else {
			goto fail;
		}
	}
	*o = '\0';
	size_t n = (size_t)(o - out);
	if (n > STATE_MAX_STRING ||
	    (!ascii && (memchr(out, '\0', n) || !utf8_valid(out, n))))
		goto fail;
	if (pooled)
		pool_keep(f->s->pool, n + 1);
	return out;
fail:
	if (!pooled)
		free(out);
	return NULL;
}

static char *
get_str(const struct fast *f)
{
	return get_str_in(f, false);
}

/* A plain decimal integer in [min, max] as the value. */
static bool
get_int(const struct fast *f, int64_t min, int64_t max, int64_t *out)
{
	if (!f->val || f->vallen == 0 || f->vallen > 20)
		return false;
	const char *s = f->val, *e = f->val + f->vallen;
	bool neg = *s == '-';
	if (neg && ++s == e)
		return false;
	if (*s == '0' && e - s > 1)
		return false;
	uint64_t v = 0;
	for (; s < e; s++) {
		if (*s < '0' || *s > '9')
			return false;
		uint64_t d = (uint64_t)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
		return false;
	int64_t x = neg ? (int64_t)(0 - v) : (int64_t)v;
	if (x < min || x > max)
		return false;
	*out = x;
	return true;
}

static bool
get_bool(const struct fast *f, bool *out)
{
	if (f->vallen == 4 && !memcmp(f->val, "true", 4))
		*out = true;
	else if (f->vallen == 5 && !memcmp(f->val, "false", 5))
		*out = false;
	else
		return false;
	return true;
}

/* A string field, once: into *slot (false if set already or bad); an
 * entry's path or hash in the pool. */
static bool
take_str_in(const struct fast *f, char **slot, bool required, bool pooled)
{
	if (*slot)
		return false;
	*slot = get_str_in(f, pooled);
	return *slot && (!required || **slot);
}

static bool
take_str(const struct fast *f, char **slot, bool required)
{
	return take_str_in(f, slot, required, false);
}

#define OFFSET_MAX ((int64_t)1 << 48)

/* One bookmark line "KEY: VALUE" at indent 8 (or its "- id:"). */
static bool
mark_field(const struct fast *f, struct bookmark *b, unsigned *seen)
{
	int64_t v;
	unsigned bit;
	bool ok;
	if (key_is(f, "id")) {
		bit = 1;
		ok = take_str(f, &b->id, true);
	} else if (key_is(f, "offset")) {
		bit = 2;
		ok = get_int(f, 0, OFFSET_MAX, &v);
		b->offset = (size_t)v;
	} else if (key_is(f, "note")) {
		bit = 4;
		ok = take_str(f, &b->note, false);
	} else if (key_is(f, "created")) {
		bit = 8;
		ok = get_int(f, INT64_MIN, INT64_MAX, &b->created);
	} else {
		return false;
	}
	if (*seen & bit)
		return false;
	*seen |= bit;
	return ok;
}

static bool
article_field(const struct fast *f, struct article_state *a, unsigned *seen,
              int64_t version)
{
	int64_t v = 0;
	unsigned bit;
	bool ok;
	if (version == 1 && key_is(f, "updated")) {
		/* Version 1: one time, in seconds, for read and place. */
		bit = 16 | 64;
		ok = get_int(f, INT64_MIN / 1000, INT64_MAX / 1000, &v);
		a->read_at = a->anchor_at = v * 1000;
	} else if (version == 1 &&
	           (key_is(f, "read-at") || key_is(f, "anchor-at") ||
	            key_is(f, "progress-reset") || key_is(f, "size"))) {
		return false; /* not version 1's: for libyaml to judge */
	} else if (key_is(f, "path")) {
		bit = 1;
		ok = take_str_in(f, &a->path, true, true);
	} else if (key_is(f, "hash")) {
		bit = 2;
		ok = take_str_in(f, &a->hash, false, true);
	} else if (key_is(f, "size")) {
		bit = 4;
		ok = get_int(f, 0, INT64_MAX, &a->size);
	} else if (key_is(f, "read")) {
		bit = 8;
		ok = get_bool(f, &a->read);
	} else if (key_is(f, "read-at")) {
		bit = 16;
		ok = get_int(f, INT64_MIN, INT64_MAX, &a->read_at);
	} else if (key_is(f, "anchor")) {
		bit = 32;
		ok = get_int(f, 0, OFFSET_MAX, &v);
		a->anchor = (size_t)v;
	} else if (key_is(f, "anchor-at")) {
		bit = 64;
		ok = get_int(f, INT64_MIN, INT64_MAX, &a->anchor_at);
	} else if (key_is(f, "progress")) {
		bit = 128;
		ok = get_int(f, 0, 100, &v);
		a->progress = (int)v;
	} else if (key_is(f, "progress-reset")) {
		bit = 256;
		ok = get_int(f, INT64_MIN, INT64_MAX, &a->progress_reset);
	} else {
		return false;
	}
	if (*seen & bit)
		return false;
	*seen |= bit;
	return ok;
}

enum section { S_TOP, S_GROUPS, S_ARTICLES, S_MARKS, S_DEAD };

int
state_parse_fast(const char *text, size_t len, struct state *s)
{
	/* Blocks of the pool: a fifth of the text (its strings' share in
	 * what lectern writes; the pool keeps a block within a huge
	 * page). */
	struct fast f = {
	        .p = text, .end = text + len, .s = s, .pool_hint = len / 5};
	enum section sec = S_TOP;
	unsigned seen_top = 0, seen_art = 0, seen_mark = 0, seen_dead = 0;
	struct article_state *a = NULL;
	struct bookmark *b = NULL;
	int64_t version = 0;

	/* About 200 bytes an article: room for them all at once (on huge
	 * pages when it is big, as xgrow makes it: 100,000 articles are
	 * 12 MB, whose page faults were a third of loading them). */
	xgrow(&s->v, &s->cap, len / 160 + 1, sizeof *s->v);

	while (next_line(&f)) {
		if (sec == S_GROUPS && f.len > 4 &&
		    !memcmp(f.line, "  - ", 4)) {
			f.val = f.line + 4;
			f.vallen = f.len - 4;
			char *g = get_str(&f);
			if (!g || s->ngroups_off >= STATE_MAX_GROUPS) {
				free(g);
				return 0;
			}
			s->groups_off = xrealloc(s->groups_off,
			                         (s->ngroups_off + 1) *
			                                 sizeof *s->groups_off);
			s->groups_off[s->ngroups_off++] = g;
			continue;
		}
		if (!split(&f))
			return 0;
		if (f.indent == 0 && !f.item) {
			static const char *const keys[] = {
			        "version",    "root",     "selected",
			        "sort",       "filter",   "search",
			        "groups-off", "articles", "deleted-bookmarks"};
			unsigned k = 0;
			while (k < 9 && !key_is(&f, keys[k]))
				k++;
			if (k == 9 || (seen_top & (1u << k)))
				return 0;
			seen_top |= 1u << k;
			a = NULL;
			b = NULL;
			sec = S_TOP;
			bool ok = true;
			if (k == 0)
				ok = get_int(&f, 1, STATE_VERSION, &version);
			else if (k == 1)
				ok = take_str(&f, &s->root, false);
			else if (k == 2)
				ok = take_str(&f, &s->selected, false);
			else if (k == 3)
				ok = take_str(&f, &s->sort, false);
			else if (k == 4)
				ok = take_str(&f, &s->filter, false);
			else if (k == 5)
				ok = take_str(&f, &s->search, false);
			else {
				ok = f.val == NULL;
				sec = k == 6   ? S_GROUPS
				      : k == 7 ? S_ARTICLES
				               : S_DEAD;
			}
			/* The version comes first (what we write). */
			if (!ok || (k != 0 && version == 0))
				return 0;
			continue;
		}
		if ((sec == S_ARTICLES || sec == S_MARKS) && f.indent == 2 &&
		    f.item) {
			if (!key_is(&f, "path") || s->n >= STATE_MAX_ARTICLES)
				return 0;
			xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
			a = &s->v[s->n++];
			memset(a, 0, sizeof *a);
			a->pooled = true;
			seen_art = 0;
			sec = S_ARTICLES;
			if (!article_field(&f, a, &seen_art, version))
				return 0;
			continue;
		}
		if ((sec == S_ARTICLES || sec == S_MARKS) && a &&
		    f.indent == 4 && !f.item) {
			if (key_is(&f, "bookmarks")) {
				if (f.val || a->nmarks || (seen_art & 512))
					return 0;
				seen_art |= 512;
				sec = S_MARKS;
				continue;
			}
			if (sec != S_ARTICLES ||
			    !article_field(&f, a, &seen_art, version))
				return 0;
			continue;
		}
		if (sec == S_MARKS && f.indent == 6 && f.item) {
			if (!key_is(&f, "id") ||
			    a->nmarks >= STATE_MAX_BOOKMARKS)
				return 0;
			xgrow(&a->marks, &a->capmarks, a->nmarks + 1,
			      sizeof *a->marks);
			b = &a->marks[a->nmarks++];
			memset(b, 0, sizeof *b);
			b->offset =
			        SIZE_MAX; /* none yet: a bookmark needs one */
			seen_mark = 0;
			if (!mark_field(&f, b, &seen_mark))
				return 0;
			continue;
		}
		if (sec == S_MARKS && b && f.indent == 8 && !f.item) {
			if (!mark_field(&f, b, &seen_mark))
				return 0;
			continue;
		}
		if (sec == S_DEAD && f.indent == 2 && f.item) {
			if (!key_is(&f, "id") ||
			    s->ndead >= STATE_MAX_TOMBSTONES)
				return 0;
			xgrow(&s->dead, &s->capdead, s->ndead + 1,
			      sizeof *s->dead);
			struct tombstone *t = &s->dead[s->ndead++];
			memset(t, 0, sizeof *t);
			seen_dead = 0;
			if (!(t->id = get_str(&f)) || !*t->id)
				return 0;
			continue;
		}
		if (sec == S_DEAD && s->ndead && f.indent == 4 && !f.item &&
		    key_is(&f, "at") && !seen_dead) {
			seen_dead = 1;
			if (!get_int(&f, INT64_MIN, INT64_MAX,
			             &s->dead[s->ndead - 1].at))
				return 0;
			continue;
		}
		return 0;
	}
	if (f.bad)
		return 0;
	/* Every bookmark whole (an id and an offset, as state_parse.c
	 * asks); the version given. */
	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < s->v[i].nmarks; k++)
			if (!s->v[i].marks[k].id ||
			    s->v[i].marks[k].offset == SIZE_MAX)
				return 0;
	return version >= 1 && version <= STATE_VERSION ? (int)version : 0;
}
