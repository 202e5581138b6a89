/*
 * meta.h - the metadata line under an article's title in the pane:
 *   By author · date · source · #tag #tag · N words · M min read
 * each part only when the article has it, words and reading time always.
 */
#ifndef LECTERN_META_H
#define LECTERN_META_H

#include <stdbool.h>

#include "corpus.h"

/* The line for art (caller frees).  Inside an item the spaces are
 * no-break spaces, so wrapping breaks only between items. */
char *meta_line(struct article *art);

/* A body longer than this whose words are not counted yet is not counted
 * for the line (a pass over all of it before the first screen): the line
 * has no words and reading time until the caller has counted them
 * (article_set_words) and asks again. */
#define META_COUNT_BYTES (1024 * 1024)

/* Whether meta_line(art) would have the words now. */
bool meta_has_words(const struct article *art);

#endif
