/* Unit tests of the search in an article: query, matches, stepping. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(search, .init = setup);

static const char text[] = "Huawei and huawei; HUAWEI’s rival ZTE. Huawei.";

Test(search, smart_case)
{
	struct search s;
	search_init(&s);
	cr_assert_eq(search_set(&s, "huawei", false), 0);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 4, "lower case matches any case");
	cr_assert_eq(search_set(&s, "Huawei", false), 0);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 2, "a capital makes it exact");
	search_fini(&s);
}

Test(search, steps_forward_and_backward_and_wraps)
{
	struct search s;
	search_init(&s);
	search_set(&s, "huawei", false);
	search_run(&s, text, strlen(text));
	cr_assert(search_step(&s, 0, true));
	cr_assert_eq(s.cur, 1, "after offset 0: the second match");
	cr_assert(!s.wrapped);
	cr_assert(search_step(&s, s.spans.v[3].start, true));
	cr_assert_eq(s.cur, 0);
	cr_assert(s.wrapped);
	cr_assert(search_step(&s, s.spans.v[0].start, false));
	cr_assert_eq(s.cur, 3);
	cr_assert(s.wrapped);
	cr_assert(search_step(&s, s.spans.v[2].start, false));
	cr_assert_eq(s.cur, 1);
	cr_assert(!s.wrapped);
	search_fini(&s);
}

Test(search, bad_pattern_is_an_error_with_its_offset)
{
	struct search s;
	search_init(&s);
	cr_assert_eq(search_set(&s, "ab(c", false), -1);
	cr_assert_not_null(s.error);
	cr_assert(strstr(s.error, "bad pattern"), "%s", s.error);
	cr_assert(strstr(s.error, "offset"), "%s", s.error);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 0);
	cr_assert(!search_step(&s, 0, true));
	cr_assert_eq(s.cur, SIZE_MAX);
	search_fini(&s);
}

Test(search, empty_matches_do_not_loop)
{
	struct search s;
	search_init(&s);
	search_set(&s, "x*", false);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 0, "only empty matches: none kept");
	search_set(&s, "\\b", false);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 0);
	search_fini(&s);
}

Test(search, catastrophic_pattern_is_bounded, .timeout = 20)
{
	char buf[4096];
	memset(buf, 'a', sizeof buf - 2);
	buf[sizeof buf - 2] = '!';
	buf[sizeof buf - 1] = '\0';
	struct search s;
	search_init(&s);
	search_set(&s, "(a+)+$", false);
	search_run(&s, buf, strlen(buf));
	cr_assert_eq(s.spans.n, 0);
	cr_assert(s.limited, "PCRE2's limit is reported");
	search_fini(&s);
}

Test(search, clear_forgets_everything)
{
	struct search s;
	search_init(&s);
	search_set(&s, "zte", true);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 1);
	cr_assert(s.backward);
	search_clear(&s);
	cr_assert_null(s.query);
	cr_assert_eq(s.spans.n, 0);
	search_fini(&s);
}

/* A long text: n lines, every 97th with a match, some with é or 中. */
static char *
long_text(size_t lines, size_t *len)
{
	size_t cap = lines * 64 + 1, n = 0;
	char *t = malloc(cap);
	for (size_t i = 0; i < lines; i++)
		n += (size_t)snprintf(t + n, cap - n, "%s line %zu é中\n",
		                      i % 97 == 5 ? "Needle here," : "hay", i);
	*len = n;
	return t;
}

/* The spans of a whole search of text with query; *limited when it was
 * cut short (too slow here, with PCRE2's interpreter). */
static struct match_spans
whole_or_limited(const char *query, const char *t, size_t len, bool *limited)
{
	struct search s;
	search_init(&s);
	search_set(&s, query, false);
	search_run(&s, t, len);
	*limited = s.limited;
	struct match_spans m = s.spans;
	match_spans_init(&s.spans);
	search_fini(&s);
	return m;
}

static struct match_spans
whole(const char *query, const char *t, size_t len)
{
	bool limited;
	struct match_spans m = whole_or_limited(query, t, len, &limited);
	cr_assert(!limited, "%s: cut short", query);
	return m;
}

static void
assert_same(const struct match_spans *a, const struct match_spans *b)
{
	cr_assert_eq(a->n, b->n, "%zu matches, not %zu", a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		cr_assert(a->v[i].start == b->v[i].start &&
		                  a->v[i].end == b->v[i].end,
		          "match %zu: %zu-%zu, not %zu-%zu", i, a->v[i].start,
		          a->v[i].end, b->v[i].start, b->v[i].end);
}

Test(search, start_looks_only_as_far_as_the_first_match)
{
	size_t len;
	char *t = long_text(200000, &len); /* about 5 MB */
	struct match_spans all = whole("needle", t, len);
	cr_assert_gt(all.n, 2000);
	size_t origin = len / 2;
	struct search s;
	search_init(&s);
	search_set(&s, "needle", false);
	search_start(&s, t, len, origin);
	cr_assert_neq(s.cur, SIZE_MAX);
	cr_assert_geq(s.spans.v[s.cur].start, origin, "from the view on");
	cr_assert_lt(s.spans.v[s.cur].start, origin + 97 * 32);
	cr_assert(!s.wrapped);
	/* A slice past it, not the text: the rest is for search_more. */
	cr_assert(!search_done(&s));
	cr_assert_lt(s.next, origin + 97 * 32 + SEARCH_SCREEN_BYTES + 64);
	cr_assert_lt(s.spans.n, all.n / 2);
	size_t first = s.spans.v[s.cur].start;
	size_t steps = 0;
	while (!search_more(&s, 4096, 7))
		steps++;
	cr_assert_gt(steps, 100, "done a slice at a time");
	assert_same(&s.spans, &all);
	cr_assert_eq(s.spans.v[s.cur].start, first, "the same match current");
	search_fini(&s);
	match_spans_fini(&all);
	free(t);
}

Test(search, start_wraps_round_to_the_top)
{
	size_t len;
	char *t = long_text(1000, &len);
	struct match_spans all = whole("needle", t, len);
	size_t origin = all.v[all.n - 1].start + 1; /* past the last */
	struct search s;
	search_init(&s);
	search_set(&s, "needle", false);
	search_start(&s, t, len, origin);
	cr_assert_eq(s.cur, 0);
	cr_assert(s.wrapped);
	cr_assert_eq(s.spans.v[0].start, all.v[0].start);
	search_finish(&s);
	assert_same(&s.spans, &all);
	cr_assert_eq(s.cur, 0);
	/* From the top of the text: no way round. */
	search_start(&s, t, len, 0);
	cr_assert_eq(s.cur, 0);
	cr_assert(!s.wrapped);
	search_set(&s, "nowhere", false);
	search_start(&s, t, len, origin);
	cr_assert_eq(s.cur, SIZE_MAX);
	cr_assert(search_done(&s));
	search_fini(&s);
	match_spans_fini(&all);
	free(t);
}

/* Slices of any size, from any origin, find what one search finds:
 * matches across a slice's end, multi-byte characters cut by it, empty
 * matches, lookbehind and line anchors.  A search the 300 ms budget cut
 * short (PCRE2's interpreter on a loaded machine) is not compared: how
 * far it got is a matter of time.  Returns the queries compared. */
static size_t
check_slices(size_t lines)
{
	size_t compared = 0;
	size_t len;
	char *t = long_text(lines, &len);
	const char *queries[] = {"needle", "e中\\n", "(?<=hay )line", "^Needle",
	                         "\\d+$",  "中*",    "y l|é",         "[^a]+"};
	size_t origins[] = {0, 1, 17, len / 3, len - 1, len};
	size_t sizes[] = {1, 5, 64, 1000};
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		bool limited;
		struct match_spans all =
		        whole_or_limited(queries[q], t, len, &limited);
		if (limited) {
			match_spans_fini(&all);
			continue; /* too slow without JIT: not compared */
		}
		compared++;
		for (size_t o = 0; o < sizeof origins / sizeof *origins; o++)
			for (size_t z = 0; z < sizeof sizes / sizeof *sizes;
			     z++) {
				struct search s;
				search_init(&s);
				search_set(&s, queries[q], false);
				search_begin(&s, t, len, origins[o]);
				while (!search_more(&s, sizes[z], 3))
					;
				if (!s.limited)
					assert_same(&s.spans, &all);
				search_fini(&s);
			}
		match_spans_fini(&all);
	}
	free(t);
	return compared;
}

Test(search, slices_find_what_one_search_finds)
{
	cr_assert_eq(check_slices(3000), 8);
}

/* PCRE2's interpreter has no bound on a slice: each find looks as far as
 * the next match, which is then kept, wherever it is. */
Test(search, slices_find_what_one_search_finds_without_jit)
{
	setenv("LECTERN_NO_JIT", "1", 1);
	cr_assert_geq(check_slices(300), 6);
	/* and slices of a byte cost a find per match, not one per byte */
	size_t len;
	char *t = long_text(3000, &len);
	struct search s;
	search_init(&s);
	search_set(&s, "needle", false);
	search_begin(&s, t, len, len / 2);
	size_t calls = 1;
	while (!search_more(&s, 1, SIZE_MAX))
		calls++;
	cr_assert_eq(s.spans.n, 31);
	cr_assert_leq(calls, 2 * s.spans.n + 4, "%zu calls", calls);
	search_fini(&s);
	free(t);
}

/* What PCRE2 alone finds: the query's matches, one search. */
static struct match_spans
pcre2_spans(const char *query, const char *t, size_t len)
{
	char *err = NULL;
	struct regex *re = regex_new(query, REGEX_SMART_CASE, &err);
	cr_assert_not_null(re, "%s", err);
	struct match_spans m;
	match_spans_init(&m);
	size_t from = 0, a, b;
	while (regex_find(re, t, len, from, &a, &b) == REGEX_MATCH) {
		cr_assert_gt(b, a);
		xgrow(&m.v, &m.cap, m.n + 1, sizeof *m.v);
		m.v[m.n++] = (struct match_span){a, b, -1};
		from = b;
	}
	regex_free(re);
	return m;
}

/* Literal words joined by '|' are found by a kwset, with PCRE2's
 * choice: the leftmost start, there the first word of the query (not the
 * longest), on from its end.  Texts of the words' letters, so that words
 * overlap and nest everywhere. */
Test(search, literal_words_are_found_as_pcre2_finds_them)
{
	const char *queries[] = {"huawei|zte", "Huawei|ZTE|5G",   "ab|a|abc",
	                         "a|ab",       "he|the|then|hen", "aa|a",
	                         "Bb|b|bB",    "e|h|t|n"};
	const char alphabet[] = "abcehntwuizABHZTE5G \n";
	size_t len = 150000; /* more than the kwset takes at once */
	char *t = malloc(len + 1);
	unsigned x = 12345;
	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		t[i] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
	}
	memcpy(t + 100, "\xc3\xa9", 2); /* and some UTF-8 */
	t[len] = '\0';
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		struct match_spans want = pcre2_spans(queries[q], t, len);
		cr_assert_gt(want.n, 10, "%s", queries[q]);
		struct search s;
		search_init(&s);
		search_set(&s, queries[q], false);
		cr_assert_not_null(s.kw, "%s: by a kwset", queries[q]);
		search_run(&s, t, len);
		assert_same(&s.spans, &want);
		/* and a slice at a time, from the middle */
		size_t sizes[] = {61, 100000};
		for (size_t z = 0; z < 2; z++) {
			search_begin(&s, t, len, len / 2);
			while (!search_more(&s, sizes[z], 5))
				;
			assert_same(&s.spans, &want);
		}
		search_fini(&s);
		match_spans_fini(&want);
	}
	free(t);
}

Test(search, other_queries_are_left_to_pcre2)
{
	const char *pcre2_only[] = {
	        "huawei",     /* one word: PCRE2 finds it fast */
	        "kiwi|apple", /* ignores case, and k is also the Kelvin sign */
	        "ask|tell",   /* s is also the long s */
	        "a.b|c",      /* syntax */
	        "a b|c",      /* a space */
	        "caf\xc3\xa9|tea", /* not ASCII */
	        "a||b",            /* an empty word matches everywhere */
	};
	for (size_t q = 0; q < sizeof pcre2_only / sizeof *pcre2_only; q++) {
		struct search s;
		search_init(&s);
		cr_assert_eq(search_set(&s, pcre2_only[q], false), 0);
		cr_assert_null(s.kw, "%s", pcre2_only[q]);
		search_fini(&s);
	}
	struct search s;
	search_init(&s);
	search_set(&s, "Kiwi|Ask", false); /* exact case: no folding */
	cr_assert_not_null(s.kw);
	const char *t = "kiwi Kiwi \xe2\x84\xaaiwi Ask ask \xc5\xbfk";
	search_run(&s, t, strlen(t));
	cr_assert_eq(s.spans.n, 2);
	search_fini(&s);
}
