/* Unit tests of laying an article out as screen lines. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "glyph.h"
#include "layout.h"
#include "wrap.h"

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(layout, .init = setup);

static const char body[] =
        "\nThe first paragraph has enough words to need several lines.\n"
        "\n## Section two\n"
        "\nA second paragraph, also with words.\n";

Test(layout, title_meta_blank_then_blocks)
{
	struct doc d;
	doc_init(&d);
	doc_parse(&d, body, strlen(body));
	struct layout l;
	layout_init(&l);
	layout_build(&l, "Title", "meta", body, &d, 20);
	cr_assert_eq(layout_line(&l, 0).kind, LINE_TITLE);
	cr_assert_eq(layout_line(&l, 1).kind, LINE_META);
	cr_assert_eq(layout_line(&l, 2).kind, LINE_BLANK);
	cr_assert_eq(l.first_body, 3);
	cr_assert_eq(layout_line(&l, 3).kind, LINE_TEXT);
	/* 59 characters at 20 columns: 3 lines of 19. */
	size_t i = 3;
	while (layout_line(&l, i).kind == LINE_TEXT)
		i++;
	cr_assert_eq(i, 6);
	cr_assert_eq(layout_line(&l, i).kind, LINE_BLANK);
	cr_assert_eq(layout_line(&l, i + 1).kind, LINE_HEADING);
	cr_assert_eq(
	        strncmp(body + layout_line(&l, i + 1).start, "Section two", 11),
	        0);
	cr_assert_eq(layout_line(&l, i + 2).kind, LINE_BLANK);
	cr_assert_eq(layout_line(&l, l.n - 1).kind, LINE_TEXT);
	layout_fini(&l);
	doc_fini(&d);
}

Test(layout, no_line_is_wider_than_the_width)
{
	struct doc d;
	doc_init(&d);
	doc_parse(&d, body, strlen(body));
	struct layout l;
	layout_init(&l);
	for (int w = 1; w < 70; w++) {
		layout_build(&l, "A title that is long", "m", body, &d, w);
		for (size_t i = l.first_body; i < l.n; i++)
			cr_assert_leq(glyph_text_width(
			                      body + layout_line(&l, i).start,
			                      layout_line(&l, i).end -
			                              layout_line(&l, i).start),
			              w, "width %d line %zu", w, i);
	}
	layout_fini(&l);
	doc_fini(&d);
}

Test(layout, place_survives_a_change_of_width)
{
	struct doc d;
	doc_init(&d);
	doc_parse(&d, body, strlen(body));
	struct layout l;
	layout_init(&l);
	layout_build(&l, "T", "m", body, &d, 12);
	/* Top at the heading. */
	size_t top = 0;
	while (layout_line(&l, top).kind != LINE_HEADING)
		top++;
	size_t place = layout_anchor(&l, top);
	layout_build(&l, "T", "m", body, &d, 40);
	size_t t2 = layout_find_anchor(&l, place);
	cr_assert_eq(layout_line(&l, t2).kind, LINE_HEADING);
	/* The title area stays the title area. */
	cr_assert_eq(layout_anchor(&l, 0), 0);
	cr_assert_eq(layout_find_anchor(&l, 0), 0);
	layout_fini(&l);
	doc_fini(&d);
}

Test(layout, place_in_the_middle_of_a_paragraph_keeps_that_text_in_view)
{
	struct doc d;
	doc_init(&d);
	doc_parse(&d, body, strlen(body));
	struct layout l;
	layout_init(&l);
	layout_build(&l, "T", "m", body, &d, 10);
	size_t top = l.first_body + 3; /* 4th line of paragraph one */
	size_t off = layout_line(&l, top).start;
	size_t place = layout_anchor(&l, top);
	layout_build(&l, "T", "m", body, &d, 25);
	size_t t2 = layout_find_anchor(&l, place);
	cr_assert_leq(layout_line(&l, t2).start, off);
	cr_assert_gt(layout_line(&l, t2).end, off);
	layout_fini(&l);
	doc_fini(&d);
}

Test(layout, empty_body_has_title_only)
{
	struct doc d;
	doc_init(&d);
	doc_parse(&d, "", 0);
	struct layout l;
	layout_init(&l);
	layout_build(&l, "T", "", "", &d, 10);
	cr_assert_eq(layout_line(&l, 0).kind, LINE_TITLE);
	cr_assert_eq(l.n, 2);
	layout_fini(&l);
	doc_fini(&d);
}

/*
 * The lines as the layout gave them when it kept every one: the title
 * area, then each block wrapped whole, a blank line between blocks.
 */
static size_t
reference(const char *text, const struct doc *d, int width, struct line **out)
{
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	size_t n = 0, cap = 0;
	struct line *v = NULL;
#define PUSH(K, B, S, E)                                                  \
	do {                                                              \
		if (n == cap)                                             \
			v = realloc(v, (cap = cap * 2 + 16) * sizeof *v); \
		v[n++] = (struct line){K, B, S, E};                       \
	} while (0)
	wrap_text("T", 1, width, &wl);
	PUSH(LINE_TITLE, 0, 0, wl.v[0].end);
	size_t first = d->n ? d->v[0].start : 0;
	PUSH(LINE_BLANK, 0, first, first);
	for (size_t b = 0; b < d->n; b++) {
		const struct block *bl = &d->v[b];
		if (b)
			PUSH(LINE_BLANK, b, bl->start, bl->start);
		wl.n = 0;
		wrap_text(text + bl->start, bl->len, width, &wl);
		for (size_t i = 0; i < wl.n; i++)
			PUSH(bl->kind == BLOCK_HEADING ? LINE_HEADING
			                               : LINE_TEXT,
			     b, bl->start + wl.v[i].start,
			     bl->start + wl.v[i].end);
	}
#undef PUSH
	wrap_lines_fini(&wl);
	*out = v;
	return n;
}

/*
 * Keeping one line in LAYOUT_STEP and making the others again gives the
 * same lines, in any order they are asked for, as keeping them all did;
 * and a place is found where a search of every line finds it.  Bodies of
 * short and very long paragraphs (runs over LAYOUT_STEP lines), headings
 * and empty lines, at widths from 1 column.
 */
Test(layout, lines_made_again_are_the_lines_kept)
{
	static const char *const parts[] = {
	        "word ", "longerword ",
	        "x",     "\n",
	        "\n\n",  "\n## Head\n",
	        "漢字",  "\t",
	        "  ",    "supercalifragilisticexpialidocious "};
	unsigned seed = 11;
	for (int round = 0; round < 60; round++) {
		size_t cap = 40000, len = 0;
		char *text = malloc(cap);
		seed = seed * 1103515245u + 12345u;
		size_t nparts = (seed >> 8) % 3000;
		for (size_t i = 0; i < nparts; i++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = parts[(seed >> 16) %
			                      (sizeof parts / sizeof *parts)];
			size_t pl = strlen(p);
			if (len + pl >= cap)
				break;
			memcpy(text + len, p, pl);
			len += pl;
		}
		text[len] = '\0';
		int width = 1 + (int)((seed >> 4) % 40);
		struct doc d;
		doc_init(&d);
		doc_parse(&d, text, len);
		struct layout l;
		layout_init(&l);
		layout_build(&l, "T", NULL, text, &d, width);
		struct layout lazy;
		layout_init(&lazy);
		layout_start(&lazy, "T", NULL, text, &d, width);
		struct line *ref;
		size_t n = reference(text, &d, width, &ref);
		cr_assert_eq(l.n, n, "round %d: %zu lines, not %zu", round, l.n,
		             n);
		for (size_t t = 0; t < 3 * n; t++) {
			seed = seed * 1103515245u + 12345u;
			size_t i = t < n ? t : (seed >> 8) % n;
			struct line ln = layout_line(&l, i);
			cr_assert(ln.kind == ref[i].kind &&
			                  ln.block == ref[i].block &&
			                  ln.start == ref[i].start &&
			                  ln.end == ref[i].end,
			          "round %d width %d line %zu", round, width,
			          i);
		}
		for (size_t off = 0; off <= len; off += 1 + off / 7) {
			size_t want = 0;
			if (n > 2) {
				want = 2; /* the first body line */
				for (size_t i = 2; i < n; i++)
					if (ref[i].start <= off)
						want = i;
				while (want + 1 < n &&
				       ref[want].kind == LINE_BLANK &&
				       ref[want + 1].start == ref[want].start)
					want++;
			}
			cr_assert_eq(layout_find_anchor(&l, off + 1), want,
			             "round %d offset %zu", round, off);
			/* Laid out lazily, only as far as the place needs. */
			cr_assert_eq(layout_find_anchor(&lazy, off + 1), want,
			             "round %d offset %zu, lazily", round, off);
		}
		/* A place from a line not made yet: it is made. */
		struct layout fresh;
		layout_init(&fresh);
		layout_start(&fresh, "T", NULL, text, &d, width);
		for (size_t i = 0; i < n; i++)
			cr_assert_eq(layout_anchor(&fresh, i),
			             layout_anchor(&l, i),
			             "round %d line %zu, lazily", round, i);
		layout_fini(&fresh);
		layout_fini(&lazy);
		free(ref);
		layout_fini(&l);
		doc_fini(&d);
		free(text);
	}
}
