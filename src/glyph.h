/*
 * glyph.h - how one code point of article text is shown on screen.
 *
 * Article text is untrusted: a code point that could act on the terminal
 * (C0 controls other than tab and newline, DEL, C1 controls) or reorder what
 * the reader sees (bidi embedding, override and isolate controls, LRM, RLM,
 * ALM), or that has no display width, is never sent raw.  It becomes a
 * visible ASCII placeholder, drawn in the control-character style:
 *   C0 and DEL  -> caret notation, as less does: ESC is "^[", NUL "^@", DEL "^?"
 *   C1 controls -> "<U+009B>"
 *   bidi controls U+061C U+200E U+200F U+202A..U+202E U+2066..U+2069
 *               -> "<U+202E>"
 *   other code points wcwidth() calls unprintable (-1) -> "<U+XXXX>"
 * Everything else is shown as itself, 1 or 2 columns wide (wcwidth), or
 * 0 for combining marks, which attach to the preceding character; but a
 * zero-width joiner or a variation selector is not drawn (see
 * glyph_is_joiner).
 *
 * Widths come from wcwidth(), so the caller must have set an LC_CTYPE
 * locale with UTF-8 (main does setlocale; tests use C.UTF-8).
 */
#ifndef LECTERN_GLYPH_H
#define LECTERN_GLYPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define GLYPH_TABSTOP 8

enum glyph_kind {
	GLYPH_CHAR,        /* cp drawn as itself, width 1 or 2 */
	GLYPH_COMBINING,   /* cp drawn on the previous cell, width 0 */
	GLYPH_PLACEHOLDER, /* text drawn instead of cp, width strlen(text) */
	GLYPH_TAB,         /* blank up to the next tab stop, width 1..8 */
};

struct glyph {
	enum glyph_kind kind;
	uint32_t cp;   /* the code point decoded (U+FFFD for bad bytes) */
	int width;     /* display columns */
	char text[12]; /* PLACEHOLDER only: NUL-terminated ASCII */
};

/*
 * Whether cp is a zero-width joiner or a variation selector (text or emoji
 * presentation): drawn as nothing, since terminals disagree on the width
 * of what they join.
 */
bool glyph_is_joiner(uint32_t cp);

/*
 * Classifies cp for display at column col (col only matters for a tab,
 * whose width is GLYPH_TABSTOP - col % GLYPH_TABSTOP).  A newline is shown
 * as one space (GLYPH_CHAR, cp ' '): within a paragraph it is a soft break.
 */
void glyph_of(uint32_t cp, int col, struct glyph *g);

/*
 * Decodes the code point at s[*pos] (*pos < len), advances *pos past it and
 * classifies it for display at column col.  The one loop every wrapper and
 * painter uses, so that they agree on widths.
 */
void glyph_next(const char *s, size_t len, size_t *pos, int col,
                struct glyph *g);

/* Columns s[0..len) takes when drawn starting at column 0. */
int glyph_text_width(const char *s, size_t len);

/*
 * Appends s[0..len) to out made safe for a terminal or a one-line record:
 * placeholders for what glyph_of replaces, "^I" and "^J" for tab and
 * newline, U+FFFD for bytes that are not UTF-8.  For text lectern prints
 * outside the screen (--list, messages naming files).
 */
void glyph_escape(const char *s, size_t len, struct strbuf *out);

/* Where the run of printable ASCII (0x20..0x7e: a column a byte, drawn
 * as it is) from s[pos] ends, at len at most. */
size_t glyph_ascii_end(const char *s, size_t len, size_t pos);

/* glyph_escape of the one glyph at s[pos] (pos < len); returns the
 * position after it.  glyph_escape copies printable ASCII in runs. */
size_t glyph_escape_next(const char *s, size_t len, size_t pos,
                         struct strbuf *out);

/*
 * What an ASCII-only terminal (a locale that is not UTF-8) shows for cp,
 * a printable ASCII character: the lines, bars and marks lectern draws
 * and common punctuation get a look-alike (│ ┃ as |, ▐ as #, … as ~,
 * · as -, curly quotes as straight ones, dashes as -), anything else ?.
 */
char glyph_ascii(uint32_t cp);

#endif
