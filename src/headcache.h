/*
 * headcache.h - what start-up reads of each article file, kept between
 * runs, so that a second start on a big corpus stats its files instead of
 * opening and reading every one.
 *
 * One cache file per corpus folder, in $XDG_CACHE_HOME/lectern/ (named as
 * the reading state is: see xdg.h).  For each article found there it
 * holds what the sidebar needs: the title, the front matter and where the
 * body starts.  An entry is used only while its file has the size,
 * modification and change times (in nanoseconds), inode and device it
 * had when it was read; any change reads the file again.  As git's index
 * does, an entry for a file changed in the last two seconds before the
 * cache is written is not kept: a second change within the same clock
 * tick could not be seen.  Only files read without a warning are kept,
 * so that a warning is given at every start.  Besides the head, an entry
 * holds what was learnt of the body while lectern ran, when it was: its
 * word count and the app's counts (keyword hits per group, with a
 * signature of the groups they were counted for).
 *
 * The cache costs nothing but speed: a cache file that is missing,
 * corrupt, of another version or unreadable is ignored and written anew;
 * one that cannot be written is not written, without a word.
 *
 * The file: "LECTERN-HEADS\n", a 32-bit version, a 64-bit checksum of the
 * rest, then entries; integers little-endian, strings as a 32-bit length
 * and their bytes.
 */
#ifndef LECTERN_HEADCACHE_H
#define LECTERN_HEADCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "corpus.h"
#include "util.h"

/* struct hc_key, what tells a file's version, is in corpus.h: all of it
 * must match for an entry to be used. */
void hc_key_of(const struct stat *st, struct hc_key *k);

/* An entry of a loaded cache: slices of the loaded bytes. */
struct hc_entry {
	const char *rel; /* the path under the corpus folder; not
	                  * NUL-terminated */
	size_t rel_len;
	struct hc_key key;
	const char *rec; /* the head: title, front matter, body offset */
	size_t rec_len;
	const char *raw; /* the whole entry, copied as is when kept */
	size_t raw_len;
};

/* An entry of the cache to write: a loaded entry kept as it is, or one
 * encoded anew (in fresh). */
struct hc_item {
	bool fresh;
	size_t off, len; /* in buf, or in fresh */
};

struct headcache {
	char *buf; /* the loaded file */
	size_t len;
	size_t maplen; /* buf is the file mapped, maplen bytes; 0: malloc'd */
	struct hc_entry *v;
	size_t n;
	uint32_t *table; /* open addressing on rel: index + 1, 0 empty;
	                  * made when first needed */
	size_t tmask;
	size_t next;         /* the entry after the last one found: a walk finds
	              * them in the order they were written, so it is
	              * tried before the table */
	size_t last_hit;     /* the entry of the last hit, + 1; 0 none */
	struct hc_item *out; /* the cache to write, in order */
	size_t nout, outcap;
	size_t nfresh; /* items encoded anew */
	struct strbuf fresh;
	size_t hits, misses;
	bool bad; /* an entry could not be read: write the cache anew */
	/* Where headcache_get puts an article's title and front matter
	 * (the article then pooled); NULL: malloc'd */
	struct pool **pool;
	int64_t now_ns; /* entries changed after now_ns - 2 s are not kept */
};

/* now_ns: the clock for the racy rule (CLOCK_REALTIME, nanoseconds). */
void headcache_init(struct headcache *hc, int64_t now_ns);
void headcache_fini(struct headcache *hc);

/*
 * Reads the cache file at path into hc.  0; or -1 when there is none or
 * it cannot be used (hc is then empty, and everything a miss).
 */
int headcache_load(struct headcache *hc, const char *path);

/*
 * Takes buf[off..off + len) (a cache file's entries, after its header; hc
 * owns buf from now on, allocated with malloc) as hc's entries.  0; or -1
 * when it is not a sequence of whole entries (hc is then empty).
 */
int headcache_parse(struct headcache *hc, char *buf, size_t off, size_t len);

/*
 * Looks rel up.  On a hit (an entry whose key is *key) sets a's title,
 * front matter, body offset and size, and its word count and counts when
 * the entry has them (a's other fields untouched), and returns true.  A miss, or an entry that cannot be read, returns false
 * with a unchanged.
 */
bool headcache_get(struct headcache *hc, const char *rel,
                   const struct hc_key *key, struct article *a);

/* Counts a miss, as headcache_get would, for a file the caller read
 * without asking (the cache being empty). */
void headcache_missed(struct headcache *hc);
/* How many entries the loaded cache has. */
size_t headcache_size(const struct headcache *hc);

/* Keeps a's head under rel with *key for the cache to write (unless the
 * file changed too recently: see above). */
void headcache_put(struct headcache *hc, const char *rel,
                   const struct hc_key *key, const struct article *a);

/* Whether the cache to write differs from the one loaded. */
bool headcache_changed(const struct headcache *hc);

/* The entries of the cache to write, as headcache_parse takes them,
 * added to sb. */
void headcache_entries(const struct headcache *hc, struct strbuf *sb);

/* Writes the entries put to path (a temporary file renamed over it,
 * folders made as needed).  0, or -1 with errno set. */
int headcache_save(struct headcache *hc, const char *path);

#endif
