/*
 * test_big.c - big arrays on huge pages (util.h's huge_alloc, and xgrow
 * and xcalloc through it), and a reading state of many entries: read
 * whole by the fast reader, grown past its guess of how many there are.
 */
#include <criterion/criterion.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "state_int.h"
#include "util.h"

TestSuite(big);

/* A state file as lectern writes it, of n short entries (shorter than
 * the fast reader's guess of 160 bytes each, so it guesses too few). */
static void
big_state(struct strbuf *sb, size_t n)
{
	sb_addstr(sb, "version: 2\narticles:\n");
	for (size_t i = 0; i < n; i++) {
		sb_addf(sb,
		        "  - path: \"%06zu.md\"\n    size: %zu\n    read: %s\n"
		        "    anchor: %zu\n    progress: %zu\n",
		        i, 100000 + i, i % 3 ? "false" : "true", i, i % 101);
		if (i % 1000 == 7)
			sb_addf(sb,
			        "    bookmarks:\n      - id: \"b%zu\"\n"
			        "        offset: %zu\n",
			        i, i * 10);
	}
}

Test(big, many_entries_are_read_whole)
{
	size_t n = STATE_MAX_ARTICLES - 1;
	struct strbuf sb;
	sb_init(&sb);
	big_state(&sb, n);
	cr_assert_gt(sb.len / 160 * sizeof(struct article_state),
	             HUGE_ALLOC_MIN, "big enough for huge pages");
	cr_assert_lt(sb.len / 160, n, "more entries than guessed");
	struct state s;
	state_init(&s);
	cr_assert_eq(state_parse_fast(sb.buf, sb.len, &s), 2);
	cr_assert_eq(s.n, n);
	for (size_t i = 0; i < n; i += 997) {
		char want[16];
		snprintf(want, sizeof want, "%06zu.md", i);
		cr_assert_str_eq(s.v[i].path, want);
		cr_assert_eq(s.v[i].read, i % 3 == 0, "entry %zu", i);
		cr_assert_eq(s.v[i].size, (int64_t)(100000 + i));
		cr_assert_eq(s.v[i].progress, (int)(i % 101));
		cr_assert_eq(s.v[i].nmarks, i % 1000 == 7, "entry %zu", i);
	}
	cr_assert_eq(s.v[n - 1].read, (n - 1) % 3 == 0);
	/* It grows further as any array does. */
	struct article_state *a = state_get(&s, "zzz.md", NULL);
	cr_assert_not_null(a);
	cr_assert_eq(s.n, n + 1);
	state_fini(&s);
	sb_fini(&sb);
}

Test(big, huge_alloc_gives_whole_aligned_huge_pages)
{
	size_t got = 0;
	char *p = huge_alloc(5 << 20, &got);
	cr_assert_not_null(p);
	cr_assert_eq((uintptr_t)p % (2 << 20), 0);
	cr_assert_eq(got, 6 << 20);
	memset(p, 1, got);
	p = xrealloc(p, 9 << 20); /* a malloc'd block like any other */
	cr_assert_eq(p[got - 1], 1);
	free(p);
}

Test(big, xgrow_and_xcalloc_put_big_arrays_on_huge_pages)
{
	/* Made at once: on huge pages, all of it usable. */
	uint64_t *v = NULL;
	size_t cap = 0;
	xgrow(&v, &cap, 700000, sizeof *v);
	cr_assert_eq((uintptr_t)v % (2 << 20), 0);
	cr_assert_geq(cap, 700000);
	cr_assert_eq(cap * sizeof *v % (2 << 20), 0, "whole huge pages");
	memset(v, 7, cap * sizeof *v);
	/* Grown further, the contents kept. */
	xgrow(&v, &cap, cap + 1, sizeof *v);
	cr_assert_eq(v[699999], 0x0707070707070707u);
	free(v);
	/* A small one is malloc's as ever. */
	v = NULL;
	cap = 0;
	xgrow(&v, &cap, 10, sizeof *v);
	cr_assert_geq(cap, 10);
	free(v);
	/* xcalloc: zeroed, big or small. */
	uint32_t *z = xcalloc(3 << 20, sizeof *z);
	cr_assert_eq((uintptr_t)z % (2 << 20), 0);
	for (size_t i = 0; i < (size_t)3 << 20; i += 4099)
		cr_assert_eq(z[i], 0);
	cr_assert_eq(z[(3 << 20) - 1], 0);
	free(z);
	z = xcalloc(1000, sizeof *z);
	cr_assert_eq(z[999], 0);
	free(z);
}

/*
 * A state read from a file keeps its entries' paths and hashes in one
 * pool: each way of changing one makes the entry's own copies first (a
 * pooled string freed alone would be a crash, and ASan's report).
 */
Test(big, pooled_paths_and_hashes_change_one_by_one)
{
	static const char text[] =
	        "version: 2\narticles:\n"
	        "  - path: \"a.md\"\n    hash: \"00000000000000aa\"\n"
	        "  - path: \"b.md\"\n    hash: \"00000000000000bb\"\n"
	        "  - path: \"c.md\"\n    read: true\n"
	        "  - path: \"d.md\"\n    hash: \"00000000000000dd\"\n"
	        "  - path: \"e.md\"\n    hash: \"00000000000000e1\"\n"
	        "    read: true\n    read-at: 1\n"
	        "  - path: \"e.md\"\n    hash: \"00000000000000e2\"\n"
	        "    read: true\n    read-at: 2\n"
	        "  - path: \"f.md\"\n    hash: \"00000000000000ff\"\n";
	struct state s, w;
	state_init(&s);
	cr_assert_eq(state_parse_fast(text, sizeof text - 1, &s), 2);
	cr_assert(s.v[0].pooled && s.v[3].pooled);
	/* e.md twice (two writers' lines): folded into one, the newer
	 * hash kept. */
	state_normalise(&s);
	size_t e = 0;
	while (e < s.n && strcmp(s.v[e].path, "e.md"))
		e++;
	cr_assert_lt(e, s.n);
	cr_assert_str_eq(s.v[e].hash, "00000000000000e2");
	/* a.md moved to a2.md (same text; no root: a.md is gone). */
	struct article_state *a = state_find(&s, "a2.md", "00000000000000aa");
	cr_assert_not_null(a);
	cr_assert_str_eq(a->path, "a2.md");
	/* b.md edited in place: a new hash. */
	a = state_find(&s, "b.md", "00000000000000b2");
	cr_assert_str_eq(a->hash, "00000000000000b2");
	/* c.md's text read for the first time: its hash now known. */
	a = state_find(&s, "c.md", "00000000000000cc");
	cr_assert_str_eq(a->hash, "00000000000000cc");
	/* A writer's newer hash for d.md, merged in. */
	state_init(&w);
	struct article_state *d = state_get(&w, "d.md", "00000000000000d2");
	state_set_read(d, true, 5);
	/* And f.md moved by the writer to g.md. */
	state_get(&w, "g.md", "00000000000000ff");
	state_merge(&s, &w);
	state_fini(&w);
	bool g = false;
	for (size_t i = 0; i < s.n; i++) {
		if (!strcmp(s.v[i].path, "d.md"))
			cr_assert_str_eq(s.v[i].hash, "00000000000000d2");
		cr_assert_str_neq(s.v[i].path, "f.md");
		g |= !strcmp(s.v[i].path, "g.md");
	}
	cr_assert(g, "f.md's entry follows it to g.md");
	state_fini(&s);
}

Test(big, a_pool_keeps_strings_apart_aligned_and_in_blocks)
{
	struct pool *p = NULL;
	char *s[1000];
	char name[32];
	/* Blocks of 4 KB: a thousand strings take several. */
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(name, sizeof name, "string %d", i);
		s[i] = pool_strndup(&p, name, (size_t)n, 4096);
		if (i % 7 == 0) {
			void *v = pool_alloc(&p, 24, 4096);
			cr_assert_eq((uintptr_t)v % _Alignof(max_align_t), 0);
			memset(v, 0xff, 24); /* overwrites no string */
		}
	}
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "string %d", i);
		cr_assert_str_eq(s[i], name);
	}
	/* A string bigger than the blocks gets one of its own. */
	char big[10000];
	memset(big, 'b', sizeof big);
	char *b = pool_strndup(&p, big, sizeof big, 4096);
	cr_assert_eq(strlen(b), sizeof big);
	cr_assert_str_eq(s[999], "string 999");
	pool_free(&p);
	cr_assert_null(p);
}
