/* test_frontmatter.c - front matter parsing, good, bad and hostile. */
#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

/* One parse and everything it produced. */
struct result {
	struct frontmatter fm;
	struct diag_list dl;
	size_t off;
	enum fm_status st;
};

static void
parse_len(struct result *r, const char *text, size_t len)
{
	frontmatter_init(&r->fm);
	diag_list_init(&r->dl);
	r->st = frontmatter_parse(text, len, "a.md", &r->fm, &r->off, &r->dl);
}

static void
parse(struct result *r, const char *text)
{
	parse_len(r, text, strlen(text));
}

static void
result_fini(struct result *r)
{
	frontmatter_fini(&r->fm);
	diag_list_fini(&r->dl);
}

/* Asserts that diagnostic i, formatted, is want. */
static void
assert_diag(const struct result *r, size_t i, const char *want)
{
	cr_assert_gt(r->dl.n, i, "expected a diagnostic #%zu: %s", i, want);
	char *got = diag_format(&r->dl.v[i]);
	cr_expect_str_eq(got, want);
	cr_expect_eq(r->dl.v[i].level, DIAG_WARNING);
	free(got);
}

Test(frontmatter, known_fields_are_read)
{
	struct result r;
	const char *text = "---\n"
	                   "title: 'Hello: world'\n"
	                   "author: Jane Doe\n"
	                   "date: 2019-07-12\n"
	                   "source: telecoms.com\n"
	                   "tags: [huawei, 5g]\n"
	                   "---\n"
	                   "Body\n";
	parse(&r, text);
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.dl.n, 0);
	cr_assert_str_eq(r.fm.title, "Hello: world");
	cr_assert_str_eq(r.fm.author, "Jane Doe");
	cr_assert_str_eq(r.fm.date, "2019-07-12");
	cr_assert_str_eq(r.fm.source, "telecoms.com");
	cr_assert_eq(r.fm.ntags, 2);
	cr_assert_str_eq(r.fm.tags[0], "huawei");
	cr_assert_str_eq(r.fm.tags[1], "5g");
	cr_assert_eq(r.fm.nextra, 0);
	cr_assert_str_eq(text + r.off, "Body\n");
	result_fini(&r);
}

Test(frontmatter, absent_front_matter_is_none_and_body_starts_at_zero)
{
	struct result r;
	parse(&r, "Just a title\n\nand text: with a colon\n");
	cr_assert_eq(r.st, FM_NONE);
	cr_assert_eq(r.off, 0);
	cr_assert_eq(r.dl.n, 0);
	cr_assert_null(r.fm.title);
	result_fini(&r);
}

Test(frontmatter, only_an_exact_first_line_opens_front_matter)
{
	static const char *const not_fm[] = {
	        "----\ntitle: x\n---\n", " ---\ntitle: x\n---\n",
	        "---x\ntitle: x\n---\n", "\n---\ntitle: x\n---\n",
	        "--\ntitle: x\n---\n",   "",
	};
	for (size_t i = 0; i < sizeof not_fm / sizeof *not_fm; i++) {
		struct result r;
		parse(&r, not_fm[i]);
		cr_expect_eq(r.st, FM_NONE, "case %zu", i);
		cr_expect_eq(r.off, 0, "case %zu", i);
		result_fini(&r);
	}
	struct result r;
	parse(&r, "---  \r\ntitle: x\n--- \t\nBody");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_str_eq(r.fm.title, "x");
	cr_assert_eq(r.off, strlen("---  \r\ntitle: x\n--- \t\n"));
	result_fini(&r);
}

Test(frontmatter, dots_close_front_matter_too)
{
	struct result r;
	parse(&r, "---\ntitle: x\n...\nBody");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_str_eq(r.fm.title, "x");
	cr_assert_eq(r.off, 17);
	result_fini(&r);
}

Test(frontmatter, closing_line_at_end_of_file_without_newline)
{
	struct result r;
	parse(&r, "---\ntitle: x\n---");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.off, 16);
	result_fini(&r);
}

Test(frontmatter, malformed_yaml_is_reported_at_its_file_line_and_column)
{
	struct result r;
	parse(&r, "---\ntitle: Hello\nauthor: a: b\n---\nBody\n");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 1);
	/* YAML line 1 (0-based), column 9: the second ':' on file line 3. */
	assert_diag(&r, 0,
	            "a.md:3:10: warning: front matter: mapping values are "
	            "not allowed in this context");
	cr_assert_null(r.fm.title);
	cr_assert_eq(r.off, strlen("---\ntitle: Hello\nauthor: a: b\n---\n"));
	result_fini(&r);
}

Test(frontmatter, malformed_yaml_names_the_context_position)
{
	struct result r;
	parse(&r, "---\ntitle: Hello\nauthor: \"unterminated\n---\nBody\n");
	cr_assert_eq(r.st, FM_ERROR);
	assert_diag(&r, 0,
	            "a.md:4:1: warning: front matter: found unexpected end "
	            "of stream (while scanning a quoted scalar at line 3, "
	            "column 9)");
	result_fini(&r);
}

Test(frontmatter, tab_indentation_is_reported)
{
	struct result r;
	parse(&r, "---\ntitle: x\n\tauthor: y\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 1);
	cr_assert_eq(r.dl.v[0].line, 3);
	result_fini(&r);
}

Test(frontmatter, invalid_utf8_is_reported_at_its_byte)
{
	struct result r;
	parse(&r, "---\ntitle: \"bad \xff\"\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	assert_diag(&r, 0,
	            "a.md:2:13: warning: front matter: invalid leading "
	            "UTF-8 octet");
	result_fini(&r);
}

Test(frontmatter, unterminated_front_matter_makes_the_whole_file_body)
{
	struct result r;
	parse(&r, "---\ntitle: x\n\nThe text.\n");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.off, 0);
	cr_assert_eq(r.dl.n, 1);
	assert_diag(&r, 0,
	            "a.md:1:1: warning: front matter: no closing '---' line");
	cr_assert_null(r.fm.title);
	result_fini(&r);

	parse(&r, "\xEF\xBB\xBF---\ntitle: x\n");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.off, 3);
	result_fini(&r);

	parse(&r, "---");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.off, 0);
	result_fini(&r);
}

Test(frontmatter, a_list_is_not_a_mapping)
{
	struct result r;
	parse(&r, "---\n- a\n- b\n---\nBody");
	cr_assert_eq(r.st, FM_ERROR);
	assert_diag(&r, 0,
	            "a.md:2:1: warning: front matter: should be a mapping of "
	            "fields, not a list");
	cr_assert_eq(r.off, 16);
	result_fini(&r);
}

Test(frontmatter, a_scalar_is_not_a_mapping)
{
	struct result r;
	parse(&r, "---\njust words\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	assert_diag(&r, 0,
	            "a.md:2:1: warning: front matter: should be a mapping of "
	            "fields (\"key: value\" lines)");
	result_fini(&r);
}

Test(frontmatter, empty_front_matter_is_ok_with_no_fields)
{
	struct result r;
	parse(&r, "---\n---\nBody");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.dl.n, 0);
	cr_assert_eq(r.off, 8);
	cr_assert_null(r.fm.title);
	cr_assert_eq(r.fm.ntags, 0);
	cr_assert_eq(r.fm.nextra, 0);
	result_fini(&r);

	parse(&r, "---\n# only a comment\n\n---\n");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.dl.n, 0);
	result_fini(&r);
}

Test(frontmatter, string_fields_of_the_wrong_type_warn_and_others_are_kept)
{
	struct result r;
	parse(&r, "---\n"
	          "title: [a, b]\n"
	          "author: {name: x}\n"
	          "source:\n"
	          "  - one\n"
	          "date: 2020-02-29\n"
	          "---\n");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 3);
	assert_diag(&r, 0,
	            "a.md:2:8: warning: front matter: 'title' should be a "
	            "string");
	assert_diag(&r, 1,
	            "a.md:3:9: warning: front matter: 'author' should be a "
	            "string");
	assert_diag(&r, 2,
	            "a.md:5:3: warning: front matter: 'source' should be a "
	            "string");
	cr_assert_null(r.fm.title);
	cr_assert_null(r.fm.author);
	cr_assert_null(r.fm.source);
	cr_assert_str_eq(r.fm.date, "2020-02-29");
	result_fini(&r);
}

Test(frontmatter, scalars_of_any_style_are_strings)
{
	struct result r;
	parse(&r, "---\ntitle: 2019\nauthor: \"A \\\"B\\\"\"\nsource: |\n"
	          "  two\n  lines\n---\n");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_str_eq(r.fm.title, "2019");
	cr_assert_str_eq(r.fm.author, "A \"B\"");
	cr_assert_str_eq(r.fm.source, "two\nlines\n");
	result_fini(&r);
}

Test(frontmatter, null_values_leave_fields_absent)
{
	struct result r;
	parse(&r, "---\ntitle: ~\nauthor:\ndate: null\ntags:\n---\n");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.dl.n, 0);
	cr_assert_null(r.fm.title);
	cr_assert_null(r.fm.author);
	cr_assert_null(r.fm.date);
	cr_assert_eq(r.fm.ntags, 0);
	result_fini(&r);

	parse(&r, "---\ntitle: '~'\n---\n");
	cr_assert_str_eq(r.fm.title, "~");
	result_fini(&r);
}

Test(frontmatter, bad_date_warns_with_the_value_and_is_not_set)
{
	struct result r;
	parse(&r, "---\ntitle: T\ndate: 12/07/2019\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 1);
	assert_diag(&r, 0,
	            "a.md:3:7: warning: front matter: date '12/07/2019' is "
	            "not an ISO 8601 date (YYYY-MM-DD)");
	cr_assert_null(r.fm.date);
	cr_assert_str_eq(r.fm.title, "T");
	result_fini(&r);

	parse(&r, "---\ndate: [2019-07-12]\n---\n");
	assert_diag(&r, 0,
	            "a.md:2:7: warning: front matter: 'date' should be a "
	            "string");
	result_fini(&r);
}

Test(frontmatter, valid_dates)
{
	static const char *const good[] = {
	        "2019-07-12",
	        "2000-02-29",
	        "2019-12-31T23:59",
	        "2019-07-12T08:30:15",
	        "2019-07-12T08:30Z",
	        "2019-07-12T08:30:15+02:00",
	        "2019-07-12T08:30-05:30",
	        "0001-01-01",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		cr_expect(frontmatter_valid_date(good[i]), "%s", good[i]);
}

Test(frontmatter, invalid_dates)
{
	static const char *const bad[] = {
	        "",
	        "2019",
	        "2019-7-12",
	        "2019-07-1",
	        "12/07/2019",
	        "2019-13-01",
	        "2019-00-10",
	        "2019-04-31",
	        "2019-02-29",
	        "1900-02-29",
	        "2019-07-12 08:30",
	        "2019-07-12T8:30",
	        "2019-07-12T24:00",
	        "2019-07-12T08:60",
	        "2019-07-12T08:30:61",
	        "2019-07-12T08:30Zx",
	        "2019-07-12T08:30+0200",
	        "2019-07-12T08:30+02:00:00",
	        "2019-07-12T",
	        "2019-07-12x",
	        "July 12, 2019",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		cr_expect(!frontmatter_valid_date(bad[i]), "%s", bad[i]);
	cr_expect(!frontmatter_valid_date(NULL));
}

Test(frontmatter, tags_as_one_string)
{
	struct result r;
	parse(&r, "---\ntags: huawei\n---\n");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.fm.ntags, 1);
	cr_assert_str_eq(r.fm.tags[0], "huawei");
	result_fini(&r);
}

Test(frontmatter, tags_as_a_block_list)
{
	struct result r;
	/* Empty items are dropped. */
	parse(&r, "---\ntags:\n  - a\n  - 'b c'\n  -\n  - ''\n  - d\n---\n");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.fm.ntags, 3);
	cr_assert_str_eq(r.fm.tags[0], "a");
	cr_assert_str_eq(r.fm.tags[1], "b c");
	cr_assert_str_eq(r.fm.tags[2], "d");
	result_fini(&r);
}

Test(frontmatter, tags_keep_the_good_items_of_a_bad_list)
{
	struct result r;
	parse(&r, "---\ntags: [a, [b], {c: d}, e]\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 2);
	assert_diag(&r, 0,
	            "a.md:2:11: warning: front matter: 'tags' should be a "
	            "string or a list of strings");
	cr_assert_eq(r.dl.v[1].col, 16);
	cr_assert_eq(r.fm.ntags, 2);
	cr_assert_str_eq(r.fm.tags[0], "a");
	cr_assert_str_eq(r.fm.tags[1], "e");
	result_fini(&r);

	parse(&r, "---\ntags: {a: b}\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.fm.ntags, 0);
	assert_diag(&r, 0,
	            "a.md:2:7: warning: front matter: 'tags' should be a "
	            "string or a list of strings");
	result_fini(&r);
}

Test(frontmatter, unknown_fields_are_kept_in_file_order)
{
	struct result r;
	parse(&r, "---\n"
	          "zeta: 1\n"
	          "title: T\n"
	          "alpha: [x, y, z]\n"
	          "  # a comment\n"
	          "nested: {k: [1, 2], m: {n: o}}\n"
	          "Title: case matters\n"
	          "---\n");
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.fm.nextra, 4);
	cr_assert_str_eq(r.fm.extra[0].key, "zeta");
	cr_assert_str_eq(r.fm.extra[0].value, "1");
	cr_assert_eq(r.fm.extra[0].line, 2);
	cr_assert_eq(r.fm.extra[0].col, 1);
	cr_assert_str_eq(r.fm.extra[1].key, "alpha");
	cr_assert_str_eq(r.fm.extra[1].value, "x, y, z");
	cr_assert_eq(r.fm.extra[1].line, 4);
	cr_assert_str_eq(r.fm.extra[2].key, "nested");
	cr_assert_str_eq(r.fm.extra[2].value, "{k: [1, 2], m: {n: o}}");
	cr_assert_eq(r.fm.extra[2].line, 6);
	cr_assert_str_eq(r.fm.extra[3].key, "Title");
	cr_assert_str_eq(r.fm.title, "T");
	result_fini(&r);
}

Test(frontmatter, duplicate_keys_warn_and_the_first_wins)
{
	struct result r;
	parse(&r, "---\ntitle: First\nx: 1\ntitle: Second\nx: 2\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 2);
	assert_diag(&r, 0,
	            "a.md:4:1: warning: front matter: duplicate field "
	            "'title' ignored (first on line 2)");
	assert_diag(&r, 1,
	            "a.md:5:1: warning: front matter: duplicate field 'x' "
	            "ignored (first on line 3)");
	cr_assert_str_eq(r.fm.title, "First");
	cr_assert_eq(r.fm.nextra, 1);
	cr_assert_str_eq(r.fm.extra[0].value, "1");
	result_fini(&r);
}

Test(frontmatter, non_string_keys_warn)
{
	struct result r;
	parse(&r, "---\n? [a, b]\n: c\ntitle: T\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	assert_diag(&r, 0,
	            "a.md:2:3: warning: front matter: a field name should be "
	            "a string");
	cr_assert_str_eq(r.fm.title, "T");
	result_fini(&r);
}

Test(frontmatter, bom_before_the_opening_line_is_allowed)
{
	struct result r;
	const char *text = "\xEF\xBB\xBF---\ntitle: x\n---\nBody";
	parse(&r, text);
	cr_assert_eq(r.st, FM_OK);
	cr_assert_str_eq(r.fm.title, "x");
	cr_assert_str_eq(text + r.off, "Body");
	result_fini(&r);

	parse(&r, "\xEF\xBB\xBFNo front matter");
	cr_assert_eq(r.st, FM_NONE);
	cr_assert_eq(r.off, 3);
	result_fini(&r);

	/* Positions do not move: the YAML still starts on line 2. */
	parse(&r, "\xEF\xBB\xBF---\ntitle: x\ndate: soon\n---\n");
	assert_diag(&r, 0,
	            "a.md:3:7: warning: front matter: date 'soon' is not an "
	            "ISO 8601 date (YYYY-MM-DD)");
	result_fini(&r);
}

Test(frontmatter, crlf_lines)
{
	struct result r;
	const char *text = "---\r\ntitle: Windows\r\ntags: [a, b]\r\n"
	                   "date: 12.07.2019\r\n---\r\nBody\r\n";
	parse(&r, text);
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_str_eq(r.fm.title, "Windows");
	cr_assert_eq(r.fm.ntags, 2);
	cr_assert_str_eq(r.fm.tags[1], "b");
	cr_assert_str_eq(text + r.off, "Body\r\n");
	assert_diag(&r, 0,
	            "a.md:4:7: warning: front matter: date '12.07.2019' is "
	            "not an ISO 8601 date (YYYY-MM-DD)");
	result_fini(&r);
}

Test(frontmatter, text_need_not_be_nul_terminated)
{
	struct result r;
	/* Only the first 16 bytes are given: the closing line is "---". */
	const char text[] = "---\ntitle: x\n---garbage: [";
	parse_len(&r, text, 16);
	cr_assert_eq(r.st, FM_OK);
	cr_assert_str_eq(r.fm.title, "x");
	cr_assert_eq(r.off, 16);
	result_fini(&r);
}

Test(frontmatter, several_yaml_documents_are_an_error)
{
	struct result r;
	parse(&r, "---\ntitle: x\n--- second\n---\nBody");
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 1);
	assert_diag(&r, 0,
	            "a.md:3:1: warning: front matter: more than one YAML "
	            "document (a second '---' line inside the front matter?)");
	cr_assert_null(r.fm.title);
	result_fini(&r);
}

static char *
repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(hl + ul * n + tl + 1);
	cr_assert_not_null(s);
	memcpy(s, head, hl);
	for (size_t i = 0; i < n; i++)
		memcpy(s + hl + i * ul, unit, ul);
	memcpy(s + hl + ul * n, tail, tl + 1);
	return s;
}

Test(frontmatter, deep_nesting_is_refused_without_crashing)
{
	struct result r;
	char *open = repeat("---\nx: ", "[", 10000, "");
	char *text = repeat(open, "]", 10000, "\n---\nBody");
	parse(&r, text);
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 1);
	/* The 32nd '[' is the 33rd collection: the root mapping is one. */
	assert_diag(&r, 0,
	            "a.md:2:35: warning: front matter: nested deeper than 32 "
	            "levels");
	cr_assert_str_eq(text + r.off, "Body");
	result_fini(&r);
	free(open);
	free(text);
}

Test(frontmatter, hundred_thousand_open_brackets_do_not_crash)
{
	struct result r;
	char *text = repeat("---\ntitle: [", "[", 100000, "\n---\n");
	parse(&r, text);
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_geq(r.dl.n, 1);
	cr_assert_null(r.fm.title);
	result_fini(&r);
	free(text);

	text = repeat("---\n", "- ", 100000, "x\n---\n");
	parse(&r, text);
	cr_assert_eq(r.st, FM_ERROR);
	result_fini(&r);
	free(text);
}

Test(frontmatter, nesting_up_to_the_limit_is_fine)
{
	struct result r;
	char *open = repeat("---\nx: ", "[", 31, "");
	char *text = repeat(open, "]", 31, "\n---\n");
	parse(&r, text);
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.fm.nextra, 1);
	result_fini(&r);
	free(open);
	free(text);
}

Test(frontmatter, too_many_aliases_are_refused)
{
	struct result r;
	/* Sixteen are fine... */
	char *text = repeat("---\nx: &x 1\ny: [", "*x, ", 15, "*x]\n---\n");
	parse(&r, text);
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.fm.nextra, 2);
	cr_assert_str_eq(r.fm.extra[1].value,
	                 "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1");
	result_fini(&r);
	free(text);

	/* ...seventeen are not. */
	text = repeat("---\nx: &x 1\ny: [", "*x, ", 16, "*x]\n---\n");
	parse(&r, text);
	cr_assert_eq(r.st, FM_ERROR);
	assert_diag(&r, 0,
	            "a.md:3:69: warning: front matter: more than 16 aliases");
	result_fini(&r);
	free(text);

	/* "Billion laughs": nine levels of nine aliases each. */
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "---\nl0: &l0 [lol, lol, lol, lol, lol, lol]\n");
	for (int i = 1; i < 10; i++) {
		sb_addf(&sb, "l%d: &l%d [", i, i);
		for (int j = 0; j < 9; j++)
			sb_addf(&sb, "%s*l%d", j ? ", " : "", i - 1);
		sb_addstr(&sb, "]\n");
	}
	sb_addstr(&sb, "title: T\n---\n");
	parse(&r, sb.buf);
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 1);
	/* The 17th alias is the 8th item of l2's list. */
	assert_diag(&r, 0,
	            "a.md:4:45: warning: front matter: more than 16 aliases");
	cr_assert_null(r.fm.title);
	result_fini(&r);
	sb_fini(&sb);
}

Test(frontmatter, an_alias_inside_its_own_anchor_is_refused)
{
	struct result r;
	parse(&r, "---\ntitle: T\na: &x {k: [*x]}\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	assert_diag(&r, 0,
	            "a.md:3:12: warning: front matter: alias '*x' inside the "
	            "collection it names");
	result_fini(&r);
}

Test(frontmatter, an_undefined_alias_is_reported)
{
	struct result r;
	parse(&r, "---\ntitle: T\nb: *nope\n---\n");
	cr_assert_eq(r.st, FM_ERROR);
	assert_diag(&r, 0,
	            "a.md:3:4: warning: front matter: found undefined "
	            "alias");
	result_fini(&r);
}

Test(frontmatter, large_values_are_rendered_bounded)
{
	struct result r;
	char *text = repeat("---\nbig: [", "[a, b, c], ", 5000, "z]\n---\n");
	parse(&r, text);
	cr_assert_eq(r.st, FM_OK);
	cr_assert_eq(r.fm.nextra, 1);
	size_t n = strlen(r.fm.extra[0].value);
	cr_assert_lt(n, 4200);
	cr_assert_str_eq(r.fm.extra[0].value + n - 3, "...");
	result_fini(&r);
	free(text);
}

Test(frontmatter, many_problems_are_capped)
{
	struct strbuf sb;
	struct result r;
	sb_init(&sb);
	sb_addstr(&sb, "---\n");
	for (int i = 0; i < 1000; i++)
		sb_addstr(&sb, "title: x\n");
	sb_addstr(&sb, "---\n");
	parse(&r, sb.buf);
	cr_assert_eq(r.st, FM_ERROR);
	cr_assert_eq(r.dl.n, 21);
	cr_assert_str_eq(r.dl.v[20].msg,
	                 "front matter: more problems, not reported");
	result_fini(&r);
	sb_fini(&sb);
}

Test(frontmatter, fini_is_safe_twice_and_on_empty)
{
	struct frontmatter fm;
	frontmatter_init(&fm);
	frontmatter_fini(&fm);
	frontmatter_fini(&fm);
	cr_assert_null(fm.title);
	cr_assert_null(fm.tags);
}
