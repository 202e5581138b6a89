/*
 * corpus.h - finding and loading articles.
 *
 * Start-up reads only what the sidebar needs: each file's head (front matter
 * and title).  Bodies are read when an article is opened.
 */
#ifndef LECTERN_CORPUS_H
#define LECTERN_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontmatter.h"
#include "util.h"

/* What tells a version of a file apart: its size, modification and change
 * times (ns), inode and device.  The heads cache (headcache.h) keeps what
 * it knows of a file while all of them stay the same. */
struct hc_key {
	int64_t size, mtime_ns, ctime_ns;
	uint64_t ino, dev;
};

struct article {
	char *path;  /* as given or found; owned */
	char *title; /* never NULL: the front matter title, else the first
	               * non-blank line of the body (a leading "# " dropped),
	               * else the file name */
	struct frontmatter fm;
	size_t body_offset; /* byte offset of the body in the file: after the
	                     * front matter, and after the title line when the
	                     * title was taken from the body */
	long long size;     /* the file's size in bytes when it was found */
	bool body_loaded;
	char *body;     /* NUL-terminated; "\r\n" turned into "\n" */
	char *body_buf; /* what body points into: the file, its head too */
	size_t body_len;
	size_t words; /* article_words: counted when first asked */
	bool words_known;
	size_t body_line; /* the file line the body starts on (1-based),
	                     * valid once the body is loaded */
	/* Counts the app made of the body (its keyword hits per group), for
	 * the heads cache to keep: counts_sig says what was counted (0:
	 * nothing).  Set with corpus_set_counts. */
	uint64_t counts_sig;
	uint32_t *counts;
	size_t ncounts;
	/* Where the heads cache keeps the article: found in folder
	 * folders[folder] of the corpus, with key (when cached). */
	bool cached;
	struct hc_key key;
	size_t folder;
	bool cache_stale; /* words or counts learnt since it was cached */
	/* title and fm's block lie in the corpus's pool (taken from the
	 * heads cache at start-up); path_pooled: path too.  Not freed one
	 * by one: see corpus_head_drop. */
	bool pooled, path_pooled;
};

/* A folder given to corpus_add_path with a heads cache. */
struct corpus_folder {
	char *root;     /* as given */
	size_t rootlen; /* article path + rootlen: its path in the folder */
	char *file;     /* the cache file */
	int64_t now_ns; /* when it was read: files changed in the two
	                 * seconds before are not kept (headcache.h) */
};

struct corpus {
	struct article *v;
	size_t n;
	size_t cap;
	char *cache_dir;        /* where heads caches are kept; NULL: none */
	size_t cache_hits;      /* articles whose heads came from a cache */
	int64_t cache_clock_ns; /* the heads cache's clock; 0: the real
	                         * one (tests set it) */
	struct corpus_folder *folders;
	size_t nfolders, nfolders_cap;
	/* The articles' pooled strings (util.h): 100,000 titles, paths and
	 * front matters from the heads cache were ~5,000 page faults and
	 * 300,000 mallocs of a start */
	struct pool *pool;
	bool words_on_read; /* corpus_count_words_on_read */
};

/* Drops a's title and front matter (freed, unless pooled: the pool frees
 * them), leaving none; a is then not pooled. */
void corpus_head_drop(struct article *a);

/* Sets what the app counted in article i's body (n counts, for what sig
 * stands for: not 0), for the heads cache to keep. */
void corpus_set_counts(struct corpus *c, size_t i, uint64_t sig,
                       const uint32_t *counts, size_t n);

/*
 * Writes the heads cache of every folder where something was learnt of
 * an article since it was read (its word count, its counts), so that the
 * next start has them without reading the body.  A cache is only ever a
 * copy: failing to write one is not an error, and nothing is said.
 */
void corpus_save_caches(struct corpus *c);

/* The article's word count (its body must be loaded): counted when first
 * asked, not on every load, so --grep and the background counting do not
 * walk each body twice. */
size_t article_words(struct article *a);
/* Sets the count, counted by the caller (a slice at a time). */
void article_set_words(struct article *a, size_t words);

void corpus_init(struct corpus *c);
/* Folders given to corpus_add_path from now on keep the heads of their
 * articles in a cache file in dir (headcache.h); NULL: no cache. */
void corpus_set_cache_dir(struct corpus *c, const char *dir);
/*
 * Articles read whole for their heads from now on (files up to 64 KB: the
 * head's first read) get their word counts there and then, so that
 * --list reads no such file twice.  Off by default: a start does not
 * wait for word counts.
 */
void corpus_count_words_on_read(struct corpus *c);
void corpus_fini(struct corpus *c);

/*
 * Adds path to the corpus: a file is added whatever its name; a folder is
 * read recursively for regular files ending in ".txt" or ".md" (hidden
 * entries, whose names start with '.', skipped; symbolic links to folders
 * not followed, so loops cannot happen), each folder's entries in natural
 * name order.  Only each file's head is read.  Problems with single files
 * or sub-folders (unreadable, NUL bytes in the head, bad front matter) are
 * warnings in diags and the rest still loads; a file with NUL bytes is
 * skipped.  Returns the number of articles added, or -1 with an error in
 * diags when path itself cannot be read (missing, permission denied, not a
 * file or folder).
 */
int corpus_add_path(struct corpus *c, const char *path,
                    struct diag_list *diags);

/*
 * What corpus_visit calls for each article: a holds its head and its whole
 * body, read in one go, and is freed when fn returns (fn may take what it
 * wants from it, leaving NULL behind).  Warnings go to dl.  fn returns 0 to
 * go on; anything else stops the visit, and is given back in *stop.
 */
typedef int corpus_visit_fn(void *ctx, struct article *a, struct diag_list *dl);
/* corpus_visit's first look at a file's bytes, as read: false skips the
 * file before its head is even parsed, with no word said about it. */
typedef bool corpus_wanted_fn(void *ctx, const char *file, size_t len);

/*
 * Finds the articles under path as corpus_add_path does, in the same
 * order with the same warnings, but gives each one to fn instead of
 * keeping it: each file is opened once and read whole (--grep reads every
 * body, so reading its head apart would read it twice).  wanted, when not
 * NULL, sees each file first.  Returns the number of article files found
 * (visited or not wanted), or -1 with an error in diags when path itself
 * cannot be read.  With cache_dir (not NULL), a folder's heads cache is
 * read, not written: a file it has for this version of the file has its
 * head from there, not parsed again (a->cached is then true).
 */
int corpus_visit(const char *path, const char *cache_dir,
                 corpus_wanted_fn *wanted, corpus_visit_fn *fn, void *ctx,
                 struct diag_list *diags, int *stop);

/* Whether path is a file, or a folder that corpus_add_path would find an
 * article in.  Stops at the first article found. */
bool corpus_has_articles(const char *path);

/*
 * Reads article i's body if it is not loaded yet.  Returns 0, or -1 with an
 * error in diags (file gone or unreadable since start-up); then the body is
 * set to an empty string so callers can go on.  NUL bytes found in the body
 * are kept (they show as "^@") and reported as a warning.
 */
int corpus_load_body(struct corpus *c, size_t i, struct diag_list *diags);

/* Frees article i's body (it is read again when needed). */
void corpus_unload_body(struct corpus *c, size_t i);

#endif
