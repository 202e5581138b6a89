/*
 * wrap.h - breaking one paragraph of text into screen lines.
 *
 * Works on bytes and display columns (via glyph.h), never on code point
 * counts: a CJK character is two columns, a combining mark none.
 */
#ifndef LECTERN_WRAP_H
#define LECTERN_WRAP_H

#include <stdbool.h>
#include <stddef.h>

struct wrap_line {
	size_t start; /* byte offset in the text of the line's first byte */
	size_t end;   /* one past its last byte; the spaces a break happens
	               * at are not part of either line */
	int cols;     /* display columns the line takes */
};

struct wrap_lines {
	struct wrap_line *v;
	size_t n;
	size_t cap;
};

void wrap_lines_init(struct wrap_lines *wl);
void wrap_lines_fini(struct wrap_lines *wl);

/*
 * Wraps text[0..len), one paragraph in which '\n' counts as a space, into
 * lines no wider than width columns (width >= 1; smaller is taken as 1) and
 * appends them to out.  Rules:
 *  - lines break at spaces (' ', '\t', '\n'); the run of spaces at a break
 *    belongs to neither line, so a line never starts or ends with one
 *    (leading spaces of the paragraph itself are kept on its first line);
 *  - a word wider than width is cut after the last character that fits;
 *  - a wide character never straddles the edge: it moves to the next line;
 *  - a combining mark stays with its base character;
 *  - a tab expands to the next multiple of 8 columns from the line start;
 *  - control characters take the width of their placeholder (glyph.h).
 * Empty or all-space text gives one empty line.  Every line's cols <= width,
 * except a single character wider than width (a 2-column character when
 * width is 1), which gets a line of its own.
 * Returns the number of lines appended.
 */
size_t wrap_text(const char *text, size_t len, int width,
                 struct wrap_lines *out);

/*
 * wrap_text appending at most max lines.  *next (if not NULL) is set to
 * the byte offset where the line after them starts, or to len when the
 * text ended.  Wrapping is the same from any line's start: wrapping
 * text + *next goes on exactly where this call stopped, so a paragraph of
 * any size can be wrapped a screenful at a time.
 */
size_t wrap_text_max(const char *text, size_t len, int width, size_t max,
                     struct wrap_lines *out, size_t *next);

/*
 * Whether a line may break between the character at text[at..pos) and
 * the one at pos with no space between them: in text written without
 * spaces (Han, kana, Hangul) between any two characters, but not before
 * closing punctuation (，。」) or after opening punctuation (「（).
 */
bool wrap_break_between(const char *text, size_t len, size_t at, size_t pos);

#endif
