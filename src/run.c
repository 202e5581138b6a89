/* run.c - a shell command fed with text (see run.h). */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

int
run_pipe(const char *cmd, const char *input, size_t len, int out_fd)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	/* As system(): the command gets the terminal's ^C, lectern waits;
	 * a reader that leaves early must not kill lectern with SIGPIPE. */
	struct sigaction ign = {.sa_handler = SIG_IGN}, old_int, old_quit,
	                 old_pipe;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGPIPE, &ign, &old_pipe);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(fds[0]);
		close(fds[1]);
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigaction(SIGPIPE, &old_pipe, NULL);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		struct sigaction dfl = {.sa_handler = SIG_DFL};
		sigemptyset(&dfl.sa_mask);
		sigaction(SIGINT, &dfl, NULL);
		sigaction(SIGQUIT, &dfl, NULL);
		sigaction(SIGPIPE, &dfl, NULL);
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		close(fds[1]);
		if (fds[0] != STDIN_FILENO) {
			dup2(fds[0], STDIN_FILENO);
			close(fds[0]);
		}
		if (out_fd >= 0 && out_fd != STDOUT_FILENO)
			dup2(out_fd, STDOUT_FILENO);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	/* EPIPE: the command read what it wanted, not an error. */
	(void)write_all(fds[1], input, len);
	close(fds[1]);
	int status = 0;
	pid_t w;
	do
		w = waitpid(pid, &status, 0);
	while (w < 0 && errno == EINTR);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (w < 0)
		return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void
run_status_text(int status, char *buf, size_t size)
{
	if (status > 128 && status < 128 + 65)
		snprintf(buf, size, "killed by signal %d", status - 128);
	else if (status == 127)
		snprintf(buf, size, "exit 127 (command not found?)");
	else
		snprintf(buf, size, "exit %d", status);
}
