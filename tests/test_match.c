/* test_match.c - keyword groups: overlaps, options, diagnostics, defaults. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "match.h"
#include "util.h"

#ifndef TEST_DATADIR
#define TEST_DATADIR "tests/data"
#endif
#define BUNDLED TEST_DATADIR "/../../corpus"

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(match, .init = setup);

/*
 * Groups for a test, held inline: criterion runs each parameter in a
 * fresh process, where pointers into this one would mean nothing.  An
 * empty string ends a list.
 */
#define MAXG 3
#define MAXW 4
#define MAXS 6

struct group_spec {
	char words[MAXW][24];
	char patterns[2][24];
	bool case_sensitive; /* the defaults: ignore case, whole words */
	bool partial_words;
};

/* The hl_groups pointing into specs; free with groups_free. */
static struct hl_group *
groups_make(struct group_spec *specs, size_t n)
{
	struct hl_group *g = calloc(n, sizeof *g);
	cr_assert_not_null(g);
	for (size_t i = 0; i < n; i++) {
		g[i].name = (char *)"group";
		g[i].words = calloc(MAXW, sizeof *g[i].words);
		g[i].patterns = calloc(2, sizeof *g[i].patterns);
		cr_assert(g[i].words && g[i].patterns);
		while (g[i].nwords < MAXW && specs[i].words[g[i].nwords][0]) {
			g[i].words[g[i].nwords] = specs[i].words[g[i].nwords];
			g[i].nwords++;
		}
		while (g[i].npatterns < 2 &&
		       specs[i].patterns[g[i].npatterns][0]) {
			g[i].patterns[g[i].npatterns] =
			        specs[i].patterns[g[i].npatterns];
			g[i].npatterns++;
		}
		g[i].ignore_case = !specs[i].case_sensitive;
		g[i].whole_word = !specs[i].partial_words;
		g[i].line = (int)i + 10;
	}
	return g;
}

static void
groups_free(struct hl_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(g[i].words);
		free(g[i].patterns);
	}
	free(g);
}

/* One expected span: its text (found after the previous one) and group. */
struct want_span {
	char text[24];
	int group;
};

struct find_case {
	char name[56];
	struct group_spec groups[MAXG];
	size_t ngroups;
	char text[64];
	struct want_span want[MAXS];
	size_t nwant;
};

/* clang-format off */
static struct find_case find_cases[] = {
	{"earliest start wins",
	 {{.words = {"States of America"}}, {.words = {"United States"}}}, 2,
	 "the United States of America", {{"United States", 1}}, 1},
	{"earlier shorter beats later longer",
	 {{.words = {"New York"}}, {.words = {"York Times Company"}}}, 2,
	 "New York Times Company", {{"New York", 0}}, 1},
	{"longest wins at the same start",
	 {{.words = {"Donald"}}, {.words = {"Donald Trump"}}}, 2,
	 "Donald Trump said", {{"Donald Trump", 1}}, 1},
	{"longer phrase over the word inside it",
	 {{.words = {"China"}}, {.words = {"Made in China"}}}, 2,
	 "Made in China", {{"Made in China", 1}}, 1},
	{"first group wins a tie",
	 {{.words = {"Huawei"}}, {.words = {"huawei"}}}, 2,
	 "HUAWEI", {{"HUAWEI", 0}}, 1},
	{"first group wins a tie, either order",
	 {{.words = {"huawei"}}, {.words = {"Huawei"}}, {.words = {"HUAWEI"}}}, 3,
	 "Huawei", {{"Huawei", 0}}, 1},
	{"only the group that matches",
	 {{.words = {"ZTE"}}, {.words = {"Huawei"}}}, 2,
	 "Huawei", {{"Huawei", 1}}, 1},
	{"longest word of a group",
	 {{.words = {"Trump", "Donald Trump"}}}, 1,
	 "Donald Trump", {{"Donald Trump", 0}}, 1},
	{"whole word backtracks to a shorter word",
	 {{.words = {"semiconductor", "semiconductors"}}}, 1,
	 "semiconductors, a semiconductor", {{"semiconductors", 0},
	 {"semiconductor", 0}}, 2},
	{"adjacent matches of two groups",
	 {{.words = {"UK"}}, {.words = {"US"}}}, 2,
	 "UK US UK-US", {{"UK", 0}, {"US", 1}, {"UK", 0}, {"US", 1}}, 4},
	{"longer pattern over a word",
	 {{.words = {"5G"}}, {.patterns = {"5G networks?"}}}, 2,
	 "5G networks", {{"5G networks", 1}}, 1},
	{"word and pattern of one group once",
	 {{.words = {"abc"}, .patterns = {"abc"}}}, 1,
	 "abc", {{"abc", 0}}, 1},
	{"empty matches are dropped",
	 {{.patterns = {"x*"}}}, 1,
	 "axxb x", {{"xx", 0}, {"x", 0}}, 2},
	{"case-sensitive group",
	 {{.words = {"ICO"}, .case_sensitive = true}}, 1,
	 "ico Ico ICO", {{"ICO", 0}}, 1},
	{"partial words",
	 {{.words = {"Huawei"}, .partial_words = true}}, 1,
	 "Huaweiphone", {{"Huawei", 0}}, 1},
	{"patterns are not whole words",
	 {{.patterns = {"hua"}}}, 1,
	 "Huawei", {{"Hua", 0}}, 1},
	{"patterns ignore case with the group",
	 {{.patterns = {"hua[a-z]+"}}}, 1,
	 "HUAWEI", {{"HUAWEI", 0}}, 1},
	{"blank words are ignored",
	 {{.words = {" ", "\t\n", "ZTE"}}}, 1,
	 "a ZTE b", {{"ZTE", 0}}, 1},
	{"metacharacters in words",
	 {{.words = {"C++", "a.b"}}}, 1,
	 "C++ axb a.b", {{"C++", 0}, {"a.b", 0}}, 2},
	{"three-way chain",
	 {{.words = {"a b"}}, {.words = {"b c"}}, {.words = {"c d"}}}, 3,
	 "a b c d", {{"a b", 0}, {"c d", 2}}, 2},
	{"nothing found",
	 {{.words = {"Huawei"}}}, 1,
	 "Huaweiphone XHuawei", {{"", 0}}, 0},
	{"CJK words inside CJK text",
	 {{.words = {"\xe5\x8d\x8e\xe4\xb8\xba", "\xe4\xb8\xad\xe5\x9b\xbd"}}}, 1,
	 "\xe5\x8d\x8e\xe4\xb8\xba\xe5\x85\xac\xe5\x8f\xb8\xe5\x9c\xa8"
	 "\xe4\xb8\xad\xe5\x9b\xbd\xe3\x80\x82Huawei\xe5\x8d\x8e\xe4\xb8\xba",
	 {{"\xe5\x8d\x8e\xe4\xb8\xba", 0}, {"\xe4\xb8\xad\xe5\x9b\xbd", 0},
	  {"\xe5\x8d\x8e\xe4\xb8\xba", 0}}, 3},
	{"a Latin word beside CJK text, whole",
	 {{.words = {"5G"}}}, 1,
	 "5G\xe7\xbd\x91 x5G", {{"5G", 0}}, 1},
};
/* clang-format on */

ParameterizedTestParameters(match, find)
{
	return cr_make_param_array(struct find_case, find_cases,
	                           sizeof find_cases / sizeof find_cases[0]);
}

ParameterizedTest(struct find_case *c, match, find)
{
	struct hl_group *g = groups_make(c->groups, c->ngroups);
	struct diag_list dl;
	struct match_spans out;

	diag_list_init(&dl);
	match_spans_init(&out);
	struct matcher *m = matcher_new(g, c->ngroups, &dl);
	cr_assert_eq(dl.n, 0, "%s: %s", c->name, dl.n ? dl.v[0].msg : "");
	cr_assert_eq(matcher_groups(m), c->ngroups);
	size_t len = strlen(c->text);
	cr_assert(matcher_find(m, c->text, len, 0, NULL, &out));
	cr_assert_eq(out.n, c->nwant, "%s: %zu spans", c->name, out.n);
	size_t at = 0;
	for (size_t i = 0; i < c->nwant; i++) {
		const char *w = strstr(c->text + at, c->want[i].text);
		cr_assert_not_null(w, "%s: bad case", c->name);
		size_t s = (size_t)(w - c->text);
		size_t e = s + strlen(c->want[i].text);
		cr_assert_eq(out.v[i].start, s, "%s: span %zu starts at %zu",
		             c->name, i, out.v[i].start);
		cr_assert_eq(out.v[i].end, e, "%s: span %zu ends at %zu",
		             c->name, i, out.v[i].end);
		cr_assert_eq(out.v[i].group, c->want[i].group,
		             "%s: span %zu group %d", c->name, i,
		             out.v[i].group);
		at = e;
	}
	match_spans_fini(&out);
	matcher_free(m);
	diag_list_fini(&dl);
	groups_free(g, c->ngroups);
}

/* The groups most tests below use, with the specs they point into. */
struct sample {
	struct group_spec specs[3];
	struct hl_group *g;
	struct matcher *m;
};

static struct sample *
sample_new(void)
{
	static const struct group_spec specs[] = {
	        {.words = {"Huawei", "ZTE"}},
	        {.words = {"China", "Made in China"}},
	        {.words = {"5G", "4G"}},
	};
	struct sample *s = malloc(sizeof *s);
	cr_assert_not_null(s);
	memcpy(s->specs, specs, sizeof specs);
	s->g = groups_make(s->specs, 3);
	s->m = matcher_new(s->g, 3, NULL);
	cr_assert_not_null(s->m);
	return s;
}

static void
sample_free(struct sample *s)
{
	matcher_free(s->m);
	groups_free(s->g, 3);
	free(s);
}

Test(match, phrase_across_line_break)
{
	struct sample *sm = sample_new();
	struct matcher *m = sm->m;
	struct match_spans out;
	const char *text = "phones\nMade in\nChina, and made  in china.";

	match_spans_init(&out);
	cr_assert(matcher_find(m, text, strlen(text), 0, NULL, &out));
	cr_assert_eq(out.n, 2);
	cr_assert_eq(out.v[0].start, 7);
	cr_assert_eq(out.v[0].end, 20);
	cr_assert_eq(out.v[0].group, 1);
	cr_assert_eq(out.v[1].start, 26);
	cr_assert_eq(out.v[1].end, 40);
	match_spans_fini(&out);
	sample_free(sm);
}

Test(match, enabled_groups_only)
{
	struct sample *sm = sample_new();
	struct matcher *m = sm->m;
	struct match_spans out;
	const char *text = "Huawei 5G in China";
	bool en[3] = {false, true, true};

	match_spans_init(&out);
	cr_assert(matcher_find(m, text, strlen(text), 0, en, &out));
	cr_assert_eq(out.n, 2);
	cr_assert_eq(out.v[0].group, 2);
	cr_assert_eq(out.v[0].start, 7);
	cr_assert_eq(out.v[1].group, 1);
	cr_assert_eq(out.v[1].start, 13);
	match_spans_fini(&out);

	bool none[3] = {false, false, false};
	cr_assert(matcher_find(m, text, strlen(text), 0, none, &out));
	cr_assert_eq(out.n, 0);
	match_spans_fini(&out);
	sample_free(sm);
}

Test(match, disabled_group_loses_no_overlap)
{
	/* With the phrase's group off, the word inside it shows. */
	struct group_spec specs[2] = {{.words = {"Made in China"}},
	                              {.words = {"China"}}};
	struct hl_group *g = groups_make(specs, 2);
	struct matcher *m = matcher_new(g, 2, NULL);
	struct match_spans out;
	const char *text = "Made in China";
	bool en[2] = {false, true};

	match_spans_init(&out);
	cr_assert(matcher_find(m, text, strlen(text), 0, NULL, &out));
	cr_assert_eq(out.n, 1);
	cr_assert_eq(out.v[0].group, 0);
	match_spans_fini(&out);
	cr_assert(matcher_find(m, text, strlen(text), 0, en, &out));
	cr_assert_eq(out.n, 1);
	cr_assert_eq(out.v[0].group, 1);
	cr_assert_eq(out.v[0].start, 8);
	match_spans_fini(&out);
	matcher_free(m);
	groups_free(g, 2);
}

Test(match, base_offset_and_append)
{
	struct sample *sm = sample_new();
	struct matcher *m = sm->m;
	struct match_spans out;
	const char *text = "ZTE and Huawei";

	match_spans_init(&out);
	cr_assert(matcher_find(m, text, 3, 100, NULL, &out));
	cr_assert_eq(out.n, 1);
	cr_assert_eq(out.v[0].start, 100);
	cr_assert_eq(out.v[0].end, 103);
	/* A second block's spans are appended after the first's. */
	cr_assert(matcher_find(m, text + 4, strlen(text) - 4, 104, NULL, &out));
	cr_assert_eq(out.n, 2);
	cr_assert_eq(out.v[0].start, 100);
	cr_assert_eq(out.v[1].start, 108);
	cr_assert_eq(out.v[1].end, 114);
	cr_assert_eq(out.v[1].group, 0);
	match_spans_fini(&out);
	cr_assert_null(out.v);
	cr_assert_eq(out.n, 0);
	sample_free(sm);
}

Test(match, many_groups_in_order_of_start)
{
	struct sample *sm = sample_new();
	struct matcher *m = sm->m;
	struct match_spans out;
	const char *text = "4G, ZTE’s 5G kit Made in China; Huawei, China";

	match_spans_init(&out);
	cr_assert(matcher_find(m, text, strlen(text), 0, NULL, &out));
	int groups[] = {2, 0, 2, 1, 0, 1};
	cr_assert_eq(out.n, 6);
	for (size_t i = 0; i < out.n; i++) {
		cr_assert_eq(out.v[i].group, groups[i], "span %zu", i);
		if (i)
			cr_assert_geq(out.v[i].start, out.v[i - 1].end);
	}
	match_spans_fini(&out);
	sample_free(sm);
}

Test(match, empty_text)
{
	struct sample *sm = sample_new();
	struct matcher *m = sm->m;
	struct match_spans out;

	match_spans_init(&out);
	cr_assert(matcher_find(m, "", 0, 0, NULL, &out));
	cr_assert_eq(out.n, 0);
	match_spans_fini(&out);
	sample_free(sm);
}

Test(match, bad_pattern_reported_others_match)
{
	struct group_spec specs[3] = {
	        {.words = {"Huawei"}},
	        {.words = {"ZTE"}, .patterns = {"kit", "a(b"}},
	        {.patterns = {"[z-a]"}},
	};
	struct hl_group *g = groups_make(specs, 3);
	struct diag_list dl;
	struct match_spans out;

	diag_list_init(&dl);
	match_spans_init(&out);
	struct matcher *m = matcher_new(g, 3, &dl);
	cr_assert_not_null(m);
	cr_assert_eq(dl.n, 2);
	cr_assert_eq(diag_count(&dl, DIAG_ERROR), 2);
	cr_assert_str_eq(dl.v[0].msg, "highlight[1].patterns[1]: missing "
	                              "closing parenthesis at offset 3");
	cr_assert_eq(dl.v[0].line, 11);
	cr_assert_str_eq(dl.v[1].msg,
	                 "highlight[2].patterns[0]: range out of order in "
	                 "character class at offset 3");
	cr_assert_eq(dl.v[1].line, 12);

	const char *text = "Huawei and ZTE kit";
	cr_assert(matcher_find(m, text, strlen(text), 0, NULL, &out));
	cr_assert_eq(out.n, 3);
	cr_assert_eq(out.v[0].group, 0);
	cr_assert_eq(out.v[1].group, 1);
	cr_assert_eq(out.v[2].group, 1);
	cr_assert_eq(out.v[2].start, 15);
	match_spans_fini(&out);
	matcher_free(m);
	diag_list_fini(&dl);
	groups_free(g, 3);
}

Test(match, bad_word_reported_others_kept)
{
	struct group_spec specs[1] = {{.words = {"ZTE", "bad\xFF", "Huawei"}}};
	struct hl_group *g = groups_make(specs, 1);
	struct diag_list dl;
	struct match_spans out;

	diag_list_init(&dl);
	match_spans_init(&out);
	struct matcher *m = matcher_new(g, 1, &dl);
	cr_assert_eq(dl.n, 1);
	cr_assert_str_eq(dl.v[0].msg,
	                 "highlight[0].words[1]: UTF-8 error: illegal byte "
	                 "(0xfe or 0xff) at offset 3");
	const char *text = "ZTE Huawei";
	cr_assert(matcher_find(m, text, strlen(text), 0, NULL, &out));
	cr_assert_eq(out.n, 2);
	match_spans_fini(&out);
	matcher_free(m);
	diag_list_fini(&dl);
	groups_free(g, 1);
}

Test(match, limit_reported_others_complete, .timeout = 10)
{
	struct group_spec specs[2] = {
	        {.patterns = {"(a|aa)+$"}},
	        {.words = {"Huawei"}},
	};
	struct hl_group *g = groups_make(specs, 2);
	struct match_spans out;
	char text[80];

	memset(text, 'a', 60);
	strcpy(text + 60, "b Huawei");
	match_spans_init(&out);
	struct matcher *m = matcher_new(g, 2, NULL);
	cr_assert_not(matcher_find(m, text, strlen(text), 0, NULL, &out));
	cr_assert_eq(out.n, 1);
	cr_assert_eq(out.v[0].group, 1);
	cr_assert_eq(out.v[0].start, 62);
	match_spans_fini(&out);
	matcher_free(m);
	groups_free(g, 2);
}

Test(match, invalid_utf8_text)
{
	struct sample *sm = sample_new();
	struct matcher *m = sm->m;
	struct match_spans out;
	const char text[] = "\xFFHuawei\xC3 \xE2\x82 5G\xF0";

	match_spans_init(&out);
	cr_assert(matcher_find(m, text, sizeof text - 1, 0, NULL, &out));
	cr_assert_eq(out.n, 2);
	cr_assert_eq(out.v[0].start, 1);
	cr_assert_eq(out.v[1].start, 12);
	match_spans_fini(&out);
	sample_free(sm);
}

Test(match, check_pattern)
{
	cr_assert_null(match_check_pattern("5G|LTE"));
	cr_assert_null(match_check_pattern(""));
	char *err = match_check_pattern("(5G");
	cr_assert_str_eq(err, "missing closing parenthesis at offset 3");
	free(err);
}

Test(match, no_groups)
{
	struct match_spans out;
	struct matcher *m = matcher_new(NULL, 0, NULL);

	match_spans_init(&out);
	cr_assert_eq(matcher_groups(m), 0);
	cr_assert(matcher_find(m, "Huawei", 6, 0, NULL, &out));
	cr_assert_eq(out.n, 0);
	matcher_free(m);
	matcher_free(NULL);
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	cr_assert_not_null(fp, "%s", path);
	struct strbuf sb;
	char buf[4096];
	size_t n;
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_add(&sb, buf, n);
	fclose(fp);
	*len = sb.len;
	return sb_detach(&sb);
}

static int
group_index(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->ngroups; i++)
		if (!strcmp(cfg->groups[i].name, name))
			return (int)i;
	cr_assert_fail("no group %s", name);
	return -1;
}

/* Whether out has a span of group g covering exactly the text want. */
static size_t
count_spans(const struct match_spans *out, const char *text, int g,
            const char *want)
{
	size_t n = 0, wl = strlen(want);
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].group == g &&
		    out->v[i].end - out->v[i].start == wl &&
		    !memcmp(text + out->v[i].start, want, wl))
			n++;
	return n;
}

Test(match, builtin_groups_on_real_article)
{
	struct config cfg;
	struct diag_list dl;
	struct match_spans out;
	size_t len;

	config_init(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(config_load_defaults(&cfg, &dl), 0);
	cr_assert_gt(cfg.ngroups, 0);
	struct matcher *m = matcher_new(cfg.groups, cfg.ngroups, &dl);
	cr_assert_eq(dl.n, 0, "%s", dl.n ? dl.v[0].msg : "");
	cr_assert_eq(matcher_groups(m), cfg.ngroups);

	char *text = read_all(BUNDLED "/01-no-technical-grounds.md", &len);
	match_spans_init(&out);
	cr_assert(matcher_find(m, text, len, 0, NULL, &out));
	for (size_t i = 1; i < out.n; i++)
		cr_assert_geq(out.v[i].start, out.v[i - 1].end);

	int org = group_index(&cfg, "organisations");
	int places = group_index(&cfg, "places");
	int tech = group_index(&cfg, "technology");
	int people = group_index(&cfg, "people");
	int inst = group_index(&cfg, "institutions");
	/* "Huawei" many times, and in "Huawei’s" and "‘...Huawei’". */
	cr_assert_eq(count_spans(&out, text, org, "Huawei"), 14);
	cr_assert_eq(count_spans(&out, text, org, "huawei"), 1,
	             "the lower-case tag in the front matter");
	cr_assert_geq(count_spans(&out, text, places, "UK"), 3);
	cr_assert_geq(count_spans(&out, text, tech, "5G"), 2);
	cr_assert_geq(count_spans(&out, text, people, "Norman Lamb"), 1);
	cr_assert_geq(count_spans(&out, text, inst, "DCMS"), 2);
	cr_assert_geq(count_spans(&out, text, inst, "Parliament"), 1);
	cr_assert_geq(count_spans(&out, text, inst, "NCSC"), 1);
	for (size_t i = 0; i < out.n; i++)
		cr_assert_neq(out.v[i].end, out.v[i].start);

	match_spans_fini(&out);
	free(text);
	matcher_free(m);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(match, builtin_case_sensitive_group)
{
	struct config cfg;
	struct match_spans out;

	struct diag_list dl;

	config_init(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(config_load_defaults(&cfg, &dl), 0);
	struct matcher *m = matcher_new(cfg.groups, cfg.ngroups, &dl);
	int inst = group_index(&cfg, "institutions");
	const char *text = "the senate, the Senate, the Entity\nList";

	match_spans_init(&out);
	cr_assert(matcher_find(m, text, strlen(text), 0, NULL, &out));
	cr_assert_eq(count_spans(&out, text, inst, "senate"), 0);
	cr_assert_eq(count_spans(&out, text, inst, "Senate"), 1);
	cr_assert_eq(count_spans(&out, text, inst, "Entity\nList"), 1);
	match_spans_fini(&out);
	matcher_free(m);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

/* ------------------------------------------- the automaton and PCRE2 */

/* Both ways of matching words give the same spans for text. */
static void
assert_same_both_ways(const struct hl_group *g, size_t ng, const char *text,
                      size_t len, const char *what)
{
	struct matcher *fast = matcher_new(g, ng, NULL);
	struct matcher *slow = matcher_new_opts(g, ng, NULL, MATCHER_NO_KWSET);
	struct match_spans a, b;
	match_spans_init(&a);
	match_spans_init(&b);
	matcher_find(fast, text, len, 0, NULL, &a);
	matcher_find(slow, text, len, 0, NULL, &b);
	cr_assert_eq(a.n, b.n, "%s: %zu spans, PCRE2 finds %zu", what, a.n,
	             b.n);
	for (size_t i = 0; i < a.n; i++)
		cr_assert(a.v[i].start == b.v[i].start &&
		                  a.v[i].end == b.v[i].end &&
		                  a.v[i].group == b.v[i].group,
		          "%s: span %zu is %zu-%zu:%d, PCRE2 has %zu-%zu:%d",
		          what, i, a.v[i].start, a.v[i].end, a.v[i].group,
		          b.v[i].start, b.v[i].end, b.v[i].group);
	match_spans_fini(&a);
	match_spans_fini(&b);
	matcher_free(fast);
	matcher_free(slow);
}

Test(match, automaton_agrees_with_pcre2_on_the_corpus)
{
	static const char *const files[] = {
	        "01-no-technical-grounds.md",
	        "02-china-hackers.md",
	        "03-ibm-google-surveillance-jv.md",
	        "04-us-huawei-saga.md",
	        "05-china-attacks-uk-business.md",
	        "06-study-links-huawei-state.md",
	        "07-ren-huawei-ditch-us.md",
	        "08-trump-huawei-de-escalation.md",
	        "09-western-businesses-learn-china.md"};
	struct config cfg;
	struct diag_list dl;
	diag_list_init(&dl);
	config_init(&cfg);
	cr_assert_eq(config_load_defaults(&cfg, &dl), 0);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *path = xasprintf("%s/%s", BUNDLED, files[i]);
		size_t len;
		char *text = read_all(path, &len);
		assert_same_both_ways(cfg.groups, cfg.ngroups, text, len, path);
		free(text);
		free(path);
	}
	config_fini(&cfg);
	diag_list_fini(&dl);
}

Test(match, automaton_agrees_with_pcre2_on_random_text)
{
	/* Pieces that make edges interesting: ASCII and other letters
	 * (with and without case), digits, '_', CJK, spaces of several
	 * kinds, punctuation, a stray byte. */
	static const char *const bits[] = {"a",
	                                   "b",
	                                   "A",
	                                   "B",
	                                   "\xc3\xa9",
	                                   "\xc3\x89",
	                                   "1",
	                                   "_",
	                                   "-",
	                                   " ",
	                                   "\n",
	                                   "\xc2\xa0",
	                                   "\xe5\x8d\x8e",
	                                   "\xe4\xb8\xba",
	                                   ".",
	                                   "\xff",
	                                   "ab",
	                                   "ba"};
	static const char *const wbits[] = {
	        "a", "b", "A",        "B", "ab", "\xe5\x8d\x8e",
	        " ", "1", "\xc3\xa9", "_"};
	size_t nb = sizeof bits / sizeof bits[0];
	size_t nwb = sizeof wbits / sizeof wbits[0];
	srand(4242);
	for (int round = 0; round < 400; round++) {
		struct group_spec specs[MAXG];
		memset(specs, 0, sizeof specs);
		size_t ng = 1 + (size_t)rand() % MAXG;
		for (size_t gi = 0; gi < ng; gi++) {
			size_t nw = 1 + (size_t)rand() % MAXW;
			for (size_t w = 0; w < nw; w++) {
				char *word = specs[gi].words[w];
				size_t parts = 1 + (size_t)rand() % 3;
				for (size_t p = 0; p < parts; p++) {
					const char *b = wbits[rand() % nwb];
					/* White space only inside a word. */
					if (*b == ' ' &&
					    (p == 0 || p + 1 == parts))
						b = "a";
					strcat(word, b);
				}
			}
			specs[gi].case_sensitive = rand() % 2;
			specs[gi].partial_words = rand() % 3 == 0;
		}
		struct hl_group *g = groups_make(specs, ng);
		char text[256] = "";
		size_t parts = (size_t)rand() % 40;
		for (size_t p = 0; p < parts; p++)
			strcat(text, bits[rand() % nb]);
		char what[64];
		snprintf(what, sizeof what, "round %d", round);
		assert_same_both_ways(g, ng, text, strlen(text), what);
		groups_free(g, ng);
	}
}
