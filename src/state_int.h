/*
 * state_int.h - what the files of the state module share, and nothing
 * outside them sees.
 *
 * state.c keeps the state in memory: init and fini, the identity rule
 * (state_find), the changes to an article and to its bookmarks.
 * state_merge.c merges two states; it is the one place that normalises,
 * and it owns the orders the file is written in.  state_parse.c turns a
 * file's text into a raw (not normalised) state through yamldoc; no
 * libyaml type is seen here.  state_file.c names, reads, formats and
 * atomically writes the file.
 */
#ifndef LECTERN_STATE_INT_H
#define LECTERN_STATE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "state.h"
#include "util.h"

/* A copy of s (caller frees), or NULL when s is NULL. */
static inline char *
state_dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* NULL sorts first; two NULLs are equal. */
static inline int
state_cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static inline bool
state_same_hash(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static inline int
state_cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

/* state.c: frees what the entry owns (not the entry itself). */
void state_bookmark_fini(struct bookmark *b);
void state_article_fini(struct article_state *a);

/* state.c: 64-bit FNV-1a of p[0..len), for state_hash and file names. */
uint64_t state_fnv1a(const char *p, size_t len);

/*
 * state_merge.c: the orders, for qsort.  Pointers to articles by path
 * then hash; bookmarks by offset, note, id (state_cmp_mark_p takes
 * pointers to bookmarks); tombstones by id, the newest first.
 */
int state_cmp_article_p(const void *pa, const void *pb);
int state_cmp_mark(const struct bookmark *a, const struct bookmark *b);
int state_cmp_mark_p(const void *pa, const void *pb);
int state_cmp_dead(const void *pa, const void *pb);

/* state_merge.c: what merging s into an empty state gives, in place (a
 * loaded file is normalised so without being copied). */
void state_normalise(struct state *s);

/* The first problem found in a file, at a node (line and col 1-based; 0
 * when not at a node).  why is owned by the caller of state_parse_text. */
struct state_parse {
	int line;
	int col;
	char *why;
	int version; /* the file's, once read */
};

/*
 * state_parse.c: parses text[0..len) into s (empty on entry), raw: not
 * normalised (state_merge does that).  0 and s filled; 1 when the file
 * is from a newer lectern; -1 when it is corrupt, with p filled.  s is
 * left for state_fini in every case.
 */
int state_parse_text(struct state_parse *p, const char *text, size_t len,
                     struct state *s);
/* state_parse.c: the same through libyaml alone (state_parse_text tries
 * state_parse_fast first); for the tests that hold the two together.
 * libyaml's node tree takes some 35 times the text: a file that is not in
 * lectern's own form is refused above STATE_MAX_YAML_BYTES. */
int state_parse_yaml(struct state_parse *p, const char *text, size_t len,
                     struct state *s);

/*
 * state_fast.c: parses text[0..len) into s (empty on entry) when it is in
 * the form state_format writes (version 2, or version 1 as lectern wrote
 * it): the version, and s filled as state_parse_text would fill it; 0
 * when it is anything else (s then holds a part: state_fini it and use
 * state_parse_yaml).
 */
int state_parse_fast(const char *text, size_t len, struct state *s);

#endif
