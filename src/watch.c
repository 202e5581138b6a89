/* watch.c - noticing that the config file was saved. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "watch.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/inotify.h>
#endif

#include "util.h"

struct watch {
	int fd;
	char *name; /* the file's name within its folder */
};

struct watch *
watch_new(const char *path)
{
#ifdef __linux__
	const char *slash = strrchr(path, '/');
	char *dir =
	        slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	if (!*dir) {
		free(dir);
		dir = xstrdup("/");
	}
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0) {
		free(dir);
		return NULL;
	}
	if (inotify_add_watch(fd, dir,
	                      IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) < 0) {
		close(fd);
		free(dir);
		return NULL;
	}
	free(dir);
	struct watch *w = xcalloc(1, sizeof *w);
	w->fd = fd;
	w->name = xstrdup(slash ? slash + 1 : path);
	return w;
#else
	(void)path;
	return NULL;
#endif
}

void
watch_free(struct watch *w)
{
	if (!w)
		return;
	close(w->fd);
	free(w->name);
	free(w);
}

int
watch_fd(const struct watch *w)
{
	return w ? w->fd : -1;
}

bool
watch_changed(struct watch *w)
{
	bool changed = false;
#ifdef __linux__
	if (!w)
		return false;
	/* Aligned as inotify's records need. */
	char buf[4096]
	        __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;
	while ((n = read(w->fd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;
			if (ev->len && strcmp(ev->name, w->name) == 0)
				changed = true;
			p += sizeof *ev + ev->len;
		}
	}
#else
	(void)w;
#endif
	return changed;
}
