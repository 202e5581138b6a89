/* test_utf8.c - the UTF-8 decoder, encoder and validity check. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

#define FFFD UTF8_REPLACEMENT

static void
setup(void)
{
	/* The decoder must not depend on the locale; a UTF-8 one is set
	 * anyway so that every test program runs under the same one. */
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(utf8, .init = setup);

/*
 * One decoding case: the bytes, and each code point utf8_decode returns
 * with the number of bytes it consumes, in order.  Criterion runs each
 * parameter in a freshly executed process, so the cases hold their strings
 * inline: a pointer into this process would mean nothing there.
 */
struct decode_case {
	char name[40];
	char in[16];
	size_t len;
	size_t n;
	uint32_t cp[16];
	size_t used[16];
	bool valid;
};

#define IN(s) s, sizeof(s) - 1

/* clang-format off */
static struct decode_case decode_cases[] = {
	{"ascii", IN("A"), 1, {'A'}, {1}, true},
	{"nul byte", IN("\0"), 1, {0}, {1}, true},
	{"pound sign", IN("\xC2\xA3"), 1, {0xA3}, {2}, true},
	{"euro sign", IN("\xE2\x82\xAC"), 1, {0x20AC}, {3}, true},
	{"emoji", IN("\xF0\x9F\x98\x80"), 1, {0x1F600}, {4}, true},
	{"smallest 2-byte", IN("\xC2\x80"), 1, {0x80}, {2}, true},
	{"largest 2-byte", IN("\xDF\xBF"), 1, {0x7FF}, {2}, true},
	{"smallest 3-byte", IN("\xE0\xA0\x80"), 1, {0x800}, {3}, true},
	{"last before surrogates", IN("\xED\x9F\xBF"), 1, {0xD7FF}, {3}, true},
	{"first after surrogates", IN("\xEE\x80\x80"), 1, {0xE000}, {3}, true},
	{"largest 3-byte", IN("\xEF\xBF\xBF"), 1, {0xFFFF}, {3}, true},
	{"smallest 4-byte", IN("\xF0\x90\x80\x80"), 1, {0x10000}, {4}, true},
	{"largest code point", IN("\xF4\x8F\xBF\xBF"), 1, {0x10FFFF}, {4}, true},
	{"genuine U+FFFD", IN("\xEF\xBF\xBD"), 1, {FFFD}, {3}, true},
	/* Sequences cut short: the bytes so far are one U+FFFD. */
	{"cut short before ascii", IN("\xE2\x82" "A"), 2,
	 {FFFD, 'A'}, {2, 1}, false},
	{"cut short at end (3)", IN("\xE2\x82"), 1, {FFFD}, {2}, false},
	{"cut short at end (4)", IN("\xF0\x9F\x98"), 1, {FFFD}, {3}, false},
	{"cut short before ascii (4)", IN("\xF0\x9F\x98" "A"), 2,
	 {FFFD, 'A'}, {3, 1}, false},
	{"cut short before a valid sequence", IN("\xF0\x9F\xE2\x82\xAC"), 2,
	 {FFFD, 0x20AC}, {2, 3}, false},
	{"lone lead before space", IN("\xC2 "), 2, {FFFD, ' '}, {1, 1}, false},
	/* Overlongs, surrogates and values past U+10FFFF fail at their
	 * second byte, so every byte is a U+FFFD of its own. */
	{"overlong slash C0", IN("\xC0\xAF"), 2, {FFFD, FFFD}, {1, 1}, false},
	{"overlong C1", IN("\xC1\xBF"), 2, {FFFD, FFFD}, {1, 1}, false},
	{"overlong 3-byte", IN("\xE0\x80\xAF"), 3,
	 {FFFD, FFFD, FFFD}, {1, 1, 1}, false},
	{"overlong 3-byte top", IN("\xE0\x9F\xBF"), 3,
	 {FFFD, FFFD, FFFD}, {1, 1, 1}, false},
	{"overlong 4-byte", IN("\xF0\x80\x80\x80"), 4,
	 {FFFD, FFFD, FFFD, FFFD}, {1, 1, 1, 1}, false},
	{"overlong 4-byte top", IN("\xF0\x8F\xBF\xBF"), 4,
	 {FFFD, FFFD, FFFD, FFFD}, {1, 1, 1, 1}, false},
	{"high surrogate", IN("\xED\xA0\x80"), 3,
	 {FFFD, FFFD, FFFD}, {1, 1, 1}, false},
	{"low surrogate", IN("\xED\xBF\xBF"), 3,
	 {FFFD, FFFD, FFFD}, {1, 1, 1}, false},
	{"surrogate pair (CESU-8)", IN("\xED\xA0\xBD\xED\xB8\x80"), 6,
	 {FFFD, FFFD, FFFD, FFFD, FFFD, FFFD}, {1, 1, 1, 1, 1, 1}, false},
	{"above U+10FFFF", IN("\xF4\x90\x80\x80"), 4,
	 {FFFD, FFFD, FFFD, FFFD}, {1, 1, 1, 1}, false},
	/* Bytes that can never start a sequence. */
	{"F5 lead", IN("\xF5\x80\x80\x80"), 4,
	 {FFFD, FFFD, FFFD, FFFD}, {1, 1, 1, 1}, false},
	{"FE byte", IN("\xFE"), 1, {FFFD}, {1}, false},
	{"FF byte", IN("\xFF"), 1, {FFFD}, {1}, false},
	{"stray continuation", IN("\x80"), 1, {FFFD}, {1}, false},
	{"two stray continuations", IN("\xBF\xBF"), 2,
	 {FFFD, FFFD}, {1, 1}, false},
	{"too many continuations", IN("\xC2\xA3\xA3"), 2,
	 {0xA3, FFFD}, {2, 1}, false},
	/* Unicode 15 table 3-8's example of U+FFFD substitution. */
	{"unicode table 3-8",
	 IN("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"), 10,
	 {'a', FFFD, FFFD, FFFD, 'b', FFFD, 'c', FFFD, FFFD, 'd'},
	 {1, 3, 2, 1, 1, 1, 1, 1, 1, 1}, false},
};
/* clang-format on */

ParameterizedTestParameters(utf8, decode_table)
{
	return cr_make_param_array(struct decode_case, decode_cases,
	                           sizeof decode_cases / sizeof *decode_cases);
}

ParameterizedTest(struct decode_case *c, utf8, decode_table)
{
	size_t pos = 0, i = 0;
	while (pos < c->len) {
		cr_assert_lt(i, c->n, "%s: more code points than %zu", c->name,
		             c->n);
		uint32_t cp = 0xDEAD;
		size_t used = utf8_decode(c->in + pos, c->len - pos, &cp);
		cr_assert_eq(cp, c->cp[i],
		             "%s: code point %zu is U+%04X, not U+%04X",
		             c->name, i, (unsigned)cp, (unsigned)c->cp[i]);
		cr_assert_eq(used, c->used[i],
		             "%s: code point %zu used %zu bytes, not %zu",
		             c->name, i, used, c->used[i]);
		pos += used;
		i++;
	}
	cr_assert_eq(i, c->n, "%s: %zu code points, not %zu", c->name, i, c->n);
	cr_assert_eq(utf8_count(c->in, c->len), c->n, "%s: utf8_count",
	             c->name);
	cr_assert_eq(utf8_valid(c->in, c->len), c->valid, "%s: utf8_valid",
	             c->name);
}

Test(utf8, decode_stops_at_len)
{
	uint32_t cp;
	cr_assert_eq(utf8_decode("\xE2\x82\xAC", 1, &cp), 1);
	cr_assert_eq(cp, FFFD);
	cr_assert_eq(utf8_decode("\xE2\x82\xAC", 2, &cp), 2);
	cr_assert_eq(cp, FFFD);
	cr_assert_eq(utf8_decode("\xF0\x9F\x98\x80", 3, &cp), 3);
	cr_assert_eq(cp, FFFD);
	cr_assert_not(utf8_valid("\xE2\x82\xAC", 2));
	cr_assert(utf8_valid("\xE2\x82\xAC", 3));
}

Test(utf8, empty_text_is_valid_and_empty)
{
	cr_assert(utf8_valid("", 0));
	cr_assert_eq(utf8_count("", 0), 0);
}

Test(utf8, count_mixed_text)
{
	/* "£5 — 中文" plus a stray byte: 7 code points and one U+FFFD. */
	const char s[] = "\xC2\xA3"
	                 "5 \xE2\x80\x94 \xE4\xB8\xAD\xE6\x96\x87\xFF";
	cr_assert_eq(utf8_count(s, sizeof s - 1), 8);
	cr_assert_not(utf8_valid(s, sizeof s - 1));
	cr_assert(utf8_valid(s, sizeof s - 2));
}

struct encode_case {
	uint32_t cp;
	char out[4];
	size_t len;
};

static struct encode_case encode_cases[] = {
        {0x00, IN("\0")},
        {0x41, IN("A")},
        {0x7F, IN("\x7F")},
        {0x80, IN("\xC2\x80")},
        {0xA3, IN("\xC2\xA3")},
        {0x7FF, IN("\xDF\xBF")},
        {0x800, IN("\xE0\xA0\x80")},
        {0x20AC, IN("\xE2\x82\xAC")},
        {0xD7FF, IN("\xED\x9F\xBF")},
        {0xD800, IN("\xEF\xBF\xBD")},
        {0xDFFF, IN("\xEF\xBF\xBD")},
        {0xFFFF, IN("\xEF\xBF\xBF")},
        {0x10000, IN("\xF0\x90\x80\x80")},
        {0x1F600, IN("\xF0\x9F\x98\x80")},
        {0x10FFFF, IN("\xF4\x8F\xBF\xBF")},
        {0x110000, IN("\xEF\xBF\xBD")},
        {0xFFFFFFFF, IN("\xEF\xBF\xBD")},
};

ParameterizedTestParameters(utf8, encode_table)
{
	return cr_make_param_array(struct encode_case, encode_cases,
	                           sizeof encode_cases / sizeof *encode_cases);
}

ParameterizedTest(struct encode_case *c, utf8, encode_table)
{
	char out[4];
	size_t n = utf8_encode(c->cp, out);
	cr_assert_eq(n, c->len, "U+%04X: %zu bytes, not %zu", (unsigned)c->cp,
	             n, c->len);
	cr_assert_arr_eq(out, c->out, n, "U+%04X: wrong bytes",
	                 (unsigned)c->cp);
}

Test(utf8, every_scalar_value_round_trips)
{
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp == 0xD800)
			cp = 0xE000;
		char buf[4];
		size_t n = utf8_encode(cp, buf);
		uint32_t back;
		cr_assert(utf8_valid(buf, n), "U+%04X encodes invalid",
		          (unsigned)cp);
		cr_assert_eq(utf8_decode(buf, n, &back), n, "U+%04X length",
		             (unsigned)cp);
		cr_assert_eq(back, cp, "U+%04X decodes as U+%04X", (unsigned)cp,
		             (unsigned)back);
	}
}

/*
 * Every two-byte prefix followed by 'A' (which no sequence may swallow):
 * decoding consumes at most the two bytes, never the 'A'; a well-formed
 * result re-encodes to exactly the bytes consumed; anything else is U+FFFD.
 */
Test(utf8, every_byte_pair_decodes_sanely)
{
	for (unsigned a = 0; a < 256; a++) {
		for (unsigned b = 0; b < 256; b++) {
			const char in[3] = {(char)a, (char)b, 'A'};
			size_t pos = 0;
			while (pos < 2) {
				uint32_t cp;
				size_t n = utf8_decode(in + pos, 3 - pos, &cp);
				cr_assert(n >= 1 && pos + n <= 2,
				          "%02X %02X: consumed %zu at %zu", a,
				          b, n, pos);
				char re[4];
				bool ok = utf8_valid(in + pos, n);
				if (ok) {
					cr_assert_eq(utf8_encode(cp, re), n);
					cr_assert_arr_eq(re, in + pos, n);
				} else {
					cr_assert_eq(cp, FFFD);
				}
				pos += n;
			}
			cr_assert_eq(pos, 2);
		}
	}
}

Test(utf8, decode_before_reads_back_one_character)
{
	/* "aé€😀" then a stray continuation byte and a cut lead byte. */
	const char s[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x80\xe2";
	uint32_t cp;
	cr_expect_eq(utf8_decode_before(s, 1, &cp), 1);
	cr_expect_eq(cp, 'a');
	cr_expect_eq(utf8_decode_before(s, 3, &cp), 2);
	cr_expect_eq(cp, 0xE9);
	cr_expect_eq(utf8_decode_before(s, 6, &cp), 3);
	cr_expect_eq(cp, 0x20AC);
	cr_expect_eq(utf8_decode_before(s, 10, &cp), 4);
	cr_expect_eq(cp, 0x1F600);
	cr_expect_eq(utf8_decode_before(s, 11, &cp), 1);
	cr_expect_eq(cp, UTF8_REPLACEMENT);
	cr_expect_eq(utf8_decode_before(s, 12, &cp), 1);
	cr_expect_eq(cp, UTF8_REPLACEMENT);
}
