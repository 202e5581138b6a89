/* search.c - the search in the open article. */
#include "search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

void
search_init(struct search *s)
{
	memset(s, 0, sizeof *s);
	match_spans_init(&s->spans);
	match_spans_init(&s->before);
	s->cur = SIZE_MAX;
	s->phase = SEARCH_DONE;
}

void
search_clear(struct search *s)
{
	free(s->query);
	free(s->error);
	regex_free(s->re);
	kwset_free(s->kw);
	s->query = s->error = NULL;
	s->re = NULL;
	s->kw = NULL;
	s->spans.n = 0;
	s->before.n = 0;
	s->cur = SIZE_MAX;
	s->wrapped = s->limited = false;
	s->phase = SEARCH_DONE;
	s->text = NULL;
	s->len = 0;
}

void
search_fini(struct search *s)
{
	search_clear(s);
	match_spans_fini(&s->spans);
	match_spans_fini(&s->before);
}

/*
 * A kwset for query when it is literal words joined by '|' ("Huawei|ZTE|
 * 5G"): PCRE2 tries such an alternation word by word at each byte (tens
 * of MB/s), a kwset reads the text once.  Only where the two agree
 * exactly: printable ASCII words without regex syntax or spaces, and,
 * when the regex ignores case, none with a k or an s, which Unicode case
 * folding matches to the Kelvin sign and the long s.  NULL otherwise.
 */
static struct kwset *
literal_words(const char *q, bool caseless, size_t *maxlen)
{
	if (!strchr(q, '|'))
		return NULL;
	for (const char *p = q; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c >= 0x7f || strchr("\\^$.?*+()[]{}#", c))
			return NULL;
		if (caseless && strchr("kKsS", c))
			return NULL;
	}
	struct kwset *k = kwset_new();
	size_t start = 0, id = 0, max = 0;
	for (size_t i = 0;; i++) {
		if (q[i] != '|' && q[i])
			continue;
		char *w = xstrndup(q + start, i - start);
		bool ok = i > start &&
		          kwset_add(k, w, caseless, false, (int)id++);
		free(w);
		if (!ok) {
			kwset_free(k);
			return NULL;
		}
		if (i - start > max)
			max = i - start;
		if (!q[i])
			break;
		start = i + 1;
	}
	kwset_compile(k);
	*maxlen = max;
	return k;
}

int
search_set(struct search *s, const char *query, bool backward)
{
	search_clear(s);
	s->query = xstrdup(query);
	s->backward = backward;
	if (!*query)
		return 0;
	char *err = NULL;
	s->re = regex_new(query, REGEX_SMART_CASE | REGEX_SLICED, &err);
	if (!s->re) {
		s->error = xasprintf("bad pattern: %s", err ? err : "?");
		free(err);
		return -1;
	}
	s->kw = literal_words(query, regex_caseless(s->re), &s->kw_max);
	return 0;
}

void
search_begin(struct search *s, const char *text, size_t len, size_t origin)
{
	s->spans.n = 0;
	s->before.n = 0;
	s->cur = SIZE_MAX;
	s->wrapped = s->limited = false;
	s->text = text;
	s->len = len;
	s->spent_ns = 0;
	s->origin = s->next = origin < len ? origin : len;
	s->into_before = false;
	s->phase = s->re ? SEARCH_AFTER : SEARCH_DONE;
}

bool
search_done(const struct search *s)
{
	return s->phase == SEARCH_DONE;
}

size_t
search_count(const struct search *s)
{
	return s->spans.n + s->before.n;
}

/* Where a search goes on after an empty match at a: past its character
 * (past the end, at the end). */
static size_t
past_empty(const struct search *s, size_t a)
{
	uint32_t cp;
	return a < s->len ? a + utf8_decode(s->text + a, s->len - a, &cp)
	                  : s->len + 1;
}

/*
 * Where the matches from the top run past origin (a match across it),
 * those found from origin may not be the ones one search finds: from q,
 * where that search goes on, they are found again until one is the same
 * (then the rest are too).
 */
static void
resync(struct search *s, size_t q, const struct regex_budget *budget)
{
	struct match_spans *m = &s->spans;
	size_t cur_at = s->cur != SIZE_MAX ? m->v[s->cur].start : SIZE_MAX;
	struct match_spans fresh;
	match_spans_init(&fresh);
	size_t k = 0, from = q;
	for (;;) {
		while (k < m->n && m->v[k].start < from)
			k++; /* inside a match of the one search: not its */
		size_t a, b;
		if (from > s->len ||
		    regex_find_in(s->re, s->text, s->len, from, &a, &b,
		                  budget) != REGEX_MATCH) {
			k = m->n;
			break;
		}
		if (k < m->n && m->v[k].start == a && m->v[k].end == b)
			break; /* in step again */
		if (b > a) {
			match_spans_push(&fresh, a, b, -1);
			from = b;
		} else {
			from = past_empty(s, a);
		}
	}
	size_t rest = m->n - k;
	if (rest) {
		xgrow(&fresh.v, &fresh.cap, fresh.n + rest, sizeof *fresh.v);
		memcpy(fresh.v + fresh.n, m->v + k, rest * sizeof *m->v);
		fresh.n += rest;
	}
	match_spans_fini(m);
	*m = fresh;
	if (cur_at != SIZE_MAX) {
		size_t i = 0;
		while (i + 1 < m->n && m->v[i].start < cur_at)
			i++;
		s->cur = m->n ? i : SIZE_MAX;
	}
}

/* The matches before origin go in front of the others. */
static void
join_before(struct search *s, const struct regex_budget *budget)
{
	if (!s->limited && s->phase == SEARCH_BEFORE && s->next > s->origin &&
	    s->into_before)
		resync(s, s->next, budget);
	size_t k = s->before.n;
	if (!k)
		return;
	xgrow(&s->spans.v, &s->spans.cap, s->spans.n + k, sizeof *s->spans.v);
	memmove(s->spans.v + k, s->spans.v, s->spans.n * sizeof *s->spans.v);
	memcpy(s->spans.v, s->before.v, k * sizeof *s->spans.v);
	s->spans.n += k;
	s->before.n = 0;
	if (s->cur != SIZE_MAX)
		s->cur += k;
}

/* To the next phase: from the top to origin, or done. */
static void
next_phase(struct search *s, const struct regex_budget *budget)
{
	if (s->phase == SEARCH_AFTER && s->origin > 0) {
		s->phase = SEARCH_BEFORE;
		s->next = 0;
		s->into_before = s->spans.n > 0;
		return;
	}
	join_before(s, budget);
	s->phase = SEARCH_DONE;
}

/* The text a kwset looks through at once, in bytes. */
#define KW_CHUNK (64 * 1024)

/* The occurrences of the words, any of them, overlapping. */
struct occ {
	size_t start, end;
	int id;
};
struct occs {
	struct occ *v;
	size_t n, cap, last; /* last: the latest start wanted */
};

static bool
note_occ(void *ctx, size_t start, size_t end, int id, size_t word)
{
	(void)word;
	struct occs *o = ctx;
	if (start <= o->last) {
		xgrow(&o->v, &o->cap, o->n + 1, sizeof *o->v);
		o->v[o->n++] = (struct occ){start, end, id};
	}
	return true;
}

static int
occ_cmp(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/*
 * search_slice for a query of literal words: the occurrences of every
 * word starting from s->next to end, then PCRE2's choice among them: at
 * the leftmost start the first word of the query that is there, the
 * search going on from its end.
 */
static size_t
kw_slice(struct search *s, size_t end, size_t max)
{
	struct match_spans *into = s->into_before ? &s->before : &s->spans;
	/* A chunk at a time: every occurrence of every word is noted (and
	 * sorted), so not of a whole text at once, and of less for fewer
	 * matches wanted (search_more calls again). */
	size_t chunk = max >= KW_CHUNK / 64 ? KW_CHUNK
	               : max < 16           ? 1024
	                                    : max * 64;
	if (end - s->next >= chunk)
		end = s->next + chunk - 1;
	size_t from = s->next, to = end + s->kw_max;
	if (to > s->len)
		to = s->len;
	struct occs o = {NULL, 0, 0, end - from};
	kwset_find(s->kw, s->text + from, to - from, note_occ, &o);
	if (o.n > 1)
		qsort(o.v, o.n, sizeof *o.v, occ_cmp);
	size_t pos = 0, found = 0;
	for (size_t i = 0; i < o.n && found < max; i++) {
		if (o.v[i].start < pos)
			continue;
		match_spans_push(into, from + o.v[i].start, from + o.v[i].end,
		                 -1);
		pos = o.v[i].end;
		found++;
	}
	free(o.v);
	s->next = found == max           ? from + pos
	          : from + pos > end + 1 ? from + pos
	                                 : end + 1;
	return found;
}

/*
 * Finds the matches starting from s->next to byte end (included), at
 * most max of them; returns how many, and moves s->next past end when
 * there are no more there.  A match found past end (the regex looked
 * further) is kept if it starts by stop, the phase's last byte.
 */
static size_t
search_slice(struct search *s, size_t end, size_t stop, size_t max,
             const struct regex_budget *budget)
{
	if (s->kw)
		return kw_slice(s, end, max);
	struct match_spans *into = s->into_before ? &s->before : &s->spans;
	/* Without JIT the limit is not applied: a find looks to the end of
	 * the text, and says so for the rest of the phase. */
	bool bounded = regex_bounds_slices(s->re);
	size_t found = 0;
	while (s->next <= end && found < max) {
		size_t a, b;
		enum regex_result r = regex_find_upto(
		        s->re, s->text, s->len, s->next, end, &a, &b, budget);
		if (r == REGEX_LIMIT) {
			s->limited = true;
			break;
		}
		if (r != REGEX_MATCH) {
			s->next = bounded ? end + 1 : stop + 1;
			break;
		}
		if (a > stop) { /* none before the phase's end */
			s->next = stop + 1;
			break;
		}
		if (b > a) {
			match_spans_push(into, a, b, -1);
			found++;
			s->next = b;
		} else {
			s->next = past_empty(s, a);
		}
	}
	return found;
}

bool
search_more(struct search *s, size_t bytes, size_t max)
{
	if (s->phase == SEARCH_DONE)
		return true;
	long long t0 = clock_mono_ns();
	long long left_ms =
	        SEARCH_BUDGET_MS - s->spent_ns / 1000000LL; /* >= 1 below */
	struct regex_budget budget;
	regex_budget_start(&budget, left_ms > 0 ? (int)left_ms : 1);
	while (s->phase != SEARCH_DONE && bytes > 0 && max > 0) {
		/* The last byte a match may start at in this phase. */
		size_t stop = s->phase == SEARCH_AFTER ? s->len : s->origin - 1;
		size_t end = bytes >= stop - s->next ? stop : s->next + bytes;
		/* Slices end between characters: the next starts on one. */
		while (end < stop && end + 1 < s->len &&
		       ((unsigned char)s->text[end + 1] & 0xC0) == 0x80)
			end++;
		size_t from = s->next;
		size_t found = search_slice(s, end, stop, max, &budget);
		max -= found;
		size_t done = s->next > from ? s->next - from : 1;
		bytes = done >= bytes ? 0 : bytes - done;
		if (s->limited) {
			/* A runaway pattern: what was found is kept. */
			join_before(s, &budget);
			s->phase = SEARCH_DONE;
		} else if (s->next > stop) {
			next_phase(s, &budget);
		}
	}
	s->spent_ns += clock_mono_ns() - t0;
	return s->phase == SEARCH_DONE;
}

void
search_finish(struct search *s)
{
	while (!search_more(s, SIZE_MAX, SIZE_MAX))
		;
}

void
search_run(struct search *s, const char *text, size_t len)
{
	search_begin(s, text, len, 0);
	search_finish(s);
}

void
search_start(struct search *s, const char *text, size_t len, size_t origin)
{
	search_begin(s, text, len, origin);
	search_more(s, SIZE_MAX, 1);
	if (s->spans.n) {
		s->cur = 0;
		/* Found on the way round from the top: only when nothing
		 * follows origin, so it went into spans itself. */
		s->wrapped = s->phase == SEARCH_BEFORE ||
		             (s->phase == SEARCH_DONE &&
		              s->spans.v[0].start < s->origin);
		/* and the matches on the screen with it */
		search_more(s, SEARCH_SCREEN_BYTES, SEARCH_SCREEN_MATCHES);
	}
}

bool
search_step(struct search *s, size_t from, bool forward)
{
	size_t n = s->spans.n;
	s->wrapped = false;
	if (n == 0) {
		s->cur = SIZE_MAX;
		return false;
	}
	/* First match starting after from (binary search). */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->spans.v[mid].start <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (forward) {
		if (lo == n) {
			s->wrapped = true;
			lo = 0;
		}
		s->cur = lo;
		return true;
	}
	/* Last match starting before from. */
	size_t i = lo;
	while (i > 0 && s->spans.v[i - 1].start >= from)
		i--;
	if (i == 0) {
		s->wrapped = true;
		i = n;
	}
	s->cur = i - 1;
	return true;
}
