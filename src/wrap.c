/*
 * wrap.c - breaking one paragraph of text into screen lines.
 *
 * Greedy filling in one pass over the text, so a 20 MB paragraph costs no
 * more per byte than a short one.  The text is a sequence of words (runs of
 * non-space bytes) separated by runs of spaces; in text written without
 * spaces (Han, kana, Hangul) each character is a word of its own, but
 * for closing punctuation, which stays with the character before it, and
 * opening punctuation, which stays with the one after (UAX #14).  A word's width does not
 * depend on where it starts, since the only glyph whose width depends on
 * the column, the tab, is a space; only a run of spaces has to be measured
 * at its actual column.  Each word is measured once (stopping the sum, not
 * the scan, once it cannot fit any line) and then:
 *  - appended to the current line when it fits after the spaces before it;
 *  - otherwise it starts the next line, and if it is wider than a whole
 *    line it is cut into pieces there, one cluster (a character and the
 *    combining marks after it) at a time, a cluster never being split.
 * A too-wide word therefore never fills the end of a line that already
 * holds words: the break before it stays a break between words.
 *
 * Leading spaces of the paragraph (an indent) are kept on the first line
 * only when the whole first word fits after them.  Otherwise keeping them
 * would either leave a line of nothing but spaces or cut the first word
 * for the indent's sake, so they are dropped like the spaces at a break.
 */
#include "wrap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "glyph.h"
#include "utf8.h"
#include "util.h"

/* The line being filled; start..end are bytes, col its columns so far. */
struct wrap_state {
	const char *text;
	size_t len;
	int width;
	struct wrap_lines *out;
	size_t start;
	size_t end;
	int col;
	size_t added;
	size_t limit; /* lines to append at most */
	bool stop;    /* the limit was reached: st.start is the next line */
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static size_t
skip_spaces(const char *text, size_t len, size_t pos)
{
	while (pos < len && is_space(text[pos]))
		pos++;
	return pos;
}

/* Closing punctuation a line must not start with, and opening punctuation
 * it must not end with (UAX #14's CL/CP/NS and OP classes, the common
 * CJK and quotation ones). */
static bool
no_break_before(uint32_t c)
{
	static const uint32_t v[] = {
	        0x3001, 0x3002, 0x3005, 0x3009, 0x300b, 0x300d, 0x300f,
	        0x3011, 0x3015, 0x30fc, 0xff01, 0xff09, 0xff0c, 0xff0e,
	        0xff1a, 0xff1b, 0xff1f, 0x2019, 0x201d, 0x3063, 0x30c3};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		if (c == v[i])
			return true;
	return false;
}

static bool
no_break_after(uint32_t c)
{
	static const uint32_t v[] = {0x3008, 0x300a, 0x300c, 0x300e, 0x3010,
	                             0x3014, 0xff08, 0x2018, 0x201c};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		if (c == v[i])
			return true;
	return false;
}

/*
 * Whether a line may break between the character at text[at..pos) and
 * the one at pos, with no space between: text written without spaces
 * (Han, kana, Hangul) breaks between any two characters, except before
 * closing and after opening punctuation.
 */
bool
wrap_break_between(const char *text, size_t len, size_t at, size_t pos)
{
	if (pos >= len || is_space(text[pos]) ||
	    ((unsigned char)text[at] < 0x80 && (unsigned char)text[pos] < 0x80))
		return false;
	uint32_t a, b;
	utf8_decode(text + at, pos - at, &a);
	utf8_decode(text + pos, len - pos, &b);
	if (!utf8_is_cjk(a) && !utf8_is_cjk(b))
		return false;
	/* A combining mark stays with its base. */
	struct glyph g;
	glyph_of(b, 0, &g);
	if (g.kind == GLYPH_COMBINING)
		return false;
	return !no_break_before(b) && !no_break_after(a);
}

/*
 * Measures the word at text[pos], setting *wend one past its last byte.
 * Returns its columns, or -1 when they exceed limit: then the scan stops
 * there and *wend is not set (cut_word finds the word's end as it cuts, so
 * a word of 100 MB is read once, a line at a time).
 */
static int
word_cols(const char *text, size_t len, size_t pos, int limit, size_t *wend)
{
	int cols = 0;
	size_t base = pos; /* the last character not a combining mark */
	while (pos < len && !is_space(text[pos])) {
		/* A run of printable ASCII: a column a byte, no break inside
		 * it (most text, measured without decoding). */
		unsigned char ch = (unsigned char)text[pos];
		if (ch > 0x20 && ch < 0x7f &&
		    (base == pos || (unsigned char)text[base] < 0x80)) {
			size_t from = pos;
			while (pos < len && (unsigned char)text[pos] > 0x20 &&
			       (unsigned char)text[pos] < 0x7f)
				pos++;
			if ((size_t)(limit - cols) < pos - from)
				return -1;
			cols += (int)(pos - from);
			base = pos - 1;
			if (wrap_break_between(text, len, base, pos))
				break;
			continue;
		}
		struct glyph g;
		size_t at = pos;
		glyph_next(text, len, &pos, 0, &g);
		if (g.kind != GLYPH_COMBINING)
			base = at;
		if (g.width > limit - cols)
			return -1;
		cols += g.width;
		/* A mark takes its base's side of a break (UAX #14, LB9). */
		if (wrap_break_between(text, len, base, pos))
			break;
	}
	*wend = pos;
	return cols;
}

/*
 * The column after the spaces text[from..to) drawn from column col, or -1
 * when it passes limit (col itself may already be past it after a single
 * too-wide character).
 */
static int
space_cols(const char *text, size_t from, size_t to, int col, int limit)
{
	size_t pos = from;
	if (col > limit)
		return -1;
	while (pos < to) {
		struct glyph g;
		glyph_next(text, to, &pos, col, &g);
		if (g.width > limit - col)
			return -1;
		col += g.width;
	}
	return col;
}

static void
emit(struct wrap_state *st)
{
	if (st->added == st->limit) {
		st->stop = true;
		return;
	}
	struct wrap_lines *wl = st->out;
	xgrow(&wl->v, &wl->cap, wl->n + 1, sizeof *wl->v);
	wl->v[wl->n].start = st->start;
	wl->v[wl->n].end = st->end;
	wl->v[wl->n].cols = st->col;
	wl->n++;
	st->added++;
}

/*
 * Cuts the too-wide word at text[pos] into lines, starting on an empty
 * line at pos, and returns one past its end (a space, a break between two
 * CJK characters, or the end of the text).  The last piece stays open as
 * the current line, so the next word may still join it.
 */
static size_t
cut_word(struct wrap_state *st, size_t pos)
{
	const char *text = st->text;
	size_t len = st->len;
	bool empty = true;
	while (pos < len && !is_space(text[pos])) {
		size_t cstart = pos;
		struct glyph g;
		glyph_next(text, len, &pos, 0, &g);
		int cw = g.width;
		/* The cluster's combining marks come along with their base. */
		while (pos < len) {
			size_t next = pos;
			struct glyph m;
			glyph_next(text, len, &next, 0, &m);
			if (m.kind != GLYPH_COMBINING)
				break;
			pos = next;
		}
		/* A cluster wider than the whole line still goes on an empty
		 * line: it cannot fit anywhere better. */
		if (!empty && cw > st->width - st->col) {
			st->end = cstart;
			emit(st);
			if (st->stop)
				return pos;
			st->start = cstart;
			st->col = 0;
		}
		st->col += cw;
		empty = false;
		if (wrap_break_between(text, len, cstart, pos))
			break;
	}
	st->end = pos;
	return pos;
}

/*
 * The greedy step for plain text, many words at once: when the bytes
 * from the line's end up to where its room ends are printable ASCII (a
 * column a byte, spaces one column each, no break inside a word), the
 * words that fit are those that end within the room, so the line ends
 * at the last word end there.  Words next to a byte of anything else (a
 * tab, a mark, a CJK character) are left to the word by word step, as
 * is a line the next word does not fit.  Returns false when it took no
 * word; else the line holds more and *pos is the next word.
 */
static bool
fill_ascii(struct wrap_state *st, size_t *pos)
{
	const char *text = st->text;
	size_t len = st->len, from = st->end;
	if (st->col >= st->width)
		return false;
	size_t lim = from + (size_t)(st->width - st->col); /* room's end */
	size_t upto = lim < len ? lim + 1 : len; /* text[lim] told too */
	size_t x = glyph_ascii_end(text, upto, from), e;
	if (x < upto) { /* text[x] is no plain byte: a word ends before */
		for (e = x; e > from && text[e - 1] != ' ';)
			e--;
	} else if (lim >= len) { /* all of the rest fits */
		e = len;
	} else { /* a word running past the room does not fit */
		e = lim;
		if (text[e] != ' ')
			while (e > from && text[e - 1] != ' ')
				e--;
	}
	while (e > from && text[e - 1] == ' ')
		e--;
	if (e <= *pos)
		return false;
	st->col += (int)(e - from);
	st->end = e;
	*pos = skip_spaces(text, len, e);
	return true;
}

/*
 * Starts a new line (the previous one, if any, already emitted) with the
 * word at pos, of cols columns ending at wend, or -1: too wide for any
 * line, cut into pieces.  Returns one past the word.
 */
static size_t
place_on_new_line(struct wrap_state *st, size_t pos, size_t wend, int cols)
{
	st->start = pos;
	st->col = 0;
	if (cols < 0)
		return cut_word(st, pos);
	st->end = wend;
	st->col = cols;
	return wend;
}

void
wrap_lines_init(struct wrap_lines *wl)
{
	wl->v = NULL;
	wl->n = 0;
	wl->cap = 0;
}

void
wrap_lines_fini(struct wrap_lines *wl)
{
	free(wl->v);
	wrap_lines_init(wl);
}

size_t
wrap_text(const char *text, size_t len, int width, struct wrap_lines *out)
{
	return wrap_text_max(text, len, width, SIZE_MAX, out, NULL);
}

size_t
wrap_text_max(const char *text, size_t len, int width, size_t max,
              struct wrap_lines *out, size_t *next)
{
	struct wrap_state st = {
	        .text = text,
	        .len = len,
	        .width = width < 1 ? 1 : width,
	        .out = out,
	        .limit = max,
	};
	size_t pos = skip_spaces(text, len, 0);
	if (pos == len) {
		emit(&st); /* empty or all spaces: one empty line */
		goto done;
	}

	/* The first word, and whether the indent before it stays. */
	size_t wend = pos;
	int wcols = word_cols(text, len, pos, st.width, &wend);
	int indent = space_cols(text, 0, pos, 0, st.width);
	if (wcols >= 0 && indent >= 0 && wcols <= st.width - indent) {
		st.start = 0;
		st.end = wend;
		st.col = indent + wcols;
	} else {
		wend = place_on_new_line(&st, pos, wend, wcols);
	}
	pos = skip_spaces(text, len, wend);

	while (pos < len && !st.stop) {
		if (fill_ascii(&st, &pos))
			continue;
		wcols = word_cols(text, len, pos, st.width, &wend);
		int at = space_cols(text, st.end, pos, st.col, st.width);
		if (wcols >= 0 && at >= 0 && wcols <= st.width - at) {
			st.end = wend;
			st.col = at + wcols;
		} else {
			emit(&st);
			if (st.stop)
				break;
			wend = place_on_new_line(&st, pos, wend, wcols);
		}
		pos = skip_spaces(text, len, wend);
	}
	if (!st.stop)
		emit(&st);
done:
	if (next)
		*next = st.stop ? st.start : len;
	return st.added;
}
