/*
 * Unit tests of reading a big article's body (corpus_load_body): read
 * whole and exact into memory reserved for its size (on huge pages where
 * the kernel has them), its front matter cut off and CRLF made LF.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"
#include "util.h"

static char dir[] = "/tmp/lectern-body-XXXXXX";
static char path[64];

static void
setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/big.md", dir);
}

static void
teardown(void)
{
	unlink(path);
	rmdir(dir);
}

TestSuite(body, .init = setup, .fini = teardown);

/* A 6 MB article: front matter, then numbered lines ending in eol. */
#define NLINES 200000
static void
write_big(const char *eol)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
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
	cr_assert_eq(corpus_add_path(&c, path, &dl), 1);
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
