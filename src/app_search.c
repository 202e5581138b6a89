/* app_search.c - search across the articles, and the prompts (search,
 * filter, bookmark note) that read a line of text. */
#include "app.h"

#include <stdint.h>
#include <stdlib.h>

#include "app_int.h"
#include "help.h"

/* The search's text is the open article's; one that changed under it
 * (read again) is searched again from the top. */
static void
search_sync(struct app *a)
{
	struct search *s = &a->search;
	const struct article *art = &a->corpus->v[a->open];
	if (!search_done(s) &&
	    (s->text != art->body || s->len != art->body_len))
		search_begin(s, art->body, art->body_len, 0);
}

/* How often a search going on in the background is drawn. */
#define SEARCH_DRAW_MS 250
/* What Enter may still search before it reports: a few milliseconds. */
#define SEARCH_REPORT_BYTES (16 * 1024 * 1024)

/* Says where the search is, after a step. */
static void
search_report(struct app *a, bool forward, bool moved_article)
{
	struct search *s = &a->search;
	if (!search_done(s)) {
		search_sync(a);
		search_more(s, SEARCH_REPORT_BYTES, 64 * SEARCH_SLICE_MATCHES);
	}
	if (!search_done(s) && s->cur != SIZE_MAX) {
		/* The rest is found between keys; said again when done. */
		size_t n = search_count(s);
		app_message(a, false, "%zu match%s so far, still searching", n,
		            n == 1 ? "" : "es");
		a->search_said = a->said_seq;
		return;
	}
	if (s->cur == SIZE_MAX) {
		app_message(a, s->limited, "%s: %s", s->query,
		            s->limited ? "pattern too costly: search cut short"
		                       : "pattern not found");
		return;
	}
	app_message(
	        a, s->limited, "match %zu/%zu%s%s%s", s->cur + 1, s->spans.n,
	        moved_article ? " in the next matching article" : "",
	        s->wrapped ? forward ? " (wrapped to the top)"
	                             : " (wrapped to the bottom)"
	                   : "",
	        s->limited ? " (pattern too costly: search cut short)" : "");
}

/*
 * n and N: the next match in this article, else in the next article
 * that matches (one search cursor over the corpus), else round again.
 */
void
app_search_move(struct app *a, bool forward)
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
	/* The next match may be anywhere: the whole search is wanted. */
	search_sync(a);
	search_finish(s);
	app_jump_push(a);
	size_t n = s->spans.n;
	/* The reader scrolled away from the current match: search from
	 * the view instead, as less does. */
	if (s->cur < n) {
		size_t line = layout_find_anchor(&a->layout,
		                                 s->spans.v[s->cur].start + 1);
		size_t rows =
		        a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
		if (line < a->top || line >= a->top + rows)
			s->cur = SIZE_MAX;
	}
	bool at_end;
	if (s->cur < n) {
		at_end = forward ? s->cur + 1 >= n : s->cur == 0;
	} else {
		/* From the view: nothing after (before) it in this article? */
		size_t vo = app_view_offset(a);
		at_end = forward ? n == 0 || s->spans.v[n - 1].start < vo
		                 : n == 0 || s->spans.v[0].start >= vo;
	}
	if ((n == 0 || at_end) && a->norder > 1) {
		/* Look in the other articles, in the order of the sidebar
		 * (so under a filter, only in the filter). */
		size_t N = a->norder;
		struct search probe;
		search_init(&probe);
		search_set(&probe, s->query, s->backward);
		bool limited = false;
		for (size_t k = 1; k < N; k++) {
			if (app_interrupted(a)) {
				search_fini(&probe);
				app_message(
				        a, false,
				        "search stopped (%zu of %zu articles "
				        "looked in)",
				        k - 1, N - 1);
				return;
			}
			size_t r = forward ? (a->row + k) % N
			                   : (a->row + N - k) % N;
			size_t i = a->order[r];
			struct article *art = &a->corpus->v[i];
			bool was_loaded = art->body_loaded;
			corpus_load_body(a->corpus, i, &a->diags);
			search_run(&probe, art->body, art->body_len);
			bool hit = probe.spans.n > 0;
			limited |= probe.limited;
			if (!was_loaded && !hit)
				corpus_unload_body(a->corpus, i);
			if (!hit)
				continue;
			search_fini(&probe);
			bool wrapped = forward ? r < a->row : r > a->row;
			app_select(a, i);
			s->cur = forward ? 0 : s->spans.n - 1;
			s->wrapped = wrapped;
			app_reveal(a, s->spans.v[s->cur].start);
			search_report(a, forward, true);
			return;
		}
		search_fini(&probe);
		if (limited && n == 0) {
			app_message(a, true,
			            "%s: pattern too costly: search cut short",
			            s->query);
			return;
		}
	}
	size_t from =
	        s->cur < n ? s->spans.v[s->cur].start : app_view_offset(a);
	if (s->cur >= n && forward && from > 0)
		from--; /* from the view: a match at its top counts */
	if (s->cur >= n && forward && from == 0 && n &&
	    s->spans.v[0].start == 0) {
		s->cur = 0;
		s->wrapped = false;
	} else {
		search_step(s, from, forward);
	}
	if (s->cur != SIZE_MAX)
		app_reveal(a, s->spans.v[s->cur].start);
	search_report(a, forward, false);
}

void
app_prompt_open(struct app *a, bool backward)
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

bool
app_search_pending(const struct app *a)
{
	return a->open < a->corpus->n && !search_done(&a->search);
}

void
app_search_step(struct app *a)
{
	struct search *s = &a->search;
	if (!app_search_pending(a))
		return;
	search_sync(a);
	bool done = search_more(s, SEARCH_SLICE_BYTES, SEARCH_SLICE_MATCHES);
	long long now = app_clock_ms();
	if (done || now - a->search_drawn_at >= SEARCH_DRAW_MS) {
		a->dirty = true; /* the matches, the count */
		a->search_drawn_at = now;
	}
	/* "So far" is still on the status line: the whole count now. */
	if (done && a->message && a->said_seq == a->search_said)
		search_report(a, !s->backward, false);
}

/*
 * Incremental search: every edit searches again from where / was typed,
 * as far as the first match (as less does); the rest of the matches are
 * found between keys.  Backward, the match before the view needs what
 * lies above it: the whole text is searched.
 */
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
	size_t from = app_view_offset(a);
	if (!backward) {
		search_start(s, art->body, art->body_len, from);
	} else {
		search_run(s, art->body, art->body_len);
		search_step(s, from, false);
	}
	if (s->cur != SIZE_MAX)
		app_reveal(a, s->spans.v[s->cur].start);
}

/* The help's line i at the top, or as near as its end allows. */
static void
help_show(struct app *a, const struct help *h, size_t i)
{
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
	size_t max = h->n > rows ? h->n - rows : 0;
	a->help_top = i > max ? max : i;
}

void
app_help_search_open(struct app *a, bool backward)
{
	a->prompting = true;
	a->prompt_kind = PROMPT_HELP;
	prompt_init(&a->prompt, &a->history);
	a->help_prompt_top = a->help_top;
	a->help_back = backward;
}

/* Looks for query from line from (the way the search goes); false and
 * nothing moved when no line holds it. */
static bool
help_goto(struct app *a, const char *query, size_t from, bool forward)
{
	struct help h;
	help_build(&h, &a->keymap);
	size_t i = help_find(&h, query, from, forward);
	if (i != SIZE_MAX)
		help_show(a, &h, i);
	help_fini(&h);
	return i != SIZE_MAX;
}

void
app_help_search_move(struct app *a, bool forward)
{
	if (!a->help_query) {
		app_message(a, false, "no search yet: / searches the help");
		return;
	}
	forward = forward != a->help_back;
	size_t from = forward ? a->help_top + 1 : a->help_top;
	if (!forward && from == 0) {
		app_message(a, true, "no more matches for \"%s\" above",
		            a->help_query);
		return;
	}
	if (!help_goto(a, a->help_query, forward ? from : from - 1, forward))
		app_message(a, true, "no more matches for \"%s\" %s",
		            a->help_query, forward ? "below" : "above");
}

/* A key in the help's search prompt: each edit looks again from where
 * it was typed; Esc goes back there. */
static void
help_prompt_key(struct app *a, enum prompt_result r)
{
	const char *q = a->prompt.text.buf;
	if (r == PROMPT_EDITING) {
		a->help_top = a->help_prompt_top;
		if (*q)
			help_goto(a, q, a->help_top, !a->help_back);
		return;
	}
	a->prompting = false;
	if (r == PROMPT_CANCEL) {
		a->help_top = a->help_prompt_top;
	} else if (*q) {
		prompt_history_add(&a->history, q);
		free(a->help_query);
		a->help_query = xstrdup(q);
		a->help_top = a->help_prompt_top;
		if (!help_goto(a, q, a->help_top, !a->help_back))
			app_message(a, true, "not in the help: \"%s\"", q);
	}
	prompt_fini(&a->prompt);
}

void
app_prompt_key_in(struct app *a, int key)
{
	enum prompt_result r = prompt_key(&a->prompt, key);
	struct search *s = &a->search;
	if (a->prompt_kind == PROMPT_HELP) {
		help_prompt_key(a, r);
		return;
	}
	if (a->prompt_kind == PROMPT_PIPE) {
		if (r == PROMPT_EDITING)
			return;
		a->prompting = false;
		s->backward = a->prompt_saved_back;
		if (r == PROMPT_ACCEPT && *a->prompt.text.buf) {
			prompt_history_add(&a->history, a->prompt.text.buf);
			free(a->pipe_cmd);
			a->pipe_cmd = xstrdup(a->prompt.text.buf);
		}
		prompt_fini(&a->prompt);
		return;
	}
	if (a->prompt_kind == PROMPT_SAVE) {
		if (r == PROMPT_EDITING)
			return;
		a->prompting = false;
		s->backward = a->prompt_saved_back;
		if (r == PROMPT_ACCEPT)
			app_save_to(a, a->prompt.text.buf);
		a->saving_notes = false;
		prompt_fini(&a->prompt);
		return;
	}
	if (a->prompt_kind == PROMPT_NOTE) {
		if (r == PROMPT_EDITING)
			return;
		a->prompting = false;
		s->backward = a->prompt_saved_back;
		if (r == PROMPT_ACCEPT) {
			app_add_mark(a, a->open, app_view_offset(a),
			             a->prompt.text.buf, a->now);
			app_message(a, false,
			            "bookmarked (' lists the bookmarks)");
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
				app_apply_filter(a, a->prompt.text.buf);
			else
				app_clear_filter(a);
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
		if (!saved) {
			search_clear(s);
		} else {
			/* Its matches on the screen first, the rest after. */
			const struct article *art = &a->corpus->v[a->open];
			search_begin(s, art->body, art->body_len,
			             app_view_offset(a));
			search_more(s, SEARCH_SCREEN_BYTES,
			            SEARCH_SCREEN_MATCHES);
		}
		free(saved);
	} else {
		/* A search is a jump: C-o comes back to where / was typed. */
		size_t found = a->top;
		a->top = a->prompt_top;
		app_jump_push(a);
		a->top = found;
		prompt_history_add(&a->history, a->prompt.text.buf);
		if (!*a->prompt.text.buf) {
			search_clear(s);
		} else if (!s->re) {
			app_message(a, true, "%s", s->error);
		} else if (s->cur == SIZE_MAX) {
			/* Nothing here: the other articles, like n. */
			app_search_move(a, !s->backward);
		} else {
			search_report(a, !s->backward, false);
		}
	}
	prompt_fini(&a->prompt);
}
