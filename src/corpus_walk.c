/*
 * corpus_walk.c - finding article files: folders walked in natural name
 * order, each file's head read or taken from the heads cache
 * (corpus_add_path), or each file read whole and handed over
 * (corpus_visit).
 */
#define _DEFAULT_SOURCE /* lstat, O_NOCTTY, DT_* */
#include "corpus_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "headcache.h"
#include "prestat.h"
#include "readahead.h"
#include "xdg.h"

enum {
	MAX_DIR_DEPTH = 64,    /* deeper folders are reported, not read */
	PRESTAT_WINDOW = 4096, /* names looked at ahead at a time */
};

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
	const char *name; /* in its listing's names */
	unsigned char type;
};

/* The entry's name if it is an article file (a regular file, by readdir,
 * with an article's name), else NULL: the names looked at ahead. */
static const char *
article_entry(const struct entry *e)
{
	return e->type == DT_REG && is_article_name(e->name) ? e->name : NULL;
}

/* A folder's entries, sorted; their names in one buffer. */
struct listing {
	struct entry *v;
	size_t n;
	struct strbuf names;
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
listing_fini(struct listing *l)
{
	free(l->v);
	sb_fini(&l->names);
}

/* The path of name in the folder whose path (and a slash) sb holds in its
 * first dirlen bytes: sb's buffer, valid until the next call. */
static const char *
path_in(struct strbuf *sb, size_t dirlen, const char *name)
{
	sb->len = dirlen;
	sb_addstr(sb, name);
	return sb->buf;
}

/* Starts sb with dir and a slash, for path_in; returns the length. */
static size_t
path_prefix(struct strbuf *sb, const char *dir)
{
	size_t n = strlen(dir);
	sb_init(sb);
	sb_add(sb, dir, n);
	if (n == 0 || dir[n - 1] != '/')
		sb_addch(sb, '/');
	return sb->len;
}

/*
 * Reads the names in folder dirfd (hidden ones skipped), sorted, into l.
 * dirfd stays open (its entries are looked at through it: one name to
 * resolve rather than the whole path, 8% of a start on 100,000 articles),
 * so a walk holds one descriptor per level, MAX_DIR_DEPTH at most.
 * Returns -1 with errno set on failure (l then holds nothing).
 */
static int
list_dir(int dirfd, struct listing *l)
{
	int fd = dup(dirfd);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	size_t cap = 0;
	struct dirent *e;

	memset(l, 0, sizeof *l);
	sb_init(&l->names);
	if (!d) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		errno = err;
		return -1;
	}
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		xgrow(&l->v, &cap, l->n + 1, sizeof *l->v);
		/* The name's offset for now: the buffer moves as it grows. */
		l->v[l->n].name = (const char *)(uintptr_t)l->names.len;
		l->v[l->n++].type = e->d_type;
		sb_add(&l->names, e->d_name, strlen(e->d_name) + 1);
		errno = 0;
	}
	int err = errno;
	closedir(d);
	if (err) {
		listing_fini(l);
		errno = err;
		return -1;
	}
	for (size_t i = 0; i < l->n; i++)
		l->v[i].name = l->names.buf + (uintptr_t)l->v[i].name;
	if (l->n) /* qsort of NULL is undefined, even of nothing */
		qsort(l->v, l->n, sizeof *l->v, entry_cmp);
	return 0;
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
	struct headcache *hc;   /* NULL: no heads cache */
	size_t folder;          /* hc's, in c->folders */
	size_t rootlen;         /* path + rootlen: the path under the folder */
	corpus_visit_fn *visit; /* corpus_visit's: c is NULL */
	corpus_wanted_fn *wanted;
	void *ctx;
	int stop; /* what visit returned, when not 0 */
	/* A visit's buffers for files read ahead, per folder depth (a
	 * folder's thread may still read while its sub-folder is walked) */
	struct ra_ring *rings[MAX_DIR_DEPTH + 1];
};

/*
 * corpus_visit's step: the file (name in folder dirfd, at path) read
 * whole, head and body from one read, given to w->visit.  ahead: the file
 * as the thread read it (readahead.h; its buffer is given back emptied),
 * or NULL for the walk to read it now.  top: the user named the file (a
 * read error is then an error).  Returns 1 when visited, 0 when skipped,
 * -1 on an error (top only).
 */
static int
visit_file(struct walk *w, int dirfd, const char *name, const char *path,
           bool top, struct ra_file *ahead)
{
	struct article a;
	struct ra_file local, *f = ahead;
	int rc = 0;

	if (!f) {
		f = &local;
		sb_init(&f->sb);
		readahead_read(dirfd, name, f);
	}
	memset(&a, 0, sizeof a);
	frontmatter_init(&a.fm);
	if (f->rc < 0) {
		diag_add(w->dl, top ? DIAG_ERROR : DIAG_WARNING, path, 0, 0,
		         "cannot read: %s", strerror(f->err));
		rc = top ? -1 : 0;
		goto out;
	}
	a.size = (long long)f->st.st_size;
	rc = 1;
	if (w->wanted && !w->wanted(w->ctx, f->sb.buf, f->sb.len))
		goto out;
	/* The head from the cache when it has this version of the file
	 * (its front matter is not parsed again), else from the bytes. */
	struct hc_key key;
	hc_key_of(&f->st, &key);
	if (top || !w->hc || !headcache_get(w->hc, path + w->rootlen, &key, &a))
		rc = corpus_head_in(f->sb.buf, f->sb.len, path, &a, w->dl);
	else
		a.cached = true;
	if (rc == 1) {
		a.path = xstrdup(path);
		size_t cap = f->sb.cap;
		corpus_set_body(&a, &f->sb, w->dl);
		w->stop = w->visit(w->ctx, &a, w->dl);
		/* The thread's buffer back to it, or a new one if the visit
		 * took the body. */
		if (ahead && a.body_buf) {
			f->sb.buf = a.body_buf;
			f->sb.cap = cap;
			a.body_buf = NULL;
		} else if (ahead) {
			sb_init(&f->sb);
		}
	}
out:
	if (ahead)
		sb_reset(&f->sb);
	else
		sb_fini(&f->sb);
	corpus_article_fini(&a);
	return rc;
}

static int add_dir(struct walk *w, const char *dir, int depth);

/* What the thread made of a file ahead of the walk (prestat.h): its head,
 * read. */
struct ahead_slot {
	struct article a;
	struct diag_list dl; /* what reading it said */
	int rc, err;         /* corpus_read_head's */
	struct hc_key key;
};

/* A window of a folder's names, looked at ahead by a thread. */
struct ahead {
	const struct walk *w;
	int dirfd;
	const char **names;
	bool *made;              /* per name: its slot is set */
	struct ahead_slot *slot; /* per name; NULL: only stat'ed ahead */
	struct strbuf path;      /* the thread's */
	size_t dirlen;
	struct readahead *ra; /* a visit's, or NULL */
	size_t at;            /* the entry the walk is at */
};

/* prestat's function, on the thread: name i's head into its slot. */
static void
look_ahead(void *ctx, size_t i, const struct stat *st)
{
	struct ahead *ah = ctx;

	if (!ah->slot || !S_ISREG(st->st_mode))
		return; /* only stat'ed; or the walk says what it is */
	struct ahead_slot *s = &ah->slot[i];
	const char *path = path_in(&ah->path, ah->dirlen, ah->names[i]);
	hc_key_of(st, &s->key);
	diag_list_init(&s->dl);
	s->rc = corpus_read_head(ah->dirfd, ah->names[i], path,
	                         ah->w->c && ah->w->c->words_on_read, &s->a,
	                         &s->dl);
	s->err = errno;
	ah->made[i] = true;
}

/* The article just added, kept in the heads cache as of key. */
static int
keep_cached(struct walk *w, const char *path, const struct hc_key *key)
{
	struct article *kept = &w->c->v[w->c->n - 1];
	kept->cached = true;
	kept->key = *key;
	kept->folder = w->folder;
	headcache_put(w->hc, path + w->rootlen, key, kept);
	return 1;
}

/* add_found for a file the thread looked at: what it made, taken in the
 * walk's order. */
static int
take_ahead(struct walk *w, const char *path, struct ahead_slot *s)
{
	size_t before = w->dl->n;

	diag_move(w->dl, &s->dl); /* and freed */
	if (w->hc)                /* the cache is empty */
		headcache_missed(w->hc);
	int rc = corpus_keep_head(w->c, &s->a, s->rc, s->err, path, false,
	                          w->dl);
	if (rc != 1 || w->dl->n != before || !w->hc)
		return rc; /* a warning: not kept in the cache */
	return keep_cached(w, path, &s->key);
}

/*
 * Adds the regular file e found in folder dirfd, at path: its head from
 * the cache when the cache has it for this version of the file, else read
 * (and then kept in the cache if it was read without a warning).  st is
 * the file's stat when the caller has it, else NULL; s what the thread
 * made of it, if anything.
 */
static int
add_found(struct walk *w, int dirfd, const struct entry *e, const char *path,
          const struct stat *st, struct ahead_slot *s)
{
	struct stat local;
	struct hc_key key;
	struct article a;
	const char *rel = path + w->rootlen;

	if (w->visit)
		return w->stop ? 0
		               : visit_file(w, dirfd, e->name, path, false,
		                            NULL);
	if (s)
		return take_ahead(w, path, s);
	if (!w->hc)
		return corpus_add_file(w->c, dirfd, e->name, path, false,
		                       w->dl);
	if (!st) {
		/* When it cannot be stat'ed, corpus_add_file says why. */
		if (fstatat(dirfd, e->name, &local, 0) < 0)
			return corpus_add_file(w->c, dirfd, e->name, path,
			                       false, w->dl);
		st = &local;
	}
	hc_key_of(st, &key);
	memset(&a, 0, sizeof a);
	frontmatter_init(&a.fm);
	if (S_ISREG(st->st_mode) && headcache_get(w->hc, rel, &key, &a)) {
		corpus_keep_head(w->c, &a, 1, 0, path, false, w->dl);
		w->c->cache_hits++;
	} else {
		size_t before = w->dl->n;
		int rc = corpus_add_file(w->c, dirfd, e->name, path, false,
		                         w->dl);
		if (rc != 1 || w->dl->n != before)
			return rc; /* a warning: not kept */
	}
	return keep_cached(w, path, &key);
}

/* One entry of a folder: a sub-folder, an article file, or ignored.  ah,
 * if not NULL, looks at the entry ahead as its name j when it is a
 * regular file. */
static int
add_entry(struct walk *w, int dirfd, const char *path, const struct entry *e,
          int depth, struct prestat *pre, struct ahead *ah, size_t j)
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
	if (type == DT_REG && w->visit) {
		struct ra_file *f =
		        ah->ra ? readahead_get(ah->ra, ah->at) : NULL;
		return visit_file(w, dirfd, e->name, path, false, f);
	}
	if (type == DT_REG) { /* corpus_add_file checks it again (fstat) */
		if (!pre || prestat_get(pre, j, &st) != 1)
			return add_found(w, dirfd, e, path, NULL, NULL);
		struct ahead_slot *s = NULL;
		if (ah->slot && ah->made[j]) {
			s = &ah->slot[j];
			ah->made[j] = false;
		}
		return add_found(w, dirfd, e, path, &st, s);
	}
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
	return add_found(w, dirfd, e, path, &st, NULL);
}

/* Stops the thread of a window of m names; frees what it made that the
 * walk did not take (nothing, unless the walk stopped). */
static void
stop_ahead(struct prestat *pre, struct ahead *ah, size_t m)
{
	prestat_stop(pre);
	for (size_t k = 0; k < m; k++) {
		if (ah->made[k]) {
			corpus_article_fini(&ah->slot[k].a);
			diag_list_fini(&ah->slot[k].dl);
			ah->made[k] = false;
		}
	}
}

static int
add_dir(struct walk *w, const char *dir, int depth)
{
	struct diag_list *dl = w->dl;
	int added = 0;
	struct listing l;

	if (depth > MAX_DIR_DEPTH) {
		diag_add(dl, DIAG_WARNING, dir, 0, 0,
		         "folders nested too deep, skipped");
		return 0;
	}
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0 || list_dir(dirfd, &l) < 0) {
		int err = errno;
		if (dirfd >= 0)
			close(dirfd);
		diag_add(dl, depth == 0 ? DIAG_ERROR : DIAG_WARNING, dir, 0, 0,
		         "cannot read folder: %s", strerror(err));
		return depth == 0 ? -1 : 0;
	}
	/* A thread looks at the article files ahead of the walk: for a
	 * visit, it reads them whole in the walk's order (readahead.h); else
	 * it stats them, and reads their heads where there is no cache to
	 * take them from, from the last one back, PRESTAT_WINDOW names at a
	 * time (prestat.h). */
	struct ahead ah = {.w = w, .dirfd = dirfd};
	struct prestat *pre = NULL;
	size_t win = l.n < PRESTAT_WINDOW ? l.n : PRESTAT_WINDOW, m = 0;
	if (w->visit) {
		ah.names = xmalloc((l.n ? l.n : 1) * sizeof *ah.names);
		for (size_t k = 0; k < l.n; k++)
			ah.names[k] = article_entry(&l.v[k]);
		ah.ra = readahead_start(dirfd, ah.names, l.n, &w->rings[depth]);
	} else if (l.n >= PRESTAT_MIN) {
		ah.names = xmalloc(win * sizeof *ah.names);
		ah.made = xcalloc(win, sizeof *ah.made);
		/* Heads are read ahead without a cache, or with an empty one
		 * (a first start); else the walk takes each from the cache
		 * (or reads it, the file having changed since): only the
		 * stats are made ahead. */
		if (!w->hc || !headcache_size(w->hc))
			ah.slot = xmalloc(win * sizeof *ah.slot);
		ah.dirlen = path_prefix(&ah.path, dir);
	}
	struct strbuf path;
	size_t dirlen = path_prefix(&path, dir);
	for (size_t i = 0; i < l.n && !w->stop; i++) {
		size_t j = i % PRESTAT_WINDOW;
		if (ah.made && j == 0) {
			stop_ahead(pre, &ah, m);
			m = l.n - i < win ? l.n - i : win;
			for (size_t k = 0; k < m; k++)
				ah.names[k] = article_entry(&l.v[i + k]);
			pre = prestat_start(dirfd, ah.names, m, look_ahead,
			                    &ah);
		}
		ah.at = i;
		added +=
		        add_entry(w, dirfd, path_in(&path, dirlen, l.v[i].name),
		                  &l.v[i], depth, pre, &ah, j);
		if (ah.ra)
			readahead_done(ah.ra, i);
	}
	readahead_stop(ah.ra);
	if (ah.made) {
		stop_ahead(pre, &ah, m);
		free(ah.made);
		free(ah.slot);
		sb_fini(&ah.path);
	}
	free(ah.names);
	sb_fini(&path);
	close(dirfd);
	listing_fini(&l);
	return added;
}

/* A folder the user named: walked with its heads cache, if any. */
static int
add_folder(struct corpus *c, const char *path, struct diag_list *diags)
{
	size_t len = strlen(path);
	struct walk w = {.c = c,
	                 .dl = diags,
	                 .rootlen = len + (len && path[len - 1] != '/')};
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
	/* Room for the articles the cache knows of, made once. */
	xgrow(&c->v, &c->cap, c->n + headcache_size(&hc), sizeof *c->v);
	xgrow(&c->folders, &c->nfolders_cap, c->nfolders + 1,
	      sizeof *c->folders);
	c->folders[c->nfolders] = (struct corpus_folder){
	        xstrdup(path), w.rootlen, file, hc.now_ns};
	w.hc = &hc;
	hc.pool = &c->pool; /* heads taken from it: pooled */
	w.folder = c->nfolders++;
	int rc = add_dir(&w, path, 0);
	if (rc >= 0 && headcache_changed(&hc))
		(void)headcache_save(&hc, file); /* a cache: may fail */
	headcache_fini(&hc);
	return rc;
}

void
corpus_save_caches(struct corpus *c)
{
	for (size_t f = 0; f < c->nfolders; f++) {
		const struct corpus_folder *cf = &c->folders[f];
		bool stale = false;
		for (size_t i = 0; i < c->n && !stale; i++)
			stale = c->v[i].cached && c->v[i].folder == f &&
			        c->v[i].cache_stale;
		if (!stale)
			continue;
		/* Written whole again from the articles (what was read at
		 * start-up is not kept): the same entries, in the same
		 * order, with what was learnt since. */
		struct headcache hc;
		headcache_init(&hc, cf->now_ns);
		for (size_t i = 0; i < c->n; i++) {
			struct article *a = &c->v[i];
			if (a->cached && a->folder == f)
				headcache_put(&hc, a->path + cf->rootlen,
				              &a->key, a);
		}
		(void)headcache_save(&hc, cf->file); /* a cache: may fail */
		headcache_fini(&hc);
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i].folder == f)
				c->v[i].cache_stale = false;
	}
}

/* What path is, for corpus_add_path and corpus_visit: 'd' a folder, 'f'
 * a file, or 0 with an error in diags. */
static char
path_kind(const char *path, struct diag_list *diags)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		         strerror(errno));
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return 'd';
	if (S_ISREG(st.st_mode))
		return 'f';
	diag_add(diags, DIAG_ERROR, path, 0, 0,
	         "cannot read: not a file or folder");
	return 0;
}

int
corpus_add_path(struct corpus *c, const char *path, struct diag_list *diags)
{
	switch (path_kind(path, diags)) {
	case 'd':
		return add_folder(c, path, diags);
	case 'f':
		return corpus_add_file(c, AT_FDCWD, path, path, true, diags);
	default:
		return -1;
	}
}

int
corpus_visit(const char *path, const char *cache_dir, corpus_wanted_fn *wanted,
             corpus_visit_fn *fn, void *ctx, struct diag_list *diags, int *stop)
{
	size_t len = strlen(path);
	struct walk w = {.dl = diags,
	                 .rootlen = len + (len && path[len - 1] != '/'),
	                 .visit = fn,
	                 .wanted = wanted,
	                 .ctx = ctx};
	struct headcache hc;
	int rc;

	switch (path_kind(path, diags)) {
	case 'd':
		if (cache_dir) { /* read only: its clock does not matter */
			headcache_init(&hc, 0);
			char *file = xdg_corpus_file(cache_dir, path, ".heads");
			headcache_load(&hc, file);
			free(file);
			w.hc = &hc;
		}
		rc = add_dir(&w, path, 0);
		if (w.hc)
			headcache_fini(&hc);
		for (size_t d = 0; d <= MAX_DIR_DEPTH; d++)
			ra_ring_free(w.rings[d]);
		break;
	case 'f':
		rc = visit_file(&w, AT_FDCWD, path, path, true, NULL);
		break;
	default:
		rc = -1;
	}
	*stop = w.stop;
	return rc;
}

/* Whether dir holds an article file, by add_dir's rules. */
static bool
dir_has_articles(const char *dir, int depth)
{
	struct listing l;
	int dirfd = depth > MAX_DIR_DEPTH
	                    ? -1
	                    : open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return false;
	if (list_dir(dirfd, &l) < 0) {
		close(dirfd);
		return false;
	}
	struct strbuf path;
	size_t dirlen = path_prefix(&path, dir);
	bool found = false;
	for (size_t i = 0; i < l.n && !found; i++) {
		struct stat st;
		unsigned char type = entry_type(dirfd, &l.v[i], &st);
		if (type == DT_DIR) {
			found = dir_has_articles(
			        path_in(&path, dirlen, l.v[i].name), depth + 1);
		} else if (is_article_name(l.v[i].name) &&
		           (type == DT_REG || type == DT_LNK) &&
		           fstatat(dirfd, l.v[i].name, &st, 0) == 0 &&
		           S_ISREG(st.st_mode)) {
			found = true;
		}
	}
	sb_fini(&path);
	close(dirfd);
	listing_fini(&l);
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
