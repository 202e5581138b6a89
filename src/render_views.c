/* render_views.c - the views drawn over the sidebar and the pane: the
 * help screen, the message history, the keyword groups view, the
 * bookmark list and the popup of keys that can follow. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h" /* localtime_r */
#endif
#include "render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glyph.h"
#include "help.h"
#include "keys.h"
#include "render_int.h"

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

/* Shows where the help search's query is in text drawn at column c (w
 * columns): its cells take the search-match role. */
static void
mark_query(struct app *a, int r, int c, int w, const char *text)
{
	long at = a->help_query ? help_match_at(text, a->help_query) : -1;
	if (at < 0)
		return;
	int from = glyph_text_width(text, (size_t)at);
	int len = glyph_text_width(text + at, strlen(a->help_query));
	for (int x = from; x < from + len && x < w; x++)
		frame_at(&a->frame, r, c + x)->role = ROLE_MATCH;
}

void
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
			/* A context, then its tasks, indented under it. */
			int x = hl->level ? 3 : 1;
			put_clipped(f, r, x, a->cols - x, hl->text,
			            hl->level ? ROLE_META : ROLE_HELP_HEADING);
			mark_query(a, r, x, a->cols - x, hl->text);
			continue;
		}
		put_clipped(f, r, 5, kw, hl->keys, ROLE_HELP_KEY);
		put_clipped(f, r, 5 + kw, a->cols - 5 - kw, hl->text,
		            ROLE_NORMAL);
		mark_query(a, r, 5, kw, hl->keys);
		mark_query(a, r, 5 + kw, a->cols - 5 - kw, hl->text);
	}
	help_fini(&h);
}

/* The keyword group (0-based) a numbered action is about, or -1. */
static int
group_of_action(enum action act)
{
	if (act >= ACT_NEXT_HIT_1 && act <= ACT_NEXT_HIT_9)
		return (int)(act - ACT_NEXT_HIT_1);
	if (act >= ACT_PREV_HIT_1 && act <= ACT_PREV_HIT_9)
		return (int)(act - ACT_PREV_HIT_1);
	if (act >= ACT_TOGGLE_GROUP_1 && act <= ACT_TOGGLE_GROUP_9)
		return (int)(act - ACT_TOGGLE_GROUP_1);
	return -1;
}

/* What act does, in words: for a numbered group action, with the
 * group's name ("next organisations hit"). */
static void
what_it_does(const struct app *a, enum action act, struct strbuf *sb)
{
	int g = group_of_action(act);
	if (g < 0) {
		sb_addstr(sb, action_help(act));
		return;
	}
	const char *name = a->group_names[g];
	if (act >= ACT_NEXT_HIT_1 && act <= ACT_NEXT_HIT_9)
		sb_addf(sb, "next %s hit", name);
	else if (act >= ACT_PREV_HIT_1 && act <= ACT_PREV_HIT_9)
		sb_addf(sb, "previous %s hit", name);
	else
		sb_addf(sb, "turn %s %s", name, a->group_on[g] ? "off" : "on");
}

/*
 * After the first key of a sequence, a popup lists the keys that can
 * follow and what they do (which-key style), bottom right above the
 * status line.
 */
void
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
			/* Numbered group actions only for groups that are. */
			int grp = group_of_action(b->action);
			if (grp >= 0 && (size_t)grp >= a->ngroups)
				continue;
			struct keyseq rest;
			rest.n = b->seq.n - a->npending;
			memcpy(rest.keys, b->seq.keys + a->npending,
			       (size_t)rest.n * sizeof(int));
			sb_init(&lines[n]);
			keyseq_format(&rest, &lines[n]);
			sb_addstr(&lines[n], "  ");
			what_it_does(a, b->action, &lines[n]);
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

/* A list view's page: blank rows, its heading on the first. */
static void
view_start(struct app *a, const char *heading)
{
	for (int r = 0; r < a->geo.body_rows; r++)
		frame_fill(&a->frame, r, 0, a->cols, ROLE_NORMAL);
	put_clipped(&a->frame, 0, 1, a->cols - 1, heading, ROLE_HELP_HEADING);
}

/*
 * The keyword groups view: every group with its number (the key of t N
 * and ] N), on or off, its hits in the open article and in the corpus.
 */
void
draw_groups(struct app *a)
{
	struct frame *f = &a->frame;
	char buf[160];
	view_start(a, "Keyword groups: Space turns one on or off, q closes");
	snprintf(buf, sizeof buf, "  #  on  %-20s%12s %12s", "group",
	         "this article", "corpus");
	put_clipped(f, 2, 0, a->cols, buf, ROLE_HELP_KEY);
	bool counting = app_counting(a);
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
void
draw_marks(struct app *a)
{
	struct frame *f = &a->frame;
	char buf[96];
	view_start(a, "Bookmarks: Enter goes there, d deletes, q closes");
	/* Two rows a bookmark: the article and the note, then where in
	 * the article it is and when it was made. */
	size_t rows =
	        a->geo.body_rows > 3 ? (size_t)(a->geo.body_rows - 2) / 2 : 1;
	size_t first = a->mark_sel >= rows ? a->mark_sel - rows + 1 : 0;
	for (size_t k = first; k < a->nmarks; k++) {
		int r = 2 * (int)(k - first) + 2;
		if (r >= a->geo.body_rows)
			break;
		const struct app_mark *m = &a->marks[k];
		const struct article *art = &a->corpus->v[m->article];
		enum role role = k == a->mark_sel ? ROLE_SELECTED : ROLE_NORMAL;
		frame_fill(f, r, 0, a->cols, role);
		snprintf(buf, sizeof buf, "%c%3zu  ",
		         k == a->mark_sel ? '>' : ' ', k + 1);
		int c = frame_put_str(f, r, 0, a->cols, buf, role);
		int w = (a->cols - c) / 2;
		c = put_clipped(f, r, c, w, art->title, role);
		if (*m->note) {
			c = frame_put_str(f, r, c, a->cols, " \xe2\x80\x94 ",
			                  role);
			put_clipped(f, r, c, a->cols - c, m->note,
			            k == a->mark_sel ? role : ROLE_META);
		}
		if (r + 1 >= a->geo.body_rows)
			break;
		/* The place as a share of the body, and the date. */
		long long body =
		        art->body_loaded
		                ? (long long)art->body_len
		                : art->size - (long long)art->body_offset;
		int pct =
		        body > 0 ? (int)((long long)m->offset * 100 / body) : 0;
		if (pct > 100)
			pct = 100;
		/* In the open article, its line as 10G counts them too. */
		char line[32] = "";
		if (m->article == a->open && a->layout.n)
			snprintf(line, sizeof line, "line %zu, ",
			         layout_find_anchor(&a->layout, m->offset + 1) +
			                 1);
		int n = snprintf(buf, sizeof buf, "%*s%s%d%% of the article", 6,
		                 "", line, pct);
		if (m->created > 0 && n > 0 && (size_t)n < sizeof buf) {
			time_t t = (time_t)m->created;
			struct tm tm;
			if (localtime_r(&t, &tm))
				strftime(buf + n, sizeof buf - (size_t)n,
				         " \xc2\xb7 made %Y-%m-%d %H:%M", &tm);
		}
		c = put_clipped(f, r + 1, 0, a->cols, buf, ROLE_META);
		/* And the text there, as far as the row goes. */
		const char *sn = app_mark_snippet(a, k);
		if (*sn && c + 8 < a->cols) {
			c = frame_put_str(f, r + 1, c, a->cols,
			                  " \xc2\xb7 \xe2\x80\x9c", ROLE_META);
			c = put_clipped(f, r + 1, c, a->cols - c - 1, sn,
			                ROLE_TEXT);
			frame_put_str(f, r + 1, c, a->cols, "\xe2\x80\x9d",
			              ROLE_META);
		}
	}
}

/* The open article's links, numbered, the selected one marked; the line
 * of text each is in follows it, dimmed, where the row has room. */
void
draw_links(struct app *a)
{
	struct frame *f = &a->frame;
	char buf[32];
	view_start(a, "Links: Enter opens, y copies, q closes");
	size_t rows = a->geo.body_rows > 2 ? (size_t)(a->geo.body_rows - 2) : 1;
	size_t first = a->link_sel >= rows ? a->link_sel - rows + 1 : 0;
	const char *body = a->corpus->v[a->open].body;
	for (size_t k = first; k < a->links.n; k++) {
		int r = (int)(k - first) + 2;
		if (r >= a->geo.body_rows)
			break;
		const struct link *l = &a->links.v[k];
		enum role role = k == a->link_sel ? ROLE_SELECTED : ROLE_NORMAL;
		frame_fill(f, r, 0, a->cols, role);
		snprintf(buf, sizeof buf, "%c%3zu  ",
		         k == a->link_sel ? '>' : ' ', k + 1);
		int c = frame_put_str(f, r, 0, a->cols, buf, role);
		c = frame_put_text(f, r, c, a->cols, body + l->start,
		                   l->end - l->start, role, c);
		if (l->kind == LINK_EMAIL)
			c = frame_put_str(f, r, c, a->cols, "  (email)",
			                  k == a->link_sel ? role : ROLE_META);
	}
}
