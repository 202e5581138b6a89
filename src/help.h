/*
 * help.h - the help screen's text, generated from the live keymap.
 */
#ifndef LECTERN_HELP_H
#define LECTERN_HELP_H

#include <stddef.h>

#include "keymap.h"

struct help_line {
	char *keys; /* "j, Down"; NULL for a heading or a blank line */
	char *text; /* heading or action help; NULL for a blank line */
};

struct help {
	struct help_line *v;
	size_t n;
	size_t cap;
	int keys_w; /* display width of the widest keys column */
};

/*
 * Builds the help text: for each context that has bindings, a heading and
 * one line per bound action (in action order) with all its keys.
 */
void help_build(struct help *h, const struct keymap *km);
void help_fini(struct help *h);

#endif
