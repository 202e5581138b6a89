/*
 * glyph.c - how one code point of article text is shown on screen.
 *
 * The order of the tests in glyph_of matters: controls and bidi controls
 * are caught before wcwidth() is asked, because wcwidth() calls several of
 * them zero-width (U+200E, U+202E...) and they would otherwise pass as
 * harmless combining marks while still reordering the terminal's output.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif

#include "glyph.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "utf8.h"

static bool
is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static void
set_placeholder_hex(struct glyph *g)
{
	/* cp <= U+10FFFF here, so "<U+10FFFF>" is the longest text. */
	int n = snprintf(g->text, sizeof g->text, "<U+%04X>", (unsigned)g->cp);
	g->kind = GLYPH_PLACEHOLDER;
	g->width = n;
}

void
glyph_of(uint32_t cp, int col, struct glyph *g)
{
	memset(g->text, 0, sizeof g->text);
	g->cp = cp;
	g->kind = GLYPH_CHAR;
	g->width = 1;

	if (cp >= 0x20 && cp < 0x7F) /* printable ASCII: the common case */
		return;
	if (cp == '\t') {
		if (col < 0)
			col = 0;
		g->kind = GLYPH_TAB;
		g->width = GLYPH_TABSTOP - col % GLYPH_TABSTOP;
		return;
	}
	if (cp == '\n' || cp == 0xa0) {
		/* A no-break space looks like a space: drawn as one, it
		 * copies out of the terminal as one. */
		g->cp = ' ';
		return;
	}
	if (cp < 0x20 || cp == 0x7F) {
		/* Caret notation: ^@ for NUL ... ^_ for 0x1F, ^? for DEL. */
		g->kind = GLYPH_PLACEHOLDER;
		g->text[0] = '^';
		g->text[1] = (char)(cp ^ 0x40);
		g->width = 2;
		return;
	}
	if (cp > 0x10FFFF) {
		/* Not a code point at all (no decoder makes one): treat it as
		 * the bad data it is, and keep "<U+...>" within text[]. */
		g->cp = UTF8_REPLACEMENT;
		return;
	}
	if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
		set_placeholder_hex(g);
		return;
	}

	int w = wcwidth((wchar_t)cp);
	if (w < 0) {
		set_placeholder_hex(g);
	} else if (w == 0) {
		g->kind = GLYPH_COMBINING;
		g->width = 0;
	} else {
		g->width = w > 2 ? 2 : w;
	}
}

bool
glyph_is_joiner(uint32_t cp)
{
	return cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F;
}

void
glyph_next(const char *s, size_t len, size_t *pos, int col, struct glyph *g)
{
	uint32_t cp;
	*pos += utf8_decode(s + *pos, len - *pos, &cp);
	glyph_of(cp, col, g);
}

int
glyph_text_width(const char *s, size_t len)
{
	size_t pos = 0;
	int col = 0;
	while (pos < len) {
		struct glyph g;
		glyph_next(s, len, &pos, col, &g);
		if (g.width > INT_MAX - col)
			return INT_MAX; /* saturate rather than overflow */
		col += g.width;
	}
	return col;
}

/* Eight bytes at a time while none of them is another byte. */
size_t
glyph_ascii_end(const char *s, size_t len, size_t pos)
{
	for (; pos + 8 <= len; pos += 8) {
		uint64_t x;
		memcpy(&x, s + pos, 8);
		/* A byte below 0x20 (exact for "any" when none has its high
		 * bit), a byte of 0x80 or more, or 0x7f (which + 1 makes
		 * 0x80, with no carry when no byte has its high bit). */
		if (((x - 0x20 * SWAR_ONES) & ~x & SWAR_HIGH) |
		    ((x | (x + SWAR_ONES)) & SWAR_HIGH))
			break;
	}
	while (pos < len && (unsigned char)s[pos] >= 0x20 &&
	       (unsigned char)s[pos] < 0x7f)
		pos++;
	return pos;
}

size_t
glyph_escape_next(const char *s, size_t len, size_t pos, struct strbuf *out)
{
	struct glyph g;
	size_t start = pos;
	glyph_next(s, len, &pos, 0, &g);
	if (g.kind == GLYPH_PLACEHOLDER) {
		sb_addstr(out, g.text);
	} else if (g.kind == GLYPH_TAB || s[start] == '\n') {
		sb_addstr(out, s[start] == '\t' ? "^I" : "^J");
	} else {
		char buf[4];
		sb_add(out, buf, utf8_encode(g.cp, buf));
	}
	return pos;
}

void
glyph_escape(const char *s, size_t len, struct strbuf *out)
{
	size_t pos = 0;
	while (pos < len) {
		/* Printable ASCII stands for itself: copied a run at a time,
		 * the common case of every line --grep prints. */
		size_t run = glyph_ascii_end(s, len, pos);
		if (run > pos) {
			sb_add(out, s + pos, run - pos);
			pos = run;
			continue;
		}
		pos = glyph_escape_next(s, len, pos, out);
	}
}

char
glyph_ascii(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		char c;
	} look_alike[] = {
	        {0x00a0, ' '}, /* no-break space */
	        {0x00ab, '"'}, {0x00bb, '"'},  {0x00b7, '-'}, /* middle dot */
	        {0x2010, '-'}, {0x2011, '-'},  {0x2012, '-'},  {0x2013, '-'},
	        {0x2014, '-'}, {0x2018, '\''}, {0x2019, '\''}, {0x201c, '"'},
	        {0x201d, '"'}, {0x2022, '*'},  {0x2026, '~'}, /* ellipsis */
	        {0x2190, '<'}, {0x2192, '>'},  {0x2500, '-'},  {0x2502, '|'},
	        {0x2503, '|'}, {0x2588, '@'},  {0x2590, '#'}, /* hit map */
	};
	if (cp >= 0x20 && cp < 0x7f)
		return (char)cp;
	for (size_t i = 0; i < sizeof look_alike / sizeof *look_alike; i++)
		if (look_alike[i].cp == cp)
			return look_alike[i].c;
	return '?';
}
