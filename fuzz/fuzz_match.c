/*
 * Fuzz target: regular expressions and keyword groups over untrusted text.
 *
 * Input: one byte of flags, then a pattern (up to a NUL or 64 bytes), then
 * the text.  The pattern is compiled with the regex flags from the low
 * bits and searched for all over the text; the same pattern then serves
 * as a group's word and pattern, and the matcher's spans are checked:
 * within the text, non-empty, in order and not overlapping; counted
 * (matcher_count), as many as the text's blocks have.
 */
#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "doc.h"
#include "match.h"
#include "regex.h"
#include "utf8.h"
#include "util.h"

#define FUZZ_MAX_PATTERN 64
/* Each search may run to PCRE2's limits: keep an input's cost bounded. */
#define FUZZ_MAX_TEXT 16384

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* All the matches of re, as a reader's search would walk them.  With
 * bytewise set, an empty match is skipped by one byte, so searches also
 * start inside characters. */
static void
fuzz_find_all(const struct regex *re, const char *text, size_t len,
              bool bytewise)
{
	size_t pos = 0, s, e;
	while (pos <= len) {
		enum regex_result r = regex_find(re, text, len, pos, &s, &e);
		if (r != REGEX_MATCH)
			break;
		if (s > e || e > len || s < pos)
			__builtin_trap();
		if (e > s) {
			pos = e;
		} else if (e == len) {
			break;
		} else if (bytewise) {
			pos = e + 1;
		} else {
			uint32_t c;
			pos = e + utf8_decode(text + e, len - e, &c);
		}
	}
}

static void
fuzz_matcher(char *pattern, unsigned bits, const char *text, size_t len)
{
	char *words[2] = {pattern, (char *)"Huawei"};
	char *patterns[1] = {pattern};
	struct hl_group g[2];
	struct diag_list dl;
	struct match_spans out;

	memset(g, 0, sizeof g);
	g[0].name = (char *)"fuzz";
	g[0].words = words;
	g[0].nwords = 2;
	g[0].ignore_case = bits & 1;
	g[0].whole_word = bits & 2;
	g[1].name = (char *)"patterns";
	g[1].patterns = patterns;
	g[1].npatterns = 1;
	g[1].ignore_case = bits & 4;
	diag_list_init(&dl);
	match_spans_init(&out);
	struct matcher *m = matcher_new(g, 2, &dl);
	if (matcher_groups(m) != 2)
		__builtin_trap();
	bool enabled[2] = {true, !(bits & 8)};
	matcher_find(m, text, len, 7, (bits & 16) ? enabled : NULL, &out);
	for (size_t i = 0; i < out.n; i++) {
		const struct match_span *sp = &out.v[i];
		if (sp->start < 7 || sp->end > len + 7 ||
		    sp->start >= sp->end || sp->group < 0 || sp->group > 1)
			__builtin_trap();
		if (i && sp->start < out.v[i - 1].end)
			__builtin_trap();
	}
	/* Counted, the text split into blocks: the blocks' matches. */
	struct doc d;
	doc_init(&d);
	doc_parse(&d, text, len);
	out.n = 0;
	const bool *on = (bits & 16) ? enabled : NULL;
	bool all = matcher_find_blocks(m, text, d.v, d.n, on, &out);
	size_t want[2] = {0, 0}, got[2];
	for (size_t i = 0; i < out.n; i++)
		want[out.v[i].group]++;
	/* A pattern stopped by its limits may stop elsewhere once. */
	if (matcher_count(m, text, len, on, got) && all &&
	    (got[0] != want[0] || got[1] != want[1]))
		__builtin_trap();
	doc_fini(&d);
	match_spans_fini(&out);
	matcher_free(m);
	diag_list_fini(&dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
	if (size < 1)
		return 0;
	unsigned bits = data[0];
	const char *in = (const char *)data + 1;
	size_t n = size - 1, plen = 0;
	while (plen < n && plen < FUZZ_MAX_PATTERN && in[plen])
		plen++;
	char pattern[FUZZ_MAX_PATTERN + 1];
	memcpy(pattern, in, plen);
	pattern[plen] = '\0';
	size_t skip = plen < n && !in[plen] ? plen + 1 : plen;
	const char *text = in + skip;
	size_t len = n - skip;
	if (len > FUZZ_MAX_TEXT)
		len = FUZZ_MAX_TEXT;

	char *err = NULL;
	struct regex *re = regex_new(pattern, bits & 0xF, &err);
	if (!re == !err)
		__builtin_trap();
	if (re) {
		fuzz_find_all(re, text, len, bits & 0x10);
		regex_free(re);
	}
	free(err);

	char *msg = match_check_pattern(pattern);
	free(msg);
	fuzz_matcher(pattern, bits >> 3, text, len);
	return 0;
}
