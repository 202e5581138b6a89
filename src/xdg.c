/*
 * xdg.c - lectern's folders and per-corpus file names (see xdg.h).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* realpath */
#endif
#include "xdg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h> /* rename */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* An absolute folder from the environment, or NULL. */
static const char *
env_dir(const char *name)
{
	const char *v = getenv(name);
	return v && v[0] == '/' ? v : NULL;
}

char *
xdg_dir(const char *env, const char *home_sub)
{
	const char *xdg = env_dir(env), *home = env_dir("HOME");
	if (xdg)
		return xasprintf("%s/lectern", xdg);
	if (home)
		return xasprintf("%s/%s/lectern", home, home_sub);
	return NULL;
}

char *
xdg_corpus_file(const char *dir, const char *root, const char *ext)
{
	char *key = realpath(root, NULL), *path;
	const char *base;
	char name[33];
	size_t n = 0, end;

	if (!key) { /* not there (yet): the root as given, less final '/'s */
		end = strlen(root);
		while (end > 1 && root[end - 1] == '/')
			end--;
		key = xstrndup(root, end);
	}
	end = strlen(key);
	/* The last component, for people looking at the folder. */
	base = key + end;
	while (base > key && base[-1] != '/')
		base--;
	for (; base < key + end && n < sizeof name - 1; base++) {
		char c = *base;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		          (c == '.' && n > 0);
		name[n++] = ok ? c : '_';
	}
	name[n] = '\0';
	path = xasprintf("%s/%s-%016" PRIx64 "%s", dir, n ? name : "root",
	                 fnv1a64_more(FNV1A64_START, key, strlen(key)), ext);
	free(key);
	return path;
}

int
xdg_make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	struct stat st;
	int rc = 0;

	for (char *q = p + 1;; q++) {
		char c = *q;
		if (c != '/' && c != '\0')
			continue;
		*q = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*q = c;
		if (!c)
			break;
	}
	if (!rc && stat(p, &st) == 0 && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

int
xdg_write_atomic(const char *path, const char *tmp, const char *buf, size_t len,
                 bool durable)
{
	int fd, err = 0;

	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	          0600);
	if (fd < 0)
		return -1;
	if (write_all(fd, buf, len) < 0 || (durable && fsync(fd) < 0))
		err = errno;
	if (close(fd) < 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) < 0)
		err = errno;
	if (err) {
		unlink(tmp);
		errno = err;
		return -1;
	}
	return 0;
}
