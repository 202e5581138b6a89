/*
 * layout.h - an article laid out as screen lines for one pane width.
 *
 * The layout is the list of display lines: the title (wrapped), the
 * metadata line, a blank line, then each block of the body wrapped, with a
 * blank line between blocks.  A line only records byte ranges, so a layout
 * costs a few words per screen line, whatever the article, and drawing a
 * screenful looks at a screenful of lines.
 */
#ifndef LECTERN_LAYOUT_H
#define LECTERN_LAYOUT_H

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

struct layout {
	struct line *v;
	size_t n;
	size_t cap;
	int width;         /* columns the text was wrapped to */
	size_t first_body; /* index of the first line of the body */
};

void layout_init(struct layout *l);
void layout_fini(struct layout *l);

/*
 * Lays out an article for width columns (>= 1), replacing what l held.
 * title and meta are NUL-terminated; body and doc are the article body and
 * its blocks (doc_parse).  The strings are not copied: keep them alive
 * while the layout is used.
 */
void layout_build(struct layout *l, const char *title, const char *meta,
                  const char *body, const struct doc *doc, int width);

/*
 * The place a reader is at, kept as a value that survives a change of
 * width where a line index does not: 0 for the title area, else one more
 * than the body offset of the first body line at or after line top.
 */
size_t layout_anchor(const struct layout *l, size_t top);

/*
 * The line to show at the top for a place from layout_anchor: the body
 * line containing its offset (0 for the title area).
 */
size_t layout_find_anchor(const struct layout *l, size_t anchor);

#endif
