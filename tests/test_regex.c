/* test_regex.c - PCRE2 wrapper: literals, case, whole words, limits. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "regex.h"

static void
setup(void)
{
	/* Smart case asks towlower about non-ASCII letters. */
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(regex, .init = setup);

#define LIT REGEX_LITERAL
#define CI REGEX_CASELESS
#define WW REGEX_WHOLE_WORD
#define SMART REGEX_SMART_CASE
/* How match.c uses words: quoted, whole words, ignoring case. */
#define WORD (LIT | WW | CI)

/*
 * One search: pattern and flags, the text and where to start.  On a match
 * the expected range is where want occurs in text at or after byte
 * after (so a case can say "the second G").  Criterion runs each
 * parameter in a fresh process: the strings are held inline, not as
 * pointers into this one.
 */
struct find_case {
	char name[48];
	char pattern[48];
	unsigned flags;
	char text[80];
	size_t from;
	bool found;
	char want[48];
	size_t after;
};

/* clang-format off */
static struct find_case find_cases[] = {
	/* Literals: every metacharacter is itself. */
	{"literal dot", "a.c", LIT, "abc a.c", 0, true, "a.c", 0},
	{"dot is any char without LITERAL", "a.c", 0, "abc a.c", 0, true, "abc", 0},
	{"all metacharacters", "a\\^$.|?*+()[]{}-#/b", LIT,
	 "xx a\\^$.|?*+()[]{}-#/b", 0, true, "a\\^$.|?*+()[]{}-#/b", 0},
	{"literal \\Q\\E", "\\Q\\E", LIT, "x \\Q\\E y", 0, true, "\\Q\\E", 0},
	{"literal \\E alone", "a\\Eb", LIT, "a\\Eb", 0, true, "a\\Eb", 0},
	{"quantifier is text", "x{2}", LIT, "xx", 0, false, "", 0},
	{"quantifier text found", "x{2}", LIT, "xx x{2}", 0, true, "x{2}", 0},
	{"open paren is text", "(a", LIT, "b(a", 0, true, "(a", 0},
	{"caret is text", "^a", LIT, "a ^a", 0, true, "^a", 0},
	{"underscore and quotes", "_'\"`~!@%&=;:,<>", LIT,
	 "_'\"`~!@%&=;:,<>", 0, true, "_'\"`~!@%&=;:,<>", 0},
	{"tab is white space", "a\tb", LIT, "a  b", 0, true, "a  b", 0},
	{"control char", "a\x01" "b", LIT, "a\x01" "b", 0, true, "a\x01" "b", 0},
	/* White space in a literal is any run of white space. */
	{"space across newline", "Made in China", LIT,
	 "Made\nin\n  China", 0, true, "Made\nin\n  China", 0},
	{"space matches tab run", "Made in China", LIT,
	 "Made \t in China", 0, true, "Made \t in China", 0},
	{"space matches no-break space", "Made in China", LIT,
	 "Made\xC2\xA0in China", 0, true, "Made\xC2\xA0in China", 0},
	{"space run in pattern", "Made \n  in", LIT, "Made in", 0, true,
	 "Made in", 0},
	{"space needs some space", "Made in", LIT, "Madein", 0, false, "", 0},
	/* Case folding is Unicode, not only ASCII. */
	{"caseless ASCII", "huawei", CI, "HUAWEI", 0, true, "HUAWEI", 0},
	{"caseless accented", "élysée", CI, "Palais de l’ÉLYSÉE", 0, true,
	 "ÉLYSÉE", 0},
	{"caseless accented upper", "ÉLYSÉE", CI, "l’élysée", 0, true,
	 "élysée", 0},
	{"caseless cyrillic", "МОСКВА", CI, "в москва", 0, true, "москва", 0},
	{"sigma matches small sigma", "Σ", CI, "σ", 0, true, "σ", 0},
	{"sigma matches final sigma", "Σ", CI, "ς", 0, true, "ς", 0},
	{"final sigma matches sigma", "ς", CI, "σ", 0, true, "σ", 0},
	/* PCRE2 folds one character to one: ß is not "ss". */
	{"sharp s is not SS", "ß", CI, "STRASSE", 0, false, "", 0},
	{"sharp s matches capital sharp s", "ß", CI, "ẞ", 0, true, "ẞ", 0},
	{"case sensitive by default", "huawei", 0, "HUAWEI", 0, false, "", 0},
	/* Whole words: letters, digits and underscore of any script. */
	{"word upper case", "Huawei", WORD, "HUAWEI", 0, true, "HUAWEI", 0},
	{"word in curly quotes", "Huawei", WORD, "‘Huawei’", 0, true,
	 "Huawei", 0},
	{"word before curly apostrophe", "Huawei", WORD, "Huawei’s kit", 0,
	 true, "Huawei", 0},
	{"word before hyphen", "Huawei", WORD, "Huawei-backed", 0, true,
	 "Huawei", 0},
	{"word before en dash", "Huawei", WORD, "Huawei–ZTE", 0, true,
	 "Huawei", 0},
	{"word after em dash", "Huawei", WORD, "ZTE—Huawei", 0, true,
	 "Huawei", 0},
	{"word then comma", "Huawei", WORD, "Huawei, ZTE", 0, true, "Huawei", 0},
	{"word not a prefix", "Huawei", WORD, "Huaweiphone", 0, false, "", 0},
	{"word not a suffix", "Huawei", WORD, "XHuawei", 0, false, "", 0},
	{"word not before underscore", "Huawei", WORD, "Huawei_x", 0, false,
	 "", 0},
	{"word not after underscore", "Huawei", WORD, "_Huawei", 0, false,
	 "", 0},
	{"word not before digit", "Huawei", WORD, "Huawei2", 0, false, "", 0},
	{"word skips prefix use", "Huawei", WORD, "Huaweiphone Huawei", 0,
	 true, "Huawei", 1},
	{"5G before comma", "5G", WORD, "in 5G, too", 0, true, "5G", 0},
	{"G inside 5G", "G", WORD, "5G", 0, false, "", 0},
	{"G after 5G", "G", WORD, "5G G", 0, true, "G", 2},
	{"digits are word chars", "5", WORD, "45", 0, false, "", 0},
	{"accented letter is word char", "Élysée", WORD, "Élyséeà", 0, false,
	 "", 0},
	{"cyrillic letter is word char", "Москв", WORD, "Москвы", 0, false,
	 "", 0},
	{"accented word whole", "élysée", WORD, "l’Élysée,", 0, true,
	 "Élysée", 0},
	{"word with punctuation edge", "C++", WORD, "C++ code", 0, true,
	 "C++", 0},
	{"punctuation edge then letter", "C++", WORD, "C++x", 0, false, "", 0},
	{"whole-word regex alternation", "ZTE|Huawei", WW, "Huaweis ZTE", 0,
	 true, "ZTE", 0},
	{"whole word after open \\Q", "\\Qa.", WW, "xa. a.", 0, true, "a.", 2},
	{"whole word after leading verb", "(*UCP)ab", WW, "xab ab", 0, true,
	 "ab", 3},
	/* Smart case: an upper-case letter makes the search exact. */
	{"smart lower is caseless", "huawei", SMART, "HUAWEI", 0, true,
	 "HUAWEI", 0},
	{"smart upper is exact", "Huawei", SMART, "HUAWEI", 0, false, "", 0},
	{"smart upper finds exact", "Huawei", SMART, "HUAWEI Huawei", 0, true,
	 "Huawei", 0},
	{"smart non-ASCII lower", "élysée", SMART, "ÉLYSÉE", 0, true,
	 "ÉLYSÉE", 0},
	{"smart non-ASCII upper", "Élysée", SMART, "ÉLYSÉE", 0, false, "", 0},
	{"smart escape is not a letter", "\\Dx", SMART, "aX", 0, true, "aX", 0},
	{"smart property is not a letter", "\\p{Lu}x", SMART, "AX", 0, true,
	 "AX", 0},
	{"smart literal backslash D", "\\Dx", SMART | LIT, "\\dX", 0, false,
	 "", 0},
	/* Invalid UTF-8 in the text matches nothing but stops nothing. */
	{"word between bad bytes", "Huawei", WORD, "\xFFHuawei\xFE", 0, true,
	 "Huawei", 0},
	{"word after truncated sequence", "Huawei", WORD, "\xE2\x80Huawei", 0,
	 true, "Huawei", 0},
	{"bad byte is not a word char", "x", WORD, "\xC3x\xC3", 0, true, "x", 0},
	{"dot skips a bad byte", "a.b", 0, "a\xFF" "b acb", 0, true, "acb", 0},
	/* Where the search starts. */
	{"from skips earlier match", "a", 0, "aba", 1, true, "a", 1},
	{"from inside a character", "b", 0, "éb", 1, true, "b", 0},
	{"from at end", "a", 0, "aaa", 3, false, "", 0},
	{"from past end", "", 0, "aaa", 4, false, "", 0},
	/* Empty patterns and texts. */
	{"empty pattern empty text", "", 0, "", 0, true, "", 0},
	{"empty pattern matches at from", "", 0, "abc", 2, true, "", 2},
	{"empty literal", "", LIT, "abc", 0, true, "", 0},
	{"empty whole word at non-word", "", WW, "ab ", 0, true, "", 3},
	{"empty text", "a", 0, "", 0, false, "", 0},
	{"empty text whole word", "a", WORD, "", 0, false, "", 0},
};
/* clang-format on */

ParameterizedTestParameters(regex, find)
{
	return cr_make_param_array(struct find_case, find_cases,
	                           sizeof find_cases / sizeof find_cases[0]);
}

ParameterizedTest(struct find_case *c, regex, find)
{
	char *err = (char *)"unset";
	struct regex *re = regex_new(c->pattern, c->flags, &err);
	cr_assert_not_null(re, "%s: %s", c->name, err);
	cr_assert_null(err, "%s: err cleared on success", c->name);
	size_t len = strlen(c->text), s = 99, e = 99;
	enum regex_result r = regex_find(re, c->text, len, c->from, &s, &e);
	if (!c->found) {
		cr_assert_eq(r, REGEX_NOMATCH, "%s: got %d [%zu,%zu)", c->name,
		             r, s, e);
	} else {
		const char *w = strstr(c->text + c->after, c->want);
		cr_assert_not_null(w, "%s: bad case", c->name);
		size_t ws = (size_t)(w - c->text);
		cr_assert_eq(r, REGEX_MATCH, "%s: got %d", c->name, r);
		cr_assert_eq(s, ws, "%s: start %zu, want %zu", c->name, s, ws);
		cr_assert_eq(e, ws + strlen(c->want), "%s: end %zu, want %zu",
		             c->name, e, ws + strlen(c->want));
	}
	regex_free(re);
}

/* A compile error: the message, with the offset in the caller's
 * pattern even when the pattern was rewritten. */
struct error_case {
	char name[48];
	char pattern[32];
	unsigned flags;
	char msg[96];
};

/* clang-format off */
static struct error_case error_cases[] = {
	{"missing paren", "a(b", 0, "missing closing parenthesis at offset 3"},
	{"missing paren, whole word", "a(b", WW,
	 "missing closing parenthesis at offset 3"},
	{"unmatched paren", "a)", 0,
	 "unmatched closing parenthesis at offset 1"},
	{"unmatched paren, whole word", "a)", WW | CI,
	 "unmatched closing parenthesis at offset 1"},
	{"bad range", "[z-a]", 0,
	 "range out of order in character class at offset 3"},
	{"nothing to repeat", "*a", 0,
	 "quantifier does not follow a repeatable item at offset 0"},
	{"bad UTF-8 in pattern", "ab\xFFz", 0,
	 "UTF-8 error: illegal byte (0xfe or 0xff) at offset 2"},
	{"bad UTF-8 in literal", "a.\xFFz", LIT | WW,
	 "UTF-8 error: illegal byte (0xfe or 0xff) at offset 2"},
	{"backslash C is refused", "a\\C", 0,
	 "using \\C is disabled by the application at offset 3"},
	{"unbalanced alternation, whole word", "a)|(b", WW,
	 "unmatched closing parenthesis at offset 1"},
};
/* clang-format on */

ParameterizedTestParameters(regex, error)
{
	return cr_make_param_array(struct error_case, error_cases,
	                           sizeof error_cases / sizeof error_cases[0]);
}

ParameterizedTest(struct error_case *c, regex, error)
{
	char *err = NULL;
	struct regex *re = regex_new(c->pattern, c->flags, &err);
	cr_assert_null(re, "%s: compiled", c->name);
	cr_assert_str_eq(err, c->msg, "%s", c->name);
	free(err);
}

Test(regex, error_pointer_optional)
{
	cr_assert_null(regex_new("(", 0, NULL));
	struct regex *re = regex_new("a", 0, NULL);
	cr_assert_not_null(re);
	regex_free(re);
	regex_free(NULL);
}

/*
 * Catastrophic backtracking must end on PCRE2's limits, not hang: the
 * timeout only catches a regression.  PCRE2 proves (a+)+$ cannot match
 * some texts without trying, so that one may say NOMATCH; (a|aa)+$
 * really has to try its exponentially many ways.
 */
Test(regex, catastrophic_nested_plus_returns, .timeout = 10)
{
	const char *text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
	struct regex *re = regex_new("(a+)+$", 0, NULL);
	size_t s, e;
	cr_assert_not_null(re);
	enum regex_result r = regex_find(re, text, strlen(text), 0, &s, &e);
	cr_assert(r == REGEX_LIMIT || r == REGEX_NOMATCH, "got %d", r);
	regex_free(re);
}

Test(regex, catastrophic_alternation_hits_limit, .timeout = 10)
{
	char text[64];
	memset(text, 'a', 60);
	text[60] = 'b';
	text[61] = '\0';
	struct regex *re = regex_new("(a|aa)+$", 0, NULL);
	size_t s, e;
	cr_assert_not_null(re);
	cr_assert_eq(regex_find(re, text, strlen(text), 0, &s, &e),
	             REGEX_LIMIT);
	regex_free(re);
}

Test(regex, deep_recursion_hits_limit, .timeout = 10)
{
	/* A recursion as deep as the text is long exceeds the depth or
	 * heap limit rather than the C stack. */
	size_t n = 200000;
	char *text = malloc(n + 1);
	cr_assert_not_null(text);
	memset(text, '(', n);
	text[n] = '\0';
	struct regex *re = regex_new("^(\\((?1)?\\))$", 0, NULL);
	size_t s, e;
	cr_assert_not_null(re);
	enum regex_result r = regex_find(re, text, n, 0, &s, &e);
	cr_assert(r == REGEX_LIMIT || r == REGEX_NOMATCH, "got %d", r);
	regex_free(re);
	free(text);
}

Test(regex, repeated_finds_walk_the_text)
{
	const char *text = "Huawei, huawei and HUAWEI’s phones";
	struct regex *re = regex_new("huawei", WORD, NULL);
	size_t pos = 0, s, e, n = 0;
	cr_assert_not_null(re);
	while (regex_find(re, text, strlen(text), pos, &s, &e) == REGEX_MATCH) {
		cr_assert_eq(e - s, 6);
		cr_assert_eq(strncasecmp(text + s, "huawei", 6), 0);
		pos = e;
		n++;
	}
	cr_assert_eq(n, 3);
	regex_free(re);
}

Test(regex, text_with_nul_bytes)
{
	/* The length, not a NUL, ends the text. */
	const char text[] = "a\0b\0Huawei";
	struct regex *re = regex_new("Huawei", WORD, NULL);
	size_t s, e;
	cr_assert_not_null(re);
	cr_assert_eq(regex_find(re, text, sizeof text - 1, 0, &s, &e),
	             REGEX_MATCH);
	cr_assert_eq(s, 4);
	cr_assert_eq(e, 10);
	regex_free(re);
}
