/*
 * search.h - the search in the open article: a query, its matches, and
 * which one is current.
 *
 * Queries are regular expressions (regex.h) with smart case, as in less
 * and vim: a capital letter in the query makes it case-sensitive.
 */
#ifndef LECTERN_SEARCH_H
#define LECTERN_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "kwset.h"
#include "match.h"
#include "regex.h"

/* How far a search has gone through its text (search_more). */
enum search_phase {
	SEARCH_DONE,   /* every match is in spans */
	SEARCH_AFTER,  /* looking from origin to the end */
	SEARCH_BEFORE, /* then from the top to origin */
};

struct search {
	char *query;              /* NULL: no search */
	struct regex *re;         /* NULL when the query does not compile */
	char *error;              /* why, for the status line */
	bool backward;            /* the direction of / or ? */
	struct match_spans spans; /* matches in the text (group -1) */
	size_t cur;               /* the current match, SIZE_MAX for none */
	bool wrapped;             /* the last step went round the end */
	bool limited;             /* PCRE2's limits cut the matching short */
	/* A search not done yet: spans holds the matches from origin to
	 * next (SEARCH_AFTER), or from origin to the end, and before those
	 * from the top to next (SEARCH_BEFORE); the two join at the end. */
	enum search_phase phase;
	size_t origin, next;
	bool into_before;          /* SEARCH_BEFORE's matches go to before */
	struct match_spans before; /* until they join spans */
	const char *text;          /* what is searched, to see it change */
	size_t len;
	/* A query of literal words joined by '|': its matches found by a
	 * kwset (one pass), PCRE2's leftmost-first choice made among them;
	 * NULL for any other. */
	struct kwset *kw;
	size_t kw_max;      /* its longest word */
	long long spent_ns; /* searching so far, against SEARCH_BUDGET_MS */
};

void search_init(struct search *s);
void search_fini(struct search *s);
/* Forgets the query and its matches. */
void search_clear(struct search *s);

/* Sets the query; returns 0, or -1 with s->error set (no matches). */
int search_set(struct search *s, const char *query, bool backward);

/* How long search_run may look through one text: past it, the matches
 * found so far are kept and limited is set (a runaway pattern). */
#define SEARCH_BUDGET_MS 300

/* Finds every match of the query in text[0..len); cur is reset. */
void search_run(struct search *s, const char *text, size_t len);

/*
 * A search of text[0..len) done a slice at a time, as less searches from
 * the screen: search_begin sets it going from byte origin (the view's
 * top), to the end then round from the top; search_more goes on for
 * about bytes of text or max matches, whichever comes first, and says
 * whether it is done.  The text must stay the same until then (a
 * different one starts it again from the top).
 */
void search_begin(struct search *s, const char *text, size_t len,
                  size_t origin);
bool search_more(struct search *s, size_t bytes, size_t max);
bool search_done(const struct search *s);
/* The matches found so far (all of them once done). */
size_t search_count(const struct search *s);
/* search_more to the end. */
void search_finish(struct search *s);

/* Bytes and matches of one search_more in the background: a millisecond
 * or two (a key waits for the slice under way). */
#define SEARCH_SLICE_BYTES (1024 * 1024)
#define SEARCH_SLICE_MATCHES 1024
/* What a screen needs past its first match: more than it can show. */
#define SEARCH_SCREEN_BYTES (64 * 1024)
#define SEARCH_SCREEN_MATCHES 256

/*
 * search_begin, then the first match from origin on (or, round the end,
 * from the top) made current, without looking further than it and a
 * screen beyond: what a typed letter costs is the distance to the match,
 * not the length of the text.  cur is SIZE_MAX when nothing matches (or
 * limited, when the search was cut short); the rest of the matches are
 * for search_more.
 */
void search_start(struct search *s, const char *text, size_t len,
                  size_t origin);

/*
 * Makes current the first match starting after offset from (forward) or
 * the last one starting before it (backward), going round the end of the
 * text when there is none; sets wrapped then.  Returns false when there
 * are no matches at all.
 */
bool search_step(struct search *s, size_t from, bool forward);

#endif
