/*
 * render_int.h - what render.c and render_views.c share, and nothing
 * outside them sees.
 */
#ifndef LECTERN_RENDER_INT_H
#define LECTERN_RENDER_INT_H

#include "app.h"

/* Draws s in at most w columns from (r, c), cut with an ellipsis when
 * it does not fit.  Returns the column after the text. */
int put_clipped(struct frame *f, int r, int c, int w, const char *s,
                enum role role);

/* render_views.c: each fills the rows above the status line. */
void draw_help(struct app *a);          /* the help, or the message history */
void draw_groups(struct app *a);        /* the keyword groups view */
void draw_marks(struct app *a);         /* the bookmark list */
void draw_links(struct app *a);         /* the link list */
void draw_pending_popup(struct app *a); /* keys that can follow */

#endif
