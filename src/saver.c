/* saver.c - saving the reading state in a child process. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "saver.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "state.h"
#include "util.h"

void
saver_init(struct saver *sv)
{
	sv->pid = 0;
	sv->fd = -1;
	sv->busy_since = 0;
}

int
saver_fd(const struct saver *sv)
{
	return sv->pid ? sv->fd : -1;
}

/* The child's report: one byte (0 written, 1 busy, 2 error), then the
 * first diagnostic's text. */
static void
report(int fd, int rc, const struct diag_list *dl)
{
	char code = rc == 0 ? 0 : rc == STATE_BUSY ? 1 : 2;
	char *m = dl->n ? diag_format(&dl->v[0]) : xstrdup("");
	size_t len = strlen(m);
	ssize_t w = write(fd, &code, 1);
	for (size_t off = 0; w > 0 && off < len; off += (size_t)w)
		w = write(fd, m + off, len - off);
	free(m);
}

bool
saver_start(struct saver *sv, struct session *s, struct diag_list *diags)
{
	int p[2];
	if (sv->pid)
		return false;
	if (pipe(p) < 0 || fcntl(p[0], F_SETFD, FD_CLOEXEC) < 0) {
		session_write(s, SAVER_LOCK_WAIT_MS, diags);
		return false;
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		session_write(s, SAVER_LOCK_WAIT_MS, diags);
		return false;
	}
	if (pid == 0) {
		/* The child: write, report, and leave without running
		 * anything of the parent's (no atexit, no stdio flush: the
		 * terminal's buffers are the parent's). */
		struct diag_list dl;
		diag_list_init(&dl);
		close(p[0]);
		int rc = session_write(s, SAVER_LOCK_WAIT_MS, &dl);
		report(p[1], rc, &dl);
		_exit(0);
	}
	close(p[1]);
	sv->pid = pid;
	sv->fd = p[0];
	/* The changes are in flight: not the parent's to write again unless
	 * this fails (saver_finish). */
	s->unsaved = false;
	return true;
}

static int
reap(struct saver *sv, struct session *s, char **msg)
{
	struct strbuf sb;
	char buf[512];
	ssize_t n;
	sb_init(&sb);
	while ((n = read(sv->fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		sb_add(&sb, buf, (size_t)n);
	}
	close(sv->fd);
	while (waitpid(sv->pid, NULL, 0) < 0 && errno == EINTR)
		;
	sv->pid = 0;
	sv->fd = -1;
	int rc = sb.len == 0      ? -1
	         : sb.buf[0] == 0 ? 0
	         : sb.buf[0] == 1 ? STATE_BUSY
	                          : -1;
	*msg = sb.len > 1    ? xstrdup(sb.buf + 1)
	       : sb.len == 0 ? xstrdup("the saving process ended unexpectedly")
	                     : NULL;
	sb_fini(&sb);
	if (rc == 0)
		session_written(s);
	else
		s->unsaved = true; /* to be written again */
	return rc;
}

int
saver_finish(struct saver *sv, struct session *s, char **msg)
{
	*msg = NULL;
	if (!sv->pid)
		return 0;
	return reap(sv, s, msg);
}

int
saver_wait(struct saver *sv, struct session *s, char **msg)
{
	return saver_finish(sv, s, msg);
}
