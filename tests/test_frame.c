/* Unit tests of the in-memory frame. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(frame, .init = setup);

static char *
text_of(const struct frame *f)
{
	struct strbuf sb;
	sb_init(&sb);
	frame_to_text(f, &sb);
	return sb_detach(&sb);
}

Test(frame, resize_clears_to_blanks_and_text_trims_them)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 2, 5);
	char *t = text_of(&f);
	cr_assert_str_eq(t, "\n\n");
	free(t);
	frame_fini(&f);
}

Test(frame, put_str_stops_at_cmax)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, 10);
	int end = frame_put_str(&f, 0, 2, 6, "abcdefgh", ROLE_TEXT);
	cr_assert_eq(end, 6);
	char *t = text_of(&f);
	cr_assert_str_eq(t, "  abcd\n");
	free(t);
	cr_assert_eq(frame_at(&f, 0, 2)->role, ROLE_TEXT);
	cr_assert_eq(frame_at(&f, 0, 1)->role, ROLE_NORMAL);
	frame_fini(&f);
}

Test(frame, wide_character_takes_two_cells)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, 6);
	int end = frame_put_str(&f, 0, 0, 6,
	                        "a\xe4\xb8\xad"
	                        "b",
	                        ROLE_TEXT);
	cr_assert_eq(end, 4);
	cr_assert_eq(frame_at(&f, 0, 1)->cp, 0x4e2d);
	cr_assert_eq(frame_at(&f, 0, 1)->width, 2);
	cr_assert_eq(frame_at(&f, 0, 2)->width, 0);
	cr_assert_eq(frame_at(&f, 0, 3)->cp, 'b');
	char *t = text_of(&f);
	cr_assert_str_eq(t, "a\xe4\xb8\xad"
	                    "b\n");
	free(t);
	frame_fini(&f);
}

Test(frame, wide_character_that_does_not_fit_becomes_blank)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, 3);
	int end = frame_put_str(&f, 0, 0, 3, "ab\xe4\xb8\xad", ROLE_TEXT);
	cr_assert_eq(end, 3);
	cr_assert_eq(frame_at(&f, 0, 2)->cp, ' ');
	cr_assert_eq(frame_at(&f, 0, 2)->width, 1);
	frame_fini(&f);
}

Test(frame, escape_becomes_caret_placeholder_in_control_role)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, 10);
	frame_put_str(&f, 0, 0, 10, "a\x1b[2Jb", ROLE_TEXT);
	char *t = text_of(&f);
	cr_assert_str_eq(t, "a^[[2Jb\n");
	free(t);
	cr_assert_eq(frame_at(&f, 0, 1)->role, ROLE_CONTROL);
	cr_assert_eq(frame_at(&f, 0, 2)->role, ROLE_CONTROL);
	cr_assert_eq(frame_at(&f, 0, 3)->role, ROLE_TEXT);
	frame_fini(&f);
}

Test(frame, bidi_override_is_shown_not_obeyed)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, 20);
	frame_put_str(&f, 0, 0, 20, "x\xe2\x80\xaey", ROLE_TEXT);
	char *t = text_of(&f);
	cr_assert_str_eq(t, "x<U+202E>y\n");
	free(t);
	frame_fini(&f);
}

Test(frame, combining_mark_attaches_to_previous_cell)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, 4);
	int end = frame_put_str(&f, 0, 0, 4, "e\xcc\x81x", ROLE_TEXT);
	cr_assert_eq(end, 2);
	cr_assert_eq(frame_at(&f, 0, 0)->comb[0], 0x301);
	char *t = text_of(&f);
	cr_assert_str_eq(t, "e\xcc\x81x\n");
	free(t);
	frame_fini(&f);
}

Test(frame, overwriting_half_of_a_wide_character_clears_the_other_half)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, 4);
	frame_put_str(&f, 0, 0, 4, "\xe4\xb8\xad\xe4\xb8\xad", ROLE_TEXT);
	frame_put_str(&f, 0, 1, 2, "z", ROLE_TEXT);
	cr_assert_eq(frame_at(&f, 0, 0)->cp, ' ');
	cr_assert_eq(frame_at(&f, 0, 0)->width, 1);
	cr_assert_eq(frame_at(&f, 0, 1)->cp, 'z');
	frame_fini(&f);
}

Test(frame, tab_expands_relative_to_tab0)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, 20);
	int end = frame_put_text(&f, 0, 2, 20, "a\tb", 3, ROLE_TEXT, 2);
	cr_assert_eq(end, 11);
	cr_assert_eq(frame_at(&f, 0, 10)->cp, 'b');
	frame_fini(&f);
}

Test(frame, zero_size_frame_is_harmless)
{
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 0, 0);
	frame_put_str(&f, 0, 0, 10, "abc", ROLE_TEXT);
	frame_fill(&f, 3, 0, 5, ROLE_TEXT);
	char *t = text_of(&f);
	cr_assert_str_eq(t, "");
	free(t);
	frame_fini(&f);
}
