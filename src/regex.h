/*
 * regex.h - regular expressions (PCRE2, UTF mode, JIT where available).
 *
 * The one file that sees pcre2.h.  Patterns are what users type in less
 * and vim: PCRE syntax.  Every match runs under PCRE2's match and depth
 * limits, so a pathological pattern (catastrophic backtracking) stops
 * with an error instead of hanging the reader.
 */
#ifndef LECTERN_REGEX_H
#define LECTERN_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct regex;

enum regex_flags {
	REGEX_CASELESS = 1 << 0,   /* Unicode case folding, not only ASCII */
	REGEX_LITERAL = 1 << 1,    /* the pattern is plain text, not a regex */
	REGEX_WHOLE_WORD = 1 << 2, /* only at word boundaries (letters,
	                            * digits, underscore in any script) */
	REGEX_SMART_CASE = 1 << 3, /* caseless unless the pattern has an
	                            * upper-case letter (less, vim) */
	REGEX_SLICED = 1 << 4,     /* searched a slice at a time: see
	                            * regex_find_upto */
};

/*
 * Compiles pattern (UTF-8).  With REGEX_LITERAL, runs of white space in
 * the pattern match any run of white space in the text (so a phrase
 * matches across a line break).  Returns NULL on error with *err set
 * (caller frees) to a message like "missing closing parenthesis at
 * offset 3".
 */
struct regex *regex_new(const char *pattern, unsigned flags, char **err);
void regex_free(struct regex *re);

enum regex_result {
	REGEX_MATCH,
	REGEX_NOMATCH,
	REGEX_LIMIT, /* match or depth limit reached: pattern too costly */
	REGEX_ERROR,
};

/*
 * Finds the first match in text[0..len) starting at or after byte from.
 * On REGEX_MATCH sets [*start, *end).  An empty match is reported; the
 * caller advances past it.  Invalid UTF-8 in text is tolerated (matched
 * as if each bad byte were a character of its own).
 */
enum regex_result regex_find(const struct regex *re, const char *text,
                             size_t len, size_t from, size_t *start,
                             size_t *end);

/*
 * PCRE2's limits bound one match, not the matches over a text: a pattern
 * cheap each time but linear in what follows ("\w(?=\w*$)") is quadratic
 * over a long word (a minute for 200,000 characters).  A budget bounds the
 * time of all the finds over one text: regex_find_in gives REGEX_LIMIT,
 * without matching, once it is spent.  Time, not steps: PCRE2 does not
 * say how many steps a match took.
 */
struct regex_budget {
	long long deadline_ns; /* on CLOCK_MONOTONIC; 0: no budget */
};

/* A budget of ms milliseconds from now (ms <= 0: none). */
void regex_budget_start(struct regex_budget *b, int ms);

/* regex_find within budget b (NULL: none). */
enum regex_result regex_find_in(const struct regex *re, const char *text,
                                size_t len, size_t from, size_t *start,
                                size_t *end, const struct regex_budget *b);

/*
 * regex_find_in for a match starting at or before byte limit only: the
 * rest of a long text is not looked at (with JIT; PCRE2's interpreter
 * still looks for the pattern's first character beyond it).  Matches
 * may end past limit, and the pattern sees the whole text, so searching
 * slice after slice finds what one search would.  Needs REGEX_SLICED
 * and JIT (PCRE2's interpreter would look for the pattern's first
 * character past the limit anyway, slice after slice): without them the
 * limit is not applied, and the match found may start past it.
 */
/* Whether re ignores case (REGEX_CASELESS, or smart case without a
 * capital). */
bool regex_caseless(const struct regex *re);

/* Whether regex_find_upto applies its limit for re. */
bool regex_bounds_slices(const struct regex *re);
enum regex_result regex_find_upto(const struct regex *re, const char *text,
                                  size_t len, size_t from, size_t limit,
                                  size_t *start, size_t *end,
                                  const struct regex_budget *b);

/*
 * Appends p[0..n) to out quoted as a pattern that matches it literally
 * (as REGEX_LITERAL does: each run of white space matches any run).
 */
void regex_quote(const char *p, size_t n, struct strbuf *out);

#endif
