/* state_support.c - the reading state's tests' helpers: see
 * state_support.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp, nftw */
#endif
#include "state_support.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static char test_tmpdir[] = "/tmp/lectern-state-XXXXXX";

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
state_test_rmdir(void)
{
	if (!strstr(test_tmpdir, "XXXXXX"))
		nftw(test_tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *
state_test_mkdir(void)
{
	cr_assert(strstr(test_tmpdir, "XXXXXX"), "one folder per test");
	cr_assert_not_null(mkdtemp(test_tmpdir));
	return xstrdup(test_tmpdir);
}

void
state_test_write(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "wb");
	cr_assert_not_null(fp, "%s", path);
	cr_assert_eq(fwrite(text, 1, len, fp), len);
	cr_assert_eq(fclose(fp), 0);
}

char *
state_test_format(const struct state *s)
{
	struct strbuf sb;
	sb_init(&sb);
	state_format(s, &sb);
	return sb_detach(&sb);
}

void
state_test_load(struct state *s, const char *path)
{
	struct diag_list dl;
	diag_list_init(&dl);
	state_init(s);
	cr_assert_eq(state_load(s, path, &dl), 0);
	cr_assert_eq(dl.n, 0, "unexpected: %s", dl.n ? dl.v[0].msg : "");
	diag_list_fini(&dl);
}

void
state_test_save(const struct state *s, const char *path)
{
	struct diag_list dl;
	diag_list_init(&dl);
	cr_assert_eq(state_save(s, path, &dl), 0, "%s",
	             dl.n ? dl.v[0].msg : "");
	cr_assert_eq(dl.n, 0, "unexpected: %s", dl.n ? dl.v[0].msg : "");
	diag_list_fini(&dl);
}

struct article_state *
state_test_entry(struct state *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].path, path))
			return &s->v[i];
	cr_assert_fail("no entry for %s", path);
	return NULL;
}
