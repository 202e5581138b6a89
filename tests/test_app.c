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

#include "app_fixture.h"

TestSuite(app, .init = setup, .fini = teardown);

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

Test(app, tab_enter_and_q_move_focus)
{
	keys("Tab");
	cr_assert_eq(app.focus, FOCUS_PAGER);
	keys("Tab");
	cr_assert_eq(app.focus, FOCUS_LIST);
	keys("Enter");
	cr_assert_eq(app.focus, FOCUS_PAGER);
	keys("Enter");
	cr_assert_eq(app.focus, FOCUS_PAGER, "Enter in the pane scrolls");
	keys("q");
	cr_assert_eq(app.focus, FOCUS_LIST, "q in the pane goes back");
	cr_assert(!app.quit);
	keys("q");
	cr_assert(app.quit, "q in the sidebar quits");
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
	assert_screen_has("go back to the place before the last jump");
	assert_screen_lacks("help: the help screen");
	keys("G"); /* the end of the help: the legend of the marks */
	assert_screen_has("on the screen: what the marks mean");
	assert_screen_has("right margin: the part in view");
	app_resize(&app, 200, 100); /* everything at once */
	assert_screen_has("help: the help screen");
	assert_screen_has("global: everywhere");
	assert_screen_has("list: the article list");
	assert_screen_has("pager: the reading pane");
	assert_screen_has("search backward in the article");
	assert_screen_has("quit lectern  (quit)");
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
	assert_screen_has(" z  go to the bottom"); /* the which-key popup */
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

/* ---------------------------------------------------------------- search */

/* Types text at the search prompt, one key per character. */
static void
type(const char *text)
{
	for (const char *p = text; *p; p++)
		app_key(&app, (unsigned char)*p);
}

Test(app, slash_searches_incrementally_and_n_walks_the_matches)
{
	keys("G Enter"); /* gamma: "Paragraph N of gamma" x 60 */
	keys("/");
	cr_assert(app.prompting);
	type("Paragraph 4");
	/* 4, 40..49: 11 matches, the view already on the first one. */
	cr_assert_eq(app.search.spans.n, 11);
	assert_screen_has("/Paragraph 4");
	assert_screen_has("11 matches");
	keys("Enter");
	cr_assert(!app.prompting);
	assert_screen_has("match 1/11");
	keys("n");
	assert_screen_has("match 2/11");
	char *s = screen();
	cr_assert(strstr(s, "Paragraph 40 of gamma"), "%s", s);
	free(s);
	keys("N N");
	assert_screen_has("match 11/11 (wrapped to the bottom)");
}

Test(app, smart_case_and_backward_search)
{
	keys("G Enter");
	keys("?");
	type("paragraph 59");
	keys("Enter");
	cr_assert_eq(app.search.spans.n, 1, "lower case: any case");
	keys("/");
	type("PARAGRAPH");
	keys("Enter");
	cr_assert_eq(app.search.spans.n, 0, "a capital makes it exact");
	assert_screen_has("pattern not found");
}

Test(app, escape_cancels_the_search_and_goes_back)
{
	keys("G Enter j j");
	size_t top = app.top;
	keys("/");
	type("Paragraph 50");
	cr_assert_neq(app.top, top, "incremental search moved the view");
	keys("Esc");
	cr_assert(!app.prompting);
	cr_assert_eq(app.top, top);
	cr_assert_null(app.search.query);
}

Test(app, a_bad_pattern_says_why)
{
	keys("Tab /");
	type("(oops");
	assert_screen_has("bad pattern");
	keys("Enter");
	assert_screen_has("bad pattern");
	cr_assert_eq(app.search.spans.n, 0);
}

Test(app, n_past_the_last_match_goes_to_the_next_matching_article)
{
	keys("Tab /");
	type("paragraph");
	keys("Enter");
	cr_assert_eq(app.sel, 0);
	size_t n = app.search.spans.n;
	cr_assert_eq(n, 2, "alpha has two");
	keys("n");
	cr_assert_eq(app.sel, 0);
	keys("n");
	cr_assert_eq(app.sel, 1, "on to beta");
	assert_screen_has("in the next matching article");
	keys("n");
	cr_assert_eq(app.sel, 2, "on to gamma");
	/* Moved away from the match: N searches back from the view. */
	keys("G");
	keys("N");
	cr_assert_eq(app.sel, 2);
	cr_assert_gt(app.search.cur, 0);
}

/* ------------------------------------------------------------ highlights */

Test(app, keyword_hits_are_counted_and_drawn_in_their_group_role)
{
	set_groups();
	keys("G"); /* gamma */
	cr_assert_eq(app.group_counts[0], 60);
	cr_assert_eq(app.group_counts[1], 60, "the body, not the title");
	assert_screen_has("para 60");
	assert_screen_has("greek 60");
	render_app(&app);
	/* "Paragraph 1 of gamma": the first body line, first word. */
	int row = (int)(app.layout.first_body - app.top);
	struct cell *c = frame_at(&app.frame, row, app.geo.text_x);
	cr_assert_eq(c->cp, 'P');
	cr_assert_eq(c->role, ROLE_COUNT + 0);
	c = frame_at(&app.frame, row, app.geo.text_x + 15);
	cr_assert_eq(c->cp, 'g');
	cr_assert_eq(c->role, ROLE_COUNT + 1);
	keys("H");
	render_app(&app);
	cr_assert_eq(frame_at(&app.frame, row, app.geo.text_x)->role,
	             ROLE_TEXT);
	assert_screen_has("highlighting off");
}

Test(app, group_toggle_and_hit_navigation)
{
	set_groups();
	keys("G Enter");
	keys("t 1");
	cr_assert(!app.group_on[0]);
	cr_assert_eq(app.group_counts[0], 0);
	assert_screen_has("group 1 (para) off");
	keys("] 1");
	assert_screen_has("group 1 (para) is off");
	keys("t 1 ] 2");
	assert_screen_has("hit 1/60 (greek)");
	keys("] 2 ] 2");
	assert_screen_has("hit 3/60 (greek)");
	keys("[ 2");
	assert_screen_has("hit 2/60 (greek)");
	keys("] ]");
	assert_screen_has("(para)");
	keys("] 5");
	assert_screen_has("there is no keyword group 5");
}

Test(app, the_hit_map_marks_where_hits_are)
{
	set_groups();
	keys("G");
	render_app(&app);
	int x = app.cols - 1;
	int marked = 0;
	for (int r = 0; r < app.geo.body_rows; r++)
		marked += frame_at(&app.frame, r, x)->role >= ROLE_COUNT;
	cr_assert_gt(marked, app.geo.body_rows / 2, "hits all through gamma");
	keys("t 1 t 2");
	render_app(&app);
	for (int r = 0; r < app.geo.body_rows; r++)
		cr_assert_lt(frame_at(&app.frame, r, x)->role, ROLE_COUNT);
}

/* --------------------------------------------------- sidebar: sort, filter */

Test(app, sort_cycles_orders_and_keeps_the_selection)
{
	set_groups();
	while (app_background_pending(&app))
		app_background_step(&app);
	keys("j"); /* beta selected */
	keys("s");
	cr_assert_eq(app.sort, SORT_TITLE);
	cr_assert_eq(app.sel, 1, "the selection stays the same article");
	cr_assert_eq(app.order[0], 0); /* Alpha, Beta, Gamma */
	keys("s s");
	cr_assert_eq(app.sort, SORT_HITS);
	/* gamma: 120 hits, alpha: 4, beta: 1. */
	cr_assert_eq(app.order[0], 2);
	cr_assert_eq(app.order[1], 0);
	cr_assert_eq(app.order[2], 1);
	cr_assert_eq(app.row, 2);
	assert_screen_has("sorted by keyword hits");
	assert_screen_has("Gamma long article  120");
	keys("g");
	cr_assert_eq(app.sel, 2, "first row: the most hits");
	keys("s");
	cr_assert_eq(app.sort, SORT_UNREAD);
	/* beta and gamma were opened: read (they fit or... gamma not). */
	for (size_t r = 0; r + 1 < app.norder; r++)
		cr_assert_leq(app.read[app.order[r]],
		              app.read[app.order[r + 1]], "unread before read");
	keys("s");
	cr_assert_eq(app.sort, SORT_CORPUS);
}

Test(app, hits_are_counted_in_the_background_one_article_a_step)
{
	set_groups();
	cr_assert(app_background_pending(&app));
	cr_assert_eq(app_article_hits(&app, 2), SIZE_MAX);
	app_background_step(&app);
	cr_assert_neq(app_article_hits(&app, 0), SIZE_MAX);
	cr_assert_eq(app_article_hits(&app, 2), SIZE_MAX);
	while (app_background_pending(&app))
		app_background_step(&app);
	cr_assert_eq(app_article_hits(&app, 2), 120);
	cr_assert(!app.corpus->v[2].body_loaded,
	          "counting does not keep bodies loaded");
}

Test(app, filter_narrows_the_sidebar_and_escape_restores_it)
{
	keys("j"); /* beta */
	keys("F");
	type("second");
	keys("Enter");
	cr_assert_str_eq(app.filter, "second");
	cr_assert_eq(app.norder, 1);
	cr_assert_eq(app.sel, 0, "alpha: 'Second paragraph of alpha'");
	assert_screen_has("Second paragraph of alpha.");
	assert_screen_has(" 1/1 of 3 ");
	assert_screen_has("1 article matches 'second'");
	cr_assert_eq(app.search.spans.n, 1, "the search takes the query");
	keys("Esc");
	cr_assert_null(app.filter);
	cr_assert_eq(app.norder, 3);
	cr_assert_eq(app.sel, 1, "back to the selection before the filter");
	/* Opening a filtered article for the first time: at its match. */
	keys("G Enter");
	keys("F");
	type("Paragraph 50");
	keys("Enter");
	cr_assert_eq(app.sel, 2);
	char *s = screen();
	cr_assert(strstr(s, "Paragraph 50 of gamma"), "%s", s);
	free(s);
}

Test(app, filter_that_matches_nothing_keeps_the_list)
{
	keys("F");
	type("zanzibar");
	keys("Enter");
	cr_assert_null(app.filter);
	cr_assert_eq(app.norder, 3);
	assert_screen_has("no article matches 'zanzibar'");
}

Test(app, groups_view_lists_counts_and_toggles)
{
	set_groups();
	while (app_background_pending(&app))
		app_background_step(&app);
	keys("t t");
	cr_assert(app.groups_view);
	assert_screen_has("Keyword groups");
	char *s = screen();
	cr_assert(strstr(s, "para"), "%s", s);
	cr_assert(strstr(s, "greek"));
	free(s);
	keys("j Space");
	cr_assert(!app.group_on[1]);
	assert_screen_has("[ ] greek");
	keys("q");
	cr_assert(!app.groups_view);
	cr_assert(!app.quit);
}

/* ------------------------------------------------- read marks, bookmarks */

Test(app, reaching_the_end_marks_read_and_u_finds_the_next_unread)
{
	cr_assert(!app.read[2]);
	keys("G Enter");
	cr_assert(!app.read[2], "gamma is long: not read at its top");
	cr_assert_lt(app.progress[2], 100);
	keys("G");
	cr_assert(app.read[2]);
	cr_assert_eq(app.progress[2], 100);
	/* alpha fits on the screen: shown from the sidebar, it is not
	 * read; read once the pane has the focus. */
	keys("q g");
	cr_assert(!app.read[0],
	          "passing over it in the sidebar is not reading");
	cr_assert_eq(app.progress[0], 0);
	keys("Tab");
	cr_assert(app.read[0]);
	keys("m");
	cr_assert(!app.read[0]);
	assert_screen_has("marked unread");
	assert_screen_has("(2 unread)"); /* alpha, and beta never opened */
	keys("Tab G U");
	cr_assert_eq(app.sel, 0, "U goes round to the first unread one");
	cr_assert(!app.read[0], "shown from the sidebar: not read yet");
	keys("Tab");
	cr_assert(app.read[0], "in the pane, and it fits: read again");
	keys("m");
	cr_assert(!app.read[0]);
	keys("j k");
	cr_assert(!app.read[0], "marked unread by hand: stays so in view");
	keys("Tab U");
	cr_assert_eq(app.sel, 1);
	cr_assert(!app.read[1], "beta, shown from the sidebar");
	keys("Tab");
	cr_assert(app.read[1], "beta fits the screen: read in the pane");
	keys("Tab U");
	cr_assert_eq(app.sel, 0, "alpha, still unread");
	keys("m U");
	assert_screen_has("no unread articles");
}

Test(app, bookmarks_with_notes_are_listed_opened_and_deleted)
{
	keys("G Enter j j j j j");
	size_t top = app.top;
	app.now = 1700000000;
	keys("B");
	type("the middle");
	keys("Enter");
	cr_assert_eq(app.nmarks, 1);
	cr_assert_str_eq(app.marks[0].note, "the middle");
	cr_assert_eq(app.marks[0].article, 2);
	cr_assert_eq(app.marks[0].created, 1700000000);
	keys("g K K");
	cr_assert_eq(app.sel, 0);
	keys("'");
	cr_assert(app.marks_view);
	assert_screen_has("Gamma long article \xe2\x80\x94 the middle");
	/* Under it, where in the article and when. */
	assert_screen_has("% of the article \xc2\xb7 made 2023-11-1");
	keys("Enter");
	cr_assert(!app.marks_view);
	cr_assert_eq(app.sel, 2);
	cr_assert_eq(app.top, top, "back at the marked place");
	keys("' d");
	cr_assert_eq(app.nmarks, 0);
	cr_assert(!app.marks_view);
	keys("'");
	assert_screen_has("no bookmarks yet");
}

Test(app, the_metadata_line_gives_words_and_reading_time)
{
	keys("G");
	assert_screen_has("720 words \xc2\xb7 4 min read");
}

Test(app, the_metadata_line_breaks_only_between_items)
{
	/* alpha: By Ada Writer · 2024-03-01 · example.org · #one #two ·
	 * 25 words · 1 min read, in a 40-column pane (no sidebar). */
	app_resize(&app, 24, 34);
	char *s = screen();
	cr_assert(strstr(s, "By Ada Writer"), "%s", s);
	cr_assert(strstr(s, "25 words"), "%s", s);
	cr_assert(strstr(s, "1 min read"), "%s", s);
	cr_assert_null(strstr(s, " By\n"), "%s", s);
	free(s);
}

Test(app, a_phrase_split_by_wrapping_is_highlighted_on_both_lines)
{
	static char ph[] = "has a few words", nm[] = "phrase";
	static char *w[] = {ph};
	struct hl_group g;
	memset(&g, 0, sizeof g);
	g.name = nm;
	g.words = w;
	g.nwords = 1;
	g.ignore_case = true;
	g.whole_word = true;
	struct diag_list dl;
	diag_list_init(&dl);
	app_set_groups(&app, &g, 1, &dl);
	diag_list_fini(&dl);
	app_resize(&app, 24, 50);
	keys("G");
	render_app(&app);
	/* "Paragraph 1 of gamma has a few" / "words in it to wrap." */
	int row = (int)(app.layout.first_body - app.top);
	int x = app.geo.text_x;
	struct strbuf sb;
	sb_init(&sb);
	frame_row_text(&app.frame, row, &sb);
	cr_assert(strstr(sb.buf, "gamma has a few"), "%s", sb.buf);
	sb_fini(&sb);
	int on_first = 0, on_second = 0;
	for (int c = x; c < x + app.geo.text_w; c++) {
		on_first += frame_at(&app.frame, row, c)->role == ROLE_COUNT;
		on_second +=
		        frame_at(&app.frame, row + 1, c)->role == ROLE_COUNT;
	}
	cr_assert_eq(on_first, 9, "'has a few' on the first line");
	cr_assert_eq(on_second, 5, "'words' on the second");
}
