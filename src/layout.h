/*
 * layout.h - an article laid out as screen lines for one pane width.
 *
 * The layout is the list of display lines: the title (wrapped), the
 * metadata line, a blank line, then each block of the body wrapped, with a
 * blank line between blocks.  A line only records byte ranges, and only
 * one line in LAYOUT_STEP is kept, so a layout costs a fraction of a byte
 * per screen line, at any width; drawing a screenful wraps a screenful.
 */
#ifndef LECTERN_LAYOUT_H
#define LECTERN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

enum line_kind {
	LINE_TITLE,   /* range in the title string */
	LINE_META,    /* range in the metadata string */
	LINE_BLANK,   /* empty; start is the body offset of the next block */
	LINE_HEADING, /* range in the body */
	LINE_TEXT,    /* range in the body */
};

struct line {
	enum line_kind kind;
	size_t block; /* the body block it belongs to (the next block for
	               * TITLE, META and BLANK lines) */
	size_t start; /* byte range [start, end) */
	size_t end;
};

/* Body lines are made LAYOUT_STEP at a time, from a mark. */
#define LAYOUT_STEP 64

/* Where a run of body lines starts: a line start in a block, or the blank
 * line before the block (off == LAYOUT_BLANK). */
struct layout_mark {
	size_t block;
	size_t off; /* bytes into the block's text */
};
#define LAYOUT_BLANK ((size_t)-1)

struct layout_cache;

/*
 * The lines themselves are not kept: only where every LAYOUT_STEP-th body
 * line starts (16 bytes per 64 lines, whatever the width), and the few
 * lines of the title area.  layout_line wraps the run holding the line
 * asked for again; the last two runs are cached, so drawing a screen or
 * walking the lines in order wraps each run once.
 */
struct layout {
	size_t n;          /* lines in all */
	int width;         /* columns the text was wrapped to */
	size_t first_body; /* index of the first line of the body */
	/* private */
	const char *body;
	struct doc *doc;   /* split further as lines are made */
	struct line *head; /* the title area: lines [0, first_body) */
	size_t headcap;
	struct layout_mark *marks; /* body line first_body + k * LAYOUT_STEP
	                            * starts at marks[k] */
	size_t nmarks;
	size_t markcap;
	struct layout_mark next; /* where the lines not made yet start */
	bool done;               /* every line is made: n is the total */
	struct layout_cache *cache;
};

void layout_init(struct layout *l);
void layout_fini(struct layout *l);

/*
 * Lays out an article for width columns (>= 1), replacing what l held.
 * title and meta are NUL-terminated; body and doc are the article body and
 * its blocks (doc_parse, or doc_begin: the layout splits it as far as the
 * lines it makes need).  The strings are not copied: keep them alive
 * while the layout is used.
 */
void layout_build(struct layout *l, const char *title, const char *meta,
                  const char *body, struct doc *doc, int width);

/*
 * layout_build, lazily: only the title area.  The body's lines are made
 * by layout_extend, as far as they are needed (like less, which reads a
 * file only as far as it shows): until then l->n counts the lines made so
 * far and l->done is false.
 */
void layout_start(struct layout *l, const char *title, const char *meta,
                  const char *body, struct doc *doc, int width);

/*
 * Makes body lines until there are at least want lines in all or the body
 * ends, and, at most, until max_bytes more of the body are laid out (at
 * least one run of LAYOUT_STEP lines is made while any is left).  Returns
 * l->done.
 */
bool layout_extend(struct layout *l, size_t want, size_t max_bytes);

/* The body offset the lines made so far reach: every block before it is
 * laid out whole (the body's length when done). */
size_t layout_frontier(const struct layout *l);

/* Line i (< l->n). */
struct line layout_line(const struct layout *l, size_t i);

/*
 * The place a reader is at, kept as a value that survives a change of
 * width where a line index does not: 0 for the title area, else one more
 * than the body offset of the first body line at or after line top.
 */
size_t layout_anchor(struct layout *l, size_t top);

/*
 * The line to show at the top for a place from layout_anchor: the body
 * line containing its offset (0 for the title area).  The layout is
 * extended past it when it is not made yet.
 */
size_t layout_find_anchor(struct layout *l, size_t anchor);

#endif
