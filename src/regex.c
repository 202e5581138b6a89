/*
 * regex.c - regular expressions on PCRE2 (8-bit, UTF mode).
 *
 * A struct regex holds the compiled code and its own match context, which
 * carries the match, depth and heap limits: PCRE2 applies them to every
 * match, JIT or not, so a pattern that backtracks catastrophically ends
 * with REGEX_LIMIT instead of hanging the reader.  Match data is made per
 * call: regex_find is const, keeps no state between calls and a matcher
 * may share one regex between blocks.
 *
 * REGEX_LITERAL and REGEX_WHOLE_WORD are done by rewriting the pattern;
 * offsets in error messages are mapped back to the pattern the caller
 * gave, so "at offset N" points into what the user typed.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h" /* clock_gettime */
#endif
#include "regex.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <wctype.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "utf8.h"
#include "util.h"

/* Generous for keyword lists and prose; a runaway pattern hits them in
 * well under a second. */
#define REGEX_MATCH_LIMIT 1000000
#define REGEX_DEPTH_LIMIT 10000
#define REGEX_HEAP_LIMIT 20000 /* KiB */

/* Lookarounds rather than \b: \b needs a word character on one side, so
 * it would refuse a word that begins or ends with punctuation ("C++"). */
/* Whole words: no word character on either side, except where the text
 * is written without spaces (Han, kana, Hangul; the ranges of is_cjk in
 * match.c): there an edge of the match or its neighbour in those scripts
 * is a word edge, so 华为 matches in 华为公司. */
#define CJK                                                          \
	"[\\x{3040}-\\x{30ff}\\x{3400}-\\x{4dbf}\\x{4e00}-\\x{9fff}" \
	"\\x{ac00}-\\x{d7af}\\x{f900}-\\x{faff}\\x{20000}-\\x{3134f}]"
#define WORD_OPEN "(?:(?<!\\w)|(?<=" CJK ")|(?=" CJK "))(?:"
#define WORD_CLOSE ")(?:(?!\\w)|(?=" CJK ")|(?<=" CJK "))"

struct regex {
	pcre2_code *code;
	pcre2_match_context *mctx;
	pcre2_match_data *md; /* one for every find: no allocation each */
	bool jit;             /* JIT compiled: pcre2_jit_match may be used */
	bool sliced;          /* compiled for an offset limit */
};

/*
 * The pattern being built, with the offset in the caller's pattern that
 * each byte came from (so a compile error can be reported there).
 */
struct regex_build {
	struct strbuf sb;
	size_t *src;
	size_t cap;
};

static void
build_add(struct regex_build *b, const char *s, size_t n, size_t from)
{
	xgrow(&b->src, &b->cap, b->sb.len + n, sizeof *b->src);
	for (size_t i = 0; i < n; i++)
		b->src[b->sb.len + i] = from;
	sb_add(&b->sb, s, n);
}

/* White space as PCRE2's \s sees it with PCRE2_UCP (Unicode White_Space),
 * so a literal's space matches the same runs in the text. */
static bool
regex_is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/*
 * Quotes the literal text p[0..n) as a pattern, handing each piece to
 * emit with the offset in p it stands for.  Every ASCII character that is
 * not a letter or digit is escaped one by one (\Q...\E would break on a
 * literal "\E"); control characters become \x{..} since a backslash before
 * them is not documented to be literal.  Each run of white space becomes
 * \s+.  Other bytes pass through: in UTF mode they are literal, and
 * malformed UTF-8 is left for pcre2_compile to report.
 */
static void
quote_pieces(const char *p, size_t n,
             void (*emit)(void *ctx, const char *s, size_t len, size_t at),
             void *ctx)
{
	size_t i = 0;
	while (i < n) {
		uint32_t c;
		size_t k = utf8_decode(p + i, n - i, &c);
		if (regex_is_space(c)) {
			size_t at = i;
			while (i < n) {
				k = utf8_decode(p + i, n - i, &c);
				if (!regex_is_space(c))
					break;
				i += k;
			}
			emit(ctx, "\\s+", 3, at);
			continue;
		}
		unsigned char u = (unsigned char)p[i];
		if (u >= 0x80 || (u >= '0' && u <= '9') ||
		    (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')) {
			emit(ctx, p + i, k, i);
		} else if (u < 0x20 || u == 0x7F) {
			static const char hex[] = "0123456789abcdef";
			char esc[6] = {'\\',        'x',          '{',
			               hex[u >> 4], hex[u & 0xF], '}'};
			emit(ctx, esc, 6, i);
		} else {
			char esc[2] = {'\\', (char)u};
			emit(ctx, esc, 2, i);
		}
		i += k;
	}
}

struct quote_into_build {
	struct regex_build *b;
	size_t base;
};

static void
emit_build(void *ctx, const char *s, size_t len, size_t at)
{
	struct quote_into_build *q = ctx;
	build_add(q->b, s, len, q->base + at);
}

/* Appends the literal p[0..n) to b, its source offsets shifted by base. */
static void
quote_literal(struct regex_build *b, const char *p, size_t n, size_t base)
{
	struct quote_into_build q = {b, base};
	quote_pieces(p, n, emit_build, &q);
}

static void
emit_strbuf(void *ctx, const char *s, size_t len, size_t at)
{
	(void)at;
	sb_add(ctx, s, len);
}

void
regex_quote(const char *p, size_t n, struct strbuf *out)
{
	quote_pieces(p, n, emit_strbuf, out);
}

/*
 * Smart case: true when the pattern has a letter that lower-casing
 * changes.  In a regex the character after a backslash is syntax, not
 * text (\W, \S, \D), and so are the braces of \p{Lu} and \x{4A}.
 * towlower needs a UTF-8 LC_CTYPE to know letters beyond ASCII.
 */
static bool
regex_has_upper(const char *p, bool literal)
{
	size_t n = strlen(p), i = 0;
	while (i < n) {
		uint32_t c;
		i += utf8_decode(p + i, n - i, &c);
		if (!literal && c == '\\' && i < n) {
			char e = p[i++];
			if ((e == 'p' || e == 'P' || e == 'x' || e == 'g' ||
			     e == 'k' || e == 'N' || e == 'o') &&
			    i < n && p[i] == '{') {
				const char *close = strchr(p + i, '}');
				i = close ? (size_t)(close - p) + 1 : n;
			}
			continue;
		}
		if (c != UTF8_REPLACEMENT && (wint_t)towlower((wint_t)c) != c)
			return true;
	}
	return false;
}

/* Compiles b's pattern; on error sets *err (if err) with the offset
 * mapped back to the caller's pattern of plen bytes. */
static pcre2_code *
regex_compile(const struct regex_build *b, uint32_t opts, size_t plen,
              char **err)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)b->sb.buf, b->sb.len, opts,
	                               &code, &off, NULL);
	if (re || !err)
		return re;
	PCRE2_UCHAR msg[256];
	if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
		strcpy((char *)msg, "invalid pattern");
	/* An error past the rewritten text (a missing ")") is at the end
	 * of what the user typed. */
	size_t at = off < b->sb.len ? b->src[off] : plen;
	*err = xasprintf("%s at offset %zu", (char *)msg, at);
	return NULL;
}

/*
 * Length of the start-of-pattern settings such as (*UCP) or
 * (*LIMIT_MATCH=100) at the start of p: PCRE2 accepts them only there,
 * so the whole-word wrapper goes after them.
 */
static size_t
regex_leading_verbs(const char *p)
{
	size_t n = 0;
	while (p[n] == '(' && p[n + 1] == '*') {
		size_t i = n + 2;
		while ((p[i] >= 'A' && p[i] <= 'Z') || p[i] == '_' ||
		       p[i] == '=' || (p[i] >= '0' && p[i] <= '9'))
			i++;
		if (p[i] != ')')
			break;
		n = i + 1;
	}
	return n;
}

/* LECTERN_NO_JIT set: PCRE2 interprets, no code is generated (valgrind
 * then sees only our memory, not the JIT's). */
static bool
no_jit(void)
{
	const char *v = getenv("LECTERN_NO_JIT");
	return v && *v;
}

struct regex *
regex_new(const char *pattern, unsigned flags, char **err)
{
	struct regex_build b;
	size_t plen = strlen(pattern);
	bool literal = flags & REGEX_LITERAL;
	bool word = flags & REGEX_WHOLE_WORD;
	pcre2_code *re = NULL;

	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
	                PCRE2_NEVER_BACKSLASH_C;
	if (flags & REGEX_SLICED)
		opts |= PCRE2_USE_OFFSET_LIMIT;
	if ((flags & REGEX_CASELESS) ||
	    ((flags & REGEX_SMART_CASE) && !regex_has_upper(pattern, literal)))
		opts |= PCRE2_CASELESS;

	sb_init(&b.sb);
	b.src = NULL;
	b.cap = 0;
	if (word && !literal) {
		/* A regex is checked alone first: only a pattern that
		 * compiles by itself has balanced groups, so the wrapper
		 * cannot be unbalanced by "a)|(b", and errors point where
		 * the user expects. */
		for (size_t i = 0; i < plen; i++)
			build_add(&b, pattern + i, 1, i);
		re = regex_compile(&b, opts, plen, err);
		if (!re)
			goto out;
		pcre2_code_free(re);
		sb_reset(&b.sb);
	}
	size_t verbs = literal ? 0 : regex_leading_verbs(pattern);
	for (size_t i = 0; i < verbs; i++)
		build_add(&b, pattern + i, 1, i);
	if (word)
		build_add(&b, WORD_OPEN, strlen(WORD_OPEN), verbs);
	if (literal)
		quote_literal(&b, pattern, plen, 0);
	else
		for (size_t i = verbs; i < plen; i++)
			build_add(&b, pattern + i, 1, i);
	/* \E ends a \Q the pattern left open (and is ignored otherwise). */
	if (word)
		build_add(&b, "\\E" WORD_CLOSE, strlen("\\E" WORD_CLOSE), plen);
	re = regex_compile(&b, opts, plen, err);
out:
	free(b.src);
	sb_fini(&b.sb);
	if (!re)
		return NULL;

	struct regex *r = xmalloc(sizeof *r);
	r->code = re;
	/* JIT failing (no JIT support, no executable memory) only makes
	 * matching slower: pcre2_match interprets the same code. */
	r->jit = !no_jit() && pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
	r->sliced = flags & REGEX_SLICED;
	r->mctx = pcre2_match_context_create(NULL);
	r->md = pcre2_match_data_create_from_pattern(re, NULL);
	if (!r->mctx || !r->md)
		abort(); /* out of memory, as xmalloc would */
	pcre2_set_match_limit(r->mctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(r->mctx, REGEX_DEPTH_LIMIT);
	pcre2_set_heap_limit(r->mctx, REGEX_HEAP_LIMIT);
	if (err)
		*err = NULL;
	return r;
}

void
regex_free(struct regex *re)
{
	if (!re)
		return;
	pcre2_match_context_free(re->mctx);
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	free(re);
}

void
regex_budget_start(struct regex_budget *b, int ms)
{
	b->deadline_ns =
	        ms > 0 ? clock_mono_ns() + (long long)ms * 1000000LL : 0;
}

enum regex_result
regex_find_in(const struct regex *re, const char *text, size_t len, size_t from,
              size_t *start, size_t *end, const struct regex_budget *b)
{
	if (b && b->deadline_ns && clock_mono_ns() > b->deadline_ns)
		return REGEX_LIMIT;
	return regex_find(re, text, len, from, start, end);
}

bool
regex_caseless(const struct regex *re)
{
	uint32_t opts = 0;
	pcre2_pattern_info(re->code, PCRE2_INFO_ARGOPTIONS, &opts);
	return opts & PCRE2_CASELESS;
}

bool
regex_bounds_slices(const struct regex *re)
{
	return re->sliced && re->jit;
}

enum regex_result
regex_find_upto(const struct regex *re, const char *text, size_t len,
                size_t from, size_t limit, size_t *start, size_t *end,
                const struct regex_budget *b)
{
	if (!regex_bounds_slices(re) || limit >= len)
		return regex_find_in(re, text, len, from, start, end, b);
	if (from > limit)
		return REGEX_NOMATCH;
	pcre2_set_offset_limit(re->mctx, limit);
	enum regex_result r = regex_find_in(re, text, len, from, start, end, b);
	pcre2_set_offset_limit(re->mctx, PCRE2_UNSET);
	return r;
}

enum regex_result
regex_find(const struct regex *re, const char *text, size_t len, size_t from,
           size_t *start, size_t *end)
{
	if (from > len)
		return REGEX_NOMATCH;
	pcre2_match_data *md = re->md;
	/* A NULL text is fine when empty; PCRE2 wants a real pointer. */
	PCRE2_SPTR subject = (PCRE2_SPTR)(text ? text : "");
	int rc = re->jit ? pcre2_jit_match(re->code, subject, len, from, 0, md,
	                                   re->mctx)
	                 : pcre2_match(re->code, subject, len, from, 0, md,
	                               re->mctx);
	enum regex_result res;
	if (rc >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		/* \K can put the start after the end; report the point. */
		*end = ov[1];
		*start = ov[0] <= ov[1] ? ov[0] : ov[1];
		res = REGEX_MATCH;
	} else if (rc == PCRE2_ERROR_NOMATCH) {
		res = REGEX_NOMATCH;
	} else if (rc == PCRE2_ERROR_MATCHLIMIT ||
	           rc == PCRE2_ERROR_DEPTHLIMIT ||
	           rc == PCRE2_ERROR_HEAPLIMIT ||
	           rc == PCRE2_ERROR_JIT_STACKLIMIT) {
		res = REGEX_LIMIT;
	} else {
		res = REGEX_ERROR;
	}
	return res;
}
