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

#include "match.h"
#include "regex.h"

struct search {
	char *query;              /* NULL: no search */
	struct regex *re;         /* NULL when the query does not compile */
	char *error;              /* why, for the status line */
	bool backward;            /* the direction of / or ? */
	struct match_spans spans; /* matches in the text (group -1) */
	size_t cur;               /* the current match, SIZE_MAX for none */
	bool wrapped;             /* the last step went round the end */
	bool limited;             /* PCRE2's limits cut the matching short */
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
 * Makes current the first match starting after offset from (forward) or
 * the last one starting before it (backward), going round the end of the
 * text when there is none; sets wrapped then.  Returns false when there
 * are no matches at all.
 */
bool search_step(struct search *s, size_t from, bool forward);

#endif
