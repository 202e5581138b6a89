/*
 * match.c - keyword groups over article text.
 *
 * A group's words become one regex, an alternation of the words quoted as
 * literals, longest first so that at any position the longest word wins
 * ("Donald Trump" before "Trump").  Each of its patterns is a regex of its
 * own: joining patterns into one alternation would renumber their
 * capture groups (a "\1" in the second would point into the first), let
 * the first alternative win over a longer one, and hide which pattern
 * failed to compile.
 *
 * Words, though, are mostly found without PCRE2: every word of every
 * group that a kwset can take goes into one automaton (kwset.h), which
 * reads the text once whatever the number of words, at hundreds of MB/s
 * where an alternation per group ran at tens.  Its candidates get what
 * the alternation's lookarounds gave: word edges by PCRE2's own \w (the
 * kwset already refused ASCII word characters; a non-ASCII neighbour is
 * asked of a compiled "\w"), and, within a group, at the leftmost start
 * the word that comes first longest-first, the scan going on after it.
 * The words a kwset refuses (ignore-case words with a non-ASCII letter
 * that has a case) stay in a per-group alternation.
 *
 * matcher_find collects the candidates of the kwset and of every enabled
 * regex (each scan resumes where its last match ended), sorts them and
 * keeps, greedily, those that overlap nothing kept before them:
 * O(matches log matches) on top of the scans.
 */
#include "match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kwset.h"
#include "regex.h"
#include "utf8.h"

struct matcher_re {
	struct regex *re;
	int group;
};

struct counting;
static void counting_free(struct counting *c);

struct matcher {
	struct matcher_re *v;
	size_t n;
	size_t cap;
	size_t ngroups;
	struct kwset *kw; /* the words, NULL when none went there */
	size_t *kw_rank;  /* per kwset word: its place longest-first */
	size_t nkw;
	bool *whole;               /* per group: whole words only */
	struct regex *wordch;      /* "\w", for word edges beyond ASCII */
	struct counting *counting; /* matcher_count's buffers, kept */
};

void
match_spans_init(struct match_spans *s)
{
	s->v = NULL;
	s->n = 0;
	s->cap = 0;
}

void
match_spans_fini(struct match_spans *s)
{
	free(s->v);
	match_spans_init(s);
}

void
match_spans_push(struct match_spans *s, size_t start, size_t end, int group)
{
	if (s->n == s->cap)
		xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n].start = start;
	s->v[s->n].end = end;
	s->v[s->n].group = group;
	s->n++;
}

/* True when w has something besides white space: an empty or blank word
 * would match nothing useful (or every space). */
static bool
word_usable(const char *w)
{
	/* Quoted, white space becomes one \s+: blank if nothing else. */
	struct strbuf sb;
	sb_init(&sb);
	regex_quote(w, strlen(w), &sb);
	bool usable = sb.len && strcmp(sb.buf, "\\s+") != 0;
	sb_fini(&sb);
	return usable;
}

struct word_ref {
	const char *w;
	size_t len;
	size_t idx;
};

/* Longest first; equal lengths keep the order of the config. */
static int
word_cmp(const void *a, const void *b)
{
	const struct word_ref *x = a, *y = b;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void
matcher_add(struct matcher *m, struct regex *re, int group)
{
	xgrow(&m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n].re = re;
	m->v[m->n].group = group;
	m->n++;
}

static struct regex *
compile_alternation(const struct word_ref *refs, size_t n, unsigned flags,
                    char **err)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t j = 0; j < n; j++) {
		if (j)
			sb_addch(&sb, '|');
		regex_quote(refs[j].w, strlen(refs[j].w), &sb);
	}
	struct regex *re = regex_new(sb.buf, flags, err);
	sb_fini(&sb);
	return re;
}

/*
 * Compiles group g's words into one regex.  If the alternation does not
 * compile (malformed UTF-8 in a word), each word is tried alone so the
 * diagnostic names it, and the rest are compiled without it.
 */
static void
compile_words(struct matcher *m, const struct hl_group *g, size_t gi,
              struct diag_list *diags)
{
	unsigned flags = (g->ignore_case ? REGEX_CASELESS : 0) |
	                 (g->whole_word ? REGEX_WHOLE_WORD : 0);
	struct word_ref *refs =
	        xcalloc(g->nwords ? g->nwords : 1, sizeof *refs);
	size_t n = 0;
	for (size_t j = 0; j < g->nwords; j++) {
		if (!g->words[j] || !word_usable(g->words[j]))
			continue;
		refs[n].w = g->words[j];
		refs[n].len = strlen(g->words[j]);
		refs[n].idx = j;
		n++;
	}
	qsort(refs, n, sizeof *refs, word_cmp);

	/* Into the automaton what it can take; the rest stays here. */
	if (m->kw) {
		size_t left = 0;
		for (size_t j = 0; j < n; j++) {
			if (kwset_add(m->kw, refs[j].w, g->ignore_case,
			              g->whole_word, (int)gi)) {
				xgrow(&m->kw_rank, &m->nkw, kwset_count(m->kw),
				      sizeof *m->kw_rank);
				m->kw_rank[kwset_count(m->kw) - 1] = j;
			} else {
				refs[left++] = refs[j];
			}
		}
		n = left;
	}

	char *err = NULL;
	struct regex *re = n ? compile_alternation(refs, n, flags, &err) : NULL;
	if (n && !re) {
		/* Find the culprits, report them and drop them. */
		size_t kept = 0;
		for (size_t j = 0; j < n; j++) {
			char *e1 = NULL;
			struct regex *one = regex_new(
			        refs[j].w, flags | REGEX_LITERAL, &e1);
			if (one) {
				regex_free(one);
				refs[kept++] = refs[j];
				continue;
			}
			if (diags)
				diag_add(diags, DIAG_ERROR, NULL, g->line, 0,
				         "highlight[%zu].words[%zu]: %s", gi,
				         refs[j].idx, e1);
			free(e1);
		}
		if (kept < n && kept > 0) {
			free(err);
			err = NULL;
			re = compile_alternation(refs, kept, flags, &err);
		}
		/* Words that are fine alone but not together (too long). */
		if (!re && kept > 0 && diags)
			diag_add(diags, DIAG_ERROR, NULL, g->line, 0,
			         "highlight[%zu].words: %s", gi, err);
	}
	free(err);
	if (re)
		matcher_add(m, re, (int)gi);
	free(refs);
}

struct matcher *
matcher_new(const struct hl_group *groups, size_t n, struct diag_list *diags)
{
	return matcher_new_opts(groups, n, diags, 0);
}

struct matcher *
matcher_new_opts(const struct hl_group *groups, size_t n,
                 struct diag_list *diags, unsigned opts)
{
	struct matcher *m = xcalloc(1, sizeof *m);
	m->ngroups = n;
	m->whole = xcalloc(n ? n : 1, sizeof *m->whole);
	if (!(opts & MATCHER_NO_KWSET))
		m->kw = kwset_new();
	for (size_t i = 0; i < n; i++) {
		const struct hl_group *g = &groups[i];
		m->whole[i] = g->whole_word;
		compile_words(m, g, i, diags);
		unsigned flags = g->ignore_case ? REGEX_CASELESS : 0;
		for (size_t j = 0; j < g->npatterns; j++) {
			char *err = NULL;
			if (!g->patterns[j])
				continue;
			struct regex *re =
			        regex_new(g->patterns[j], flags, &err);
			if (re) {
				matcher_add(m, re, (int)i);
				continue;
			}
			if (diags)
				diag_add(diags, DIAG_ERROR, NULL, g->line, 0,
				         "highlight[%zu].patterns[%zu]: %s", i,
				         j, err);
			free(err);
		}
	}
	if (m->kw && kwset_count(m->kw)) {
		kwset_compile(m->kw);
		m->wordch = regex_new("\\w", 0, NULL);
	} else {
		kwset_free(m->kw);
		m->kw = NULL;
	}
	return m;
}

void
matcher_free(struct matcher *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		regex_free(m->v[i].re);
	free(m->v);
	kwset_free(m->kw);
	free(m->kw_rank);
	free(m->whole);
	regex_free(m->wordch);
	counting_free(m->counting);
	free(m);
}

size_t
matcher_groups(const struct matcher *m)
{
	return m->ngroups;
}

/* Earliest start, then longest, then the group that comes first. */
static int
span_cmp(const void *a, const void *b)
{
	const struct match_span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return (x->group > y->group) - (x->group < y->group);
}

/*
 * The patterns' budget over one text, started lazily: the clock is read
 * from the LAZY_FINDS-th find on, not for each of the many short blocks
 * where the patterns find a match or two (each find is bounded by
 * PCRE2's own limits meanwhile).
 */
#define LAZY_FINDS 8

struct lazy_budget {
	struct regex_budget b; /* deadline 0 until started */
	unsigned finds;
};

/*
 * Appends every non-empty match of re in text[0..len) to cand.  Returns
 * false if the scan stopped early on a limit or an error.  Empty matches
 * highlight nothing: they are skipped by one character (one byte of
 * malformed UTF-8) so the scan always moves forward.
 */
static bool
scan(const struct regex *re, int group, const char *text, size_t len,
     struct match_spans *cand, struct lazy_budget *budget)
{
	size_t pos = 0, s, e;
	while (pos <= len) {
		if (++budget->finds == LAZY_FINDS)
			regex_budget_start(&budget->b, MATCHER_BUDGET_MS);
		enum regex_result r =
		        regex_find_in(re, text, len, pos, &s, &e, &budget->b);
		if (r == REGEX_NOMATCH)
			return true;
		if (r != REGEX_MATCH)
			return false;
		if (e > s) {
			match_spans_push(cand, s, e, group);
			pos = e;
			continue;
		}
		if (e >= len)
			return true;
		uint32_t c;
		pos = e + utf8_decode(text + e, len - e, &c);
	}
	return true;
}

/* A kwset candidate: a span and the place of its word longest-first. */
struct kw_cand {
	size_t start, end, rank;
	int group;
};

struct kw_ctx {
	const struct matcher *m;
	const char *text;
	size_t len;
	const bool *enabled;
	struct kw_cand *v;
	size_t n, cap;
};

/* Whether the character c is one of PCRE2's \w (letters, digits and
 * underscore of any script; invalid UTF-8 is none). */
static bool
word_char(const struct matcher *m, uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		       (c >= '0' && c <= '9') || c == '_';
	if (c == UTF8_REPLACEMENT || !m->wordch)
		return false;
	char buf[4];
	size_t n = utf8_encode(c, buf), s, e;
	return regex_find(m->wordch, buf, n, 0, &s, &e) == REGEX_MATCH;
}

static bool
kw_hit(void *ctx, size_t start, size_t end, int group, size_t word)
{
	struct kw_ctx *k = ctx;
	if (k->enabled && !k->enabled[group])
		return true;
	if (k->m->whole[group]) {
		/* A word character beside the match ends it being a whole
		 * word, unless that side is written without spaces (CJK).
		 * An ASCII neighbour the kwset has judged already. */
		uint32_t c, edge;
		if (start > 0 && (unsigned char)k->text[start - 1] >= 0x80) {
			utf8_decode_before(k->text, start, &c);
			utf8_decode(k->text + start, end - start, &edge);
			if (word_char(k->m, c) && !utf8_is_cjk(c) &&
			    !utf8_is_cjk(edge))
				return true;
		}
		if (end < k->len && (unsigned char)k->text[end] >= 0x80) {
			utf8_decode(k->text + end, k->len - end, &c);
			utf8_decode_before(k->text, end, &edge);
			if (word_char(k->m, c) && !utf8_is_cjk(c) &&
			    !utf8_is_cjk(edge))
				return true;
		}
	}
	if (k->n == k->cap)
		xgrow(&k->v, &k->cap, k->n + 1, sizeof *k->v);
	k->v[k->n++] = (struct kw_cand){start, end, k->m->kw_rank[word], group};
	return true;
}

/*
 * Sorts v[0..n), elements of size bytes (32 at most), when they are
 * nearly in order already: by insertion, each out of place moved back to
 * its place, or by qsort once that has moved too much.
 */
static inline void
sort_nearly(void *v, size_t n, size_t size,
            int (*cmp)(const void *, const void *))
{
	unsigned char *a = v, tmp[32];
	size_t moves = 0, budget = 16 * n + 64;
	if (size > sizeof tmp) {
		qsort(v, n, size, cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		if (cmp(a + (i - 1) * size, a + i * size) <= 0)
			continue;
		memcpy(tmp, a + i * size, size);
		size_t j = i - 1;
		while (j > 0 && cmp(a + (j - 1) * size, tmp) > 0)
			j--;
		memmove(a + (j + 1) * size, a + j * size, (i - j) * size);
		memcpy(a + j * size, tmp, size);
		moves += i - j;
		if (moves > budget) {
			qsort(v, n, size, cmp);
			return;
		}
	}
}

/* Candidates by place, then the word that comes first in its group. */
static int
kw_cand_cmp(const void *a, const void *b)
{
	const struct kw_cand *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->group > y->group) - (x->group < y->group);
}

/* Every kwset candidate in text[0..len), sorted by kw_cand_cmp, into k
 * (its array reused: zero k before the first time, free k->v after). */
static void
kw_collect(const struct matcher *m, const char *text, size_t len,
           const bool *enabled, struct kw_ctx *k)
{
	*k = (struct kw_ctx){.m = m,
	                     .text = text,
	                     .len = len,
	                     .enabled = enabled,
	                     .v = k->v,
	                     .cap = k->cap};
	if (!m->kw)
		return;
	kwset_find(m->kw, text, len, kw_hit, k);
	/* They come in order of where they end: nearly in order of start. */
	sort_nearly(k->v, k->n, sizeof *k->v, kw_cand_cmp);
}

/*
 * The words' matches in [from, to), as each group's alternation would
 * scan them: from the candidates at k->v[*at..], the leftmost of each
 * group, then the next that starts at or after its end (kept[g]: the end
 * of group g's last match kept).  A candidate that runs past to is not
 * one.  Appended to cand less from; *at moves past the range.
 */
static void
kw_take(const struct kw_ctx *k, size_t *at, size_t from, size_t to,
        size_t *kept, struct match_spans *cand)
{
	size_t c = *at;
	while (c < k->n && k->v[c].start < from)
		c++; /* between blocks */
	for (; c < k->n && k->v[c].start < to; c++) {
		const struct kw_cand *v = &k->v[c];
		if (v->end > to || v->start < kept[v->group])
			continue;
		match_spans_push(cand, v->start - from, v->end - from,
		                 v->group);
		kept[v->group] = v->end;
	}
	*at = c;
}

/*
 * The matches in text[0..len) appended to out shifted by base: cand holds
 * the words' already (offsets in text), the enabled patterns add theirs,
 * and of them all, sorted, those that overlap nothing kept before are
 * kept (or, out NULL, counted in counts[group]).  cand is left empty.
 */
static bool
find_in(const struct matcher *m, const char *text, size_t len, size_t base,
        const bool *enabled, struct match_spans *cand, struct match_spans *out,
        size_t *counts)
{
	bool complete = true;
	if (m->n > 0) {
		/* One budget for every pattern over this text. */
		struct lazy_budget budget = {{0}, 0};
		for (size_t i = 0; i < m->n; i++) {
			int g = m->v[i].group;
			if (enabled && !enabled[g])
				continue;
			if (!scan(m->v[i].re, g, text, len, cand, &budget))
				complete = false;
		}
	}
	/* The words' spans come in order, the patterns' after them. */
	sort_nearly(cand->v, cand->n, sizeof *cand->v, span_cmp);
	/* Sorted by start, a candidate overlaps something kept exactly
	 * when it starts before the end of the last one kept. */
	size_t kept_end = 0;
	bool any = false;
	for (size_t i = 0; i < cand->n; i++) {
		const struct match_span *c = &cand->v[i];
		if (any && c->start < kept_end)
			continue;
		if (out)
			match_spans_push(out, c->start + base, c->end + base,
			                 c->group);
		else
			counts[c->group]++;
		kept_end = c->end;
		any = true;
	}
	cand->n = 0;
	return complete;
}

/* The buffers of a scan: the words' candidates, each group's last kept
 * end, the spans to sort (reused run to run of blocks). */
struct run_scan {
	struct kw_ctx k;
	size_t *kept; /* per group */
	size_t ng;
	struct match_spans cand;
};

static void
run_scan_init(struct run_scan *rs, const struct matcher *m)
{
	rs->k = (struct kw_ctx){0};
	rs->ng = m->ngroups ? m->ngroups : 1;
	rs->kept = xcalloc(rs->ng, sizeof *rs->kept);
	match_spans_init(&rs->cand);
}

static void
run_scan_fini(struct run_scan *rs)
{
	match_spans_fini(&rs->cand);
	free(rs->kept);
	free(rs->k.v);
}

bool
matcher_find(const struct matcher *m, const char *text, size_t len, size_t base,
             const bool *enabled, struct match_spans *out)
{
	struct run_scan rs;
	run_scan_init(&rs, m);
	kw_collect(m, text, len, enabled, &rs.k);
	size_t at = 0;
	kw_take(&rs.k, &at, 0, len, rs.kept, &rs.cand);
	bool complete =
	        find_in(m, text, len, base, enabled, &rs.cand, out, NULL);
	run_scan_fini(&rs);
	return complete;
}

/* Blocks are taken together up to this many bytes (or one bigger block):
 * the candidates held at once stay few whatever the body's size. */
#define BLOCKS_CHUNK (256 * 1024)

/*
 * The words are found in one scan of a run of blocks (a long text keeps
 * the kwset's eight parts busy, a paragraph does not), each block then
 * taking the candidates that lie in it: the same as a scan per block,
 * since a candidate's word edges there are a block's edges or the white
 * space between blocks, and one that runs from a block into the next is
 * dropped.  The patterns still run block by block.  Blocks v[0..n) of
 * body; their matches appended to out (out NULL: counted, as find_in).
 */
static bool
find_runs(const struct matcher *m, const char *body, const struct block *v,
          size_t n, const bool *enabled, struct run_scan *rs,
          struct match_spans *out, size_t *counts)
{
	bool complete = true;
	for (size_t b0 = 0, b1; b0 < n; b0 = b1) {
		size_t lo = v[b0].start;
		for (b1 = b0 + 1;
		     b1 < n && v[b1].start + v[b1].len - lo <= BLOCKS_CHUNK;
		     b1++)
			;
		size_t hi = v[b1 - 1].start + v[b1 - 1].len;
		kw_collect(m, body + lo, hi - lo, enabled, &rs->k);
		/* offsets from lo now */
		memset(rs->kept, 0, rs->ng * sizeof *rs->kept);
		size_t at = 0;
		for (size_t b = b0; b < b1; b++) {
			const struct block *bl = &v[b];
			kw_take(&rs->k, &at, bl->start - lo,
			        bl->start - lo + bl->len, rs->kept, &rs->cand);
			complete &=
			        find_in(m, body + bl->start, bl->len, bl->start,
			                enabled, &rs->cand, out, counts);
		}
	}
	return complete;
}

bool
matcher_find_blocks(const struct matcher *m, const char *body,
                    const struct block *v, size_t n, const bool *enabled,
                    struct match_spans *out)
{
	struct run_scan rs;
	run_scan_init(&rs, m);
	bool complete = find_runs(m, body, v, n, enabled, &rs, out, NULL);
	run_scan_fini(&rs);
	return complete;
}

/* matcher_count's buffers: kept by the matcher from call to call, so
 * that counting article after article allocates (and faults in) nothing
 * again. */
struct counting {
	struct run_scan rs;
	struct doc d;
};

static void
counting_free(struct counting *c)
{
	if (!c)
		return;
	run_scan_fini(&c->rs);
	doc_fini(&c->d);
	free(c);
}

bool
matcher_count(struct matcher *m, const char *body, size_t len,
              const bool *enabled, size_t *counts)
{
	for (size_t g = 0; g < m->ngroups; g++)
		counts[g] = 0;
	if (!m->counting) {
		m->counting = xcalloc(1, sizeof *m->counting);
		run_scan_init(&m->counting->rs, m);
		doc_init(&m->counting->d);
	}
	struct run_scan *rs = &m->counting->rs;
	struct doc *d = &m->counting->d;
	doc_begin(d, body, len);
	bool complete = true, done = len == 0;
	while (!done) {
		done = doc_more(d, BLOCKS_CHUNK);
		complete &= find_runs(m, body, d->v, d->n, enabled, rs, NULL,
		                      counts);
		doc_drop(d);
	}
	return complete;
}

char *
match_check_pattern(const char *pattern)
{
	char *err = NULL;
	struct regex *re = regex_new(pattern, REGEX_CASELESS, &err);
	regex_free(re);
	return err;
}
