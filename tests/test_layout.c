/* Unit tests of laying an article out as screen lines. */
#include <criterion/criterion.h>
#include <locale.h>
#include <string.h>

#include "doc.h"
#include "glyph.h"
#include "layout.h"

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
	cr_assert_eq(l.v[0].kind, LINE_TITLE);
	cr_assert_eq(l.v[1].kind, LINE_META);
	cr_assert_eq(l.v[2].kind, LINE_BLANK);
	cr_assert_eq(l.first_body, 3);
	cr_assert_eq(l.v[3].kind, LINE_TEXT);
	/* 59 characters at 20 columns: 3 lines of 19. */
	size_t i = 3;
	while (l.v[i].kind == LINE_TEXT)
		i++;
	cr_assert_eq(i, 6);
	cr_assert_eq(l.v[i].kind, LINE_BLANK);
	cr_assert_eq(l.v[i + 1].kind, LINE_HEADING);
	cr_assert_eq(strncmp(body + l.v[i + 1].start, "Section two", 11), 0);
	cr_assert_eq(l.v[i + 2].kind, LINE_BLANK);
	cr_assert_eq(l.v[l.n - 1].kind, LINE_TEXT);
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
			cr_assert_leq(
			        glyph_text_width(body + l.v[i].start,
			                         l.v[i].end - l.v[i].start),
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
	while (l.v[top].kind != LINE_HEADING)
		top++;
	size_t place = layout_anchor(&l, top);
	layout_build(&l, "T", "m", body, &d, 40);
	size_t t2 = layout_find_anchor(&l, place);
	cr_assert_eq(l.v[t2].kind, LINE_HEADING);
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
	size_t off = l.v[top].start;
	size_t place = layout_anchor(&l, top);
	layout_build(&l, "T", "m", body, &d, 25);
	size_t t2 = layout_find_anchor(&l, place);
	cr_assert_leq(l.v[t2].start, off);
	cr_assert_gt(l.v[t2].end, off);
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
	cr_assert_eq(l.v[0].kind, LINE_TITLE);
	cr_assert_eq(l.n, 2);
	layout_fini(&l);
	doc_fini(&d);
}
