/*
 * doc.c - splitting an article body into paragraphs and headings.
 *
 * One pass over the lines, so a body of any size costs linear time.  Blocks
 * are byte ranges into the body, which stays the single owner of the text.
 */
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
doc_init(struct doc *d)
{
	memset(d, 0, sizeof *d);
	d->done = 1;
}

void
doc_fini(struct doc *d)
{
	free(d->v);
	doc_init(d);
}

static int
is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Bytes of a no-break space (U+00A0 "\xc2\xa0", U+202F "\xe2\x80\xaf",
 * U+2007 "\xe2\x80\x87") at s[0..n), else 0: a line of nothing else is
 * as blank as a line of spaces (word processors paste them so). */
static size_t
nbsp_len(const char *s, size_t n)
{
	if (n >= 2 && (unsigned char)s[0] == 0xc2 &&
	    (unsigned char)s[1] == 0xa0)
		return 2;
	if (n >= 3 && (unsigned char)s[0] == 0xe2 &&
	    (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0xaf || (unsigned char)s[2] == 0x87))
		return 3;
	return 0;
}

static int
is_blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = nbsp_len(s + i, n - i);
		if (k)
			i += k - 1;
		else if (!is_blank_char(s[i]))
			return 0;
	}
	return 1;
}

/*
 * If s[0..n) is a heading ("#" to "######" then a space), returns the
 * offset of its text (the '#'s and the spaces after them skipped), else 0.
 */
static size_t
heading_text(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 7 && s[i] == '#')
		i++;
	if (i == 0 || i > 6 || i >= n || s[i] != ' ')
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* Length of s[start..end) without trailing spaces, tabs and "\r". */
static size_t
trimmed_len(const char *s, size_t start, size_t end)
{
	while (end > start && is_blank_char(s[end - 1]))
		end--;
	return end - start;
}

static void
add_block(struct doc *d, enum block_kind kind, size_t start, size_t len)
{
	xgrow(&d->v, &d->cap, d->n + 1, sizeof *d->v);
	d->v[d->n++] = (struct block){kind, start, len};
}

void
doc_begin(struct doc *d, const char *body, size_t len)
{
	d->n = 0;
	d->body = body;
	d->len = len;
	d->pos = d->para_start = d->para_end = 0;
	d->in_para = 0;
	d->done = 0;
}

int
doc_more(struct doc *d, size_t bytes)
{
	const char *body = d->body;
	size_t len = d->len, i = d->pos;
	size_t stop = bytes >= len - i ? len : i + bytes;
	while (i < len && i < stop) {
		const char *nl = memchr(body + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - body) : len;
		size_t h;

		if (is_blank_line(body + i, end - i)) {
			if (d->in_para)
				add_block(d, BLOCK_PARA, d->para_start,
				          trimmed_len(body, d->para_start,
				                      d->para_end));
			d->in_para = 0;
		} else if ((h = heading_text(body + i, end - i)) > 0) {
			if (d->in_para)
				add_block(d, BLOCK_PARA, d->para_start,
				          trimmed_len(body, d->para_start,
				                      d->para_end));
			d->in_para = 0;
			add_block(d, BLOCK_HEADING, i + h,
			          trimmed_len(body, i + h, end));
		} else {
			if (!d->in_para)
				d->para_start = i;
			d->in_para = 1;
			d->para_end = end;
		}
		i = end + 1;
	}
	d->pos = i < len ? i : len;
	if (i >= len && !d->done) {
		if (d->in_para)
			add_block(
			        d, BLOCK_PARA, d->para_start,
			        trimmed_len(body, d->para_start, d->para_end));
		d->in_para = 0;
		d->done = 1;
	}
	return d->done;
}

void
doc_drop(struct doc *d)
{
	d->n = 0;
}

/* Split per doc_more when a block is wanted: a few hundred lines. */
#define DOC_STEP (64 * 1024)

int
doc_has(struct doc *d, size_t i)
{
	while (i >= d->n && !d->done)
		doc_more(d, DOC_STEP);
	return i < d->n;
}

void
doc_finish(struct doc *d)
{
	while (!d->done)
		doc_more(d, SIZE_MAX);
}

void
doc_parse(struct doc *d, const char *body, size_t len)
{
	doc_begin(d, body, len);
	doc_finish(d);
}

/* Space, tab, newline, \v, \f or \r. */
static inline unsigned
space_bit(unsigned char c)
{
	return (unsigned)(c == ' ') | (unsigned)((unsigned char)(c - '\t') < 5);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define IS_LITTLE_ENDIAN 0
#else
#define IS_LITTLE_ENDIAN 1
#endif

/* The high bit of each byte of x that is a space_bit byte, exactly (no
 * carry crosses from one byte into the next). */
static inline uint64_t
space_mask(uint64_t x)
{
	uint64_t lo = x & SWAR_LOW7, ascii = ~x & SWAR_HIGH;
	uint64_t ge9 = (lo + (0x80 - 9) * SWAR_ONES) & SWAR_HIGH;
	uint64_t lt14 = ~(lo + (0x80 - 14) * SWAR_ONES) & SWAR_HIGH;
	uint64_t e = x ^ (0x20 * SWAR_ONES);
	uint64_t is20 = ~(((e & SWAR_LOW7) + SWAR_LOW7) | e) & SWAR_HIGH;
	return (ge9 & lt14 & ascii) | is20;
}

size_t
doc_word_count_at(const char *body, size_t from, size_t len)
{
	size_t w = doc_word_count(body + from, len);
	if (from > 0 && len > 0 && !space_bit((unsigned char)body[from - 1]) &&
	    !space_bit((unsigned char)body[from]))
		w--; /* counted in the slice before */
	return w;
}

size_t
doc_word_count(const char *body, size_t len)
{
	/* A word starts where a non-space follows a space (or the start).
	 * Eight bytes at a time: at memory speed, not a byte a cycle. */
	const unsigned char *p = (const unsigned char *)body;
	size_t words = 0, i = 0;
	uint64_t prev = SWAR_HIGH; /* the byte before the start: a space */
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, p + i, 8);
		uint64_t sp = space_mask(x);
		/* Each byte's previous byte's bit (little or big endian: the
		 * bytes as they are in memory). */
		uint64_t before;
		if (IS_LITTLE_ENDIAN)
			before = sp << 8 | prev >> 56;
		else
			before = sp >> 8 | prev << 56;
		/* The starts, one bit per byte, summed into the top byte by a
		 * multiply: no popcount instruction is assumed (without
		 * -mpopcnt it is a libgcc call, 16% of opening 100 MB). */
		uint64_t starts = (~sp & before & SWAR_HIGH) >> 7;
		words += (size_t)((starts * SWAR_ONES) >> 56);
		prev = sp;
	}
	unsigned last = IS_LITTLE_ENDIAN ? (unsigned)(prev >> 63)
	                                 : (unsigned)(prev >> 7 & 1);
	for (; i < len; i++) {
		unsigned s = space_bit(p[i]);
		words += last & !s;
		last = s;
	}
	return words;
}
