/*
 * corpus_fixture.h - the temporary folder and file helpers of the corpus
 * tests (test_corpus.c, test_body.c): each test, a process of its own,
 * gets a fresh folder, removed after it.
 */
#ifndef LECTERN_TESTS_CORPUS_FIXTURE_H
#define LECTERN_TESTS_CORPUS_FIXTURE_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "corpus.h"
#include "util.h"

/* The temporary folder of the running test (each test is a process). */
static char tmp[] = "/tmp/lectern-test-corpus-XXXXXX";

static inline void
make_tmp(void)
{
	cr_assert_not_null(mkdtemp(tmp), "mkdtemp: %s", strerror(errno));
}

static inline void
rm_rf(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700); /* undo a permission test */
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char *sub = xasprintf("%s/%s", path, e->d_name);
			rm_rf(sub);
			free(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static inline void
remove_tmp(void)
{
	rm_rf(tmp);
}

/* A path in the temporary folder; caller frees. */
static inline char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmp, name);
}

static inline void
put_len(const char *name, const char *data, size_t len)
{
	char *path = tmp_path(name);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
	free(path);
}

static inline void
put(const char *name, const char *data)
{
	put_len(name, data, strlen(data));
}

/*
 * n files "fNNN.md" in the temporary folder, for the tests of a folder's
 * files looked at on a second thread (test_prestat.c, test_readahead.c):
 * file i of size(i) bytes, its byte k being byte(i, k); every eleventh
 * one missing (i % 11 == 3) and every seventh name NULL (i % 7 == 0).
 * names[0..n) gets the names (free_numbered frees them); returns the
 * folder, open.
 */
static inline int
make_numbered(char **names, int n, size_t (*size)(int),
              char (*byte)(int, size_t))
{
	for (int i = 0; i < n; i++) {
		names[i] = xasprintf("f%03d.md", i);
		if (i % 11 == 3)
			continue; /* missing */
		size_t len = size(i);
		char *data = xmalloc(len + 1);
		for (size_t k = 0; k < len; k++)
			data[k] = byte(i, k);
		put_len(names[i], data, len);
		free(data);
	}
	for (int i = 0; i < n; i += 7) {
		free(names[i]);
		names[i] = NULL;
	}
	int fd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cr_assert_geq(fd, 0);
	return fd;
}

static inline void
free_numbered(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
}

static inline void
mkdir_tmp(const char *name)
{
	char *path = tmp_path(name);
	cr_assert_eq(mkdir(path, 0700), 0, "%s: %s", path, strerror(errno));
	free(path);
}

static inline void
symlink_tmp(const char *target, const char *name)
{
	char *path = tmp_path(name);
	cr_assert_eq(symlink(target, path), 0, "%s: %s", path, strerror(errno));
	free(path);
}

/* Adds the temporary folder (or a path in it when name is not NULL). */
static inline int
add_tmp(struct corpus *c, const char *name, struct diag_list *dl)
{
	char *path = name ? tmp_path(name) : xstrdup(tmp);
	int n = corpus_add_path(c, path, dl);
	free(path);
	return n;
}

/* Asserts that diagnostic i, formatted, is want, "$TMP" standing for tmp. */
static inline void
assert_diag(const struct diag_list *dl, size_t i, enum diag_level level,
            const char *want)
{
	struct strbuf sb;
	const char *p;
	cr_assert_gt(dl->n, i, "expected a diagnostic #%zu", i);
	sb_init(&sb);
	while ((p = strstr(want, "$TMP")) != NULL) {
		sb_add(&sb, want, (size_t)(p - want));
		sb_addstr(&sb, tmp);
		want = p + 4;
	}
	sb_addstr(&sb, want);
	char *got = diag_format(&dl->v[i]);
	cr_expect_str_eq(got, sb.buf);
	cr_expect_eq(dl->v[i].level, level);
	free(got);
	sb_fini(&sb);
}

/* The path of article i relative to the folder added. */
static inline const char *
rel(const struct corpus *c, size_t i, const char *top)
{
	const char *p = c->v[i].path;
	size_t n = strlen(top);
	cr_assert(!strncmp(p, top, n) && p[n] == '/', "%s not in %s", p, top);
	return p + n + 1;
}

/* Adds a one-file corpus and loads its body. */
static inline void
load_one_len(struct corpus *c, struct diag_list *dl, const char *name,
             const char *data, size_t len)
{
	put_len(name, data, len);
	corpus_init(c);
	diag_list_init(dl);
	cr_assert_eq(add_tmp(c, name, dl), 1);
	cr_assert_eq(corpus_load_body(c, 0, dl), 0);
}

static inline void
load_one(struct corpus *c, struct diag_list *dl, const char *name,
         const char *text)
{
	load_one_len(c, dl, name, text, strlen(text));
}

#endif
