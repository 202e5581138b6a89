/* test_yamldoc.c - the YAML tree: shapes, positions, limits, errors. */
#include "yamldoc.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const struct ydoc_limits roomy = {
        .max_depth = 32,
        .max_aliases = 16,
        .max_scalar = 0,
};

/* Parses text, which must be good, counting lines from first_line. */
static void
parse_ok(struct ydoc *doc, const char *text, int first_line)
{
	struct ydoc_error err;
	int rc = ydoc_parse(doc, text, strlen(text), &roomy, first_line, &err);
	cr_assert_eq(rc, 0, "%s: %s", text, err.msg ? err.msg : "");
	cr_assert_eq(err.problem, YDOC_OK);
	cr_assert_null(err.msg);
	ydoc_error_fini(&err);
}

static void
assert_pos(const struct ydoc_node *n, int line, int col)
{
	cr_assert_eq(n->line, line, "line %d, not %d", n->line, line);
	cr_assert_eq(n->col, col, "column %d, not %d", n->col, col);
}

Test(yamldoc, builds_mappings_sequences_and_scalars)
{
	struct ydoc doc;
	parse_ok(&doc, "title: Hello\ntags: [a, 'b c']\nnested: {k: v}\n", 1);
	const struct ydoc_node *root = doc.root;
	cr_assert_not_null(root);
	cr_assert_eq(root->kind, YDOC_MAPPING);
	cr_assert_eq(root->npairs, 3);
	cr_assert_str_eq(root->pairs[0].key->text, "title");
	cr_assert_str_eq(root->pairs[0].value->text, "Hello");
	cr_assert_eq(root->pairs[0].value->len, 5);

	const struct ydoc_node *tags = root->pairs[1].value;
	cr_assert_eq(tags->kind, YDOC_SEQUENCE);
	cr_assert_eq(tags->nitems, 2);
	cr_assert_str_eq(tags->items[0]->text, "a");
	cr_assert(tags->items[0]->plain);
	cr_assert_str_eq(tags->items[1]->text, "b c");
	cr_assert_not(tags->items[1]->plain);

	const struct ydoc_node *nested = root->pairs[2].value;
	cr_assert_eq(nested->kind, YDOC_MAPPING);
	cr_assert_eq(nested->npairs, 1);
	cr_assert_str_eq(nested->pairs[0].value->text, "v");
	ydoc_fini(&doc);
}

Test(yamldoc, positions_are_one_based_from_first_line)
{
	struct ydoc doc;
	const char *text = "a: 1\nlist:\n  - x\n  - \"y\"\n";
	parse_ok(&doc, text, 1);
	const struct ydoc_node *root = doc.root;
	assert_pos(root, 1, 1);
	assert_pos(root->pairs[0].value, 1, 4);
	assert_pos(root->pairs[1].key, 2, 1);
	assert_pos(root->pairs[1].value->items[0], 3, 5);
	assert_pos(root->pairs[1].value->items[1], 4, 5);
	ydoc_fini(&doc);

	/* YAML embedded in a file from its line 2 (front matter). */
	parse_ok(&doc, text, 2);
	assert_pos(doc.root->pairs[1].value->items[1], 5, 5);
	ydoc_fini(&doc);
}

Test(yamldoc, columns_count_characters_not_bytes)
{
	struct ydoc doc;
	parse_ok(&doc, "\xc3\xa9t\xc3\xa9: x\n", 1);
	assert_pos(doc.root->pairs[0].value, 1, 6);
	ydoc_fini(&doc);
}

Test(yamldoc, end_positions_tell_one_line_scalars)
{
	struct ydoc doc;
	parse_ok(&doc, "a: one line\nb: two\n  lines\n", 1);
	const struct ydoc_node *a = doc.root->pairs[0].value;
	const struct ydoc_node *b = doc.root->pairs[1].value;
	cr_assert_eq(a->end_line, a->line);
	cr_assert_eq(a->end_col, 12);
	cr_assert_str_eq(b->text, "two lines");
	cr_assert_neq(b->end_line, b->line);
	ydoc_fini(&doc);
}

Test(yamldoc, text_need_not_be_nul_terminated)
{
	struct ydoc doc;
	struct ydoc_error err;
	const char text[] = "a: b\nc: [";
	cr_assert_eq(ydoc_parse(&doc, text, 4, &roomy, 1, &err), 0);
	cr_assert_eq(doc.root->npairs, 1);
	cr_assert_str_eq(doc.root->pairs[0].value->text, "b");
	ydoc_error_fini(&err);
	ydoc_fini(&doc);
}

Test(yamldoc, scalars_may_hold_nul_characters)
{
	struct ydoc doc;
	parse_ok(&doc, "a: \"x\\0y\"\n", 1);
	const struct ydoc_node *v = doc.root->pairs[0].value;
	cr_assert_eq(v->len, 3);
	cr_assert_eq(strlen(v->text), 1);
	cr_assert_eq(memcmp(v->text, "x\0y", 4), 0);
	ydoc_fini(&doc);
}

Test(yamldoc, empty_documents_have_no_root_or_a_null_one)
{
	struct ydoc doc;
	parse_ok(&doc, "", 1);
	cr_assert_null(doc.root);
	ydoc_fini(&doc);
	parse_ok(&doc, "# only a comment\n\n", 1);
	cr_assert_null(doc.root);
	ydoc_fini(&doc);
	parse_ok(&doc, "---\n", 1);
	cr_assert_not_null(doc.root);
	cr_assert(ydoc_is_null(doc.root));
	ydoc_fini(&doc);
}

Test(yamldoc, null_is_plain_and_spelled_one_of_a_few_ways)
{
	struct ydoc doc;
	parse_ok(&doc,
	         "- ~\n- null\n- Null\n- NULL\n-\n- 'null'\n- nil\n- \"\"\n",
	         1);
	const struct ydoc_node *s = doc.root;
	const bool want[] = {true, true, true, true, true, false, false, false};
	cr_assert_eq(s->nitems, 8);
	for (size_t i = 0; i < s->nitems; i++)
		cr_assert_eq(ydoc_is_null(s->items[i]), want[i], "item %zu", i);
	cr_assert_not(ydoc_is_null(s));
	ydoc_fini(&doc);
}

Test(yamldoc, an_alias_is_the_node_its_anchor_names)
{
	struct ydoc doc;
	parse_ok(&doc, "a: &x {k: v}\nb: [*x, *x]\n", 1);
	const struct ydoc_node *a = doc.root->pairs[0].value;
	const struct ydoc_node *b = doc.root->pairs[1].value;
	cr_assert_eq(b->items[0], a);
	cr_assert_eq(b->items[1], a);
	ydoc_fini(&doc);
}

/* One refused text: the problem, where, and what it says. */
struct bad_case {
	char text[64];
	struct ydoc_limits lim;
	int first_line;
	enum ydoc_problem problem;
	int line, col;
	char msg[120];
};

ParameterizedTestParameters(yamldoc, refuses_with_a_position)
{
	static struct bad_case cases[] = {
	        /* The third '[' is the fourth collection. */
	        {"a: [[[x]]]\n",
	         {3, 16, 0},
	         1,
	         YDOC_ERR_DEPTH,
	         1,
	         6,
	         "nested deeper than 3 levels"},
	        {"a: &x 1\nb: [*x, *x, *x]\n",
	         {32, 2, 0},
	         1,
	         YDOC_ERR_ALIASES,
	         2,
	         13,
	         "more than 2 aliases"},
	        {"a: &x {k: [*x]}\n",
	         {32, 16, 0},
	         1,
	         YDOC_ERR_ALIAS_CYCLE,
	         1,
	         12,
	         "alias '*x' inside the collection it names"},
	        {"a: abcde\n",
	         {32, 16, 4},
	         1,
	         YDOC_ERR_SCALAR,
	         1,
	         4,
	         "a value longer than 4 bytes"},
	        {"a: &abcde [x]\n",
	         {32, 16, 4},
	         1,
	         YDOC_ERR_ANCHOR,
	         1,
	         4,
	         "an anchor name longer than 4 bytes"},
	        {"a: 1\n---\nb: 2\n",
	         {32, 16, 0},
	         1,
	         YDOC_ERR_DOCUMENTS,
	         2,
	         1,
	         "more than one YAML document (a second '---' line?)"},
	        {"a: 1\n...\n---\nb: 2\n",
	         {32, 16, 0},
	         5,
	         YDOC_ERR_DOCUMENTS,
	         7,
	         1,
	         "more than one YAML document (a second '---' line?)"},
	        {"title: x\nauthor: a: b\n",
	         {32, 16, 0},
	         1,
	         YDOC_ERR_SYNTAX,
	         2,
	         10,
	         "mapping values are not allowed in this context"},
	        {"title: x\nauthor: a: b\n",
	         {32, 16, 0},
	         2,
	         YDOC_ERR_SYNTAX,
	         3,
	         10,
	         "mapping values are not allowed in this context"},
	        {"a:\n  b: [j\n",
	         {32, 16, 0},
	         1,
	         YDOC_ERR_SYNTAX,
	         3,
	         1,
	         "did not find expected ',' or ']' (while parsing a flow "
	         "sequence at line 2, column 6)"},
	        {"\xc3\xa9: \"bad \xff\"\n",
	         {32, 16, 0},
	         2,
	         YDOC_ERR_SYNTAX,
	         2,
	         9,
	         "invalid leading UTF-8 octet"},
	        {"b: *nope\n",
	         {32, 16, 0},
	         1,
	         YDOC_ERR_SYNTAX,
	         1,
	         4,
	         "found undefined alias"},
	};
	return cr_make_param_array(struct bad_case, cases,
	                           sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_case *c, yamldoc, refuses_with_a_position)
{
	struct ydoc doc;
	struct ydoc_error err;
	int rc = ydoc_parse(&doc, c->text, strlen(c->text), &c->lim,
	                    c->first_line, &err);
	cr_assert_eq(rc, -1, "%s", c->text);
	cr_assert_null(doc.root);
	cr_assert_eq(err.problem, c->problem, "%s: problem %d", c->text,
	             (int)err.problem);
	cr_assert_str_eq(err.msg, c->msg);
	cr_expect_eq(err.line, c->line, "%s: line %d", c->text, err.line);
	cr_expect_eq(err.col, c->col, "%s: column %d", c->text, err.col);
	ydoc_error_fini(&err);
	cr_assert_null(err.msg);
	ydoc_fini(&doc);
}

Test(yamldoc, limits_are_inclusive)
{
	static const struct ydoc_limits lim = {3, 2, 4};
	struct ydoc doc;
	struct ydoc_error err;
	const char *text = "a: &abcd [[abcd]]\nb: [*abcd, *abcd]\n";
	cr_assert_eq(ydoc_parse(&doc, text, strlen(text), &lim, 1, &err), 0,
	             "%s", err.msg ? err.msg : "");
	ydoc_error_fini(&err);
	ydoc_fini(&doc);
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

Test(yamldoc, hostile_nesting_and_aliases_end_quickly)
{
	struct ydoc doc;
	struct ydoc_error err;
	char *text = repeat("a: ", "[", 100000, "");
	cr_assert_eq(ydoc_parse(&doc, text, strlen(text), &roomy, 1, &err), -1);
	cr_assert_eq(err.problem, YDOC_ERR_DEPTH);
	cr_assert_eq(err.col, 35);
	ydoc_error_fini(&err);
	ydoc_fini(&doc);
	free(text);

	/* "Billion laughs": nine levels of nine aliases each. */
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "l0: &l0 [lol, lol, lol]\n");
	for (int i = 1; i < 10; i++) {
		sb_addf(&sb, "l%d: &l%d [", i, i);
		for (int j = 0; j < 9; j++)
			sb_addf(&sb, "%s*l%d", j ? ", " : "", i - 1);
		sb_addstr(&sb, "]\n");
	}
	cr_assert_eq(ydoc_parse(&doc, sb.buf, sb.len, &roomy, 1, &err), -1);
	cr_assert_eq(err.problem, YDOC_ERR_ALIASES);
	cr_assert_eq(err.line, 3);
	ydoc_error_fini(&err);
	ydoc_fini(&doc);
	sb_fini(&sb);
}

Test(yamldoc, no_scalar_cap_when_it_is_zero)
{
	struct ydoc doc;
	char *text = repeat("a: &", "x", 10000, " [y]\nb: ");
	char *big = repeat(text, "z", 100000, "\n");
	parse_ok(&doc, big, 1);
	cr_assert_eq(doc.root->pairs[1].value->len, 100000);
	ydoc_fini(&doc);
	free(big);
	free(text);
}

Test(yamldoc, repeats_are_found_in_key_order)
{
	const char *keys[] = {"b", "a", NULL, "b", "a", "b", "c"};
	size_t first[7], repeats[7];
	size_t n = ydoc_find_repeats(keys, 7, first, repeats);
	const size_t want_first[] = {0, 1, 2, 0, 1, 0, 6};
	const size_t want_repeats[] = {4, 3, 5};
	cr_assert_eq(n, 3);
	for (size_t i = 0; i < 7; i++)
		cr_assert_eq(first[i], want_first[i], "first[%zu]", i);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(repeats[i], want_repeats[i], "repeats[%zu]", i);
	cr_assert_eq(ydoc_find_repeats(keys, 0, first, NULL), 0);
}

Test(yamldoc, fini_is_safe_twice_and_after_a_failure)
{
	struct ydoc doc;
	struct ydoc_error err;
	cr_assert_eq(ydoc_parse(&doc, "[", 1, &roomy, 1, &err), -1);
	ydoc_fini(&doc);
	ydoc_fini(&doc);
	ydoc_error_fini(&err);
	ydoc_error_fini(&err);
	cr_assert_null(doc.root);
	cr_assert_null(err.msg);
}
