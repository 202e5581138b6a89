/*
 * app.c - session state and what actions do to it: set-up, geometry, the
 * open article and the reader's place in it, key dispatch (scrolling is
 * app_scroll.c).
 * The sidebar order, keyword hits, search and reading state have files of
 * their own; app_int.h is what they share.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h" /* clock_gettime */
#endif
#include "app.h"
#include "meta.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_int.h"
#include "help.h"
#include "config.h"
#include "keys.h"
#include "state.h"

/* Below this the screen shows only "terminal too small". */
#define MIN_COLS 16
#define MIN_ROWS 3
/* At least this wide for the sidebar to be shown beside the pane. */
#define SIDEBAR_MIN_SCREEN 40

void
app_geometry(int rows, int cols, const struct view_config *v,
             struct geometry *g)
{
	static const struct view_config defaults = {
	        .sidebar = true, .sidebar_percent = 30, .text_width = 80};
	if (!v)
		v = &defaults;
	memset(g, 0, sizeof *g);
	g->too_small = rows < MIN_ROWS || cols < MIN_COLS;
	g->body_rows = rows > 1 ? rows - 1 : 0;
	g->status_row = rows > 0 ? rows - 1 : 0;
	if (cols >= SIDEBAR_MIN_SCREEN && v->sidebar) {
		if (v->sidebar_cols) {
			g->side_w = v->sidebar_cols;
		} else {
			g->side_w = cols * v->sidebar_percent / 100;
			if (g->side_w > 36 && v->sidebar_percent == 30)
				g->side_w = 36; /* the default's cap */
		}
		if (g->side_w < 12)
			g->side_w = 12;
		/* The pane keeps at least half the screen. */
		if (g->side_w > cols / 2)
			g->side_w = cols / 2;
	}
	/* Pane: after the sidebar and its border, one column of margin on
	 * each side of the text; the text at most text_width wide
	 * (newsboat's text-width). */
	int pane_x = g->side_w ? g->side_w + 1 : 0;
	g->text_x = pane_x + 1;
	g->text_w = cols - pane_x - 2;
	if (v->text_width && g->text_w > v->text_width) {
		/* Centred in the pane: the lines keep a readable length and
		 * the page sits where the eye expects it. */
		g->text_x += (g->text_w - v->text_width) / 2;
		g->text_w = v->text_width;
	}
	if (g->text_w < 1)
		g->text_w = 1;
}

/* Line numbers (less -N) take a gutter from the pane's text. */
#define GUTTER_W 7
static void
set_geometry(struct app *a)
{
	app_geometry(a->rows, a->cols, &a->view, &a->geo);
	if (a->line_numbers && a->geo.text_w >= 3 * GUTTER_W) {
		a->geo.gutter = GUTTER_W;
		a->geo.text_x += GUTTER_W;
		a->geo.text_w -= GUTTER_W;
	}
}

void
app_remember_place(struct app *a)
{
	if (a->open >= a->corpus->n)
		return;
	struct place *pl = &a->places[a->open];
	/* A place the reader did not go to themselves (the article was
	 * only shown) does not replace one they did, kept from a run
	 * before: it is where the view already is. */
	if (!a->engaged && (pl->width || pl->anchor))
		return;
	pl->anchor = layout_anchor(&a->layout, a->top);
	pl->top = a->top;
	pl->width = a->layout.width;
	if (a->engaged)
		pl->moved = true;
}

void
app_select(struct app *a, size_t i)
{
	if (i >= a->corpus->n)
		i = a->corpus->n - 1;
	a->dirty = true;
	a->sel = i;
	app_follow_selection(a);
	if (a->open == i)
		return;
	if (a->open < a->corpus->n) {
		app_remember_place(a);
		corpus_unload_body(a->corpus, a->open);
	}
	a->open = i;
	a->end_seen = false;
	a->links_view = false; /* the links were the other article's */
	a->vsel = false;       /* and the selection */
	a->engaged = false;
	size_t before = a->diags.n;
	corpus_load_body(a->corpus, i, &a->diags);
	if (a->diags.n > before) {
		char *m = diag_format(&a->diags.v[a->diags.n - 1]);
		app_message(a, a->diags.v[a->diags.n - 1].level == DIAG_ERROR,
		            "%s", m);
		free(m);
	}
	struct article *art = &a->corpus->v[i];
	app_hash_start(a);
	/* Split into blocks as far as it is laid out (the layout asks). */
	doc_begin(&a->doc, art->body, art->body_len);
	free(a->meta);
	a->meta = meta_line(art);
	/* The words of a long body are counted between keys. */
	a->meta_wordless = !meta_has_words(art);
	a->words_acc = a->words_pos = 0;
	app_relayout(a); /* and finds its keyword hits */
	/* The search's matches from the view on at once (and the first one
	 * wherever it is), the rest between keys. */
	struct search *s = &a->search;
	search_start(s, art->body, art->body_len, app_view_offset(a));
	s->cur = SIZE_MAX;
	s->wrapped = false;
	/* In a filtered list, an article opened for the first time opens
	 * at its first match (the view is at the top: the first found). */
	if (a->filter && s->spans.n && !a->places[i].width &&
	    !a->places[i].anchor) {
		s->cur = 0;
		app_reveal(a, s->spans.v[0].start);
	}
	a->opened_top = a->top;
	app_track_reading(a);
}

void
app_set_line_numbers(struct app *a, bool on)
{
	if (a->line_numbers == on)
		return;
	app_remember_place(a);
	a->line_numbers = on;
	int old_w = a->geo.text_w;
	set_geometry(a);
	if (a->geo.text_w != old_w)
		app_relayout(a);
	a->dirty = true;
}

void
app_set_view(struct app *a, const struct view_config *v)
{
	app_remember_place(a);
	a->view = *v;
	a->numbers = v->article_numbers;
	a->line_numbers = v->line_numbers;
	int old_w = a->geo.text_w;
	set_geometry(a);
	if (a->geo.text_w != old_w)
		app_relayout(a);
	app_follow_selection(a);
	a->dirty = true;
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

/* The built-in bindings: the embedded config's, as lectern starts with. */
static void
app_default_keymap(struct app *a)
{
	struct config cfg;
	struct diag_list dl;
	config_init(&cfg);
	diag_list_init(&dl);
	config_load_defaults(&cfg, &dl);
	app_set_keymap(a, &cfg.keymap);
	diag_list_fini(&dl);
	config_fini(&cfg);
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
		app_default_keymap(a);
	doc_init(&a->doc);
	layout_init(&a->layout);
	diag_list_init(&a->diags);
	frame_init(&a->frame);
	a->places = xcalloc(corpus->n, sizeof *a->places);
	a->order = xcalloc(corpus->n, sizeof *a->order);
	a->read = xcalloc(corpus->n, sizeof *a->read);
	a->hashes = xcalloc(corpus->n, sizeof *a->hashes);
	a->hash_bodies = true;
	a->progress = xcalloc(corpus->n, sizeof *a->progress);
	a->progress_reset = xcalloc(corpus->n, sizeof *a->progress_reset);
	for (size_t i = 0; i < corpus->n; i++)
		a->order[a->norder++] = i;
	a->open = SIZE_MAX;
	a->highlight = true;
	a->hit_cur = SIZE_MAX;
	match_spans_init(&a->hits);
	link_list_init(&a->links);
	search_init(&a->search);
	prompt_history_init(&a->history);
	a->rows = rows;
	a->cols = cols;
	a->view = (struct view_config){
	        .sidebar = true, .sidebar_percent = 30, .text_width = 80};
	set_geometry(a);
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
	if (a->hashes)
		for (size_t i = 0; i < a->corpus->n; i++)
			free(a->hashes[i]);
	free(a->hashes);
	free(a->read);
	free(a->progress);
	free(a->progress_reset);
	for (size_t i = 0; i < a->nmarks; i++) {
		free(a->marks[i].note);
		free(a->marks[i].id);
		free(a->marks[i].snippet);
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
	free(a->snippet_at);
	free(a->meta);
	free(a->message);
	free(a->help_query);
	free(a->pipe_cmd);
	free(a->cite_template);
	link_list_fini(&a->links);
	free(a->run.cmd);
	free(a->run.input);
	free(a->run.url);
	free(a->run.opener);
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
	free(a->hint);
	free(a->jumps);
	free(a->undo_read);
	for (size_t i = 0; i < a->nsaid; i++)
		free(a->said[i]);
	memset(a, 0, sizeof *a);
}

long long
app_clock_ms(void)
{
	return clock_mono_ns() / 1000000;
}

bool
app_interrupted(struct app *a)
{
	if (!a->interrupt)
		return false;
	long long now = app_clock_ms();
	if (now - a->interrupt_checked < 20)
		return false;
	a->interrupt_checked = now;
	if (!a->interrupt(a->interrupt_ctx))
		return false;
	a->interrupted = true;
	return true;
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
	/* The message history (neomutt's error history) keeps the last. */
	size_t max = sizeof a->said / sizeof *a->said;
	if (a->nsaid == max) {
		free(a->said[0]);
		memmove(a->said, a->said + 1, (max - 1) * sizeof *a->said);
		a->nsaid--;
	}
	a->said_seq++;
	a->said[a->nsaid++] =
	        xasprintf("%s%s", error ? "error: " : "", a->message);
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
	app_remember_place(a);
	a->rows = rows;
	a->cols = cols;
	int old_w = a->geo.text_w;
	set_geometry(a);
	if (a->geo.text_w != old_w)
		app_relayout(a);
	else if (a->top > app_max_top(a))
		a->top = app_max_top(a);
	if (!a->engaged)
		a->opened_top =
		        a->top; /* the same place, lines of a new width */
	if (a->help) {
		/* Taller: the help's end comes up, no blank rows below it. */
		size_t n = app_help_lines(a);
		size_t h = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
		size_t max = n > h ? n - h : 0;
		if (a->help_top > max)
			a->help_top = max;
	}
	app_follow_selection(a);
	app_track_reading(a);
}

enum keymap_context
app_context(const struct app *a)
{
	if (a->help)
		return CTX_HELP;
	if (a->links_view)
		return CTX_LINKS;
	if (a->marks_view)
		return CTX_MARKS;
	if (a->groups_view)
		return CTX_GROUPS;
	return a->focus == FOCUS_LIST ? CTX_LIST : CTX_PAGER;
}

void
app_action(struct app *a, enum action act)
{
	a->dirty = true;
	if (app_nav_action(a, act))
		return;
	/* The numbered actions: one per keyword group 1..9. */
	if (act >= ACT_NEXT_HIT_1 && act <= ACT_NEXT_HIT_9) {
		app_goto_hit(a, (int)(act - ACT_NEXT_HIT_1), true);
		return;
	}
	if (act >= ACT_PREV_HIT_1 && act <= ACT_PREV_HIT_9) {
		app_goto_hit(a, (int)(act - ACT_PREV_HIT_1), false);
		return;
	}
	if (act >= ACT_TOGGLE_GROUP_1 && act <= ACT_TOGGLE_GROUP_9) {
		app_toggle_group(a, (size_t)(act - ACT_TOGGLE_GROUP_1));
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
		a->messages_view = false;
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
	case ACT_SORT:
		a->sort = (enum sort_order)((a->sort + 1) % SORT_COUNT);
		app_rebuild_order(a);
		app_message(a, false, "sorted by %s%s", app_sort_name(a->sort),
		            a->sort == SORT_HITS && app_counting(a)
		                    ? " (still counting)"
		                    : "");
		break;
	case ACT_FILTER:
		app_prompt_open(a, false);
		a->prompt_kind = PROMPT_FILTER;
		break;
	case ACT_CLEAR_FILTER:
		app_clear_filter(a);
		break;
	case ACT_GROUPS:
		if (!a->ngroups) {
			app_message(a, false,
			            "no keyword groups (see the "
			            "highlight section of the config)");
			break;
		}
		a->groups_view = true;
		if (a->group_sel >= a->ngroups)
			a->group_sel = 0;
		break;
	case ACT_CLOSE:
		if (a->links_view)
			a->links_view = false;
		else if (a->marks_view)
			a->marks_view = false;
		else
			a->groups_view = false;
		break;
	case ACT_TOGGLE_GROUP:
		app_toggle_group(a, a->group_sel);
		break;
	case ACT_TOGGLE_READ:
		app_mark_read(a, a->sel, !a->read[a->sel]);
		app_message(a, false, "marked %s",
		            a->read[a->sel] ? "read" : "unread");
		break;
	case ACT_SAVE_ARTICLE:
		app_save_prompt(a);
		break;
	case ACT_LINKS:
		app_links_open(a);
		break;
	case ACT_SELECT:
		if (a->vsel) {
			a->vsel = false;
			app_message(a, false, "selection cancelled");
		} else {
			app_select_start(a);
		}
		break;
	case ACT_YANK:
		app_yank(a);
		break;
	case ACT_EXPORT_NOTES:
		app_notes_prompt(a);
		break;
	case ACT_OPEN_LINK:
	case ACT_COPY_LINK:
		app_link_action(a, act == ACT_OPEN_LINK);
		break;
	case ACT_PIPE_ARTICLE:
		app_prompt_open(a, a->search.backward);
		a->prompt_kind = PROMPT_PIPE;
		break;
	case ACT_ADD_BOOKMARK:
		app_prompt_open(a, a->search.backward);
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
		app_open_mark(a, a->mark_sel);
		break;
	case ACT_DELETE_BOOKMARK:
		app_delete_mark(a, a->mark_sel);
		break;
	case ACT_NEXT_HIT:
	case ACT_PREV_HIT:
		app_goto_hit(a, -1, act == ACT_NEXT_HIT);
		break;
	case ACT_TOGGLE_HIGHLIGHT:
		a->highlight = !a->highlight;
		app_message(a, false, "keyword highlighting %s",
		            a->highlight ? "on" : "off");
		break;
	case ACT_SEARCH_FORWARD:
	case ACT_SEARCH_BACKWARD:
		if (a->help && !a->messages_view)
			app_help_search_open(a, act == ACT_SEARCH_BACKWARD);
		else
			app_prompt_open(a, act == ACT_SEARCH_BACKWARD);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (a->help && !a->messages_view) {
			app_help_search_move(a, act == ACT_SEARCH_NEXT);
			break;
		}
		app_search_move(a,
		                (act == ACT_SEARCH_NEXT) != a->search.backward);
		break;
	case ACT_CLEAR_SEARCH:
		if (a->vsel) { /* Esc: the selection first */
			a->vsel = false;
			app_message(a, false, "selection cancelled");
			break;
		}
		search_clear(&a->search);
		break;
	default: /* the numbered and moving actions, handled above */
		break;
	}
}

/* What a key may change on the screen, to see that it did. */
#define VIEW_SIG_N 15
static void
view_sig(const struct app *a, size_t v[VIEW_SIG_N])
{
	size_t k = 0;
	v[k++] = a->top;
	v[k++] = a->sel;
	v[k++] = a->row;
	v[k++] = a->list_top;
	v[k++] = (size_t)a->focus;
	v[k++] = a->help | (size_t)a->marks_view << 1 |
	         (size_t)a->groups_view << 2 | (size_t)a->messages_view << 3 |
	         (size_t)a->links_view << 4;
	v[k++] = a->help_top;
	v[k++] = a->mark_sel;
	v[k++] = a->link_sel;
	v[k++] = a->group_sel;
	v[k++] = a->search.cur;
	v[k++] = a->search.spans.n;
	v[k++] = a->hit_cur;
	v[k++] = a->norder;
	v[k++] = (size_t)a->sort;
}

static void key_in(struct app *a, int key);

void
app_key(struct app *a, int key)
{
	if (key == K_RESIZE || key == K_MOUSE)
		return; /* events, handled where they come (app_mouse) */
	if (key == K_RELOAD) {
		a->reload = true;
		return;
	}
	if (a->prompting) {
		a->dirty = true;
		free(a->message);
		a->message = NULL;
		app_prompt_key_in(a, key);
		app_settle(a);
		app_track_reading(a);
		return;
	}
	a->dirty = true;
	/* A message stays until a key changes what is on the screen. */
	size_t before[VIEW_SIG_N], after[VIEW_SIG_N];
	unsigned long seq0 = a->said_seq;
	view_sig(a, before);
	key_in(a, key);
	view_sig(a, after);
	if (a->said_seq == seq0 && a->message &&
	    memcmp(before, after, sizeof before) != 0) {
		free(a->message);
		a->message = NULL;
	}
}

static void
key_in(struct app *a, int key)
{
	/* Esc abandons a half-typed sequence or count. */
	if ((a->npending || a->count) && key == K_ESC) {
		a->npending = 0;
		a->count = 0;
		return;
	}
	if (app_count_key(a, key))
		return;
	a->pending[a->npending++] = key;
	enum action act = ACT_NONE;
	enum keymap_result r = keymap_lookup(&a->keymap, app_context(a),
	                                     a->pending, a->npending, &act);
	if (r == KEYMAP_PREFIX && a->npending < KEYSEQ_MAX)
		return;
	if (r == KEYMAP_ACTION) {
		a->npending = 0;
		app_action(a, act);
		app_settle(a);
		app_track_reading(a);
		return;
	}
	struct keyseq seq;
	memcpy(seq.keys, a->pending, sizeof seq.keys);
	seq.n = a->npending;
	a->npending = 0;
	a->count = 0;
	struct strbuf sb, help;
	sb_init(&sb);
	sb_init(&help);
	keyseq_format(&seq, &sb);
	if (keymap_key_for(&a->keymap, app_context(a), ACT_HELP, &help))
		app_message(a, false,
		            "%s is not bound here (%s shows the keys)", sb.buf,
		            help.buf);
	else
		app_message(a, false, "%s is not bound here", sb.buf);
	sb_fini(&sb);
	sb_fini(&help);
}

void
app_set_sort(struct app *a, enum sort_order sort)
{
	a->sort = sort;
	app_rebuild_order(a);
}

int
app_sort_lookup(const char *name)
{
	for (int s = 0; s < SORT_COUNT; s++)
		if (strcmp(app_sort_name((enum sort_order)s), name) == 0)
			return s;
	return -1;
}

void
app_filter(struct app *a, const char *query)
{
	if (query && *query)
		app_apply_filter(a, query);
	else
		app_clear_filter(a);
}

void
app_set_group_on(struct app *a, size_t g, bool on)
{
	if (g >= a->ngroups || a->group_on[g] == on)
		return;
	a->group_on[g] = on;
	app_find_hits(a);
	if (a->sort == SORT_HITS)
		app_rebuild_order(a);
	a->dirty = true;
}

void
app_set_search(struct app *a, const char *query)
{
	if (!query || !*query) {
		search_clear(&a->search);
		return;
	}
	search_set(&a->search, query, false);
	const struct article *art = &a->corpus->v[a->open];
	search_run(&a->search, art->body, art->body_len);
}
