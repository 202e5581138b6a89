/*
 * headcache.c - the heads cache (see headcache.h).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* st_mtim, st_ctim */
#endif
#include "headcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h> /* rename */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xdg.h"

#define HC_MAGIC "LECTERN-HEADS\n"
enum {
	HC_MAGIC_LEN = sizeof HC_MAGIC - 1,
	HC_VERSION = 2,
	HC_HEADER = HC_MAGIC_LEN + 4 + 8,
	/* Bytes of an entry besides its strings: rel's length, the key,
	 * the record's length. */
	HC_ENTRY_FIXED = 4 + 5 * 8 + 4,
};
#define HC_NULL_STR UINT32_C(0xffffffff)
#define HC_NO_WORDS UINT64_MAX
#define HC_RACY_NS INT64_C(2000000000)

void
hc_key_of(const struct stat *st, struct hc_key *k)
{
	k->size = (int64_t)st->st_size;
	k->mtime_ns =
	        (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
	k->ctime_ns =
	        (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
	k->ino = (uint64_t)st->st_ino;
	k->dev = (uint64_t)st->st_dev;
}

static bool
key_eq(const struct hc_key *a, const struct hc_key *b)
{
	return a->size == b->size && a->mtime_ns == b->mtime_ns &&
	       a->ctime_ns == b->ctime_ns && a->ino == b->ino &&
	       a->dev == b->dev;
}

void
headcache_init(struct headcache *hc, int64_t now_ns)
{
	memset(hc, 0, sizeof *hc);
	sb_init(&hc->fresh);
	hc->now_ns = now_ns;
}

static void
drop_loaded(struct headcache *hc)
{
	if (hc->maplen)
		munmap(hc->buf, hc->maplen);
	else
		free(hc->buf);
	free(hc->v);
	free(hc->table);
	hc->buf = NULL;
	hc->v = NULL;
	hc->table = NULL;
	hc->maplen = hc->len = hc->n = hc->tmask = hc->next = hc->last_hit = 0;
}

void
headcache_fini(struct headcache *hc)
{
	drop_loaded(hc);
	free(hc->out);
	sb_fini(&hc->fresh);
}

/* ------------------------------------------------------------ reading */

/* A cursor over bytes that may be anything: every read is checked. */
struct rd {
	const char *p;
	size_t left;
	bool bad;
};

static uint64_t
rd_uint(struct rd *r, int bytes)
{
	uint64_t v = 0;
	if (r->bad || r->left < (size_t)bytes) {
		r->bad = true;
		return 0;
	}
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)(unsigned char)r->p[i] << (8 * i);
	r->p += bytes;
	r->left -= (size_t)bytes;
	return v;
}

/* A string's bytes (not NUL-terminated); *len HC_NULL_STR for none. */
static const char *
rd_bytes(struct rd *r, uint32_t *len, bool nullable)
{
	uint32_t n = (uint32_t)rd_uint(r, 4);
	const char *s = r->p;
	*len = n;
	if (r->bad)
		return NULL;
	if (n == HC_NULL_STR && nullable)
		return NULL;
	if (n > r->left) {
		r->bad = true;
		return NULL;
	}
	r->p += n;
	r->left -= n;
	return s;
}

/*
 * The file's checksum: only to tell a file cut short or damaged, so eight
 * bytes a step (FNV-1a a byte at a time was 7% of a start on 100,000
 * articles).
 */
static uint64_t
checksum(const char *p, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	return fnv1a64_more(h, p + i, len - i);
}

static uint32_t
hash_rel(const char *rel, size_t len)
{
	uint64_t h = fnv1a64_more(FNV1A64_START, rel, len);
	return (uint32_t)(h ^ (h >> 32));
}

/* The entry for rel in the table, or NULL. */
static const struct hc_entry *
table_find(const struct headcache *hc, const char *rel, size_t len)
{
	if (!hc->table)
		return NULL;
	for (size_t i = hash_rel(rel, len) & hc->tmask;;
	     i = (i + 1) & hc->tmask) {
		uint32_t slot = hc->table[i];
		if (!slot)
			return NULL;
		const struct hc_entry *e = &hc->v[slot - 1];
		if (e->rel_len == len && !memcmp(e->rel, rel, len))
			return e;
	}
}

static void make_table(struct headcache *hc);

/* The entry for rel: the one after the last found, else the table's. */
static const struct hc_entry *
lookup(struct headcache *hc, const char *rel, size_t len)
{
	if (hc->next < hc->n) {
		const struct hc_entry *e = &hc->v[hc->next];
		if (e->rel_len == len && !memcmp(e->rel, rel, len))
			return e;
	}
	if (!hc->table && hc->n)
		make_table(hc);
	return table_find(hc, rel, len);
}

/* Reads the entry at r into e; false at the end or when it is cut short
 * (then r->bad). */
static bool
rd_entry(struct rd *r, struct hc_entry *e)
{
	uint32_t n;
	if (!r->left || r->bad)
		return false;
	e->raw = r->p;
	e->rel = rd_bytes(r, &n, false);
	e->rel_len = n;
	e->key.size = (int64_t)rd_uint(r, 8);
	e->key.mtime_ns = (int64_t)rd_uint(r, 8);
	e->key.ctime_ns = (int64_t)rd_uint(r, 8);
	e->key.ino = rd_uint(r, 8);
	e->key.dev = rd_uint(r, 8);
	e->rec = rd_bytes(r, &n, false);
	e->rec_len = n;
	e->raw_len = (size_t)(r->p - e->raw);
	return !r->bad;
}

/* headcache_parse, for a buf that is a mapped file of maplen bytes (0:
 * malloc'd). */
static int
parse(struct headcache *hc, char *buf, size_t maplen, size_t off, size_t len)
{
	struct rd r = {buf + off, len, false};
	struct hc_entry e;
	size_t n = 0;

	drop_loaded(hc);
	hc->buf = buf;
	hc->maplen = maplen;
	hc->len = off + len;
	/* Counted first, so that the entries (and the articles made of
	 * them: headcache_size) are allocated once, not grown by copies. */
	while (rd_entry(&r, &e))
		n++;
	if (r.bad || n >= UINT32_MAX - 1) {
		drop_loaded(hc);
		return -1;
	}
	hc->v = xcalloc(n ? n : 1, sizeof *hc->v);
	r = (struct rd){buf + off, len, false};
	while (rd_entry(&r, &hc->v[hc->n]))
		hc->n++;
	xgrow(&hc->out, &hc->outcap, n, sizeof *hc->out);
	return 0;
}

/* The table of entries by name, made when first needed: a walk finds
 * the entries in the order they were written, without it. */
static void
make_table(struct headcache *hc)
{
	size_t size = 16;
	while (size < 2 * hc->n)
		size *= 2;
	hc->table = xcalloc(size, sizeof *hc->table);
	hc->tmask = size - 1;
	for (size_t k = 0; k < hc->n; k++) {
		const struct hc_entry *e = &hc->v[k];
		if (table_find(hc, e->rel, e->rel_len))
			continue; /* a name twice: the first one wins */
		size_t i = hash_rel(e->rel, e->rel_len) & hc->tmask;
		while (hc->table[i])
			i = (i + 1) & hc->tmask;
		hc->table[i] = (uint32_t)(k + 1);
	}
}

int
headcache_parse(struct headcache *hc, char *buf, size_t off, size_t len)
{
	return parse(hc, buf, 0, off, len);
}

int
headcache_load(struct headcache *hc, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;

	drop_loaded(hc);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < HC_HEADER) {
		close(fd);
		return -1;
	}
	/* Mapped, not read: reading 24 MB (at 100,000 articles) into fresh
	 * memory took a page fault every 4 KB.  The cache is only ever
	 * replaced whole (headcache_save renames a new file over it), so the
	 * mapped file is not cut short under lectern. */
	size_t flen = (size_t)st.st_size;
	char *m =
	        mmap(NULL, flen, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	struct rd r = {m, flen, false};
	if (memcmp(m, HC_MAGIC, HC_MAGIC_LEN)) {
		munmap(m, flen);
		return -1;
	}
	r.p += HC_MAGIC_LEN;
	r.left -= HC_MAGIC_LEN;
	uint32_t version = (uint32_t)rd_uint(&r, 4);
	uint64_t sum = rd_uint(&r, 8);
	if (version != HC_VERSION || checksum(r.p, r.left) != sum) {
		munmap(m, flen);
		return -1;
	}
	return parse(hc, m, flen, HC_HEADER, r.left); /* m is hc's now */
}

/*
 * Room for a head's front matter, taken in one allocation: decode runs
 * twice over a record, first with p NULL to count the bytes, then to fill
 * them in (ten allocations an article were 14% of a cached start).
 */
struct arena {
	char *p;
	size_t used;
};

static void *
ar_take(struct arena *ar, size_t n, size_t align)
{
	ar->used = (ar->used + align - 1) / align * align;
	void *q = ar->p ? ar->p + ar->used : NULL;
	ar->used += n;
	return q;
}

/* A string of the record in the arena; NULL when absent (or when only
 * counting: *present says whether it is there). */
static char *
ar_str(struct arena *ar, struct rd *r, bool nullable, bool *present)
{
	uint32_t n;
	const char *s = rd_bytes(r, &n, nullable);
	*present = s != NULL;
	if (!s)
		return NULL;
	char *q = ar_take(ar, (size_t)n + 1, 1);
	if (q) {
		memcpy(q, s, n);
		q[n] = '\0';
	}
	return q;
}

/* The front matter of a record (r just past the title) into fm, its
 * strings and arrays in ar; false when the record is not valid. */
static bool
decode_fm(struct rd *r, struct frontmatter *fm, struct arena *ar)
{
	bool there;
	char **fields[] = {&fm->title, &fm->author, &fm->date, &fm->source};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		*fields[i] = ar_str(ar, r, true, &there);
	uint32_t ntags = (uint32_t)rd_uint(r, 4);
	if (!r->bad && ntags > r->left / 4) /* each takes 4 bytes at least */
		r->bad = true;
	if (!r->bad && ntags) {
		fm->tags =
		        ar_take(ar, ntags * sizeof *fm->tags, _Alignof(char *));
		for (uint32_t i = 0; i < ntags && !r->bad; i++) {
			char *t = ar_str(ar, r, false, &there);
			if (fm->tags)
				fm->tags[i] = t;
		}
		fm->ntags = ntags;
	}
	uint32_t nextra = (uint32_t)rd_uint(r, 4);
	if (!r->bad && nextra > r->left / 16)
		r->bad = true;
	if (!r->bad && nextra) {
		fm->extra = ar_take(ar, nextra * sizeof *fm->extra,
		                    _Alignof(struct fm_field));
		for (uint32_t i = 0; i < nextra && !r->bad; i++) {
			struct fm_field f;
			f.key = ar_str(ar, r, false, &there);
			f.value = ar_str(ar, r, false, &there);
			f.line = (int)(int32_t)rd_uint(r, 4);
			f.col = (int)(int32_t)rd_uint(r, 4);
			if (fm->extra)
				fm->extra[i] = f;
		}
		fm->nextra = nextra;
	}
	return !r->bad;
}

/* Reads a record into a (fields it sets are freed first); false when it
 * is not a whole, valid record (a unchanged). */
static bool
decode(const char *rec, size_t len, struct article *a, struct pool **pool,
       size_t hint)
{
	struct rd r = {rec, len, false};
	struct article t;
	struct frontmatter *fm = &t.fm;
	struct arena ar = {NULL, 0};

	memset(&t, 0, sizeof t);
	frontmatter_init(fm);
	t.body_offset = (size_t)rd_uint(&r, 8);
	uint64_t words = rd_uint(&r, 8);
	uint32_t tlen;
	const char *title = rd_bytes(&r, &tlen, false);
	struct rd fm_at = r;
	if (!title || !decode_fm(&r, fm, &ar)) /* counts its bytes */
		return false;
	uint64_t sig = rd_uint(&r, 8);
	uint32_t ncounts = (uint32_t)rd_uint(&r, 4);
	if (r.bad || (size_t)ncounts * 4 != r.left || (ncounts && !sig))
		return false; /* the counts end the record */
	/* Valid: made for real, the front matter in one block. */
	t.title = pool ? pool_strndup(pool, title, tlen, hint)
	               : xstrndup(title, tlen);
	frontmatter_init(fm);
	ar.p = !ar.used ? NULL
	       : pool   ? pool_alloc(pool, ar.used, hint)
	                : xmalloc(ar.used);
	ar.used = 0;
	r = fm_at;
	(void)decode_fm(&r, fm, &ar);
	fm->block = ar.p;
	(void)rd_uint(&r, 8);
	(void)rd_uint(&r, 4);
	if (ncounts) {
		t.counts = xmalloc(ncounts * sizeof *t.counts);
		for (t.ncounts = 0; t.ncounts < ncounts; t.ncounts++)
			t.counts[t.ncounts] = (uint32_t)rd_uint(&r, 4);
	}
	corpus_head_drop(a);
	free(a->counts);
	a->pooled = pool != NULL;
	a->title = t.title;
	a->fm = t.fm;
	a->body_offset = t.body_offset;
	a->words_known = words != HC_NO_WORDS;
	a->words = a->words_known ? (size_t)words : 0;
	a->counts = t.counts;
	a->ncounts = t.ncounts;
	a->counts_sig = t.ncounts ? sig : 0;
	return true;
}

bool
headcache_get(struct headcache *hc, const char *rel, const struct hc_key *key,
              struct article *a)
{
	const struct hc_entry *e = lookup(hc, rel, strlen(rel));
	hc->last_hit = 0;
	if (e) {
		hc->next = (size_t)(e - hc->v) + 1;
		if (key_eq(&e->key, key)) {
			/* Pool blocks of half the cache file (what
			 * its heads take, about; a huge page at most). */
			if (decode(e->rec, e->rec_len, a, hc->pool,
			           hc->len / 2)) {
				a->size = key->size;
				hc->hits++;
				hc->last_hit = hc->next;
				return true;
			}
			hc->bad = true;
		}
	}
	hc->misses++;
	return false;
}

void
headcache_missed(struct headcache *hc)
{
	hc->last_hit = 0;
	hc->misses++;
}

size_t
headcache_size(const struct headcache *hc)
{
	return hc->n;
}

/* ------------------------------------------------------------ writing */

static void
put_uint(struct strbuf *sb, uint64_t v, int bytes)
{
	char b[8];
	for (int i = 0; i < bytes; i++)
		b[i] = (char)(v >> (8 * i));
	sb_add(sb, b, (size_t)bytes);
}

static void
put_bytes(struct strbuf *sb, const char *s, size_t n)
{
	put_uint(sb, n, 4);
	sb_add(sb, s, n);
}

static void
put_str(struct strbuf *sb, const char *s)
{
	if (!s)
		put_uint(sb, HC_NULL_STR, 4);
	else
		put_bytes(sb, s, strlen(s));
}

static void
encode(struct strbuf *sb, const struct article *a)
{
	const struct frontmatter *fm = &a->fm;
	put_uint(sb, a->body_offset, 8);
	put_uint(sb, a->words_known ? (uint64_t)a->words : HC_NO_WORDS, 8);
	put_str(sb, a->title ? a->title : "");
	put_str(sb, fm->title);
	put_str(sb, fm->author);
	put_str(sb, fm->date);
	put_str(sb, fm->source);
	put_uint(sb, fm->ntags, 4);
	for (size_t i = 0; i < fm->ntags; i++)
		put_str(sb, fm->tags[i] ? fm->tags[i] : "");
	put_uint(sb, fm->nextra, 4);
	for (size_t i = 0; i < fm->nextra; i++) {
		put_str(sb, fm->extra[i].key ? fm->extra[i].key : "");
		put_str(sb, fm->extra[i].value ? fm->extra[i].value : "");
		put_uint(sb, (uint32_t)fm->extra[i].line, 4);
		put_uint(sb, (uint32_t)fm->extra[i].col, 4);
	}
	bool counts = a->counts_sig && a->ncounts && a->ncounts < UINT32_MAX;
	put_uint(sb, counts ? a->counts_sig : 0, 8);
	put_uint(sb, counts ? a->ncounts : 0, 4);
	for (size_t i = 0; counts && i < a->ncounts; i++)
		put_uint(sb, a->counts[i], 4);
}

void
headcache_put(struct headcache *hc, const char *rel, const struct hc_key *key,
              const struct article *a)
{
	size_t len = strlen(rel);
	/* The entry just found is this one, most of the time. */
	const struct hc_entry *e = NULL;
	if (hc->last_hit) {
		e = &hc->v[hc->last_hit - 1];
		if (e->rel_len != len || memcmp(e->rel, rel, len))
			e = NULL;
	}
	if (!e)
		e = lookup(hc, rel, len);

	if (key->mtime_ns > hc->now_ns - HC_RACY_NS ||
	    key->ctime_ns > hc->now_ns - HC_RACY_NS || len >= HC_NULL_STR)
		return; /* changed too recently to be sure of (headcache.h) */
	xgrow(&hc->out, &hc->outcap, hc->nout + 1, sizeof *hc->out);
	struct hc_item *it = &hc->out[hc->nout++];
	if (e && key_eq(&e->key, key) && !a->cache_stale) { /* kept as is */
		it->fresh = false;
		it->off = (size_t)(e->raw - hc->buf);
		it->len = e->raw_len;
		return;
	}
	struct strbuf rec;
	struct strbuf *out = &hc->fresh;
	it->fresh = true;
	hc->nfresh++;
	it->off = out->len;
	sb_init(&rec);
	encode(&rec, a);
	put_bytes(out, rel, len);
	put_uint(out, (uint64_t)key->size, 8);
	put_uint(out, (uint64_t)key->mtime_ns, 8);
	put_uint(out, (uint64_t)key->ctime_ns, 8);
	put_uint(out, key->ino, 8);
	put_uint(out, key->dev, 8);
	put_bytes(out, rec.buf, rec.len);
	it->len = out->len - it->off;
	sb_fini(&rec);
}

void
headcache_entries(const struct headcache *hc, struct strbuf *sb)
{
	for (size_t i = 0; i < hc->nout; i++) {
		const struct hc_item *it = &hc->out[i];
		sb_add(sb, (it->fresh ? hc->fresh.buf : hc->buf) + it->off,
		       it->len);
	}
}

bool
headcache_changed(const struct headcache *hc)
{
	return hc->bad || hc->nout != hc->n || hc->nfresh;
}

int
headcache_save(struct headcache *hc, const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	struct strbuf sb;
	int rc = -1, err = 0;

	if (slash && slash != dir)
		*slash = '\0';
	sb_init(&sb);
	sb_add(&sb, HC_MAGIC, HC_MAGIC_LEN);
	put_uint(&sb, HC_VERSION, 4);
	put_uint(&sb, 0, 8); /* the checksum, once the entries are in */
	headcache_entries(hc, &sb);
	uint64_t sum = checksum(sb.buf + HC_HEADER, sb.len - HC_HEADER);
	for (int i = 0; i < 8; i++)
		sb.buf[HC_MAGIC_LEN + 4 + i] = (char)(sum >> (8 * i));
	/* Not synced: a cache lost in a crash is only rebuilt. */
	if (xdg_make_dirs(dir) == 0 &&
	    xdg_write_atomic(path, tmp, sb.buf, sb.len, false) == 0)
		rc = 0;
	else
		err = errno;
	sb_fini(&sb);
	free(tmp);
	free(dir);
	errno = err;
	return rc;
}
