/*
 * prestat.h - a folder's files stat'ed ahead, on a second thread.
 *
 * A start on a big corpus with its heads cached is one fstatat per file
 * (the cache's entries are checked against each file's size, times and
 * inode), a third of the time on 10,000 articles.  The walk goes through
 * the names in order; a second thread stats them from the last one back,
 * and where the two meet the work is done: each name is stat'ed once, by
 * whichever comes to it first.  When the thread gets no time (a busy
 * machine) the walk stats everything itself, as if it were not there; a
 * result is the same either way.
 */
#ifndef LECTERN_PRESTAT_H
#define LECTERN_PRESTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

struct prestat;

/* Below this many names a thread is not worth its start. */
#define PRESTAT_MIN 64

/*
 * Starts statting names[0..n) (fstatat relative to dirfd, following
 * symbolic links; a NULL name is skipped) on a thread, when there are
 * PRESTAT_MIN names or more and a thread can be started.  names and dirfd
 * must stay valid until prestat_stop.
 */
struct prestat *prestat_start(int dirfd, const char *const *names, size_t n);

/*
 * The stat of names[i] (not NULL) into *st: the thread's when it has
 * come to it, else stat'ed now.  Returns false with errno set when it
 * could not be stat'ed.
 */
bool prestat_get(struct prestat *p, size_t i, struct stat *st);

/* Stops the thread (at the next name) and frees p. */
void prestat_stop(struct prestat *p);

#endif
