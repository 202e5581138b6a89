/*
 * run.h - running a shell command with text on its standard input (the
 * article piped with |), the way system() does: sh -c, SIGINT and SIGQUIT
 * ignored by lectern while it waits, the command's own signals left to it.
 */
#ifndef LECTERN_RUN_H
#define LECTERN_RUN_H

#include <stddef.h>

/*
 * Runs "sh -c cmd" with input[0..len) on its standard input and its
 * standard output on out_fd (-1: lectern's own).  A command that stops
 * reading early (| head -1) is not an error.  Returns its exit status,
 * 128 + N when signal N ended it, or -1 when it could not be started
 * (errno set).
 */
int run_pipe(const char *cmd, const char *input, size_t len, int out_fd);

/* "exit 0", "exit 2", "killed by signal 9": what run_pipe's status says,
 * in buf[0..size). */
void run_status_text(int status, char *buf, size_t size);

#endif
