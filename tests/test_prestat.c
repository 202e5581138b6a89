/*
 * test_prestat.c - a folder's files stat'ed ahead on a second thread:
 * every name's stat is the file's, whoever took it (the thread, or the
 * caller when it comes first), NULL names are skipped, a name that
 * cannot be stat'ed says why, and too few names start no thread.
 */
#define _GNU_SOURCE /* mkdtemp */
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "corpus_fixture.h"
#include "prestat.h"

TestSuite(prestat, .init = make_tmp, .fini = remove_tmp, .timeout = 60);

enum { N = 600 };

/* N names in the temporary folder: files of i bytes, every seventh one
 * NULL, every eleventh one missing. */
static char *names[N];

static int
make_names(void)
{
	for (int i = 0; i < N; i++) {
		names[i] = xasprintf("f%03d.md", i);
		if (i % 11 == 3)
			continue; /* missing */
		char *data = xmalloc((size_t)i + 1);
		memset(data, 'x', (size_t)i);
		put_len(names[i], data, (size_t)i);
		free(data);
	}
	for (int i = 0; i < N; i += 7) {
		free(names[i]);
		names[i] = NULL;
	}
	int fd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cr_assert_geq(fd, 0);
	return fd;
}

static void
free_names(void)
{
	for (int i = 0; i < N; i++)
		free(names[i]);
}

/* Takes every name's stat, in order, after waiting ms milliseconds (so
 * that the thread has done most, or, with 0, few of them), and checks
 * each against fstatat's. */
static void
take_all(int ms)
{
	int fd = make_names();
	struct prestat *p = prestat_start(fd, (const char *const *)names, N);
	struct timespec t = {0, ms * 1000000L};
	if (ms)
		nanosleep(&t, NULL);
	for (int i = 0; i < N; i++) {
		if (!names[i])
			continue;
		struct stat st, want;
		errno = 0;
		bool ok = prestat_get(p, (size_t)i, &st);
		if (i % 11 == 3) {
			cr_assert(!ok, "%s", names[i]);
			cr_assert_eq(errno, ENOENT, "%s", names[i]);
			continue;
		}
		cr_assert(ok, "%s: %s", names[i], strerror(errno));
		cr_assert_eq(fstatat(fd, names[i], &want, 0), 0);
		cr_assert_eq(st.st_ino, want.st_ino, "%s", names[i]);
		cr_assert_eq(st.st_size, i, "%s", names[i]);
		cr_assert(S_ISREG(st.st_mode));
	}
	prestat_stop(p);
	close(fd);
	free_names();
}

Test(prestat, every_stat_is_the_files_when_the_thread_did_most)
{
	take_all(200);
}

Test(prestat, every_stat_is_the_files_when_the_caller_comes_first)
{
	take_all(0);
}

Test(prestat, stopped_before_any_name_is_taken)
{
	int fd = make_names();
	struct prestat *p = prestat_start(fd, (const char *const *)names, N);
	prestat_stop(p); /* the thread is joined, nothing leaks */
	close(fd);
	free_names();
}

Test(prestat, a_few_names_are_stated_by_the_caller)
{
	int fd = make_names();
	/* Fewer than PRESTAT_MIN names: no thread, the same answers. */
	struct prestat *p = prestat_start(fd, (const char *const *)names, 20);
	struct stat st;
	cr_assert(prestat_get(p, 1, &st));
	cr_assert_eq(st.st_size, 1);
	cr_assert(!prestat_get(p, 3, &st));
	cr_assert_eq(errno, ENOENT);
	prestat_stop(p);
	close(fd);
	free_names();
}

Test(prestat, a_name_asked_twice_is_answered_twice)
{
	int fd = make_names();
	struct prestat *p = prestat_start(fd, (const char *const *)names, N);
	struct stat st;
	for (int round = 0; round < 2; round++) {
		cr_assert(prestat_get(p, 1, &st));
		cr_assert_eq(st.st_size, 1);
		cr_assert(prestat_get(p, N - 1, &st));
		cr_assert_eq(st.st_size, N - 1);
	}
	prestat_stop(p);
	close(fd);
	free_names();
}
