/*
 * app_scroll.c - moving the view: scrolling the pane, the sidebar and the
 * views over it (help, bookmarks, links, groups) by lines and pages, and
 * bringing a body offset into view.
 */
#include "app.h"

#include <stdint.h>
#include <stdlib.h>

#include "app_int.h"
#include "help.h"

size_t
app_help_lines(const struct app *a)
{
	if (a->messages_view)
		return a->nsaid ? a->nsaid + 2 : 3;
	struct help h;
	help_build(&h, &a->keymap);
	size_t n = h.n;
	help_fini(&h);
	return n;
}

size_t
app_max_top(const struct app *a)
{
	/* Not laid out to its end yet: no bound (app_settle lays out as far
	 * as the view goes, then bounds it). */
	if (!a->layout.done)
		return SIZE_MAX / 4;
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
	return a->layout.n > rows ? a->layout.n - rows : 0;
}

/* Moves *top by delta lines within [0, max]. */
static void
scroll(size_t *top, long delta, size_t max)
{
	if (delta < 0 && (size_t)-delta > *top)
		*top = 0;
	else
		*top = (size_t)((long)*top + delta);
	if (*top > max)
		*top = max;
}

/* Moves *sel by delta within [0, n). */
static void
select_by(size_t *sel, long delta, size_t n)
{
	if (!n)
		return;
	size_t max = n - 1;
	scroll(sel, delta, max);
}

/* Scroll actions, n times at once (a count: 5j): on the help screen when
 * it is up, in a list view, else on the pane.  One step whatever n, so a
 * count of 999999 costs what one key does. */
void
app_scroll(struct app *a, enum action act, long n)
{
	if (n < 1)
		n = 1;
	long dir = act == ACT_SCROLL_DOWN ? 1 : act == ACT_SCROLL_UP ? -1 : 0;
	if (a->links_view && !a->help) {
		if (dir)
			select_by(&a->link_sel, dir * n, a->links.n);
		else if (act == ACT_TOP)
			a->link_sel = 0;
		else if (act == ACT_BOTTOM && a->links.n)
			a->link_sel = a->links.n - 1;
		return;
	}
	if (a->marks_view && !a->help) {
		select_by(&a->mark_sel, dir * n, a->nmarks);
		return;
	}
	if (a->groups_view && !a->help) {
		if (dir)
			select_by(&a->group_sel, dir * n, a->ngroups);
		else if (act == ACT_TOP)
			a->group_sel = 0;
		else if (act == ACT_BOTTOM && a->ngroups)
			a->group_sel = a->ngroups - 1;
		return;
	}
	if (a->vsel && !a->help && dir) {
		app_select_move(a, dir * n); /* j/k extend the selection */
		return;
	}
	long page = a->geo.body_rows > 2 ? a->geo.body_rows - 1 : 1;
	size_t *top = &a->top;
	size_t max = app_max_top(a);
	if (a->help) {
		size_t rows =
		        a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
		size_t lines = app_help_lines(a);
		top = &a->help_top;
		max = lines > rows ? lines - rows : 0;
	}
	/* n pages of a screen at most a few thousand rows: no overflow. */
	if (n > 1000000)
		n = 1000000;
	switch (act) {
	case ACT_SCROLL_DOWN:
		scroll(top, n, max);
		break;
	case ACT_SCROLL_UP:
		scroll(top, -n, max);
		break;
	case ACT_PAGE_DOWN:
		scroll(top, page * n, max);
		break;
	case ACT_PAGE_UP:
		scroll(top, -page * n, max);
		break;
	case ACT_HALF_PAGE_DOWN:
		scroll(top, (page + 1) / 2 * n, max);
		break;
	case ACT_HALF_PAGE_UP:
		scroll(top, -(page + 1) / 2 * n, max);
		break;
	case ACT_TOP:
		*top = 0;
		break;
	case ACT_BOTTOM:
		*top = max;
		break;
	default:
		break;
	}
	if (a->vsel && !a->help)
		app_select_follow(a); /* the end moved with the view */
}

/* The body offset of the first body line in view (0 in the title). */
size_t
app_view_offset(struct app *a)
{
	size_t place = layout_anchor(&a->layout, a->top);
	return place ? place - 1 : 0;
}

/* Scrolls so that body offset off is in view, three lines (fewer on a
 * short pane) from either edge, like vim's scrolloff. */
void
app_reveal(struct app *a, size_t off)
{
	size_t line = layout_find_anchor(&a->layout, off + 1);
	if (a->vsel) /* a search extends a selection to its match */
		a->vsel_cur = line;
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
	size_t so = rows >= 9 ? 3 : (rows - 1) / 3;
	if (line >= a->top + so && line + so < a->top + rows &&
	    a->top + rows <= a->layout.n)
		return;
	a->top = line > so ? line - so : 0;
	if (a->top > app_max_top(a))
		a->top = app_max_top(a);
}
