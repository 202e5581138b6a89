/*
 * readahead.h - a folder's files read whole ahead of a visit, on a second
 * thread.
 *
 * corpus_visit (--grep) reads every article file of a folder whole, in
 * name order, and hands each over; the kernel's open, read and close were
 * half its time.  A second thread reads the files in the same order into
 * a ring of READAHEAD_RING buffers, each kept and used again (no memory
 * is allocated per file, none is held but the ring), while the walk
 * matches and prints the ones before.  Each name is taken once, by
 * whichever comes to it first: the thread when it is ahead, the walk
 * (reading the file itself) when the thread is behind.  When the thread
 * is reading the very file the walk wants, the walk reads the one after
 * it meanwhile, so the two share the reading when it is the slower part.
 * When the ring is full the thread sleeps until half of it is free.  A
 * result is the same with or without the thread.
 */
#ifndef LECTERN_READAHEAD_H
#define LECTERN_READAHEAD_H

#include <stddef.h>
#include <sys/stat.h>

#include "util.h"

/* Below this many names a thread is not worth its start. */
#define READAHEAD_MIN 32
/* Files read ahead at most (and buffers kept). */
#define READAHEAD_RING 64
/* Bigger files are left to the walk: the ring's buffers stay small. */
#define READAHEAD_FILE (256 * 1024)

/* A file read whole: its bytes and stat, or rc -1 and errno in err when
 * it could not be opened (as a regular file) or read. */
struct ra_file {
	struct strbuf sb;
	struct stat st;
	int rc, err;
};

/* Reads the file name in folder dirfd whole into f (whose sb is
 * initialised, and emptied first). */
void readahead_read(int dirfd, const char *name, struct ra_file *f);

/* The buffers files are read into, used again from folder to folder. */
struct ra_ring {
	struct ra_file f[READAHEAD_RING];
	struct ra_file own; /* one the walk read ahead itself */
};

struct ra_ring *ra_ring_new(void);
void ra_ring_free(struct ra_ring *ring); /* NULL: nothing */

struct readahead;

/* Starts reading names[0..n) (a NULL name is skipped) in folder dirfd on
 * a thread, into *ring (made when NULL); NULL when there are fewer than
 * READAHEAD_MIN names or no thread could be started.  names, dirfd and
 * the ring must stay valid, and the ring not used by another, until
 * readahead_stop. */
struct readahead *readahead_start(int dirfd, const char *const *names, size_t n,
                                  struct ra_ring **ring);

/*
 * Name i (not NULL), taken in increasing order: the file as the thread
 * read it, or NULL when it is the walk's to read (the thread did not come
 * to it yet, or left it: too big).  What is returned is the walk's until
 * readahead_done(ra, i); the walk may empty its sb (but keep it
 * initialised, its buffer for the thread to use again).
 */
struct ra_file *readahead_get(struct readahead *ra, size_t i);

/* The walk is done with name i and every one before it. */
void readahead_done(struct readahead *ra, size_t i);

/* How many files the thread has read so far (for the tests). */
size_t readahead_count(struct readahead *ra);

/* Stops the thread and frees ra (NULL: nothing). */
void readahead_stop(struct readahead *ra);

#endif
