/*
 * app_mouse.c - the mouse, when the config turns it on (view.mouse): the
 * wheel scrolls what is under the pointer (the pane, the sidebar, a list
 * view, the help), three lines a notch; a click in the sidebar selects
 * the article of that row and focuses the sidebar, a click in the pane
 * focuses the pane.  Off by default, so the terminal's own selection
 * (copy with the mouse) keeps working; off, events do nothing at all.
 */
#include "app.h"

#include "app_int.h"

#define WHEEL_LINES 3

void
app_mouse(struct app *a, enum mouse_kind kind, int row, int col)
{
	if (!a->view.mouse || row < 0 || col < 0 || a->geo.too_small)
		return;
	a->dirty = true;
	bool views =
	        a->help || a->marks_view || a->groups_view || a->links_view;
	bool in_sidebar = !views && a->geo.side_w && col < a->geo.side_w;
	if (kind == MOUSE_CLICK) {
		if (row >= a->geo.body_rows || views)
			return;
		if (in_sidebar) {
			/* Entries are one row, two with a filter's snippet. */
			size_t r =
			        a->list_top + (size_t)(row / app_entry_rows(a));
			a->focus = FOCUS_LIST;
			if (r < a->norder) {
				a->row = r;
				app_select(a, a->order[r]);
			}
		} else {
			a->focus = FOCUS_PAGER;
		}
		return;
	}
	if (in_sidebar) {
		/* The selection, three articles a notch, as 3j would. */
		a->focus = FOCUS_LIST;
		a->count = WHEEL_LINES;
		app_action(a, kind == MOUSE_WHEEL_UP ? ACT_PREV_ARTICLE
		                                     : ACT_NEXT_ARTICLE);
		a->count = 0;
		return;
	}
	app_scroll(a, kind == MOUSE_WHEEL_UP ? ACT_SCROLL_UP : ACT_SCROLL_DOWN,
	           WHEEL_LINES);
}
