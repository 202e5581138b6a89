/*
 * prompt.h - a one-line text input with history, for search queries.
 *
 * Keys (keys.h values) edit the line: printable characters insert at the
 * cursor; Backspace, Delete, Left, Right, Home/C-a, End/C-e, C-u (delete
 * to the start), C-w (delete the word before the cursor), C-k (delete to
 * the end); Up and Down walk the history (the line being typed is kept
 * and comes back below the newest entry).  Enter accepts, Esc and C-g
 * cancel.  No terminal here: the caller draws text and cursor.
 */
#ifndef LECTERN_PROMPT_H
#define LECTERN_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define PROMPT_HISTORY_MAX 100

struct prompt_history {
	char *v[PROMPT_HISTORY_MAX]; /* oldest first */
	size_t n;
};

void prompt_history_init(struct prompt_history *h);
void prompt_history_fini(struct prompt_history *h);
/* Adds line (copied) as the newest entry; an empty line or a repeat of
 * the newest is not added; the oldest goes when full. */
void prompt_history_add(struct prompt_history *h, const char *line);

struct prompt {
	struct strbuf text;
	size_t cursor; /* byte offset in text, on a character boundary */
	size_t browse; /* history index being shown; n = the new line */
	char *draft;   /* the new line while browsing history */
	struct prompt_history *history; /* not owned */
};

/* Starts an empty prompt using history (may be NULL). */
void prompt_init(struct prompt *p, struct prompt_history *history);
void prompt_fini(struct prompt *p);

enum prompt_result {
	PROMPT_EDITING, /* the text may have changed */
	PROMPT_ACCEPT,  /* Enter */
	PROMPT_CANCEL,  /* Esc, C-g, or Backspace on an empty line */
};

enum prompt_result prompt_key(struct prompt *p, int key);

#endif
