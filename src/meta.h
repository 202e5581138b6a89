/*
 * meta.h - the metadata line under an article's title in the pane:
 *   By author · date · source · #tag #tag · N words · M min read
 * each part only when the article has it, words and reading time always.
 */
#ifndef LECTERN_META_H
#define LECTERN_META_H

#include "corpus.h"

/* The line for art (caller frees).  Inside an item the spaces are
 * no-break spaces, so wrapping breaks only between items. */
char *meta_line(struct article *art);

#endif
