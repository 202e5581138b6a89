/*
 * app.h - the state of a lectern session and what keys do to it.
 *
 * Input arrives as key values; app_key looks them up in the keymap and
 * applies the action, which only changes state and sets dirty.  render.h
 * then draws the state into app->frame.  The interactive loop and the
 * headless mode drive these same functions, so tests of key sequences test
 * what a user gets.  No curses here.
 */
#ifndef LECTERN_APP_H
#define LECTERN_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "corpus.h"
#include "doc.h"
#include "frame.h"
#include "keymap.h"
#include "layout.h"
#include "util.h"

/* Where a reader was in an article, for going back to it. */
struct place {
	size_t anchor; /* layout_anchor: survives a new width */
	size_t top;    /* the exact top line, valid at width */
	int width;     /* 0: never opened */
};

enum focus {
	FOCUS_LIST,
	FOCUS_PAGER,
};

/* Where things go on a screen of rows x cols; see app_geometry. */
struct geometry {
	bool too_small; /* below a usable size: only a message is drawn */
	int side_w;     /* sidebar columns, 0 when the screen is too narrow */
	int text_x;     /* first column of article text */
	int text_w;     /* columns article text is wrapped to */
	int body_rows;  /* rows above the status line */
	int status_row;
};

struct app {
	struct corpus *corpus; /* not owned; must hold at least one article */
	struct keymap keymap;
	int rows;
	int cols;
	struct geometry geo;

	size_t sel;      /* selected article */
	size_t list_top; /* first article shown in the sidebar */
	enum focus focus;

	bool help;       /* the help screen is up */
	size_t help_top; /* its first visible line */

	int pending[KEYSEQ_MAX]; /* keys of a sequence typed so far */
	int npending;

	/* The open article (always sel once the app is initialised). */
	size_t open;
	struct doc doc;
	struct layout layout;
	char *meta;     /* its metadata line */
	size_t top;     /* first visible layout line */
	struct place *places; /* per article: where the reader was */

	char *message;  /* shown in the status line until the next key */
	bool message_is_error;

	bool quit;
	bool reload;    /* the config should be read again (main does it) */
	bool repaint_all; /* the terminal should be repainted from scratch */
	bool dirty;     /* the frame needs drawing again */
	struct diag_list diags; /* problems met while running (body reads) */
	struct frame frame;
};

/* Sets up a session on corpus (n >= 1) for a rows x cols screen, with a
 * copy of keymap (NULL: the built-in bindings). */
void app_init(struct app *a, struct corpus *corpus, int rows, int cols,
              const struct keymap *keymap);
/* Replaces the bindings with a copy of keymap (after a config reload). */
void app_set_keymap(struct app *a, const struct keymap *keymap);
void app_fini(struct app *a);

/* Computes the screen geometry for rows x cols. */
void app_geometry(int rows, int cols, struct geometry *g);

/* Handles one key (a keys.h value; K_RESIZE is ignored, use app_resize;
 * K_RELOAD asks for the config to be read again). */
void app_key(struct app *a, int key);
/* Applies an action as if its key had been typed. */
void app_action(struct app *a, enum action act);
/* The screen is now rows x cols: re-wraps, keeping the reader's place. */
void app_resize(struct app *a, int rows, int cols);
/* Selects and opens article i (clamped to the corpus). */
void app_select(struct app *a, size_t i);
/* Sets the status-line message (replacing the previous one). */
void app_message(struct app *a, bool error, const char *fmt, ...)
	LECTERN_PRINTF(3, 4);

/* The keymap context keys are looked up in right now. */
enum keymap_context app_context(const struct app *a);
/* Layout lines the pane can scroll to the top: the last top line. */
size_t app_max_top(const struct app *a);

#endif
