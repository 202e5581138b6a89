/*
 * state_file.c - where the reading state lives, and reading and writing
 * it: the file's name, its text (state_format), loading it (moving a
 * corrupt one aside) and saving it atomically under an flock.
 *
 * Loading parses the file (state_parse.c) into a raw state and merges
 * that into an empty one (state_merge.c), which normalises it.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* flock, realpath, gmtime_r */
#endif
#include "state_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h> /* rename */
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "utf8.h"
#include "xdg.h"

char *
state_path(const char *corpus_root)
{
	char *dir = xdg_dir("XDG_STATE_HOME", ".local/state");
	char *path = dir ? xdg_corpus_file(dir, corpus_root, ".yaml") : NULL;
	free(dir);
	return path;
}

/* ------------------------------------------------------------ writing */

/*
 * A double-quoted YAML string libyaml reads back byte for byte: quotes,
 * backslashes, controls, line breaks YAML would fold (NEL, LS, PS) and
 * the characters its reader refuses are escaped; bytes that are not UTF-8
 * become U+FFFD.  Cut at STATE_MAX_STRING bytes (of the value read back)
 * on a character boundary so the loader's cap never refuses it.
 */
static void
emit_str(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), out = 0;

	sb_addch(sb, '"');
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char enc[4];
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t m = utf8_encode(cp, enc);
		if (out + m > STATE_MAX_STRING)
			break;
		out += m;
		i += n;
		if (cp == '"' || cp == '\\') {
			sb_addch(sb, '\\');
			sb_addch(sb, (char)cp);
		} else if (cp == '\n' || cp == '\t') {
			sb_addstr(sb, cp == '\n' ? "\\n" : "\\t");
		} else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			sb_addf(sb, "\\x%02" PRIX32, cp);
		} else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
		           cp == 0xFFFE || cp == 0xFFFF) {
			sb_addf(sb, "\\u%04" PRIX32, cp);
		} else {
			sb_add(sb, enc, m);
		}
	}
	sb_addch(sb, '"');
}

static void
emit_key_str(struct strbuf *sb, const char *indent, const char *key,
             const char *v)
{
	if (!v)
		return;
	sb_addf(sb, "%s%s: ", indent, key);
	emit_str(sb, v);
	sb_addch(sb, '\n');
}

static void
emit_article(struct strbuf *sb, const struct article_state *a)
{
	const struct bookmark **m;

	sb_addstr(sb, "  - path: ");
	emit_str(sb, a->path);
	sb_addch(sb, '\n');
	emit_key_str(sb, "    ", "hash", a->hash);
	if (a->size)
		sb_addf(sb, "    size: %" PRId64 "\n", a->size);
	sb_addf(sb,
	        "    read: %s\n    read-at: %" PRId64 "\n"
	        "    anchor: %zu\n    anchor-at: %" PRId64 "\n"
	        "    progress: %d\n    progress-reset: %" PRId64 "\n",
	        a->read ? "true" : "false", a->read_at, a->anchor, a->anchor_at,
	        a->progress, a->progress_reset);
	if (!a->nmarks)
		return;
	m = xcalloc(a->nmarks, sizeof *m);
	for (size_t i = 0; i < a->nmarks; i++)
		m[i] = &a->marks[i];
	qsort(m, a->nmarks, sizeof *m, state_cmp_mark_p);
	sb_addstr(sb, "    bookmarks:\n");
	for (size_t i = 0; i < a->nmarks && i < STATE_MAX_BOOKMARKS; i++) {
		sb_addstr(sb, "      - id: ");
		emit_str(sb, m[i]->id);
		sb_addf(sb, "\n        offset: %zu\n", m[i]->offset);
		emit_key_str(sb, "        ", "note", m[i]->note);
		sb_addf(sb, "        created: %" PRId64 "\n", m[i]->created);
	}
	free(m);
}

void
state_format(const struct state *s, struct strbuf *out)
{
	const struct article_state **v = NULL;
	struct tombstone *dead = NULL;

	sb_addf(out,
	        "# lectern's reading state.  lectern rewrites this file, "
	        "merging in what\n# every lectern running on this corpus "
	        "changed.\nversion: %d\n",
	        STATE_VERSION);
	emit_key_str(out, "", "root", s->root);
	emit_key_str(out, "", "selected", s->selected);
	emit_key_str(out, "", "sort", s->sort);
	emit_key_str(out, "", "filter", s->filter);
	emit_key_str(out, "", "search", s->search);
	if (s->ngroups_off)
		sb_addstr(out, "groups-off:\n");
	for (size_t i = 0; i < s->ngroups_off && i < STATE_MAX_GROUPS; i++) {
		sb_addstr(out, "  - ");
		emit_str(out, s->groups_off[i]);
		sb_addch(out, '\n');
	}
	if (s->n) {
		v = xcalloc(s->n, sizeof *v);
		for (size_t i = 0; i < s->n; i++)
			v[i] = &s->v[i];
		qsort(v, s->n, sizeof *v, state_cmp_article_p);
		sb_addstr(out, "articles:\n");
	}
	for (size_t i = 0; i < s->n && i < STATE_MAX_ARTICLES; i++)
		emit_article(out, v[i]);
	if (s->ndead) {
		dead = xcalloc(s->ndead, sizeof *dead);
		memcpy(dead, s->dead, s->ndead * sizeof *dead);
		qsort(dead, s->ndead, sizeof *dead, state_cmp_dead);
		sb_addstr(out, "deleted-bookmarks:\n");
	}
	for (size_t i = 0; i < s->ndead && i < STATE_MAX_TOMBSTONES; i++) {
		sb_addstr(out, "  - id: ");
		emit_str(out, dead[i].id);
		sb_addf(out, "\n    at: %" PRId64 "\n", dead[i].at);
	}
	free(v);
	free(dead);
}

/* -------------------------------------------------------------- files */

enum read_result { READ_OK, READ_MISSING, READ_UNREADABLE, READ_BAD };

/* A state file's bytes: mapped (no copy, no page of our own per page of
 * the file: a 21 MB file read took a tenth of its load in page faults),
 * or an empty file. */
struct file_text {
	const char *buf;
	size_t len;
	void *map;
	size_t maplen;
};

static void
file_text_fini(struct file_text *t)
{
	if (t->map)
		munmap(t->map, t->maplen);
	memset(t, 0, sizeof *t);
}

/* Reads the file at path whole; for READ_BAD, *why says what is wrong
 * with it (caller frees), for READ_UNREADABLE *err is the errno. */
static enum read_result
read_whole(const char *path, struct file_text *text, struct stat *st, int *err,
           char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

	memset(text, 0, sizeof *text);
	text->buf = "";
	if (fd < 0) {
		*err = errno;
		return errno == ENOENT ? READ_MISSING : READ_UNREADABLE;
	}
	if (fstat(fd, st) < 0) {
		*err = errno;
		close(fd);
		return READ_UNREADABLE;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		*why = xstrdup(S_ISDIR(st->st_mode) ? "a folder, not a file"
		                                    : "not a regular file");
		return READ_BAD;
	}
	/* The cap is checked before a byte is read. */
	if (st->st_size > STATE_MAX_BYTES) {
		close(fd);
		*why = xasprintf("larger than %ld bytes",
		                 (long)STATE_MAX_BYTES);
		return READ_BAD;
	}
	if (st->st_size > 0) {
		void *m = mmap(NULL, (size_t)st->st_size, PROT_READ,
		               MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (m == MAP_FAILED) {
			*err = errno;
			close(fd);
			return READ_UNREADABLE;
		}
		text->map = m;
		text->maplen = (size_t)st->st_size;
		text->buf = m;
		text->len = (size_t)st->st_size;
	}
	close(fd);
	return READ_OK;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/")
	                     : xstrndup(path, (size_t)(slash - path));
}

/* Makes the rename in dir durable; failure only costs durability. */
static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/*
 * An exclusive flock on PATH.lock (created if needed, never through a
 * symbolic link); the fd, or -1 with errno (EWOULDBLOCK when another
 * process held it for all of wait_ms: a negative wait_ms waits for ever).
 */
static int
lock_state(const char *path, int wait_ms)
{
	char *lock = xasprintf("%s.lock", path);
	int fd =
	        open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW,
	             0600);
	int err;

	free(lock);
	if (fd < 0)
		return -1;
	for (int waited = 0;;) {
		if (flock(fd, wait_ms < 0 ? LOCK_EX : LOCK_EX | LOCK_NB) == 0)
			return fd;
		err = errno;
		if (err == EINTR)
			continue;
		if (err != EWOULDBLOCK || waited >= wait_ms)
			break;
		struct timespec ts = {0, 20 * 1000000L};
		nanosleep(&ts, NULL);
		waited += 20;
	}
	close(fd);
	errno = err;
	return -1;
}

/*
 * Renames the corrupt file at path (the one st describes) to
 * PATH.corrupt-STAMP.  0 with *to set (caller frees); 1 when path is no
 * longer that file (another lectern replaced it: read it again); -1 with
 * errno.
 */
static int
move_aside(const char *path, const struct stat *st, bool locked, char **to)
{
	char stamp[32];
	struct tm tm;
	struct stat now;
	time_t t = time(NULL);
	int lock = locked ? -1 : lock_state(path, STATE_LOCK_WAIT_MS), rc = -1,
	    err = EEXIST;

	if (stat(path, &now) < 0 || now.st_dev != st->st_dev ||
	    now.st_ino != st->st_ino) {
		rc = 1;
		goto out;
	}
	if (!gmtime_r(&t, &tm) ||
	    !strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm))
		strcpy(stamp, "unknown");
	for (int k = 1; k < 100 && rc < 0; k++) {
		struct stat x;
		char *name =
		        k == 1 ? xasprintf("%s.corrupt-%s", path, stamp)
		               : xasprintf("%s.corrupt-%s-%d", path, stamp, k);
		if (lstat(name, &x) < 0 && errno == ENOENT) {
			if (rename(path, name) == 0) {
				*to = name;
				rc = 0;
				break;
			}
			err = errno;
			free(name);
			break;
		}
		free(name);
	}
	if (rc == 0) {
		char *dir = dir_of(path);
		sync_dir(dir);
		free(dir);
	}
out:
	if (lock >= 0)
		close(lock);
	errno = err;
	return rc;
}

/* state_load's work; locked when the caller holds the lock (state_save:
 * a second flock from the same process would wait for ever). */
static int
load_file(struct state *s, const char *path, struct diag_list *diags,
          bool locked, bool *newer, bool *unreadable)
{
	for (int tries = 0;; tries++) {
		struct file_text text;
		struct stat st;
		struct state_parse p = {0, 0, NULL, 0};
		struct state raw;
		char *to = NULL;
		int err = 0, rc = -1;
		enum read_result r;

		state_init(&raw);
		r = read_whole(path, &text, &st, &err, &p.why);
		if (r == READ_OK)
			rc = state_parse_text(&p, text.buf, text.len, &raw);
		file_text_fini(&text);
		if (rc == 0) {
			/* s is empty: the file, put in order, becomes s. */
			state_normalise(&raw);
			state_fini(s);
			*s = raw;
			state_init(&raw);
		}
		state_fini(&raw);
		if (r == READ_MISSING || rc == 0)
			return 0;
		if (r == READ_UNREADABLE) {
			*unreadable = true;
			diag_add(diags, DIAG_WARNING, path, 0, 0,
			         "cannot read the reading state (%s): going on "
			         "without it, and not saving over it",
			         strerror(err));
			return STATE_UNREADABLE;
		}
		if (rc == 1) {
			*newer = true;
			diag_add(diags, DIAG_WARNING, path, 0, 0,
			         "reading state written by a newer lectern; "
			         "not read, and left as it is");
			return 0;
		}
		rc = move_aside(path, &st, locked, &to);
		if (rc == 1 && tries < 3) {
			free(p.why);
			continue;
		}
		if (rc == 0)
			diag_add(diags, DIAG_WARNING, path, p.line, p.col,
			         "corrupt reading state (%s): moved to %s; "
			         "starting afresh",
			         p.why, to);
		else
			diag_add(diags, DIAG_WARNING, path, p.line, p.col,
			         "corrupt reading state (%s), and it cannot be "
			         "moved aside (%s); starting afresh",
			         p.why,
			         rc == 1 ? "it keeps changing"
			                 : strerror(errno));
		free(p.why);
		free(to);
		return rc == 0 ? 0 : -1;
	}
}

int
state_load(struct state *s, const char *path, struct diag_list *diags)
{
	bool newer = false, unreadable = false;
	state_fini(s);
	return load_file(s, path, diags, false, &newer, &unreadable);
}

char *
state_dir(void)
{
	char *dir = xdg_dir("XDG_STATE_HOME", ".local/state");
	if (!dir) {
		errno = ENOENT;
		return NULL;
	}
	if (xdg_make_dirs(dir) < 0) {
		int e = errno;
		free(dir);
		errno = e;
		return NULL;
	}
	return dir;
}

/* Writes PATH.tmp, syncs it and renames it over path. */
static int
write_atomic(const char *path, const char *dir, const char *buf, size_t len,
             struct diag_list *diags)
{
	char *tmp = xasprintf("%s.tmp", path);
	int err = xdg_write_atomic(path, tmp, buf, len, true) < 0 ? errno : 0;

	free(tmp);
	if (err) {
		diag_add(diags, DIAG_ERROR, path, 0, 0,
		         "cannot save the reading state: %s", strerror(err));
		return -1;
	}
	sync_dir(dir);
	return 0;
}

/* Where a save writes: the file, or, when it is a symbolic link (into a
 * dotfiles repository, say), the file it points to, so the link stays.
 * Caller frees. */
static char *
write_target(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		char *real = realpath(path, NULL);
		if (real)
			return real;
	}
	return xstrdup(path);
}

int
state_save(const struct state *s, const char *path, struct diag_list *diags)
{
	return state_save_wait(s, path, -1, diags);
}

int
state_save_wait(const struct state *s, const char *path, int wait_ms,
                struct diag_list *diags)
{
	char *dir = dir_of(path);
	struct state disk;
	struct strbuf text;
	bool newer = false, unreadable = false;
	int lock, rc = 1;

	if (xdg_make_dirs(dir) < 0 || (lock = lock_state(path, wait_ms)) < 0) {
		int err = errno;
		if (err == EWOULDBLOCK) {
			diag_add(diags, DIAG_ERROR, path, 0, 0,
			         "cannot save the reading state: another "
			         "process holds its lock");
			free(dir);
			return STATE_BUSY;
		}
		diag_add(diags, DIAG_ERROR, path, 0, 0,
		         "cannot save the reading state: %s%s", strerror(err),
		         err == ELOOP ? " (the .lock file is a symbolic link, "
		                        "not followed)"
		                      : "");
		free(dir);
		return -1;
	}
	state_init(&disk);
	load_file(&disk, path, diags, true, &newer, &unreadable);
	if (unreadable) {
		/* Never write over what could not be read. */
		diag_add(diags, DIAG_ERROR, path, 0, 0,
		         "reading state not saved: the file cannot be read, "
		         "and is not written over");
		rc = -1;
	} else if (!newer) {
		state_merge(&disk, s);
		if (disk.trimmed)
			diag_add(diags, DIAG_WARNING, path, 0, 0,
			         "the reading state is full: %zu of its oldest "
			         "entries (articles, bookmarks or deletions) "
			         "were dropped",
			         disk.trimmed);
		sb_init(&text);
		state_format(&disk, &text);
		char *target = write_target(path);
		char *tdir = dir_of(target);
		rc = write_atomic(target, tdir, text.buf, text.len, diags);
		free(tdir);
		free(target);
		sb_fini(&text);
	}
	state_fini(&disk);
	close(lock);
	free(dir);
	return rc;
}

/* ------------------------------------------------------ pending saves */

char *
state_pending_path(const char *path, long pid)
{
	return xasprintf("%s.pending-%ld", path, pid);
}

int
state_write_pending(const struct state *s, const char *path, long pid,
                    char **written, struct diag_list *diags)
{
	char *pending = state_pending_path(path, pid);
	char *dir = dir_of(pending);
	struct state norm;
	struct strbuf text;
	state_init(&norm);
	state_merge(&norm, s);
	sb_init(&text);
	state_format(&norm, &text);
	int rc = xdg_make_dirs(dir) < 0 ? -1 : 0;
	if (rc < 0)
		diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot create: %s",
		         strerror(errno));
	else
		rc = write_atomic(pending, dir, text.buf, text.len, diags);
	sb_fini(&text);
	state_fini(&norm);
	free(dir);
	if (rc == 0)
		*written = pending;
	else
		free(pending);
	return rc;
}

size_t
state_merge_pending(struct state *s, const char *path, char ***names,
                    struct diag_list *diags)
{
	char *dir = dir_of(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *prefix = xasprintf("%s.pending-", base);
	size_t n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	*names = NULL;
	while (d && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char *full = xasprintf("%s/%s", dir, e->d_name);
		struct state p;
		struct diag_list dl;
		diag_list_init(&dl);
		state_init(&p);
		bool newer = false, unreadable = false;
		if (load_file(&p, full, &dl, true, &newer, &unreadable) == 0 &&
		    dl.n == 0) {
			state_merge(s, &p);
			*names = xrealloc(*names, (n + 1) * sizeof **names);
			(*names)[n++] = full;
		} else {
			diag_move(diags, &dl);
			free(full);
		}
		state_fini(&p);
		diag_list_fini(&dl);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
	return n;
}
