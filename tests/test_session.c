/*
 * Unit tests of keeping a session: the app's reading state to the state
 * file and back, as two runs of lectern would do it.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "corpus.h"
#include "keys.h"
#include "session.h"
#include "support.h"

static char home[] = "/tmp/lectern-session-XXXXXX";
static char root[600];

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	cr_assert_not_null(mkdtemp(home));
	char cmd[2048];
	snprintf(root, sizeof root, "%s/corpus", home);
	snprintf(cmd, sizeof cmd, "cp -r '%s/app' '%s'", TEST_DATADIR, root);
	cr_assert_eq(system(cmd), 0);
	char state[700];
	snprintf(state, sizeof state, "%s/state", home);
	setenv("XDG_STATE_HOME", state, 1);
}

static void
teardown(void)
{
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", home);
}

TestSuite(session, .init = setup, .fini = teardown);

/* One run of lectern: corpus, app, session. */
struct run {
	struct corpus c;
	struct app a;
	struct session s;
	struct diag_list dl;
};

static void run_begin(struct run *r, int cols, bool keep_state);

static void
run_start(struct run *r)
{
	run_begin(r, 80, true);
}

static void
run_start_at(struct run *r, int cols)
{
	run_begin(r, cols, true);
}

/* A run with --no-state. */
static void
run_start_stateless(struct run *r)
{
	run_begin(r, 80, false);
}

static void
run_begin(struct run *r, int cols, bool keep_state)
{
	diag_list_init(&r->dl);
	corpus_init(&r->c);
	cr_assert_geq(corpus_add_path(&r->c, root, &r->dl), 3);
	app_init(&r->a, &r->c, 24, cols, NULL);
	session_open(&r->s, root, keep_state, &r->c, &r->dl);
	session_apply(&r->s, &r->a);
}

static void
run_stop(struct run *r, int64_t now)
{
	cr_assert_eq(session_save(&r->s, &r->a, now, &r->dl), 0);
	session_close(&r->s);
	app_fini(&r->a);
	corpus_fini(&r->c);
	diag_list_fini(&r->dl);
}

Test(session, read_marks_places_bookmarks_and_selection_come_back)
{
	struct run r;
	run_start(&r);
	support_keys(&r.a, "G Enter Space Space");
	size_t top = r.a.top;
	cr_assert_gt(top, 0);
	/* The place is the first text line in view (a blank line at the
	 * top is not a place of its own). */
	size_t place = layout_anchor(&r.a.layout, top);
	app_add_mark(&r.a, 2, layout_line(&r.a.layout, top).start, "note one",
	             100);
	support_keys(&r.a, "q g Tab"); /* alpha, which fits: read in the pane */
	cr_assert(r.a.read[0]);
	run_stop(&r, 1000);

	run_start(&r);
	cr_assert(r.a.read[0]);
	cr_assert(!r.a.read[2]);
	cr_assert_gt(r.a.progress[2], 0);
	cr_assert_eq(r.a.sel, 0, "the last selected article");
	cr_assert_eq(r.a.nmarks, 1);
	cr_assert_str_eq(r.a.marks[0].note, "note one");
	cr_assert_not_null(r.a.marks[0].id);
	support_keys(&r.a, "G");
	cr_assert_eq(r.a.sel, 2);
	cr_assert_eq(layout_anchor(&r.a.layout, r.a.top), place,
	             "same place in gamma");
	cr_assert_leq(r.a.top - top, 1);
	run_stop(&r, 2000);
}

Test(session, places_survive_a_different_width)
{
	struct run r;
	run_start(&r);
	support_keys(&r.a, "G Enter Space");
	size_t off = layout_line(&r.a.layout, r.a.top).start;
	run_stop(&r, 1000);

	diag_list_init(&r.dl);
	corpus_init(&r.c);
	corpus_add_path(&r.c, root, &r.dl);
	app_init(&r.a, &r.c, 30, 120, NULL); /* a wider terminal */
	session_open(&r.s, root, true, &r.c, &r.dl);
	session_apply(&r.s, &r.a);
	cr_assert_eq(r.a.sel, 2);
	struct line lv = layout_line(&r.a.layout, r.a.top);
	const struct line *ln = &lv;
	cr_assert_leq(ln->start, off);
	cr_assert_geq(ln->end, off, "the same paragraph line in view");
	run_stop(&r, 2000);
}

Test(session, sort_filter_search_and_groups_come_back)
{
	struct run r;
	run_start(&r);
	support_keys(&r.a, "s");
	cr_assert_eq(r.a.sort, SORT_TITLE);
	app_filter(&r.a, "paragraph");
	app_set_search(&r.a, "alpha");
	run_stop(&r, 1000);

	run_start(&r);
	cr_assert_eq(r.a.sort, SORT_TITLE);
	cr_assert_str_eq(r.a.filter, "paragraph");
	cr_assert_str_eq(r.a.search.query, "alpha");
	/* A sidebar narrowed at start-up says so, and how to widen it. */
	cr_assert_not_null(r.a.message);
	cr_assert_str_eq(r.a.message, "filter 'paragraph' kept from the last "
	                              "run (Esc shows all)");
	run_stop(&r, 2000);
}

/* Renames a file of the corpus, as a reader would between two runs. */
static void
rename_in_root(const char *from, const char *to)
{
	char a[700], b[700];
	snprintf(a, sizeof a, "%s/%s", root, from);
	snprintf(b, sizeof b, "%s/%s", root, to);
	cr_assert_eq(rename(a, b), 0);
}

Test(session, an_article_renamed_keeps_its_state)
{
	struct run r;
	run_start(&r);
	support_keys(&r.a, "j Tab"); /* beta: fits, read in the pane */
	cr_assert(r.a.read[1]);
	support_keys(&r.a,
	             "Tab g"); /* beta must not be the open article at save */
	run_stop(&r, 1000);

	rename_in_root("2-beta.txt", "2b-beta-renamed.txt");

	run_start(&r);
	cr_assert(r.a.read[1], "found by its content under the new name");
	run_stop(&r, 2000);
}

/* Counts the keyword hits of every article, as the UI does between keys. */
static void
count_all(struct app *a)
{
	static char name[] = "g", word[] = "alpha";
	static char *words[] = {word};
	struct hl_group g = {.name = name,
	                     .words = words,
	                     .nwords = 1,
	                     .ignore_case = true,
	                     .whole_word = true};
	app_set_groups(a, &g, 1, NULL);
	while (app_background_pending(a))
		app_background_step(a);
}

/* An article marked read without being opened, then renamed: counting
 * hashed its body, so the state finds it by its content. */
Test(session, an_article_marked_unopened_and_renamed_keeps_its_state)
{
	struct run r;
	run_start(&r);
	count_all(&r.a);
	support_keys(&r.a, "M"); /* every article, gamma never opened */
	cr_assert(r.a.read[2]);
	cr_assert_neq(r.a.open, 2);
	run_stop(&r, 1000);

	rename_in_root("3-gamma.txt", "3b-gamma-renamed.txt");

	run_start(&r);
	cr_assert(r.a.read[2], "found by its content under the new name");
	run_stop(&r, 2000);
}

/* Without a state, counting hashes nothing: no one would keep it. */
Test(session, counting_without_a_state_hashes_nothing)
{
	struct run r;
	run_start_stateless(&r);
	count_all(&r.a);
	for (size_t i = 0; i < r.c.n; i++)
		if (i != r.a.open)
			cr_assert_null(r.a.hashes[i], "article %zu hashed", i);
	run_stop(&r, 10);
}

Test(session, an_article_edited_in_place_keeps_its_state)
{
	struct run r;
	run_start(&r);
	support_keys(&r.a, "j Tab Tab g"); /* beta: fits, read in the pane */
	run_stop(&r, 1000);
	char p[700];
	snprintf(p, sizeof p, "%s/2-beta.txt", root);
	FILE *f = fopen(p, "a");
	cr_assert_not_null(f);
	fputs("\nAn added paragraph.\n", f);
	fclose(f);
	run_start(&r);
	cr_assert(r.a.read[1], "same path, new content: still the article");
	run_stop(&r, 2000);
}

Test(session, two_instances_keep_each_others_bookmarks)
{
	struct run x, y;
	run_start(&x);
	run_start(&y);
	app_add_mark(&x.a, 0, 10, "from x", 100);
	app_add_mark(&y.a, 2, 20, "from y", 100);
	run_stop(&x, 1000);
	run_stop(&y, 1001);
	struct run z;
	run_start(&z);
	cr_assert_eq(z.a.nmarks, 2);
	int seen = 0;
	for (size_t k = 0; k < z.a.nmarks; k++)
		seen |= !strcmp(z.a.marks[k].note, "from x")   ? 1
		        : !strcmp(z.a.marks[k].note, "from y") ? 2
		                                               : 0;
	cr_assert_eq(seen, 3);
	run_stop(&z, 1002);
}

Test(session, a_corrupt_state_file_is_moved_aside_and_reading_goes_on)
{
	struct run r;
	run_start(&r);
	support_keys(&r.a, "j");
	run_stop(&r, 1000);
	/* Garble the file. */
	struct session s;
	struct diag_list dl;
	diag_list_init(&dl);
	struct corpus c;
	corpus_init(&c);
	corpus_add_path(&c, root, &dl);
	session_open(&s, root, true, &c, &dl);
	char *path = xstrdup(s.path);
	session_close(&s);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("version: 1\narticles: [{path: \"a\", read: maybe\n", f);
	fclose(f);
	diag_list_fini(&dl);
	corpus_fini(&c);

	run_start(&r);
	cr_assert_eq(r.dl.n, 1, "one warning");
	cr_assert_eq(r.dl.v[0].level, DIAG_WARNING);
	cr_assert(strstr(r.dl.v[0].msg, "corrupt"), "%s", r.dl.v[0].msg);
	cr_assert(!r.a.read[1], "fresh state");
	run_stop(&r, 2000);
	free(path);
}

Test(session, disabled_keeps_nothing)
{
	struct run r;
	run_start_stateless(&r);
	support_keys(&r.a, "j");
	cr_assert_eq(session_save(&r.s, &r.a, 10, &r.dl), 0);
	char state[800];
	snprintf(state, sizeof state, "%s/state/lectern", home);
	cr_assert_neq(access(state, F_OK), 0, "no state folder made");
	session_close(&r.s);
	app_fini(&r.a);
	corpus_fini(&r.c);
	diag_list_fini(&r.dl);
}

/* A long-running instance must not undo, on its later saves, the marks
 * another instance made meanwhile. */
Test(session, a_later_save_does_not_undo_another_instances_marks)
{
	struct run a, b;
	run_start(&a);
	run_start(&b);
	b.a.read[1] = true;
	b.a.state_dirty = true;
	run_stop(&b, 1000);
	/* a saves twice, never having touched beta. */
	cr_assert_eq(session_save(&a.s, &a.a, 1001, &a.dl), 0);
	support_keys(&a.a, "G");
	cr_assert_eq(session_save(&a.s, &a.a, 1002, &a.dl), 0);
	run_stop(&a, 1003);
	struct run c;
	run_start(&c);
	cr_assert(c.a.read[1], "b's read mark survived a's saves");
	run_stop(&c, 1004);
}

/* ------------------------------------------ only reading is reading */

Test(session, passing_over_articles_changes_nothing)
{
	struct run r;
	run_start(&r);
	support_keys(&r.a, "j j j k k k j j G g");
	for (size_t i = 0; i < r.c.n; i++) {
		cr_assert(!r.a.read[i], "article %zu read by passing", i);
		cr_assert_eq(r.a.progress[i], 0, "article %zu", i);
	}
	run_stop(&r, 1000);
	run_start(&r);
	for (size_t i = 0; i < r.c.n; i++) {
		cr_assert(!r.a.read[i], "article %zu read after a restart", i);
		cr_assert_eq(r.a.progress[i], 0, "article %zu", i);
		cr_assert(!r.a.places[i].anchor, "article %zu has a place", i);
	}
	run_stop(&r, 2000);
}

Test(session, the_first_article_keeps_its_place_when_another_is_selected)
{
	/* gamma, long, first in the corpus: read into it, then select
	 * another article, and quit there. */
	char from[700], to[700];
	snprintf(from, sizeof from, "%s/3-gamma.txt", root);
	snprintf(to, sizeof to, "%s/0-gamma.txt", root);
	cr_assert_eq(rename(from, to), 0);
	struct run r;
	run_start(&r);
	support_keys(&r.a, "Tab Space Space");
	size_t place = layout_anchor(&r.a.layout, r.a.top);
	cr_assert_gt(place, 0);
	support_keys(&r.a, "Tab j");
	run_stop(&r, 1000);
	/* Twice: the run that starts on gamma and goes to the selected
	 * article must not write gamma's top as its place. */
	for (int run = 0; run < 2; run++) {
		run_start(&r);
		cr_assert_eq(r.a.sel, 1, "the selection comes back");
		cr_assert_eq(r.a.places[0].anchor, place, "run %d", run);
		run_stop(&r, 2000 + run);
	}
	run_start(&r);
	support_keys(&r.a, "g Tab");
	cr_assert_eq(layout_anchor(&r.a.layout, r.a.top), place);
	run_stop(&r, 3000);
}

Test(session, the_first_m_after_a_restart_marks_unread)
{
	struct run r;
	run_start(&r);
	support_keys(&r.a, "Tab"); /* alpha fits: read */
	cr_assert(r.a.read[0]);
	run_stop(&r, 1000);
	run_start(&r);
	cr_assert(r.a.read[0]);
	support_keys(&r.a, "m");
	cr_assert(!r.a.read[0], "m marks it unread");
	support_keys(&r.a, "j k");
	cr_assert(!r.a.read[0], "and it stays unread");
	run_stop(&r, 2000);
	run_start(&r);
	cr_assert(!r.a.read[0], "unread after a restart");
	run_stop(&r, 3000);
}

Test(session, a_place_does_not_drift_at_another_width)
{
	struct run r;
	run_start_at(&r, 80);
	support_keys(&r.a, "G Tab Space Space j");
	size_t place = layout_anchor(&r.a.layout, r.a.top);
	run_stop(&r, 1000);
	/* Shown at other widths, not moved: the place stays. */
	int widths[] = {61, 100, 73};
	for (size_t w = 0; w < 3; w++) {
		run_start_at(&r, widths[w]);
		run_stop(&r, 2000 + (int64_t)w);
	}
	run_start_at(&r, 80);
	cr_assert_eq(r.a.places[2].anchor, place);
	cr_assert_eq(layout_anchor(&r.a.layout, r.a.top), place);
	run_stop(&r, 3000);
}

/* ----------------------------------------------- two lecterns at once */

/* A and B on the same corpus and state: A reads gamma to its end, B
 * marks beta read; whichever saves (and quits) first, both marks and
 * places survive, and alpha, which each showed at start-up, is left as
 * it was. */
static void
two_readers(bool a_first)
{
	struct run a, b;
	run_start(&a);
	run_start(&b);
	support_keys(&a.a, "G Tab G k k");
	size_t place = layout_anchor(&a.a.layout, a.a.top);
	support_keys(&a.a, "G");
	cr_assert(a.a.read[2]);
	support_keys(&b.a, "j Tab"); /* beta fits: read */
	cr_assert(b.a.read[1]);
	if (a_first) {
		run_stop(&a, 5000);
		run_stop(&b, 5000); /* the same millisecond */
	} else {
		run_stop(&b, 5000);
		run_stop(&a, 5000);
	}
	struct run r;
	run_start(&r);
	cr_assert(r.a.read[2], "A's read mark");
	cr_assert(r.a.read[1], "B's read mark");
	cr_assert(!r.a.read[0], "shown at start-up, not read");
	cr_assert_eq(r.a.progress[0], 0);
	cr_assert_eq(r.a.progress[2], 100);
	cr_assert_gt(place, 0);
	cr_assert_neq(r.a.places[2].anchor, 0, "A's place in gamma");
	run_stop(&r, 6000);
}

Test(session, two_readers_keep_each_others_marks_a_first)
{
	two_readers(true);
}

Test(session, two_readers_keep_each_others_marks_b_first)
{
	two_readers(false);
}

Test(session, an_unmark_in_one_reader_beats_an_older_mark_in_another)
{
	struct run a;
	run_start(&a);
	support_keys(&a.a, "Tab"); /* alpha read */
	run_stop(&a, 1000);
	struct run b, c;
	run_start(&b);
	run_start(&c);
	support_keys(&b.a, "m"); /* b: unread */
	support_keys(&c.a, "j"); /* c: only moves the cursor */
	run_stop(&b, 2000);
	run_stop(&c, 3000);
	run_start(&a);
	cr_assert(!a.a.read[0], "c, which saved last, touched nothing");
	run_stop(&a, 4000);
}

/* ----------------------------------------------------------- identity */

Test(session, a_new_file_where_a_moved_one_was_starts_fresh)
{
	struct run r;
	run_start(&r);
	support_keys(&r.a, "G Tab G"); /* gamma read */
	cr_assert(r.a.read[2]);
	run_stop(&r, 1000);
	/* gamma moves away; a different file takes its name. */
	char from[700], to[700];
	snprintf(from, sizeof from, "%s/3-gamma.txt", root);
	snprintf(to, sizeof to, "%s/4-gamma-moved.txt", root);
	cr_assert_eq(rename(from, to), 0);
	FILE *f = fopen(from, "w");
	cr_assert_not_null(f);
	fputs("Another article\n\nWith other words in it.\n", f);
	fclose(f);
	run_start(&r);
	cr_assert_eq(r.c.n, 4);
	cr_assert(!r.a.read[2], "the new file at the old name: fresh");
	cr_assert(r.a.read[3], "the moved file keeps its state");
	/* Something to keep about the new file: its own entry. */
	app_add_mark(&r.a, 2, 0, "new", 1);
	run_stop(&r, 2000);
	run_start(&r);
	cr_assert(!r.a.read[2], "still fresh after a save");
	cr_assert(r.a.read[3], "still kept after a save");
	run_stop(&r, 3000);
}
