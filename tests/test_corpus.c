/* test_corpus.c - finding articles, reading heads and bodies. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, symlink, mkfifo, lstat */
#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "doc.h"
#include "support.h"
#include "utf8.h"

#ifndef TEST_DATADIR
#define TEST_DATADIR "tests/data"
#endif
#define TREE TEST_DATADIR "/corpus-tree"
#define BUNDLED TEST_DATADIR "/../../corpus"

#include "corpus_fixture.h"

TestSuite(corpus, .init = make_tmp, .fini = remove_tmp);

/* ------------------------------------------------- finding articles */

Test(corpus, folders_are_read_recursively_in_natural_order)
{
	struct corpus c;
	struct diag_list dl;
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(corpus_add_path(&c, TREE, &dl), 6);
	cr_assert_eq(dl.n, 0);
	cr_assert_eq(c.n, 6);
	/* "2" before "10"; a folder named "*.md" is still a folder. */
	cr_expect_str_eq(rel(&c, 0, TREE), "1-sub/a.md");
	cr_expect_str_eq(rel(&c, 1, TREE), "1-sub/b.md");
	cr_expect_str_eq(rel(&c, 2, TREE), "2-two.txt");
	cr_expect_str_eq(rel(&c, 3, TREE), "3-dir.md/c.txt");
	cr_expect_str_eq(rel(&c, 4, TREE), "10-ten.md");
	cr_expect_str_eq(rel(&c, 5, TREE), "empty.md");
	cr_expect_str_eq(c.v[0].title, "Alpha");
	cr_expect_str_eq(c.v[1].title, "Bee");
	cr_expect_str_eq(c.v[2].title, "Two");
	cr_expect_str_eq(c.v[3].title, "Sea");
	cr_expect_str_eq(c.v[4].title, "Ten");
	cr_expect_str_eq(c.v[5].title, "empty.md");
	for (size_t i = 0; i < c.n; i++) {
		cr_expect(!c.v[i].body_loaded);
		cr_expect_null(c.v[i].body);
	}
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, only_txt_and_md_files_and_no_hidden_entries)
{
	struct corpus c;
	struct diag_list dl;
	put("a.md", "A\n");
	put("b.txt", "B\n");
	put("c.markdown", "C\n");
	put("d.MD", "D\n");
	put("md", "E\n");
	put(".md", "F\n");
	put(".g.md", "G\n");
	mkdir_tmp(".git");
	put(".git/h.md", "H\n");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 2);
	cr_assert_eq(dl.n, 0);
	cr_expect_str_eq(c.v[0].title, "A");
	cr_expect_str_eq(c.v[1].title, "B");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, a_file_named_on_the_command_line_is_read_whatever_its_name)
{
	struct corpus c;
	struct diag_list dl;
	put("notes.rst", "Notes\n\nText.\n");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, "notes.rst", &dl), 1);
	cr_expect_str_eq(c.v[0].title, "Notes");
	char *path = tmp_path("notes.rst");
	cr_expect_str_eq(c.v[0].path, path);
	free(path);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, a_trailing_slash_does_not_double_in_paths)
{
	struct corpus c;
	struct diag_list dl;
	put("a.md", "A\n");
	char *dir = xasprintf("%s/", tmp);
	char *want = tmp_path("a.md");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(corpus_add_path(&c, dir, &dl), 1);
	cr_expect_str_eq(c.v[0].path, want);
	free(dir);
	free(want);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, adding_twice_appends)
{
	struct corpus c;
	struct diag_list dl;
	put("a.md", "A\n");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 1);
	cr_assert_eq(corpus_add_path(&c, TREE "/2-two.txt", &dl), 1);
	cr_assert_eq(c.n, 2);
	cr_expect_str_eq(c.v[1].title, "Two");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, folders_nested_too_deep_are_reported)
{
	struct corpus c;
	struct diag_list dl;
	struct strbuf sb;
	sb_init(&sb);
	/* Folders 1 to 64 levels down are read, the 65th is not. */
	for (int i = 1; i <= 65; i++) {
		sb_addstr(&sb, i > 1 ? "/d" : "d");
		mkdir_tmp(sb.buf);
		if (i == 64 || i == 65) {
			char *file = xasprintf("%s/at-%d.md", sb.buf, i);
			put(file, "Deep\n");
			free(file);
		}
	}
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 1);
	cr_assert_eq(dl.n, 1);
	cr_expect_eq(dl.v[0].level, DIAG_WARNING);
	cr_expect_str_eq(dl.v[0].msg, "folders nested too deep, skipped");
	char *want = xasprintf("%s/%s", tmp, sb.buf);
	cr_expect_str_eq(dl.v[0].file, want);
	free(want);
	sb_fini(&sb);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, a_missing_path_is_an_error)
{
	struct corpus c;
	struct diag_list dl;
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, "nope", &dl), -1);
	cr_assert_eq(c.n, 0);
	cr_assert_eq(dl.n, 1);
	assert_diag(&dl, 0, DIAG_ERROR,
	            "$TMP/nope: cannot read: No such file or directory");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, a_fifo_named_on_the_command_line_is_an_error, .timeout = 5)
{
	struct corpus c;
	struct diag_list dl;
	char *path = tmp_path("pipe.md");
	cr_assert_eq(mkfifo(path, 0600), 0);
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(corpus_add_path(&c, path, &dl), -1);
	assert_diag(&dl, 0, DIAG_ERROR,
	            "$TMP/pipe.md: cannot read: not a file or folder");
	free(path);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, fifos_in_a_folder_are_never_opened, .timeout = 5)
{
	struct corpus c;
	struct diag_list dl;
	char *fifo = tmp_path("pipe.md"), *other = tmp_path("pipe.log");
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_assert_eq(mkfifo(other, 0600), 0);
	symlink_tmp("pipe.md", "link-to-pipe.md");
	put("z.md", "Zed\n");
	corpus_init(&c);
	diag_list_init(&dl);
	/* Would block forever if the loader opened a FIFO to read it. */
	cr_assert_eq(add_tmp(&c, NULL, &dl), 1);
	cr_expect_str_eq(c.v[0].title, "Zed");
	cr_assert_eq(dl.n, 2);
	assert_diag(
	        &dl, 0, DIAG_WARNING,
	        "$TMP/link-to-pipe.md: warning: not a regular file, skipped");
	assert_diag(&dl, 1, DIAG_WARNING,
	            "$TMP/pipe.md: warning: not a regular file, skipped");
	free(fifo);
	free(other);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, symlinked_files_are_read_and_symlinked_folders_are_not)
{
	struct corpus c;
	struct diag_list dl;
	mkdir_tmp("real");
	put("real/a.md", "Real A\n");
	put("target.data", "Through a link\n");
	symlink_tmp("target.data", "b-link.md");
	symlink_tmp("real", "c-dirlink");
	symlink_tmp("real", "d-dirlink.md");
	symlink_tmp(".", "real/loop");
	symlink_tmp("..", "real/up.md");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 2);
	cr_assert_eq(dl.n, 0);
	cr_expect_str_eq(c.v[0].title, "Through a link");
	cr_expect_str_eq(c.v[1].title, "Real A");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, a_symlink_named_on_the_command_line_is_followed)
{
	struct corpus c;
	struct diag_list dl;
	mkdir_tmp("real");
	put("real/a.md", "Real A\n");
	symlink_tmp("real", "dirlink");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, "dirlink", &dl), 1);
	cr_expect_str_eq(c.v[0].title, "Real A");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, a_dangling_symlink_warns_and_the_rest_loads)
{
	struct corpus c;
	struct diag_list dl;
	put("a.md", "A\n");
	symlink_tmp("does-not-exist", "b.md");
	symlink_tmp("does-not-exist", "c.log"); /* not an article name */
	put("d.md", "D\n");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 2);
	cr_assert_eq(dl.n, 1);
	assert_diag(
	        &dl, 0, DIAG_WARNING,
	        "$TMP/b.md: warning: cannot read: No such file or directory");
	cr_expect_str_eq(c.v[0].title, "A");
	cr_expect_str_eq(c.v[1].title, "D");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, unreadable_files_and_folders_warn_and_the_rest_loads)
{
	struct corpus c;
	struct diag_list dl;
	put("a.md", "A\n");
	put("b.md", "B\n");
	mkdir_tmp("c");
	put("c/x.md", "X\n");
	put("d.md", "D\n");
	char *b = tmp_path("b.md"), *cdir = tmp_path("c");
	/* As root, permissions stop nothing: be nobody, owning the files. */
	if (geteuid() == 0) {
		const char *own[] = {"a.md", "b.md", "c", "c/x.md", "d.md"};
		for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
			char *p = tmp_path(own[i]);
			cr_assert_eq(chown(p, 65534, 65534), 0);
			free(p);
		}
	}
	support_drop_root(tmp);
	cr_assert_eq(chmod(b, 0), 0);
	cr_assert_eq(chmod(cdir, 0), 0);
	corpus_init(&c);
	diag_list_init(&dl);
	int n = add_tmp(&c, NULL, &dl);
	cr_assert_eq(n, 2);
	cr_assert_eq(dl.n, 2);
	assert_diag(&dl, 0, DIAG_WARNING,
	            "$TMP/b.md: warning: cannot read: Permission denied");
	assert_diag(&dl, 1, DIAG_WARNING,
	            "$TMP/c: warning: cannot read folder: Permission "
	            "denied");
	cr_expect_str_eq(c.v[0].title, "A");
	cr_expect_str_eq(c.v[1].title, "D");
	corpus_fini(&c);
	diag_list_fini(&dl);

	/* Named directly, an unreadable file is an error. */
	corpus_init(&c);
	diag_list_init(&dl);
	n = corpus_add_path(&c, b, &dl);
	cr_assert_eq(n, -1);
	assert_diag(&dl, 0, DIAG_ERROR,
	            "$TMP/b.md: cannot read: Permission denied");
	free(b);
	free(cdir);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, a_file_with_nul_bytes_in_its_head_is_skipped)
{
	struct corpus c;
	struct diag_list dl;
	put("a.md", "A\n");
	put_len("b.md", "PNG\0\0\x01binary", 12);
	put("c.md", "C\n");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 2);
	cr_assert_eq(dl.n, 1);
	assert_diag(&dl, 0, DIAG_WARNING,
	            "$TMP/b.md: warning: contains NUL bytes, skipped (binary "
	            "file?)");
	cr_expect_str_eq(c.v[1].title, "C");
	corpus_fini(&c);
	diag_list_fini(&dl);

	/* Named directly it is skipped too, which is not an error. */
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, "b.md", &dl), 0);
	cr_assert_eq(diag_count(&dl, DIAG_ERROR), 0);
	cr_assert_eq(diag_count(&dl, DIAG_WARNING), 1);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

/* ------------------------------------------------------------ titles */

Test(corpus, the_front_matter_title_wins)
{
	struct corpus c;
	struct diag_list dl;
	const char *text = "---\ntitle: From YAML\nauthor: A\n---\n# Heading\n"
	                   "Text.\n";
	put("a.md", text);
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 1);
	cr_expect_str_eq(c.v[0].title, "From YAML");
	cr_expect_str_eq(c.v[0].fm.author, "A");
	/* The body starts right after the closing line. */
	cr_expect_eq(c.v[0].body_offset, strlen("---\ntitle: From YAML\n"
	                                        "author: A\n---\n"));
	cr_assert_eq(corpus_load_body(&c, 0, &dl), 0);
	cr_expect_str_eq(c.v[0].body, "# Heading\nText.\n");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, the_title_falls_back_to_the_first_line_without_hashes)
{
	static const struct {
		const char *text, *title, *body;
	} cases[] = {
	        {"# Hello\nText.\n", "Hello", "Text.\n"},
	        {"\n \n\t\n## Hello there  \r\n\r\nText.", "Hello there",
	         "\nText."},
	        {"###### Six\n", "Six", ""},
	        {"####### Seven\n", "####### Seven", ""},
	        {"#hashtag\n", "#hashtag", ""},
	        {"  Indented title\t \nx", "Indented title", "x"},
	        {"Only line", "Only line", ""},
	        {"---\nauthor: A\n---\n\n# From body\nText\n", "From body",
	         "Text\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct corpus c;
		struct diag_list dl;
		char *name = xasprintf("t%zu.md", i);
		load_one(&c, &dl, name, cases[i].text);
		cr_expect_eq(dl.n, 0, "case %zu", i);
		cr_expect_str_eq(c.v[0].title, cases[i].title, "case %zu", i);
		cr_expect_str_eq(c.v[0].body, cases[i].body, "case %zu", i);
		free(name);
		corpus_fini(&c);
		diag_list_fini(&dl);
	}
}

Test(corpus, an_empty_body_takes_the_file_name_as_title)
{
	static const char *const texts[] = {
	        "",      "\n\n   \n", "---\nauthor: A\n---\n", "---\n---\n\n",
	        "## \n",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		struct corpus c;
		struct diag_list dl;
		char *name = xasprintf("empty-%zu.md", i);
		put(name, texts[i]);
		corpus_init(&c);
		diag_list_init(&dl);
		cr_assert_eq(add_tmp(&c, name, &dl), 1);
		cr_expect_str_eq(c.v[0].title, name, "case %zu", i);
		free(name);
		corpus_fini(&c);
		diag_list_fini(&dl);
	}
}

Test(corpus, a_bom_is_stripped)
{
	struct corpus c;
	struct diag_list dl;
	load_one(&c, &dl, "a.md", "\xEF\xBB\xBFHello\r\nbody\r\n");
	cr_expect_str_eq(c.v[0].title, "Hello");
	cr_expect_eq(c.v[0].body_offset, 10);
	cr_expect_str_eq(c.v[0].body, "body\n");
	corpus_fini(&c);
	diag_list_fini(&dl);

	load_one(&c, &dl, "b.md", "\xEF\xBB\xBF---\ntitle: T\n---\nbody\n");
	cr_expect_str_eq(c.v[0].title, "T");
	cr_expect_str_eq(c.v[0].body, "body\n");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, bad_front_matter_warns_and_the_article_still_loads)
{
	struct corpus c;
	struct diag_list dl;
	load_one(&c, &dl, "a.md", "---\ntitle: [oops\n---\n# Fallback\nText\n");
	cr_assert_eq(dl.n, 1);
	cr_expect_eq(dl.v[0].level, DIAG_WARNING);
	cr_expect_eq(dl.v[0].line, 3);
	cr_expect_str_eq(c.v[0].title, "Fallback");
	cr_expect_str_eq(c.v[0].body, "Text\n");
	corpus_fini(&c);
	diag_list_fini(&dl);

	load_one(&c, &dl, "b.md", "---\ntitle: x\n\nText\n");
	cr_assert_eq(dl.n, 1);
	assert_diag(&dl, 0, DIAG_WARNING,
	            "$TMP/b.md:1:1: warning: front matter: no closing '---' "
	            "line");
	/* No front matter after all, and the lone "---" is not the title:
	 * the text starts after it. */
	cr_expect_str_eq(c.v[0].title, "title: x");
	cr_expect_eq(c.v[0].body_offset, 13);
	cr_expect_str_eq(c.v[0].body, "\nText\n");
	corpus_fini(&c);
	diag_list_fini(&dl);

	load_one(&c, &dl, "c.md", "---\n\n# A rule, then the title\nText\n");
	cr_expect_str_eq(c.v[0].title, "A rule, then the title");
	cr_expect_str_eq(c.v[0].body, "Text\n");
	corpus_fini(&c);
	diag_list_fini(&dl);

	load_one(&c, &dl, "only-a-rule.md", "---\n");
	cr_expect_str_eq(c.v[0].title, "only-a-rule.md");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

/* ------------------------------------------------------- long heads */

Test(corpus, front_matter_longer_than_the_head_is_read_whole)
{
	struct corpus c;
	struct diag_list dl;
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "---\ntitle: Long\nnote: ");
	for (int i = 0; i < 200000; i++)
		sb_addch(&sb, 'a' + i % 26);
	sb_addstr(&sb, "\n---\nBody\n");
	load_one_len(&c, &dl, "a.md", sb.buf, sb.len);
	cr_assert_eq(dl.n, 0);
	cr_expect_str_eq(c.v[0].title, "Long");
	cr_expect_eq(c.v[0].fm.nextra, 1);
	cr_expect_eq(strlen(c.v[0].fm.extra[0].value), 200000);
	cr_expect_str_eq(c.v[0].body, "Body\n");
	sb_fini(&sb);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, a_title_line_beyond_the_head_is_found)
{
	struct corpus c;
	struct diag_list dl;
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 100000; i++)
		sb_addstr(&sb, " \n");
	sb_addstr(&sb, "# Far away\nBody\n");
	load_one_len(&c, &dl, "a.md", sb.buf, sb.len);
	cr_expect_str_eq(c.v[0].title, "Far away");
	cr_expect_str_eq(c.v[0].body, "Body\n");
	sb_reset(&sb);
	corpus_fini(&c);
	diag_list_fini(&dl);

	/* A first line longer than the head is the title, cut to 400
	 * bytes and an ellipsis; the body starts after the line. */
	for (int i = 0; i < 100000; i++)
		sb_addch(&sb, 'x');
	sb_addstr(&sb, "\nBody\n");
	load_one_len(&c, &dl, "b.md", sb.buf, sb.len);
	cr_expect_eq(strlen(c.v[0].title), 403);
	cr_expect_str_eq(c.v[0].body, "Body\n");
	sb_fini(&sb);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

/* ---------------------------------------------------- the bundled one */

Test(corpus, the_bundled_corpus_has_the_nine_articles_in_order)
{
	static const char *const titles[] = {
	        "\u2018No technical grounds\u2019 to ban Huawei says UK "
	        "Parliament committee",
	        "In China, the government controls everything except the "
	        "100,000 hackers attacking Western targets every day",
	        "IBM and Google reportedly swap morals for cash in Chinese "
	        "surveillance JV",
	        "US/Huawei saga enters the realm of \u2018who knows what going "
	        "on?\u2019",
	        "China responsible for one in seven attacks on UK business "
	        "\u2013 report",
	        "Study tenuously links Huawei to the Chinese state",
	        "Ren\u2019s back to tell us how Huawei is starting to ditch "
	        "the "
	        "US",
	        "Trump\u2019s Huawei de-escalation plans face broad domestic "
	        "opposition",
	        "What can Western businesses learn from China\u2019s digital "
	        "innovators?",
	};
	struct corpus c;
	struct diag_list dl;
	struct doc d;
	corpus_init(&c);
	diag_list_init(&dl);
	doc_init(&d);
	cr_assert_eq(corpus_add_path(&c, BUNDLED, &dl), 9);
	cr_assert_eq(dl.n, 0);
	for (size_t i = 0; i < 9; i++) {
		struct article *a = &c.v[i];
		cr_expect_str_eq(a->title, titles[i]);
		cr_expect_str_eq(a->fm.source, "telecoms.com");
		cr_expect_null(a->fm.date);
		cr_expect_geq(a->fm.ntags, 3);
		cr_expect_eq(a->fm.nextra, 0);
		cr_assert_eq(corpus_load_body(&c, i, &dl), 0);
		cr_expect_gt(article_words(a), 300);
		doc_parse(&d, a->body, a->body_len);
		size_t headings = 0;
		for (size_t j = 0; j < d.n; j++)
			headings += d.v[j].kind == BLOCK_HEADING;
		cr_expect_eq(headings,
		             i == 1   ? 3
		             : i == 8 ? 2
		                      : 0,
		             "article %zu", i + 1);
	}
	cr_expect_str_eq(c.v[1].fm.author, "John Strand");
	cr_expect_str_eq(c.v[8].fm.author, "Angus Ward");
	for (size_t i = 2; i < 8; i++)
		cr_expect_null(c.v[i].fm.author);
	cr_expect_null(c.v[0].fm.author);
	cr_expect_eq(dl.n, 0);
	doc_fini(&d);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(corpus, long_titles_are_cut_and_a_huge_first_line_is_not_read_whole)
{
	struct corpus c;
	struct diag_list dl;
	/* A 3 MB first line of 'é': cut on a character boundary. */
	size_t n = 3 * 1024 * 1024;
	char *text = xmalloc(n + 16);
	for (size_t i = 0; i < n; i += 2)
		memcpy(text + i, "\xc3\xa9", 2);
	memcpy(text + n, "\n\nBody\n", 8);
	load_one_len(&c, &dl, "long.txt", text, n + 7);
	cr_assert_eq(c.n, 1);
	size_t tl = strlen(c.v[0].title);
	cr_assert_leq(tl, 400 + 3, "title of %zu bytes", tl);
	cr_assert_gt(tl, 300);
	cr_assert(utf8_valid(c.v[0].title, tl));
	cr_assert_str_eq(c.v[0].title + tl - 3, "\xe2\x80\xa6");
	/* The head stopped at a megabyte: the rest of the line is body. */
	cr_assert_leq(c.v[0].body_offset, 1024 * 1024);
	corpus_fini(&c);
	diag_list_fini(&dl);
	free(text);

	/* A front matter title, likewise. */
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "---\ntitle: '");
	for (int i = 0; i < 5000; i++)
		sb_addstr(&sb, "word ");
	sb_addstr(&sb, "'\n---\nBody\n");
	load_one(&c, &dl, "fm.md", sb.buf);
	cr_assert_leq(strlen(c.v[0].title), 400 + 3);
	corpus_fini(&c);
	diag_list_fini(&dl);
	sb_fini(&sb);
}

/* Asked to (--list), articles read whole for their heads are counted
 * there: as their bodies count, CRLF and front matter and all; one longer
 * than the head's read is counted from its body, as before.  Off by
 * default.  In a folder (the walk's thread reads heads) and alone. */
Test(corpus, words_counted_on_read_are_the_bodies_words)
{
	struct strbuf big;
	sb_init(&big);
	sb_addstr(&big, "Big\n\n");
	while (big.len < 100 * 1024)
		sb_addstr(&big, "word ");
	put("a.md", "Title\r\n\r\none two\r\nthree\r\n");
	put("b.md", "---\ntitle: T\n---\nfour  five\tsix\n\nseven");
	put("c.md", "# Only a title\n");
	put("d.md", big.buf);
	static const size_t want[] = {3, 4, 0, 0};
	for (int on = 0; on < 2; on++)
		for (int alone = 0; alone < 2; alone++) {
			struct corpus c;
			struct diag_list dl;
			corpus_init(&c);
			diag_list_init(&dl);
			if (on)
				corpus_count_words_on_read(&c);
			if (alone)
				cr_assert_eq(add_tmp(&c, "b.md", &dl), 1);
			else
				cr_assert_eq(add_tmp(&c, NULL, &dl), 4);
			for (size_t i = 0; i < c.n; i++) {
				size_t f = alone ? 1 : i;
				bool known = on && f != 3;
				cr_assert_eq(c.v[i].words_known, known,
				             "on %d, alone %d, file %zu", on,
				             alone, f);
				if (!known)
					continue;
				cr_assert_eq(c.v[i].words, want[f], "file %zu",
				             f);
				cr_assert_eq(corpus_load_body(&c, i, &dl), 0);
				cr_assert_eq(doc_word_count(c.v[i].body,
				                            c.v[i].body_len),
				             want[f], "file %zu's body", f);
			}
			corpus_fini(&c);
			diag_list_fini(&dl);
		}
	sb_fini(&big);
}

/* A folder of 64 files or more has its heads read ahead on a thread
 * (prestat.h): counted there too. */
Test(corpus, words_counted_on_read_by_the_walks_thread)
{
	char name[32], text[128];
	for (int i = 0; i < 150; i++) {
		snprintf(name, sizeof name, "f%03d.md", i);
		snprintf(text, sizeof text, "Title %d\n\n%.*s", i, 2 * (i % 7),
		         "a b c d e f g h");
		put(name, text);
	}
	struct corpus c;
	struct diag_list dl;
	corpus_init(&c);
	diag_list_init(&dl);
	corpus_count_words_on_read(&c);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 150);
	for (size_t i = 0; i < c.n; i++) {
		cr_assert(c.v[i].words_known, "f%03zu.md", i);
		cr_assert_eq(c.v[i].words, i % 7, "f%03zu.md", i);
	}
	corpus_fini(&c);
	diag_list_fini(&dl);
}
