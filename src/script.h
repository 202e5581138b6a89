/*
 * script.h - key scripts for the headless mode.
 *
 * A script is key names (keys.h) separated by white space, as typed in the
 * config: "j j Enter PageDown C-d".  Two more words are understood:
 * "resize:COLSxROWS" changes the screen size, as a terminal resize would;
 * "wheelup:COLxROW", "wheeldown:COLxROW" and "click:COLxROW" are mouse
 * events at that cell (1-based, as terminals count); and a '#' starts a
 * comment to the end of the line.
 */
#ifndef LECTERN_SCRIPT_H
#define LECTERN_SCRIPT_H

#include <stddef.h>

#include "util.h"

enum script_kind {
	SCRIPT_KEY,
	SCRIPT_RESIZE,
	SCRIPT_MOUSE,
};

struct script_event {
	enum script_kind kind;
	int key;  /* SCRIPT_KEY */
	int rows; /* SCRIPT_RESIZE; SCRIPT_MOUSE: the cell (1-based) */
	int cols;
	int mouse; /* SCRIPT_MOUSE: 0 wheel up, 1 wheel down, 2 click */
};

struct script {
	struct script_event *v;
	size_t n;
	size_t cap;
};

void script_init(struct script *s);
void script_fini(struct script *s);

/*
 * Parses text into s (appending).  name labels diagnostics ("--keys" or a
 * file name).  Every bad word is reported with its line and column.
 * Returns 0, or -1 when anything was bad.
 */
int script_parse(struct script *s, const char *text, const char *name,
                 struct diag_list *diags);

/* Parses "COLSxROWS" (each 1..10000).  Returns 0, or -1. */
int script_parse_size(const char *s, size_t len, int *cols, int *rows);

#endif
