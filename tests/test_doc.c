/* test_doc.c - paragraphs, headings and word counts of article bodies. */
#include "doc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

/* Asserts that block i of d is kind and spells text in body. */
static void
assert_block(const struct doc *d, const char *body, size_t i,
             enum block_kind kind, const char *text)
{
	cr_assert_gt(d->n, i, "expected a block #%zu: %s", i, text);
	const struct block *b = &d->v[i];
	cr_expect_eq(b->kind, kind, "block #%zu kind", i);
	cr_expect_eq(b->len, strlen(text), "block #%zu length", i);
	cr_expect(b->len == strlen(text) &&
	                  !memcmp(body + b->start, text, b->len),
	          "block #%zu is '%.*s', expected '%s'", i, (int)b->len,
	          body + b->start, text);
}

static void
parse(struct doc *d, const char *body)
{
	doc_init(d);
	doc_parse(d, body, strlen(body));
}

Test(doc, paragraphs_are_separated_by_blank_lines)
{
	struct doc d;
	const char *body = "First para\nsoft break.\n\nSecond.\n\n\n\nThird.\n";
	parse(&d, body);
	cr_assert_eq(d.n, 3);
	assert_block(&d, body, 0, BLOCK_PARA, "First para\nsoft break.");
	assert_block(&d, body, 1, BLOCK_PARA, "Second.");
	assert_block(&d, body, 2, BLOCK_PARA, "Third.");
	doc_fini(&d);
}

Test(doc, lines_of_spaces_tabs_and_cr_are_blank)
{
	struct doc d;
	const char *body = "One\n \t \r\nTwo\n\r\nThree\n   \n";
	parse(&d, body);
	cr_assert_eq(d.n, 3);
	assert_block(&d, body, 0, BLOCK_PARA, "One");
	assert_block(&d, body, 1, BLOCK_PARA, "Two");
	assert_block(&d, body, 2, BLOCK_PARA, "Three");
	doc_fini(&d);
}

Test(doc, a_no_break_space_line_is_blank)
{
	/* The bundled corpus has such a line: one blank line between the
	 * paragraphs, not a paragraph of nothing between two blank lines. */
	struct doc d;
	const char *body =
	        "One\n\n\xC2\xA0\n\nTwo\n \xE2\x80\xAF\t\xC2\xA0\r\nThree\n"
	        "\xC2\xA0x\n";
	parse(&d, body);
	cr_assert_eq(d.n, 3, "%zu blocks", d.n);
	assert_block(&d, body, 0, BLOCK_PARA, "One");
	assert_block(&d, body, 1, BLOCK_PARA, "Two");
	assert_block(&d, body, 2, BLOCK_PARA, "Three\n\xC2\xA0x");
	doc_fini(&d);
}

Test(doc, headings_one_to_six_hashes_then_a_space)
{
	struct doc d;
	const char *body = "# One\n\n## Two\n\n###### Six\n\n####### Seven\n\n"
	                   "#NoSpace\n\n##\n";
	parse(&d, body);
	cr_assert_eq(d.n, 6);
	assert_block(&d, body, 0, BLOCK_HEADING, "One");
	assert_block(&d, body, 1, BLOCK_HEADING, "Two");
	assert_block(&d, body, 2, BLOCK_HEADING, "Six");
	assert_block(&d, body, 3, BLOCK_PARA, "####### Seven");
	assert_block(&d, body, 4, BLOCK_PARA, "#NoSpace");
	assert_block(&d, body, 5, BLOCK_PARA, "##");
	doc_fini(&d);
}

Test(doc, a_heading_is_a_block_even_inside_a_paragraph)
{
	struct doc d;
	const char *body = "Before\n## Eyes on the prize\nAfter one\nafter two";
	parse(&d, body);
	cr_assert_eq(d.n, 3);
	assert_block(&d, body, 0, BLOCK_PARA, "Before");
	assert_block(&d, body, 1, BLOCK_HEADING, "Eyes on the prize");
	assert_block(&d, body, 2, BLOCK_PARA, "After one\nafter two");
	doc_fini(&d);
}

Test(doc, heading_text_skips_extra_spaces_and_trims_the_end)
{
	struct doc d;
	const char *body = "##   Spaced  \t\r\n#  \n";
	parse(&d, body);
	cr_assert_eq(d.n, 2);
	assert_block(&d, body, 0, BLOCK_HEADING, "Spaced");
	cr_assert_eq(d.v[0].start, 5);
	assert_block(&d, body, 1, BLOCK_HEADING, "");
	doc_fini(&d);
}

Test(doc, an_indented_hash_is_not_a_heading)
{
	struct doc d;
	const char *body = " # not a heading\n";
	parse(&d, body);
	cr_assert_eq(d.n, 1);
	assert_block(&d, body, 0, BLOCK_PARA, " # not a heading");
	doc_fini(&d);
}

Test(doc, body_without_trailing_newline)
{
	struct doc d;
	const char *body = "One\n\nLast words";
	parse(&d, body);
	cr_assert_eq(d.n, 2);
	assert_block(&d, body, 1, BLOCK_PARA, "Last words");
	doc_fini(&d);

	body = "## Only a heading";
	parse(&d, body);
	cr_assert_eq(d.n, 1);
	assert_block(&d, body, 0, BLOCK_HEADING, "Only a heading");
	doc_fini(&d);
}

Test(doc, empty_and_blank_bodies_have_no_blocks)
{
	struct doc d;
	parse(&d, "");
	cr_assert_eq(d.n, 0);
	doc_fini(&d);
	parse(&d, "\n\n  \n\t\r\n");
	cr_assert_eq(d.n, 0);
	doc_fini(&d);
	doc_init(&d);
	doc_parse(&d, NULL, 0);
	cr_assert_eq(d.n, 0);
	doc_fini(&d);
}

Test(doc, crlf_is_left_to_the_corpus)
{
	/*
	 * The corpus turns "\r\n" into "\n" when it loads a body; given one
	 * that still has them, doc only drops the '\r' ending a block.
	 */
	struct doc d;
	const char *body = "One\r\ntwo\r\n\r\n## Head\r\nThree\r\n";
	parse(&d, body);
	cr_assert_eq(d.n, 3);
	assert_block(&d, body, 0, BLOCK_PARA, "One\r\ntwo");
	assert_block(&d, body, 1, BLOCK_HEADING, "Head");
	assert_block(&d, body, 2, BLOCK_PARA, "Three");
	doc_fini(&d);
}

Test(doc, only_len_bytes_are_read)
{
	struct doc d;
	const char body[] = "One\n\nTwo and more";
	doc_init(&d);
	doc_parse(&d, body, 8);
	cr_assert_eq(d.n, 2);
	assert_block(&d, body, 1, BLOCK_PARA, "Two");
	doc_fini(&d);
}

Test(doc, parsing_again_replaces_the_blocks)
{
	struct doc d;
	parse(&d, "a\n\nb\n\nc\n");
	cr_assert_eq(d.n, 3);
	const char *body = "# x\n";
	doc_parse(&d, body, strlen(body));
	cr_assert_eq(d.n, 1);
	assert_block(&d, body, 0, BLOCK_HEADING, "x");
	doc_fini(&d);
	cr_assert_null(d.v);
	cr_assert_eq(d.n, 0);
}

static size_t
words(const char *s)
{
	return doc_word_count(s, strlen(s));
}

Test(doc, word_count_counts_runs_of_non_space)
{
	cr_expect_eq(words(""), 0);
	cr_expect_eq(words("   \n\t "), 0);
	cr_expect_eq(words("one"), 1);
	cr_expect_eq(words("  one two\tthree\nfour\r\nfive  "), 5);
	cr_expect_eq(words("a\vb\fc"), 3);
	/* Punctuation and UTF-8 are parts of words. */
	cr_expect_eq(words("don’t — stop, 100%"), 4);
	cr_expect_eq(words("## Eyes on the prize"), 5);
	/* Only len bytes count. */
	cr_expect_eq(doc_word_count("one two three", 7), 2);
	cr_expect_eq(doc_word_count(NULL, 0), 0);
}

/* The count as first written: a byte at a time, with a flag. */
static size_t
words_reference(const char *s, size_t len)
{
	size_t n = 0;
	bool in = false;
	for (size_t i = 0; i < len; i++) {
		bool sp = strchr(" \t\n\v\f\r", s[i]) && s[i];
		if (sp)
			in = false;
		else if (!in) {
			n++;
			in = true;
		}
	}
	return n;
}

Test(doc, word_counts_of_slices_add_up_to_the_whole)
{
	const char *t = "one two  three\tfour\nfive six seven";
	size_t len = strlen(t), whole = doc_word_count(t, len);
	cr_assert_eq(whole, 7);
	for (size_t step = 1; step <= len; step++) {
		size_t sum = 0;
		for (size_t from = 0; from < len; from += step)
			sum += doc_word_count_at(
			        t, from, from + step > len ? len - from : step);
		cr_assert_eq(sum, whole, "slices of %zu: %zu", step, sum);
	}
}

Test(doc, word_count_agrees_with_a_byte_at_a_time_count)
{
	/* Every byte value, and the ones next to the spaces most. */
	const unsigned char near[] = {'\b', '\t', '\n', '\v', '\f',
	                              '\r', 0x0e, ' ',  '!',  0x89,
	                              0x8d, 0xa0, 0x00, 0x1f, 0xff};
	unsigned seed = 7;
	char buf[300];
	for (int t = 0; t < 20000; t++) {
		size_t len = (size_t)t % sizeof buf;
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = seed >> 16;
			buf[i] = (char)(r % 3 ? near[r % sizeof near] : r >> 3);
		}
		cr_assert_eq(doc_word_count(buf, len),
		             words_reference(buf, len), "case %d", t);
	}
}

Test(doc, a_big_body_parses_in_linear_time, .timeout = 10)
{
	/* 200000 paragraphs and headings: quadratic code would time out. */
	size_t n = 200000, len = 0;
	char *body = malloc(n * 16);
	cr_assert_not_null(body);
	for (size_t i = 0; i < n; i++) {
		const char *line = i % 3 == 0 ? "## Head\n" : "word word\n\n";
		memcpy(body + len, line, strlen(line));
		len += strlen(line);
	}
	struct doc d;
	doc_init(&d);
	doc_parse(&d, body, len);
	cr_assert_eq(d.n, n);
	cr_assert_eq(doc_word_count(body, len), 2 * n);
	doc_fini(&d);
	free(body);
}

static void
assert_block_eq(const struct block *got, const struct block *want, size_t body,
                size_t i)
{
	cr_assert(got->kind == want->kind && got->start == want->start &&
	                  got->len == want->len,
	          "body %zu block %zu", body, i);
}

/* Split a few bytes at a time, a body gives the blocks it gives whole:
 * paragraphs across the steps, headings, CR, no newline at the end. */
Test(doc, split_lazily_it_gives_the_same_blocks)
{
	const char *bodies[] = {
	        "First para\nsoft break.\n\nSecond.\n\n\n\nThird.\n",
	        "One\n \t \r\nTwo\n\r\nThree\n   \n",
	        "Before\n## Eyes on the prize\nAfter one\nafter two",
	        "# x\n",
	        "",
	        "\n\n\n",
	        "no newline at all"};
	for (size_t b = 0; b < sizeof bodies / sizeof *bodies; b++) {
		const char *body = bodies[b];
		size_t len = strlen(body);
		struct doc whole;
		doc_init(&whole);
		doc_parse(&whole, body, len);
		for (size_t step = 1; step <= len + 1; step++) {
			struct doc d;
			doc_init(&d);
			doc_begin(&d, body, len);
			cr_assert_eq(d.n, 0, "nothing split yet");
			while (!doc_more(&d, step))
				;
			cr_assert_eq(d.n, whole.n, "body %zu, steps of %zu", b,
			             step);
			for (size_t i = 0; i < d.n; i++)
				assert_block_eq(&d.v[i], &whole.v[i], b, i);
			/* Forgotten after each step, they come all the
			 * same, numbered from 0 each time. */
			doc_begin(&d, body, len);
			size_t seen = 0;
			for (int done = 0; !done;) {
				done = doc_more(&d, step);
				for (size_t i = 0; i < d.n; i++, seen++) {
					cr_assert_lt(seen, whole.n, "body %zu",
					             b);
					assert_block_eq(&d.v[i], &whole.v[seen],
					                b, seen);
				}
				doc_drop(&d);
				cr_assert_eq(d.n, 0);
			}
			cr_assert_eq(seen, whole.n, "body %zu, steps of %zu", b,
			             step);
			doc_fini(&d);
		}
		doc_fini(&whole);
	}
}
