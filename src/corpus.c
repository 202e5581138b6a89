/*
 * corpus.c - finding article files and reading their heads and bodies.
 *
 * Start-up cost matters with a big corpus, so only each file's head is read
 * (HEAD_SIZE bytes, more only while the front matter or the fallback title
 * line is not complete in it).  Files are opened with O_NONBLOCK and checked
 * with fstat, so a FIFO or a device that slips in (a symbolic link, a race)
 * can never make the reader hang: only regular files are read.
 */
#define _DEFAULT_SOURCE /* lstat, O_NOCTTY, madvise */
#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "doc.h"
#include "headcache.h"
#include "xdg.h"

enum {
	HEAD_SIZE = 64 * 1024,
	/* Reading on for a long front matter or title line stops here: a
	 * file whose first line is megabytes long is not read whole at
	 * start-up (the rest of the line is body). */
	HEAD_MAX = 1024 * 1024,
	/* Titles (from the front matter or the first line) are cut here:
	 * 25 two-megabyte titles made every key take most of a second. */
	TITLE_MAX = 400,
	MAX_DIR_DEPTH = 64, /* deeper folders are reported, not read */
	/* A body this big is read into memory on huge pages (below). */
	BIG_BODY = 4 * 1024 * 1024,
	HUGE_PAGE = 2 * 1024 * 1024,
};

void
corpus_init(struct corpus *c)
{
	memset(c, 0, sizeof *c);
}

void
corpus_set_cache_dir(struct corpus *c, const char *dir)
{
	free(c->cache_dir);
	c->cache_dir = dir ? xstrdup(dir) : NULL;
}

static void
article_fini(struct article *a)
{
	free(a->path);
	free(a->title);
	frontmatter_fini(&a->fm);
	free(a->body);
}

void
corpus_fini(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		article_fini(&c->v[i]);
	free(c->v);
	free(c->cache_dir);
	corpus_init(c);
}

/*
 * Opens path (relative to folder dirfd, or AT_FDCWD) for reading, refusing
 * anything but a regular file.  Returns
 * the descriptor, or -1 with errno set.
 */
static int
open_regular(int dirfd, const char *path, struct stat *stp)
{
	int fd = openat(dirfd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	struct stat local, *st = stp ? stp : &local;

	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	return fd;
}

/*
 * Reads until buf holds want bytes or the file ends.  Returns 0, or -1
 * with errno set.  *eof is set when the end of the file was reached.
 */
static int
read_more(int fd, struct strbuf *buf, size_t want, bool *eof)
{
	xgrow(&buf->buf, &buf->cap, want + 1, 1);
	while (buf->len < want) {
		ssize_t r = read(fd, buf->buf + buf->len, want - buf->len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0) {
			*eof = true;
			break;
		}
		buf->len += (size_t)r;
	}
	buf->buf[buf->len] = '\0';
	return 0;
}

static bool
is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The last path component, for the title of an empty file. */
static const char *
base_name(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t i = n;
	while (i > 0 && path[i - 1] != '/')
		i--;
	return path + i;
}

/*
 * Finds the first non-blank line of head[from..len).  Returns true and sets
 * *start and *end (the line without its '\n') when there is one; *end ==
 * len and !eof means the line may go on beyond the head.
 */
static bool
first_text_line(const char *head, size_t len, size_t from, size_t *start,
                size_t *end)
{
	size_t i = from;
	while (i < len) {
		const char *nl = memchr(head + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - head) : len;
		for (size_t j = i; j < e; j++) {
			if (!is_blank_char(head[j])) {
				*start = i;
				*end = e;
				return true;
			}
		}
		i = e + 1;
	}
	return false;
}

/*
 * The title taken from a body line: leading blanks and a heading marker
 * ("#" to "######" and a space) dropped, trailing blanks trimmed.
 */
/* A copy of s[0..n) cut to TITLE_MAX bytes on a character boundary,
 * with an ellipsis when cut. */
static char *
cut_title(const char *s, size_t n)
{
	if (n <= TITLE_MAX)
		return xstrndup(s, n);
	size_t k = TITLE_MAX;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return xasprintf("%.*s\xe2\x80\xa6", (int)k, s);
}

static char *
title_from_line(const char *s, size_t n)
{
	size_t i = 0, h = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (i + h < n && h < 7 && s[i + h] == '#')
		h++;
	if (h >= 1 && h <= 6 && i + h < n && s[i + h] == ' ')
		i += h;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (n > i && is_blank_char(s[n - 1]))
		n--;
	return cut_title(s + i, n - i);
}

/*
 * Reads the head of the file open as fd and fills a.  Returns 1 when the
 * article is to be added, 0 when it is skipped (a warning was added), -1
 * on a read error (errno set, nothing added to diags).
 */
static int
read_head(int fd, const char *path, struct article *a, struct diag_list *dl)
{
	struct strbuf head;
	struct diag_list fm_diags;
	bool eof = false;
	size_t want = HEAD_SIZE;
	int rc = 1;

	sb_init(&head);
	diag_list_init(&fm_diags);
	for (;;) {
		/* A file smaller than the head is read in one read(), not
		 * two: the size fstat gave says where it ends (a file that
		 * grows meanwhile is read as it was). */
		bool whole = a->size > 0 && (long long)want >= a->size;
		if (read_more(fd, &head, whole ? (size_t)a->size : want, &eof) <
		    0) {
			rc = -1;
			break;
		}
		if (whole)
			eof = true;
		if (memchr(head.buf, '\0', head.len)) {
			diag_add(dl, DIAG_WARNING, path, 0, 0,
			         "contains NUL bytes, skipped (binary file?)");
			rc = 0;
			break;
		}
		frontmatter_fini(&a->fm);
		diag_list_fini(&fm_diags);
		size_t off, s = 0, e = 0;
		enum fm_status st = frontmatter_parse(head.buf, head.len, path,
		                                      &a->fm, &off, &fm_diags);
		/*
		 * Read on while the closing line of the front matter, or the
		 * end of the line the title is taken from, may be beyond the
		 * head (unterminated front matter leaves off at 0 or after a
		 * BOM).
		 */
		bool has_title = a->fm.title && *a->fm.title;
		bool found = first_text_line(head.buf, head.len, off, &s, &e);
		if (!eof && want < HEAD_MAX &&
		    ((st == FM_ERROR && off <= 3) ||
		     (!has_title && (!found || e == head.len)))) {
			want *= 2;
			continue;
		}
		if (st == FM_ERROR && off <= 3 && head.len > off) {
			/* No closing line: no front matter after all, and its
			 * opening "---" is no title either (a horizontal rule
			 * or a forgotten end): the text starts after it. */
			size_t nl = off;
			while (nl < head.len && head.buf[nl] != '\n')
				nl++;
			off = nl < head.len ? nl + 1 : nl;
			found = first_text_line(head.buf, head.len, off, &s,
			                        &e);
		}
		a->body_offset = off;
		if (has_title) {
			a->title = cut_title(a->fm.title, strlen(a->fm.title));
		} else {
			if (found) {
				a->title = title_from_line(head.buf + s, e - s);
				a->body_offset = e < head.len ? e + 1 : e;
			}
			if (!a->title || !*a->title) {
				free(a->title);
				a->title = xstrdup(base_name(path));
			}
		}
		diag_move(dl, &fm_diags);
		break;
	}
	diag_list_fini(&fm_diags);
	sb_fini(&head);
	return rc;
}

/*
 * Adds the file at path (name in folder dirfd, or AT_FDCWD and path).
 * top tells whether the user named it, in which case failing to read it is
 * an error rather than a warning.  Returns 1 when added, 0 when skipped,
 * -1 on an error (top only).
 */
static int
add_file(struct corpus *c, int dirfd, const char *name, const char *path,
         bool top, struct diag_list *dl)
{
	struct article a;
	struct stat st;
	int fd = open_regular(dirfd, name, &st);
	int rc = -1;

	memset(&a, 0, sizeof a);
	frontmatter_init(&a.fm);
	if (fd >= 0) {
		a.size = (long long)st.st_size;
		rc = read_head(fd, path, &a, dl);
		int e = errno;
		close(fd);
		errno = e;
	}
	if (rc < 0) {
		diag_add(dl, top ? DIAG_ERROR : DIAG_WARNING, path, 0, 0,
		         "cannot read: %s", strerror(errno));
		article_fini(&a);
		return top ? -1 : 0;
	}
	if (rc == 0) {
		article_fini(&a);
		return 0;
	}
	a.path = xstrdup(path);
	xgrow(&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = a;
	return 1;
}

static bool
is_article_name(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && !strcmp(name + n - 3, ".md")) ||
	       (n > 4 && !strcmp(name + n - 4, ".txt"));
}

/* A folder's entry: its name and, where readdir knows it, its type (a
 * DT_ value; DT_UNKNOWN means "ask lstat"). */
struct entry {
	char *name;
	unsigned char type;
};

static int
entry_cmp(const void *a, const void *b)
{
	const char *x = ((const struct entry *)a)->name;
	const char *y = ((const struct entry *)b)->name;
	int c = natural_cmp(x, y);
	return c ? c : strcmp(x, y);
}

static void
entries_free(struct entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static char *
join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	bool slash = n > 0 && dir[n - 1] == '/';
	return xasprintf("%s%s%s", dir, slash ? "" : "/", name);
}

/*
 * Reads the names in folder dirfd (hidden ones skipped), sorted.  dirfd
 * stays open (its entries are looked at through it: one name to resolve
 * rather than the whole path, 8% of a start on 100,000 articles), so a
 * walk holds one descriptor per level, MAX_DIR_DEPTH at most.  Returns
 * NULL with errno set on failure.
 */
static struct entry *
list_dir(int dirfd, size_t *count)
{
	int fd = dup(dirfd);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct entry *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;

	if (!d) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		errno = err;
		return NULL;
	}
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n].name = xstrdup(e->d_name);
		v[n++].type = e->d_type;
		errno = 0;
	}
	int err = errno;
	closedir(d);
	if (err) {
		entries_free(v, n);
		errno = err;
		return NULL;
	}
	if (!v)
		v = xmalloc(sizeof *v);
	qsort(v, n, sizeof *v, entry_cmp);
	*count = n;
	return v;
}

/*
 * The type of a folder's entry: readdir's where it knows it (most file
 * systems), which spares a 100,000-article corpus as many lstat calls;
 * else lstat's.  Sets *st only when lstat was called.  Returns a DT_
 * value, or DT_UNKNOWN with errno set when lstat failed.
 */
static unsigned char
entry_type(int dirfd, const struct entry *e, struct stat *st)
{
	if (e->type != DT_UNKNOWN)
		return e->type;
	if (fstatat(dirfd, e->name, st, AT_SYMLINK_NOFOLLOW) < 0)
		return DT_UNKNOWN;
	return S_ISDIR(st->st_mode)   ? DT_DIR
	       : S_ISLNK(st->st_mode) ? DT_LNK
	       : S_ISREG(st->st_mode) ? DT_REG
	                              : DT_FIFO; /* some other kind */
}

/* One walk of a folder given by the user. */
struct walk {
	struct corpus *c;
	struct diag_list *dl;
	struct headcache *hc; /* NULL: no heads cache */
	size_t rootlen;       /* path + rootlen: the path under the folder */
};

static int add_dir(struct walk *w, const char *dir, int depth);

/*
 * Adds the regular file e found in folder dirfd, at path: its head from
 * the cache when the cache has it for this version of the file, else read
 * (and then kept in the cache if it was read without a warning).  st is
 * the file's stat when the caller has it, else NULL.
 */
static int
add_found(struct walk *w, int dirfd, const struct entry *e, const char *path,
          const struct stat *st)
{
	struct stat local;
	struct hc_key key;
	struct article a;
	const char *rel = path + w->rootlen;

	if (!w->hc)
		return add_file(w->c, dirfd, e->name, path, false, w->dl);
	if (!st) {
		if (fstatat(dirfd, e->name, &local, 0) <
		    0) /* add_file says why */
			return add_file(w->c, dirfd, e->name, path, false,
			                w->dl);
		st = &local;
	}
	hc_key_of(st, &key);
	memset(&a, 0, sizeof a);
	frontmatter_init(&a.fm);
	if (S_ISREG(st->st_mode) && headcache_get(w->hc, rel, &key, &a)) {
		a.path = xstrdup(path);
		headcache_put(w->hc, rel, &key, &a);
		xgrow(&w->c->v, &w->c->cap, w->c->n + 1, sizeof *w->c->v);
		w->c->v[w->c->n++] = a;
		w->c->cache_hits++;
		return 1;
	}
	size_t before = w->dl->n;
	int rc = add_file(w->c, dirfd, e->name, path, false, w->dl);
	if (rc == 1 && w->dl->n == before)
		headcache_put(w->hc, rel, &key, &w->c->v[w->c->n - 1]);
	return rc;
}

/* One entry of a folder: a sub-folder, an article file, or ignored. */
static int
add_entry(struct walk *w, int dirfd, const char *path, const struct entry *e,
          int depth)
{
	struct diag_list *dl = w->dl;
	struct stat st;
	unsigned char type = entry_type(dirfd, e, &st);

	if (type == DT_UNKNOWN) {
		diag_add(dl, DIAG_WARNING, path, 0, 0, "cannot read: %s",
		         strerror(errno));
		return 0;
	}
	if (type == DT_DIR)
		return add_dir(w, path, depth + 1);
	if (!is_article_name(e->name))
		return 0;
	if (type == DT_REG) /* add_file checks it again with fstat */
		return add_found(w, dirfd, e, path, NULL);
	if (type == DT_LNK) {
		if (fstatat(dirfd, e->name, &st, 0) < 0) {
			diag_add(dl, DIAG_WARNING, path, 0, 0,
			         "cannot read: %s", strerror(errno));
			return 0;
		}
		if (S_ISDIR(st.st_mode))
			return 0; /* not followed: no loops */
	}
	if (type != DT_LNK || !S_ISREG(st.st_mode)) {
		diag_add(dl, DIAG_WARNING, path, 0, 0,
		         "not a regular file, skipped");
		return 0;
	}
	return add_found(w, dirfd, e, path, &st);
}

static int
add_dir(struct walk *w, const char *dir, int depth)
{
	struct diag_list *dl = w->dl;
	size_t n = 0;
	int added = 0;
	struct entry *names;

	if (depth > MAX_DIR_DEPTH) {
		diag_add(dl, DIAG_WARNING, dir, 0, 0,
		         "folders nested too deep, skipped");
		return 0;
	}
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	names = dirfd < 0 ? NULL : list_dir(dirfd, &n);
	if (!names) {
		int err = errno;
		if (dirfd >= 0)
			close(dirfd);
		diag_add(dl, depth == 0 ? DIAG_ERROR : DIAG_WARNING, dir, 0, 0,
		         "cannot read folder: %s", strerror(err));
		return depth == 0 ? -1 : 0;
	}
	for (size_t i = 0; i < n; i++) {
		char *path = join_path(dir, names[i].name);
		added += add_entry(w, dirfd, path, &names[i], depth);
		free(path);
	}
	close(dirfd);
	entries_free(names, n);
	return added;
}

/* A folder the user named: walked with its heads cache, if any. */
static int
add_folder(struct corpus *c, const char *path, struct diag_list *diags)
{
	size_t len = strlen(path);
	struct walk w = {c, diags, NULL, len + (len && path[len - 1] != '/')};
	struct headcache hc;
	struct timespec now;

	if (!c->cache_dir)
		return add_dir(&w, path, 0);
	clock_gettime(CLOCK_REALTIME, &now);
	headcache_init(&hc, c->cache_clock_ns
	                            ? c->cache_clock_ns
	                            : (int64_t)now.tv_sec * 1000000000 +
	                                      now.tv_nsec);
	char *file = xdg_corpus_file(c->cache_dir, path, ".heads");
	headcache_load(&hc, file);
	w.hc = &hc;
	int rc = add_dir(&w, path, 0);
	if (rc >= 0 && headcache_changed(&hc))
		(void)headcache_save(&hc, file); /* a cache: may fail */
	headcache_fini(&hc);
	free(file);
	return rc;
}

int
corpus_add_path(struct corpus *c, const char *path, struct diag_list *diags)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		         strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return add_folder(c, path, diags);
	if (S_ISREG(st.st_mode))
		return add_file(c, AT_FDCWD, path, path, true, diags);
	diag_add(diags, DIAG_ERROR, path, 0, 0,
	         "cannot read: not a file or folder");
	return -1;
}

/* Whether dir holds an article file, by add_dir's rules. */
static bool
dir_has_articles(const char *dir, int depth)
{
	size_t n = 0;
	int dirfd = depth > MAX_DIR_DEPTH
	                    ? -1
	                    : open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct entry *names = dirfd < 0 ? NULL : list_dir(dirfd, &n);
	bool found = false;
	for (size_t i = 0; names && i < n && !found; i++) {
		struct stat st;
		unsigned char type = entry_type(dirfd, &names[i], &st);
		if (type == DT_DIR) {
			char *path = join_path(dir, names[i].name);
			found = dir_has_articles(path, depth + 1);
			free(path);
		} else if (is_article_name(names[i].name) &&
		           (type == DT_REG || type == DT_LNK) &&
		           fstatat(dirfd, names[i].name, &st, 0) == 0 &&
		           S_ISREG(st.st_mode)) {
			found = true;
		}
	}
	if (dirfd >= 0)
		close(dirfd);
	if (names)
		entries_free(names, n);
	return found;
}

bool
corpus_has_articles(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return false;
	if (S_ISREG(st.st_mode))
		return true;
	return S_ISDIR(st.st_mode) && dir_has_articles(path, 0);
}

/*
 * Room for a big body of n bytes on huge pages where the kernel has them
 * (Linux's transparent huge pages in "madvise" mode, Debian's default):
 * reading 100 MB into fresh memory otherwise takes a page fault every
 * 4 KB, which made reading it 5-10 times slower than the read itself
 * (BENCHMARKS.md).  Memory from posix_memalign is freed with free.
 */
static void
reserve_big(struct strbuf *sb, size_t n)
{
	size_t cap = (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	void *p;
	if (sb->len || cap <= sb->cap ||
	    posix_memalign(&p, HUGE_PAGE, cap) != 0)
		return; /* read_more grows it as for any file */
#ifdef MADV_HUGEPAGE
	(void)madvise(p, cap, MADV_HUGEPAGE); /* a hint: may be refused */
#endif
	free(sb->buf);
	sb->buf = p;
	sb->cap = cap;
}

/* Reads the whole file; returns -1 with errno set on failure. */
static int
read_file(const char *path, struct strbuf *sb)
{
	struct stat st;
	int fd = open_regular(AT_FDCWD, path, &st);
	bool eof = false;

	if (fd < 0)
		return -1;
	if (st.st_size >= BIG_BODY)
		reserve_big(sb, (size_t)st.st_size + HEAD_SIZE + 1);
	while (!eof) {
		/* All the room there is: a big body in one read. */
		size_t want = sb->len + HEAD_SIZE;
		if (sb->cap > want + 1)
			want = sb->cap - 1;
		if (read_more(fd, sb, want, &eof) < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
	}
	close(fd);
	return 0;
}

int
corpus_load_body(struct corpus *c, size_t i, struct diag_list *diags)
{
	struct article *a = &c->v[i];
	struct strbuf sb;
	int rc = 0;

	if (a->body_loaded)
		return 0;
	sb_init(&sb);
	if (read_file(a->path, &sb) < 0) {
		diag_add(diags, DIAG_ERROR, a->path, 0, 0, "cannot read: %s",
		         strerror(errno));
		sb_reset(&sb);
		rc = -1;
	}
	/* The file may have shrunk since start-up. */
	size_t from = a->body_offset < sb.len ? a->body_offset : sb.len;
	a->body_line = 1;
	for (size_t j = 0; j < from; j++)
		a->body_line += sb.buf[j] == '\n';
	size_t out = 0;
	/* memchr first: a body with no CR (nearly all) is moved whole,
	 * not copied a byte at a time. */
	bool nul = memchr(sb.buf + from, '\0', sb.len - from) != NULL;
	if (!memchr(sb.buf + from, '\r', sb.len - from)) {
		memmove(sb.buf, sb.buf + from, sb.len - from);
		out = sb.len - from;
	} else {
		for (size_t j = from; j < sb.len; j++) {
			char ch = sb.buf[j];
			if (ch == '\r' && j + 1 < sb.len &&
			    sb.buf[j + 1] == '\n')
				continue;
			sb.buf[out++] = ch;
		}
	}
	sb.buf[out] = '\0';
	if (nul)
		diag_add(diags, DIAG_WARNING, a->path, 0, 0,
		         "contains NUL bytes (shown as ^@)");
	a->body = sb_detach(&sb);
	a->body_len = out;
	a->words_known = false;
	a->body_loaded = true;
	return rc;
}

size_t
article_words(struct article *a)
{
	if (!a->words_known && a->body_loaded) {
		a->words = doc_word_count(a->body, a->body_len);
		a->words_known = true;
	}
	return a->words;
}

void
corpus_unload_body(struct corpus *c, size_t i)
{
	struct article *a = &c->v[i];
	free(a->body);
	a->body = NULL;
	a->body_len = 0;
	a->body_loaded = false;
}
