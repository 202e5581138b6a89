/*
 * render.h - drawing the app state into its frame.
 *
 * Costs the size of the screen: only the visible sidebar entries and
 * layout lines are looked at.
 */
#ifndef LECTERN_RENDER_H
#define LECTERN_RENDER_H

#include "app.h"

/* Redraws a->frame (resized to a->rows x a->cols) and clears a->dirty. */
void render_app(struct app *a);

#endif
