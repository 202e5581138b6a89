/*
 * test_prestat.c - a folder's files looked at ahead on a second thread:
 * each name is the thread's (its stat the file's, the function run on it
 * once) or the caller's (nothing done with it), never both; NULL names
 * are skipped, a name the thread cannot stat says why, and too few names
 * start no thread.
 */
#define _GNU_SOURCE /* mkdtemp */
#include <fcntl.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "corpus_fixture.h"
#include "prestat.h"

TestSuite(prestat, .init = make_tmp, .fini = remove_tmp, .timeout = 60);

enum { N = 600 };

/* N names in the temporary folder: files of i bytes, every seventh one
 * NULL, every eleventh one missing. */
static char *names[N];

static size_t
size_of(int i)
{
	return (size_t)i;
}

static char
byte_of(int i, size_t k)
{
	(void)i;
	(void)k;
	return 'x';
}

static int
make_names(void)
{
	return make_numbered(names, N, size_of, byte_of);
}

static void
free_names(void)
{
	free_numbered(names, N);
}

/* What the thread's function saw: how often it ran on each name. */
static atomic_int ran[N];

static void
count_run(void *ctx, size_t i, const struct stat *st)
{
	(void)ctx;
	cr_assert_eq(st->st_size, (off_t)i); /* the name's own stat */
	atomic_fetch_add(&ran[i], 1);
}

/* Waits (polling, 10 s at most) until the thread has done name i. */
static void
wait_for(size_t i)
{
	for (int t = 0; t < 10000 && !atomic_load(&ran[i]); t++) {
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
	}
	cr_assert(atomic_load(&ran[i]), "the thread never came to %zu", i);
}

/* Takes every name in order, after waiting for the thread to have done
 * the last one or not, and checks each answer. */
static void
take_all(bool wait)
{
	int fd = make_names();
	struct prestat *p = prestat_start(fd, (const char *const *)names, N,
	                                  count_run, NULL);
	if (wait)
		wait_for(N - 1);
	int theirs = 0;
	for (int i = 0; i < N; i++) {
		if (!names[i])
			continue;
		struct stat st, want;
		errno = 0;
		int r = prestat_get(p, (size_t)i, &st);
		bool missing = i % 11 == 3;
		if (r < 0) {
			cr_assert(missing, "%s: %s", names[i], strerror(errno));
			cr_assert_eq(errno, ENOENT, "%s", names[i]);
		} else if (r == 1) {
			cr_assert(!missing, "%s", names[i]);
			cr_assert_eq(fstatat(fd, names[i], &want, 0), 0);
			cr_assert_eq(st.st_ino, want.st_ino, "%s", names[i]);
			cr_assert_eq(st.st_size, i, "%s", names[i]);
			cr_assert_eq(atomic_load(&ran[i]), 1, "%s", names[i]);
			theirs++;
		} else {
			cr_assert_eq(r, 0);
		}
	}
	prestat_stop(p);
	/* The function ran on the thread's names only, once each. */
	for (int i = 0; i < N; i++)
		cr_assert_leq(atomic_load(&ran[i]), 1, "%d", i);
	if (wait)
		cr_assert_gt(theirs, 0);
	close(fd);
	free_names();
}

Test(prestat, the_threads_names_are_stated_and_handed_over_once)
{
	take_all(true);
}

Test(prestat, the_callers_names_are_left_to_it)
{
	take_all(false);
}

Test(prestat, stopped_before_any_name_is_taken)
{
	int fd = make_names();
	struct prestat *p = prestat_start(fd, (const char *const *)names, N,
	                                  count_run, NULL);
	prestat_stop(p); /* the thread is joined, nothing leaks */
	close(fd);
	free_names();
}

Test(prestat, a_few_names_start_no_thread)
{
	int fd = make_names();
	/* Fewer than PRESTAT_MIN names: every one is the caller's. */
	struct prestat *p = prestat_start(fd, (const char *const *)names, 20,
	                                  count_run, NULL);
	struct stat st;
	for (size_t i = 1; i < 20; i++)
		if (names[i])
			cr_assert_eq(prestat_get(p, i, &st), 0);
	prestat_stop(p);
	for (int i = 0; i < 20; i++)
		cr_assert_eq(atomic_load(&ran[i]), 0);
	close(fd);
	free_names();
}

Test(prestat, a_name_asked_twice_keeps_its_answer)
{
	int fd = make_names();
	struct prestat *p = prestat_start(fd, (const char *const *)names, N,
	                                  count_run, NULL);
	struct stat st;
	int first = prestat_get(p, 1, &st);
	wait_for(N - 1);
	cr_assert_eq(prestat_get(p, N - 1, &st), 1);
	cr_assert_eq(st.st_size, N - 1);
	cr_assert_eq(prestat_get(p, N - 1, &st), 1, "the thread's stays");
	cr_assert_eq(st.st_size, N - 1);
	cr_assert_eq(prestat_get(p, 1, &st), first == 1 ? 1 : 0);
	prestat_stop(p);
	cr_assert_eq(atomic_load(&ran[N - 1]), 1);
	close(fd);
	free_names();
}
