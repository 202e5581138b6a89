/*
 * doc.h - the structure of an article body.
 *
 * A body is paragraphs separated by blank lines (lines of only spaces, tabs,
 * "\r" or no-break spaces count as blank).  A line starting with one to six '#' and a space
 * ("## Eyes on the prize") is a heading, a block of its own even without
 * blank lines around it.  Within a paragraph a single newline is a soft
 * break (shown as a space when wrapped).
 */
#ifndef LECTERN_DOC_H
#define LECTERN_DOC_H

#include <stddef.h>

enum block_kind {
	BLOCK_PARA,
	BLOCK_HEADING,
};

struct block {
	enum block_kind kind;
	size_t start; /* byte offset in the body; for a heading, of the text
	               * after the '#'s and spaces */
	size_t len;   /* bytes, without the trailing newline(s) and "\r" */
};

struct doc {
	struct block *v;
	size_t n;
	size_t cap;
};

void doc_init(struct doc *d);
void doc_fini(struct doc *d);

/* Splits body[0..len) into blocks, replacing what d held. */
void doc_parse(struct doc *d, const char *body, size_t len);

/* Words in body[0..len): runs of non-space characters. */
size_t doc_word_count(const char *body, size_t len);

/* The words of body[from, from + len) as a slice of body: a word begun
 * before from is not counted again, so the slices' counts add up to
 * doc_word_count of the whole. */
size_t doc_word_count_at(const char *body, size_t from, size_t len);

#endif
