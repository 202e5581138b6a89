/*
 * help.h - the help screen's text, generated from the live keymap.
 */
#ifndef LECTERN_HELP_H
#define LECTERN_HELP_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"

struct help_line {
	char *keys; /* "j, Down"; NULL for a heading or a blank line */
	char *text; /* heading or action help; NULL for a blank line */
	int level;  /* a heading: 0 for a context, 1 for a task in it */
};

struct help {
	struct help_line *v;
	size_t n;
	size_t cap;
	int keys_w; /* display width of the widest keys column */
};

/*
 * Builds the help text: for each context that has bindings, a heading,
 * then its bound actions grouped by task (moving, articles, searching,
 * keyword hits, bookmarks, the screen, lectern), each task under a
 * heading of its own, one line per action with all its keys.
 */
void help_build(struct help *h, const struct keymap *km);
void help_fini(struct help *h);

/*
 * The first line from line from (on: forward; else backward, from
 * included) whose keys or text hold query, case-insensitively (ASCII);
 * SIZE_MAX when none does.
 */
size_t help_find(const struct help *h, const char *query, size_t from,
                 bool forward);

/* Where query is in line i's text, case-insensitively: its offset, or -1. */
long help_match_at(const char *text, const char *query);

#endif
