/*
 * match.h - finding keyword groups in article text.
 *
 * Each group (config.h's struct hl_group) becomes one regex: its words as
 * literals (case-insensitive and whole-word by the group's options) and
 * its patterns as given.  Overlapping matches resolve one documented way:
 * the earliest start wins; at the same start the longest; at the same
 * length the group that comes first.  Matching runs on the text of a
 * block (a paragraph), not on screen lines, so a phrase that wrapping
 * splits is still one match.
 */
#ifndef LECTERN_MATCH_H
#define LECTERN_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "doc.h"
#include "util.h"

struct match_span {
	size_t start; /* byte range in the text */
	size_t end;
	int group; /* index into the groups given to matcher_new */
};

struct match_spans {
	struct match_span *v;
	size_t n;
	size_t cap;
};

void match_spans_init(struct match_spans *s);
void match_spans_fini(struct match_spans *s);
/* Appends the span [start, end) of group. */
void match_spans_push(struct match_spans *s, size_t start, size_t end,
                      int group);

struct matcher;

/*
 * Compiles groups[0..n).  A group whose pattern does not compile is
 * reported in diags (as "highlight[i].patterns[j]: ..." with the group's
 * line) and matches nothing; the others work.
 */
struct matcher *matcher_new(const struct hl_group *groups, size_t n,
                            struct diag_list *diags);
enum {
	MATCHER_NO_KWSET = 1 << 0, /* every word through PCRE2 (for tests:
	                            * the same matches, slower) */
};
/* matcher_new with options. */
struct matcher *matcher_new_opts(const struct hl_group *groups, size_t n,
                                 struct diag_list *diags, unsigned opts);
void matcher_free(struct matcher *m);
size_t matcher_groups(const struct matcher *m);

/* How long the patterns may look through one text (a block), counted
 * from their eighth find there: past it their matches there are
 * incomplete (see regex_budget). */
#define MATCHER_BUDGET_MS 200

/*
 * Appends to out the matches of the groups enabled[g] (NULL: all) in
 * text[0..len), overlaps resolved, in order of start.  Offsets are
 * shifted by base (so a block's matches can be kept in body offsets).
 * Returns false when a pattern hit PCRE2's limits (its matches in this
 * text are then incomplete).
 */
bool matcher_find(const struct matcher *m, const char *text, size_t len,
                  size_t base, const bool *enabled, struct match_spans *out);

/*
 * matcher_find over each of the blocks v[0..n) of an article body (doc.h),
 * so that no match runs from one paragraph into the next; offsets are
 * body offsets.  The words of a run of blocks are found in one scan.
 */
bool matcher_find_blocks(const struct matcher *m, const char *body,
                         const struct block *v, size_t n, const bool *enabled,
                         struct match_spans *out);

/*
 * The matches of matcher_find_blocks over body[0..len) split into blocks
 * (doc.h), counted: counts[g] for each of the matcher's groups.  The body
 * is split and matched a run of blocks at a time, so the memory held is
 * bounded whatever its size or its number of matches; m keeps those
 * buffers for its next count (so not two counts with one matcher at once,
 * from two threads).  Returns false as matcher_find does.
 */
bool matcher_count(struct matcher *m, const char *body, size_t len,
                   const bool *enabled, size_t *counts);

/* Checks a regular expression as the config loads it; NULL when it is
 * fine, else a message (caller frees). */
char *match_check_pattern(const char *pattern);

#endif
