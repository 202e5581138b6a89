/*
 * kwset.h - many literal words found in one pass over the text.
 *
 * Keyword groups are mostly plain words; a regex alternation per group
 * per paragraph scans the text once per group and runs at tens of MB/s.
 * A kwset compiles the words of every group into one Aho-Corasick
 * automaton over ASCII-case-folded bytes, with the byte alphabet reduced
 * to the classes the words use, so that the text is read once, a table
 * lookup per byte, whatever the number of words.  The automaton only
 * proposes candidates: each is checked against its word (its exact case
 * unless the word ignores case, white space in the word matching any run
 * of white space in the text, as regex_quote writes it), and reported.
 * For a whole word, a candidate next to an ASCII letter, digit or '_' is
 * dropped here (most false candidates: "us" in "because"); the caller
 * checks non-ASCII neighbours (match.c asks PCRE2's own \w).
 *
 * What a kwset cannot take, kwset_add refuses, and the caller matches it
 * another way: a word that ignores case and has a non-ASCII letter with
 * a case (Ü, É: their folds are not one byte each), a word that starts
 * or ends with white space, an empty word, a word that is not UTF-8.
 */
#ifndef LECTERN_KWSET_H
#define LECTERN_KWSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kwset;

struct kwset *kwset_new(void);
void kwset_free(struct kwset *k);

/*
 * Adds word (NUL-terminated, UTF-8) with the caller's id; words added
 * first come first where kwset_find's caller must choose.  Returns false
 * (and adds nothing) for a word a kwset cannot match, as above.
 */
bool kwset_add(struct kwset *k, const char *word, bool ignore_case,
               bool whole_word, int id);

/* Builds the automaton; no kwset_add after it.  Without words, kwset_find
 * finds nothing. */
void kwset_compile(struct kwset *k);

/* Number of words added. */
size_t kwset_count(const struct kwset *k);

/* Called for each occurrence of a word: text[start..end), its id and its
 * index in the order of kwset_add.  Return false to stop. */
typedef bool kwset_hit_fn(void *ctx, size_t start, size_t end, int id,
                          size_t word);

/*
 * Calls hit for every occurrence of every word in text[0..len), in order
 * of where they end (then of the order they were added), overlapping
 * ones included.
 */
void kwset_find(const struct kwset *k, const char *text, size_t len,
                kwset_hit_fn *hit, void *ctx);

/* Whether c is white space as PCRE2's \s (Unicode) has it. */
bool kwset_is_space(uint32_t c);

#endif
