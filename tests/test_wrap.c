/* test_wrap.c - breaking paragraphs into screen lines. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <criterion/theories.h>

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "util.h"
#include "wrap.h"

static void
setup(void)
{
	/* Widths come from wcwidth(), which needs a UTF-8 locale. */
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

TestSuite(wrap, .init = setup);

/*
 * Wraps text and shows the result as "line/cols|line/cols...", so a table
 * row states the whole outcome, byte ranges and widths at once.  Caller
 * frees.
 */
static char *
render(const char *text, size_t len, int width)
{
	struct wrap_lines wl;
	struct strbuf sb;
	wrap_lines_init(&wl);
	sb_init(&sb);
	size_t n = wrap_text(text, len, width, &wl);
	cr_assert_eq(n, wl.n, "returned %zu lines, appended %zu", n, wl.n);
	for (size_t i = 0; i < wl.n; i++) {
		if (i > 0)
			sb_addch(&sb, '|');
		sb_add(&sb, text + wl.v[i].start, wl.v[i].end - wl.v[i].start);
		sb_addf(&sb, "/%d", wl.v[i].cols);
	}
	wrap_lines_fini(&wl);
	return sb_detach(&sb);
}

/* Strings are inline: criterion runs each parameter in a fresh process. */
struct wrap_case {
	char name[64];
	char text[80];
	int width;
	char want[128];
};

#define CJK_ZHONG "\xE4\xB8\xAD" /* 中, 2 columns */
#define CJK_WEN "\xE6\x96\x87"   /* 文, 2 columns */
#define ACUTE "\xCC\x81"         /* U+0301, combining */
#define DIAER "\xCC\x88"         /* U+0308, combining */
#define RLO "\xE2\x80\xAE"       /* U+202E, "<U+202E>" */
#define LDQ "\xE2\x80\x9C"       /* “ */
#define RDQ "\xE2\x80\x9D"       /* ” */
#define EMDASH "\xE2\x80\x94"    /* — */
#define POUND "\xC2\xA3"         /* £ */
#define CSI_C1 "\xC2\x9B"        /* U+009B, "<U+009B>" */

static struct wrap_case wrap_cases[] = {
        {"empty text", "", 10, "/0"},
        {"all spaces", "  \t\n ", 10, "/0"},
        {"fits", "hello world", 20, "hello world/11"},
        {"exact fit", "hello world", 11, "hello world/11"},
        {"one column short", "hello world", 10, "hello/5|world/5"},
        {"break at each space", "hello world", 5, "hello/5|world/5"},
        {"several words per line", "aa bb cc dd ee", 5, "aa bb/5|cc dd/5|ee/2"},
        {"multiple spaces inside a line", "a   b", 10, "a   b/5"},
        {"multiple spaces at a break", "aaa   bbb", 4, "aaa/3|bbb/3"},
        {"spaces at a break wider than the line", "aaa          bbb", 5,
         "aaa/3|bbb/3"},
        {"trailing spaces dropped", "abc   ", 10, "abc/3"},
        {"leading spaces kept", "  abc def", 6, "  abc/5|def/3"},
        {"leading spaces dropped when the word cannot follow", "    abcde", 6,
         "abcde/5"},
        {"newline is a space", "one\ntwo", 10, "one\ntwo/7"},
        {"newline breaks", "one\ntwo", 3, "one/3|two/3"},
        {"long word cut", "abcdefghij", 4, "abcd/4|efgh/4|ij/2"},
        {"long word starts a new line", "ab abcdefgh", 5, "ab/2|abcde/5|fgh/3"},
        {"words follow a cut piece", "abcdefg hi", 5, "abcde/5|fg hi/5"},
        {"wide char moves off the edge", "abcd" CJK_ZHONG, 5,
         "abcd/4|" CJK_ZHONG "/2"},
        {"wide word moves off the edge", "abcd " CJK_ZHONG, 5,
         "abcd/4|" CJK_ZHONG "/2"},
        {"wide chars fill exactly", "ab" CJK_ZHONG, 4, "ab" CJK_ZHONG "/4"},
        {"cjk run cut in pairs", CJK_ZHONG CJK_WEN CJK_ZHONG CJK_WEN CJK_ZHONG,
         5, CJK_ZHONG CJK_WEN "/4|" CJK_ZHONG CJK_WEN "/4|" CJK_ZHONG "/2"},
        {"width 1 with wide chars", CJK_ZHONG CJK_WEN, 1,
         CJK_ZHONG "/2|" CJK_WEN "/2"},
        {"width 1 mixed", "a" CJK_ZHONG "b c", 1,
         "a/1|" CJK_ZHONG "/2|b/1|c/1"},
        {"width 0 taken as 1", "ab", 0, "a/1|b/1"},
        {"negative width taken as 1", "ab", -7, "a/1|b/1"},
        {"combining mark stays with its base at a cut", "abce" ACUTE "fg", 4,
         "abce" ACUTE "/4|fg/2"},
        {"combining mark moves with its base", "abcde" ACUTE, 4,
         "abcd/4|e" ACUTE "/1"},
        {"two combining marks move with their base", "abcde" ACUTE DIAER "f", 4,
         "abcd/4|e" ACUTE DIAER "f/2"},
        {"combining marks take no columns", "e" ACUTE "e" ACUTE " x", 4,
         "e" ACUTE "e" ACUTE " x/4"},
        {"tab inside a line", "a\tb", 10, "a\tb/9"},
        {"tab pushes the next word down", "a\tb", 8, "a/1|b/1"},
        {"tab counted from the line start", "abcdefgh xx\ty", 10,
         "abcdefgh/8|xx\ty/9"},
        {"leading tab kept", "\tabc", 12, "\tabc/11"},
        {"leading tab dropped", "\tabc", 10, "abc/3"},
        {"escape is two columns", "a\x1B[1mb", 3, "a\x1B/3|[1m/3|b/1"},
        {"bidi override alone on its line", "ab" RLO "cd", 5,
         "ab/2|" RLO "/8|cd/2"},
        {"C1 placeholder", CSI_C1 "1", 10, CSI_C1 "1/9"},
        {"invalid bytes one column each", "\xFF\xFE\xFD", 2,
         "\xFF\xFE/2|\xFD/1"},
        {"curly quotes dash pound one column", LDQ "Yes" RDQ EMDASH POUND "5",
         4, LDQ "Yes/4|" RDQ EMDASH POUND "5/4"},
        {"wide char then word at width 1", CJK_ZHONG " a", 1,
         CJK_ZHONG "/2|a/1"},
        {"space plus wide char too wide", "a " CJK_ZHONG, 3,
         "a/1|" CJK_ZHONG "/2"},
};

ParameterizedTestParameters(wrap, table)
{
	return cr_make_param_array(struct wrap_case, wrap_cases,
	                           sizeof wrap_cases / sizeof *wrap_cases);
}

ParameterizedTest(struct wrap_case *c, wrap, table)
{
	char *got = render(c->text, strlen(c->text), c->width);
	cr_assert_str_eq(got, c->want, "%s (width %d)", c->name, c->width);
	free(got);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Offset one past the cluster (a glyph and its combining marks) at pos. */
static size_t
cluster_end(const char *s, size_t len, size_t pos)
{
	struct glyph g;
	glyph_next(s, len, &pos, 0, &g);
	while (pos < len) {
		size_t next = pos;
		glyph_next(s, len, &next, 0, &g);
		if (g.kind != GLYPH_COMBINING)
			break;
		pos = next;
	}
	return pos;
}

/*
 * Checks everything wrap.h promises about wrapping text at width:
 * the lines cover every non-space byte, in order, and only spaces lie
 * between them; no line starts or ends with a space (but for the kept
 * indent); cols is what glyph_next measures from the line start; no line is
 * wider than width unless it is one cluster; a cut inside a word never
 * parts a combining mark from its base; and the filling is greedy: the
 * next line's first word (or, after a cut, cluster) would not have fit.
 */
static void
check_wrap(const char *text, size_t len, int width)
{
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	size_t n = wrap_text(text, len, width, &wl);
	cr_assert_eq(n, wl.n);
	cr_assert_geq(n, 1, "no lines");

	bool blank = true;
	for (size_t i = 0; i < len; i++)
		if (!is_space(text[i]))
			blank = false;
	if (blank) {
		cr_assert_eq(n, 1, "width %d: blank text gives %zu lines",
		             width, n);
		cr_assert_eq(wl.v[0].start, wl.v[0].end);
		cr_assert_eq(wl.v[0].cols, 0);
		wrap_lines_fini(&wl);
		return;
	}

	size_t prev_end = 0;
	for (size_t i = 0; i < n; i++) {
		const struct wrap_line *l = &wl.v[i];
		cr_assert(l->start >= prev_end && l->start < l->end &&
		                  l->end <= len,
		          "width %d line %zu: bad range %zu..%zu after %zu",
		          width, i, l->start, l->end, prev_end);
		for (size_t k = prev_end; k < l->start; k++)
			cr_assert(is_space(text[k]),
			          "width %d: byte %zu before line %zu dropped",
			          width, k, i);
		cr_assert(!is_space(text[l->end - 1]),
		          "width %d line %zu ends with a space", width, i);
		if (i > 0 || l->start > 0)
			cr_assert(!is_space(text[l->start]),
			          "width %d line %zu starts with a space",
			          width, i);

		int cols = glyph_text_width(text + l->start, l->end - l->start);
		cr_assert_eq(l->cols, cols,
		             "width %d line %zu: cols %d, not %d", width, i,
		             l->cols, cols);
		if (cols > (width < 1 ? 1 : width))
			cr_assert_eq(cluster_end(text, l->end, l->start),
			             l->end, "width %d line %zu: %d columns",
			             width, i, cols);

		if (i + 1 < n) {
			const struct wrap_line *m = &wl.v[i + 1];
			size_t upto;
			if (m->start == l->end) {
				struct glyph g;
				size_t p = m->start;
				glyph_next(text, len, &p, 0, &g);
				cr_assert_neq(g.kind, GLYPH_COMBINING,
				              "width %d line %zu starts with a "
				              "combining mark",
				              width, i + 1);
			}
			/* What the next line starts with and could not be
			 * parted from: up to where a line may break (a
			 * space, between ideographs, after a cut cluster). */
			size_t at = m->start;
			upto = cluster_end(text, len, at);
			while (upto < len && !is_space(text[upto]) &&
			       !wrap_break_between(text, len, at, upto)) {
				at = upto;
				upto = cluster_end(text, len, at);
			}
			int would = glyph_text_width(text + l->start,
			                             upto - l->start);
			cr_assert_gt(would, width,
			             "width %d: line %zu could have taken "
			             "more (%d columns)",
			             width, i, would);
		}
		prev_end = l->end;
	}
	for (size_t k = prev_end; k < len; k++)
		cr_assert(is_space(text[k]), "width %d: byte %zu after the end",
		          width, k);
	wrap_lines_fini(&wl);
}

static const char *const invariant_texts[] = {
        "",
        " \t\n ",
        "The quick brown fox jumps over the lazy dog.",
        "  Indented " LDQ "quoted" RDQ " text " EMDASH " costs " POUND
        "5\nand spans\nlines.   ",
        "https://example.com/a/very/long/url/that/fits/nowhere?at=all&x=1 ok",
        CJK_ZHONG CJK_WEN "mixed" CJK_ZHONG
                          " ascii " CJK_WEN CJK_ZHONG CJK_WEN CJK_ZHONG CJK_WEN
                          " a" CJK_ZHONG "b " CJK_ZHONG,
        "e" ACUTE DIAER " a" ACUTE "b" ACUTE "c" ACUTE "d" ACUTE "e" ACUTE
        "f" ACUTE "g" ACUTE "h" ACUTE " " ACUTE "lone mark",
        "col1\tcol2\t\tcol3 x\ty\tz\t\tend\t",
        "\tTabbed\tstart and a word" CJK_ZHONG "\tafter",
        "\x1B[31mred\x1B[0m \x07"
        "bell \xC2\x9B"
        "csi bidi" RLO "evil\xE2\x81\xA6"
        "iso\xE2\x81\xA9 \x7F\x01\x02\x03\x04",
        "\xFF\xFE abc\xE2\x82 \xED\xA0\x80 \xF0\x9F\x98 \xC0\xAF"
        "end",
        "a\x1B" CJK_ZHONG ACUTE "\t" RLO "b" ACUTE ACUTE " " CJK_WEN
        "\x1B\x1B\x1B\x1B\x1B\x1B\x1B\x1B\x1B\x1B c\t\t" CJK_ZHONG "d",
        ACUTE "starts with a mark",
};

#define N_TEXTS (sizeof invariant_texts / sizeof *invariant_texts)
/* The theory's text indices below must reach every text. */
_Static_assert(N_TEXTS == 13, "update the theory's text data points");

TheoryDataPoints(wrap, invariants_hold) = {
        DataPoints(int, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                   17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
                   32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46,
                   47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60),
        DataPoints(int, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
};

Theory((int width, int which), wrap, invariants_hold)
{
	cr_assume_lt((size_t)which, N_TEXTS);
	const char *text = invariant_texts[which];
	check_wrap(text, strlen(text), width);
}

/* A small deterministic generator, so failures reproduce. */
static uint32_t
next_rand(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 16;
}

/*
 * Random paragraphs assembled from every kind of piece the wrapper must
 * handle, wrapped at every width from 1 to 60 and a few very wide ones.
 */
Test(wrap, invariants_hold_for_random_text)
{
	static const char *const pieces[] = {
	        "a",       "word",     " ",    "  ",   "\t", "\n",
	        CJK_ZHONG, ACUTE,      DIAER,  "\x1B", RLO,  "\xC2\x9B",
	        "\xFF",    "\xE2\x82", EMDASH, LDQ,    "x",  "longerwordhere",
	        "\x7F",
	};
	size_t npieces = sizeof pieces / sizeof *pieces;
	uint32_t seed = 12345;
	struct strbuf sb;
	sb_init(&sb);
	for (int round = 0; round < 40; round++) {
		sb_reset(&sb);
		size_t count = next_rand(&seed) % 60;
		for (size_t i = 0; i < count; i++)
			sb_addstr(&sb, pieces[next_rand(&seed) % npieces]);
		for (int width = 1; width <= 60; width++)
			check_wrap(sb.buf, sb.len, width);
		check_wrap(sb.buf, sb.len, 1000);
		check_wrap(sb.buf, sb.len, INT_MAX);
	}
	sb_fini(&sb);
}

Test(wrap, appends_to_existing_lines)
{
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	cr_assert_eq(wrap_text("aa bb", 5, 2, &wl), 2);
	cr_assert_eq(wrap_text("cc dd ee", 8, 5, &wl), 2);
	cr_assert_eq(wl.n, 4);
	cr_assert_eq(wl.v[2].start, 0);
	cr_assert_eq(wl.v[2].end, 5);
	cr_assert_eq(wl.v[3].start, 6);
	cr_assert_eq(wl.v[3].end, 8);
	wrap_lines_fini(&wl);
	cr_assert_null(wl.v);
	cr_assert_eq(wl.n, 0);
	cr_assert_eq(wl.cap, 0);
}

Test(wrap, nul_byte_is_a_placeholder_not_an_end)
{
	char *got = render("ab\0cd", 5, 4);
	cr_assert_eq(memcmp(got, "ab\0/4|cd/2", 11), 0);
	free(got);
}

/* 20 MiB: enough that any rescan of a line or the text would time out. */
#define BIG ((size_t)20 << 20)

Test(wrap, many_words_in_linear_time, .timeout = 30.0)
{
	char *text = xmalloc(BIG);
	for (size_t i = 0; i < BIG; i++)
		text[i] = i % 5 == 4 ? ' ' : 'a';
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	/* 16 words "aaaa" take 79 columns; a 17th would need 84. */
	size_t words = BIG / 5;
	size_t n = wrap_text(text, BIG, 80, &wl);
	cr_assert_eq(n, (words + 15) / 16);
	cr_assert_eq(wl.v[0].cols, 79);
	cr_assert_eq(wl.v[n - 1].end, BIG - BIG % 5 - 1);
	wrap_lines_fini(&wl);
	free(text);
}

Test(wrap, one_huge_word_in_linear_time, .timeout = 30.0)
{
	char *text = xmalloc(BIG);
	memset(text, 'x', BIG);
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	size_t n = wrap_text(text, BIG, 80, &wl);
	cr_assert_eq(n, BIG / 80);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(wl.v[i].start, i * 80);
		cr_assert_eq(wl.v[i].cols, 80);
	}
	wrap_lines_fini(&wl);
	free(text);
}

Test(wrap, huge_cluster_and_huge_space_run_in_linear_time, .timeout = 30.0)
{
	/* "a" with ten million combining marks, ten million spaces, "b". */
	size_t marks = 10u << 20, spaces = 10u << 20;
	size_t len = 1 + 2 * marks + spaces + 1;
	char *text = xmalloc(len);
	text[0] = 'a';
	for (size_t i = 0; i < marks; i++)
		memcpy(text + 1 + 2 * i, ACUTE, 2);
	memset(text + 1 + 2 * marks, ' ', spaces);
	text[len - 1] = 'b';
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	cr_assert_eq(wrap_text(text, len, 1, &wl), 2);
	cr_assert_eq(wl.v[0].start, 0);
	cr_assert_eq(wl.v[0].end, 1 + 2 * marks);
	cr_assert_eq(wl.v[0].cols, 1);
	cr_assert_eq(wl.v[1].start, len - 1);
	cr_assert_eq(wl.v[1].cols, 1);
	wrap_lines_fini(&wl);
	free(text);
}

Test(wrap, cjk_breaks_between_characters_but_not_before_closing_marks)
{
	/* 华为公司在中国。 at 6 columns: three ideographs a line, the full
	 * stop kept with the ideograph before it. */
	const char *t = "\xe5\x8d\x8e\xe4\xb8\xba\xe5\x85\xac\xe5\x8f\xb8"
	                "\xe5\x9c\xa8\xe4\xb8\xad\xe5\x9b\xbd\xe3\x80\x82";
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	wrap_text(t, strlen(t), 6, &wl);
	cr_assert_eq(wl.n, 3, "%zu lines", wl.n);
	cr_assert_eq(wl.v[0].end - wl.v[0].start, 9); /* 华为公 */
	cr_assert_eq(wl.v[1].end - wl.v[1].start, 9); /* 司在中 */
	cr_assert_eq(wl.v[2].end - wl.v[2].start, 6); /* 国。 */
	wrap_lines_fini(&wl);
	/* 「中国」: the opening bracket stays with what follows. */
	const char *q = "a \xe3\x80\x8c\xe4\xb8\xad\xe5\x9b\xbd\xe3\x80\x8d";
	wrap_lines_init(&wl);
	wrap_text(q, strlen(q), 4, &wl);
	for (size_t i = 0; i < wl.n; i++)
		cr_assert(wl.v[i].end < 3 || memcmp(q + wl.v[i].end - 3,
		                                    "\xe3\x80\x8c", 3) != 0,
		          "a line ends with the opening bracket");
	check_wrap(t, strlen(t), 6);
	check_wrap(q, strlen(q), 4);
	wrap_lines_fini(&wl);
}

/*
 * Wrapping a screenful at a time (wrap_text_max, going on at *next) gives
 * the lines of wrapping the whole paragraph at once, for texts that mix
 * indents, tabs, words too wide for a line, CJK and combining marks.
 */
Test(wrap, in_pieces_same_as_whole)
{
	static const char *const parts[] = {"a",
	                                    "word",
	                                    " ",
	                                    "  ",
	                                    "\t",
	                                    "\n",
	                                    "supercalifragilistic",
	                                    "漢字",
	                                    "，",
	                                    "「",
	                                    "e\xcc\x81",
	                                    "x\xcc\x81\xcc\x82",
	                                    "ab-cd"};
	unsigned seed = 7;
	for (int round = 0; round < 400; round++) {
		char text[400];
		size_t len = 0;
		int nparts = (int)(seed % 40);
		for (int i = 0; i < nparts; i++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = parts[(seed >> 16) %
			                      (sizeof parts / sizeof *parts)];
			size_t pl = strlen(p);
			if (len + pl >= sizeof text)
				break;
			memcpy(text + len, p, pl);
			len += pl;
		}
		seed = seed * 1103515245u + 12345u;
		int width = 1 + (int)((seed >> 16) % 12);
		size_t max = 1 + (seed >> 8) % 4;
		struct wrap_lines whole, piece;
		wrap_lines_init(&whole);
		wrap_lines_init(&piece);
		wrap_text(text, len, width, &whole);
		size_t from = 0, k = 0;
		for (;;) {
			size_t next = SIZE_MAX;
			piece.n = 0;
			size_t n = wrap_text_max(text + from, len - from, width,
			                         max, &piece, &next);
			cr_assert_leq(n, max);
			for (size_t i = 0; i < n; i++, k++) {
				cr_assert_lt(k, whole.n, "round %d: extra line",
				             round);
				cr_assert_eq(from + piece.v[i].start,
				             whole.v[k].start,
				             "round %d line %zu", round, k);
				cr_assert_eq(from + piece.v[i].end,
				             whole.v[k].end,
				             "round %d line %zu", round, k);
			}
			if (next == len - from)
				break;
			cr_assert_gt(next, 0, "round %d: no progress", round);
			from += next;
		}
		cr_assert_eq(k, whole.n, "round %d: %zu lines, not %zu", round,
		             k, whole.n);
		wrap_lines_fini(&whole);
		wrap_lines_fini(&piece);
	}
}

/*
 * Plain ASCII is wrapped many words at a time, anything else word by
 * word; both must break the same.  Each random ASCII paragraph is
 * wrapped as it is and with its ASCII letters made two-byte letters of
 * one column (U+00E0 on: word by word throughout), and the lines
 * compared by character, at every width.  Some words are not plain.
 */
Test(wrap, plain_ascii_breaks_as_word_by_word_does)
{
	static const char *const parts[] = {
	        "a",
	        "word",
	        "be",
	        " ",
	        " ",
	        " ",
	        "  ",
	        "   ",
	        "\t",
	        "\n",
	        "supercalifragilisticexpialidocious",
	        "x.",
	        "(yz)",
	        "fin,"};
	uint32_t seed = 99;
	struct strbuf plain, wide;
	sb_init(&plain);
	sb_init(&wide);
	for (int round = 0; round < 300; round++) {
		sb_reset(&plain);
		sb_reset(&wide);
		size_t count = next_rand(&seed) % 80;
		for (size_t i = 0; i < count; i++)
			sb_addstr(&plain,
			          parts[next_rand(&seed) %
			                (sizeof parts / sizeof *parts)]);
		/* at[k]: where plain's byte k is in wide */
		size_t *at = xmalloc((plain.len + 1) * sizeof *at);
		for (size_t k = 0; k < plain.len; k++) {
			at[k] = wide.len;
			char c = plain.buf[k];
			if (c >= 'a' && c <= 'z') {
				char two[2] = {(char)0xC3,
				               (char)(0xA0 + (c - 'a'))};
				sb_add(&wide, two, 2);
			} else {
				sb_addch(&wide, c);
			}
		}
		at[plain.len] = wide.len;
		for (int width = 1; width <= 70; width++) {
			struct wrap_lines p, w;
			wrap_lines_init(&p);
			wrap_lines_init(&w);
			wrap_text(plain.buf, plain.len, width, &p);
			wrap_text(wide.buf, wide.len, width, &w);
			cr_assert_eq(p.n, w.n,
			             "round %d width %d: %zu lines, "
			             "not %zu",
			             round, width, p.n, w.n);
			for (size_t i = 0; i < p.n; i++) {
				cr_assert(at[p.v[i].start] == w.v[i].start &&
				                  at[p.v[i].end] ==
				                          w.v[i].end &&
				                  p.v[i].cols == w.v[i].cols,
				          "round %d width %d line %zu", round,
				          width, i);
			}
			wrap_lines_fini(&p);
			wrap_lines_fini(&w);
		}
		free(at);
	}
	sb_fini(&plain);
	sb_fini(&wide);
}
