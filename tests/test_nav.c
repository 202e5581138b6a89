/*
 * Unit tests of moving as a daily reader of less, vim and neomutt moves:
 * counts, the jump list, Space at an article's end, saying why nothing
 * moved, marking many articles, numbers, the message history and the
 * current match drawn in its own role.  Keys in, state and screen out.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "corpus.h"
#include "keys.h"
#include "render.h"
#include "theme.h"
#include "utf8.h"

#include "app_fixture.h"

TestSuite(nav, .init = setup, .fini = teardown);

static char *
status_line(void)
{
	char *s = screen();
	char *last = strrchr(s, '\n');
	while (last && last > s && !last[1]) {
		*last = '\0';
		last = strrchr(s, '\n');
	}
	char *line = xstrdup(last ? last + 1 : s);
	free(s);
	return line;
}

static void
assert_status_has(const char *needle)
{
	char *s = status_line();
	cr_assert(strstr(s, needle), "status line lacks '%s': %s", needle, s);
	free(s);
}

/* gamma, in the pane. */
static void
open_gamma(void)
{
	keys("G Tab");
	cr_assert_eq(app.sel, 2);
	cr_assert_eq(app.focus, FOCUS_PAGER);
	cr_assert_eq(app.top, 0);
}

Test(nav, a_count_repeats_a_key_and_shows_while_typed)
{
	open_gamma();
	keys("5");
	assert_status_has("5 -");
	cr_assert_eq(app.top, 0, "a digit alone does not move");
	keys("j");
	cr_assert_eq(app.top, 5);
	keys("j");
	cr_assert_eq(app.top, 6, "the count is used up");
	keys("1 2 k");
	cr_assert_eq(app.top, 0, "a count past the top stops there");
	keys("3 Esc j");
	cr_assert_eq(app.top, 1, "Esc forgets a half-typed count");
	keys("2 C-e 1 C-y");
	cr_assert_eq(app.top, 2, "C-e and C-y scroll a line, as in less");
}

Test(nav, counts_with_g_G_and_percent_go_to_a_line)
{
	open_gamma();
	keys("1 0 G");
	cr_assert_eq(app.top, 9, "10G: line 10 at the top");
	keys("g");
	cr_assert_eq(app.top, 0);
	keys("5 0 %");
	size_t half = app.layout.n / 2;
	cr_assert_eq(app.top, half, "50%%: half-way (%zu of %zu)", app.top,
	             app.layout.n);
	keys("%");
	assert_status_has("50%");
	keys("9 9 9 9 G");
	cr_assert_eq(app.top, app_max_top(&app), "past the end: the end");
}

Test(nav, a_count_in_the_sidebar_goes_to_that_article)
{
	keys("2 G");
	cr_assert_eq(app.sel, 1, "2G: the second article");
	keys("1 g");
	cr_assert_eq(app.sel, 0);
	keys("2 j");
	cr_assert_eq(app.sel, 2);
	keys("j");
	cr_assert_eq(app.sel, 2);
	assert_status_has("this is the last article");
	keys("k k k");
	cr_assert_eq(app.sel, 0);
	assert_status_has("this is the first article");
}

Test(nav, space_at_the_end_goes_to_the_next_unread_article)
{
	keys("Tab");
	cr_assert_eq(app.sel, 0);
	/* alpha fits the screen: it is at its end already. */
	keys("Space");
	cr_assert_eq(app.sel, 1, "Space at the end: the next unread");
	cr_assert_eq(app.focus, FOCUS_PAGER);
	keys("Space");
	cr_assert_eq(app.sel, 2);
	keys("Space");
	cr_assert_gt(app.top, 0);
	keys("2 0 Space");
	cr_assert_eq(app.top, app_max_top(&app));
	cr_assert_eq(app.sel, 2, "a page that reaches the end stays");
	assert_status_has("end of the last unread article");
	keys("Space");
	cr_assert_eq(app.sel, 2);
	assert_status_has("no more unread articles");
}

Test(nav, the_end_says_space_goes_on)
{
	app_resize(&app, 5, 80); /* alpha no longer fits */
	keys("Tab Space");
	cr_assert_eq(app.sel, 0);
	keys("9 Space");
	cr_assert_eq(app.sel, 0);
	cr_assert_eq(app.top, app_max_top(&app));
	assert_status_has("end: Space for the next unread");
	keys("Space");
	cr_assert_eq(app.sel, 1);
}

Test(nav, the_jump_list_goes_back_and_forth_across_articles)
{
	open_gamma();
	keys("1 0 G");
	size_t there = app.top;
	keys("K");
	cr_assert_eq(app.sel, 1, "K: beta");
	keys("C-o");
	cr_assert_eq(app.sel, 2, "back to gamma");
	cr_assert_eq(app.top, there, "at line 10");
	keys("C-o");
	cr_assert_eq(app.sel, 2);
	cr_assert_eq(app.top, 0, "where 10G jumped from");
	keys("C-o");
	assert_status_has("no earlier place");
	keys("M-o");
	cr_assert_eq(app.top, there);
	keys("M-o");
	cr_assert_eq(app.sel, 1, "forward again to beta");
	keys("M-o");
	assert_status_has("no later place");
}

Test(nav, a_search_is_a_jump)
{
	open_gamma();
	keys("/ P a r a g r a p h Space 3 0 Enter");
	cr_assert_gt(app.top, 0);
	keys("C-o");
	cr_assert_eq(app.top, 0);
}

Test(nav, prev_unread_and_mark_all_read_with_undo)
{
	keys("G P");
	cr_assert_eq(app.sel, 1, "P: the previous unread");
	keys("g P");
	assert_status_has("no unread article before this one");
	keys("M");
	for (size_t i = 0; i < 3; i++)
		cr_assert(app.read[i]);
	assert_status_has("3 articles marked read (M again undoes it)");
	keys("M");
	for (size_t i = 0; i < 3; i++)
		cr_assert(!app.read[i], "M again: undone");
	assert_status_has("undone: 3 articles unread again");
	keys("M j M");
	cr_assert(app.read[0], "a key between: M marks again, no undo");
}

Test(nav, a_count_before_m_marks_a_range)
{
	keys("j 2 m");
	cr_assert(!app.read[0]);
	cr_assert(app.read[1]);
	cr_assert(app.read[2]);
	assert_status_has("2 articles marked read");
	keys("2 m");
	cr_assert(!app.read[1] && !app.read[2]);
}

Test(nav, numbers_in_the_sidebar_and_in_the_pane)
{
	keys("#");
	assert_screen_has(">1 Alpha");
	assert_screen_has(" 3 Gamma");
	open_gamma();
	keys("#");
	cr_assert_gt(app.geo.gutter, 0);
	assert_screen_has("     1 ");
	keys("1 0 G");
	assert_screen_has("    10 ");
	keys("#");
	cr_assert_eq(app.geo.gutter, 0);
}

Test(nav, a_message_stays_until_the_screen_changes_and_is_kept)
{
	open_gamma();
	keys("g k");
	keys("m");
	assert_status_has("marked");
	keys("k");
	assert_status_has("marked"); /* k at the top changed nothing */
	keys("j");
	char *s = status_line();
	cr_assert_null(strstr(s, "marked"), "%s", s);
	free(s);
	keys("M-m");
	assert_screen_has("Messages, oldest first");
	assert_screen_has("marked");
	keys("q");
	cr_assert(!app.help);
}

/* The role of the cell showing body text t on the screen, or -1. */
static int
role_of(const char *t)
{
	char *s = screen();
	char *at = strstr(s, t);
	int role = -1;
	if (at) {
		int row = 0;
		const char *line = s;
		for (const char *p = s; p < at; p++)
			if (*p == '\n') {
				row++;
				line = p + 1;
			}
		/* Columns: the text before it on its row is one cell a
		 * character wide except the sidebar's border (3 bytes). */
		int col = 0;
		for (const char *p = line; p < at;) {
			uint32_t cp;
			p += utf8_decode(p, (size_t)(at - p), &cp);
			col++;
		}
		role = frame_at(&app.frame, row, col)->role;
	}
	free(s);
	return role;
}

Test(nav, the_current_match_has_its_own_role_and_margin)
{
	open_gamma();
	keys("/ P a r a g r a p h Space 1 Enter");
	/* Paragraph 1, 10..19: the first is current. */
	cr_assert_eq(role_of("Paragraph 1 of"), ROLE_CURRENT_MATCH);
	cr_assert_eq(role_of("Paragraph 10 of"), ROLE_MATCH);
	keys("n");
	cr_assert_eq(role_of("Paragraph 10 of"), ROLE_CURRENT_MATCH);
	cr_assert_eq(role_of("Paragraph 11 of"), ROLE_MATCH);
	keys("n");
	cr_assert_eq(role_of("Paragraph 10 of"), ROLE_MATCH);
	cr_assert_eq(role_of("Paragraph 11 of"), ROLE_CURRENT_MATCH);
	/* The current match's line is kept three lines from the edges. */
	keys("n n n n n");
	size_t line = layout_find_anchor(
	        &app.layout, app.search.spans.v[app.search.cur].start + 1);
	cr_assert_geq(line, app.top + 3);
	cr_assert_lt(line + 3, app.top + (size_t)app.geo.body_rows);
}

Test(nav, esc_after_a_filter_keeps_the_article_moved_to)
{
	keys("F b e t a | g a m m a Enter");
	cr_assert_eq(app.norder, 2);
	cr_assert_eq(app.sel, 1);
	assert_status_has("(Esc shows all)");
	keys("Esc");
	cr_assert_eq(app.norder, 3);
	cr_assert_eq(app.sel, 0, "not moved: back to where it was");
	keys("F b e t a | g a m m a Enter j");
	cr_assert_eq(app.sel, 2);
	keys("Esc");
	cr_assert_eq(app.norder, 3);
	cr_assert_eq(app.sel, 2, "moved: the article moved to stays");
}

Test(nav, the_filter_hint_is_right_where_the_focus_is)
{
	keys("Tab F b e t a Enter");
	assert_status_has("(Esc in the sidebar shows all)");
	keys("Esc");
	cr_assert_eq(app.norder, 1, "Esc in the pane clears the search only");
	keys("q Esc");
	cr_assert_eq(app.norder, 3);
}

Test(nav, the_snippet_shows_the_match_on_a_narrow_sidebar)
{
	/* 80 columns: a 24-column sidebar, 22 for the snippet. */
	keys("F w r a p Enter");
	char *s = screen();
	char *row = strstr(s, "\n");
	cr_assert_not_null(row);
	char *bar = strstr(row, "\xe2\x94\x82"); /* the sidebar's edge */
	cr_assert_not_null(bar);
	*bar = '\0';
	cr_assert(strstr(row, "wrap"), "the match is cut from its snippet: %s",
	          row);
	free(s);
}

Test(nav, the_focused_side_shows_at_a_glance)
{
	render_app(&app);
	int x = app.geo.side_w;
	cr_assert_eq(frame_at(&app.frame, 0, x)->role, ROLE_BORDER);
	cr_assert_eq(frame_at(&app.frame, 0, 1)->role, ROLE_SELECTED);
	keys("Tab");
	render_app(&app);
	cr_assert_eq(frame_at(&app.frame, 0, x)->role, ROLE_FOCUS_BORDER);
	cr_assert_eq(frame_at(&app.frame, 0, x)->cp, 0x2503, "a heavy line");
	cr_assert_eq(frame_at(&app.frame, 0, 1)->role, ROLE_SELECTED_INACTIVE);
	/* Dimmed in every built-in theme, so it never looks focused. */
	for (size_t t = 0; t < theme_builtin_count(); t++) {
		struct theme th;
		cr_assert_eq(theme_builtin(theme_builtin_name(t), &th), 0);
		cr_assert(th.roles[ROLE_SELECTED_INACTIVE].attrs & ATTR_DIM,
		          "%s", theme_builtin_name(t));
		const struct style *fb = &th.roles[ROLE_FOCUS_BORDER];
		const struct style *b = &th.roles[ROLE_BORDER];
		cr_assert(fb->attrs != b->attrs || fb->fg != b->fg, "%s",
		          theme_builtin_name(t));
	}
}

/* The hit map's cell in row r, as (code point, role). */
static uint32_t
map_cp(int r)
{
	return frame_at(&app.frame, r, app.cols - 1)->cp;
}

Test(nav, the_hit_map_of_an_article_that_fits_marks_its_lines)
{
	set_groups();
	render_app(&app); /* alpha fits */
	cr_assert_leq(app.layout.n, (size_t)app.geo.body_rows);
	for (int r = 0; r < app.geo.body_rows; r++) {
		bool hit = false;
		for (size_t h = 0; h < app.hits.n; h++)
			hit |= app.hit_lines[h] == (size_t)r;
		if (hit)
			cr_assert_eq(map_cp(r), 0x2588,
			             "no mark beside line %d", r);
		else
			cr_assert_neq(map_cp(r), 0x2588,
			              "a mark beside line %d", r);
		cr_assert_neq(map_cp(r), 0x2502, "no thumb when it fits");
	}
}

Test(nav, the_hit_map_of_a_long_article_keeps_its_thumb)
{
	set_groups();
	open_gamma();
	for (int pass = 0; pass < 2; pass++) {
		render_app(&app);
		size_t n = app.layout.n, rows = (size_t)app.geo.body_rows;
		int thumb = 0;
		for (size_t r = 0; r < rows; r++) {
			size_t l0 = n * r / rows, l1 = n * (r + 1) / rows;
			bool in_view = l0 < app.top + rows && l1 > app.top;
			uint32_t cp = map_cp((int)r);
			if (in_view) {
				cr_assert(cp == 0x2502 || cp == 0x2588,
				          "row %zu of the thumb hidden", r);
				thumb++;
			} else {
				cr_assert(cp != 0x2502 && cp != 0x2588,
				          "row %zu drawn as the thumb", r);
			}
		}
		cr_assert_gt(thumb, 0);
		keys("G");
	}
	cr_assert_eq(map_cp(app.geo.body_rows - 1) == 0x2502 ||
	                     map_cp(app.geo.body_rows - 1) == 0x2588,
	             true, "at the end the thumb is at the bottom");
}

Test(nav, group_counts_are_whole_or_counted_never_cut)
{
	set_groups();
	for (int w = 30; w <= 120; w++) {
		app_resize(&app, 24, w);
		char *s = status_line();
		/* No group name cut ("gre…"): the title alone may be. */
		static const char *const names[] = {"para", "greek"};
		for (int g = 0; g < 2; g++)
			for (size_t k = 1; k < strlen(names[g]); k++) {
				char cut[16];
				snprintf(cut, sizeof cut, " %.*s\xe2\x80\xa6",
				         (int)k, names[g]);
				cr_assert_null(strstr(s, cut), "cut at %d: %s",
				               w, s);
			}
		bool para = strstr(s, "para ") != NULL;
		bool greek = strstr(s, "greek ") != NULL;
		/* Dropped groups are counted, once there is room for it. */
		if (strstr(s, " +"))
			cr_assert(strstr(s, para ? "+1" : "+2"), "at %d: %s", w,
			          s);
		if (w >= 80)
			cr_assert(para && (greek || strstr(s, "+1")),
			          "at %d: %s", w, s);
		free(s);
	}
}

Test(nav, sidebar_counts_and_progress_are_aligned)
{
	set_groups();
	while (app_background_pending(&app))
		app_background_step(&app);
	app_resize(&app, 24, 100);
	keys("G Tab 2 0 j q"); /* gamma begun, not finished */
	cr_assert_gt(app.progress[2], 0);
	cr_assert_lt(app.progress[2], 100);
	render_app(&app);
	/* The last digit of each count in the same column. */
	int last[3] = {-1, -1, -1};
	for (int r = 0; r < 3; r++)
		for (int c = 0; c < app.geo.side_w; c++) {
			uint32_t cp = frame_at(&app.frame, r, c)->cp;
			if (cp >= '0' && cp <= '9' &&
			    frame_at(&app.frame, r, c + 1)->cp == ' ' &&
			    last[r] < 0)
				last[r] = c;
		}
	cr_assert(last[0] > 0 && last[0] == last[1] && last[1] == last[2],
	          "counts not aligned: %d %d %d", last[0], last[1], last[2]);
}

Test(nav, the_which_key_popup_says_what_keys_do_for_groups_that_are)
{
	set_groups();
	keys("]");
	char *s = screen();
	cr_assert(strstr(s, "1  next para hit"), "%s", s);
	cr_assert(strstr(s, "2  next greek hit"), "%s", s);
	cr_assert_null(strstr(s, "3  "), "a key for a group that is not:\n%s",
	               s);
	cr_assert(strstr(s, "]  go to the next keyword hit"), "%s", s);
	free(s);
	keys("Esc t");
	s = screen();
	cr_assert(strstr(s, "1  turn para off"), "%s", s);
	free(s);
}

Test(nav, s_hides_the_sidebar_and_text_width_caps_the_lines)
{
	cr_assert_gt(app.geo.side_w, 0);
	int w = app.geo.text_w;
	keys("S");
	cr_assert_eq(app.geo.side_w, 0);
	cr_assert_gt(app.geo.text_w, w, "the pane takes the width");
	assert_status_has("sidebar hidden");
	keys("j");
	cr_assert_eq(app.sel, 1, "the list keys still work");
	keys("S");
	cr_assert_gt(app.geo.side_w, 0);
	/* 200 columns: the text 80 wide (the default), centred. */
	app_resize(&app, 24, 200);
	cr_assert_eq(app.geo.text_w, 80);
	int pane_x = app.geo.side_w + 1;
	int left = app.geo.text_x - pane_x;
	int right = 200 - (app.geo.text_x + app.geo.text_w);
	cr_assert(left > 10 && abs(left - right) <= 2, "left %d, right %d",
	          left, right);
	struct view_config v = app.view;
	v.text_width = 0;
	app_set_view(&app, &v);
	cr_assert_gt(app.geo.text_w, 150, "0: the whole pane");
}

Test(nav, the_help_says_what_keys_do_in_the_lists)
{
	app_resize(&app, 200, 120); /* all of the help at once */
	keys("?");
	char *s = screen();
	char *groups = strstr(s, "groups: ");
	cr_assert_not_null(groups, "%s", s);
	cr_assert(strstr(groups, "select the next item  (scroll-down)"), "%s",
	          groups);
	cr_assert(strstr(s, "scroll down one line  (scroll-down)"), "%s", s);
	free(s);
}

Test(nav, a_long_message_is_shown_whole_above_the_status_line)
{
	app_resize(&app, 24, 60);
	app_message(&app, true,
	            "config.yaml:12:17: keys.pager.scroll-down: unknown key "
	            "'Dwon' (did you mean 'Down'?) (config not reloaded)");
	char *s = screen();
	/* Wrapped at 58 columns, every word of it on the screen. */
	cr_assert(strstr(s, "config.yaml:12:17: keys.pager.scroll-down:"), "%s",
	          s);
	cr_assert(strstr(s, "(config not reloaded)"), "%s", s);
	free(s);
	render_app(&app);
	cr_assert_eq(frame_at(&app.frame, app.geo.body_rows - 1, 1)->role,
	             ROLE_ERROR);
	keys("j"); /* a key that changes the screen dismisses it */
	s = screen();
	cr_assert_null(strstr(s, "(config not reloaded)"), "%s", s);
	free(s);
}

Test(nav, the_help_folds_the_numbered_keys_into_one_line)
{
	app_resize(&app, 200, 120);
	keys("?");
	char *s = screen();
	cr_assert(strstr(s, "] 1 .. ] 9"), "%s", s);
	cr_assert(strstr(s, "go to the next hit of keyword group N  "
	                    "(next-hit-1 .. next-hit-9)"),
	          "%s", s);
	cr_assert(strstr(s, "turn keyword group N on or off"), "%s", s);
	cr_assert_null(strstr(s, "(next-hit-5)"), "%s", s);
	free(s);
	/* A group key rebound out of the pattern: listed one by one. */
	struct keyseq k;
	size_t at, len;
	keyseq_parse("x", &k, &at, &len);
	keymap_bind(&app.keymap, CTX_GLOBAL, &k, ACT_NEXT_HIT_5);
	s = screen();
	cr_assert(strstr(s, "(next-hit-5)"), "%s", s);
	free(s);
}

Test(nav, background_counting_draws_only_when_the_screen_changes)
{
	set_groups();
	app_resize(&app, 3, 80); /* two rows of the sidebar: alpha, beta */
	render_app(&app);
	cr_assert(!app.dirty);
	app_background_step(&app); /* alpha: in view */
	cr_assert(app.dirty);
	render_app(&app);
	app_background_step(&app); /* beta: in view */
	cr_assert(app.dirty);
	render_app(&app);
	app_background_step(&app); /* gamma: out of view, but the last */
	cr_assert(app.dirty, "the end of counting is drawn");
}

Test(nav, a_count_out_of_view_does_not_redraw)
{
	set_groups();
	app_resize(&app, 2, 80); /* one row: alpha */
	app_background_step(&app);
	render_app(&app);
	app_background_step(&app); /* beta, out of view, not the last */
	cr_assert(!app.dirty, "nothing on the screen changed");
}

/* A count of 999999 is one step, wherever it is typed (the whole-app
 * fuzzer hung on one in the help: each j rebuilt the help's lines). */
Test(nav, a_huge_count_is_one_step, .timeout = 20)
{
	keys("? 9 9 9 9 9 9 j");
	cr_assert(app.help);
	size_t at_end = app.help_top;
	cr_assert_gt(at_end, 0);
	keys("G");
	cr_assert_eq(app.help_top, at_end, "999999j went to the end");
	keys("q t t 9 9 9 9 9 9 j");
	cr_assert_eq(app.group_sel, 0, "no groups: nothing to select");
	keys("q G Tab 9 9 9 9 9 9 Space");
	cr_assert_eq(app.top, app_max_top(&app));
}

/* The help groups each context's keys by task, a heading for each. */
Test(nav, the_help_is_grouped_by_task)
{
	app_resize(&app, 200, 120);
	keys("?");
	char *s = screen();
	char *pager = strstr(s, "pager: ");
	cr_assert_not_null(pager, "%s", s);
	char *moving = strstr(pager, "\n   moving");
	char *searching = strstr(pager, "\n   searching");
	cr_assert_not_null(moving, "%s", pager);
	cr_assert_not_null(searching, "%s", pager);
	char *down = strstr(pager, "(scroll-down)");
	char *back = strstr(pager, "(search-backward)");
	cr_assert(down && down > moving && down < searching, "%s", pager);
	cr_assert(back && back > searching, "%s", pager);
	free(s);
}

/* / in the help looks for a word in it, n and N go on, Esc goes back;
 * the article's search is left as it was. */
Test(nav, slash_searches_the_help)
{
	app_resize(&app, 10, 100);
	keys("?");
	keys("/ b o o k m");
	cr_assert(app.prompting && app.help, "/ in the help asks for a word");
	char *s = screen();
	cr_assert(strstr(s, "help /bookm"), "%s", s);
	/* Incremental: the first line holding it is at the top. */
	cr_assert(strstr(s, "bookm"), "%s", s);
	free(s);
	size_t first = app.help_top;
	cr_assert_gt(first, 0);
	keys("Enter");
	cr_assert(app.help && !app.prompting);
	cr_assert_null(app.search.query, "the article's search untouched");
	render_app(&app);
	/* The match itself is shown as a search match. */
	bool marked = false;
	for (int c = 0; c < app.cols; c++)
		marked |= frame_at(&app.frame, 0, c)->role == ROLE_MATCH;
	cr_assert(marked, "the word is marked on its line");
	keys("n");
	cr_assert_gt(app.help_top, first, "n: the next line holding it");
	keys("N");
	cr_assert_eq(app.help_top, first, "N: back");
	keys("/ z z z x Enter");
	cr_assert_eq(app.help_top, first, "not found: nothing moves");
	cr_assert(app.message && strstr(app.message, "not in the help"));
	size_t here = app.help_top;
	keys("/ q u i t Esc");
	cr_assert_eq(app.help_top, here, "Esc: back where / was typed");
	keys("q");
	cr_assert(!app.help);
}

/*
 * The status line by priority: the position and the title first, the
 * filter, sort and search next, the keyword groups last, dropped whole
 * ("+2") before the title is cut, and the title cut before the rest go.
 */
Test(nav, the_status_line_keeps_the_title_before_the_groups)
{
	set_groups();
	app_resize(&app, 24, 200);
	keys("Tab / w o r d s Enter j"); /* j: the search's message goes */
	assert_status_has(" 3/3 (2 unread) Gamma long article /words para ");
	assert_status_has(" greek ");
	app_resize(&app, 24, 80);
	char *s = status_line();
	/* The title and the search stay; the groups give way as a whole. */
	cr_assert(strstr(s, "Gamma long article /words para "), "%s", s);
	cr_assert(strstr(s, " +1 "), "%s", s);
	cr_assert_null(strstr(s, "gree"), "no group cut mid-word: %s", s);
	free(s);
	app_resize(&app, 24, 60);
	s = status_line();
	cr_assert(strstr(s, "Gamma"), "the title before the search: %s", s);
	cr_assert_null(strstr(s, "/words"), "%s", s);
	free(s);
}

/* The bookmark list shows the text each bookmark marks, read from the
 * article's file, which is not kept loaded for it. */
Test(nav, bookmarks_show_the_text_they_mark)
{
	app_resize(&app, 24, 120);
	keys("G Tab 6 j B n o t e Enter q g"); /* gamma, then alpha */
	cr_assert_eq(app.open, 0);
	cr_assert(!corpus.v[2].body_loaded);
	keys("'");
	cr_assert(app.marks_view);
	char *s = screen();
	char *at = strstr(s, "\xe2\x80\x9cParagraph ");
	cr_assert_not_null(at, "%s", s);
	cr_assert(strstr(at, " of gamma has a few words in it to wrap."), "%s",
	          s);
	free(s);
	cr_assert(!corpus.v[2].body_loaded, "the body read for it, let go");
	cr_assert_not_null(app.marks[0].snippet, "kept for the next frame");
	assert_screen_lacks("\n      line "); /* not the open article */
	/* In the open article the bookmark's line is given too, as 10G
	 * counts it: 10G there brings it to the top. */
	keys("q G '");
	cr_assert_eq(app.open, 2);
	s = screen();
	char *line = strstr(s, "\n      line ");
	cr_assert_not_null(line, "%s", s);
	long n = strtol(line + 12, NULL, 10);
	free(s);
	cr_assert_gt(n, 0);
	size_t want = layout_find_anchor(&app.layout, app.marks[0].offset + 1);
	cr_assert_eq((size_t)n, want + 1);
}

/* v selects from the top line; j and counts extend it, a search takes
 * its end to the match, Esc cancels; y copies the paragraphs it touches
 * with the citation. */
Test(nav, v_selects_lines_and_y_yanks_paragraphs_with_the_citation)
{
	app_resize(&app, 10, 80);
	keys("G Tab"); /* gamma, in the pane */
	keys("3 j v");
	cr_assert(app.vsel);
	size_t start = app.vsel_anchor;
	cr_assert_eq(app.vsel_cur, start);
	keys("2 j");
	cr_assert_eq(app.vsel_cur, start + 2);
	render_app(&app);
	cr_assert_eq(
	        frame_at(&app.frame, (int)(start - app.top), app.geo.text_x)
	                ->role,
	        ROLE_SELECTED, "the selected lines are shown");
	keys("Esc");
	cr_assert(!app.vsel, "Esc cancels");
	keys("v / P a r a g r a p h Space 4 Enter");
	cr_assert(app.vsel);
	size_t match = layout_find_anchor(
	        &app.layout, app.search.spans.v[app.search.cur].start + 1);
	cr_assert_eq(app.vsel_cur, match, "the search took the end along");
	size_t n;
	char *text = app_yank_text(&app, &n);
	cr_assert_geq(n, 2);
	cr_assert(strstr(text, "Paragraph 4 of gamma"), "%s", text);
	/* The citation: the title and the file, after a blank line. */
	char *cite =
	        strstr(text, "\n\n\xe2\x80\x94 \xe2\x80\x9cGamma long article"
	                     "\xe2\x80\x9d");
	cr_assert_not_null(cite, "%s", text);
	cr_assert(strstr(cite, "3-gamma.txt)\n"), "%s", text);
	free(text);
}

/* The mouse, when view.mouse turns it on: the wheel scrolls what is under
 * it (the pane three lines a notch; the sidebar's selection), a click in
 * the sidebar selects that row's article, one in the pane focuses it.
 * Off (the default), events change nothing. */
Test(nav, the_mouse_when_it_is_on)
{
	app_resize(&app, 8, 80);
	app_mouse(&app, MOUSE_WHEEL_DOWN, 2, 60);
	app_mouse(&app, MOUSE_CLICK, 1, 2);
	cr_assert_eq(app.top, 0, "off: nothing");
	cr_assert_eq(app.sel, 0);
	struct view_config v = app.view;
	v.mouse = true;
	app_set_view(&app, &v);
	int pane = app.geo.text_x + 2;
	app_mouse(&app, MOUSE_WHEEL_DOWN, 2, pane);
	cr_assert_eq(app.top, 3, "three lines a notch");
	app_mouse(&app, MOUSE_WHEEL_UP, 2, pane);
	cr_assert_eq(app.top, 0);
	app_mouse(&app, MOUSE_CLICK, 2, 1); /* the third row: gamma */
	cr_assert_eq(app.sel, 2);
	cr_assert_eq(app.open, 2);
	cr_assert_eq(app.focus, FOCUS_LIST);
	app_mouse(&app, MOUSE_CLICK, 3, pane);
	cr_assert_eq(app.focus, FOCUS_PAGER, "a click in the pane focuses it");
	app_mouse(&app, MOUSE_WHEEL_UP, 0, 1); /* the sidebar: up a notch */
	cr_assert_eq(app.sel, 0);
}
