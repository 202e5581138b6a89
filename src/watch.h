/*
 * watch.h - noticing that the config file was saved (Linux inotify).
 *
 * Editors save in different ways (write in place, or write a new file and
 * rename it over the old), so the folder is watched for the file's name,
 * not the file itself.  Without inotify the watch simply never fires.
 */
#ifndef LECTERN_WATCH_H
#define LECTERN_WATCH_H

#include <stdbool.h>

struct watch;

/* Starts watching path.  Returns NULL when it cannot (no inotify, no
 * such folder): reloading then still works by key and SIGHUP. */
struct watch *watch_new(const char *path);
void watch_free(struct watch *w);

/* A file descriptor that becomes readable when something happened. */
int watch_fd(const struct watch *w);

/* Reads what happened; true when the watched file was written or
 * replaced.  Never blocks. */
bool watch_changed(struct watch *w);

#endif
