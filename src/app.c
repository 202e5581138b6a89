/* app.c - session state and what actions do to it. */
#include "app.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	/* Reading time at 230 words a minute, rounded up. */
	sb_addf(&sb, "%s%zu word%s · %zu min read", sep, art->words,
	        art->words == 1 ? "" : "s", (art->words + 229) / 230);
	free(a->meta);
	a->meta = sb_detach(&sb);
}

/* The layout line of each keyword hit, for the hit map and navigation. */
static void
map_hits(struct app *a)
{
	free(a->hit_lines);
	a->hit_lines = xcalloc(a->hits.n ? a->hits.n : 1, sizeof *a->hit_lines);
	for (size_t i = 0; i < a->hits.n; i++)
		a->hit_lines[i] =
			layout_find_anchor(&a->layout, a->hits.v[i].start + 1);
}

/* Finds the keyword hits of the enabled groups in the open article. */
static void
find_hits(struct app *a)
{
	a->hits.n = 0;
	a->hit_cur = SIZE_MAX;
	for (size_t g = 0; g < a->ngroups; g++)
		a->group_counts[g] = 0;
	if (!a->matcher || a->open >= a->corpus->n)
		return;
	const char *body = a->corpus->v[a->open].body;
	for (size_t b = 0; b < a->doc.n; b++)
		matcher_find(a->matcher, body + a->doc.v[b].start,
		             a->doc.v[b].len, a->doc.v[b].start, a->group_on,
		             &a->hits);
	for (size_t i = 0; i < a->hits.n; i++)
		a->group_counts[a->hits.v[i].group]++;
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
	map_hits(a);
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

static void track_reading(struct app *a);

int
app_entry_rows(const struct app *a)
{
	return a->filter ? 2 : 1;
}

/* Keeps the selected article inside the sidebar's rows. */
static void
follow_selection(struct app *a)
{
	a->row = 0;
	for (size_t r = 0; r < a->norder; r++)
		if (a->order[r] == a->sel)
			a->row = r;
	size_t rows = a->geo.body_rows > 0
	                      ? (size_t)a->geo.body_rows / (size_t)app_entry_rows(a)
	                      : 1;
	if (rows == 0)
		rows = 1;
	if (a->row < a->list_top)
		a->list_top = a->row;
	else if (a->row >= a->list_top + rows)
		a->list_top = a->row - rows + 1;
	if (a->list_top + rows > a->norder)
		a->list_top = a->norder > rows ? a->norder - rows : 0;
}

const char *
app_sort_name(enum sort_order s)
{
	static const char *const names[SORT_COUNT] = {
#define SORT_NAME(e, name) name,
		SORT_LIST(SORT_NAME)
#undef SORT_NAME
	};
	return (unsigned)s < SORT_COUNT ? names[s] : "?";
}

size_t
app_article_hits(const struct app *a, size_t i)
{
	if (!a->art_counted || !a->art_counted[i])
		return SIZE_MAX;
	size_t n = 0;
	for (size_t g = 0; g < a->ngroups; g++)
		if (a->group_on[g])
			n += a->art_hits[i * a->ngroups + g];
	return n;
}

/* Titles sort by their letters: leading quotes and marks are skipped. */
static const char *
sort_key(const char *title)
{
	const unsigned char *p = (const unsigned char *)title;
	while (*p && !(*p >= '0' && *p <= '9') && !(*p >= 'A' && *p <= 'Z') &&
	       !(*p >= 'a' && *p <= 'z') && *p < 0xc3)
		p++;
	return (const char *)p;
}

static const struct app *sort_app; /* for qsort's comparison only */

static int
order_cmp(const void *x, const void *y)
{
	const struct app *a = sort_app;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const struct article *ai = &a->corpus->v[i], *aj = &a->corpus->v[j];
	int c = 0;
	switch (a->sort) {
	case SORT_TITLE:
		c = strcasecmp(sort_key(ai->title), sort_key(aj->title));
		break;
	case SORT_DATE:
		/* Newest first; undated last. */
		if (ai->fm.date && aj->fm.date)
			c = -strcmp(ai->fm.date, aj->fm.date);
		else
			c = (ai->fm.date == NULL) - (aj->fm.date == NULL);
		break;
	case SORT_HITS: {
		size_t hi = app_article_hits(a, i), hj = app_article_hits(a, j);
		/* Most hits first; not yet counted last. */
		if (hi != hj)
			c = hi == SIZE_MAX ? 1 : hj == SIZE_MAX ? -1
			                       : hi > hj ? -1 : 1;
		if (a->filter && c == 0 && a->filter_counts[i] != a->filter_counts[j])
			c = a->filter_counts[i] > a->filter_counts[j] ? -1 : 1;
		break;
	}
	default:
		break;
	}
	return c ? c : (i < j ? -1 : i > j);
}

/* Rebuilds the sidebar's rows from the filter and the sort order. */
static void
rebuild_order(struct app *a)
{
	a->norder = 0;
	for (size_t i = 0; i < a->corpus->n; i++)
		if (!a->filter || a->snippets[i])
			a->order[a->norder++] = i;
	if (a->sort != SORT_CORPUS) {
		/* qsort has no context argument in C11: the comparison
		 * reads the app through one file-scope pointer, set only
		 * for the length of this call. */
		sort_app = a;
		qsort(a->order, a->norder, sizeof *a->order, order_cmp);
		sort_app = NULL;
	}
	follow_selection(a);
	a->dirty = true;
}

bool
app_background_pending(const struct app *a)
{
	return a->matcher && a->count_next < a->corpus->n;
}

/* Counts the hits of every group in article i (loading its body). */
static void
count_article(struct app *a, size_t i)
{
	struct article *art = &a->corpus->v[i];
	size_t *row = &a->art_hits[i * a->ngroups];
	bool all_on = true;
	for (size_t g = 0; g < a->ngroups; g++)
		all_on = all_on && a->group_on[g];
	if (i == a->open && all_on) {
		/* The open article's hits are counted already. */
		memcpy(row, a->group_counts, a->ngroups * sizeof *row);
		a->art_counted[i] = true;
		return;
	}
	bool was_loaded = art->body_loaded;
	struct diag_list dl;
	diag_list_init(&dl);
	corpus_load_body(a->corpus, i, &dl);
	diag_list_fini(&dl);
	struct doc d;
	doc_init(&d);
	doc_parse(&d, art->body, art->body_len);
	struct match_spans spans;
	match_spans_init(&spans);
	for (size_t b = 0; b < d.n; b++)
		matcher_find(a->matcher, art->body + d.v[b].start, d.v[b].len,
		             d.v[b].start, NULL, &spans);
	for (size_t g = 0; g < a->ngroups; g++)
		row[g] = 0;
	for (size_t k = 0; k < spans.n; k++)
		row[spans.v[k].group]++;
	a->art_counted[i] = true;
	match_spans_fini(&spans);
	doc_fini(&d);
	if (!was_loaded && i != a->open)
		corpus_unload_body(a->corpus, i);
}

void
app_background_step(struct app *a)
{
	if (!app_background_pending(a))
		return;
	count_article(a, a->count_next++);
	if (a->sort == SORT_HITS)
		rebuild_order(a);
	a->dirty = true;
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
	a->end_seen = false;
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
	find_hits(a);
	search_run(&a->search, art->body, art->body_len);
	relayout(a);
	track_reading(a);
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
app_set_groups(struct app *a, const struct hl_group *groups, size_t n,
               struct diag_list *diags)
{
	matcher_free(a->matcher);
	for (size_t g = 0; g < a->ngroups; g++)
		free(a->group_names[g]);
	free(a->group_names);
	free(a->group_on);
	free(a->group_counts);
	/* A cell's role is a byte: groups past it are not drawn. */
	if (n > 256 - ROLE_COUNT)
		n = 256 - ROLE_COUNT;
	a->ngroups = n;
	a->matcher = n ? matcher_new(groups, n, diags) : NULL;
	a->group_names = xcalloc(n ? n : 1, sizeof *a->group_names);
	a->group_on = xcalloc(n ? n : 1, sizeof *a->group_on);
	a->group_counts = xcalloc(n ? n : 1, sizeof *a->group_counts);
	for (size_t g = 0; g < n; g++) {
		a->group_names[g] = xstrdup(groups[g].name);
		a->group_on[g] = true;
	}
	free(a->art_hits);
	free(a->art_counted);
	size_t na = a->corpus->n;
	a->art_hits = xcalloc(na * (n ? n : 1), sizeof *a->art_hits);
	a->art_counted = xcalloc(na, sizeof *a->art_counted);
	a->count_next = 0;
	if (a->group_sel >= n)
		a->group_sel = 0;
	if (!n)
		a->groups_view = false;
	find_hits(a);
	map_hits(a);
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
	a->order = xcalloc(corpus->n, sizeof *a->order);
	a->read = xcalloc(corpus->n, sizeof *a->read);
	a->progress = xcalloc(corpus->n, sizeof *a->progress);
	for (size_t i = 0; i < corpus->n; i++)
		a->order[a->norder++] = i;
	a->open = SIZE_MAX;
	a->highlight = true;
	a->hit_cur = SIZE_MAX;
	match_spans_init(&a->hits);
	search_init(&a->search);
	prompt_history_init(&a->history);
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
	free(a->order);
	free(a->read);
	free(a->progress);
	for (size_t i = 0; i < a->nmarks; i++) {
		free(a->marks[i].note);
		free(a->marks[i].id);
	}
	free(a->marks);
	for (size_t i = 0; i < a->ndeleted; i++)
		free(a->deleted_marks[i]);
	free(a->deleted_marks);
	free(a->art_hits);
	free(a->art_counted);
	free(a->filter);
	free(a->filter_counts);
	if (a->snippets)
		for (size_t i = 0; i < a->corpus->n; i++)
			free(a->snippets[i]);
	free(a->snippets);
	free(a->meta);
	free(a->message);
	matcher_free(a->matcher);
	for (size_t g = 0; g < a->ngroups; g++)
		free(a->group_names[g]);
	free(a->group_names);
	free(a->group_on);
	free(a->group_counts);
	free(a->hit_lines);
	match_spans_fini(&a->hits);
	search_fini(&a->search);
	if (a->prompting)
		prompt_fini(&a->prompt);
	free(a->prompt_saved);
	prompt_history_fini(&a->history);
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

static size_t
help_line_count(const struct app *a)
{
	struct help h;
	help_build(&h, &a->keymap);
	size_t n = h.n;
	help_fini(&h);
	return n;
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
	if (a->help) {
		/* Taller: the help's end comes up, no blank rows below it. */
		size_t n = help_line_count(a);
		size_t h = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
		size_t max = n > h ? n - h : 0;
		if (a->help_top > max)
			a->help_top = max;
	}
	follow_selection(a);
	track_reading(a);
}

enum keymap_context
app_context(const struct app *a)
{
	if (a->help)
		return CTX_HELP;
	if (a->marks_view)
		return CTX_MARKS;
	if (a->groups_view)
		return CTX_GROUPS;
	return a->focus == FOCUS_LIST ? CTX_LIST : CTX_PAGER;
}

size_t
app_max_top(const struct app *a)
{
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

/* Scroll actions: on the help screen when it is up, else on the pane. */
static void
scroll_action(struct app *a, enum action act)
{
	if (a->marks_view && !a->help) {
		if (act == ACT_SCROLL_DOWN && a->mark_sel + 1 < a->nmarks)
			a->mark_sel++;
		else if (act == ACT_SCROLL_UP && a->mark_sel > 0)
			a->mark_sel--;
		return;
	}
	if (a->groups_view && !a->help) {
		if (act == ACT_SCROLL_DOWN && a->group_sel + 1 < a->ngroups)
			a->group_sel++;
		else if (act == ACT_SCROLL_UP && a->group_sel > 0)
			a->group_sel--;
		else if (act == ACT_TOP)
			a->group_sel = 0;
		else if (act == ACT_BOTTOM && a->ngroups)
			a->group_sel = a->ngroups - 1;
		return;
	}
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

/* The body offset of the first body line in view (0 in the title). */
static size_t
view_offset(const struct app *a)
{
	size_t place = layout_anchor(&a->layout, a->top);
	return place ? place - 1 : 0;
}

/* Scrolls so that body offset off is in view, with two lines above it. */
static void
reveal(struct app *a, size_t off)
{
	size_t line = layout_find_anchor(&a->layout, off + 1);
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
	if (line >= a->top && line < a->top + rows && a->top + rows <= a->layout.n)
		return;
	a->top = line > 2 ? line - 2 : 0;
	if (a->top > app_max_top(a))
		a->top = app_max_top(a);
}

/*
 * Moves to the next (or previous) keyword hit of group g (-1: any), after
 * the current hit or else the top of the view, going round the article.
 */
static void
goto_hit(struct app *a, int g, bool forward)
{
	const char *name = g >= 0 && (size_t)g < a->ngroups ? a->group_names[g]
	                                                    : "any group";
	if (g >= (int)a->ngroups) {
		app_message(a, true, "there is no keyword group %d", g + 1);
		return;
	}
	if (g >= 0 && !a->group_on[g]) {
		app_message(a, false, "group %d (%s) is off: t %d turns it on",
		            g + 1, name, g + 1);
		return;
	}
	size_t n = a->hits.n;
	/* Scrolled away from the last hit: go on from the view. */
	if (a->hit_cur < n) {
		size_t line = a->hit_lines[a->hit_cur];
		size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
		if (line < a->top || line >= a->top + rows)
			a->hit_cur = SIZE_MAX;
	}
	size_t from = a->hit_cur < n ? a->hits.v[a->hit_cur].start
	                             : view_offset(a);
	bool inclusive = a->hit_cur >= n;
	size_t found = SIZE_MAX;
	bool wrapped = false;
	for (int pass = 0; pass < 2 && found == SIZE_MAX; pass++) {
		for (size_t k = 0; k < n; k++) {
			size_t i = forward ? k : n - 1 - k;
			const struct match_span *h = &a->hits.v[i];
			if (g >= 0 && h->group != g)
				continue;
			bool after = inclusive ? h->start >= from : h->start > from;
			bool before = h->start < from;
			if (pass == 1 || (forward ? after : before)) {
				found = i;
				wrapped = pass == 1;
				break;
			}
		}
	}
	if (found == SIZE_MAX) {
		app_message(a, false, "no hits of %s in this article", name);
		return;
	}
	a->hit_cur = found;
	reveal(a, a->hits.v[found].start);
	size_t nth = 0, total = 0;
	for (size_t i = 0; i < n; i++)
		if (g < 0 || a->hits.v[i].group == g) {
			total++;
			if (i <= found)
				nth++;
		}
	app_message(a, false, "hit %zu/%zu (%s)%s", nth, total,
	            a->group_names[a->hits.v[found].group],
	            wrapped ? forward ? ", wrapped to the top"
	                              : ", wrapped to the bottom"
	                    : "");
}

static void
toggle_group(struct app *a, size_t g)
{
	if (g >= a->ngroups) {
		app_message(a, true, "there is no keyword group %zu", g + 1);
		return;
	}
	a->group_on[g] = !a->group_on[g];
	find_hits(a);
	map_hits(a);
	app_message(a, false, "group %zu (%s) %s", g + 1, a->group_names[g],
	            a->group_on[g] ? "on" : "off");
}

/* Says where the search is, after a step. */
static void
search_report(struct app *a, bool forward, bool moved_article)
{
	struct search *s = &a->search;
	if (s->cur == SIZE_MAX) {
		app_message(a, s->limited, "%s: %s", s->query,
		            s->limited ? "pattern too costly (PCRE2 limit)"
		                       : "pattern not found");
		return;
	}
	app_message(a, false, "match %zu/%zu%s%s", s->cur + 1, s->spans.n,
	            moved_article ? " in the next matching article" : "",
	            s->wrapped ? forward ? " (wrapped to the top)"
	                                 : " (wrapped to the bottom)"
	                       : "");
}

/*
 * n and N: the next match in this article, else in the next article
 * that matches (one search cursor over the corpus), else round again.
 */
static void
search_move(struct app *a, bool forward)
{
	struct search *s = &a->search;
	if (!s->query || !*s->query) {
		app_message(a, false, "no search yet: / searches");
		return;
	}
	if (!s->re) {
		app_message(a, true, "%s", s->error);
		return;
	}
	size_t n = s->spans.n;
	/* The reader scrolled away from the current match: search from
	 * the view instead, as less does. */
	if (s->cur < n) {
		size_t line = layout_find_anchor(&a->layout,
		                                 s->spans.v[s->cur].start + 1);
		size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
		if (line < a->top || line >= a->top + rows)
			s->cur = SIZE_MAX;
	}
	bool at_end;
	if (s->cur < n) {
		at_end = forward ? s->cur + 1 >= n : s->cur == 0;
	} else {
		/* From the view: nothing after (before) it in this article? */
		size_t vo = view_offset(a);
		at_end = forward ? n == 0 || s->spans.v[n - 1].start < vo
		                 : n == 0 || s->spans.v[0].start >= vo;
	}
	if ((n == 0 || at_end) && a->corpus->n > 1) {
		/* Look in the other articles, in corpus order. */
		size_t N = a->corpus->n;
		for (size_t k = 1; k < N; k++) {
			size_t i = forward ? (a->open + k) % N
			                   : (a->open + N - k) % N;
			struct article *art = &a->corpus->v[i];
			bool was_loaded = art->body_loaded;
			corpus_load_body(a->corpus, i, &a->diags);
			struct search probe;
			search_init(&probe);
			search_set(&probe, s->query, s->backward);
			search_run(&probe, art->body, art->body_len);
			bool hit = probe.spans.n > 0;
			search_fini(&probe);
			if (!was_loaded && !hit)
				corpus_unload_body(a->corpus, i);
			if (!hit)
				continue;
			bool wrapped = forward ? i < a->open : i > a->open;
			app_select(a, i);
			s->cur = forward ? 0 : s->spans.n - 1;
			s->wrapped = wrapped;
			reveal(a, s->spans.v[s->cur].start);
			search_report(a, forward, true);
			return;
		}
	}
	size_t from = s->cur < n ? s->spans.v[s->cur].start : view_offset(a);
	if (s->cur >= n && forward && from > 0)
		from--; /* from the view: a match at its top counts */
	if (s->cur >= n && forward && from == 0 && n && s->spans.v[0].start == 0) {
		s->cur = 0;
		s->wrapped = false;
	} else {
		search_step(s, from, forward);
	}
	if (s->cur != SIZE_MAX)
		reveal(a, s->spans.v[s->cur].start);
	search_report(a, forward, false);
}

/* A keyword-in-context line around body[start..end): a few words before,
 * the rest of the paragraph after, newlines as spaces. */
static char *
make_snippet(const char *body, size_t len, size_t start, size_t end)
{
	size_t from = start > 24 ? start - 24 : 0;
	/* Start on a character, after a space, inside the paragraph. */
	while (from < start && ((unsigned char)body[from] & 0xc0) == 0x80)
		from++;
	if (from > 0) {
		while (from < start && body[from - 1] != ' ' &&
		       body[from - 1] != '\n')
			from++;
	}
	for (size_t k = start; k > from; k--)
		if (body[k - 1] == '\n' && k < start && body[k] == '\n') {
			from = k + 1;
			break;
		}
	size_t to = end + 120 < len ? end + 120 : len;
	while (to < len && ((unsigned char)body[to] & 0xc0) == 0x80)
		to++;
	struct strbuf sb;
	sb_init(&sb);
	if (from > 0)
		sb_addstr(&sb, "\xe2\x80\xa6"); /* … */
	for (size_t k = from; k < to; k++) {
		if (body[k] == '\n' && k + 1 < to && body[k + 1] == '\n')
			break; /* the paragraph ends */
		sb_addch(&sb, body[k] == '\n' || body[k] == '\t' ? ' ' : body[k]);
	}
	return sb_detach(&sb);
}

static void
free_filter(struct app *a)
{
	if (a->snippets)
		for (size_t i = 0; i < a->corpus->n; i++)
			free(a->snippets[i]);
	free(a->snippets);
	free(a->filter_counts);
	free(a->filter);
	a->snippets = NULL;
	a->filter_counts = NULL;
	a->filter = NULL;
}

static void
clear_filter(struct app *a)
{
	if (!a->filter)
		return;
	free_filter(a);
	rebuild_order(a);
	app_select(a, a->unfiltered_sel);
	app_message(a, false, "showing every article");
}

/*
 * Narrows the sidebar to the articles whose title or body matches query,
 * each with its count and a snippet of its first match; the search takes
 * the query too, so the pane shows the matches and n/N walk them.
 */
static void
apply_filter(struct app *a, const char *query)
{
	struct search probe;
	search_init(&probe);
	if (search_set(&probe, query, false) < 0) {
		app_message(a, true, "%s", probe.error);
		search_fini(&probe);
		return;
	}
	size_t n = a->corpus->n, found = 0;
	size_t *counts = xcalloc(n, sizeof *counts);
	char **snippets = xcalloc(n, sizeof *snippets);
	for (size_t i = 0; i < n; i++) {
		struct article *art = &a->corpus->v[i];
		bool was_loaded = art->body_loaded;
		corpus_load_body(a->corpus, i, &a->diags);
		search_run(&probe, art->title, strlen(art->title));
		size_t in_title = probe.spans.n;
		search_run(&probe, art->body, art->body_len);
		counts[i] = in_title + probe.spans.n;
		if (probe.spans.n)
			snippets[i] = make_snippet(art->body, art->body_len,
			                           probe.spans.v[0].start,
			                           probe.spans.v[0].end);
		else if (in_title)
			snippets[i] = xstrdup("(in the title)");
		found += counts[i] > 0;
		if (!was_loaded && i != a->open)
			corpus_unload_body(a->corpus, i);
	}
	search_fini(&probe);
	if (!found) {
		free(counts);
		free(snippets);
		app_message(a, false, "no article matches '%s'", query);
		return;
	}
	if (!a->filter)
		a->unfiltered_sel = a->sel;
	free_filter(a);
	a->filter = xstrdup(query);
	a->filter_counts = counts;
	a->snippets = snippets;
	a->list_top = 0;
	rebuild_order(a);
	search_set(&a->search, query, false);
	app_select(a, a->order[0]);
	const struct article *art = &a->corpus->v[a->open];
	search_run(&a->search, art->body, art->body_len);
	if (a->search.spans.n) {
		a->search.cur = 0;
		reveal(a, a->search.spans.v[0].start);
	}
	app_message(a, false, "%zu article%s match%s '%s' (Esc shows all)",
	            found, found == 1 ? "" : "s", found == 1 ? "es" : "", query);
}

static void
prompt_open(struct app *a, bool backward)
{
	a->prompting = true;
	a->prompt_kind = PROMPT_SEARCH;
	prompt_init(&a->prompt, &a->history);
	a->prompt_top = a->top;
	free(a->prompt_saved);
	a->prompt_saved = a->search.query ? xstrdup(a->search.query) : NULL;
	a->prompt_saved_back = a->search.backward;
	a->search.backward = backward;
	if (a->help)
		a->help = false;
}

/* Incremental search: every edit searches again from where / was typed. */
static void
prompt_search(struct app *a)
{
	struct search *s = &a->search;
	const struct article *art = &a->corpus->v[a->open];
	bool backward = s->backward;
	a->top = a->prompt_top;
	if (search_set(s, a->prompt.text.buf, backward) < 0) {
		app_message(a, true, "%s", s->error);
		return;
	}
	search_run(s, art->body, art->body_len);
	if (!s->spans.n)
		return;
	size_t from = view_offset(a);
	if (!backward && from > 0)
		from--;
	if (!backward && from == 0 && s->spans.v[0].start == 0)
		s->cur = 0;
	else
		search_step(s, from, !backward);
	reveal(a, s->spans.v[s->cur].start);
}

static void
prompt_key_in(struct app *a, int key)
{
	enum prompt_result r = prompt_key(&a->prompt, key);
	struct search *s = &a->search;
	if (a->prompt_kind == PROMPT_NOTE) {
		if (r == PROMPT_EDITING)
			return;
		a->prompting = false;
		s->backward = a->prompt_saved_back;
		if (r == PROMPT_ACCEPT) {
			app_add_mark(a, a->open, view_offset(a), a->prompt.text.buf,
			             a->now);
			app_message(a, false, "bookmarked (' lists the bookmarks)");
		}
		prompt_fini(&a->prompt);
		return;
	}
	if (a->prompt_kind == PROMPT_FILTER) {
		if (r == PROMPT_EDITING)
			return;
		a->prompting = false;
		/* The search was not touched: put its direction back. */
		s->backward = a->prompt_saved_back;
		if (r == PROMPT_ACCEPT) {
			prompt_history_add(&a->history, a->prompt.text.buf);
			if (*a->prompt.text.buf)
				apply_filter(a, a->prompt.text.buf);
			else
				clear_filter(a);
		}
		prompt_fini(&a->prompt);
		return;
	}
	if (r == PROMPT_EDITING) {
		prompt_search(a);
		return;
	}
	a->prompting = false;
	if (r == PROMPT_CANCEL) {
		/* Back to where we were, with the search we had. */
		a->top = a->prompt_top;
		char *saved = a->prompt_saved;
		a->prompt_saved = NULL;
		search_set(s, saved ? saved : "", a->prompt_saved_back);
		if (!saved)
			search_clear(s);
		else
			search_run(s, a->corpus->v[a->open].body,
			           a->corpus->v[a->open].body_len);
		free(saved);
	} else {
		prompt_history_add(&a->history, a->prompt.text.buf);
		if (!*a->prompt.text.buf) {
			search_clear(s);
		} else if (!s->re) {
			app_message(a, true, "%s", s->error);
		} else if (s->cur == SIZE_MAX) {
			/* Nothing here: the other articles, like n. */
			search_move(a, !s->backward);
		} else {
			search_report(a, !s->backward, false);
		}
	}
	prompt_fini(&a->prompt);
}

struct app_mark *
app_add_mark(struct app *a, size_t article, size_t offset, const char *note,
             long long created)
{
	xgrow(&a->marks, &a->marks_cap, a->nmarks + 1, sizeof *a->marks);
	struct app_mark *m = &a->marks[a->nmarks++];
	m->article = article;
	m->offset = offset;
	m->note = xstrdup(note ? note : "");
	m->created = created;
	m->id = NULL;
	a->state_dirty = true;
	return m;
}

size_t
app_unread(const struct app *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->corpus->n; i++)
		n += !a->read[i];
	return n;
}

/*
 * Follows the reader: the furthest percent seen of the open article, and
 * read once its end has been on screen.
 */
static void
track_reading(struct app *a)
{
	if (a->open >= a->corpus->n || !a->layout.n || a->geo.too_small)
		return;
	size_t bottom = a->top + (size_t)a->geo.body_rows;
	if (bottom > a->layout.n)
		bottom = a->layout.n;
	int pct = (int)(bottom * 100 / a->layout.n);
	if (pct > a->progress[a->open]) {
		a->progress[a->open] = pct;
		a->state_dirty = true;
	}
	/* Read when the end comes into view: once per visit, so that
	 * marking it unread by hand sticks while it stays in view. */
	bool at_end = bottom >= a->layout.n;
	if (at_end && !a->end_seen && !a->read[a->open]) {
		a->read[a->open] = true;
		a->state_dirty = true;
	}
	a->end_seen = at_end;
}

static void
next_unread(struct app *a)
{
	for (size_t k = 1; k <= a->norder; k++) {
		size_t i = a->order[(a->row + k) % a->norder];
		if (!a->read[i]) {
			app_select(a, i);
			return;
		}
	}
	app_message(a, false, "no unread articles");
}

static void
delete_mark(struct app *a, size_t k)
{
	if (k >= a->nmarks)
		return;
	struct app_mark *m = &a->marks[k];
	if (m->id) {
		/* Saved before: the state file must learn it is gone. */
		a->deleted_marks = xrealloc(a->deleted_marks,
		                            (a->ndeleted + 1) *
		                                    sizeof *a->deleted_marks);
		a->deleted_marks[a->ndeleted++] = m->id;
	}
	free(m->note);
	memmove(m, m + 1, (a->nmarks - k - 1) * sizeof *m);
	a->nmarks--;
	if (a->mark_sel >= a->nmarks && a->mark_sel > 0)
		a->mark_sel--;
	if (!a->nmarks)
		a->marks_view = false;
	a->state_dirty = true;
	app_message(a, false, "bookmark deleted");
}

static void
open_mark(struct app *a, size_t k)
{
	if (k >= a->nmarks)
		return;
	size_t off = a->marks[k].offset;
	a->marks_view = false;
	if (a->filter && !a->snippets[a->marks[k].article])
		clear_filter(a);
	app_select(a, a->marks[k].article);
	size_t line = layout_find_anchor(&a->layout, off + 1);
	a->top = line > app_max_top(a) ? app_max_top(a) : line;
	a->focus = FOCUS_PAGER;
	app_message(a, false, "bookmark %zu/%zu%s%s", k + 1, a->nmarks,
	            *a->marks[k].note ? ": " : "", a->marks[k].note);
}

void
app_action(struct app *a, enum action act)
{
	a->dirty = true;
	/* The numbered actions: one per keyword group 1..9. */
	if (act >= ACT_NEXT_HIT_1 && act <= ACT_NEXT_HIT_9) {
		goto_hit(a, (int)(act - ACT_NEXT_HIT_1), true);
		return;
	}
	if (act >= ACT_PREV_HIT_1 && act <= ACT_PREV_HIT_9) {
		goto_hit(a, (int)(act - ACT_PREV_HIT_1), false);
		return;
	}
	if (act >= ACT_TOGGLE_GROUP_1 && act <= ACT_TOGGLE_GROUP_9) {
		toggle_group(a, (size_t)(act - ACT_TOGGLE_GROUP_1));
		return;
	}
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
		if (a->row + 1 < a->norder)
			app_select(a, a->order[a->row + 1]);
		break;
	case ACT_PREV_ARTICLE:
		if (a->row > 0 && a->norder)
			app_select(a, a->order[a->row - 1]);
		break;
	case ACT_FIRST_ARTICLE:
		if (a->norder)
			app_select(a, a->order[0]);
		break;
	case ACT_LAST_ARTICLE:
		if (a->norder)
			app_select(a, a->order[a->norder - 1]);
		break;
	case ACT_SORT:
		a->sort = (enum sort_order)((a->sort + 1) % SORT_COUNT);
		rebuild_order(a);
		app_message(a, false, "sorted by %s%s", app_sort_name(a->sort),
		            a->sort == SORT_HITS && app_background_pending(a)
		                    ? " (still counting)"
		                    : "");
		break;
	case ACT_FILTER:
		prompt_open(a, false);
		a->prompt_kind = PROMPT_FILTER;
		break;
	case ACT_CLEAR_FILTER:
		clear_filter(a);
		break;
	case ACT_GROUPS:
		if (!a->ngroups) {
			app_message(a, false, "no keyword groups (see the "
			                      "highlight section of the config)");
			break;
		}
		a->groups_view = true;
		if (a->group_sel >= a->ngroups)
			a->group_sel = 0;
		break;
	case ACT_CLOSE:
		if (a->marks_view)
			a->marks_view = false;
		else
			a->groups_view = false;
		break;
	case ACT_TOGGLE_GROUP:
		toggle_group(a, a->group_sel);
		break;
	case ACT_TOGGLE_READ:
		a->read[a->sel] = !a->read[a->sel];
		a->state_dirty = true;
		app_message(a, false, "marked %s", a->read[a->sel] ? "read"
		                                                  : "unread");
		break;
	case ACT_NEXT_UNREAD:
		next_unread(a);
		break;
	case ACT_ADD_BOOKMARK:
		prompt_open(a, a->search.backward);
		a->prompt_kind = PROMPT_NOTE;
		break;
	case ACT_BOOKMARKS:
		if (!a->nmarks) {
			app_message(a, false, "no bookmarks yet: B adds one");
			break;
		}
		a->marks_view = true;
		if (a->mark_sel >= a->nmarks)
			a->mark_sel = 0;
		break;
	case ACT_OPEN_BOOKMARK:
		open_mark(a, a->mark_sel);
		break;
	case ACT_DELETE_BOOKMARK:
		delete_mark(a, a->mark_sel);
		break;
	case ACT_NEXT_HIT:
	case ACT_PREV_HIT:
		goto_hit(a, -1, act == ACT_NEXT_HIT);
		break;
	case ACT_TOGGLE_HIGHLIGHT:
		a->highlight = !a->highlight;
		app_message(a, false, "keyword highlighting %s",
		            a->highlight ? "on" : "off");
		break;
	case ACT_SEARCH_FORWARD:
	case ACT_SEARCH_BACKWARD:
		prompt_open(a, act == ACT_SEARCH_BACKWARD);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		search_move(a, (act == ACT_SEARCH_NEXT) != a->search.backward);
		break;
	case ACT_CLEAR_SEARCH:
		search_clear(&a->search);
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
	default: /* the numbered actions, handled above */
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
	if (a->prompting) {
		a->dirty = true;
		free(a->message);
		a->message = NULL;
		prompt_key_in(a, key);
		track_reading(a);
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
		track_reading(a);
		return;
	}
	struct keyseq seq;
	memcpy(seq.keys, a->pending, sizeof seq.keys);
	seq.n = a->npending;
	a->npending = 0;
	struct strbuf sb, help;
	sb_init(&sb);
	sb_init(&help);
	keyseq_format(&seq, &sb);
	if (keymap_key_for(&a->keymap, app_context(a), ACT_HELP, &help))
		app_message(a, false, "%s is not bound here (%s shows the keys)",
		            sb.buf, help.buf);
	else
		app_message(a, false, "%s is not bound here", sb.buf);
	sb_fini(&sb);
	sb_fini(&help);
}
