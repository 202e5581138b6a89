/* Unit tests of the reading state's article identity (moves, copies,
 * edits) and of the merge of two writers' states. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"
#include "state_int.h"
#include "state_support.h"
#include "util.h"

TestSuite(state, .fini = state_test_rmdir);

static bool
has_note(const struct article_state *a, const char *note)
{
	for (size_t i = 0; i < a->nmarks; i++)
		if (a->marks[i].note && !strcmp(a->marks[i].note, note))
			return true;
	return false;
}

/* ----------------------------------------------------------- identity */

Test(state, identity_survives_a_move_with_the_same_content)
{
	char *dir = state_test_mkdir(), *sub = xasprintf("%s/new", dir);
	char *moved = xasprintf("%s/new/b.md", dir);
	struct state s;
	struct article_state *a;

	cr_assert_eq(mkdir(sub, 0700), 0);
	state_test_write(moved, "text", 4);
	state_init(&s);
	s.root = xstrdup(dir);
	a = state_get(&s, "old/a.md", "1111");
	state_bookmark_add(a, 3, "here", 10);
	state_set_read(a, true, 10);
	state_set_string(&s.selected, "old/a.md");
	a->claimed = false; /* as after a load */

	a = state_find(&s, "new/b.md", "1111");
	cr_assert_not_null(a);
	cr_assert_str_eq(a->path, "new/b.md");
	cr_assert(a->read);
	cr_assert_eq(a->nmarks, 1);
	cr_assert_str_eq(s.selected, "new/b.md");
	cr_assert_eq(s.n, 1);
	state_fini(&s);
	free(moved);
	free(sub);
	free(dir); /* the fini removes the folder */
}

Test(state, a_copy_does_not_take_the_original_state)
{
	char *dir = state_test_mkdir(), *orig = xasprintf("%s/a.md", dir);
	struct state s;
	struct article_state *a;

	state_test_write(orig, "text", 4);
	state_init(&s);
	s.root = xstrdup(dir);
	a = state_get(&s, "a.md", "1111");
	state_set_read(a, true, 10);
	a->claimed = false;
	/* a.md still exists: b.md is a copy, not a move */
	cr_assert_null(state_find(&s, "b.md", "1111"));
	cr_assert_not_null(state_find(&s, "a.md", "1111"));
	state_fini(&s);
	free(orig);
	free(dir); /* the fini removes the folder */
}

Test(state, a_claimed_entry_is_not_taken_by_its_hash)
{
	struct state s;
	state_init(&s); /* no root: every old path counts as gone */
	state_get(&s, "a.md", "1111");
	cr_assert_null(state_find(&s, "b.md", "1111"));
	state_fini(&s);
}

Test(state, identity_survives_an_edit_in_place)
{
	struct state s;
	struct article_state *a;

	state_init(&s);
	a = state_get(&s, "a.md", "1111");
	state_set_anchor(a, 77, 10);
	a->claimed = false;
	state_get(&s, "other.md", "3333")->claimed = false;
	a = state_find(&s, "a.md", "2222");
	cr_assert_not_null(a);
	cr_assert_str_eq(a->hash, "2222");
	cr_assert_eq(a->anchor, 77);
	cr_assert_eq(s.n, 2);
	state_fini(&s);
}

Test(state, lookup_without_a_hash_goes_by_path)
{
	struct state s;
	struct article_state *a;

	state_init(&s);
	state_get(&s, "a.md", "1111");
	cr_assert_not_null(state_find(&s, "a.md", NULL));
	cr_assert_null(state_find(&s, "b.md", NULL));
	a = state_get(&s, "c.md", NULL);
	cr_assert_null(a->hash);
	a = state_find(&s, "c.md", "4444"); /* the body is read now */
	cr_assert_str_eq(a->hash, "4444");
	state_fini(&s);
}

Test(state, a_move_replaces_a_stale_entry_at_the_new_path)
{
	struct state s;
	struct article_state *a;

	state_init(&s);
	state_get(&s, "b.md", "old-content")->claimed = false;
	a = state_get(&s, "a.md", "1111");
	state_bookmark_add(a, 5, NULL, 1);
	a->claimed = false;
	a = state_find(&s, "b.md", "1111");
	cr_assert_str_eq(a->path, "b.md");
	cr_assert_eq(a->nmarks, 1);
	cr_assert_eq(s.n, 1);
	state_fini(&s);
}

/* ------------------------------------------------------------- merging */

Test(state, merge_newer_entry_wins_and_tie_goes_to_the_writer)
{
	struct state disk, mine;
	state_init(&disk);
	state_init(&mine);
	state_set_anchor(state_get(&disk, "new.md", "1"), 50, 20);
	state_set_anchor(state_get(&mine, "new.md", "1"), 10, 10);
	state_set_anchor(state_get(&disk, "old.md", "2"), 50, 10);
	state_set_anchor(state_get(&mine, "old.md", "2"), 60, 20);
	state_set_anchor(state_get(&disk, "tie.md", "3"), 50, 30);
	state_set_anchor(state_get(&mine, "tie.md", "3"), 70, 30);
	state_set_string(&disk.sort, "date");
	state_set_string(&mine.filter, "x");
	state_merge(&disk, &mine);
	cr_assert_eq(disk.n, 3);
	cr_assert_eq(state_test_entry(&disk, "new.md")->anchor, 50);
	cr_assert_eq(state_test_entry(&disk, "old.md")->anchor, 60);
	cr_assert_eq(state_test_entry(&disk, "tie.md")->anchor, 70);
	cr_assert_null(disk.sort); /* session fields are the writer's */
	cr_assert_str_eq(disk.filter, "x");
	state_fini(&disk);
	state_fini(&mine);
}

Test(state, merge_follows_a_move_made_by_the_writer)
{
	struct state disk, mine;
	struct article_state *a;

	state_init(&disk);
	state_init(&mine);
	a = state_get(&disk, "a.md", "1111");
	state_bookmark_add(a, 1, "from disk", 5);
	state_get(&disk, "b.md", "stale");
	state_get(&mine, "b.md", "1111"); /* mine saw a.md moved to b.md */
	state_merge(&disk, &mine);
	cr_assert_eq(disk.n, 1);
	cr_assert_str_eq(disk.v[0].path, "b.md");
	cr_assert_str_eq(disk.v[0].hash, "1111");
	cr_assert(has_note(&disk.v[0], "from disk"));
	state_fini(&disk);
	state_fini(&mine);
}

Test(state, merge_follows_an_edit_made_by_the_writer)
{
	struct state disk, mine;

	state_init(&disk);
	state_init(&mine);
	state_get(&disk, "a.md", "1111");
	state_get(&disk, "b.md", "2222");
	state_get(&mine, "a.md", "3333"); /* edited in place */
	state_get(&mine, "z.md", "9999");
	state_merge(&disk, &mine);
	cr_assert_eq(disk.n, 3);
	cr_assert_str_eq(state_test_entry(&disk, "a.md")->hash, "3333");
	cr_assert_str_eq(state_test_entry(&disk, "b.md")->hash, "2222");
	state_fini(&disk);
	state_fini(&mine);
}

/* A small random state: few paths and hashes, so that they collide. */
static void
random_state(struct state *s, unsigned *seed)
{
	char path[16], hash[16], note[16];
	state_init(s);
	for (int i = rand_r(seed) % 8; i > 0; i--) {
		struct article_state *a;
		snprintf(path, sizeof path, "p%d", rand_r(seed) % 6);
		snprintf(hash, sizeof hash, "h%d", rand_r(seed) % 4);
		a = state_get(s, path, rand_r(seed) % 5 ? hash : NULL);
		a->claimed = rand_r(seed) % 2;
		state_set_anchor(a, (size_t)(rand_r(seed) % 100),
		                 rand_r(seed) % 10);
		for (int j = rand_r(seed) % 4; j > 0; j--) {
			snprintf(note, sizeof note, "n%d", rand_r(seed) % 3);
			struct bookmark *b = state_bookmark_add(
			        a, (size_t)(rand_r(seed) % 3),
			        rand_r(seed) % 2 ? note : NULL,
			        rand_r(seed) % 10);
			if (rand_r(seed) % 3 == 0)
				state_bookmark_del(s, a, b->id, 5);
		}
	}
}

Test(state, merge_result_is_normal_and_stable)
{
	unsigned seed = 42;
	for (int round = 0; round < 2000; round++) {
		struct state a, b, again;
		char *one, *two;
		random_state(&a, &seed);
		random_state(&b, &seed);
		state_merge(&a, &b);
		for (size_t i = 1; i < a.n; i++)
			cr_assert_lt(strcmp(a.v[i - 1].path, a.v[i].path), 0);
		for (size_t i = 0; i < a.n; i++)
			for (size_t j = 0; j < a.v[i].nmarks; j++)
				for (size_t k = 0; k < a.ndead; k++)
					cr_assert_str_neq(a.v[i].marks[j].id,
					                  a.dead[k].id);
		state_init(&again);
		state_merge(&again, &a);
		one = state_test_format(&a);
		two = state_test_format(&again);
		cr_assert_str_eq(one, two, "round %d", round);
		free(one);
		free(two);
		state_fini(&a);
		state_fini(&b);
		state_fini(&again);
	}
}

Test(state, same_place_and_note_is_one_bookmark)
{
	struct state disk, mine;
	struct article_state *a;

	state_init(&disk);
	state_init(&mine);
	a = state_get(&disk, "a.md", NULL);
	cr_assert_eq(state_bookmark_add(a, 9, "n", 1),
	             state_bookmark_add(a, 9, "n", 2));
	state_bookmark_add(a, 9, NULL, 1);
	cr_assert_eq(a->nmarks, 2);
	state_bookmark_add(state_get(&mine, "a.md", NULL), 9, "n", 3);
	state_merge(&disk, &mine);
	cr_assert_eq(disk.v[0].nmarks, 2);
	state_fini(&disk);
	state_fini(&mine);
}

Test(state, two_writers_keep_each_others_changes)
{
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state init, a, b, out;
	struct article_state *e;

	state_init(&init);
	state_set_anchor(state_get(&init, "one.md", "1"), 0, 100);
	state_set_anchor(state_get(&init, "two.md", "2"), 10, 100);
	state_test_save(&init, path);
	state_test_load(&a, path);
	state_test_load(&b, path);

	e = state_find(&a, "one.md", "1");
	state_set_read(e, true, 200);
	state_bookmark_add(e, 5, "X", 200);
	state_test_save(&a, path);

	e = state_find(&b, "two.md", "2");
	state_set_anchor(e, 999, 300);
	state_bookmark_add(e, 7, "Y", 300);
	state_set_string(&b.sort, "title");
	state_test_save(&b, path);

	state_test_load(&out, path);
	cr_assert(state_test_entry(&out, "one.md")->read);
	cr_assert(has_note(state_test_entry(&out, "one.md"), "X"));
	cr_assert_eq(state_test_entry(&out, "two.md")->anchor, 999);
	cr_assert(has_note(state_test_entry(&out, "two.md"), "Y"));
	cr_assert_str_eq(out.sort, "title");
	state_fini(&init);
	state_fini(&a);
	state_fini(&b);
	state_fini(&out);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, a_deleted_bookmark_stays_deleted)
{
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state init, a, b, out;
	struct article_state *e;
	char *id;

	state_init(&init);
	e = state_get(&init, "one.md", "1");
	id = xstrdup(state_bookmark_add(e, 5, "doomed", 100)->id);
	state_bookmark_add(e, 6, "kept", 100);
	state_test_save(&init, path);
	state_test_load(&b, path); /* b loads before the delete */
	state_test_load(&a, path);
	e = state_find(&a, "one.md", "1");
	cr_assert(state_bookmark_del(&a, e, id, 200));
	cr_assert_not(state_bookmark_del(&a, e, id, 200));
	state_test_save(&a, path);
	state_set_string(&b.search, "b was here");
	state_test_save(&b, path);

	state_test_load(&out, path);
	cr_assert_str_eq(out.search, "b was here");
	e = state_test_entry(&out, "one.md");
	cr_assert_eq(e->nmarks, 1);
	cr_assert_str_eq(e->marks[0].note, "kept");
	cr_assert_eq(out.ndead, 1);
	cr_assert_str_eq(out.dead[0].id, id);
	free(id);
	state_fini(&init);
	state_fini(&a);
	state_fini(&b);
	state_fini(&out);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, old_tombstones_are_forgotten)
{
	struct state s, empty;
	struct article_state *a;
	const int64_t day = 86400;

	state_init(&s);
	a = state_get(&s, "a.md", NULL);
	state_bookmark_del(&s, a, state_bookmark_add(a, 1, NULL, 0)->id,
	                   1 * day);
	state_bookmark_del(&s, a, state_bookmark_add(a, 2, NULL, 0)->id,
	                   100 * day);
	state_set_read(a, true, (STATE_TOMBSTONE_DAYS + 50) * day * 1000);
	state_init(&empty);
	state_merge(&empty, &s);
	cr_assert_eq(empty.ndead, 1);
	cr_assert_eq(empty.dead[0].at, 100 * day);
	state_fini(&s);
	state_fini(&empty);
}

Test(state, progress_only_grows)
{
	struct state s;
	struct article_state *a;
	state_init(&s);
	a = state_get(&s, "a.md", NULL);
	state_set_progress(a, 60);
	state_set_progress(a, 30);
	cr_assert_eq(a->progress, 60);
	state_set_progress(a, 400);
	cr_assert_eq(a->progress, 100);
	state_reset_progress(a, 7);
	cr_assert_eq(a->progress, 0);
	cr_assert_eq(a->progress_reset, 7);
	state_fini(&s);
}

/* ------------------------------------------- the merge, field by field */

/* A state with one entry, a.md, as an instance would hold it. */
static struct article_state *
one(struct state *s)
{
	state_init(s);
	return state_get(s, "a.md", "h");
}

/* What a.md holds after merging w (the writer) into a copy of r. */
struct marks {
	bool read;
	size_t anchor;
	int progress;
	int64_t progress_reset;
};

static struct marks
merged(const struct state *r, const struct state *w)
{
	struct state into;
	state_init(&into);
	state_merge(&into, r);
	state_merge(&into, w);
	const struct article_state *e = state_test_entry(&into, "a.md");
	struct marks m = {e->read, e->anchor, e->progress, e->progress_reset};
	state_fini(&into);
	return m;
}

Test(state, merge_read_mark_set_and_never_unset_stays)
{
	struct state file, writer;
	struct marks m;
	state_set_read(one(&file), true, 5000);
	one(&writer); /* showed it, changed nothing: read-at 0 */
	m = merged(&file, &writer);
	cr_assert(m.read);
	/* And the other way round: the reader is the writer. */
	m = merged(&writer, &file);
	cr_assert(m.read);
	state_fini(&file);
	state_fini(&writer);
}

Test(state, merge_unmark_later_than_the_mark_wins_in_both_orders)
{
	struct state a, b;
	struct marks m;
	state_set_read(one(&a), true, 5000);
	state_set_read(one(&b), false, 5001); /* 1 ms later, same second */
	m = merged(&a, &b);
	cr_assert(!m.read);
	m = merged(&b, &a);
	cr_assert(!m.read, "order does not matter");
	/* A mark later than the unmark wins likewise. */
	state_set_read(&a.v[0], true, 5002);
	m = merged(&b, &a);
	cr_assert(m.read);
	m = merged(&a, &b);
	cr_assert(m.read);
	state_fini(&a);
	state_fini(&b);
}

Test(state, merge_same_millisecond_goes_to_the_writer)
{
	struct state a, b;
	struct marks m;
	state_set_read(one(&a), true, 5000);
	state_set_read(one(&b), false, 5000);
	m = merged(&a, &b);
	cr_assert(!m.read);
	m = merged(&b, &a);
	cr_assert(m.read);
	state_fini(&a);
	state_fini(&b);
}

Test(state, merge_progress_is_the_furthest_since_the_last_reset)
{
	struct state a, b;
	struct marks m;
	state_set_progress(one(&a), 80);
	state_set_progress(one(&b), 30);
	m = merged(&a, &b);
	cr_assert_eq(m.progress, 80, "the furthest");
	m = merged(&b, &a);
	cr_assert_eq(m.progress, 80);
	/* b was set back to 0 (marked unread), then read to 10%: that
	 * wins over a's 80 from before the reset, in both orders. */
	state_reset_progress(&b.v[0], 7000);
	state_set_progress(&b.v[0], 10);
	m = merged(&a, &b);
	cr_assert_eq(m.progress, 10);
	m = merged(&b, &a);
	cr_assert_eq(m.progress, 10);
	cr_assert_eq(m.progress_reset, 7000);
	state_fini(&a);
	state_fini(&b);
}

Test(state, merge_the_place_last_moved_to_wins)
{
	struct state a, b;
	struct marks m;
	state_set_anchor(one(&a), 100, 9000);
	state_set_anchor(one(&b), 200, 8000);
	state_set_read(&b.v[0], true, 9500);
	m = merged(&a, &b);
	cr_assert_eq(m.anchor, 100, "a moved later");
	cr_assert(m.read, "b's mark, field by field");
	m = merged(&b, &a);
	cr_assert_eq(m.anchor, 100);
	cr_assert(m.read);
	state_fini(&a);
	state_fini(&b);
}
