/*
 * test_match_blocks.c - an article's blocks matched in one scan, as each
 * block alone would be; the patterns' time budget.
 */
#include <criterion/criterion.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "doc.h"
#include "match.h"
#include "util.h"

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(match_blocks, .init = setup);

/* The groups of a config text (no built-in groups). */
static void
load(struct config *cfg, const char *yaml)
{
	struct diag_list dl;
	diag_list_init(&dl);
	config_init(cfg);
	cr_assert_eq(config_load_string(cfg, yaml, strlen(yaml), "t.yaml", &dl),
	             0, "%s", dl.n ? dl.v[0].msg : "");
	diag_list_fini(&dl);
}

/* matcher_find_blocks over body against matcher_find block by block. */
static void
assert_blocks_as_alone(const struct matcher *m, const char *body,
                       const char *what)
{
	struct doc d;
	doc_init(&d);
	doc_parse(&d, body, strlen(body));
	struct match_spans all, each;
	match_spans_init(&all);
	match_spans_init(&each);
	matcher_find_blocks(m, body, d.v, d.n, NULL, &all);
	for (size_t b = 0; b < d.n; b++)
		matcher_find(m, body + d.v[b].start, d.v[b].len, d.v[b].start,
		             NULL, &each);
	cr_assert_eq(all.n, each.n, "%s: %zu spans, block by block %zu", what,
	             all.n, each.n);
	for (size_t i = 0; i < all.n; i++)
		cr_assert(all.v[i].start == each.v[i].start &&
		                  all.v[i].end == each.v[i].end &&
		                  all.v[i].group == each.v[i].group,
		          "%s: span %zu is %zu-%zu:%d, block by block "
		          "%zu-%zu:%d",
		          what, i, all.v[i].start, all.v[i].end, all.v[i].group,
		          each.v[i].start, each.v[i].end, each.v[i].group);
	match_spans_fini(&all);
	match_spans_fini(&each);
	doc_fini(&d);
}

/* matcher_count over body against matcher_find_blocks' spans tallied. */
static void
assert_count_is_tally(struct matcher *m, const char *body, const char *what)
{
	size_t len = strlen(body), ng = matcher_groups(m);
	struct doc d;
	doc_init(&d);
	doc_parse(&d, body, len);
	struct match_spans all;
	match_spans_init(&all);
	matcher_find_blocks(m, body, d.v, d.n, NULL, &all);
	size_t *want = xcalloc(ng, sizeof *want);
	size_t *got = xcalloc(ng, sizeof *got);
	for (size_t i = 0; i < all.n; i++)
		want[all.v[i].group]++;
	for (size_t g = 0; g < ng; g++)
		got[g] = 12345; /* what the counts replace */
	cr_assert(matcher_count(m, body, len, NULL, got));
	for (size_t g = 0; g < ng; g++)
		cr_assert_eq(got[g], want[g], "%s: group %zu counted %zu, %zu",
		             what, g, got[g], want[g]);
	free(want);
	free(got);
	match_spans_fini(&all);
	doc_fini(&d);
}

static const char groups_yaml[] =
        "highlight:\n"
        "  - name: a\n"
        "    words: [White House, house, Ross, Wilbur Ross, ab]\n"
        "  - name: b\n"
        "    words: [ba, 'b a', House]\n"
        "    ignore-case: false\n"
        "    whole-word: false\n"
        "  - name: c\n"
        "    words: [abab]\n"
        "    patterns: ['\\bUS\\b', 'a\\s+b']\n";

/* A phrase from one paragraph into the next is not one. */
Test(match_blocks, no_match_runs_into_the_next_block)
{
	struct config cfg;
	load(&cfg, groups_yaml);
	struct matcher *m = matcher_new(cfg.groups, cfg.ngroups, NULL);
	const char *body = "the White\n\nHouse said\n\n## Wilbur\nRoss\n";
	struct doc d;
	doc_init(&d);
	doc_parse(&d, body, strlen(body));
	struct match_spans out;
	match_spans_init(&out);
	cr_assert(matcher_find_blocks(m, body, d.v, d.n, NULL, &out));
	/* "House" (b, then a's "house" overlapped), "Wilbur\nRoss" is in
	 * no one block: "Ross" alone. */
	cr_assert_eq(out.n, 2);
	cr_assert_eq(out.v[0].start, 11);
	cr_assert_eq(out.v[0].end, 16);
	cr_assert_eq(out.v[1].start, 33);
	cr_assert_eq(out.v[1].end, 37);
	match_spans_fini(&out);
	doc_fini(&d);
	matcher_free(m);
	config_fini(&cfg);
}

/* Random bodies, long and short (a long one is scanned in four parts
 * side by side), with blank lines and headings between blocks. */
Test(match_blocks, a_scan_of_the_body_finds_what_each_block_does)
{
	static const char *const bits[] = {"a",
	                                   "b",
	                                   "A",
	                                   "B",
	                                   " ",
	                                   "\n",
	                                   "\n\n",
	                                   "\n\n",
	                                   "\n## ",
	                                   "\r\n",
	                                   "ab",
	                                   "ba",
	                                   "US",
	                                   "_",
	                                   "house",
	                                   "House",
	                                   "Ross",
	                                   "White",
	                                   "Wilbur",
	                                   "\xc3\xa9",
	                                   "\xe5\x8d\x8e",
	                                   " \n \n",
	                                   "\n\xc2\xa0\n",
	                                   "\xc2\xa0",
	                                   "\n#\t",
	                                   "\n###### ",
	                                   "\t"};
	size_t nb = sizeof bits / sizeof bits[0];
	struct config cfg;
	load(&cfg, groups_yaml);
	struct matcher *fast = matcher_new(cfg.groups, cfg.ngroups, NULL);
	struct matcher *slow = matcher_new_opts(cfg.groups, cfg.ngroups, NULL,
	                                        MATCHER_NO_KWSET);
	srand(99);
	for (int round = 0; round < 300; round++) {
		size_t parts = (size_t)rand() % (round % 3 ? 60 : 3000);
		struct strbuf sb;
		sb_init(&sb);
		for (size_t p = 0; p < parts; p++)
			sb_addstr(&sb, bits[rand() % nb]);
		char what[64];
		snprintf(what, sizeof what, "round %d", round);
		const char *body = sb.len ? sb.buf : "";
		assert_blocks_as_alone(fast, body, what);
		assert_blocks_as_alone(slow, body, what);
		assert_count_is_tally(fast, body, what);
		sb_fini(&sb);
	}
	matcher_free(fast);
	matcher_free(slow);
	config_fini(&cfg);
}

/* Past 256 KB of blocks the words are scanned a run of blocks at a
 * time (match.c BLOCKS_CHUNK): the same matches, before and after. */
Test(match_blocks, a_long_body_is_matched_a_run_of_blocks_at_a_time)
{
	static const char *const paras[] = {
	        "Wilbur Ross met the White House about house prices.",
	        "## White House\n", "a b ab abab ba US US.",
	        "White\nHouse, Ross and ROSS; ba ba ba.", "nothing here"};
	struct config cfg;
	load(&cfg, groups_yaml);
	struct matcher *m = matcher_new(cfg.groups, cfg.ngroups, NULL);
	struct strbuf sb;
	sb_init(&sb);
	srand(5);
	while (sb.len < 900 * 1024) {
		sb_addstr(&sb, paras[rand() % 5]);
		sb_addstr(&sb, rand() % 4 ? "\n\n" : " ");
	}
	assert_blocks_as_alone(m, sb.buf, "900 KB");
	/* Counted, the body is split and matched 256 KB at a time: the
	 * same hits, a paragraph across a step's end included. */
	assert_count_is_tally(m, sb.buf, "900 KB");
	sb_fini(&sb);
	matcher_free(m);
	config_fini(&cfg);
}

/*
 * A pattern cheap at each find but linear in what follows is quadratic
 * over a long word: the budget stops it (the finds are incomplete), the
 * words are still all found.
 */
Test(match_blocks, the_budget_stops_a_quadratic_pattern, .timeout = 20)
{
	struct config cfg;
	load(&cfg, "highlight:\n"
	           "  - name: slow\n"
	           "    patterns: ['\\w(?=\\w*$)']\n"
	           "  - name: word\n"
	           "    words: [Huawei]\n");
	struct matcher *m = matcher_new(cfg.groups, cfg.ngroups, NULL);
	size_t n = 300000;
	char *text = xmalloc(n + 8);
	memcpy(text, "Huawei ", 7);
	memset(text + 7, 'a', n);
	text[n + 7] = '\0';
	struct match_spans out;
	match_spans_init(&out);
	long long t0 = clock_mono_ns();
	cr_assert_not(matcher_find(m, text, n + 7, 0, NULL, &out));
	long long took = (clock_mono_ns() - t0) / 1000000;
	cr_assert_eq(out.v[0].group, 1);
	cr_assert_eq(out.v[0].start, 0);
	/* Far less than the minutes it would take; not a timing test:
	 * only a budget never started fails it. */
	cr_assert_lt(took, 15000, "took %lld ms", took);
	free(text);
	match_spans_fini(&out);
	matcher_free(m);
	config_fini(&cfg);
}
