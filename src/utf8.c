/*
 * utf8.c - decoding and encoding UTF-8.
 *
 * The decoder follows Unicode 15 table 3-7 (well-formed byte sequences)
 * directly: the lead byte fixes the sequence length and the range its
 * second byte must lie in (that range is what excludes overlong forms,
 * surrogates and values above U+10FFFF); every later byte must be a plain
 * continuation byte 80..BF.  On the first byte that does not fit, the
 * bytes accepted so far are the "maximal subpart" and become one U+FFFD,
 * so the offending byte is decoded afresh and can start the next sequence.
 */
#include "utf8.h"

/*
 * Decodes like utf8_decode and also says whether the sequence was
 * well-formed, which a U+FFFD result alone cannot tell (the text may hold a
 * genuine U+FFFD).
 */
static size_t
decode(const unsigned char *s, size_t len, uint32_t *cp, bool *ok)
{
	unsigned char b = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
	uint32_t v;

	*ok = false;
	*cp = UTF8_REPLACEMENT;
	if (b < 0x80) {
		*cp = b;
		*ok = true;
		return 1;
	} else if (b < 0xC2) {
		/* Stray continuation byte, or C0/C1 which only lead overlongs. */
		return 1;
	} else if (b < 0xE0) {
		need = 1;
		v = b & 0x1Fu;
	} else if (b < 0xF0) {
		need = 2;
		v = b & 0x0Fu;
		if (b == 0xE0)
			lo = 0xA0; /* below is overlong */
		else if (b == 0xED)
			hi = 0x9F; /* above is a surrogate */
	} else if (b < 0xF5) {
		need = 3;
		v = b & 0x07u;
		if (b == 0xF0)
			lo = 0x90; /* below is overlong */
		else if (b == 0xF4)
			hi = 0x8F; /* above is past U+10FFFF */
	} else {
		return 1;
	}

	size_t i = 1;
	for (; i <= need; i++) {
		if (i >= len)
			return i; /* cut short by the end of the text */
		unsigned char c = s[i];
		if (c < lo || c > hi)
			return i;
		v = v << 6 | (c & 0x3Fu);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	*ok = true;
	return i;
}

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	bool ok;
	if (len == 0) {
		/* Nothing to read: nothing read (a caller's loop must not
		 * step past its end on our account). */
		*cp = UTF8_REPLACEMENT;
		return 0;
	}
	return decode((const unsigned char *)s, len, cp, &ok);
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t pos = 0;
	while (pos < len) {
		uint32_t cp;
		bool ok;
		pos += decode(u + pos, len - pos, &cp, &ok);
		if (!ok)
			return false;
	}
	return true;
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t pos = 0, n = 0;
	while (pos < len) {
		uint32_t cp;
		pos += utf8_decode(s + pos, len - pos, &cp);
		n++;
	}
	return n;
}

size_t
utf8_decode_before(const char *s, size_t end, uint32_t *cp)
{
	/* A character is at most 4 bytes: its lead byte is within them. */
	size_t start = end - 1;
	while (start > 0 && end - start < 4 &&
	       ((unsigned char)s[start] & 0xC0) == 0x80)
		start--;
	if (utf8_decode(s + start, end - start, cp) == end - start)
		return end - start;
	*cp = UTF8_REPLACEMENT;
	return 1;
}

bool
utf8_is_cjk(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30ff) || /* Hiragana, Katakana */
	       (c >= 0x3400 && c <= 0x4dbf) || /* Han, extension A */
	       (c >= 0x4e00 && c <= 0x9fff) || /* Han */
	       (c >= 0xac00 && c <= 0xd7af) || /* Hangul syllables */
	       (c >= 0xf900 && c <= 0xfaff) || /* Han compatibility */
	       (c >= 0x20000 && c <= 0x3134f); /* Han, extensions B-G */
}
