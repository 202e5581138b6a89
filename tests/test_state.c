/* Unit tests of the reading state: the file round trip, corrupt files,
 * article identity, the merge of two writers, paths and atomic writes. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp, setenv, nftw */
#endif
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"
#include "state_int.h"

#ifndef TEST_DATADIR
#define TEST_DATADIR "tests/data"
#endif

/* ------------------------------------------------------------ helpers */

/* The test's temporary folder (each test is a process of its own),
 * removed by the suite's fini even when an assertion failed. */
static char test_tmpdir[] = "/tmp/lectern-state-XXXXXX";

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
remove_tmpdir(void)
{
	if (!strstr(test_tmpdir, "XXXXXX"))
		nftw(test_tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(state, .fini = remove_tmpdir);

static char *
make_tmpdir(void)
{
	cr_assert(strstr(test_tmpdir, "XXXXXX"), "one folder per test");
	cr_assert_not_null(mkdtemp(test_tmpdir));
	return xstrdup(test_tmpdir);
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "wb");
	cr_assert_not_null(fp, "%s", path);
	cr_assert_eq(fwrite(text, 1, len, fp), len);
	cr_assert_eq(fclose(fp), 0);
}

static char *
read_text(const char *path)
{
	struct strbuf sb;
	char buf[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");
	cr_assert_not_null(fp, "%s", path);
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_add(&sb, buf, n);
	fclose(fp);
	return sb_detach(&sb);
}

/* The names in dir, sorted, joined by spaces. */
static char *
list_dir(const char *dir)
{
	struct dirent **v;
	struct strbuf sb;
	int n = scandir(dir, &v, NULL, alphasort);
	cr_assert_geq(n, 0);
	sb_init(&sb);
	for (int i = 0; i < n; i++) {
		if (v[i]->d_name[0] != '.') {
			if (sb.len)
				sb_addch(&sb, ' ');
			sb_addstr(&sb, v[i]->d_name);
		}
		free(v[i]);
	}
	free(v);
	return sb_detach(&sb);
}

static char *
format(const struct state *s)
{
	struct strbuf sb;
	sb_init(&sb);
	state_format(s, &sb);
	return sb_detach(&sb);
}

static void
load_clean(struct state *s, const char *path)
{
	struct diag_list dl;
	diag_list_init(&dl);
	state_init(s);
	cr_assert_eq(state_load(s, path, &dl), 0);
	cr_assert_eq(dl.n, 0, "unexpected: %s", dl.n ? dl.v[0].msg : "");
	diag_list_fini(&dl);
}

static void
save_clean(const struct state *s, const char *path)
{
	struct diag_list dl;
	diag_list_init(&dl);
	cr_assert_eq(state_save(s, path, &dl), 0, "%s",
	             dl.n ? dl.v[0].msg : "");
	cr_assert_eq(dl.n, 0, "unexpected: %s", dl.n ? dl.v[0].msg : "");
	diag_list_fini(&dl);
}

static struct article_state *
entry(struct state *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].path, path))
			return &s->v[i];
	cr_assert_fail("no entry for %s", path);
	return NULL;
}

static bool
has_note(const struct article_state *a, const char *note)
{
	for (size_t i = 0; i < a->nmarks; i++)
		if (a->marks[i].note && !strcmp(a->marks[i].note, note))
			return true;
	return false;
}

/* ---------------------------------------------------------- the hash */

Test(state, hash_is_fnv1a_64_in_hex)
{
	char *h = state_hash("", 0);
	cr_assert_str_eq(h, "cbf29ce484222325");
	free(h);
	h = state_hash("a", 1);
	cr_assert_str_eq(h, "af63dc4c8601ec8c");
	free(h);
}

/* -------------------------------------------------------- round trip */

/* Strings that need every kind of quoting the emitter knows. */
static const char hostile_note[] =
        "say \"hi\"\\ \n\ttab \x01 \x7f caf\xc3\xa9 \xc2\x85 "
        "\xe2\x80\xa8 \xef\xbb\xbf end: # - [x] {y} &a *a !t ' ~";

static void
fill(struct state *s)
{
	struct article_state *a;
	const char *groups[] = {"companies", "with space", "~"};

	state_init(s);
	s->root = xstrdup("/home/me/articles");
	state_set_string(&s->selected, "china/hackers.md");
	state_set_string(&s->sort, "title");
	state_set_string(&s->filter, "");
	state_set_string(&s->search, "5G | \"LTE\"");
	state_set_groups_off(s, groups, 3);
	a = state_get(s, "china/hackers.md", "0123456789abcdef");
	state_set_read(a, true, 1000);
	state_set_anchor(a, 4242, 1001);
	state_set_progress(a, 40);
	state_reset_progress(a, 999);
	state_set_progress(a, 40);
	a->size = 5120;
	cr_assert_not_null(state_bookmark_add(a, 100, NULL, 900));
	cr_assert_not_null(state_bookmark_add(a, 200, hostile_note, 901));
	a = state_get(s, "null", NULL);
	state_set_anchor(a, 7, -5);
}

Test(state, round_trip_keeps_every_field)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state s, back;
	struct article_state *a;
	char *text, *again;

	fill(&s);
	save_clean(&s, path);
	load_clean(&back, path);
	cr_assert_str_eq(back.root, "/home/me/articles");
	cr_assert_str_eq(back.selected, "china/hackers.md");
	cr_assert_str_eq(back.sort, "title");
	cr_assert_str_eq(back.filter, "");
	cr_assert_str_eq(back.search, "5G | \"LTE\"");
	cr_assert_eq(back.ngroups_off, 3);
	cr_assert_str_eq(back.groups_off[1], "with space");
	cr_assert_str_eq(back.groups_off[2], "~");
	cr_assert_eq(back.n, 2);
	a = entry(&back, "china/hackers.md");
	cr_assert_str_eq(a->hash, "0123456789abcdef");
	cr_assert(a->read);
	cr_assert_eq(a->anchor, 4242);
	cr_assert_eq(a->progress, 40);
	cr_assert_eq(a->read_at, 1000);
	cr_assert_eq(a->anchor_at, 1001);
	cr_assert_eq(a->progress_reset, 999);
	cr_assert_eq(a->size, 5120);
	cr_assert_eq(a->nmarks, 2);
	cr_assert_eq(a->marks[0].offset, 100);
	cr_assert_null(a->marks[0].note);
	cr_assert_eq(a->marks[0].created, 900);
	cr_assert_str_eq(a->marks[1].note, hostile_note);
	cr_assert_str_eq(a->marks[1].id, s.v[0].marks[1].id);
	a = entry(&back, "null");
	cr_assert_null(a->hash);
	cr_assert_eq(a->anchor_at, -5);
	cr_assert_eq(a->read_at, 0);
	/* The file is what state_format gives for what was loaded. */
	text = read_text(path);
	again = format(&back);
	cr_assert_str_eq(text, again);
	free(text);
	free(again);
	state_fini(&s);
	state_fini(&back);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, missing_file_is_an_empty_state_without_warning)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/none.yaml", dir);
	struct state s;
	load_clean(&s, path);
	cr_assert_eq(s.n, 0);
	cr_assert_null(s.sort);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, invalid_utf8_becomes_replacement_characters)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state s, back;
	state_init(&s);
	state_set_string(&s.search, "a\377b");
	save_clean(&s, path);
	load_clean(&back, path);
	cr_assert_str_eq(back.search, "a\357\277\275b");
	state_fini(&s);
	state_fini(&back);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, long_notes_are_cut_so_the_file_still_loads)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	char *note = xmalloc(3 * STATE_MAX_STRING);
	struct state s, back;
	struct article_state *a;

	for (size_t i = 0; i + 2 < 3 * STATE_MAX_STRING; i += 2)
		memcpy(note + i, "\xc3\xa9", 2); /* é: cuts must not split */
	note[3 * STATE_MAX_STRING - 1 - (3 * STATE_MAX_STRING - 1) % 2] = 0;
	state_init(&s);
	a = state_get(&s, "a.md", NULL);
	state_bookmark_add(a, 1, note, 1);
	cr_assert_leq(strlen(a->marks[0].note), STATE_MAX_STRING);
	state_set_string(&s.search, note); /* cut by the writer */
	save_clean(&s, path);
	load_clean(&back, path);
	cr_assert_eq(strlen(back.search), STATE_MAX_STRING);
	cr_assert_str_eq(back.v[0].marks[0].note, a->marks[0].note);
	free(note);
	state_fini(&s);
	state_fini(&back);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, duplicate_paths_in_a_file_are_folded)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	static const char text[] =
	        "version: 1\n"
	        "future-key: {anything: [1, 2]}\n"
	        "articles:\n"
	        "  - {path: a.md, read: false, updated: 5,\n"
	        "     bookmarks: [{id: x, offset: 1}]}\n"
	        "  - {path: a.md, read: true, updated: 9, unknown: 3,\n"
	        "     bookmarks: [{id: y, offset: 2}, {id: x, offset: 1}]}\n";
	struct state s;
	write_file(path, text, strlen(text));
	load_clean(&s, path);
	cr_assert_eq(s.n, 1);
	cr_assert(s.v[0].read);
	/* Version 1's "updated" is in seconds, for read and anchor. */
	cr_assert_eq(s.v[0].read_at, 9000);
	cr_assert_eq(s.v[0].anchor_at, 9000);
	cr_assert_eq(s.v[0].nmarks, 2);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

/* ------------------------------------------------------ corrupt files */

struct corrupt_case {
	char text[200];
	int line; /* where the problem is reported; 0: anywhere */
};

ParameterizedTestParameters(state, corrupt_file_is_moved_aside)
{
	static struct corrupt_case cases[] = {
	        {"\x01\x02garbage: [\n", 0},
	        {"version: 1\narticles:\n  - path: \"a.m", 3},
	        {"version: 1\nsort: \"tit", 2},
	        {"version: 1\narticles: 5\n", 2},
	        {"version: 1\narticles:\n  - path: [a]\n", 3},
	        {"version: 1\narticles:\n  - path: a\n    anchor: -3\n", 4},
	        {"version: 1\narticles:\n  - path: a\n    progress: 101\n", 4},
	        {"version: 1\narticles:\n  - path: a\n    read: yes\n", 4},
	        {"version: 1\narticles:\n  - read: true\n", 3},
	        {"version: 1\narticles:\n  - path: a\n    bookmarks:\n"
	         "      - offset: 3\n",
	         5},
	        {"version: 1\ndeleted-bookmarks:\n  - at: 3\n", 3},
	        {"version: one\n", 1},
	        {"version: \"1\"\n", 1},
	        {"version: 0\n", 1},
	        {"version: 99999999999999999999\n", 1},
	        {"sort: title\n", 1},
	        {"- version: 1\n", 1},
	        {"", 0},
	        {"version: 1\nsort: &a x\nfilter: *a\n", 3},
	        {"version: 1\nsearch: \"a\\0b\"\n", 2},
	        {"version: 1\n---\nversion: 1\n", 0},
	};
	return cr_make_param_array(struct corrupt_case, cases,
	                           sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct corrupt_case *c, state, corrupt_file_is_moved_aside)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	char *names, *moved, *text;
	struct diag_list dl;
	struct state s;

	write_file(path, c->text, strlen(c->text));
	diag_list_init(&dl);
	state_init(&s);
	cr_assert_eq(state_load(&s, path, &dl), 0);
	cr_assert_eq(dl.n, 1);
	cr_assert_eq(dl.v[0].level, DIAG_WARNING);
	cr_assert(strstr(dl.v[0].msg, "corrupt reading state"), "%s",
	          dl.v[0].msg);
	if (c->line)
		cr_assert_eq(dl.v[0].line, c->line, "%s", dl.v[0].msg);
	cr_assert_eq(s.n, 0);
	cr_assert_null(s.root);
	/* s.yaml.corrupt-YYYYMMDDTHHMMSS with the old bytes (and the lock
	 * taken to move it) */
	names = list_dir(dir);
	cr_assert_str_eq(names + strlen("s.yaml.corrupt-20261128T013000"),
	                 " s.yaml.lock");
	names[strlen("s.yaml.corrupt-20261128T013000")] = '\0';
	cr_assert_eq(strncmp(names, "s.yaml.corrupt-", 15), 0, "%s", names);
	cr_assert_eq(strspn(names + 15, "0123456789T"), 15, "%s", names);
	cr_assert(strstr(dl.v[0].msg, names), "%s", dl.v[0].msg);
	moved = xasprintf("%s/%s", dir, names);
	text = read_text(moved);
	cr_assert_str_eq(text, c->text);
	free(text);
	free(moved);
	free(names);
	diag_list_fini(&dl);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, folder_in_place_of_the_file_is_moved_aside)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	char *names;
	struct diag_list dl;
	struct state s;

	cr_assert_eq(mkdir(path, 0700), 0);
	diag_list_init(&dl);
	state_init(&s);
	cr_assert_eq(state_load(&s, path, &dl), 0);
	cr_assert_eq(dl.n, 1);
	cr_assert(strstr(dl.v[0].msg, "a folder"), "%s", dl.v[0].msg);
	names = list_dir(dir);
	cr_assert_eq(strncmp(names, "s.yaml.corrupt-", 15), 0, "%s", names);
	free(names);
	/* and saving works again */
	state_set_string(&s.sort, "date");
	save_clean(&s, path);
	diag_list_fini(&dl);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, two_corrupt_files_in_one_second_keep_both)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	char *names;
	struct diag_list dl;
	struct state s;

	diag_list_init(&dl);
	state_init(&s);
	write_file(path, "[", 1);
	cr_assert_eq(state_load(&s, path, &dl), 0);
	write_file(path, "{", 1);
	cr_assert_eq(state_load(&s, path, &dl), 0);
	cr_assert_eq(dl.n, 2);
	names = list_dir(dir);
	/* "s.yaml.corrupt-T s.yaml.corrupt-T-2 s.yaml.lock", or two stamps
	 * when the second load came in the next second */
	cr_assert_eq(strncmp(names, "s.yaml.corrupt-", 15), 0, "%s", names);
	cr_assert(strstr(names + 1, " s.yaml.corrupt-"), "%s", names);
	free(names);
	diag_list_fini(&dl);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, too_many_groups_is_corrupt)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	struct strbuf sb;
	struct diag_list dl;
	struct state s;

	sb_init(&sb);
	sb_addstr(&sb, "version: 1\ngroups-off:\n");
	for (int i = 0; i <= STATE_MAX_GROUPS; i++)
		sb_addf(&sb, "  - g%d\n", i);
	write_file(path, sb.buf, sb.len);
	diag_list_init(&dl);
	state_init(&s);
	cr_assert_eq(state_load(&s, path, &dl), 0);
	cr_assert_eq(dl.n, 1);
	cr_assert(strstr(dl.v[0].msg, "more than 1000"), "%s", dl.v[0].msg);
	cr_assert_eq(s.ngroups_off, 0);
	sb_fini(&sb);
	diag_list_fini(&dl);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, newer_version_is_neither_read_nor_overwritten)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	static const char text[] = "version: 3\nsort: {new: shape}\n";
	char *names, *back;
	struct diag_list dl;
	struct state s;

	write_file(path, text, strlen(text));
	diag_list_init(&dl);
	state_init(&s);
	cr_assert_eq(state_load(&s, path, &dl), 0);
	cr_assert_eq(dl.n, 1);
	cr_assert_eq(dl.v[0].level, DIAG_WARNING);
	cr_assert(strstr(dl.v[0].msg, "newer"), "%s", dl.v[0].msg);
	cr_assert_null(s.sort);
	state_set_string(&s.sort, "title");
	cr_assert_eq(state_save(&s, path, &dl), 1);
	cr_assert_eq(dl.n, 2);
	back = read_text(path);
	cr_assert_str_eq(back, text);
	names = list_dir(dir);
	cr_assert_str_eq(names, "s.yaml s.yaml.lock");
	free(names);
	free(back);
	diag_list_fini(&dl);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

/* ----------------------------------------------------------- identity */

Test(state, identity_survives_a_move_with_the_same_content)
{
	char *dir = make_tmpdir(), *sub = xasprintf("%s/new", dir);
	char *moved = xasprintf("%s/new/b.md", dir);
	struct state s;
	struct article_state *a;

	cr_assert_eq(mkdir(sub, 0700), 0);
	write_file(moved, "text", 4);
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
	char *dir = make_tmpdir(), *orig = xasprintf("%s/a.md", dir);
	struct state s;
	struct article_state *a;

	write_file(orig, "text", 4);
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
	cr_assert_eq(entry(&disk, "new.md")->anchor, 50);
	cr_assert_eq(entry(&disk, "old.md")->anchor, 60);
	cr_assert_eq(entry(&disk, "tie.md")->anchor, 70);
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
	cr_assert_str_eq(entry(&disk, "a.md")->hash, "3333");
	cr_assert_str_eq(entry(&disk, "b.md")->hash, "2222");
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
		one = format(&a);
		two = format(&again);
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
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state init, a, b, out;
	struct article_state *e;

	state_init(&init);
	state_set_anchor(state_get(&init, "one.md", "1"), 0, 100);
	state_set_anchor(state_get(&init, "two.md", "2"), 10, 100);
	save_clean(&init, path);
	load_clean(&a, path);
	load_clean(&b, path);

	e = state_find(&a, "one.md", "1");
	state_set_read(e, true, 200);
	state_bookmark_add(e, 5, "X", 200);
	save_clean(&a, path);

	e = state_find(&b, "two.md", "2");
	state_set_anchor(e, 999, 300);
	state_bookmark_add(e, 7, "Y", 300);
	state_set_string(&b.sort, "title");
	save_clean(&b, path);

	load_clean(&out, path);
	cr_assert(entry(&out, "one.md")->read);
	cr_assert(has_note(entry(&out, "one.md"), "X"));
	cr_assert_eq(entry(&out, "two.md")->anchor, 999);
	cr_assert(has_note(entry(&out, "two.md"), "Y"));
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
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state init, a, b, out;
	struct article_state *e;
	char *id;

	state_init(&init);
	e = state_get(&init, "one.md", "1");
	id = xstrdup(state_bookmark_add(e, 5, "doomed", 100)->id);
	state_bookmark_add(e, 6, "kept", 100);
	save_clean(&init, path);
	load_clean(&b, path); /* b loads before the delete */
	load_clean(&a, path);
	e = state_find(&a, "one.md", "1");
	cr_assert(state_bookmark_del(&a, e, id, 200));
	cr_assert_not(state_bookmark_del(&a, e, id, 200));
	save_clean(&a, path);
	state_set_string(&b.search, "b was here");
	save_clean(&b, path);

	load_clean(&out, path);
	cr_assert_str_eq(out.search, "b was here");
	e = entry(&out, "one.md");
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

/* --------------------------------------------------------------- paths */

Test(state, path_under_xdg_state_home)
{
	char *dir = make_tmpdir(), *real = realpath(dir, NULL);
	char *p, *want, *h;

	setenv("XDG_STATE_HOME", "/xdg/state", 1);
	setenv("HOME", "/home/me", 1);
	p = state_path(dir);
	h = state_hash(real, strlen(real));
	/* mkdtemp's names only use characters kept as they are */
	want = xasprintf("/xdg/state/lectern/%s-%s.yaml",
	                 strrchr(real, '/') + 1, h);
	cr_assert_str_eq(p, want);
	free(p);
	free(want);
	free(h);
	free(real);
	free(dir); /* the fini removes the folder */
}

Test(state, path_under_home_when_xdg_is_unset_or_relative)
{
	static const char root[] = "/no/such/My Corpus";
	char *h = state_hash(root, strlen(root)), *want, *p;

	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/me", 1);
	p = state_path("/no/such/My Corpus//");
	want = xasprintf("/home/me/.local/state/lectern/My_Corpus-%s.yaml", h);
	cr_assert_str_eq(p, want);
	free(p);
	setenv("XDG_STATE_HOME", "relative", 1);
	p = state_path("/");
	cr_assert_eq(strncmp(p, "/home/me/.local/state/lectern/root-", 35), 0,
	             "%s", p);
	free(p);
	free(want);
	free(h);
}

Test(state, no_path_without_home)
{
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	cr_assert_null(state_path("/tmp"));
	setenv("HOME", "", 1);
	cr_assert_null(state_path("/tmp"));
}

Test(state, different_roots_get_different_files)
{
	char *a, *b;
	setenv("XDG_STATE_HOME", "/s", 1);
	a = state_path("/no/such/one/corpus");
	b = state_path("/no/such/two/corpus");
	cr_assert_str_neq(a, b);
	free(a);
	free(b);
}

/* ------------------------------------------------------------- writing */

Test(state, save_creates_folders_and_leaves_no_temporary_file)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/x/y/s.yaml", dir);
	char *sub = xasprintf("%s/x/y", dir), *names;
	struct stat st;
	struct state s;

	state_init(&s);
	state_set_string(&s.sort, "title");
	save_clean(&s, path);
	save_clean(&s, path);
	names = list_dir(sub);
	cr_assert_str_eq(names, "s.yaml s.yaml.lock");
	cr_assert_eq(stat(sub, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0700);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	free(names);
	state_fini(&s);
	free(sub);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, save_replaces_the_file_by_a_rename)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	struct stat before, after;
	struct state s;
	FILE *keep;

	state_init(&s);
	save_clean(&s, path);
	cr_assert_eq(stat(path, &before), 0);
	/* an open reader keeps the old file: its inode is not reused */
	keep = fopen(path, "rb");
	state_set_string(&s.sort, "title");
	save_clean(&s, path);
	cr_assert_eq(stat(path, &after), 0);
	cr_assert_neq(before.st_ino, after.st_ino);
	fclose(keep);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, save_removes_a_temporary_file_left_by_a_crash)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	char *tmp = xasprintf("%s.tmp", path), *names;
	struct state s;

	write_file(tmp, "half a fi", 9);
	state_init(&s);
	save_clean(&s, path);
	names = list_dir(dir);
	cr_assert_str_eq(names, "s.yaml s.yaml.lock");
	free(names);
	state_fini(&s);
	free(tmp);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, save_failure_is_an_error_and_keeps_nothing)
{
	char *dir = make_tmpdir(), *file = xasprintf("%s/f", dir);
	char *path = xasprintf("%s/f/s.yaml", dir), *names;
	struct diag_list dl;
	struct state s;

	write_file(file, "x", 1); /* a file where the folder should be */
	diag_list_init(&dl);
	state_init(&s);
	cr_assert_eq(state_save(&s, path, &dl), -1);
	cr_assert_eq(dl.n, 1);
	cr_assert_eq(dl.v[0].level, DIAG_ERROR);
	cr_assert(strstr(dl.v[0].msg, "cannot save"), "%s", dl.v[0].msg);
	names = list_dir(dir);
	cr_assert_str_eq(names, "f");
	free(names);
	diag_list_fini(&dl);
	state_fini(&s);
	free(path);
	free(file);
	free(dir); /* the fini removes the folder */
}

Test(state, fixture_loads)
{
	struct state s;
	load_clean(&s, TEST_DATADIR "/state/sample.yaml");
	cr_assert_str_eq(s.root, "/home/me/articles");
	cr_assert_eq(s.n, 2);
	cr_assert_eq(s.ndead, 1);
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

/* Merges w (the writer) into a copy of r; returns into, to fini. */
static void
merged(struct state *into, const struct state *r, const struct state *w)
{
	state_init(into);
	state_merge(into, r);
	state_merge(into, w);
}

Test(state, merge_read_mark_set_and_never_unset_stays)
{
	struct state file, writer, out;
	state_set_read(one(&file), true, 5000);
	one(&writer); /* showed it, changed nothing: read-at 0 */
	merged(&out, &file, &writer);
	cr_assert(entry(&out, "a.md")->read);
	state_fini(&out);
	/* And the other way round: the reader is the writer. */
	merged(&out, &writer, &file);
	cr_assert(entry(&out, "a.md")->read);
	state_fini(&out);
	state_fini(&file);
	state_fini(&writer);
}

Test(state, merge_unmark_later_than_the_mark_wins_in_both_orders)
{
	struct state a, b, out;
	state_set_read(one(&a), true, 5000);
	state_set_read(one(&b), false, 5001); /* 1 ms later, same second */
	merged(&out, &a, &b);
	cr_assert(!entry(&out, "a.md")->read);
	state_fini(&out);
	merged(&out, &b, &a);
	cr_assert(!entry(&out, "a.md")->read, "order does not matter");
	state_fini(&out);
	/* A mark later than the unmark wins likewise. */
	state_set_read(&a.v[0], true, 5002);
	merged(&out, &b, &a);
	cr_assert(entry(&out, "a.md")->read);
	state_fini(&out);
	merged(&out, &a, &b);
	cr_assert(entry(&out, "a.md")->read);
	state_fini(&out);
	state_fini(&a);
	state_fini(&b);
}

Test(state, merge_same_millisecond_goes_to_the_writer)
{
	struct state a, b, out;
	state_set_read(one(&a), true, 5000);
	state_set_read(one(&b), false, 5000);
	merged(&out, &a, &b);
	cr_assert(!entry(&out, "a.md")->read);
	state_fini(&out);
	merged(&out, &b, &a);
	cr_assert(entry(&out, "a.md")->read);
	state_fini(&out);
	state_fini(&a);
	state_fini(&b);
}

Test(state, merge_progress_is_the_furthest_since_the_last_reset)
{
	struct state a, b, out;
	state_set_progress(one(&a), 80);
	state_set_progress(one(&b), 30);
	merged(&out, &a, &b);
	cr_assert_eq(entry(&out, "a.md")->progress, 80, "the furthest");
	state_fini(&out);
	merged(&out, &b, &a);
	cr_assert_eq(entry(&out, "a.md")->progress, 80);
	state_fini(&out);
	/* b was set back to 0 (marked unread), then read to 10%: that
	 * wins over a's 80 from before the reset, in both orders. */
	state_reset_progress(&b.v[0], 7000);
	state_set_progress(&b.v[0], 10);
	merged(&out, &a, &b);
	cr_assert_eq(entry(&out, "a.md")->progress, 10);
	state_fini(&out);
	merged(&out, &b, &a);
	cr_assert_eq(entry(&out, "a.md")->progress, 10);
	cr_assert_eq(entry(&out, "a.md")->progress_reset, 7000);
	state_fini(&out);
	state_fini(&a);
	state_fini(&b);
}

Test(state, merge_the_place_last_moved_to_wins)
{
	struct state a, b, out;
	state_set_anchor(one(&a), 100, 9000);
	state_set_anchor(one(&b), 200, 8000);
	state_set_read(&b.v[0], true, 9500);
	merged(&out, &a, &b);
	cr_assert_eq(entry(&out, "a.md")->anchor, 100, "a moved later");
	cr_assert(entry(&out, "a.md")->read, "b's mark, field by field");
	state_fini(&out);
	merged(&out, &b, &a);
	cr_assert_eq(entry(&out, "a.md")->anchor, 100);
	cr_assert(entry(&out, "a.md")->read);
	state_fini(&out);
	state_fini(&a);
	state_fini(&b);
}

Test(state, version_1_files_load_and_are_written_as_version_2)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	static const char text[] = "version: 1\n"
	                           "articles:\n"
	                           "  - path: \"a.md\"\n"
	                           "    read: true\n"
	                           "    anchor: 12\n"
	                           "    progress: 50\n"
	                           "    updated: 1700000000\n";
	struct state s;
	write_file(path, text, strlen(text));
	load_clean(&s, path);
	struct article_state *a = entry(&s, "a.md");
	cr_assert(a->read);
	cr_assert_eq(a->read_at, 1700000000000);
	cr_assert_eq(a->anchor_at, 1700000000000);
	cr_assert_eq(a->progress, 50);
	save_clean(&s, path);
	char *back = read_text(path);
	cr_assert(strstr(back, "version: 2\n"), "%s", back);
	cr_assert(strstr(back, "read-at: 1700000000000\n"), "%s", back);
	cr_assert_null(strstr(back, "updated"));
	free(back);
	state_fini(&s);
	free(path);
	free(dir);
}

Test(state, bookmarks_given_twice_in_an_article_is_corrupt)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	static const char text[] =
	        "version: 2\n"
	        "articles:\n"
	        "  - path: a.md\n"
	        "    bookmarks: [{id: x, offset: 1}]\n"
	        "    bookmarks: [{id: y, offset: 2}, {id: z, offset: 3}]\n";
	struct diag_list dl;
	struct state s;
	write_file(path, text, strlen(text));
	diag_list_init(&dl);
	state_init(&s);
	state_load(&s, path, &dl);
	cr_assert_eq(dl.n, 1);
	cr_assert(strstr(dl.v[0].msg, "bookmarks: given twice"), "%s",
	          dl.v[0].msg);
	cr_assert_eq(s.n, 0);
	diag_list_fini(&dl);
	state_fini(&s);
	free(path);
	free(dir);
}

Test(state, the_fast_reader_and_libyaml_read_lectern_s_files_alike)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state s, fast, slow;
	struct state_parse p = {0, 0, NULL, 0};
	fill(&s);
	save_clean(&s, path);
	char *text = read_text(path);
	state_init(&fast);
	state_init(&slow);
	cr_assert_eq(state_parse_fast(text, strlen(text), &fast), 2,
	             "lectern's own file is read fast");
	cr_assert_eq(state_parse_yaml(&p, text, strlen(text), &slow), 0);
	state_normalise(&fast);
	state_normalise(&slow);
	char *a = format(&fast), *b = format(&slow);
	cr_assert_str_eq(a, b);
	/* Anything else is left to libyaml: a hand-edited flow mapping. */
	state_fini(&fast);
	state_init(&fast);
	cr_assert_eq(state_parse_fast("version: 2\narticles: [{path: a}]\n", 33,
	                              &fast),
	             0);
	free(a);
	free(b);
	free(text);
	state_fini(&fast);
	state_fini(&slow);
	state_fini(&s);
	free(path);
	free(dir);
}

Test(state, a_big_file_not_in_lectern_s_form_is_refused_unparsed)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/s.yaml", dir);
	/* Valid YAML, a flow list of small numbers: libyaml would build
	 * a node for each, tens of times the file in memory. */
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "version: 2\njunk: [");
	while (sb.len < STATE_MAX_YAML_BYTES + 100)
		sb_addstr(&sb, "1, 2, 3, 4, 5, 6, 7, 8, 9, 0, ");
	sb_addstr(&sb, "1]\n");
	write_file(path, sb.buf, sb.len);
	struct diag_list dl;
	struct state s;
	diag_list_init(&dl);
	state_init(&s);
	state_load(&s, path, &dl);
	cr_assert_eq(dl.n, 1);
	cr_assert(strstr(dl.v[0].msg, "not in the form lectern writes"), "%s",
	          dl.v[0].msg);
	diag_list_fini(&dl);
	state_fini(&s);
	sb_fini(&sb);
	free(path);
	free(dir);
}
