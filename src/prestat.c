/*
 * prestat.c - a folder's files looked at ahead, on a second thread: see
 * prestat.h.
 *
 * Each name has a state: free, taken by the thread (with a compare-and-
 * swap, as the walk takes it, so only one of them stats it), done (the
 * thread's result is there, published with release order) or the walk's.  The
 * thread goes from the last name back and stops at the first one the walk
 * has taken: the walk takes them in order, so every one before is the
 * walk's too.
 */
#define _DEFAULT_SOURCE /* fstatat */
#include "prestat.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "util.h"

enum {
	FREE,
	TAKEN, /* by the thread, being done */
	DONE,  /* by the thread, done */
	MINE,  /* by the caller of prestat_get */
};

struct result {
	struct stat st;
	int err; /* 0: st is the file's; else fstatat's errno */
};

struct prestat {
	int dirfd;
	const char *const *names;
	size_t n;
	bool threaded;
	pthread_t thread;
	atomic_bool stop;
	atomic_uchar *state; /* per name; NULL when not threaded */
	struct result *res;
	prestat_fn *fn;
	void *ctx;
};

/* Takes name i for who (TAKEN or MINE) if no one has; false if taken. */
static bool
take(struct prestat *p, size_t i, unsigned char who)
{
	unsigned char free_ = FREE;
	return atomic_compare_exchange_strong(&p->state[i], &free_, who);
}

static void *
run(void *arg)
{
	struct prestat *p = arg;
	for (size_t i = p->n; i-- > 0;) {
		if (atomic_load_explicit(&p->stop, memory_order_relaxed))
			break;
		if (!p->names[i])
			continue;
		if (!take(p, i, TAKEN))
			break; /* the walk's, and so is every name before */
		struct result *r = &p->res[i];
		r->err = fstatat(p->dirfd, p->names[i], &r->st, 0) < 0 ? errno
		                                                       : 0;
		if (!r->err && p->fn)
			p->fn(p->ctx, i, &r->st);
		atomic_store_explicit(&p->state[i], DONE, memory_order_release);
	}
	return NULL;
}

struct prestat *
prestat_start(int dirfd, const char *const *names, size_t n, prestat_fn *fn,
              void *ctx)
{
	struct prestat *p = xcalloc(1, sizeof *p);
	size_t want = 0;

	p->dirfd = dirfd;
	p->names = names;
	p->n = n;
	p->fn = fn;
	p->ctx = ctx;
	for (size_t i = 0; i < n; i++)
		want += names[i] != NULL;
	if (want < PRESTAT_MIN)
		return p;
	p->state = xcalloc(n, sizeof *p->state);
	p->res = xmalloc(n * sizeof *p->res);
	for (size_t i = 0; i < n; i++)
		atomic_init(&p->state[i], FREE);
	atomic_init(&p->stop, false);
	p->threaded = thread_start(&p->thread, run, p);
	return p;
}

int
prestat_get(struct prestat *p, size_t i, struct stat *st)
{
	if (!p->threaded || take(p, i, MINE))
		return 0;
	/* Asked before, or the thread's: done, or being done (one fstatat
	 * and fn). */
	unsigned char s;
	while ((s = atomic_load_explicit(&p->state[i], memory_order_acquire)) ==
	       TAKEN)
		sched_yield();
	if (s == MINE)
		return 0;
	if (p->res[i].err) {
		errno = p->res[i].err;
		return -1;
	}
	*st = p->res[i].st;
	return 1;
}

void
prestat_stop(struct prestat *p)
{
	if (!p)
		return;
	if (p->threaded) {
		atomic_store_explicit(&p->stop, true, memory_order_relaxed);
		pthread_join(p->thread, NULL);
	}
	free(p->state);
	free(p->res);
	free(p);
}
