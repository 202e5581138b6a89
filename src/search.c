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
	s->cur = SIZE_MAX;
}

void
search_clear(struct search *s)
{
	free(s->query);
	free(s->error);
	regex_free(s->re);
	s->query = s->error = NULL;
	s->re = NULL;
	s->spans.n = 0;
	s->cur = SIZE_MAX;
	s->wrapped = s->limited = false;
}

void
search_fini(struct search *s)
{
	search_clear(s);
	match_spans_fini(&s->spans);
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
	s->re = regex_new(query, REGEX_SMART_CASE, &err);
	if (!s->re) {
		s->error = xasprintf("bad pattern: %s", err ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

void
search_run(struct search *s, const char *text, size_t len)
{
	s->spans.n = 0;
	s->cur = SIZE_MAX;
	s->limited = false;
	if (!s->re)
		return;
	size_t from = 0;
	struct regex_budget budget;
	regex_budget_start(&budget, SEARCH_BUDGET_MS);
	while (from <= len) {
		size_t a, b;
		enum regex_result r =
		        regex_find_in(s->re, text, len, from, &a, &b, &budget);
		if (r == REGEX_LIMIT)
			s->limited = true;
		if (r != REGEX_MATCH)
			break;
		if (b > a) {
			xgrow(&s->spans.v, &s->spans.cap, s->spans.n + 1,
			      sizeof *s->spans.v);
			s->spans.v[s->spans.n++] =
			        (struct match_span){a, b, -1};
			from = b;
		} else if (a < len) {
			/* An empty match: step over one character. */
			uint32_t cp;
			from = a + utf8_decode(text + a, len - a, &cp);
		} else {
			break;
		}
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
