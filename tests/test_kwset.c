/* test_kwset.c - many literal words in one pass. */
#include "kwset.h"

#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "util.h"

static void
init(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(kwset, .init = init);

/* Every hit as "start-end:id", sorted, space-separated. */
struct hits {
	char buf[4096];
	char *v[256];
	size_t n;
};

static bool
collect(void *ctx, size_t start, size_t end, int id, size_t word)
{
	struct hits *h = ctx;
	(void)word;
	cr_assert_lt(h->n, 256);
	h->v[h->n++] = xasprintf("%zu-%zu:%d", start, end, id);
	return true;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *
found(struct kwset *k, const char *text, struct hits *h)
{
	h->n = 0;
	kwset_find(k, text, strlen(text), collect, h);
	qsort(h->v, h->n, sizeof *h->v, str_cmp);
	h->buf[0] = '\0';
	for (size_t i = 0; i < h->n; i++) {
		if (i)
			strcat(h->buf, " ");
		strcat(h->buf, h->v[i]);
		free(h->v[i]);
	}
	return h->buf;
}

Test(kwset, overlapping_words_all_found)
{
	struct kwset *k = kwset_new();
	cr_assert(kwset_add(k, "Trump", true, false, 1));
	cr_assert(kwset_add(k, "Donald Trump", true, false, 2));
	cr_assert(kwset_add(k, "rum", true, false, 3));
	kwset_compile(k);
	struct hits h;
	cr_expect_str_eq(found(k, "Donald Trump said", &h),
	                 "0-12:2 7-12:1 8-11:3");
	cr_expect_str_eq(found(k, "DONALD\n   TRUMP", &h),
	                 "0-15:2 10-15:1 11-14:3");
	cr_expect_str_eq(found(k, "nothing here", &h), "");
	kwset_free(k);
}

Test(kwset, case_as_each_word_says)
{
	struct kwset *k = kwset_new();
	cr_assert(kwset_add(k, "ICO", false, false, 1));
	cr_assert(kwset_add(k, "huawei", true, false, 2));
	kwset_compile(k);
	struct hits h;
	cr_expect_str_eq(found(k, "ICO ico Ico HUAWEI Huawei", &h),
	                 "0-3:1 12-18:2 19-25:2");
	kwset_free(k);
}

Test(kwset, whole_words_refuse_ascii_word_neighbours)
{
	struct kwset *k = kwset_new();
	cr_assert(kwset_add(k, "us", true, true, 1));
	kwset_compile(k);
	struct hits h;
	cr_expect_str_eq(found(k, "because US us_ 9us us.", &h),
	                 "19-21:1 8-10:1");
	/* Not ASCII around it: for the caller to decide. */
	cr_expect_str_eq(found(k, "\xc3\xa9us", &h), "2-4:1");
	kwset_free(k);
}

Test(kwset, white_space_matches_any_run)
{
	struct kwset *k = kwset_new();
	cr_assert(kwset_add(k, "United  States", true, false, 1));
	kwset_compile(k);
	struct hits h;
	/* One space, a newline and spaces, a no-break space, a tab. */
	cr_expect_str_eq(found(k, "United States", &h), "0-13:1");
	cr_expect_str_eq(found(k, "the United\n   States.", &h), "4-20:1");
	cr_expect_str_eq(found(k, "United\xc2\xa0States", &h), "0-14:1");
	cr_expect_str_eq(found(k, "United\tStates", &h), "0-13:1");
	cr_expect_str_eq(found(k, "UnitedStates United", &h), "");
	kwset_free(k);
}

Test(kwset, cjk_words_inside_cjk_text)
{
	struct kwset *k = kwset_new();
	cr_assert(kwset_add(k, "\xe5\x8d\x8e\xe4\xb8\xba", true, false,
	                    1)); /* 华为 */
	kwset_compile(k);
	struct hits h;
	cr_expect_str_eq(
	        found(k, "\xe5\x8d\x8e\xe4\xb8\xba\xe5\x85\xac\xe5\x8f\xb8",
	              &h),
	        "0-6:1");
	kwset_free(k);
}

Test(kwset, words_it_cannot_take_are_refused)
{
	struct kwset *k = kwset_new();
	cr_expect(!kwset_add(k, "", true, false, 1));
	cr_expect(!kwset_add(k, " lead", true, false, 1));
	cr_expect(!kwset_add(k, "trail ", true, false, 1));
	cr_expect(!kwset_add(k, "bad\xff", false, false, 1));
	cr_expect(!kwset_add(k, "M\xc3\xbcnchen", true, false,
	                     1)); /* ü has a case */
	cr_expect(kwset_add(k, "M\xc3\xbcnchen", false, false, 1));
	cr_expect(kwset_add(k, "\xe5\x8d\x8e\xe4\xb8\xba", true, false, 1));
	cr_expect_eq(kwset_count(k), 2);
	kwset_compile(k);
	cr_expect(!kwset_add(k, "late", true, false, 1));
	kwset_free(k);
}

Test(kwset, nothing_added_finds_nothing)
{
	struct kwset *k = kwset_new();
	kwset_compile(k);
	struct hits h;
	cr_expect_str_eq(found(k, "anything", &h), "");
	kwset_free(k);
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static bool
is_sp(char c)
{
	return c == ' ' || c == '\n';
}

/* Whether word matches text at s (white space runs match runs), and
 * where the match ends. */
static bool
naive_at(const char *word, bool icase, const char *text, size_t tl, size_t s,
         size_t *end)
{
	size_t p = s, q = 0, wl = strlen(word);
	while (q < wl) {
		if (is_sp(word[q])) {
			if (p >= tl || !is_sp(text[p]))
				return false;
			while (q < wl && is_sp(word[q]))
				q++;
			while (p < tl && is_sp(text[p]))
				p++;
			continue;
		}
		if (p >= tl)
			return false;
		char a = word[q], b = text[p];
		if (icase ? lower(a) != lower(b) : a != b)
			return false;
		p++;
		q++;
	}
	*end = p;
	return true;
}

/* The automaton against the obvious: every word tried at every place. */
Test(kwset, agrees_with_trying_every_word_everywhere)
{
	srand(12345);
	static const char letters[] = "abAB-";
	static const char text_chars[] = "abAB \n-";
	for (int round = 0; round < 500; round++) {
		struct kwset *k = kwset_new();
		char words[12][8];
		bool icase[12], whole[12];
		size_t nw = 1 + (size_t)rand() % 12;
		for (size_t i = 0; i < nw; i++) {
			size_t l = 1 + (size_t)rand() % 6;
			for (size_t j = 0; j < l; j++) {
				bool inner = j > 0 && j + 1 < l;
				words[i][j] =
				        inner && rand() % 4 == 0
				                ? (rand() % 2 ? ' ' : '\n')
				                : letters[rand() % 5];
			}
			words[i][l] = '\0';
			icase[i] = rand() % 2;
			whole[i] = rand() % 3 == 0;
			cr_assert(kwset_add(k, words[i], icase[i], whole[i],
			                    (int)i),
			          "%s", words[i]);
		}
		kwset_compile(k);
		char text[64];
		size_t tl = (size_t)rand() % 60;
		for (size_t j = 0; j < tl; j++)
			text[j] = text_chars[rand() % 7];
		text[tl] = '\0';
		struct hits h;
		char got[4096];
		strcpy(got, found(k, text, &h));
		h.n = 0;
		for (size_t s = 0; s < tl; s++)
			for (size_t i = 0; i < nw; i++) {
				size_t e;
				if (!naive_at(words[i], icase[i], text, tl, s,
				              &e))
					continue;
				if (whole[i] &&
				    ((s > 0 &&
				      isalnum((unsigned char)text[s - 1])) ||
				     (e < tl &&
				      isalnum((unsigned char)text[e]))))
					continue;
				collect(&h, s, e, (int)i, i);
			}
		qsort(h.v, h.n, sizeof *h.v, str_cmp);
		char want[4096] = "";
		for (size_t i = 0; i < h.n; i++) {
			if (i)
				strcat(want, " ");
			strcat(want, h.v[i]);
			free(h.v[i]);
		}
		char desc[512] = "";
		for (size_t i = 0; i < nw; i++)
			sprintf(desc + strlen(desc), " [%s]%s%s", words[i],
			        icase[i] ? "i" : "", whole[i] ? "w" : "");
		cr_assert_str_eq(
		        got, want,
		        "round %d, text \"%s\", words%s: got %s, want %s",
		        round, text, desc, got, want);
		kwset_free(k);
	}
}

/* Long texts are scanned in four parts side by side: a word across a
 * border between parts is found once, like any other. */
struct triple {
	size_t start, end;
	int id;
};

struct triples {
	struct triple *v;
	size_t n, cap;
};

static bool
keep(void *ctx, size_t start, size_t end, int id, size_t word)
{
	struct triples *t = ctx;
	(void)word;
	xgrow(&t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n++] = (struct triple){start, end, id};
	return true;
}

static int
triple_cmp(const void *a, const void *b)
{
	const struct triple *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Every hit in random texts of the lengths given, against the obvious:
 * the same hits, in order of where they end.  words[0..nwords), the odd
 * ones ignoring case; texts of the alphabet's bytes. */
static void
texts_of(const char *alphabet, const char *const *words, size_t nwords,
         const size_t *lens, size_t nlens)
{
	size_t na = strlen(alphabet);
	srand(777);
	struct kwset *k = kwset_new();
	for (size_t i = 0; i < nwords; i++)
		cr_assert(kwset_add(k, words[i], i % 2, false, (int)i));
	kwset_compile(k);
	for (size_t round = 0; round < nlens; round++) {
		size_t len = lens[round];
		char *text = xmalloc(len);
		for (size_t i = 0; i < len; i++)
			text[i] = alphabet[(size_t)rand() % na];
		struct triples fast = {0}, slow = {0};
		kwset_find(k, text, len, keep, &fast);
		/* In order of where they end, as one part would give them. */
		for (size_t i = 1; i < fast.n; i++)
			cr_assert_geq(fast.v[i].end, fast.v[i - 1].end,
			              "round %zu, hit %zu ends before the last",
			              round, i);
		/* The obvious way, one position at a time. */
		for (size_t s = 0; s < len; s++)
			for (size_t i = 0; i < nwords; i++) {
				size_t e;
				if (naive_at(words[i], i % 2, text, len, s, &e))
					keep(&slow, s, e, (int)i, i);
			}
		qsort(fast.v, fast.n, sizeof *fast.v, triple_cmp);
		qsort(slow.v, slow.n, sizeof *slow.v, triple_cmp);
		cr_assert_eq(fast.n, slow.n, "round %zu: %zu hits, want %zu",
		             round, fast.n, slow.n);
		for (size_t i = 0; i < fast.n; i++)
			cr_assert_eq(triple_cmp(&fast.v[i], &slow.v[i]), 0,
			             "round %zu, hit %zu", round, i);
		free(fast.v);
		free(slow.v);
		free(text);
	}
	kwset_free(k);
}

static void
texts_with(const char *const *words, size_t nwords, const size_t *lens,
           size_t nlens)
{
	texts_of("abcB ", words, nwords, lens, nlens);
}

static void
long_texts(const size_t *lens, size_t nlens)
{
	static const char *const words[] = {"abcab", "ba",         "cabbac",
	                                    "a b c", "bbbbbbbbbb", "c"};
	texts_with(words, sizeof words / sizeof words[0], lens, nlens);
}

Test(kwset, long_texts_find_what_short_ones_do)
{
	size_t lens[20];
	srand(778);
	for (size_t i = 0; i < 20; i++)
		lens[i] = 512 + (size_t)rand() % 40000;
	long_texts(lens, 20);
}

/* Past 256 KB the text is scanned a window at a time (kwset.c WINDOW):
 * words across a window's border, and a last window of a byte or of
 * less than four parts' worth, found as elsewhere. */
Test(kwset, texts_longer_than_a_window)
{
	static const size_t w = 256 * 1024;
	static const size_t lens[] = {w,       w + 1,        w + 3,
	                              w + 700, 2 * w + 5000, 3 * w - 1};
	long_texts(lens, sizeof lens / sizeof lens[0]);
}

/* Past 2,048 states the automaton takes its compact table (kwset.c
 * WIDE_STATES): 300 words of 12 letters make some 3,000. */
Test(kwset, many_words_find_what_few_do)
{
	enum { NW = 300 };
	static char buf[NW][13];
	const char *words[NW];
	srand(4242);
	for (size_t i = 0; i < NW; i++) {
		for (size_t j = 0; j < 12; j++)
			buf[i][j] = "abcB"[rand() % 4];
		buf[i][12] = '\0';
		words[i] = buf[i];
	}
	/* Short words too, so that the random text has hits. */
	words[0] = "ab";
	words[1] = "cab";
	words[2] = "a b";
	static const size_t lens[] = {100, 5000, 300 * 1024};
	texts_with(words, NW, lens, sizeof lens / sizeof lens[0]);
}

/* A word longer than a part's share of a short text: one part then; in
 * a longer text the parts start that much before their share. */
Test(kwset, words_longer_than_a_part)
{
	static char a150[151], a40[41];
	memset(a150, 'a', 150);
	memset(a40, 'A', 40);
	const char *words[] = {a150, a40, "ab", "ba"};
	static const size_t lens[] = {1100, 1500, 5000, 300 * 1024};
	texts_of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
	         words, 4, lens, sizeof lens / sizeof lens[0]);
}
