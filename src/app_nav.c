/*
 * app_nav.c - moving as a daily reader of less, vim and neomutt moves:
 * counts (5j, 10G, 50%), the jump list, Space at an article's end going on
 * to the next unread one, saying why nothing moved at an end, marking
 * many articles at once, numbers on demand.
 */
#include "app.h"

#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "keys.h"

#define COUNT_MAX 999999
#define JUMPS_MAX 100

bool
app_count_key(struct app *a, int key)
{
	if (a->npending || key < '0' || key > '9' || (key == '0' && !a->count))
		return false;
	/* A digit bound by itself here keeps its binding. */
	enum action act;
	if (keymap_lookup(&a->keymap, app_context(a), &key, 1, &act) !=
	    KEYMAP_NONE)
		return false;
	a->count = a->count * 10 + (key - '0');
	if (a->count > COUNT_MAX)
		a->count = COUNT_MAX;
	a->dirty = true;
	return true;
}

/* The count typed, or def; the count is used up. */
static long
take_count(struct app *a, long def)
{
	long n = a->count ? a->count : def;
	a->count = 0;
	return n;
}

/* ----------------------------------------------------------------- jumps */

static struct jump
here(struct app *a)
{
	return (struct jump){a->open, layout_anchor(&a->layout, a->top)};
}

void
app_jump_push(struct app *a)
{
	struct jump j = here(a);
	/* A jump from where the list already is, is no new place. */
	if (a->jump_pos > 0 && a->jumps[a->jump_pos - 1].article == j.article &&
	    a->jumps[a->jump_pos - 1].anchor == j.anchor) {
		a->njumps = a->jump_pos;
		return;
	}
	a->njumps = a->jump_pos; /* a new jump forgets the way forward */
	if (a->njumps == JUMPS_MAX) {
		memmove(a->jumps, a->jumps + 1,
		        (JUMPS_MAX - 1) * sizeof *a->jumps);
		a->njumps--;
	}
	xgrow(&a->jumps, &a->jumps_cap, a->njumps + 1, sizeof *a->jumps);
	a->jumps[a->njumps++] = j;
	a->jump_pos = a->njumps;
}

static void
go_to(struct app *a, struct jump j)
{
	if (j.article >= a->corpus->n)
		return;
	if (a->filter && !a->snippets[j.article])
		app_clear_filter(a);
	app_select(a, j.article);
	size_t line = layout_find_anchor(&a->layout, j.anchor);
	a->top = line > app_max_top(a) ? app_max_top(a) : line;
}

static void
jump(struct app *a, bool back)
{
	if (back) {
		if (a->jump_pos == 0) {
			app_message(a, false, "no earlier place to go back to");
			return;
		}
		if (a->jump_pos == a->njumps) {
			/* Keep where the reader is, to come forward to. */
			app_jump_push(a);
			a->jump_pos = a->njumps - 1;
		}
		a->jump_pos--;
	} else {
		if (a->jump_pos + 1 >= a->njumps) {
			app_message(a, false, "no later place to go to");
			return;
		}
		a->jump_pos++;
	}
	go_to(a, a->jumps[a->jump_pos]);
	app_message(a, false, "place %zu of %zu", a->jump_pos + 1, a->njumps);
}

/* ------------------------------------------------------------- the pane */

static bool
pane_at_end(const struct app *a)
{
	return a->top >= app_max_top(a);
}

/* The next unread article after the selected one in the sidebar's
 * order (forward) or before it, not going round; SIZE_MAX for none. */
static size_t
unread_from(const struct app *a, bool forward)
{
	for (size_t k = 1; k < a->norder; k++) {
		if (!forward && k > a->row)
			break;
		if (forward && a->row + k >= a->norder)
			break;
		size_t i = a->order[forward ? a->row + k : a->row - k];
		if (!a->read[i])
			return i;
	}
	return SIZE_MAX;
}

/* Space in the pane, and PageDown: a page; at the end, the next unread
 * article (newsboat, slrn, neomutt). */
static void
page_down(struct app *a, long n)
{
	if (pane_at_end(a) && !a->help && !a->marks_view && !a->groups_view) {
		size_t next = unread_from(a, true);
		if (next == SIZE_MAX) {
			app_message(a, false, "no more unread articles");
			return;
		}
		app_jump_push(a);
		app_select(a, next);
		return;
	}
	app_scroll(a, ACT_PAGE_DOWN, n);
	if (pane_at_end(a) && !a->help && !a->marks_view && !a->groups_view)
		app_message(a, false, "%s",
		            unread_from(a, true) != SIZE_MAX
		                    ? "end: Space for the next unread"
		                    : "end of the last unread article");
}

/* Line n (1-based) of the article at the top of the pane. */
static void
goto_line(struct app *a, long n)
{
	app_jump_push(a);
	size_t line = n > 0 ? (size_t)n - 1 : 0;
	a->top = line > app_max_top(a) ? app_max_top(a) : line;
}

/* ------------------------------------------------------------- the list */

static void
step_article(struct app *a, long n, bool forward)
{
	if (!a->norder)
		return;
	size_t row = a->row;
	if (forward) {
		if (row + 1 >= a->norder) {
			app_message(a, false, "this is the last article");
			return;
		}
		row = (size_t)n >= a->norder - 1 - row ? a->norder - 1
		                                       : row + (size_t)n;
	} else {
		if (row == 0) {
			app_message(a, false, "this is the first article");
			return;
		}
		row = (size_t)n >= row ? 0 : row - (size_t)n;
	}
	if (a->focus == FOCUS_PAGER)
		app_jump_push(a);
	app_select(a, a->order[row]);
}

/* m with a count: n articles from the selected one down the sidebar, all
 * made what the selected one becomes. */
static void
mark_range(struct app *a, long n)
{
	if (!a->norder)
		return;
	bool read = !a->read[a->sel];
	size_t done = 0;
	for (size_t r = a->row; r < a->norder && done < (size_t)n; r++) {
		app_mark_read(a, a->order[r], read);
		done++;
	}
	app_message(a, false, "%zu article%s marked %s", done,
	            done == 1 ? "" : "s", read ? "read" : "unread");
}

static void
mark_all_read(struct app *a)
{
	if (a->undo_ready && a->undo_read) {
		/* Pressed again at once: undo. */
		size_t back = 0;
		for (size_t i = 0; i < a->corpus->n; i++) {
			back += a->read[i] != a->undo_read[i];
			a->read[i] = a->undo_read[i];
		}
		a->state_dirty = true;
		a->undo_ready = false;
		app_message(a, false, "undone: %zu article%s unread again",
		            back, back == 1 ? "" : "s");
		return;
	}
	if (!a->undo_read)
		a->undo_read = xcalloc(a->corpus->n, sizeof *a->undo_read);
	memcpy(a->undo_read, a->read, a->corpus->n * sizeof *a->read);
	size_t marked = 0;
	for (size_t r = 0; r < a->norder; r++) {
		size_t i = a->order[r];
		marked += !a->read[i];
		a->read[i] = true;
	}
	a->state_dirty = true;
	a->undo_ready = true;
	struct strbuf key;
	sb_init(&key);
	keymap_key_for(&a->keymap, app_context(a), ACT_MARK_ALL_READ, &key);
	app_message(a, false, "%zu article%s marked read (%s again undoes it)",
	            marked, marked == 1 ? "" : "s", key.len ? key.buf : "it");
	sb_fini(&key);
}

/* ------------------------------------------------------------- actions */

bool
app_nav_action(struct app *a, enum action act)
{
	bool views =
	        a->help || a->marks_view || a->groups_view || a->links_view;
	bool pane = a->focus == FOCUS_PAGER && !views;
	bool list = a->focus == FOCUS_LIST && !views;
	bool undo = a->undo_ready;
	a->undo_ready = false;
	long n;
	switch (act) {
	case ACT_SCROLL_DOWN:
	case ACT_SCROLL_UP:
	case ACT_HALF_PAGE_DOWN:
	case ACT_HALF_PAGE_UP:
	case ACT_PAGE_UP:
		n = take_count(a, 1);
		app_scroll(a, act, n);
		if (pane && act == ACT_SCROLL_DOWN && pane_at_end(a) &&
		    a->top == 0 && a->layout.n <= (size_t)a->geo.body_rows)
			app_message(a, false, "the whole article is in view");
		return true;
	case ACT_PAGE_DOWN:
		page_down(a, take_count(a, 1));
		return true;
	case ACT_TOP:
	case ACT_BOTTOM:
		if (pane || (a->count && !list && !a->help)) {
			long def = act == ACT_TOP ? 1 : 0;
			n = take_count(a, def);
			if (n > 0)
				goto_line(a, n);
			else {
				app_jump_push(a);
				app_scroll(a, act, 1);
			}
			return true;
		}
		a->count = 0;
		app_scroll(a, act, 1);
		return true;
	case ACT_GOTO_PERCENT:
		if (!a->count) {
			app_message(a, false, "type a percentage first: 50%%");
			return true;
		}
		n = take_count(a, 0);
		if (n > 100)
			n = 100;
		app_open_finish(a); /* a share of all the lines */
		goto_line(a, (long)(a->layout.n * (size_t)n / 100) + 1);
		return true;
	case ACT_NEXT_ARTICLE:
	case ACT_PREV_ARTICLE:
		step_article(a, take_count(a, 1), act == ACT_NEXT_ARTICLE);
		return true;
	case ACT_FIRST_ARTICLE:
	case ACT_LAST_ARTICLE:
		if (!a->norder)
			return true;
		n = take_count(a, 0);
		if (n > 0) {
			/* 10G in the sidebar: article 10 of the sidebar. */
			size_t r =
			        (size_t)n > a->norder ? a->norder : (size_t)n;
			app_select(a, a->order[r - 1]);
		} else {
			app_select(a, a->order[act == ACT_FIRST_ARTICLE
			                               ? 0
			                               : a->norder - 1]);
		}
		return true;
	case ACT_TOGGLE_READ:
		if (a->count > 1) {
			mark_range(a, take_count(a, 1));
			return true;
		}
		a->count = 0;
		return false;
	case ACT_NEXT_UNREAD:
	case ACT_PREV_UNREAD:
		n = take_count(a, 1);
		for (long k = 0; k < n; k++) {
			size_t i = unread_from(a, act == ACT_NEXT_UNREAD);
			if (i == SIZE_MAX) {
				if (act == ACT_NEXT_UNREAD && k == 0) {
					app_next_unread(a); /* going round */
				} else if (k == 0) {
					app_message(
					        a, false,
					        "no unread article before this "
					        "one");
				}
				break;
			}
			if (a->focus == FOCUS_PAGER)
				app_jump_push(a);
			app_select(a, i);
		}
		return true;
	case ACT_MARK_ALL_READ:
		a->count = 0;
		a->undo_ready = undo;
		mark_all_read(a);
		return true;
	case ACT_JUMP_BACK:
	case ACT_JUMP_FORWARD:
		a->count = 0;
		jump(a, act == ACT_JUMP_BACK);
		return true;
	case ACT_TOGGLE_NUMBERS:
		a->count = 0;
		if (list) {
			a->numbers = !a->numbers;
			app_message(a, false, "article numbers %s",
			            a->numbers ? "shown" : "hidden");
		} else {
			app_set_line_numbers(a, !a->line_numbers);
			app_message(a, false, "line numbers %s",
			            !a->line_numbers ? "hidden"
			            : a->geo.gutter
			                    ? "shown"
			                    : "on, when the pane is wider");
		}
		return true;
	case ACT_TOGGLE_SIDEBAR: {
		a->count = 0;
		struct view_config v = a->view;
		v.sidebar = !v.sidebar;
		v.line_numbers = a->line_numbers;
		v.article_numbers = a->numbers;
		app_set_view(a, &v);
		app_message(a, false, "sidebar %s",
		            v.sidebar ? "shown" : "hidden");
		return true;
	}
	case ACT_MESSAGES:
		a->count = 0;
		a->help = true;
		a->messages_view = true;
		a->help_top = a->nsaid > (size_t)a->geo.body_rows
		                      ? a->nsaid - (size_t)a->geo.body_rows
		                      : 0;
		return true;
	default:
		a->count = 0;
		return false;
	}
}
