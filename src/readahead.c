/*
 * readahead.c - a folder's files read whole ahead of a visit, on a second
 * thread: see readahead.h.
 *
 * Each name has a state, as in prestat.c: free, taken by the thread (with
 * a compare-and-swap, as the walk takes it, so only one of them reads
 * it), read (published with release order), left (too big: the walk's)
 * or the walk's.  Name i goes to ring buffer i % READAHEAD_RING, which is
 * free once the walk is done with name i - READAHEAD_RING; the thread
 * sleeps on a condition until the walk is done with half the ring.
 */
#define _DEFAULT_SOURCE
#include "readahead.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#include "corpus_int.h"

enum {
	FREE,
	TAKEN, /* by the thread, being read */
	READ,  /* by the thread, read */
	LEFT,  /* by the thread, too big: the walk reads it */
	MINE,  /* by the walk */
};

struct readahead {
	int dirfd;
	const char *const *names;
	size_t n;
	pthread_t thread;
	bool threaded;
	atomic_uchar *state;  /* per name */
	struct ra_file *ring; /* READAHEAD_RING of them */
	atomic_size_t done;   /* the walk is done with names [0, done) */
	atomic_size_t want;   /* the thread sleeps until done >= want; 0: not */
	atomic_bool stop;
	atomic_size_t count; /* files the thread read */
	struct ra_file *own; /* the walk's, read ahead while it waited */
	size_t own_i;        /* its name; n: none */
	pthread_mutex_t lock;
	pthread_cond_t room;
};

/* Reads the file into f, unless it is bigger than max: false then (f->st
 * is its stat, nothing read). */
static bool
read_upto(int dirfd, const char *name, struct ra_file *f, size_t max)
{
	sb_reset(&f->sb);
	int rc = corpus_read_file(dirfd, name, &f->st, max, &f->sb);
	f->err = errno;
	f->rc = rc < 0 ? -1 : 0;
	return rc != 1;
}

void
readahead_read(int dirfd, const char *name, struct ra_file *f)
{
	read_upto(dirfd, name, f, (size_t)-1);
}

/* Takes name i for who (TAKEN or MINE) if no one has; false if taken. */
static bool
take(struct readahead *ra, size_t i, unsigned char who)
{
	unsigned char free_ = FREE;
	return atomic_compare_exchange_strong(&ra->state[i], &free_, who);
}

/* On the thread: waits until the walk is done with name upto - 1 (or is
 * stopped); false when stopped. */
static bool
wait_room(struct readahead *ra, size_t upto)
{
	if (atomic_load(&ra->done) >= upto)
		return !atomic_load(&ra->stop);
	pthread_mutex_lock(&ra->lock);
	atomic_store(&ra->want, upto);
	while (atomic_load(&ra->done) < upto && !atomic_load(&ra->stop))
		pthread_cond_wait(&ra->room, &ra->lock);
	atomic_store(&ra->want, 0);
	pthread_mutex_unlock(&ra->lock);
	return !atomic_load(&ra->stop);
}

static void *
run(void *arg)
{
	struct readahead *ra = arg;
	for (size_t i = 0; i < ra->n; i++) {
		if (atomic_load_explicit(&ra->stop, memory_order_relaxed))
			break;
		if (!ra->names[i])
			continue;
		/* Buffer i % READAHEAD_RING is free when the walk is done
		 * with name i - READAHEAD_RING; asleep, until it is done with
		 * half the ring. */
		if (i >= READAHEAD_RING &&
		    atomic_load(&ra->done) <= i - READAHEAD_RING &&
		    !wait_room(ra, i - READAHEAD_RING / 2 + 1))
			break;
		if (!take(ra, i, TAKEN))
			continue; /* the walk's: it is ahead */
		struct ra_file *f = &ra->ring[i % READAHEAD_RING];
		bool read =
		        read_upto(ra->dirfd, ra->names[i], f, READAHEAD_FILE);
		atomic_store_explicit(&ra->state[i], read ? READ : LEFT,
		                      memory_order_release);
		atomic_fetch_add(&ra->count, read);
	}
	return NULL;
}

struct ra_ring *
ra_ring_new(void)
{
	struct ra_ring *ring = xmalloc(sizeof *ring);
	/* Room for most articles from the start: grown by doubling from
	 * sb_init's 64 bytes, each buffer was reallocated a dozen times. */
	for (size_t k = 0; k <= READAHEAD_RING; k++) {
		struct ra_file *f =
		        k < READAHEAD_RING ? &ring->f[k] : &ring->own;
		sb_init(&f->sb);
		sb_reserve(&f->sb, 16 * 1024);
	}
	return ring;
}

void
ra_ring_free(struct ra_ring *ring)
{
	if (!ring)
		return;
	for (size_t k = 0; k < READAHEAD_RING; k++)
		sb_fini(&ring->f[k].sb);
	sb_fini(&ring->own.sb);
	free(ring);
}

struct readahead *
readahead_start(int dirfd, const char *const *names, size_t n,
                struct ra_ring **ring)
{
	size_t want = 0;
	for (size_t i = 0; i < n; i++)
		want += names[i] != NULL;
	if (want < READAHEAD_MIN)
		return NULL;

	struct readahead *ra = xcalloc(1, sizeof *ra);
	ra->dirfd = dirfd;
	ra->names = names;
	ra->n = n;
	ra->state = xmalloc(n * sizeof *ra->state);
	for (size_t i = 0; i < n; i++)
		atomic_init(&ra->state[i], FREE);
	if (!*ring)
		*ring = ra_ring_new();
	ra->ring = (*ring)->f;
	ra->own = &(*ring)->own;
	ra->own_i = n;
	atomic_init(&ra->done, 0);
	atomic_init(&ra->want, 0);
	atomic_init(&ra->stop, false);
	atomic_init(&ra->count, 0);
	pthread_mutex_init(&ra->lock, NULL);
	pthread_cond_init(&ra->room, NULL);
	ra->threaded = thread_start(&ra->thread, run, ra);
	if (!ra->threaded) {
		readahead_stop(ra);
		return NULL;
	}
	return ra;
}

/* While the thread reads name i: the walk reads the next name no one
 * has taken, if any, into its own buffer. */
static void
read_next(struct readahead *ra, size_t i)
{
	size_t j = i + 1;
	while (j < ra->n && !ra->names[j])
		j++;
	if (j < ra->n && take(ra, j, MINE))
		ra->own_i = read_upto(ra->dirfd, ra->names[j], ra->own,
		                      READAHEAD_FILE)
		                    ? j
		                    : ra->n;
}

struct ra_file *
readahead_get(struct readahead *ra, size_t i)
{
	if (i == ra->own_i) {
		ra->own_i = ra->n;
		return ra->own;
	}
	if (take(ra, i, MINE))
		return NULL;
	/* The thread's: read, or being read (one open, read and close). */
	unsigned char s;
	bool busy = ra->own_i != ra->n;
	while ((s = atomic_load_explicit(&ra->state[i],
	                                 memory_order_acquire)) == TAKEN) {
		if (busy) {
			sched_yield();
		} else {
			read_next(ra, i);
			busy = true;
		}
	}
	return s == READ ? &ra->ring[i % READAHEAD_RING] : NULL;
}

void
readahead_done(struct readahead *ra, size_t i)
{
	atomic_store(&ra->done, i + 1);
	size_t want = atomic_load(&ra->want);
	if (want && i + 1 >= want) {
		pthread_mutex_lock(&ra->lock);
		pthread_cond_signal(&ra->room);
		pthread_mutex_unlock(&ra->lock);
	}
}

size_t
readahead_count(struct readahead *ra)
{
	return atomic_load(&ra->count);
}

void
readahead_stop(struct readahead *ra)
{
	if (!ra)
		return;
	if (ra->threaded) {
		pthread_mutex_lock(&ra->lock);
		atomic_store(&ra->stop, true);
		pthread_cond_signal(&ra->room);
		pthread_mutex_unlock(&ra->lock);
		pthread_join(ra->thread, NULL);
	}
	pthread_mutex_destroy(&ra->lock);
	pthread_cond_destroy(&ra->room);
	free(ra->state);
	free(ra);
}
