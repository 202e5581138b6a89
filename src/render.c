/* render.c - the app state as a frame of cells. */
#include "render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "help.h"
#include "keys.h"
#include "utf8.h"

static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026 */

/*
 * Draws s in at most w columns from (r, c), cutting it with an ellipsis
 * when it does not fit.  Returns the column after the text.
 */
static int
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

/*
 * The sidebar: one row per article (two with a filter: the title and a
 * snippet of the first match), the selection marked with '>', and at the
 * right each article's keyword hits (or, with a filter, its matches).
 */
static void
draw_sidebar(struct app *a)
{
	struct frame *f = &a->frame;
	const struct geometry *g = &a->geo;
	int er = app_entry_rows(a);
	char num[24];
	enum role border =
	        a->focus == FOCUS_PAGER ? ROLE_FOCUS_BORDER : ROLE_BORDER;
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
		num[0] = '\0';
		/* Reading progress of an article begun but not finished. */
		int pct = a->progress[i];
		char prog[8] = "";
		if (pct > 0 && pct < 100 && !a->read[i] && g->side_w >= 24)
			snprintf(prog, sizeof prog, " %d%%", pct);
		if (a->filter) {
			snprintf(num, sizeof num, " %zu", a->filter_counts[i]);
		} else if (a->ngroups && a->highlight) {
			size_t h = app_article_hits(a, i);
			if (h != SIZE_MAX)
				snprintf(num, sizeof num, " %zu", h);
		}
		if (*prog && strlen(num) + strlen(prog) < sizeof num)
			strcat(num, prog);
		int nw = (int)strlen(num);
		if (nw > g->side_w / 3)
			nw = 0;
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
		if (nw)
			frame_put_str(f, r, g->side_w - nw, g->side_w, num,
			              role);
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

/* The first hit whose line is at or after line l (hit_lines is sorted). */
static size_t
first_hit_from(const struct app *a, size_t l)
{
	size_t lo = 0, hi = a->hits.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->hit_lines[mid] < l)
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
 * group of the slice's first hit.
 */
static void
draw_hit_map(struct app *a)
{
	int x = a->cols - 1;
	int rows = a->geo.body_rows;
	size_t n = a->layout.n;
	if (rows <= 0 || n == 0 || x <= a->geo.text_x)
		return;
	bool fits = n <= (size_t)rows;
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
		size_t h = first_hit_from(a, l0);
		bool hit = a->highlight && h < a->hits.n && a->hit_lines[h] < l1;
		bool thumb = !fits && l0 < a->top + (size_t)rows && l1 > a->top;
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
		const struct line *ln = &a->layout.v[i];
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
	}
	draw_hit_map(a);
}

/* The messages said so far, oldest first (neomutt's error history). */
static void
draw_messages(struct app *a)
{
	struct frame *f = &a->frame;
	for (int r = 0; r < a->geo.body_rows; r++) {
		frame_fill(f, r, 0, a->cols, ROLE_NORMAL);
		size_t i = a->help_top + (size_t)r;
		if (i == 0)
			put_clipped(f, r, 1, a->cols - 1,
			            "Messages, oldest first",
			            ROLE_HELP_HEADING);
		else if (i == 2 && !a->nsaid)
			put_clipped(f, r, 3, a->cols - 3, "none yet",
			            ROLE_META);
		else if (i >= 2 && i - 2 < a->nsaid)
			put_clipped(f, r, 3, a->cols - 3, a->said[i - 2],
			            strncmp(a->said[i - 2], "error: ", 7)
			                    ? ROLE_NORMAL
			                    : ROLE_ERROR);
	}
}

static void
draw_help(struct app *a)
{
	struct frame *f = &a->frame;
	if (a->messages_view) {
		draw_messages(a);
		return;
	}
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
	const char *label = a->prompt_kind == PROMPT_FILTER ? "filter: "
	                    : a->prompt_kind == PROMPT_NOTE ? "bookmark note: "
	                    : a->search.backward            ? "?"
	                                                    : "/";
	/* A label that leaves no room for what is typed gives way: its
	 * last character (": ", "/") is enough to say it is a prompt. */
	if ((int)strlen(label) > a->cols / 2 && a->prompt_kind != PROMPT_SEARCH)
		label = a->prompt_kind == PROMPT_NOTE ? "note: " : ": ";
	if ((int)strlen(label) > a->cols / 2)
		label = a->prompt_kind == PROMPT_SEARCH ? label : ":";
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
	if (s->re && s->spans.n)
		snprintf(right, sizeof right, " %zu match%s%s ", s->spans.n,
		         s->spans.n == 1 ? "" : "es",
		         s->limited ? " (cut short: too costly)" : "");
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

/* Per-group hit counts of the open article: "name 12 · name 3". */
static int
draw_counts(struct app *a, int r, int c, int cmax)
{
	struct frame *f = &a->frame;
	if (!a->highlight)
		return put_clipped(f, r, c, cmax - c, "highlighting off",
		                   ROLE_STATUS);
	char num[32];
	for (size_t g = 0; g < a->ngroups && c < cmax; g++) {
		if (!a->group_on[g])
			continue;
		if (c > 0 && frame_at(f, r, c - 1)->cp != ' ')
			c = frame_put_str(f, r, c, cmax, " ", ROLE_STATUS);
		c = put_clipped(f, r, c, cmax - c, a->group_names[g],
		                (enum role)(ROLE_COUNT + g));
		snprintf(num, sizeof num, " %zu%s ", a->group_counts[g],
		         a->hits_limited ? "+" : "");
		c = frame_put_str(f, r, c, cmax, num, ROLE_STATUS);
	}
	return c;
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
	int pct = 100;
	size_t n = a->layout.n;
	if (!a->help) {
		size_t bottom = a->top + (size_t)a->geo.body_rows;
		if (bottom > n)
			bottom = n;
		pct = n ? (int)(bottom * 100 / n) : 100;
	}
	char *help_key = key_for(a, a->help ? ACT_CLOSE_HELP : ACT_HELP);
	if (a->help)
		snprintf(right, sizeof right, "help  %s close ",
		         help_key ? help_key : "");
	else if (help_key)
		snprintf(right, sizeof right, "line %zu/%zu %3d%%  %s help ",
		         n ? a->top + 1 : 0, n, pct, help_key);
	else
		snprintf(right, sizeof right, "line %zu/%zu %3d%% ",
		         n ? a->top + 1 : 0, n, pct);
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
	/* What narrows or orders the sidebar stays in sight while on (a
	 * message, which says it when it changes, goes first). */
	bool quiet = a->help || a->message || a->npending || a->count;
	if (a->filter && !quiet) {
		c = frame_put_str(f, r, c, left_w, "filter: ", ROLE_STATUS);
		c = put_clipped(f, r, c, (left_w - c) / 2, a->filter,
		                ROLE_STATUS);
		c = frame_put_str(f, r, c, left_w, " ", ROLE_STATUS);
	}
	if (a->sort && !quiet) {
		snprintf(pos, sizeof pos, "sort: %s ", app_sort_name(a->sort));
		c = frame_put_str(f, r, c, left_w, pos, ROLE_STATUS);
	}
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
		put_clipped(f, r, c, left_w - c, a->message,
		            a->message_is_error ? ROLE_ERROR : ROLE_MESSAGE);
	} else if (a->ngroups && !a->help) {
		draw_counts(a, r, c, left_w);
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

/*
 * The keyword groups view: every group with its number (the key of t N
 * and ] N), on or off, its hits in the open article and in the corpus.
 */
static void
draw_groups(struct app *a)
{
	struct frame *f = &a->frame;
	char buf[160];
	for (int r = 0; r < a->geo.body_rows; r++)
		frame_fill(f, r, 0, a->cols, ROLE_NORMAL);
	put_clipped(f, 0, 1, a->cols - 1,
	            "Keyword groups: Space turns one on or off, q closes",
	            ROLE_HELP_HEADING);
	snprintf(buf, sizeof buf, "  #  on  %-20s%12s %12s", "group",
	         "this article", "corpus");
	put_clipped(f, 2, 0, a->cols, buf, ROLE_HELP_KEY);
	bool counting = app_background_pending(a);
	size_t first = 0,
	       rows = a->geo.body_rows > 4 ? (size_t)a->geo.body_rows - 4 : 1;
	if (a->group_sel >= rows)
		first = a->group_sel - rows + 1;
	for (size_t g = first;
	     g < a->ngroups && (int)(g - first) + 3 < a->geo.body_rows; g++) {
		int r = (int)(g - first) + 3;
		size_t corpus = 0;
		for (size_t i = 0; i < a->corpus->n; i++)
			if (a->art_counted[i])
				corpus += a->art_hits[i * a->ngroups + g];
		enum role role =
		        g == a->group_sel ? ROLE_SELECTED : ROLE_NORMAL;
		frame_fill(f, r, 0, a->cols, role);
		snprintf(buf, sizeof buf, "%c%2zu  %s ",
		         g == a->group_sel ? '>' : ' ', g + 1,
		         a->group_on[g] ? "[x]" : "[ ]");
		int c = frame_put_str(f, r, 0, a->cols, buf, role);
		int nc = put_clipped(
		        f, r, c, 20, a->group_names[g],
		        g == a->group_sel ? role : (enum role)(ROLE_COUNT + g));
		snprintf(buf, sizeof buf, "%*s%12zu %11zu%s", c + 21 - nc, "",
		         a->group_counts[g], corpus, counting ? "+" : " ");
		frame_put_str(f, r, nc, a->cols, buf, role);
	}
}

/* The bookmark list: article, place, note. */
static void
draw_marks(struct app *a)
{
	struct frame *f = &a->frame;
	char buf[64];
	for (int r = 0; r < a->geo.body_rows; r++)
		frame_fill(f, r, 0, a->cols, ROLE_NORMAL);
	put_clipped(f, 0, 1, a->cols - 1,
	            "Bookmarks: Enter goes there, d deletes, q closes",
	            ROLE_HELP_HEADING);
	size_t rows = a->geo.body_rows > 2 ? (size_t)a->geo.body_rows - 2 : 1;
	size_t first = a->mark_sel >= rows ? a->mark_sel - rows + 1 : 0;
	for (size_t k = first;
	     k < a->nmarks && (int)(k - first) + 2 < a->geo.body_rows; k++) {
		int r = (int)(k - first) + 2;
		const struct app_mark *m = &a->marks[k];
		enum role role = k == a->mark_sel ? ROLE_SELECTED : ROLE_NORMAL;
		frame_fill(f, r, 0, a->cols, role);
		snprintf(buf, sizeof buf, "%c%3zu  ",
		         k == a->mark_sel ? '>' : ' ', k + 1);
		int c = frame_put_str(f, r, 0, a->cols, buf, role);
		int w = (a->cols - c) / 2;
		c = put_clipped(f, r, c, w, a->corpus->v[m->article].title,
		                role);
		if (*m->note) {
			c = frame_put_str(f, r, c, a->cols, " \xe2\x80\x94 ",
			                  role);
			put_clipped(f, r, c, a->cols - c, m->note,
			            k == a->mark_sel ? role : ROLE_META);
		}
	}
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
