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
	struct block *v; /* the blocks split so far */
	size_t n;
	size_t cap;
	/* private: a body split as far as asked (doc_more) */
	const char *body;
	size_t len, pos; /* split up to pos */
	size_t para_start, para_end;
	int in_para; /* a paragraph goes on at pos */
	int done;    /* split to the end: v holds every block */
};

void doc_init(struct doc *d);
void doc_fini(struct doc *d);

/* Splits body[0..len) into blocks, replacing what d held. */
void doc_parse(struct doc *d, const char *body, size_t len);

/*
 * doc_parse lazily, as less reads a file: doc_begin splits nothing yet,
 * doc_more splits at least bytes more of the body (whole lines) and says
 * whether it reached the end; until then d->n counts the blocks split so
 * far (a block is added once it has ended).  body must stay alive.
 */
void doc_begin(struct doc *d, const char *body, size_t len);
int doc_more(struct doc *d, size_t bytes);
/* Forgets the blocks split so far, keeping where the split is: the next
 * doc_more's blocks are numbered from 0, in the same memory (a body
 * walked once, a run of blocks at a time). */
void doc_drop(struct doc *d);
/* Whether block i exists, splitting as far as it needs. */
int doc_has(struct doc *d, size_t i);
/* The whole body split. */
void doc_finish(struct doc *d);

/* Words in body[0..len): runs of non-space characters. */
size_t doc_word_count(const char *body, size_t len);

/* The words of body[from, from + len) as a slice of body: a word begun
 * before from is not counted again, so the slices' counts add up to
 * doc_word_count of the whole. */
size_t doc_word_count_at(const char *body, size_t from, size_t len);

#endif
