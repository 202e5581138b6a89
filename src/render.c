/* render.c - the app state as a frame of cells. */
#include "render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "render_int.h"
#include "help.h"
#include "keys.h"
#include "utf8.h"
#include "wrap.h"

static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026 */

/*
 * Draws s in at most w columns from (r, c), cutting it with an ellipsis
 * when it does not fit.  Returns the column after the text.
 */
int
put_clipped(struct frame *f, int r, int c, int w, const char *s, enum role role)
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

static unsigned char
digits(size_t n)
{
	unsigned char d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* The snippet line of a filtered entry: the match a third of the way in,
 * what comes before it cut (at a word) to make room. */
static void
draw_snippet(struct app *a, int r, size_t i, enum role role)
{
	const char *sn = a->snippets[i];
	size_t at = a->snippet_at ? a->snippet_at[i] : 0;
	int w = a->geo.side_w - 2;
	size_t from = 0;
	while (from < at && glyph_text_width(sn + from, at - from) > w / 3) {
		uint32_t cp;
		from += utf8_decode(sn + from, at - from, &cp);
	}
	int c = 2;
	if (from > 0) {
		size_t k = from;
		while (k < at && sn[k - 1] != ' ')
			k++;
		from = k; /* a whole word, or the match first */
		c = frame_put_str(&a->frame, r, c, c + 1, "\xe2\x80\xa6", role);
	}
	put_clipped(&a->frame, r, c, a->geo.side_w - c, sn + from, role);
}

/* The number at the right of sidebar entry i: its matches under a
 * filter, else its keyword hits once counted; SIZE_MAX for none. */
static size_t
entry_count(const struct app *a, size_t i)
{
	if (a->filter)
		return a->filter_counts[i];
	if (a->ngroups && a->highlight)
		return app_article_hits(a, i);
	return SIZE_MAX;
}

/* The progress shown for entry i (begun, not finished), or 0. */
static int
entry_progress(const struct app *a, size_t i)
{
	int pct = a->progress[i];
	return pct > 0 && pct < 100 && !a->read[i] ? pct : 0;
}

/*
 * The sidebar: one row per article (two with a filter: the title and a
 * snippet of the first match), the selection marked with '>', and at the
 * right two aligned columns: each article's keyword hits (or, with a
 * filter, its matches) and how far an unfinished one has been read.
 */
static void
draw_sidebar(struct app *a)
{
	struct frame *f = &a->frame;
	const struct geometry *g = &a->geo;
	int er = app_entry_rows(a);
	enum role border =
	        a->focus == FOCUS_PAGER ? ROLE_FOCUS_BORDER : ROLE_BORDER;
	/* The columns' widths, from the rows in view. */
	int cw = 0, pw = 0;
	for (int r = 0; r < g->body_rows; r += er) {
		size_t row = a->list_top + (size_t)(r / er);
		if (row >= a->norder)
			break;
		size_t c = entry_count(a, a->order[row]);
		if (c != SIZE_MAX && 1 + digits(c) > cw)
			cw = 1 + digits(c);
		if (entry_progress(a, a->order[row]))
			pw = 4; /* " 40%" */
	}
	if (g->side_w < 24 || cw + pw > g->side_w / 3)
		pw = 0;
	if (cw + pw > g->side_w / 3)
		cw = 0;
	for (int r = 0; r < g->body_rows; r++) {
		frame_fill(f, r, 0, g->side_w, ROLE_SIDEBAR);
		/* The focused side at a glance: the sidebar's cursor bold
		 * while it has the focus, dimmed and the border heavy and
		 * lit while the pane has it. */
		frame_fill(f, r, g->side_w, g->side_w + 1, border);
		frame_put_str(f, r, g->side_w, g->side_w + 1,
		              border == ROLE_BORDER ? "\xe2\x94\x82"  /* │ */
		                                    : "\xe2\x94\x83", /* ┃ */
		              border);
		size_t row = a->list_top + (size_t)(r / er);
		if (row >= a->norder)
			continue;
		size_t i = a->order[row];
		enum role role = a->read[i] ? ROLE_SIDEBAR : ROLE_UNREAD;
		if (i == a->sel)
			role = a->focus == FOCUS_LIST && !a->help
			               ? ROLE_SELECTED
			               : ROLE_SELECTED_INACTIVE;
		frame_fill(f, r, 0, g->side_w, role);
		if (r % er == 1) {
			draw_snippet(a, r, i, i == a->sel ? role : ROLE_META);
			continue;
		}
		int nw = cw + pw;
		frame_put_str(f, r, 0, 1, i == a->sel ? ">" : " ", role);
		int tx = 1;
		if (a->numbers) {
			/* The number 10G goes to, right-aligned. */
			char rn[48];
			snprintf(rn, sizeof rn, "%*zu ", digits(a->norder) % 24,
			         row + 1);
			if ((int)strlen(rn) < (g->side_w - 1 - nw) / 2)
				tx = frame_put_str(f, r, 1, g->side_w - nw, rn,
				                   i == a->sel ? role
				                               : ROLE_META);
		}
		put_clipped(f, r, tx, g->side_w - tx - nw,
		            a->corpus->v[i].title, role);
		char col[48];
		size_t c = entry_count(a, i);
		if (cw && c != SIZE_MAX) {
			snprintf(col, sizeof col, "%*zu", cw % 24, c);
			frame_put_str(f, r, g->side_w - nw, g->side_w - pw, col,
			              role);
		}
		int pct = entry_progress(a, i);
		if (pw && pct) {
			snprintf(col, sizeof col, " %2d%%", pct % 100);
			frame_put_str(f, r, g->side_w - pw, g->side_w, col,
			              role);
		}
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

/*
 * Gives the cells of row r that show body bytes [from, to) the role, where
 * the row shows the line [ls, le) of src drawn from column x.
 */
static void
paint_span(struct frame *f, int r, int x, int xmax, const char *src, size_t ls,
           size_t le, size_t from, size_t to, int role)
{
	size_t pos = ls;
	int col = x;
	while (pos < le && col < xmax) {
		struct glyph g;
		size_t at = pos;
		glyph_next(src, le, &pos, col - x, &g);
		if (at >= from && at < to && g.kind != GLYPH_PLACEHOLDER)
			for (int c = col; c < col + g.width && c < xmax; c++)
				frame_at(f, r, c)->role = (uint8_t)role;
		col += g.width;
	}
}

/* Overlays the spans of v[0..n) (sorted by start) that meet [ls, le). */
static void
paint_spans(struct frame *f, int r, int x, int xmax, const char *src, size_t ls,
            size_t le, const struct match_span *v, size_t n, int role_base,
            bool by_group)
{
	/* First span that ends after the line starts. */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].end <= ls)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < n && v[i].start < le; i++)
		paint_span(f, r, x, xmax, src, ls, le, v[i].start, v[i].end,
		           by_group ? role_base + v[i].group : role_base);
}

/* The first hit whose line (by_byte: whose start) is at or after l
 * (both are sorted). */
static size_t
first_hit_from(const struct app *a, size_t l, bool by_byte)
{
	size_t lo = 0, hi = a->hits.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((by_byte ? a->hits.v[mid].start : a->hit_lines[mid]) < l)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The hit map, in the pane's right margin.  When the article fits, each
 * row is its line: a mark beside each line that holds a hit.  When it
 * does not, the margin stands for the whole article, each row a fixed
 * slice of its lines, and the slice in view is the scroll thumb: │ where
 * it has no hit, █ where it has one, so hits never hide it; ▐ marks a
 * slice out of view that holds hits.  Marks take the colour of the
 * group of the slice's first hit.  While a long article is still being
 * laid out, its lines are not all known: the slices are of its bytes,
 * and the marks come as its hits are found.
 */
static void
draw_hit_map(struct app *a)
{
	int x = a->cols - 1;
	int rows = a->geo.body_rows;
	bool by_byte = !a->layout.done;
	/* The article's extent and the view's, in lines or bytes. */
	size_t n = a->layout.n, v0 = a->top, v1 = a->top + (size_t)rows;
	if (by_byte) {
		n = a->corpus->v[a->open].body_len;
		v0 = v0 < a->layout.n ? layout_line(&a->layout, v0).start : n;
		v1 = v1 < a->layout.n ? layout_line(&a->layout, v1).start
		                      : layout_frontier(&a->layout);
	}
	if (rows <= 0 || n == 0 || x <= a->geo.text_x)
		return;
	bool fits = !by_byte && n <= (size_t)rows;
	for (int r = 0; r < rows; r++) {
		size_t l0, l1;
		if (fits) {
			l0 = a->top + (size_t)r;
			l1 = l0 + 1;
			if (l0 >= n)
				break;
		} else {
			l0 = n * (size_t)r / (size_t)rows;
			l1 = n * (size_t)(r + 1) / (size_t)rows;
			if (l1 <= l0)
				l1 = l0 + 1;
		}
		size_t h = first_hit_from(a, l0, by_byte);
		bool hit =
		        a->highlight && h < a->hits.n &&
		        (by_byte ? a->hits.v[h].start : a->hit_lines[h]) < l1;
		bool thumb = !fits && l0 < v1 && l1 > v0;
		if (hit) {
			frame_put_str(&a->frame, r, x, x + 1,
			              thumb || fits ? "\xe2\x96\x88"  /* █ */
			                            : "\xe2\x96\x90", /* ▐ */
			              ROLE_TEXT);
			frame_at(&a->frame, r, x)->role =
			        (uint8_t)(ROLE_COUNT + a->hits.v[h].group);
		} else if (thumb) {
			frame_put_str(&a->frame, r, x, x + 1,
			              "\xe2\x94\x82", /* │ */
			              ROLE_BORDER);
		}
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
		struct line line = layout_line(&a->layout, i);
		const struct line *ln = &line;
		if (g->gutter) {
			/* The numbers G goes to (10G), as less -N shows. */
			char num[24];
			snprintf(num, sizeof num, "%*zu", g->gutter - 2, i + 1);
			size_t len = strlen(num);
			const char *p =
			        num + (len > (size_t)g->gutter - 2
			                       ? len - (size_t)g->gutter + 2
			                       : 0);
			frame_put_str(f, r, g->text_x - g->gutter,
			              g->text_x - 1, p, ROLE_META);
		}
		const char *src = art->body;
		if (ln->kind == LINE_TITLE)
			src = art->title;
		else if (ln->kind == LINE_META)
			src = a->meta;
		frame_put_text(f, r, g->text_x, g->text_x + g->text_w,
		               src + ln->start, ln->end - ln->start,
		               line_role(ln->kind), g->text_x);
		if (src != art->body)
			continue;
		int xmax = g->text_x + g->text_w;
		if (a->highlight && a->hits.n)
			paint_spans(f, r, g->text_x, xmax, src, ln->start,
			            ln->end, a->hits.v, a->hits.n, ROLE_COUNT,
			            true);
		if (a->search.spans.n)
			paint_spans(f, r, g->text_x, xmax, src, ln->start,
			            ln->end, a->search.spans.v,
			            a->search.spans.n, ROLE_MATCH, false);
		/* The match (or hit) n (or ]) moved to, told from the rest. */
		if (a->search.cur < a->search.spans.n)
			paint_spans(f, r, g->text_x, xmax, src, ln->start,
			            ln->end, a->search.spans.v + a->search.cur,
			            1, ROLE_CURRENT_MATCH, false);
		else if (a->highlight && a->hit_cur < a->hits.n)
			paint_spans(f, r, g->text_x, xmax, src, ln->start,
			            ln->end, a->hits.v + a->hit_cur, 1,
			            ROLE_CURRENT_MATCH, false);
		/* The lines being selected (v), across the text's width. */
		if (a->vsel) {
			size_t lo = a->vsel_anchor < a->vsel_cur
			                    ? a->vsel_anchor
			                    : a->vsel_cur;
			size_t hi = a->vsel_anchor < a->vsel_cur
			                    ? a->vsel_cur
			                    : a->vsel_anchor;
			if (i >= lo && i <= hi)
				for (int x = g->text_x; x < xmax; x++)
					frame_at(f, r, x)->role = ROLE_SELECTED;
		}
	}
	draw_hit_map(a);
}

/* The first key that does act where keys are looked up now, or NULL. */
static char *
key_for(const struct app *a, enum action act)
{
	struct strbuf sb;
	sb_init(&sb);
	if (keymap_key_for(&a->keymap, app_context(a), act, &sb))
		return sb_detach(&sb);
	sb_fini(&sb);
	return NULL;
}

/* The search prompt: "/query" with the cursor shown in reverse. */
static void
draw_prompt(struct app *a)
{
	struct frame *f = &a->frame;
	int r = a->geo.status_row;
	frame_fill(f, r, 0, a->cols, ROLE_NORMAL);
	const struct prompt *p = &a->prompt;
	const char *label =
	        a->prompt_kind == PROMPT_FILTER ? "filter: "
	        : a->prompt_kind == PROMPT_NOTE ? "bookmark note: "
	        : a->prompt_kind == PROMPT_SAVE
	                ? (a->saving_notes ? "save notes to: " : "save to: ")
	        : a->prompt_kind == PROMPT_PIPE ? "pipe to: "
	        : a->prompt_kind == PROMPT_HELP
	                ? (a->help_back ? "help ?" : "help /")
	        : a->search.backward ? "?"
	                             : "/";
	/* A label that leaves no room for what is typed gives way: its
	 * last character (": ", "/") is enough to say it is a prompt. */
	if ((int)strlen(label) > a->cols / 2 && a->prompt_kind == PROMPT_HELP)
		label = a->help_back ? "?" : "/";
	if ((int)strlen(label) > a->cols / 2 &&
	    a->prompt_kind != PROMPT_SEARCH && a->prompt_kind != PROMPT_HELP)
		label = a->prompt_kind == PROMPT_NOTE ? "note: " : ": ";
	if ((int)strlen(label) > a->cols / 2)
		label = a->prompt_kind == PROMPT_SEARCH ||
		                        a->prompt_kind == PROMPT_HELP
		                ? label
		                : ":";
	int c = frame_put_str(f, r, 0, a->cols, label, ROLE_NORMAL);
	/* Keep the cursor on screen: drop the start of a long query (down
	 * to nothing before the cursor on the narrowest screens). */
	size_t from = 0;
	while (from < p->cursor &&
	       glyph_text_width(p->text.buf + from, p->cursor - from) >
	               a->cols - c - 2) {
		uint32_t cp;
		from += utf8_decode(p->text.buf + from, p->cursor - from, &cp);
	}
	int cur = frame_put_text(f, r, c, a->cols, p->text.buf + from,
	                         p->cursor - from, ROLE_NORMAL, c);
	frame_put_text(f, r, cur, a->cols, p->text.buf + p->cursor,
	               p->text.len - p->cursor, ROLE_NORMAL, c);
	if (cur < a->cols)
		frame_at(f, r, cur)->role = ROLE_SELECTED;
	char right[64];
	const struct search *s = &a->search;
	if (a->prompt_kind != PROMPT_SEARCH)
		return;
	if (a->message) {
		/* A bad pattern: say why, right of what is typed. */
		int w = glyph_text_width(a->message, strlen(a->message)) + 2;
		if (w > a->cols - cur - 2)
			w = a->cols - cur - 2;
		if (w > 2)
			put_clipped(f, r, a->cols - w + 1, w - 1, a->message,
			            a->message_is_error ? ROLE_ERROR
			                                : ROLE_MESSAGE);
		return;
	}
	size_t found = search_count(s);
	if (s->re && found)
		snprintf(right, sizeof right, " %zu match%s%s ", found,
		         found == 1 ? "" : "es",
		         !search_done(s) ? " so far"
		         : s->limited    ? " (cut short: too costly)"
		                         : "");
	else if (s->re && s->limited)
		snprintf(right, sizeof right, " too costly: cut short ");
	else if (s->re && *p->text.buf)
		snprintf(right, sizeof right, " not found ");
	else
		return;
	int rw = (int)strlen(right);
	if (cur + 2 + rw <= a->cols)
		frame_put_str(f, r, a->cols - rw, a->cols, right, ROLE_MESSAGE);
}

/* Per-group hit counts of the open article: "name 12 name 3", each group
 * whole or not at all: those that do not fit are counted, "+2". */
static int
draw_counts(struct app *a, int r, int c, int cmax)
{
	struct frame *f = &a->frame;
	if (!a->highlight)
		return put_clipped(f, r, c, cmax - c, "highlighting off",
		                   ROLE_STATUS);
	char num[32];
	for (size_t g = 0; g < a->ngroups; g++) {
		if (!a->group_on[g])
			continue;
		snprintf(num, sizeof num, " %zu%s ", a->group_counts[g],
		         a->hits_limited ? "+" : "");
		const char *name = a->group_names[g];
		int w = glyph_text_width(name, strlen(name)) + (int)strlen(num);
		size_t left = 0;
		for (size_t k = g + 1; k < a->ngroups; k++)
			left += a->group_on[k];
		/* Room for this one, and for "+N" after it if more follow. */
		if (c + w + (left ? 4 : 0) > cmax) {
			/* "+N" whole, or nothing. */
			int n = snprintf(num, sizeof num, "+%zu ", left + 1);
			if (c + n - 1 > cmax)
				return c;
			return frame_put_str(f, r, c, cmax, num, ROLE_STATUS);
		}
		c = frame_put_text(f, r, c, cmax, name, strlen(name),
		                   (enum role)(ROLE_COUNT + g), c);
		c = frame_put_str(f, r, c, cmax, num, ROLE_STATUS);
	}
	return c;
}

/* The columns draw_counts would take for every enabled group. */
static int
counts_width(const struct app *a)
{
	if (!a->ngroups)
		return 0;
	if (!a->highlight)
		return (int)strlen("highlighting off");
	int w = 0;
	char num[32];
	for (size_t g = 0; g < a->ngroups; g++) {
		if (!a->group_on[g])
			continue;
		const char *name = a->group_names[g];
		w += glyph_text_width(name, strlen(name)) +
		     snprintf(num, sizeof num, " %zu%s ", a->group_counts[g],
		              a->hits_limited ? "+" : "");
	}
	return w;
}

/* The shortest a title is cut to before the groups give way. */
#define STATUS_TITLE_MIN 24

/*
 * The status line's items after the position: the title, then the
 * filter, sort and search while on, then the group counts; from column
 * c to cmax.  Returns the column after them.
 */
static int
draw_status_items(struct app *a, int r, int c, int cmax)
{
	struct frame *f = &a->frame;
	int avail = cmax - c;
	const char *title = a->corpus->v[a->sel].title;
	int title_w = glyph_text_width(title, strlen(title)) + 1;
	int title_min = title_w < STATUS_TITLE_MIN ? title_w : STATUS_TITLE_MIN;
	/* The filter, the sort and the search, each whole or not at all,
	 * as long as the title keeps its least. */
	const char *what[3] = {
	        a->filter ? "filter: " : NULL, a->sort ? "sort: " : NULL,
	        a->search.query && *a->search.query && a->search.re
	                ? (a->search.backward ? "?" : "/")
	                : NULL};
	const char *text[3] = {a->filter,
	                       a->sort ? app_sort_name(a->sort) : NULL,
	                       a->search.query};
	struct strbuf mid, item;
	sb_init(&mid);
	sb_init(&item);
	for (int i = 0; i < 3; i++) {
		if (!what[i])
			continue;
		sb_reset(&item);
		sb_addstr(&item, what[i]);
		/* A long query is cut (it is in the prompt's history). */
		size_t n = strlen(text[i]), cut = n;
		while (cut > 0 && n - cut < 4096 &&
		       glyph_text_width(text[i], cut) > 20)
			cut--;
		glyph_escape(text[i], cut, &item);
		sb_addstr(&item, cut < n ? "\xe2\x80\xa6 " : " ");
		if (title_min + glyph_text_width(mid.buf, mid.len) +
		            glyph_text_width(item.buf, item.len) <=
		    avail)
			sb_add(&mid, item.buf, item.len);
	}
	sb_fini(&item);
	int mid_w = glyph_text_width(mid.buf, mid.len);
	/* The title whole when the groups still fit, else cut, down to its
	 * least, before they give way. */
	int tw = avail - mid_w - counts_width(a);
	if (tw < title_min)
		tw = title_min;
	if (tw > title_w)
		tw = title_w;
	if (tw > avail - mid_w)
		tw = avail - mid_w;
	if (tw > 1) {
		put_clipped(f, r, c, tw - 1, title, ROLE_STATUS);
		c += tw;
	}
	if (mid_w) {
		put_clipped(f, r, c, mid_w, mid.buf, ROLE_STATUS);
		c += mid_w;
	}
	sb_fini(&mid);
	if (a->ngroups && !a->help)
		c = draw_counts(a, r, c, cmax);
	return c;
}

/*
 * A message too long for the status line (a reload error with its file,
 * line and column) is never only cut: it is also shown whole, wrapped,
 * in a box above the status line, until a key changes the screen.
 */
static void
draw_message_box(struct app *a, enum role role)
{
	int w = a->cols - 2;
	if (w < 8 || a->geo.body_rows < 2)
		return;
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	wrap_text(a->message, strlen(a->message), w, &wl);
	int n = (int)wl.n;
	int max = a->geo.body_rows / 2 > 1 ? a->geo.body_rows / 2 : 1;
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++) {
		int r = a->geo.body_rows - n + i;
		const struct wrap_line *l = &wl.v[i];
		frame_fill(&a->frame, r, 0, a->cols, role);
		if (i + 1 == n && (size_t)n < wl.n)
			put_clipped(&a->frame, r, 1, w, a->message + l->start,
			            role); /* the rest, cut: it did not fit */
		else
			frame_put_text(&a->frame, r, 1, 1 + w,
			               a->message + l->start, l->end - l->start,
			               role, 1);
	}
	wrap_lines_fini(&wl);
}

static void
draw_status(struct app *a)
{
	struct frame *f = &a->frame;
	int r = a->geo.status_row;
	if (a->prompting) {
		draw_prompt(a);
		return;
	}
	frame_fill(f, r, 0, a->cols, ROLE_STATUS);
	/* The right part, shortened on narrow screens before the left. */
	char right[96];
	int pct = a->help ? 100 : app_percent_shown(a);
	size_t n = a->layout.n;
	/* Lines not all known yet (a long article laid out as it is
	 * read): "?" for their number, as less says before it knows. */
	char total[24] = "?";
	if (a->layout.done)
		snprintf(total, sizeof total, "%zu", n);
	char *help_key = key_for(a, a->help ? ACT_CLOSE_HELP : ACT_HELP);
	if (a->help)
		snprintf(right, sizeof right, "help  %s close ",
		         help_key ? help_key : "");
	else if (help_key)
		snprintf(right, sizeof right, "line %zu/%s %3d%%  %s help ",
		         n ? a->top + 1 : 0, total, pct, help_key);
	else
		snprintf(right, sizeof right, "line %zu/%s %3d%% ",
		         n ? a->top + 1 : 0, total, pct);
	free(help_key);
	int rw = (int)strlen(right);
	/* A message needs the room more than the line numbers do. */
	if (a->cols - rw < a->cols / 2 || (a->message && !a->help)) {
		if (a->help)
			snprintf(right, sizeof right, "help ");
		else
			snprintf(right, sizeof right, "%3d%% ", pct);
		rw = (int)strlen(right);
	}
	if (a->cols - rw < a->cols / 2)
		rw = 0;
	int left_w = a->cols - rw - (rw ? 1 : 0);
	char pos[48];
	size_t unread = app_unread(a);
	if (a->filter)
		snprintf(pos, sizeof pos, " %zu/%zu of %zu ", a->row + 1,
		         a->norder, a->corpus->n);
	else if (unread)
		snprintf(pos, sizeof pos, " %zu/%zu (%zu unread) ", a->row + 1,
		         a->norder, unread);
	else
		snprintf(pos, sizeof pos, " %zu/%zu ", a->row + 1, a->norder);
	int c = frame_put_str(f, r, 0, left_w, pos, ROLE_STATUS);
	/* Then, by priority: the article's title; what narrows, orders or
	 * searches it, in sight while on; the keyword groups last, dropped
	 * whole ("+2").  A message, which says what just changed, takes
	 * the place of all three until a key is typed. */
	bool quiet = a->help || a->message || a->npending || a->count;
	if (!quiet)
		c = draw_status_items(a, r, c, left_w);
	if (a->count && !a->npending) {
		/* A count being typed, as vim's showcmd shows it. */
		snprintf(pos, sizeof pos, "%ld -", a->count);
		put_clipped(f, r, c, left_w - c, pos, ROLE_MESSAGE);
	} else if (a->npending) {
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
		enum role mr = a->message_is_error ? ROLE_ERROR : ROLE_MESSAGE;
		if (glyph_text_width(a->message, strlen(a->message)) >
		    left_w - c)
			draw_message_box(a, mr);
		put_clipped(f, r, c, left_w - c, a->message, mr);
	} else if (a->help) {
		put_clipped(f, r, c, left_w - c, a->corpus->v[a->sel].title,
		            ROLE_STATUS);
	}
	if (rw)
		frame_put_str(f, r, a->cols - rw, a->cols, right, ROLE_STATUS);
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
	app_progress_drawn(a);
	if (a->rows <= 0 || a->cols <= 0)
		return;
	if (a->geo.too_small) {
		draw_too_small(a);
		return;
	}
	if (a->help) {
		draw_help(a);
	} else if (a->links_view) {
		draw_links(a);
	} else if (a->marks_view) {
		draw_marks(a);
	} else if (a->groups_view) {
		draw_groups(a);
	} else {
		if (a->geo.side_w)
			draw_sidebar(a);
		draw_pane(a);
	}
	if (a->npending)
		draw_pending_popup(a);
	draw_status(a);
}
