/*
 * saver.h - saving the reading state without stopping the reader.
 *
 * A save locks the state file, reads it, merges and writes it: with a big
 * file, or while another lectern holds the lock, that takes seconds.  The
 * interactive loop therefore saves in a child process: fork gives the
 * child a copy of the state as it is (the changes just collected), the
 * child writes it and reports through a pipe, and the loop goes on
 * answering keys; it only learns the outcome.  A failure keeps the changes
 * (session.h) for the next try.  Part of the program, not of the core:
 * it starts processes.
 */
#ifndef LECTERN_SAVER_H
#define LECTERN_SAVER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "session.h"

/* How long a background save waits for another process's lock. */
#define SAVER_LOCK_WAIT_MS 2000

struct saver {
	pid_t pid;          /* the child writing, or 0 */
	int fd;             /* its report, or -1 */
	int64_t busy_since; /* ms: saves kept failing on the lock since */
};

void saver_init(struct saver *sv);

/* Starts writing s's collected changes in a child; false when a write is
 * already running (try again when it ends) or fork failed (then it was
 * written here, with what session_write says in diags). */
bool saver_start(struct saver *sv, struct session *s, struct diag_list *diags);

/* The descriptor to wait on while a write runs; -1 when none does. */
int saver_fd(const struct saver *sv);

/*
 * Reaps the child once saver_fd is readable: 0 written, STATE_BUSY, or
 * -1; *msg is what it said (caller frees; NULL when nothing).  A success
 * is recorded in s (session_written).
 */
int saver_finish(struct saver *sv, struct session *s, char **msg);

/* Waits for a running write to end, as saver_finish. */
int saver_wait(struct saver *sv, struct session *s, char **msg);

#endif
