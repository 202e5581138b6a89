/*
 * utf8.h - decoding and encoding UTF-8.
 *
 * Article text is untrusted bytes.  Decoding never fails: every malformed
 * sequence becomes U+FFFD, so the rest of lectern only ever sees code points.
 */
#ifndef LECTERN_UTF8_H
#define LECTERN_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Decodes the code point starting at s[0] (len > 0 bytes available) into *cp
 * and returns the number of bytes consumed, 1 to 4.  A malformed sequence
 * (stray continuation byte, invalid lead byte, overlong form, surrogate,
 * value above U+10FFFF, sequence cut short) gives U+FFFD and consumes its
 * "maximal subpart" as Unicode 15 section 3.9 recommends: at least one byte,
 * never a byte that could start the next valid sequence.  With len 0 it
 * reads nothing, returns 0 and sets U+FFFD.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * Encodes cp into out and returns the byte count, 1 to 4.  Surrogates and
 * values above U+10FFFF are encoded as U+FFFD.
 */
size_t utf8_encode(uint32_t cp, char out[4]);

/*
 * Decodes the character that ends at s[end) (end > 0): sets *cp and
 * returns its length.  A malformed end gives U+FFFD and 1 (the last byte
 * alone), as reading forward would meet it.
 */
size_t utf8_decode_before(const char *s, size_t end, uint32_t *cp);

/* True when s[0..len) is well-formed UTF-8 throughout. */
bool utf8_valid(const char *s, size_t len);

/* Whether cp is of a script written without spaces between words (Han,
 * Hiragana, Katakana, Hangul syllables): there a word edge needs no
 * space.  The whole-word rules of match.c, kwset.c and regex.c agree on
 * these ranges. */
bool utf8_is_cjk(uint32_t cp);

/* Number of code points utf8_decode finds in s[0..len). */
size_t utf8_count(const char *s, size_t len);

#endif
