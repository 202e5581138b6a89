/*
 * corpus.c - reading articles' heads and bodies (corpus_walk.c finds the
 * files).
 *
 * Start-up cost matters with a big corpus, so only each file's head is read
 * (HEAD_SIZE bytes, more only while the front matter or the fallback title
 * line is not complete in it).  Files are opened with O_NONBLOCK and checked
 * with fstat, so a FIFO or a device that slips in (a symbolic link, a race)
 * can never make the reader hang: only regular files are read.
 */
#define _DEFAULT_SOURCE /* lstat, O_NOCTTY, madvise */
#include "corpus_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"

enum {
	HEAD_SIZE = 64 * 1024,
	/* Reading on for a long front matter or title line stops here: a
	 * file whose first line is megabytes long is not read whole at
	 * start-up (the rest of the line is body). */
	HEAD_MAX = 1024 * 1024,
	/* Titles (from the front matter or the first line) are cut here:
	 * 25 two-megabyte titles made every key take most of a second. */
	TITLE_MAX = 400,
};
/* A body this big is read into memory on huge pages (below). */
#define BIG_BODY HUGE_ALLOC_MIN

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

void
corpus_count_words_on_read(struct corpus *c)
{
	c->words_on_read = true;
}

void
corpus_head_drop(struct article *a)
{
	if (a->pooled) {
		frontmatter_init(&a->fm);
	} else {
		free(a->title);
		frontmatter_fini(&a->fm);
	}
	a->title = NULL;
	a->pooled = false;
}

void
corpus_article_fini(struct article *a)
{
	if (!a->path_pooled)
		free(a->path);
	a->path = NULL;
	a->path_pooled = false;
	corpus_head_drop(a);
	free(a->body_buf);
	free(a->counts);
}

void
corpus_set_counts(struct corpus *c, size_t i, uint64_t sig,
                  const uint32_t *counts, size_t n)
{
	struct article *a = &c->v[i];
	if (a->counts_sig == sig && a->ncounts == n &&
	    (!n || !memcmp(a->counts, counts, n * sizeof *counts)))
		return;
	free(a->counts);
	a->counts = n ? xmalloc(n * sizeof *counts) : NULL;
	if (n)
		memcpy(a->counts, counts, n * sizeof *counts);
	a->ncounts = n;
	a->counts_sig = sig;
	a->cache_stale = a->cached;
}

void
corpus_fini(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		corpus_article_fini(&c->v[i]);
	free(c->v);
	free(c->cache_dir);
	for (size_t f = 0; f < c->nfolders; f++) {
		free(c->folders[f].root);
		free(c->folders[f].file);
	}
	free(c->folders);
	pool_free(&c->pool);
	corpus_init(c);
}

/*
 * Opens path (relative to folder dirfd, or AT_FDCWD) for reading, refusing
 * anything but a regular file.  Returns
 * the descriptor, or -1 with errno set.
 */
int
corpus_open_regular(int dirfd, const char *path, struct stat *stp)
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
 * Decides on the first n bytes of a file's head (eof: they are all of the
 * file), want being how many were asked for: sets a's title, front matter
 * and body offset and returns 1 when the article is to be added; 0 when it
 * is skipped (a warning was added); 2 when more bytes are needed (the
 * closing line of the front matter, or the end of the line the title is
 * taken from, may be beyond them).
 */
static int
head_of(const char *buf, size_t n, bool eof, size_t want, const char *path,
        struct article *a, struct diag_list *dl)
{
	struct diag_list fm_diags;

	if (memchr(buf, '\0', n)) {
		diag_add(dl, DIAG_WARNING, path, 0, 0,
		         "contains NUL bytes, skipped (binary file?)");
		return 0;
	}
	diag_list_init(&fm_diags);
	corpus_head_drop(a);
	size_t off, s = 0, e = 0;
	enum fm_status st =
	        frontmatter_parse(buf, n, path, &a->fm, &off, &fm_diags);
	/* Unterminated front matter leaves off at 0 or after a BOM. */
	bool has_title = a->fm.title && *a->fm.title;
	bool found = first_text_line(buf, n, off, &s, &e);
	if (!eof && want < HEAD_MAX &&
	    ((st == FM_ERROR && off <= 3) ||
	     (!has_title && (!found || e == n)))) {
		diag_list_fini(&fm_diags);
		return 2;
	}
	if (st == FM_ERROR && off <= 3 && n > off) {
		/* No closing line: no front matter after all, and its
		 * opening "---" is no title either (a horizontal rule or a
		 * forgotten end): the text starts after it. */
		size_t nl = off;
		while (nl < n && buf[nl] != '\n')
			nl++;
		off = nl < n ? nl + 1 : nl;
		found = first_text_line(buf, n, off, &s, &e);
	}
	a->body_offset = off;
	if (has_title) {
		a->title = cut_title(a->fm.title, strlen(a->fm.title));
	} else {
		if (found) {
			a->title = title_from_line(buf + s, e - s);
			a->body_offset = e < n ? e + 1 : e;
		}
		if (!a->title || !*a->title) {
			free(a->title);
			a->title = xstrdup(base_name(path));
		}
	}
	diag_move(dl, &fm_diags);
	diag_list_fini(&fm_diags);
	return 1;
}

/*
 * Reads the head of the file open on fd (HEAD_SIZE bytes, more only while
 * head_of needs them) into a.  Returns 1 when the article is to be added,
 * 0 when it is skipped (a warning was added), -1 on a read error (errno
 * set, nothing added to diags).
 */
static int
read_head(int fd, const char *path, bool words, struct article *a,
          struct diag_list *dl)
{
	struct strbuf head;
	bool eof = false;
	size_t want = HEAD_SIZE;
	int rc;

	sb_init(&head);
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
		rc = head_of(head.buf, head.len, eof, want, path, a, dl);
		if (rc != 2)
			break;
		want *= 2;
	}
	/* The body is all here: its words as corpus_set_body's would be
	 * counted ("\r\n" and "\n" are both space, NUL neither). */
	if (rc == 1 && eof && words && a->body_offset <= head.len)
		article_set_words(a, doc_word_count(head.buf + a->body_offset,
		                                    head.len - a->body_offset));
	sb_fini(&head);
	return rc;
}

/* head_of on a file read whole into buf[0..len): as much of it as
 * read_head would have read. */
int
corpus_head_in(const char *buf, size_t len, const char *path, struct article *a,
               struct diag_list *dl)
{
	size_t want = HEAD_SIZE;
	for (;;) {
		size_t n = want < len ? want : len;
		int rc = head_of(buf, n, n == len, want, path, a, dl);
		if (rc != 2)
			return rc;
		want *= 2;
	}
}

int
corpus_read_head(int dirfd, const char *name, const char *path, bool words,
                 struct article *a, struct diag_list *dl)
{
	struct stat st;
	int fd = corpus_open_regular(dirfd, name, &st);

	memset(a, 0, sizeof *a);
	frontmatter_init(&a->fm);
	if (fd < 0)
		return -1;
	a->size = (long long)st.st_size;
	int rc = read_head(fd, path, words, a, dl);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

int
corpus_keep_head(struct corpus *c, struct article *a, int rc, int err,
                 const char *path, bool top, struct diag_list *dl)
{
	if (rc < 0) {
		diag_add(dl, top ? DIAG_ERROR : DIAG_WARNING, path, 0, 0,
		         "cannot read: %s", strerror(err));
		corpus_article_fini(a);
		return top ? -1 : 0;
	}
	if (rc == 0) {
		corpus_article_fini(a);
		return 0;
	}
	/* With its head from the heads cache (pooled), its path in the
	 * pool too: in the block its head just went to (sized by the
	 * cache), or a small one when that is full. */
	a->path_pooled = a->pooled;
	a->path = a->pooled ? pool_strndup(&c->pool, path, strlen(path), 4096)
	                    : xstrdup(path);
	xgrow(&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = *a;
	return 1;
}

int
corpus_add_file(struct corpus *c, int dirfd, const char *name, const char *path,
                bool top, struct diag_list *dl)
{
	struct article a;
	int rc = corpus_read_head(dirfd, name, path, c->words_on_read, &a, dl);
	return corpus_keep_head(c, &a, rc, errno, path, top, dl);
}

/*
 * Room for a big body of n bytes on huge pages (huge_alloc): reading
 * 100 MB into fresh memory otherwise takes a page fault every 4 KB,
 * which made reading it 5-10 times slower than the read itself.
 */
static void
reserve_big(struct strbuf *sb, size_t n)
{
	size_t cap;
	void *p;
	if (sb->len || n <= sb->cap || !(p = huge_alloc(n, &cap)))
		return; /* read_more grows it as for any file */
	free(sb->buf);
	sb->buf = p;
	sb->cap = cap;
}

/*
 * Reads the rest of the file open on fd, whose fstat is st, into sb: in
 * one read() when fstat's size says how much there is (a file that grows
 * meanwhile is read as it was when asked), else up to the end.  Returns
 * -1 with errno set on failure.
 */
static int
read_fd(int fd, const struct stat *st, struct strbuf *sb)
{
	bool eof = false;

	if (st->st_size >= (off_t)BIG_BODY)
		reserve_big(sb, (size_t)st->st_size + HEAD_SIZE + 1);
	while (!eof) {
		/* All the room there is: a big body in one read. */
		size_t want = sb->len + HEAD_SIZE;
		bool whole = st->st_size > 0 && sb->len == 0;
		if (whole)
			want = (size_t)st->st_size;
		else if (sb->cap > want + 1)
			want = sb->cap - 1;
		if (read_more(fd, sb, want, &eof) < 0)
			return -1;
		if (whole && sb->len == want)
			break;
	}
	return 0;
}

int
corpus_read_file(int dirfd, const char *name, struct stat *st, size_t max,
                 struct strbuf *sb)
{
	int fd = corpus_open_regular(dirfd, name, st);

	if (fd < 0)
		return -1;
	int rc =
	        (unsigned long long)st->st_size > max ? 1 : read_fd(fd, st, sb);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

/*
 * Makes the file's bytes in sb (sb emptied) a's body: from its body
 * offset on (or from the end, for a file shrunk since its head was read),
 * "\r\n" made "\n", NUL bytes kept with a warning.
 */
void
corpus_set_body(struct article *a, struct strbuf *sb, struct diag_list *diags)
{
	size_t from = a->body_offset < sb->len ? a->body_offset : sb->len;
	a->body_line = 1;
	for (size_t j = 0; j < from; j++)
		a->body_line += sb->buf[j] == '\n';
	size_t out = from;
	/* memchr first: a body with no CR (nearly all) stays where it was
	 * read, after its head (not moved: 100 MB took milliseconds), and
	 * is not copied a byte at a time. */
	bool nul = memchr(sb->buf + from, '\0', sb->len - from) != NULL;
	if (!memchr(sb->buf + from, '\r', sb->len - from)) {
		out = sb->len;
	} else {
		for (size_t j = from; j < sb->len; j++) {
			char ch = sb->buf[j];
			if (ch == '\r' && j + 1 < sb->len &&
			    sb->buf[j + 1] == '\n')
				continue;
			sb->buf[out++] = ch;
		}
	}
	sb->buf[out] = '\0';
	if (nul)
		diag_add(diags, DIAG_WARNING, a->path, 0, 0,
		         "contains NUL bytes (shown as ^@)");
	a->body_buf = sb_detach(sb);
	a->body = a->body_buf + from;
	a->body_len = out - from;
	a->words_known = false;
	a->body_loaded = true;
}

int
corpus_load_body(struct corpus *c, size_t i, struct diag_list *diags)
{
	struct article *a = &c->v[i];
	struct strbuf sb;
	struct stat st;
	int rc = 0;

	if (a->body_loaded)
		return 0;
	sb_init(&sb);
	if (corpus_read_file(AT_FDCWD, a->path, &st, SIZE_MAX, &sb) < 0) {
		diag_add(diags, DIAG_ERROR, a->path, 0, 0, "cannot read: %s",
		         strerror(errno));
		sb_reset(&sb);
		rc = -1;
	}
	corpus_set_body(a, &sb, diags);
	return rc;
}

void
article_set_words(struct article *a, size_t words)
{
	a->words = words;
	a->words_known = true;
	a->cache_stale = a->cached; /* for the heads cache */
}

size_t
article_words(struct article *a)
{
	if (!a->words_known && a->body_loaded)
		article_set_words(a, doc_word_count(a->body, a->body_len));
	return a->words;
}

void
corpus_unload_body(struct corpus *c, size_t i)
{
	struct article *a = &c->v[i];
	free(a->body_buf);
	a->body_buf = a->body = NULL;
	a->body_len = 0;
	a->body_loaded = false;
}
