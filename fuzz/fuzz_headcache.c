/*
 * Fuzz target: the heads cache's entries (headcache.c), as a damaged or
 * hostile cache file could hold them.  Every entry that reads is put in a
 * new cache, which must read back to the same head.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "headcache.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
same_str(const char *a, const char *b)
{
	if (!a != !b || (a && strcmp(a, b)))
		__builtin_trap();
}

static void
same_head(const struct article *x, const struct article *y)
{
	same_str(x->title, y->title);
	if (x->body_offset != y->body_offset || x->size != y->size ||
	    x->words_known != y->words_known || x->words != y->words ||
	    x->counts_sig != y->counts_sig || x->ncounts != y->ncounts)
		__builtin_trap();
	for (size_t i = 0; i < x->ncounts; i++)
		if (x->counts[i] != y->counts[i])
			__builtin_trap();
	same_str(x->fm.title, y->fm.title);
	same_str(x->fm.author, y->fm.author);
	same_str(x->fm.date, y->fm.date);
	same_str(x->fm.source, y->fm.source);
	if (x->fm.ntags != y->fm.ntags || x->fm.nextra != y->fm.nextra)
		__builtin_trap();
	for (size_t i = 0; i < x->fm.ntags; i++)
		same_str(x->fm.tags[i], y->fm.tags[i]);
	for (size_t i = 0; i < x->fm.nextra; i++) {
		same_str(x->fm.extra[i].key, y->fm.extra[i].key);
		same_str(x->fm.extra[i].value, y->fm.extra[i].value);
		if (x->fm.extra[i].line != y->fm.extra[i].line ||
		    x->fm.extra[i].col != y->fm.extra[i].col)
			__builtin_trap();
	}
}

static void
head_fini(struct article *a)
{
	free(a->title);
	free(a->counts);
	frontmatter_fini(&a->fm);
	memset(a, 0, sizeof *a);
	frontmatter_init(&a->fm);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct headcache hc, out, back;
	const int64_t later = INT64_MAX / 2;
	char *buf = xmalloc(size + 1);
	memcpy(buf, data, size);
	headcache_init(&hc, later);
	if (headcache_parse(&hc, buf, 0, size) < 0) {
		headcache_fini(&hc);
		return 0;
	}
	headcache_init(&out, later);
	for (size_t i = 0; i < hc.n; i++) {
		struct article a, b;
		const struct hc_entry *e = &hc.v[i];
		char *rel = xstrndup(e->rel, e->rel_len);
		struct hc_key k = e->key;
		memset(&a, 0, sizeof a);
		frontmatter_init(&a.fm);
		if (strlen(rel) == e->rel_len && k.mtime_ns < later / 2 &&
		    k.ctime_ns < later / 2 && headcache_get(&hc, rel, &k, &a)) {
			/* Alone in a cache of its own, written and read. */
			headcache_init(&back, later);
			headcache_fini(&out);
			headcache_init(&out, later);
			headcache_put(&out, rel, &k, &a);
			struct strbuf sb;
			sb_init(&sb);
			headcache_entries(&out, &sb);
			size_t len = sb.len;
			if (headcache_parse(&back, sb_detach(&sb), 0, len) <
			            0 ||
			    back.n != 1)
				__builtin_trap();
			memset(&b, 0, sizeof b);
			frontmatter_init(&b.fm);
			if (!headcache_get(&back, rel, &k, &b))
				__builtin_trap();
			same_head(&a, &b);
			head_fini(&b);
			headcache_fini(&back);
		}
		head_fini(&a);
		free(rel);
	}
	headcache_fini(&out);
	headcache_fini(&hc);
	return 0;
}
