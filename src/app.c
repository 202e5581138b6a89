/* app.c - session state and what actions do to it. */
#include "app.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "keys.h"

/* Below this the screen shows only "terminal too small". */
#define MIN_COLS 16
#define MIN_ROWS 3
/* At least this wide for the sidebar to be shown beside the pane. */
#define SIDEBAR_MIN_SCREEN 40

void
app_geometry(int rows, int cols, struct geometry *g)
{
	memset(g, 0, sizeof *g);
	g->too_small = rows < MIN_ROWS || cols < MIN_COLS;
	g->body_rows = rows > 1 ? rows - 1 : 0;
	g->status_row = rows > 0 ? rows - 1 : 0;
	if (cols >= SIDEBAR_MIN_SCREEN) {
		g->side_w = cols * 3 / 10;
		if (g->side_w < 12)
			g->side_w = 12;
		if (g->side_w > 36)
			g->side_w = 36;
	}
	/* Pane: after the sidebar and its border, one column of margin on
	 * each side of the text. */
	int pane_x = g->side_w ? g->side_w + 1 : 0;
	g->text_x = pane_x + 1;
	g->text_w = cols - pane_x - 2;
	if (g->text_w < 1)
		g->text_w = 1;
}

static void
build_meta(struct app *a, const struct article *art)
{
	struct strbuf sb;
	sb_init(&sb);
	const struct frontmatter *fm = &art->fm;
	const char *sep = "";
	if (fm->author) {
		sb_addf(&sb, "By %s", fm->author);
		sep = " · ";
	}
	if (fm->date) {
		sb_addf(&sb, "%s%s", sep, fm->date);
		sep = " · ";
	}
	if (fm->source) {
		sb_addf(&sb, "%s%s", sep, fm->source);
		sep = " · ";
	}
	if (fm->ntags) {
		sb_addstr(&sb, sep);
		for (size_t i = 0; i < fm->ntags; i++)
			sb_addf(&sb, "%s#%s", i ? " " : "", fm->tags[i]);
		sep = " · ";
	}
	sb_addf(&sb, "%s%zu word%s", sep, art->words,
	        art->words == 1 ? "" : "s");
	free(a->meta);
	a->meta = sb_detach(&sb);
}

/* Lays the open article out for the current width, keeping the place. */
static void
relayout(struct app *a)
{
	const struct article *art = &a->corpus->v[a->open];
	layout_build(&a->layout, art->title, a->meta, art->body, &a->doc,
	             a->geo.text_w);
	const struct place *pl = &a->places[a->open];
	if (pl->width == a->geo.text_w)
		a->top = pl->top;
	else
		a->top = layout_find_anchor(&a->layout, pl->anchor);
	if (a->top > app_max_top(a))
		a->top = app_max_top(a);
}

static void
remember_place(struct app *a)
{
	if (a->open >= a->corpus->n)
		return;
	struct place *pl = &a->places[a->open];
	pl->anchor = layout_anchor(&a->layout, a->top);
	pl->top = a->top;
	pl->width = a->layout.width;
}

/* Keeps the selected article inside the sidebar's rows. */
static void
follow_selection(struct app *a)
{
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
	if (a->sel < a->list_top)
		a->list_top = a->sel;
	else if (a->sel >= a->list_top + rows)
		a->list_top = a->sel - rows + 1;
}

void
app_select(struct app *a, size_t i)
{
	if (i >= a->corpus->n)
		i = a->corpus->n - 1;
	a->dirty = true;
	a->sel = i;
	follow_selection(a);
	if (a->open == i)
		return;
	if (a->open < a->corpus->n) {
		remember_place(a);
		corpus_unload_body(a->corpus, a->open);
	}
	a->open = i;
	size_t before = a->diags.n;
	corpus_load_body(a->corpus, i, &a->diags);
	if (a->diags.n > before) {
		char *m = diag_format(&a->diags.v[a->diags.n - 1]);
		app_message(a, a->diags.v[a->diags.n - 1].level == DIAG_ERROR,
		            "%s", m);
		free(m);
	}
	struct article *art = &a->corpus->v[i];
	doc_parse(&a->doc, art->body, art->body_len);
	build_meta(a, art);
	relayout(a);
}

void
app_set_keymap(struct app *a, const struct keymap *keymap)
{
	a->keymap.n = 0;
	for (size_t i = 0; i < keymap->n; i++)
		keymap_bind(&a->keymap, keymap->v[i].ctx, &keymap->v[i].seq,
		            keymap->v[i].action);
	a->npending = 0;
	a->dirty = true;
}

void
app_init(struct app *a, struct corpus *corpus, int rows, int cols,
         const struct keymap *keymap)
{
	memset(a, 0, sizeof *a);
	a->corpus = corpus;
	keymap_init(&a->keymap);
	if (keymap)
		app_set_keymap(a, keymap);
	else
		keymap_defaults(&a->keymap);
	doc_init(&a->doc);
	layout_init(&a->layout);
	diag_list_init(&a->diags);
	frame_init(&a->frame);
	a->places = xcalloc(corpus->n, sizeof *a->places);
	a->open = SIZE_MAX;
	a->rows = rows;
	a->cols = cols;
	app_geometry(rows, cols, &a->geo);
	app_select(a, 0);
}

void
app_fini(struct app *a)
{
	keymap_fini(&a->keymap);
	doc_fini(&a->doc);
	layout_fini(&a->layout);
	diag_list_fini(&a->diags);
	frame_fini(&a->frame);
	free(a->places);
	free(a->meta);
	free(a->message);
	memset(a, 0, sizeof *a);
}

void
app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(a->message);
	a->message = xvasprintf(fmt, ap);
	va_end(ap);
	a->message_is_error = error;
	a->dirty = true;
}

void
app_resize(struct app *a, int rows, int cols)
{
	if (rows < 0)
		rows = 0;
	if (cols < 0)
		cols = 0;
	a->dirty = true;
	if (rows == a->rows && cols == a->cols)
		return;
	remember_place(a);
	a->rows = rows;
	a->cols = cols;
	int old_w = a->geo.text_w;
	app_geometry(rows, cols, &a->geo);
	if (a->geo.text_w != old_w)
		relayout(a);
	else if (a->top > app_max_top(a))
		a->top = app_max_top(a);
	follow_selection(a);
}

enum keymap_context
app_context(const struct app *a)
{
	if (a->help)
		return CTX_HELP;
	return a->focus == FOCUS_LIST ? CTX_LIST : CTX_PAGER;
}

size_t
app_max_top(const struct app *a)
{
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
	return a->layout.n > rows ? a->layout.n - rows : 0;
}

static size_t
help_line_count(const struct app *a)
{
	struct help h;
	help_build(&h, &a->keymap);
	size_t n = h.n;
	help_fini(&h);
	return n;
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

/* Scroll actions: on the help screen when it is up, else on the pane. */
static void
scroll_action(struct app *a, enum action act)
{
	long page = a->geo.body_rows > 2 ? a->geo.body_rows - 1 : 1;
	size_t *top = &a->top;
	size_t max = app_max_top(a);
	if (a->help) {
		size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows
		                                   : 1;
		size_t n = help_line_count(a);
		top = &a->help_top;
		max = n > rows ? n - rows : 0;
	}
	switch (act) {
	case ACT_SCROLL_DOWN:
		scroll(top, 1, max);
		break;
	case ACT_SCROLL_UP:
		scroll(top, -1, max);
		break;
	case ACT_PAGE_DOWN:
		scroll(top, page, max);
		break;
	case ACT_PAGE_UP:
		scroll(top, -page, max);
		break;
	case ACT_HALF_PAGE_DOWN:
		scroll(top, (page + 1) / 2, max);
		break;
	case ACT_HALF_PAGE_UP:
		scroll(top, -(page + 1) / 2, max);
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
}

void
app_action(struct app *a, enum action act)
{
	a->dirty = true;
	switch (act) {
	case ACT_NONE:
		break;
	case ACT_REDRAW:
		a->repaint_all = true;
		break;
	case ACT_RELOAD_CONFIG:
		a->reload = true;
		break;
	case ACT_QUIT:
		a->quit = true;
		break;
	case ACT_HELP:
		a->help = true;
		a->help_top = 0;
		break;
	case ACT_CLOSE_HELP:
		a->help = false;
		break;
	case ACT_TOGGLE_FOCUS:
		a->focus = a->focus == FOCUS_LIST ? FOCUS_PAGER : FOCUS_LIST;
		break;
	case ACT_FOCUS_LIST:
		a->focus = FOCUS_LIST;
		break;
	case ACT_FOCUS_PAGER:
		a->focus = FOCUS_PAGER;
		break;
	case ACT_NEXT_ARTICLE:
		if (a->sel + 1 < a->corpus->n)
			app_select(a, a->sel + 1);
		break;
	case ACT_PREV_ARTICLE:
		if (a->sel > 0)
			app_select(a, a->sel - 1);
		break;
	case ACT_FIRST_ARTICLE:
		app_select(a, 0);
		break;
	case ACT_LAST_ARTICLE:
		app_select(a, a->corpus->n - 1);
		break;
	case ACT_SCROLL_DOWN:
	case ACT_SCROLL_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_PAGE_DOWN:
	case ACT_HALF_PAGE_UP:
	case ACT_TOP:
	case ACT_BOTTOM:
		scroll_action(a, act);
		break;
	case ACT_COUNT:
		break;
	}
}

void
app_key(struct app *a, int key)
{
	if (key == K_RESIZE)
		return;
	if (key == K_RELOAD) {
		a->reload = true;
		return;
	}
	a->dirty = true;
	if (a->message) {
		free(a->message);
		a->message = NULL;
	}
	/* Esc abandons a half-typed sequence. */
	if (a->npending && key == K_ESC) {
		a->npending = 0;
		return;
	}
	a->pending[a->npending++] = key;
	enum action act = ACT_NONE;
	enum keymap_result r = keymap_lookup(&a->keymap, app_context(a),
	                                     a->pending, a->npending, &act);
	if (r == KEYMAP_PREFIX && a->npending < KEYSEQ_MAX)
		return;
	if (r == KEYMAP_ACTION) {
		a->npending = 0;
		app_action(a, act);
		return;
	}
	struct keyseq seq;
	memcpy(seq.keys, a->pending, sizeof seq.keys);
	seq.n = a->npending;
	a->npending = 0;
	struct strbuf sb;
	sb_init(&sb);
	keyseq_format(&seq, &sb);
	app_message(a, false, "%s is not bound here (? shows the keys)",
	            sb.buf);
	sb_fini(&sb);
}
