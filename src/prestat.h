/*
 * prestat.h - a folder's files looked at ahead, on a second thread.
 *
 * A start on a big corpus is one fstatat per file with the heads cache
 * (each entry is checked against its file's size, times and inode), or
 * one open and read of each file's head without it.  The walk goes
 * through the names in order; a second thread takes them from the last
 * one back, stats each and hands it to a function of the caller's (which
 * may read the file's head, or take it from the cache), and where the two
 * meet the work is done: each name is taken once, by whichever comes to
 * it first.  When the thread gets no time (a busy machine) the walk does
 * everything itself, as if it were not there; a result is the same
 * either way.
 */
#ifndef LECTERN_PRESTAT_H
#define LECTERN_PRESTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

struct prestat;

/* Below this many names a thread is not worth its start. */
#define PRESTAT_MIN 64

/* What the thread does with name i once stat'ed (st): on the thread, so
 * it must touch nothing the walk touches but what is name i's. */
typedef void prestat_fn(void *ctx, size_t i, const struct stat *st);

/*
 * Starts taking names[0..n) on a thread (a NULL name is skipped): each is
 * stat'ed (fstatat relative to dirfd, following symbolic links) and, when
 * that succeeds, handed to fn (may be NULL).  Only when there are
 * PRESTAT_MIN names or more and a thread can be started.  names, dirfd
 * and what fn uses must stay valid until prestat_stop.
 */
struct prestat *prestat_start(int dirfd, const char *const *names, size_t n,
                              prestat_fn *fn, void *ctx);

/*
 * Name i (not NULL), for the walk: 1 when the thread took it (*st is its
 * stat, and fn has been run on it), 0 when it is the walk's to do (nothing
 * was done with it), -1 with errno set when the thread could not stat it.
 * A name asked for again is the walk's.
 */
int prestat_get(struct prestat *p, size_t i, struct stat *st);

/* Stops the thread (at the next name) and frees p. */
void prestat_stop(struct prestat *p);

#endif
