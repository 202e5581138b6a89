/*
 * frame.h - an in-memory screen: rows x cols cells of character + role.
 *
 * Rendering writes a frame; the terminal layer paints it with ncurses, and
 * the headless mode prints it as text.  No curses here.
 */
#ifndef LECTERN_FRAME_H
#define LECTERN_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "role.h"
#include "util.h"

#define FRAME_MAX_COMBINING 2

struct cell {
	uint32_t cp;                        /* ' ' for blank */
	uint32_t comb[FRAME_MAX_COMBINING]; /* combining marks, 0 = none */
	uint8_t width;                      /* 1 or 2; 0 = right half of the
	                                     * wide character to its left */
	uint8_t role;                       /* enum role */
};

struct frame {
	int rows;
	int cols;
	struct cell *cells; /* rows * cols, row-major */
};

void frame_init(struct frame *f);
void frame_fini(struct frame *f);
/* Sets the size (rows, cols >= 0) and clears every cell to ' ' NORMAL. */
void frame_resize(struct frame *f, int rows, int cols);
/* Clears the cells of row r from column c0 to c1 (exclusive) to role. */
void frame_fill(struct frame *f, int r, int c0, int c1, enum role role);
/* The cell at (r, c); r and c must be in range. */
struct cell *frame_at(struct frame *f, int r, int c);

/*
 * Draws s[0..len) (UTF-8, untrusted) on row r from column c, never past
 * column cmax (exclusive) nor the frame edge.  Control characters become
 * their placeholders (glyph.h) in ROLE_CONTROL; a tab expands relative to
 * column tab0; a wide character that does not fit is replaced by blanks.
 * Returns the column after the last one written.
 */
int frame_put_text(struct frame *f, int r, int c, int cmax, const char *s,
                   size_t len, enum role role, int tab0);
/* frame_put_text for a NUL-terminated string, tab0 = c. */
int frame_put_str(struct frame *f, int r, int c, int cmax, const char *s,
                  enum role role);

/*
 * Appends the frame as UTF-8 text to out: one line per row, trailing blanks
 * trimmed, each line ending in '\n'.
 */
void frame_to_text(const struct frame *f, struct strbuf *out);

/* Appends row r as UTF-8 text (no trimming, no newline) to out. */
void frame_row_text(const struct frame *f, int r, struct strbuf *out);

#endif
