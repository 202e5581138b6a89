/* test_glyph.c - display classification and widths of code points. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "util.h"

static void
setup(void)
{
	/* glyph.c takes widths from wcwidth(), which needs a UTF-8 locale. */
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

TestSuite(glyph, .init = setup);

/*
 * One classification: glyph_of(cp, col) must give kind, cp_out, width and,
 * for a placeholder, text.  Strings are inline because criterion runs each
 * parameter in a freshly executed process.
 */
struct glyph_case {
	uint32_t cp;
	int col;
	enum glyph_kind kind;
	uint32_t cp_out;
	int width;
	char text[12];
};

/* clang-format off */
#define CHAR(cp, w) {cp, 0, GLYPH_CHAR, cp, w, ""}
#define COMB(cp) {cp, 0, GLYPH_COMBINING, cp, 0, ""}
#define PH(cp, t) {cp, 0, GLYPH_PLACEHOLDER, cp, sizeof(t) - 1, t}
#define TAB(col, w) {'\t', col, GLYPH_TAB, '\t', w, ""}

static struct glyph_case glyph_cases[] = {
	/* Plain text, one column. */
	CHAR('a', 1),
	CHAR(' ', 1),
	CHAR('~', 1),
	CHAR(0xA3, 1),   /* £ */
	CHAR(0xE9, 1),   /* é precomposed */
	CHAR(0x2018, 1), /* ‘ */
	CHAR(0x2019, 1), /* ’ */
	CHAR(0x201C, 1), /* “ */
	CHAR(0x201D, 1), /* ” */
	CHAR(0x2013, 1), /* – */
	CHAR(0x2014, 1), /* — */
	CHAR(0x2026, 1), /* … */
	CHAR(0x20AC, 1), /* € */
	{0xA0, 0, GLYPH_CHAR, 0x20, 1, ""}, /* no-break space: drawn as a space */
	CHAR(0xFFFD, 1), /* replacement character */
	/* Wide. */
	CHAR(0x4E2D, 2),  /* 中 */
	CHAR(0x6587, 2),  /* 文 */
	CHAR(0x3042, 2),  /* あ */
	CHAR(0xAC00, 2),  /* 가 */
	CHAR(0x3000, 2),  /* ideographic space */
	CHAR(0xFF21, 2),  /* fullwidth A */
	CHAR(0x1F600, 2), /* 😀 */
	/* Zero width, drawn on the previous cell. */
	COMB(0x0301), /* combining acute */
	COMB(0x0308), /* combining diaeresis */
	COMB(0x20DD), /* combining enclosing circle */
	COMB(0xFE0F), /* variation selector 16 */
	COMB(0x200B), /* zero-width space */
	COMB(0x200D), /* zero-width joiner */
	/* Newline is a soft break: one space. */
	{'\n', 0, GLYPH_CHAR, ' ', 1, ""},
	{'\n', 5, GLYPH_CHAR, ' ', 1, ""},
	/* Tabs run to the next multiple of 8. */
	TAB(0, 8),
	TAB(1, 7),
	TAB(3, 5),
	TAB(7, 1),
	TAB(8, 8),
	TAB(13, 3),
	TAB(79, 1),
	/* C0 and DEL in caret notation. */
	PH(0x00, "^@"),
	PH(0x01, "^A"),
	PH(0x07, "^G"),
	PH(0x08, "^H"),
	PH(0x0B, "^K"),
	PH(0x0C, "^L"),
	PH(0x0D, "^M"),
	PH(0x1B, "^["),
	PH(0x1C, "^\\"),
	PH(0x1D, "^]"),
	PH(0x1E, "^^"),
	PH(0x1F, "^_"),
	PH(0x7F, "^?"),
	/* C1 controls. */
	PH(0x80, "<U+0080>"),
	PH(0x85, "<U+0085>"),
	PH(0x9B, "<U+009B>"),
	PH(0x9D, "<U+009D>"),
	PH(0x9F, "<U+009F>"),
	/* Bidi controls (wcwidth calls most of them zero-width). */
	PH(0x061C, "<U+061C>"),
	PH(0x200E, "<U+200E>"),
	PH(0x200F, "<U+200F>"),
	PH(0x202A, "<U+202A>"),
	PH(0x202B, "<U+202B>"),
	PH(0x202C, "<U+202C>"),
	PH(0x202D, "<U+202D>"),
	PH(0x202E, "<U+202E>"),
	PH(0x2066, "<U+2066>"),
	PH(0x2067, "<U+2067>"),
	PH(0x2068, "<U+2068>"),
	PH(0x2069, "<U+2069>"),
	/* Whatever else wcwidth() cannot print. */
	PH(0x0378, "<U+0378>"),     /* unassigned */
	PH(0x2028, "<U+2028>"),     /* line separator */
	PH(0x2029, "<U+2029>"),     /* paragraph separator */
	PH(0xD800, "<U+D800>"),     /* surrogate */
	PH(0x10FFFF, "<U+10FFFF>"), /* noncharacter, six digits */
	/* Not a code point at all: bad data like any other. */
	{0x110000, 0, GLYPH_CHAR, 0xFFFD, 1, ""},
	{0xFFFFFFFF, 0, GLYPH_CHAR, 0xFFFD, 1, ""},
};
/* clang-format on */

ParameterizedTestParameters(glyph, classify_table)
{
	return cr_make_param_array(struct glyph_case, glyph_cases,
	                           sizeof glyph_cases / sizeof *glyph_cases);
}

ParameterizedTest(struct glyph_case *c, glyph, classify_table)
{
	struct glyph g;
	memset(&g, 0x55, sizeof g); /* stale text must not survive */
	glyph_of(c->cp, c->col, &g);
	cr_assert_eq(g.kind, c->kind, "U+%04X: kind %d, not %d",
	             (unsigned)c->cp, g.kind, c->kind);
	cr_assert_eq(g.cp, c->cp_out, "U+%04X: cp U+%04X, not U+%04X",
	             (unsigned)c->cp, (unsigned)g.cp, (unsigned)c->cp_out);
	cr_assert_eq(g.width, c->width, "U+%04X at col %d: width %d, not %d",
	             (unsigned)c->cp, c->col, g.width, c->width);
	if (c->kind == GLYPH_PLACEHOLDER)
		cr_assert_str_eq(g.text, c->text, "U+%04X", (unsigned)c->cp);
	else
		cr_assert_str_empty(g.text, "U+%04X", (unsigned)c->cp);
}

/*
 * Nothing that can act on a terminal or reorder text is ever shown raw,
 * and every placeholder is printable ASCII exactly as wide as its text.
 */
Test(glyph, no_code_point_escapes_raw)
{
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		struct glyph g;
		glyph_of(cp, 0, &g);
		switch (g.kind) {
		case GLYPH_CHAR:
			cr_assert(g.width == 1 || g.width == 2, "U+%04X",
			          (unsigned)cp);
			cr_assert(cp >= 0x20 || cp == '\n', "U+%04X",
			          (unsigned)cp);
			cr_assert(cp < 0x7F || cp > 0x9F, "U+%04X",
			          (unsigned)cp);
			break;
		case GLYPH_COMBINING:
			cr_assert_eq(g.width, 0, "U+%04X", (unsigned)cp);
			cr_assert_geq(cp, 0xA0, "U+%04X", (unsigned)cp);
			break;
		case GLYPH_TAB:
			cr_assert_eq(cp, '\t');
			break;
		case GLYPH_PLACEHOLDER:
			cr_assert_eq((size_t)g.width, strlen(g.text), "U+%04X",
			             (unsigned)cp);
			for (const char *p = g.text; *p; p++)
				cr_assert(*p > 0x20 && *p < 0x7F, "U+%04X",
				          (unsigned)cp);
			break;
		}
		if ((cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
		    cp == 0x200F || cp == 0x061C)
			cr_assert_eq(g.kind, GLYPH_PLACEHOLDER, "U+%04X",
			             (unsigned)cp);
	}
}

Test(glyph, tab_width_depends_on_column)
{
	for (int col = 0; col < 64; col++) {
		struct glyph g;
		glyph_of('\t', col, &g);
		cr_assert_eq(g.kind, GLYPH_TAB);
		cr_assert_eq((col + g.width) % GLYPH_TABSTOP, 0, "col %d", col);
		cr_assert(g.width >= 1 && g.width <= GLYPH_TABSTOP);
	}
}

Test(glyph, next_walks_mixed_text)
{
	/* a, €, bad byte, ESC, 中, e + combining acute, RLO, tab at col 16 */
	const char s[] = "a\xE2\x82\xAC\xFF\x1B\xE4\xB8\xAD"
	                 "e\xCC\x81\xE2\x80\xAE\t";
	static const struct {
		enum glyph_kind kind;
		uint32_t cp;
		int width;
		size_t pos;
	} want[] = {
	        {GLYPH_CHAR, 'a', 1, 1},
	        {GLYPH_CHAR, 0x20AC, 1, 4},
	        {GLYPH_CHAR, 0xFFFD, 1, 5},
	        {GLYPH_PLACEHOLDER, 0x1B, 2, 6},
	        {GLYPH_CHAR, 0x4E2D, 2, 9},
	        {GLYPH_CHAR, 'e', 1, 10},
	        {GLYPH_COMBINING, 0x301, 0, 12},
	        {GLYPH_PLACEHOLDER, 0x202E, 8, 15},
	        {GLYPH_TAB, '\t', 8, 16},
	};
	size_t pos = 0, len = sizeof s - 1;
	int col = 0;
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		struct glyph g;
		cr_assert_lt(pos, len);
		glyph_next(s, len, &pos, col, &g);
		cr_assert_eq(g.kind, want[i].kind, "glyph %zu", i);
		cr_assert_eq(g.cp, want[i].cp, "glyph %zu", i);
		cr_assert_eq(g.width, want[i].width, "glyph %zu", i);
		cr_assert_eq(pos, want[i].pos, "glyph %zu", i);
		col += g.width;
	}
	cr_assert_eq(pos, len);
	cr_assert_eq(col, 24);
}

Test(glyph, next_stops_at_len_mid_sequence)
{
	const char s[] = "\xE4\xB8\xAD";
	size_t pos = 0;
	struct glyph g;
	glyph_next(s, 2, &pos, 0, &g);
	cr_assert_eq(pos, 2);
	cr_assert_eq(g.cp, 0xFFFD);
	cr_assert_eq(g.width, 1);
}

struct width_case {
	char name[32];
	char in[32];
	size_t len;
	int width;
};

#define W(name, s, w)                     \
	{                                 \
		name, s, sizeof(s) - 1, w \
	}

static struct width_case width_cases[] = {
        W("empty", "", 0),
        W("ascii", "abc", 3),
        W("curly quotes and dash", "\xE2\x80\x9Cok\xE2\x80\x9D \xE2\x80\x94",
          6),
        W("pound",
          "\xC2\xA3"
          "5",
          2),
        W("cjk", "\xE4\xB8\xAD\xE6\x96\x87", 4),
        W("combining", "e\xCC\x81\xCC\x88", 1),
        W("lone tab", "\t", 8),
        W("tab after text", "ab\tc", 9),
        W("tab after wide", "\xE4\xB8\xAD\t", 8),
        W("two tabs", "\t\t", 16),
        W("tab after 8", "abcdefgh\t", 16),
        W("escape sequence", "\x1B[0m", 5),
        W("bell and del", "\x07\x7F", 4),
        W("csi c1",
          "\xC2\x9B"
          "31m",
          11),
        W("bidi override",
          "a\xE2\x80\xAE"
          "b",
          10),
        W("bad bytes", "\xFF\xC0\xAF", 3),
        W("newline", "a\nb", 3),
        W("nul", "a\0b", 4),
};

ParameterizedTestParameters(glyph, text_width_table)
{
	return cr_make_param_array(struct width_case, width_cases,
	                           sizeof width_cases / sizeof *width_cases);
}

ParameterizedTest(struct width_case *c, glyph, text_width_table)
{
	int w = glyph_text_width(c->in, c->len);
	cr_assert_eq(w, c->width, "%s: %d columns, not %d", c->name, w,
	             c->width);
}

Test(glyph, ascii_look_alikes_for_what_lectern_draws)
{
	cr_assert_eq(glyph_ascii('a'), 'a');
	cr_assert_eq(glyph_ascii(0x2502), '|'); /* the border */
	cr_assert_eq(glyph_ascii(0x2503), '|'); /* the focused border */
	cr_assert_eq(glyph_ascii(0x2590), '#'); /* a hit map mark */
	cr_assert_eq(glyph_ascii(0x2026), '~'); /* an ellipsis */
	cr_assert_eq(glyph_ascii(0x00b7), '-'); /* the metadata's dots */
	cr_assert_eq(glyph_ascii(0x2019), '\'');
	cr_assert_eq(glyph_ascii(0x201c), '"');
	cr_assert_eq(glyph_ascii(0x4e2d), '?');
	cr_assert_eq(glyph_ascii(0x1b), '?');
}

/* glyph_escape, one glyph at a time: what it must print. */
static void
escape_slowly(const char *s, size_t len, struct strbuf *out)
{
	for (size_t pos = 0; pos < len;)
		pos = glyph_escape_next(s, len, pos, out);
}

/* Printable ASCII is copied eight bytes at a time: a control, DEL or a
 * non-ASCII byte anywhere in the eight is still escaped. */
Test(glyph, escape_catches_every_byte_in_long_runs)
{
	static const char *const bits[] = {
	        "abcdefgh",     "The quick ",   "~",    " ",
	        "\x1b",         "\x7f",         "\x01", "\x1f",
	        "\t",           "\n",           "\r",   "\xc2\x85",
	        "\xe2\x80\x99", "\xe2\x80\xae", "\xff", "\x80",
	        "\xe4\xb8\xad"};
	size_t nb = sizeof bits / sizeof bits[0];
	srand(31);
	for (int round = 0; round < 3000; round++) {
		char text[400] = "";
		size_t parts = (size_t)rand() % 24;
		for (size_t p = 0; p < parts; p++)
			strcat(text, bits[rand() % nb]);
		struct strbuf fast, slow;
		sb_init(&fast);
		sb_init(&slow);
		glyph_escape(text, strlen(text), &fast);
		escape_slowly(text, strlen(text), &slow);
		cr_assert_str_eq(fast.len ? fast.buf : "",
		                 slow.len ? slow.buf : "", "round %d", round);
		sb_fini(&fast);
		sb_fini(&slow);
	}
	struct strbuf sb;
	sb_init(&sb);
	glyph_escape("0123456\x7f"
	             "89abcdef\x1b"
	             "[2J",
	             20, &sb);
	cr_assert_str_eq(sb.buf, "0123456^?89abcdef^[[2J");
	sb_fini(&sb);
}
