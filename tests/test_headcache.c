/*
 * test_headcache.c - the heads cache: what start-up reads of each file,
 * kept between runs.  The module itself (a head written and read back
 * whole, keys that must all match, the racy rule, damaged files ignored)
 * and the corpus walk with it (a second load takes every head from the
 * cache and gives the same corpus as a load without; a change, even one
 * keeping the size and the modification time, reads the file again;
 * files with warnings are never kept).
 */
#define _GNU_SOURCE /* mkdtemp, utimensat, st_mtim */
#include <fcntl.h>
#include <time.h>

#include "corpus_fixture.h"
#include "app.h"
#include "headcache.h"
#include "xdg.h"

TestSuite(headcache, .init = make_tmp, .fini = remove_tmp);

/* Far enough in the future that no file of the test is "racy". */
#define LATER (INT64_C(4000000000) * 1000000000)

static struct hc_key
key(int64_t size, int64_t mtime)
{
	struct hc_key k = {size, mtime, mtime + 5, 77, 3};
	return k;
}

/* An article head with every field set, as the corpus reads one. */
static void blank(struct article *a);

static void
full_head(struct article *a)
{
	blank(a);
	a->title = xstrdup("The title \xe2\x80\x94 cut");
	a->body_offset = 1234;
	a->fm.title = xstrdup("The title");
	a->fm.author = xstrdup("A. Writer");
	a->fm.date = xstrdup("2019-07-01");
	a->fm.source = NULL; /* absent stays absent */
	a->fm.ntags = 2;
	a->fm.tags = xcalloc(2, sizeof *a->fm.tags);
	a->fm.tags[0] = xstrdup("5g");
	a->fm.tags[1] = xstrdup("");
	a->fm.nextra = 1;
	a->fm.extra = xcalloc(1, sizeof *a->fm.extra);
	a->fm.extra[0].key = xstrdup("lang");
	a->fm.extra[0].value = xstrdup("en");
	a->fm.extra[0].line = 4;
	a->fm.extra[0].col = 1;
	a->words = 321;
	a->words_known = true;
	a->counts_sig = 0xfeed;
	a->ncounts = 3;
	a->counts = xcalloc(3, sizeof *a->counts);
	a->counts[0] = 7;
	a->counts[2] = UINT32_MAX;
}

/* An article with no head yet, as the corpus starts one. */
static void
blank(struct article *a)
{
	memset(a, 0, sizeof *a);
	frontmatter_init(&a->fm);
}

static void
head_fini(struct article *a)
{
	free(a->title);
	free(a->counts);
	frontmatter_fini(&a->fm);
}

static void
assert_same_head(const struct article *x, const struct article *y)
{
	cr_assert_str_eq(x->title, y->title);
	cr_assert_eq(x->body_offset, y->body_offset);
	cr_assert_eq(x->words_known, y->words_known);
	cr_assert_eq(x->words, y->words);
	cr_assert_eq(x->counts_sig, y->counts_sig);
	cr_assert_eq(x->ncounts, y->ncounts);
	for (size_t i = 0; i < x->ncounts; i++)
		cr_assert_eq(x->counts[i], y->counts[i]);
	const struct frontmatter *f = &x->fm, *g = &y->fm;
#define SAME_STR(a, b)                          \
	do {                                    \
		cr_assert_eq(!(a), !(b));       \
		if (a)                          \
			cr_assert_str_eq(a, b); \
	} while (0)
	SAME_STR(f->title, g->title);
	SAME_STR(f->author, g->author);
	SAME_STR(f->date, g->date);
	SAME_STR(f->source, g->source);
	cr_assert_eq(f->ntags, g->ntags);
	for (size_t i = 0; i < f->ntags; i++)
		SAME_STR(f->tags[i], g->tags[i]);
	cr_assert_eq(f->nextra, g->nextra);
	for (size_t i = 0; i < f->nextra; i++) {
		SAME_STR(f->extra[i].key, g->extra[i].key);
		SAME_STR(f->extra[i].value, g->extra[i].value);
		cr_assert_eq(f->extra[i].line, g->extra[i].line);
		cr_assert_eq(f->extra[i].col, g->extra[i].col);
	}
#undef SAME_STR
}

/* Writes a cache holding head under "d/a.md" with key k; returns the
 * cache file's path (caller frees). */
static char *
save_one(const struct article *head, const struct hc_key *k)
{
	struct headcache hc;
	char *file = tmp_path("cache/c.heads");
	headcache_init(&hc, LATER);
	headcache_put(&hc, "d/a.md", k, head);
	cr_assert(headcache_changed(&hc));
	cr_assert_eq(headcache_save(&hc, file), 0, "%s", strerror(errno));
	headcache_fini(&hc);
	return file;
}

Test(headcache, a_head_comes_back_whole)
{
	struct article head, got;
	struct hc_key k = key(5000, 1700000000000000000);
	struct headcache hc;
	full_head(&head);
	char *file = save_one(&head, &k);

	headcache_init(&hc, LATER);
	cr_assert_eq(headcache_load(&hc, file), 0);
	cr_assert_eq(hc.n, 1);
	blank(&got);
	cr_assert(headcache_get(&hc, "d/a.md", &k, &got));
	assert_same_head(&head, &got);
	cr_assert_eq(got.size, 5000);
	cr_assert_eq(hc.hits, 1);
	/* Kept as it was: nothing to write. */
	headcache_put(&hc, "d/a.md", &k, &got);
	cr_assert(!headcache_changed(&hc));
	headcache_fini(&hc);
	head_fini(&head);
	head_fini(&got);
	free(file);
}

Test(headcache, every_part_of_the_key_must_match)
{
	struct article head, got;
	struct hc_key k = key(5000, 1700000000000000000);
	struct headcache hc;
	full_head(&head);
	char *file = save_one(&head, &k);
	headcache_init(&hc, LATER);
	cr_assert_eq(headcache_load(&hc, file), 0);
	blank(&got);

	struct hc_key other[5] = {k, k, k, k, k};
	other[0].size++;
	other[1].mtime_ns++;
	other[2].ctime_ns++;
	other[3].ino++;
	other[4].dev++;
	for (int i = 0; i < 5; i++)
		cr_assert(!headcache_get(&hc, "d/a.md", &other[i], &got),
		          "key part %d", i);
	cr_assert(!headcache_get(&hc, "d/b.md", &k, &got));
	cr_assert(!headcache_get(&hc, "d/a.m", &k, &got));
	cr_assert_null(got.title, "a miss leaves the article alone");
	cr_assert_eq(hc.misses, 7);
	cr_assert(headcache_get(&hc, "d/a.md", &k, &got));
	headcache_fini(&hc);
	head_fini(&head);
	head_fini(&got);
	free(file);
}

Test(headcache, files_changed_in_the_last_two_seconds_are_not_kept)
{
	struct article head;
	struct headcache hc;
	int64_t now = INT64_C(1700000000) * 1000000000;
	struct hc_key old = key(10, now - INT64_C(3000000000));
	struct hc_key fresh = key(10, now - INT64_C(1000000000));
	struct hc_key fresh_ctime = old;
	fresh_ctime.ctime_ns = now - 1;
	full_head(&head);
	headcache_init(&hc, now);
	headcache_put(&hc, "old.md", &old, &head);
	headcache_put(&hc, "fresh.md", &fresh, &head);
	headcache_put(&hc, "touched.md", &fresh_ctime, &head);
	cr_assert_eq(hc.nout, 1);
	char *file = tmp_path("c.heads");
	cr_assert_eq(headcache_save(&hc, file), 0);
	headcache_fini(&hc);
	headcache_init(&hc, now);
	cr_assert_eq(headcache_load(&hc, file), 0);
	cr_assert_eq(hc.n, 1);
	cr_assert_eq(hc.v[0].rel_len, 6);
	cr_assert(!memcmp(hc.v[0].rel, "old.md", 6));
	headcache_fini(&hc);
	head_fini(&head);
	free(file);
}

/* The cache file's bytes. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f);
	char *buf = xmalloc(1 << 16);
	*len = fread(buf, 1, 1 << 16, f);
	fclose(f);
	return buf;
}

static void
spit(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(buf, 1, len, f), len);
	fclose(f);
}

Test(headcache, a_damaged_cache_is_not_used)
{
	struct article head;
	struct hc_key k = key(5000, 1700000000000000000);
	struct headcache hc;
	size_t len;
	full_head(&head);
	char *file = save_one(&head, &k);
	char *good = slurp(file, &len);
	char *bad = xmalloc(len);

	/* Any byte changed, the last ones cut, the version or magic wrong:
	 * the whole file is refused. */
	for (size_t i = 0; i < len; i++) {
		memcpy(bad, good, len);
		bad[i] ^= 0x20;
		spit(file, bad, len);
		headcache_init(&hc, LATER);
		cr_assert_eq(headcache_load(&hc, file), -1, "byte %zu", i);
		cr_assert_eq(hc.n, 0);
		headcache_fini(&hc);
	}
	for (size_t cut = 1; cut < len; cut += 7) {
		spit(file, good, len - cut);
		headcache_init(&hc, LATER);
		cr_assert_eq(headcache_load(&hc, file), -1, "cut %zu", cut);
		headcache_fini(&hc);
	}
	spit(file, good, len);
	headcache_init(&hc, LATER);
	cr_assert_eq(headcache_load(&hc, file), 0, "the good one loads");
	headcache_fini(&hc);
	unlink(file);
	headcache_init(&hc, LATER);
	cr_assert_eq(headcache_load(&hc, file), -1, "none at all");
	headcache_fini(&hc);
	free(bad);
	free(good);
	head_fini(&head);
	free(file);
}

Test(headcache, entries_are_parsed_with_every_length_checked)
{
	struct article head, got;
	struct hc_key k = key(5000, 1700000000000000000);
	struct headcache hc;
	size_t len;
	full_head(&head);
	char *file = save_one(&head, &k);
	char *good = slurp(file, &len);
	size_t hdr = 14 + 4 + 8;

	/* Every cut of the entries is refused by the parser, without the
	 * checksum's help. */
	for (size_t n = 1; n < len - hdr; n++) {
		char *buf = xmalloc(n);
		memcpy(buf, good + hdr, n);
		headcache_init(&hc, LATER);
		cr_assert_eq(headcache_parse(&hc, buf, 0, n), -1, "%zu", n);
		headcache_fini(&hc);
	}
	/* A record whose inside lies (a tag count past its end) is a
	 * miss, and marks the cache for writing anew. */
	char *buf = xmalloc(len - hdr);
	memcpy(buf, good + hdr, len - hdr);
	headcache_init(&hc, LATER);
	cr_assert_eq(headcache_parse(&hc, buf, 0, len - hdr), 0);
	cr_assert_eq(hc.n, 1);
	char *rec = (char *)hc.v[0].rec;
	size_t ntags_at = 8 + 8 + 4 + strlen(head.title) + 4 +
	                  strlen(head.fm.title) + 4 + strlen(head.fm.author) +
	                  4 + strlen(head.fm.date) + 4;
	cr_assert_eq(rec[ntags_at], 2);
	/* The counts end the record: one count fewer leaves 4 bytes that
	 * are nothing's, and the record is refused. */
	size_t ncounts_at = hc.v[0].rec_len - 3 * 4 - 4;
	cr_assert_eq(rec[ncounts_at], 3);
	rec[ncounts_at] = 2;
	blank(&got);
	cr_assert(!headcache_get(&hc, "d/a.md", &k, &got));
	cr_assert(hc.bad);
	rec[ncounts_at] = 3;
	hc.bad = false;
	cr_assert(headcache_get(&hc, "d/a.md", &k, &got));
	head_fini(&got);
	memset(rec + ntags_at, 0xff, 4); /* 4 G tags: not allocated */
	blank(&got);
	cr_assert(!headcache_get(&hc, "d/a.md", &k, &got));
	cr_assert_null(got.title);
	cr_assert(hc.bad);
	cr_assert(headcache_changed(&hc));
	headcache_fini(&hc);
	free(good);
	head_fini(&head);
	free(file);
}

/* ------------------------------------------------ the corpus walk with it */

static char *cache_dir;

static void
load(struct corpus *c, struct diag_list *dl, bool cached, int64_t clock)
{
	corpus_init(c);
	diag_list_init(dl);
	if (cached) {
		corpus_set_cache_dir(c, cache_dir);
		c->cache_clock_ns = clock;
	}
	cr_assert_geq(add_tmp(c, "lib", dl), 0);
}

static void
unload(struct corpus *c, struct diag_list *dl)
{
	corpus_fini(c);
	diag_list_fini(dl);
}

static void
make_library(void)
{
	mkdir_tmp("lib");
	mkdir_tmp("lib/sub");
	put("lib/a.md", "---\ntitle: Alpha\nauthor: Ann\ntags: [x, y]\n"
	                "date: 2020-01-02\nlang: en\n---\nBody of a.\n");
	put("lib/b.txt", "\n\n# Bravo heading\nBody of b.\n");
	put("lib/sub/c.md", "No title line ends this file");
	put("lib/sub/d.md", "");
	cache_dir = tmp_path("cache");
}

/* The cache file of folder lib; caller frees. */
static char *
xdg_file_of_lib(void)
{
	char *lib = tmp_path("lib");
	char *file = xdg_corpus_file(cache_dir, lib, ".heads");
	free(lib);
	return file;
}

static void
assert_same_corpus(const struct corpus *x, const struct corpus *y)
{
	cr_assert_eq(x->n, y->n);
	for (size_t i = 0; i < x->n; i++) {
		cr_assert_str_eq(x->v[i].path, y->v[i].path);
		cr_assert_eq(x->v[i].size, y->v[i].size);
		assert_same_head(&x->v[i], &y->v[i]);
	}
}

Test(headcache, a_second_load_takes_every_head_from_the_cache)
{
	struct corpus plain, first, second;
	struct diag_list d0, d1, d2;
	make_library();
	load(&plain, &d0, false, 0);
	load(&first, &d1, true, LATER);
	cr_assert_eq(first.cache_hits, 0);
	load(&second, &d2, true, LATER);
	cr_assert_eq(second.cache_hits, 4);
	cr_assert_eq(plain.n, 4);
	assert_same_corpus(&plain, &first);
	assert_same_corpus(&plain, &second);
	cr_assert_eq(d0.n + d1.n + d2.n, 0);
	/* Heads from the cache are in the corpus's pool, paths too; those
	 * read from the files are not (the fini frees each the right way:
	 * the sanitizers' run checks it). */
	for (size_t i = 0; i < second.n; i++) {
		cr_assert(second.v[i].pooled && second.v[i].path_pooled);
		cr_assert(!first.v[i].pooled && !first.v[i].path_pooled);
	}
	cr_assert_not_null(second.pool);
	/* The body is found where the head says. */
	cr_assert_eq(corpus_load_body(&second, 0, &d2), 0);
	cr_assert_str_eq(second.v[0].body, "Body of a.\n");
	cr_assert_eq(corpus_load_body(&second, 1, &d2), 0);
	cr_assert_str_eq(second.v[1].body, "Body of b.\n");
	struct stat st;
	char *file = xdg_file_of_lib();
	cr_assert_eq(stat(file, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	free(file);
	unload(&plain, &d0);
	unload(&first, &d1);
	unload(&second, &d2);
}

static int64_t
ctime_of(const char *name)
{
	struct stat st;
	char *path = tmp_path(name);
	cr_assert_eq(stat(path, &st), 0);
	free(path);
	return (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
}

Test(headcache, a_change_that_keeps_size_and_mtime_is_still_seen)
{
	struct corpus c;
	struct diag_list dl;
	struct stat st;
	make_library();
	load(&c, &dl, true, LATER);
	unload(&c, &dl);
	char *a = tmp_path("lib/a.md");
	cr_assert_eq(stat(a, &st), 0);
	int64_t was = ctime_of("lib/a.md");

	/* The same length, the old modification time put back (as cp -p
	 * or a careless tool would): only the change time tells.  Wait,
	 * polling, until the clock has moved on from the old one. */
	put("lib/a.md", "---\ntitle: Alphz\nauthor: Ann\ntags: [x, y]\n"
	                "date: 2020-01-02\nlang: en\n---\nBody of a.\n");
	struct timespec times[2] = {st.st_atim, st.st_mtim};
	for (int i = 0; i < 2000 && ctime_of("lib/a.md") == was; i++) {
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
		chmod(a, 0644);
	}
	cr_assert_eq(utimensat(AT_FDCWD, a, times, 0), 0);
	struct stat now;
	cr_assert_eq(stat(a, &now), 0);
	cr_assert_eq(now.st_size, st.st_size);
	cr_assert_eq(now.st_mtim.tv_nsec, st.st_mtim.tv_nsec);
	cr_assert_neq(ctime_of("lib/a.md"), was);

	load(&c, &dl, true, LATER);
	cr_assert_str_eq(c.v[0].title, "Alphz");
	cr_assert_eq(c.cache_hits, 3);
	unload(&c, &dl);
	load(&c, &dl, true, LATER);
	cr_assert_str_eq(c.v[0].title, "Alphz");
	cr_assert_eq(c.cache_hits, 4, "the new head is kept");
	unload(&c, &dl);
	free(a);
}

Test(headcache, files_added_and_gone_are_seen)
{
	struct corpus c;
	struct diag_list dl;
	make_library();
	load(&c, &dl, true, LATER);
	unload(&c, &dl);
	char *b = tmp_path("lib/b.txt");
	cr_assert_eq(unlink(b), 0);
	free(b);
	/* One gone: the cache is written again without it. */
	load(&c, &dl, true, LATER);
	cr_assert_eq(c.n, 3);
	cr_assert_eq(c.cache_hits, 3);
	unload(&c, &dl);
	struct headcache hc;
	char *file = xdg_file_of_lib();
	headcache_init(&hc, LATER);
	cr_assert_eq(headcache_load(&hc, file), 0);
	cr_assert_eq(hc.n, 3);
	headcache_fini(&hc);
	put("lib/sub/e.md", "Echo\n");
	load(&c, &dl, true, LATER);
	cr_assert_eq(c.n, 4);
	cr_assert_eq(c.cache_hits, 3);
	cr_assert_str_eq(c.v[3].title, "Echo");
	unload(&c, &dl);
	load(&c, &dl, true, LATER);
	cr_assert_eq(c.cache_hits, 4);
	unload(&c, &dl);
	/* The cache holds what is there, not what was. */
	headcache_init(&hc, LATER);
	cr_assert_eq(headcache_load(&hc, file), 0);
	cr_assert_eq(hc.n, 4);
	headcache_fini(&hc);
	free(file);
}

Test(headcache, files_read_with_a_warning_are_never_kept)
{
	struct corpus c;
	struct diag_list dl;
	make_library();
	put("lib/bad.md", "---\ntitle: [unclosed\n---\nBody\n");
	put_len("lib/nul.md", "Title\n\0binary", 14);
	for (int run = 0; run < 3; run++) {
		load(&c, &dl, true, LATER);
		cr_assert_eq(c.n, 5, "run %d", run);
		cr_assert_eq(dl.n, 2, "warned again at run %d", run);
		cr_assert_eq(c.cache_hits, run ? 4 : 0);
		unload(&c, &dl);
	}
}

Test(headcache, files_just_changed_wait_for_a_later_start)
{
	struct corpus c;
	struct diag_list dl;
	make_library();
	/* The real clock: the files were written a moment ago. */
	load(&c, &dl, true, 0);
	unload(&c, &dl);
	load(&c, &dl, true, 0);
	cr_assert_eq(c.n, 4);
	cr_assert_eq(c.cache_hits, 0);
	unload(&c, &dl);
}

Test(headcache, a_damaged_cache_is_rebuilt)
{
	struct corpus plain, c;
	struct diag_list d0, dl;
	make_library();
	load(&plain, &d0, false, 0);
	load(&c, &dl, true, LATER);
	unload(&c, &dl);
	char *file = xdg_file_of_lib();
	size_t len;
	char *buf = slurp(file, &len);
	buf[len / 2] ^= 1;
	spit(file, buf, len);
	load(&c, &dl, true, LATER);
	cr_assert_eq(c.cache_hits, 0);
	cr_assert_eq(dl.n, 0, "a cache is not the user's business");
	assert_same_corpus(&plain, &c);
	unload(&c, &dl);
	load(&c, &dl, true, LATER);
	cr_assert_eq(c.cache_hits, 4);
	unload(&c, &dl);
	unload(&plain, &d0);
	free(buf);
	free(file);
}

Test(headcache, a_cache_that_cannot_be_written_costs_only_time)
{
	struct corpus plain, c;
	struct diag_list d0, dl;
	make_library();
	put("cache", "a file where the cache folder would be");
	load(&plain, &d0, false, 0);
	for (int run = 0; run < 2; run++) {
		load(&c, &dl, true, LATER);
		cr_assert_eq(dl.n, 0);
		cr_assert_eq(c.cache_hits, 0);
		assert_same_corpus(&plain, &c);
		unload(&c, &dl);
	}
	unload(&plain, &d0);
}

/* ------------------------------- what is learnt of bodies, kept as well */

Test(headcache, word_counts_learnt_are_kept_for_the_next_start)
{
	struct corpus c;
	struct diag_list dl;
	size_t words[4];
	make_library();
	load(&c, &dl, true, LATER);
	for (size_t i = 0; i < c.n; i++) {
		cr_assert(!c.v[i].words_known);
		cr_assert_eq(corpus_load_body(&c, i, &dl), 0);
		words[i] = article_words(&c.v[i]);
		corpus_unload_body(&c, i);
	}
	cr_assert_eq(words[0], 3);
	corpus_save_caches(&c);
	unload(&c, &dl);
	load(&c, &dl, true, LATER);
	cr_assert_eq(c.cache_hits, 4);
	for (size_t i = 0; i < c.n; i++) {
		cr_assert(c.v[i].words_known, "article %zu", i);
		cr_assert_eq(article_words(&c.v[i]), words[i]);
		cr_assert(!c.v[i].body_loaded);
	}
	unload(&c, &dl);
}

Test(headcache, a_cache_with_nothing_new_is_not_written_again)
{
	struct corpus c;
	struct diag_list dl;
	struct stat before, after;
	make_library();
	load(&c, &dl, true, LATER);
	unload(&c, &dl);
	char *file = xdg_file_of_lib();
	cr_assert_eq(stat(file, &before), 0);
	load(&c, &dl, true, LATER);
	corpus_save_caches(&c); /* nothing learnt */
	cr_assert_eq(stat(file, &after), 0);
	cr_assert_eq(before.st_ino, after.st_ino, "written again");
	/* One count set: written (a new file, renamed over the old). */
	uint32_t n[2] = {4, 5};
	corpus_set_counts(&c, 1, 99, n, 2);
	corpus_save_caches(&c);
	cr_assert_eq(stat(file, &after), 0);
	cr_assert_neq(before.st_ino, after.st_ino, "not written");
	unload(&c, &dl);
	load(&c, &dl, true, LATER);
	cr_assert_eq(c.v[1].counts_sig, 99);
	cr_assert_eq(c.v[1].ncounts, 2);
	cr_assert_eq(c.v[1].counts[1], 5);
	cr_assert_eq(c.v[0].counts_sig, 0);
	unload(&c, &dl);
	free(file);
}

/* The app with one keyword group of the given words. */
static void
app_with_group(struct app *app, struct corpus *c, char **words, size_t n)
{
	static char name[] = "animals";
	struct hl_group g;
	struct diag_list dl;
	memset(&g, 0, sizeof g);
	g.name = name;
	g.words = words;
	g.nwords = n;
	g.ignore_case = true;
	g.whole_word = true;
	diag_list_init(&dl);
	app_init(app, c, 24, 80, NULL);
	app_set_groups(app, &g, 1, &dl);
	cr_assert_eq(dl.n, 0);
	diag_list_fini(&dl);
}

Test(headcache, keyword_hits_counted_once_are_taken_at_the_next_start)
{
	struct corpus c;
	struct diag_list dl;
	struct app app;
	static char body[] = "body", of[] = "of";
	char *words[] = {body, of};
	size_t hits[4];
	make_library();
	load(&c, &dl, true, LATER);
	app_with_group(&app, &c, words, 2);
	cr_assert_eq(app_article_hits(&app, 0), SIZE_MAX, "not counted yet");
	while (app_background_pending(&app))
		app_background_step(&app); /* saves the caches at its end */
	for (size_t i = 0; i < c.n; i++)
		hits[i] = app_article_hits(&app, i);
	cr_assert_eq(hits[0], 2, "Body of a.");
	cr_assert_eq(hits[2], 0);
	app_fini(&app);
	unload(&c, &dl);

	/* Counted before any body is read. */
	load(&c, &dl, true, LATER);
	app_with_group(&app, &c, words, 2);
	for (size_t i = 0; i < c.n; i++) {
		cr_assert_eq(app_article_hits(&app, i), hits[i], "%zu", i);
		cr_assert(c.v[i].words_known, "the word count came too");
	}
	/* Not read again: with its file gone, a count would be 0. */
	char *b = tmp_path("lib/b.txt");
	cr_assert_eq(unlink(b), 0);
	free(b);
	while (app_background_pending(&app))
		app_background_step(&app);
	cr_assert_eq(hits[1], 2, "Body of b.");
	for (size_t i = 0; i < c.n; i++)
		cr_assert_eq(app_article_hits(&app, i), hits[i], "%zu", i);
	app_fini(&app);
	unload(&c, &dl);

	/* Other groups: counted again. */
	load(&c, &dl, true, LATER);
	app_with_group(&app, &c, words, 1);
	cr_assert_eq(app_article_hits(&app, 0), SIZE_MAX);
	while (app_background_pending(&app))
		app_background_step(&app);
	cr_assert_eq(app_article_hits(&app, 0), 1);
	app_fini(&app);
	unload(&c, &dl);
}

/* ------------------------------------------------ --grep's visit with it */

struct seen {
	size_t n, cached;
	char titles[8][32];
};

static int
note_visit(void *ctx, struct article *a, struct diag_list *dl)
{
	(void)dl;
	struct seen *s = ctx;
	if (s->n < 8)
		snprintf(s->titles[s->n], sizeof s->titles[0], "%s", a->title);
	s->n++;
	s->cached += a->cached;
	return 0;
}

static struct seen
visit_lib(const char *cache)
{
	struct seen s;
	struct diag_list dl;
	int stop = 0;
	memset(&s, 0, sizeof s);
	diag_list_init(&dl);
	char *lib = tmp_path("lib");
	cr_assert_eq(corpus_visit(lib, cache, NULL, note_visit, &s, &dl, &stop),
	             4);
	cr_assert_eq(dl.n, 0);
	free(lib);
	diag_list_fini(&dl);
	return s;
}

Test(headcache, a_visit_takes_heads_from_the_cache_and_writes_none)
{
	struct corpus c;
	struct diag_list dl;
	make_library();
	struct seen none = visit_lib(cache_dir);
	cr_assert_eq(none.n, 4);
	cr_assert_eq(none.cached, 0, "no cache yet");
	char *file = xdg_file_of_lib();
	struct stat st;
	cr_assert_neq(stat(file, &st), 0, "a visit writes no cache");
	load(&c, &dl, true, LATER); /* a start writes it */
	unload(&c, &dl);
	struct seen all = visit_lib(cache_dir);
	cr_assert_eq(all.cached, 4);
	for (size_t i = 0; i < 4; i++)
		cr_assert_str_eq(all.titles[i], none.titles[i]);
	cr_assert_eq(visit_lib(NULL).cached, 0, "--no-cache");
	/* A file changed since is parsed again, its new head seen. */
	put("lib/a.md", "---\ntitle: Changed\n---\nBody of a, longer.\n");
	struct seen after = visit_lib(cache_dir);
	cr_assert_eq(after.cached, 3);
	cr_assert_str_eq(after.titles[0], "Changed");
	free(file);
}

/* Every article of a big folder has the title its file name says. */
static void
assert_titles_match_names(const struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const char *m = strstr(c->v[i].path, "/m");
		if (!m || !strcmp(m, "/m150.md"))
			continue;
		char want[40];
		snprintf(want, sizeof want, "Title %d", atoi(m + 2));
		cr_assert_str_eq(c->v[i].title, want, "%s", c->v[i].path);
	}
}

Test(headcache, a_big_folder_looked_at_ahead_is_read_file_by_file)
{
	/* More files than PRESTAT_MIN, so that a thread looks at them
	 * ahead of the walk: each file's head is its own, read or from the
	 * cache, and a warning is given once, in its place. */
	struct corpus plain, c;
	struct diag_list d0, dl;
	make_library();
	for (int i = 0; i < 300; i++) {
		char name[40], text[80];
		snprintf(name, sizeof name, "lib/m%03d.md", i);
		snprintf(text, sizeof text, "# Title %d%*s\nBody.\n", i, i % 9,
		         "");
		put(name, text);
	}
	put_len("lib/m200x.md", "bin\0ary", 7); /* skipped, with a warning */
	/* Kept, with a warning: never cached, so warned of at every start. */
	put("lib/n201.md", "---\ntitle: [unclosed\n---\nBody.\n");
	load(&plain, &d0, false, 0);
	cr_assert_eq(plain.n, 305);
	assert_titles_match_names(&plain);
	cr_assert_eq(d0.n, 2);
	cr_assert(strstr(d0.v[0].file, "m200x.md"));
	cr_assert(strstr(d0.v[1].file, "n201.md"));
	unload(&plain, &d0);
	load(&c, &dl, true, LATER);
	assert_titles_match_names(&c);
	cr_assert_eq(dl.n, 2);
	unload(&c, &dl);
	load(&c, &dl, true, LATER);
	cr_assert_eq(c.cache_hits, 304);
	assert_titles_match_names(&c);
	cr_assert_eq(dl.n, 2, "a file with a warning is never cached");
	unload(&c, &dl);
	/* One file in the middle changes size: only it is read again. */
	put("lib/m150.md", "# Changed\nBody, longer than it was.\n");
	load(&plain, &d0, false, 0);
	load(&c, &dl, true, LATER);
	cr_assert_eq(c.cache_hits, 303);
	assert_same_corpus(&plain, &c);
	assert_titles_match_names(&c);
	size_t i = 0;
	while (i < c.n && !strstr(c.v[i].path, "m150"))
		i++;
	cr_assert_lt(i, c.n);
	cr_assert_str_eq(c.v[i].title, "Changed");
	cr_assert_eq(d0.n + dl.n, 4);
	unload(&plain, &d0);
	unload(&c, &dl);
}
