/* render.c - the app state as a frame of cells. */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "glyph.h"
#include "help.h"
#include "keys.h"

static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026 */

/*
 * Draws s in at most w columns from (r, c), cutting it with an ellipsis
 * when it does not fit.  Returns the column after the text.
 */
static int
put_clipped(struct frame *f, int r, int c, int w, const char *s,
            enum role role)
{
	if (w <= 0)
		return c;
	size_t len = strlen(s);
	if (glyph_text_width(s, len) <= w)
		return frame_put_text(f, r, c, c + w, s, len, role, c);
	/* Find the longest prefix that leaves a column for the ellipsis. */
	size_t pos = 0, cut = 0;
	int col = 0;
	while (pos < len) {
		struct glyph g;
		size_t p = pos;
		glyph_next(s, len, &p, col, &g);
		if (col + g.width > w - 1)
			break;
		col += g.width;
		pos = p;
		cut = p;
	}
	int end = frame_put_text(f, r, c, c + w - 1, s, cut, role, c);
	return frame_put_str(f, r, end, c + w, ellipsis, role);
}

static void
draw_sidebar(struct app *a)
{
	struct frame *f = &a->frame;
	const struct geometry *g = &a->geo;
	for (int r = 0; r < g->body_rows; r++) {
		size_t i = a->list_top + (size_t)r;
		frame_fill(f, r, 0, g->side_w, ROLE_SIDEBAR);
		if (i < a->corpus->n) {
			enum role role = ROLE_SIDEBAR;
			if (i == a->sel)
				role = a->focus == FOCUS_LIST && !a->help
				               ? ROLE_SELECTED
				               : ROLE_SELECTED_INACTIVE;
			frame_fill(f, r, 0, g->side_w, role);
			frame_put_str(f, r, 0, 1, i == a->sel ? ">" : " ",
			              role);
			put_clipped(f, r, 1, g->side_w - 1,
			            a->corpus->v[i].title, role);
		}
		frame_fill(f, r, g->side_w, g->side_w + 1, ROLE_BORDER);
		frame_put_str(f, r, g->side_w, g->side_w + 1,
		              "\xe2\x94\x82", ROLE_BORDER); /* U+2502 */
	}
}

static enum role
line_role(enum line_kind k)
{
	switch (k) {
	case LINE_TITLE:
		return ROLE_TITLE;
	case LINE_META:
		return ROLE_META;
	case LINE_HEADING:
		return ROLE_HEADING;
	default:
		return ROLE_TEXT;
	}
}

static void
draw_pane(struct app *a)
{
	struct frame *f = &a->frame;
	const struct geometry *g = &a->geo;
	const struct article *art = &a->corpus->v[a->open];
	int x0 = g->side_w ? g->side_w + 1 : 0;
	for (int r = 0; r < g->body_rows; r++) {
		frame_fill(f, r, x0, a->cols, ROLE_TEXT);
		size_t i = a->top + (size_t)r;
		if (i >= a->layout.n)
			continue;
		const struct line *ln = &a->layout.v[i];
		const char *src = art->body;
		if (ln->kind == LINE_TITLE)
			src = art->title;
		else if (ln->kind == LINE_META)
			src = a->meta;
		frame_put_text(f, r, g->text_x, g->text_x + g->text_w,
		               src + ln->start, ln->end - ln->start,
		               line_role(ln->kind), g->text_x);
	}
}

static void
draw_help(struct app *a)
{
	struct frame *f = &a->frame;
	struct help h;
	help_build(&h, &a->keymap);
	int kw = h.keys_w + 2;
	if (kw > a->cols / 2)
		kw = a->cols / 2;
	for (int r = 0; r < a->geo.body_rows; r++) {
		frame_fill(f, r, 0, a->cols, ROLE_NORMAL);
		size_t i = a->help_top + (size_t)r;
		if (i >= h.n)
			continue;
		const struct help_line *hl = &h.v[i];
		if (!hl->text)
			continue;
		if (!hl->keys) {
			put_clipped(f, r, 1, a->cols - 1, hl->text,
			            ROLE_HELP_HEADING);
			continue;
		}
		put_clipped(f, r, 3, kw, hl->keys, ROLE_HELP_KEY);
		put_clipped(f, r, 3 + kw, a->cols - 3 - kw, hl->text,
		            ROLE_NORMAL);
	}
	help_fini(&h);
}

static void
draw_status(struct app *a)
{
	struct frame *f = &a->frame;
	int r = a->geo.status_row;
	frame_fill(f, r, 0, a->cols, ROLE_STATUS);
	/* The right part, shortened on narrow screens before the left. */
	char right[96];
	int pct = 100;
	size_t n = a->layout.n;
	if (!a->help) {
		size_t bottom = a->top + (size_t)a->geo.body_rows;
		if (bottom > n)
			bottom = n;
		pct = n ? (int)(bottom * 100 / n) : 100;
	}
	if (a->help)
		snprintf(right, sizeof right, "help  q close ");
	else
		snprintf(right, sizeof right, "line %zu/%zu %3d%%  ? help ",
		         n ? a->top + 1 : 0, n, pct);
	int rw = (int)strlen(right);
	/* A message needs the room more than the line numbers do. */
	if (a->cols - rw < a->cols / 2 || (a->message && !a->help)) {
		if (a->help)
			snprintf(right, sizeof right, "q close ");
		else
			snprintf(right, sizeof right, "%3d%% ", pct);
		rw = (int)strlen(right);
	}
	if (a->cols - rw < a->cols / 2)
		rw = 0;
	int left_w = a->cols - rw - (rw ? 1 : 0);
	char pos[48];
	snprintf(pos, sizeof pos, " %zu/%zu ", a->sel + 1, a->corpus->n);
	int c = frame_put_str(f, r, 0, left_w, pos, ROLE_STATUS);
	if (a->npending) {
		struct strbuf sb;
		sb_init(&sb);
		struct keyseq seq;
		memcpy(seq.keys, a->pending, sizeof seq.keys);
		seq.n = a->npending;
		keyseq_format(&seq, &sb);
		sb_addstr(&sb, " -");
		put_clipped(f, r, c, left_w - c, sb.buf, ROLE_MESSAGE);
		sb_fini(&sb);
	} else if (a->message) {
		put_clipped(f, r, c, left_w - c, a->message,
		            a->message_is_error ? ROLE_ERROR : ROLE_MESSAGE);
	} else {
		put_clipped(f, r, c, left_w - c, a->corpus->v[a->sel].title,
		            ROLE_STATUS);
	}
	if (rw)
		frame_put_str(f, r, a->cols - rw, a->cols, right, ROLE_STATUS);
}

/*
 * After the first key of a sequence, a popup lists the keys that can
 * follow and what they do (which-key style), bottom right above the
 * status line.
 */
static void
draw_pending_popup(struct app *a)
{
	enum keymap_context ctxs[2] = {app_context(a), CTX_GLOBAL};
	struct strbuf lines[16];
	int n = 0, w = 0;
	for (int c = 0; c < 2 && n < 16; c++) {
		if (c == 1 && ctxs[0] == CTX_GLOBAL)
			break;
		for (size_t i = 0; i < a->keymap.n && n < 16; i++) {
			const struct binding *b = &a->keymap.v[i];
			if (b->ctx != ctxs[c] || b->seq.n <= a->npending ||
			    memcmp(b->seq.keys, a->pending,
			           (size_t)a->npending * sizeof(int)) != 0)
				continue;
			struct keyseq rest;
			rest.n = b->seq.n - a->npending;
			memcpy(rest.keys, b->seq.keys + a->npending,
			       (size_t)rest.n * sizeof(int));
			sb_init(&lines[n]);
			keyseq_format(&rest, &lines[n]);
			sb_addf(&lines[n], "  %s", action_name(b->action));
			int lw = glyph_text_width(lines[n].buf, lines[n].len);
			if (lw > w)
				w = lw;
			n++;
		}
	}
	int rows = n < a->geo.body_rows ? n : a->geo.body_rows;
	int width = w + 2 < a->cols ? w + 2 : a->cols;
	int x = a->cols - width;
	for (int i = 0; i < rows; i++) {
		int r = a->geo.body_rows - rows + i;
		frame_fill(&a->frame, r, x, a->cols, ROLE_POPUP);
		put_clipped(&a->frame, r, x + 1, width - 1, lines[i].buf,
		            ROLE_POPUP);
	}
	for (int i = 0; i < n; i++)
		sb_fini(&lines[i]);
}

static void
draw_too_small(struct app *a)
{
	const char *msg = a->cols >= 18 ? "terminal too small" : "too small";
	int r = a->rows / 2;
	int len = (int)strlen(msg);
	int c = a->cols > len ? (a->cols - len) / 2 : 0;
	frame_put_str(&a->frame, r, c, a->cols, msg, ROLE_NORMAL);
}

void
render_app(struct app *a)
{
	frame_resize(&a->frame, a->rows, a->cols);
	a->dirty = false;
	if (a->rows <= 0 || a->cols <= 0)
		return;
	if (a->geo.too_small) {
		draw_too_small(a);
		return;
	}
	if (a->help) {
		draw_help(a);
	} else {
		if (a->geo.side_w)
			draw_sidebar(a);
		draw_pane(a);
	}
	if (a->npending)
		draw_pending_popup(a);
	draw_status(a);
}
