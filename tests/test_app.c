/*
 * Unit tests of whole key sequences: keys in, state and screen out, with
 * no terminal.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "corpus.h"
#include "keys.h"
#include "render.h"

static struct corpus corpus;
static struct app app;

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	struct diag_list dl;
	diag_list_init(&dl);
	corpus_init(&corpus);
	cr_assert_eq(corpus_add_path(&corpus, TEST_DATADIR "/app", &dl), 3);
	diag_list_fini(&dl);
	app_init(&app, &corpus, 24, 80, NULL);
}

static void
teardown(void)
{
	app_fini(&app);
	corpus_fini(&corpus);
}

TestSuite(app, .init = setup, .fini = teardown);

static void
keys(const char *names)
{
	struct keyseq seq;
	const char *p = names;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (e == p)
			break;
		int k = keys_parse(p, (size_t)(e - p));
		cr_assert_neq(k, -1, "bad key in test: %.*s", (int)(e - p), p);
		app_key(&app, k);
		p = e;
	}
	(void)seq;
}

static char *
screen(void)
{
	render_app(&app);
	struct strbuf sb;
	sb_init(&sb);
	frame_to_text(&app.frame, &sb);
	return sb_detach(&sb);
}

static void
assert_screen_has(const char *needle)
{
	char *s = screen();
	cr_assert(strstr(s, needle), "screen lacks '%s':\n%s", needle, s);
	free(s);
}

static void
assert_screen_lacks(const char *needle)
{
	char *s = screen();
	cr_assert(!strstr(s, needle), "screen has '%s':\n%s", needle, s);
	free(s);
}

Test(app, starts_on_the_first_article_with_sidebar_and_status)
{
	cr_assert_eq(app.sel, 0);
	cr_assert_eq(app.focus, FOCUS_LIST);
	char *s = screen();
	cr_assert(strstr(s, ">Alpha article"), "%s", s);
	cr_assert(strstr(s, " Beta article"));
	cr_assert(strstr(s, "By Ada Writer"));
	cr_assert(strstr(s, " 1/3 "));
	cr_assert(strstr(s, "? help"));
	free(s);
}

Test(app, j_in_the_list_selects_and_opens_the_next_article)
{
	keys("j");
	cr_assert_eq(app.sel, 1);
	cr_assert_eq(app.open, 1);
	assert_screen_has("Only paragraph of beta.");
	assert_screen_has(" 2/3 ");
	keys("j j j");
	cr_assert_eq(app.sel, 2, "stops at the last article");
	keys("g");
	cr_assert_eq(app.sel, 0);
	keys("End");
	cr_assert_eq(app.sel, 2);
}

Test(app, tab_and_enter_move_focus)
{
	keys("Tab");
	cr_assert_eq(app.focus, FOCUS_PAGER);
	keys("Tab");
	cr_assert_eq(app.focus, FOCUS_LIST);
	keys("Enter");
	cr_assert_eq(app.focus, FOCUS_PAGER);
	keys("Enter");
	cr_assert_eq(app.focus, FOCUS_LIST);
}

Test(app, pager_keys_scroll_and_stop_at_the_ends)
{
	keys("G Enter");
	cr_assert_eq(app.sel, 2);
	cr_assert_eq(app.top, 0);
	keys("j j");
	cr_assert_eq(app.top, 2);
	keys("k");
	cr_assert_eq(app.top, 1);
	keys("Space");
	cr_assert_eq(app.top, 1 + 22);
	keys("b");
	cr_assert_eq(app.top, 1);
	keys("G");
	cr_assert_eq(app.top, app_max_top(&app));
	cr_assert_gt(app.top, 0);
	assert_screen_has("Paragraph 60 of gamma");
	assert_screen_has("100%");
	keys("j");
	cr_assert_eq(app.top, app_max_top(&app), "no scrolling past the end");
	keys("g");
	cr_assert_eq(app.top, 0);
	keys("k");
	cr_assert_eq(app.top, 0);
}

Test(app, each_article_keeps_its_own_place)
{
	keys("G Enter Space");
	size_t top = app.top;
	cr_assert_gt(top, 0);
	keys("K");
	cr_assert_eq(app.sel, 1);
	cr_assert_eq(app.top, 0);
	keys("J");
	cr_assert_eq(app.sel, 2);
	cr_assert_eq(app.top, top);
}

Test(app, resize_rewraps_and_keeps_the_paragraph_in_view)
{
	keys("G Enter");
	for (int i = 0; i < 30; i++)
		keys("j");
	char *before = screen();
	char *p = strstr(before, "Paragraph ");
	cr_assert(p);
	char para[32];
	int n = 0;
	sscanf(p, "Paragraph %d", &n);
	snprintf(para, sizeof para, "Paragraph %d ", n);
	free(before);
	app_resize(&app, 12, 40);
	assert_screen_has(para);
	app_resize(&app, 30, 120);
	assert_screen_has(para);
}

Test(app, tiny_and_odd_sizes_do_not_crash)
{
	static const int sizes[][2] = {{1, 1},  {0, 0},  {1, 80},
	                               {24, 1}, {2, 15}, {3, 16},
	                               {5, 39}, {5, 40}, {200, 300}};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		app_resize(&app, sizes[i][0], sizes[i][1]);
		keys("j Tab j G Space b ? j q");
		app.quit = false;
		char *s = screen();
		free(s);
	}
	app_resize(&app, 1, 1);
	render_app(&app);
	cr_assert_eq(app.frame.rows, 1);
	cr_assert_eq(app.frame.cols, 1);
}

Test(app, too_small_says_so)
{
	app_resize(&app, 2, 20);
	assert_screen_has("terminal too small");
	app_resize(&app, 10, 30);
	assert_screen_lacks("terminal too small");
}

Test(app, narrow_screen_hides_the_sidebar)
{
	app_resize(&app, 10, 39);
	cr_assert_eq(app.geo.side_w, 0);
	assert_screen_lacks("Beta article");
	app_resize(&app, 10, 40);
	cr_assert_gt(app.geo.side_w, 0);
	assert_screen_has("Beta");
}

Test(app, help_lists_bindings_from_the_keymap)
{
	keys("?");
	cr_assert(app.help);
	assert_screen_has("scroll down one line");
	assert_screen_has("pager:");
	keys("q");
	cr_assert(!app.help);
	cr_assert(!app.quit, "q closes help, does not quit");
	keys("q");
	cr_assert(app.quit);
}

Test(app, unbound_key_is_reported_in_the_status_line)
{
	keys("Z");
	assert_screen_has("Z is not bound here");
	keys("j");
	assert_screen_lacks("not bound");
}

Test(app, sequence_prefix_shows_pending_keys)
{
	struct keyseq s;
	size_t at, len;
	keyseq_parse("z z", &s, &at, &len);
	keymap_bind(&app.keymap, CTX_PAGER, &s, ACT_BOTTOM);
	keys("G Tab");
	keys("z");
	cr_assert_eq(app.npending, 1);
	assert_screen_has("z -");
	assert_screen_has(" z  bottom"); /* the which-key popup */
	keys("z");
	cr_assert_eq(app.npending, 0);
	cr_assert_eq(app.top, app_max_top(&app));
	keys("z Esc");
	cr_assert_eq(app.npending, 0);
	assert_screen_lacks("not bound");
}

Test(app, long_titles_are_cut_with_an_ellipsis)
{
	app_resize(&app, 10, 40);
	char *s = screen();
	cr_assert(strstr(s, ">Alpha arti\xe2\x80\xa6"), "%s", s);
	free(s);
}
