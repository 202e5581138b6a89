/* Unit tests of the reading state: the file round trip, corrupt files,
 * paths and atomic writes (identity and the merge: test_state_merge.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* setenv, scandir */
#endif
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"
#include "state_int.h"
#include "state_support.h"

#ifndef TEST_DATADIR
#define TEST_DATADIR "tests/data"
#endif

/* ------------------------------------------------------------ helpers */

TestSuite(state, .fini = state_test_rmdir);

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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state s, back;
	struct article_state *a;
	char *text, *again;

	fill(&s);
	state_test_save(&s, path);
	state_test_load(&back, path);
	cr_assert_str_eq(back.root, "/home/me/articles");
	cr_assert_str_eq(back.selected, "china/hackers.md");
	cr_assert_str_eq(back.sort, "title");
	cr_assert_str_eq(back.filter, "");
	cr_assert_str_eq(back.search, "5G | \"LTE\"");
	cr_assert_eq(back.ngroups_off, 3);
	cr_assert_str_eq(back.groups_off[1], "with space");
	cr_assert_str_eq(back.groups_off[2], "~");
	cr_assert_eq(back.n, 2);
	a = state_test_entry(&back, "china/hackers.md");
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
	a = state_test_entry(&back, "null");
	cr_assert_null(a->hash);
	cr_assert_eq(a->anchor_at, -5);
	cr_assert_eq(a->read_at, 0);
	/* The file is what state_format gives for what was loaded. */
	text = read_text(path);
	again = state_test_format(&back);
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/none.yaml", dir);
	struct state s;
	state_test_load(&s, path);
	cr_assert_eq(s.n, 0);
	cr_assert_null(s.sort);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, invalid_utf8_becomes_replacement_characters)
{
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state s, back;
	state_init(&s);
	state_set_string(&s.search, "a\377b");
	state_test_save(&s, path);
	state_test_load(&back, path);
	cr_assert_str_eq(back.search, "a\357\277\275b");
	state_fini(&s);
	state_fini(&back);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, long_notes_are_cut_so_the_file_still_loads)
{
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
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
	state_test_save(&s, path);
	state_test_load(&back, path);
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	static const char text[] =
	        "version: 1\n"
	        "future-key: {anything: [1, 2]}\n"
	        "articles:\n"
	        "  - {path: a.md, read: false, updated: 5,\n"
	        "     bookmarks: [{id: x, offset: 1}]}\n"
	        "  - {path: a.md, read: true, updated: 9, unknown: 3,\n"
	        "     bookmarks: [{id: y, offset: 2}, {id: x, offset: 1}]}\n";
	struct state s;
	state_test_write(path, text, strlen(text));
	state_test_load(&s, path);
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	char *names, *moved, *text;
	struct diag_list dl;
	struct state s;

	state_test_write(path, c->text, strlen(c->text));
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
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
	state_test_save(&s, path);
	diag_list_fini(&dl);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, two_corrupt_files_in_one_second_keep_both)
{
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	char *names;
	struct diag_list dl;
	struct state s;

	diag_list_init(&dl);
	state_init(&s);
	state_test_write(path, "[", 1);
	cr_assert_eq(state_load(&s, path, &dl), 0);
	state_test_write(path, "{", 1);
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	struct strbuf sb;
	struct diag_list dl;
	struct state s;

	sb_init(&sb);
	sb_addstr(&sb, "version: 1\ngroups-off:\n");
	for (int i = 0; i <= STATE_MAX_GROUPS; i++)
		sb_addf(&sb, "  - g%d\n", i);
	state_test_write(path, sb.buf, sb.len);
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	static const char text[] = "version: 3\nsort: {new: shape}\n";
	char *names, *back;
	struct diag_list dl;
	struct state s;

	state_test_write(path, text, strlen(text));
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

/* --------------------------------------------------------------- paths */

Test(state, path_under_xdg_state_home)
{
	char *dir = state_test_mkdir(), *real = realpath(dir, NULL);
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/x/y/s.yaml", dir);
	char *sub = xasprintf("%s/x/y", dir), *names;
	struct stat st;
	struct state s;

	state_init(&s);
	state_set_string(&s.sort, "title");
	state_test_save(&s, path);
	state_test_save(&s, path);
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	struct stat before, after;
	struct state s;
	FILE *keep;

	state_init(&s);
	state_test_save(&s, path);
	cr_assert_eq(stat(path, &before), 0);
	/* an open reader keeps the old file: its inode is not reused */
	keep = fopen(path, "rb");
	state_set_string(&s.sort, "title");
	state_test_save(&s, path);
	cr_assert_eq(stat(path, &after), 0);
	cr_assert_neq(before.st_ino, after.st_ino);
	fclose(keep);
	state_fini(&s);
	free(path);
	free(dir); /* the fini removes the folder */
}

Test(state, save_removes_a_temporary_file_left_by_a_crash)
{
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	char *tmp = xasprintf("%s.tmp", path), *names;
	struct state s;

	state_test_write(tmp, "half a fi", 9);
	state_init(&s);
	state_test_save(&s, path);
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
	char *dir = state_test_mkdir(), *file = xasprintf("%s/f", dir);
	char *path = xasprintf("%s/f/s.yaml", dir), *names;
	struct diag_list dl;
	struct state s;

	state_test_write(file, "x", 1); /* a file where the folder should be */
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
	state_test_load(&s, TEST_DATADIR "/state/sample.yaml");
	cr_assert_str_eq(s.root, "/home/me/articles");
	cr_assert_eq(s.n, 2);
	cr_assert_eq(s.ndead, 1);
	state_fini(&s);
}

Test(state, version_1_files_load_and_are_written_as_version_2)
{
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	static const char text[] = "version: 1\n"
	                           "articles:\n"
	                           "  - path: \"a.md\"\n"
	                           "    read: true\n"
	                           "    anchor: 12\n"
	                           "    progress: 50\n"
	                           "    updated: 1700000000\n";
	struct state s;
	state_test_write(path, text, strlen(text));
	state_test_load(&s, path);
	struct article_state *a = state_test_entry(&s, "a.md");
	cr_assert(a->read);
	cr_assert_eq(a->read_at, 1700000000000);
	cr_assert_eq(a->anchor_at, 1700000000000);
	cr_assert_eq(a->progress, 50);
	state_test_save(&s, path);
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	static const char text[] =
	        "version: 2\n"
	        "articles:\n"
	        "  - path: a.md\n"
	        "    bookmarks: [{id: x, offset: 1}]\n"
	        "    bookmarks: [{id: y, offset: 2}, {id: z, offset: 3}]\n";
	struct diag_list dl;
	struct state s;
	state_test_write(path, text, strlen(text));
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	struct state s, fast, slow;
	struct state_parse p = {0, 0, NULL, 0};
	fill(&s);
	state_test_save(&s, path);
	char *text = read_text(path);
	state_init(&fast);
	state_init(&slow);
	cr_assert_eq(state_parse_fast(text, strlen(text), &fast), 2,
	             "lectern's own file is read fast");
	cr_assert_eq(state_parse_yaml(&p, text, strlen(text), &slow), 0);
	state_normalise(&fast);
	state_normalise(&slow);
	char *a = state_test_format(&fast), *b = state_test_format(&slow);
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
	char *dir = state_test_mkdir(), *path = xasprintf("%s/s.yaml", dir);
	/* Valid YAML, a flow list of small numbers: libyaml would build
	 * a node for each, tens of times the file in memory. */
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "version: 2\njunk: [");
	while (sb.len < STATE_MAX_YAML_BYTES + 100)
		sb_addstr(&sb, "1, 2, 3, 4, 5, 6, 7, 8, 9, 0, ");
	sb_addstr(&sb, "1]\n");
	state_test_write(path, sb.buf, sb.len);
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
