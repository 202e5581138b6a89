/*
 * test_body.c - reading articles' bodies (corpus_load_body): only when
 * asked, front matter cut off, CRLF made LF, NUL bytes kept with a
 * warning, a file gone or shortened since start-up; a big body read whole
 * and exact into memory reserved for its size (on huge pages where the
 * kernel has them).
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, symlink, lstat */
#include "corpus_fixture.h"

TestSuite(body, .init = make_tmp, .fini = remove_tmp);

Test(body, bodies_are_read_only_when_asked_and_crlf_becomes_lf)
{
	struct corpus c;
	struct diag_list dl;
	const char *text = "---\r\ntitle: T\r\n---\r\nLine one\r\nline two\r\n"
	                   "\r\nPara\rwith a lone CR\r\n";
	put("a.md", text);
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 1);
	cr_assert(!c.v[0].body_loaded);
	cr_assert_eq(c.v[0].body_offset, strlen("---\r\ntitle: T\r\n---\r\n"));
	cr_assert_eq(corpus_load_body(&c, 0, &dl), 0);
	cr_assert(c.v[0].body_loaded);
	cr_assert_str_eq(c.v[0].body,
	                 "Line one\nline two\n\nPara\rwith a lone CR\n");
	cr_assert_eq(c.v[0].body_len, strlen(c.v[0].body));
	cr_assert_eq(article_words(&c.v[0]), 9);
	cr_assert_eq(dl.n, 0);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(body, bodies_can_be_unloaded_and_read_again)
{
	struct corpus c;
	struct diag_list dl;
	load_one(&c, &dl, "a.md", "Title\nold body\n");
	cr_assert_str_eq(c.v[0].body, "old body\n");
	/* A second load does not read the file again. */
	put("a.md", "Title\nnew body, longer\n");
	cr_assert_eq(corpus_load_body(&c, 0, &dl), 0);
	cr_assert_str_eq(c.v[0].body, "old body\n");
	corpus_unload_body(&c, 0);
	cr_assert(!c.v[0].body_loaded);
	cr_assert_null(c.v[0].body);
	cr_assert_eq(corpus_load_body(&c, 0, &dl), 0);
	cr_assert_str_eq(c.v[0].body, "new body, longer\n");
	cr_assert_eq(article_words(&c.v[0]), 3);
	corpus_unload_body(&c, 0);
	corpus_unload_body(&c, 0);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(body, a_body_gone_since_start_up_is_an_error_and_empty)
{
	struct corpus c;
	struct diag_list dl;
	put("a.md", "Title\nbody\n");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 1);
	char *path = tmp_path("a.md");
	cr_assert_eq(unlink(path), 0);
	free(path);
	cr_assert_eq(corpus_load_body(&c, 0, &dl), -1);
	assert_diag(&dl, 0, DIAG_ERROR,
	            "$TMP/a.md: cannot read: No such file or directory");
	cr_assert_not_null(c.v[0].body);
	cr_assert_str_eq(c.v[0].body, "");
	cr_assert_eq(c.v[0].body_len, 0);
	cr_assert_eq(article_words(&c.v[0]), 0);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(body, a_body_shorter_than_at_start_up_is_empty)
{
	struct corpus c;
	struct diag_list dl;
	put("a.md", "---\ntitle: T\n---\nbody\n");
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, NULL, &dl), 1);
	put("a.md", "x");
	cr_assert_eq(corpus_load_body(&c, 0, &dl), 0);
	cr_assert_str_eq(c.v[0].body, "");
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(body, nul_bytes_past_the_head_are_kept_with_a_warning)
{
	struct corpus c;
	struct diag_list dl;
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "Title\n");
	for (int i = 0; i < 70000; i++)
		sb_addch(&sb, i % 80 == 79 ? '\n' : 'w');
	sb_add(&sb, "\0tail", 5);
	load_one_len(&c, &dl, "a.md", sb.buf, sb.len);
	cr_assert_eq(dl.n, 1);
	assert_diag(&dl, 0, DIAG_WARNING,
	            "$TMP/a.md: warning: contains NUL bytes (shown as ^@)");
	cr_expect_eq(c.v[0].body_len, sb.len - 6);
	cr_expect_eq(strlen(c.v[0].body), 70000);
	cr_expect_eq(memcmp(c.v[0].body + 70000, "\0tail", 6), 0);
	sb_fini(&sb);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

/* A 6 MB article: front matter, then numbered lines ending in eol. */
#define NLINES 200000
static void
write_big(const char *eol)
{
	char *path = tmp_path("big.md");
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	free(path);
	fprintf(f, "---%stitle: Big%s---%s", eol, eol, eol);
	for (int i = 0; i < NLINES; i++)
		fprintf(f, "line %06d of the big article%s", i, eol);
	fprintf(f, "the end");
	cr_assert_eq(fclose(f), 0);
}

static void
assert_body(const struct article *a)
{
	const char *p = a->body;
	char want[64];
	cr_assert_eq(a->body_len, (size_t)NLINES * 31 + 7);
	cr_assert_eq(strlen(a->body), a->body_len, "no NUL inside, one after");
	for (int i = 0; i < NLINES; i += 997) {
		snprintf(want, sizeof want, "line %06d of the big article\n",
		         i);
		cr_assert_eq(memcmp(p + (size_t)i * 31, want, 31), 0,
		             "line %d: %.31s", i, p + (size_t)i * 31);
	}
	cr_assert_str_eq(p + a->body_len - 7, "the end");
}

static void
load(const char *eol)
{
	struct corpus c;
	struct diag_list dl;
	write_big(eol);
	corpus_init(&c);
	diag_list_init(&dl);
	cr_assert_eq(add_tmp(&c, "big.md", &dl), 1);
	cr_assert_str_eq(c.v[0].title, "Big");
	cr_assert_eq(corpus_load_body(&c, 0, &dl), 0);
	cr_assert_eq(dl.n, 0);
	cr_assert_eq(c.v[0].body_line, 4);
	assert_body(&c.v[0]);
	/* Unloaded and read again: the same. */
	corpus_unload_body(&c, 0);
	cr_assert_eq(corpus_load_body(&c, 0, &dl), 0);
	assert_body(&c.v[0]);
	corpus_fini(&c);
	diag_list_fini(&dl);
}

Test(body, a_big_body_is_read_whole_and_exact)
{
	load("\n");
}

Test(body, a_big_body_with_crlf_is_read_whole_with_lf)
{
	load("\r\n");
}
