/* app_marks.c - reading state: read marks, progress and bookmarks. */
#include "app.h"

#include <stdlib.h>
#include <string.h>

#include "app_int.h"

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
	m->snippet = NULL;
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
 * read once its end has been on screen, from the moment the reader is
 * reading it (the pane has the focus, or its view moved from where the
 * article opened): an article the sidebar's cursor passes over, or the
 * first one shown at start-up, is shown, not read.
 */
void
app_track_reading(struct app *a)
{
	if (a->open >= a->corpus->n || !a->layout.n || a->geo.too_small)
		return;
	if (!a->engaged && (a->focus == FOCUS_PAGER || a->top != a->opened_top))
		a->engaged = true;
	if (!a->engaged)
		return;
	size_t bottom = a->top + (size_t)a->geo.body_rows;
	int pct = app_percent_shown(a);
	if (pct > a->progress[a->open]) {
		a->progress[a->open] = pct;
		a->state_dirty = true;
	}
	/* Read when the end comes into view: once per visit, so that
	 * marking it unread by hand sticks while it stays in view. */
	bool at_end = a->layout.done && bottom >= a->layout.n;
	if (at_end && !a->end_seen && !a->read[a->open]) {
		a->read[a->open] = true;
		a->state_dirty = true;
	}
	a->end_seen = at_end;
}

void
app_next_unread(struct app *a)
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

void
app_delete_mark(struct app *a, size_t k)
{
	if (k >= a->nmarks)
		return;
	struct app_mark *m = &a->marks[k];
	if (m->id) {
		/* Saved before: the state file must learn it is gone. */
		a->deleted_marks =
		        xrealloc(a->deleted_marks,
		                 (a->ndeleted + 1) * sizeof *a->deleted_marks);
		a->deleted_marks[a->ndeleted++] = m->id;
	}
	free(m->note);
	free(m->snippet);
	memmove(m, m + 1, (a->nmarks - k - 1) * sizeof *m);
	a->nmarks--;
	if (a->mark_sel >= a->nmarks && a->mark_sel > 0)
		a->mark_sel--;
	if (!a->nmarks)
		a->marks_view = false;
	a->state_dirty = true;
	app_message(a, false, "bookmark deleted");
}

/* The snippet of body[off..len): see app_mark_snippet. */
static char *
snippet_at(const char *body, size_t len, size_t off)
{
	struct strbuf sb;
	sb_init(&sb);
	size_t i = off < len ? off : len;
	while (i < len && (body[i] == ' ' || body[i] == '\t' ||
	                   body[i] == '\n' || body[i] == '\r'))
		i++;
	bool space = false;
	for (; i < len && sb.len < SNIPPET_MAX; i++) {
		char ch = body[i];
		if (ch == '\n' && i + 1 < len && body[i + 1] == '\n')
			break; /* the paragraph's end */
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = true;
			continue;
		}
		if (space)
			sb_addch(&sb, ' ');
		space = false;
		sb_addch(&sb, ch);
	}
	if (i < len && sb.len >= SNIPPET_MAX) {
		/* Not in the middle of a character. */
		while (sb.len && ((unsigned char)sb.buf[sb.len] & 0xc0) == 0x80)
			sb.len--;
		sb.buf[sb.len] = '\0';
		sb_addstr(&sb, "\xe2\x80\xa6");
	}
	return sb_detach(&sb);
}

const char *
app_mark_snippet(struct app *a, size_t k)
{
	struct app_mark *m = &a->marks[k];
	if (m->snippet || m->article >= a->corpus->n)
		return m->snippet ? m->snippet : "";
	struct article *art = &a->corpus->v[m->article];
	bool loaded = art->body_loaded;
	if (!loaded) {
		struct diag_list dl;
		diag_list_init(&dl);
		corpus_load_body(a->corpus, m->article, &dl);
		diag_list_fini(&dl); /* a file gone: an empty snippet */
	}
	m->snippet = snippet_at(art->body, art->body_len, m->offset);
	if (!loaded)
		corpus_unload_body(a->corpus, m->article);
	return m->snippet;
}

void
app_open_mark(struct app *a, size_t k)
{
	if (k >= a->nmarks)
		return;
	size_t off = a->marks[k].offset;
	a->marks_view = false;
	app_jump_push(a);
	if (a->filter && !a->snippets[a->marks[k].article])
		app_clear_filter(a);
	app_select(a, a->marks[k].article);
	size_t line = layout_find_anchor(&a->layout, off + 1);
	a->top = line > app_max_top(a) ? app_max_top(a) : line;
	a->focus = FOCUS_PAGER;
	app_message(a, false, "bookmark %zu/%zu%s%s", k + 1, a->nmarks,
	            *a->marks[k].note ? ": " : "", a->marks[k].note);
}

void
app_mark_read(struct app *a, size_t i, bool read)
{
	if (a->read[i] == read)
		return;
	a->read[i] = read;
	if (!read) {
		/* Unread again: to be read from the start. */
		a->progress[i] = 0;
		a->progress_reset[i] = true;
	}
	a->state_dirty = true;
}
