/*
 * Unit tests of opening a long article: laid out and matched as far as
 * the screen needs, the rest in background slices (app_open.c), with
 * nothing the reader sees or keeps depending on how far that got.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "app_int.h"
#include "corpus.h"
#include "doc.h"
#include "layout.h"
#include "match.h"
#include "render.h"
#include "state.h"
#include "support.h"
#include "util.h"

static struct corpus corpus;
static struct app app;
static char dir[] = "/tmp/lectern-open-XXXXXX";
static char path[64];

/* Paragraphs to about 3 MB: one in seven holds "gamma", one in eleven
 * "alpha", so hits are all through it. */
#define NPARAS 20000
static void
write_article(void)
{
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/long.md", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fprintf(f, "# A long article\n\n");
	for (int i = 0; i < NPARAS; i++) {
		fprintf(f,
		        "Paragraph %d says%s%s what the words before it "
		        "said, and wraps over two lines of the pane at "
		        "eighty columns or so, give or take.\n\n",
		        i + 1, i % 7 == 0 ? " gamma" : "",
		        i % 11 == 0 ? " alpha" : "");
		if (i % 500 == 0)
			fprintf(f, "## Part %d\n\n", i / 500 + 1);
	}
	fprintf(f, "The very last line.\n");
	cr_assert_eq(fclose(f), 0);
}

static void
set_groups(void)
{
	static char ga[] = "gamma", al[] = "alpha", n0[] = "g", n1[] = "a";
	static char *w0[] = {ga}, *w1[] = {al};
	struct hl_group g[2] = {{.name = n0, .words = w0, .nwords = 1},
	                        {.name = n1, .words = w1, .nwords = 1}};
	support_set_groups(&app, g, 2);
}

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	write_article();
	struct diag_list dl;
	diag_list_init(&dl);
	corpus_init(&corpus);
	cr_assert_eq(corpus_add_path(&corpus, dir, &dl), 1);
	diag_list_fini(&dl);
	app_init(&app, &corpus, 24, 80, NULL);
	set_groups();
}

static void
teardown(void)
{
	app_fini(&app);
	corpus_fini(&corpus);
	unlink(path);
	rmdir(dir);
}

TestSuite(open, .init = setup, .fini = teardown, .timeout = 60);

static char *
screen(void)
{
	return support_screen(&app);
}

static void
finish(void)
{
	while (app_background_pending(&app))
		app_background_step(&app);
}

/* The status line: the screen's last row. */
static char *
status_line(void)
{
	char *s = screen();
	char *last = strrchr(s, '\n');
	while (last > s && last[-1] != '\n')
		last--;
	char *line = xstrdup(last);
	free(s);
	return line;
}

Test(open, a_long_article_opens_with_only_its_start_laid_out)
{
	const struct article *art = &corpus.v[0];
	cr_assert_gt(art->body_len, 2000000);
	cr_assert(!app.layout.done);
	cr_assert_lt(layout_frontier(&app.layout), art->body_len / 4);
	cr_assert(app_background_pending(&app));
	cr_assert_null(app.hashes[0], "hashed in the background");
	/* The first screen is all there. */
	char *s = screen();
	cr_assert(strstr(s, "Paragraph 1 says gamma alpha"), "%s", s);
	free(s);
	/* The number of lines is not known: "?", and the share in bytes. */
	char *st = status_line();
	cr_assert(strstr(st, "line 1/? "), "%s", st);
	cr_assert(strstr(st, "  0%"), "%s", st);
	free(st);
}

Test(open, a_long_article_is_split_into_blocks_only_as_far_as_shown)
{
	const struct article *art = &corpus.v[0];
	cr_assert(!app.doc.done);
	cr_assert_lt(app.doc.pos, art->body_len / 4);
	finish();
	cr_assert(app.doc.done);
	struct doc whole;
	doc_init(&whole);
	doc_parse(&whole, art->body, art->body_len);
	cr_assert_eq(app.doc.n, whole.n);
	for (size_t i = 0; i < whole.n; i++)
		cr_assert(app.doc.v[i].kind == whole.v[i].kind &&
		                  app.doc.v[i].start == whole.v[i].start &&
		                  app.doc.v[i].len == whole.v[i].len,
		          "block %zu", i);
	doc_fini(&whole);
}

Test(open, the_background_ends_with_what_opening_it_whole_gives)
{
	finish();
	const struct article *art = &corpus.v[0];
	cr_assert(app.layout.done);
	/* The same lines as a layout made at once. */
	struct layout whole;
	layout_init(&whole);
	layout_build(&whole, art->title, app.meta, art->body, &app.doc,
	             app.layout.width);
	cr_assert_eq(app.layout.n, whole.n);
	for (size_t i = 0; i < whole.n; i += 97) {
		struct line x = layout_line(&app.layout, i),
		            y = layout_line(&whole, i);
		cr_assert(x.kind == y.kind && x.start == y.start &&
		                  x.end == y.end,
		          "line %zu", i);
	}
	/* The same hits, each on its line, and the same counts. */
	struct match_spans all;
	match_spans_init(&all);
	for (size_t b = 0; b < app.doc.n; b++) /* block by block */
		matcher_find(app.matcher, art->body + app.doc.v[b].start,
		             app.doc.v[b].len, app.doc.v[b].start, NULL, &all);
	cr_assert_eq(app.hits.n, all.n);
	cr_assert_eq(app.group_counts[0], (NPARAS + 6) / 7);
	cr_assert_eq(app.group_counts[1], (NPARAS + 10) / 11);
	for (size_t i = 0; i < all.n; i += 13) {
		cr_assert_eq(app.hits.v[i].start, all.v[i].start);
		cr_assert_eq(app.hit_lines[i],
		             layout_find_anchor(&whole, all.v[i].start + 1));
	}
	match_spans_fini(&all);
	layout_fini(&whole);
	/* The hash the reading state keys it by, made a piece at a time. */
	char *h = state_hash(art->body, art->body_len);
	cr_assert_str_eq(app.hashes[0], h);
	free(h);
	char *st = status_line();
	char want[32];
	snprintf(want, sizeof want, "line 1/%zu ", app.layout.n);
	cr_assert(strstr(st, want), "%s", st);
	free(st);
}

Test(open, without_a_reading_state_it_is_not_hashed)
{
	/* As session_apply leaves it with --no-state: no hash is kept, so
	 * the background ends when it is laid out and matched. */
	app.hash_bodies = false;
	finish();
	cr_assert(app.layout.done);
	cr_assert(app_hits_done(&app));
	cr_assert_null(app.hashes[0]);
	cr_assert_lt(app.hash_pos, corpus.v[0].body_len,
	             "hashed no further than the slice made on opening");
}

Test(open, G_goes_to_the_real_end_at_once)
{
	support_keys(&app, "Tab G");
	cr_assert(app.layout.done, "G lays out the rest");
	cr_assert_eq(app.top, app_max_top(&app));
	char *s = screen();
	cr_assert(strstr(s, "The very last line."), "%s", s);
	free(s);
	cr_assert(app.read[0], "the end was seen");
}

Test(open, moving_past_what_is_laid_out_lays_out_as_far_as_needed)
{
	size_t known = app.layout.n;
	support_keys(&app, "Tab 3 0 0 0 0 j");
	cr_assert_eq(app.top, 30000, "a count of lines past the known ones");
	cr_assert_gt(app.layout.n, known);
	cr_assert(!app.layout.done, "but not to the end");
	char *s = screen();
	struct line ln = layout_line(&app.layout, app.top);
	char first[24];
	snprintf(first, sizeof first, "%.20s", corpus.v[0].body + ln.start);
	cr_assert(strstr(s, first), "'%s' in\n%s", first, s);
	free(s);
	/* Hits are known (and highlighted) as far as it is laid out. */
	cr_assert_gt(app.hits.n, 0);
	cr_assert_geq(app.hits_block, app.layout.next.block);
}

Test(open, no_reading_state_is_made_up_while_the_end_is_unknown)
{
	support_keys(&app, "Tab Space Space Space");
	cr_assert(!app.layout.done);
	cr_assert(!app.read[0]);
	/* Progress in bytes: a few pages of 3 MB is under 1%. */
	cr_assert_lt(app.progress[0], 2);
	/* Even with the last line made so far in view: it is not the end. */
	app.top = app.layout.n - (size_t)app.geo.body_rows;
	app_track_reading(&app);
	cr_assert(!app.layout.done);
	cr_assert(!app.read[0], "the end of what is known is not the end");
	cr_assert_lt(app.progress[0], 50);
	finish();
	cr_assert(!app.read[0]);
}

Test(open, the_hit_map_is_drawn_by_bytes_until_the_lines_are_known)
{
	render_app(&app);
	int x = app.cols - 1, rows = app.geo.body_rows;
	/* Known hits are at the start only: the first row has a mark (and
	 * the thumb), the last has none yet. */
	cr_assert_geq(frame_at(&app.frame, 0, x)->role, ROLE_COUNT);
	cr_assert_lt(frame_at(&app.frame, rows - 1, x)->role, ROLE_COUNT);
	finish();
	render_app(&app);
	cr_assert_geq(frame_at(&app.frame, rows - 1, x)->role, ROLE_COUNT,
	              "hits all through it");
}

Test(open, a_resize_keeps_the_paragraph_and_starts_again_lazily)
{
	support_keys(&app, "Tab 3 0 0 0 j");
	size_t off = layout_line(&app.layout, app.top).start;
	app_resize(&app, 30, 120);
	cr_assert(!app.layout.done);
	struct line ln = layout_line(&app.layout, app.top);
	cr_assert_leq(ln.start, off);
	cr_assert_geq(ln.end, off > 200 ? off - 200 : 0, "the same place");
	finish();
	cr_assert(app.layout.done);
}

Test(open, the_hit_before_the_first_is_the_last_of_all)
{
	support_keys(&app, "Tab [ 1");
	char want[64];
	snprintf(want, sizeof want, "hit %d/%d (g), wrapped to the bottom",
	         (NPARAS + 6) / 7, (NPARAS + 6) / 7);
	char *s = screen();
	cr_assert(strstr(s, want), "%s in\n%s", want, s);
	cr_assert(strstr(s, "Paragraph 20000 says gamma"), "%s", s);
	free(s);
}

static int
put_sb_test(void *ctx, const char *text, size_t len)
{
	sb_add(ctx, text, len);
	return 0;
}

Test(open, saving_or_piping_it_at_once_gives_all_of_it)
{
	cr_assert(!app.layout.done);
	struct strbuf out;
	sb_init(&out);
	cr_assert_eq(app_export(&app, app.geo.text_w, put_sb_test, &out), 0);
	cr_assert(strstr(out.buf, "The very last line."), "%zu bytes", out.len);
	sb_fini(&out);
	sb_init(&out);
	app_export_shown(&app, &out);
	cr_assert(strstr(out.buf, "The very last line."), "%zu bytes", out.len);
	sb_fini(&out);
}

Test(open, its_progress_is_drawn_a_few_times_a_second_and_at_the_end)
{
	app_meta_finish(&app); /* the words: drawn when they come */
	render_app(&app);
	cr_assert(!app.dirty);
	/* Just drawn (the open did): the next slices are not drawn. */
	app.open_drawn_at = app_clock_ms();
	app_background_step(&app);
	cr_assert(!app.layout.done);
	cr_assert(!app.dirty, "a slice redrew the screen");
	/* A while later, its progress is. */
	app.open_drawn_at -= 1000;
	app_background_step(&app);
	cr_assert(app.dirty);
	render_app(&app);
	/* The end is drawn at once: the status line's count of lines. */
	app.open_drawn_at = app_clock_ms() + 1000000;
	while (!(app.layout.done && app_hits_done(&app)))
		app_background_step(&app);
	cr_assert(app.dirty);
	char *st = status_line();
	cr_assert_null(strstr(st, "/?"), "%s", st);
	free(st);
}

/* Types text at the search prompt, one key per character. */
static void
type(const char *text)
{
	for (const char *p = text; *p; p++)
		app_key(&app, (unsigned char)*p);
}

Test(open, a_screen_drawn_for_a_key_shows_the_progress_too)
{
	app_meta_finish(&app);
	render_app(&app);
	/* Its progress last drawn long ago, then a key redraws the
	 * screen: the slices after it draw nothing more for a while. */
	app.open_drawn_at -= 1000;
	support_keys(&app, "Tab j");
	render_app(&app);
	app_background_step(&app);
	cr_assert(!app.layout.done);
	cr_assert(!app.dirty, "a slice redrew what the key's screen showed");
}

Test(open, a_letter_typed_at_the_search_prompt_is_drawn_once)
{
	finish();
	support_keys(&app, "/");
	type("a|e");
	render_app(&app); /* the letter's screen, the count so far on it */
	cr_assert(app_search_pending(&app));
	app_background_step(&app);
	cr_assert(app_search_pending(&app), "counted to the end at once");
	cr_assert(!app.dirty, "a slice redrew what the letter's screen showed");
}

Test(open, a_typed_search_looks_only_as_far_as_its_first_match)
{
	support_keys(&app, "Tab /");
	type("paragraph 123");
	/* Found near the top; the rest of 3 MB is left for later. */
	cr_assert(!search_done(&app.search));
	cr_assert_lt(app.search.next, 64 * 1024 + SEARCH_SCREEN_BYTES);
	char *s = screen();
	cr_assert(strstr(s, "Paragraph 123 says"), "%s", s);
	free(s);
	char *st = status_line();
	cr_assert(strstr(st, "so far"), "%s", st);
	free(st);
	/* Enter finds the rest of a text this size: 123, 1230-1239,
	 * 12300-12399. */
	support_keys(&app, "Enter");
	st = status_line();
	cr_assert(strstr(st, "match 1/111"), "%s", st);
	free(st);
	support_keys(&app, "n");
	s = screen();
	cr_assert(strstr(s, "Paragraph 1230 says"), "%s", s);
	free(s);
}

Test(open, the_count_of_a_long_search_comes_when_it_ends)
{
	support_keys(&app, "Tab /");
	/* Literal words: found by a kwset, which has no time budget to run
	 * out of on a loaded machine (as PCRE2 would on "a"). */
	type("a|e");
	cr_assert_not_null(app.search.kw);
	support_keys(&app, "Enter");
	/* Hundreds of thousands of matches: more than Enter waits for. */
	char *st = status_line();
	cr_assert(strstr(st, "so far, still searching"), "%s", st);
	free(st);
	cr_assert(!search_done(&app.search));
	cr_assert(app_background_pending(&app));
	finish();
	struct search whole;
	search_init(&whole);
	search_set(&whole, "a|e", false);
	search_run(&whole, corpus.v[0].body, corpus.v[0].body_len);
	cr_assert(!whole.limited);
	cr_assert_gt(whole.spans.n, 100000);
	char want[64];
	snprintf(want, sizeof want, "match 1/%zu", whole.spans.n);
	st = status_line();
	cr_assert(strstr(st, want), "%s in %s", want, st);
	free(st);
	cr_assert_eq(app.search.spans.n, whole.spans.n);
	search_fini(&whole);
}

Test(open, opening_it_with_a_search_looks_only_around_the_view)
{
	app_set_search(&app, "paragraph 1999");
	cr_assert_eq(app.search.spans.n, 11, "1999, 19990-19999");
	app.open = SIZE_MAX; /* as if another article had been open */
	app_select(&app, 0);
	cr_assert(!search_done(&app.search), "not searched whole at once");
	cr_assert_eq(app.search.spans.n, 1, "a slice from the view: 1999");
	cr_assert_eq(app.search.cur, SIZE_MAX, "no match made current");
	finish();
	cr_assert_eq(app.search.spans.n, 11);
}

Test(open, the_words_of_a_long_body_are_counted_after_the_first_screen)
{
	const struct article *art = &corpus.v[0];
	char *s = screen();
	cr_assert(!strstr(s, "min read"), "counted before it is shown:\n%s", s);
	free(s);
	cr_assert(app.meta_wordless);
	cr_assert(!art->words_known);
	support_keys(&app, "Tab 1 0 j");
	struct line at = layout_line(&app.layout, app.top);
	cr_assert_eq(at.kind, LINE_TEXT);
	/* Counted between keys, a slice at a time; the line then made
	 * again, the reader's line kept, nothing read made up. */
	while (app.meta_wordless)
		app_background_step(&app);
	cr_assert_eq(art->words, doc_word_count(art->body, art->body_len));
	struct line now = layout_line(&app.layout, app.top);
	cr_assert(now.kind == at.kind && now.start == at.start,
	          "the same line at the top");
	cr_assert(!app.read[0]);
	char want[64];
	snprintf(want, sizeof want, "%zu words \xc2\xb7 %zu min read",
	         art->words, (art->words + 229) / 230);
	support_keys(&app, "g");
	s = screen();
	cr_assert(strstr(s, want), "%s in\n%s", want, s);
	free(s);
}
