/* app_list.c - the sidebar: its sort orders and the corpus filter. */
#include "app.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include <strings.h>

#include "app_int.h"
#include "utf8.h"

int
app_entry_rows(const struct app *a)
{
	return a->filter ? 2 : 1;
}

/* Keeps the selected article inside the sidebar's rows. */
void
app_follow_selection(struct app *a)
{
	a->row = 0;
	for (size_t r = 0; r < a->norder; r++)
		if (a->order[r] == a->sel)
			a->row = r;
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows /
	                                             (size_t)app_entry_rows(a)
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

/* Titles sort by their letters: leading quotes and marks are skipped. */
static const char *
sort_key(const char *title)
{
	/* Skip what is not a letter or digit in any script: quotes, curly
	 * or straight, dashes, brackets. */
	size_t len = strlen(title), pos = 0;
	while (pos < len) {
		uint32_t cp;
		size_t n = utf8_decode(title + pos, len - pos, &cp);
		if (iswalnum((wint_t)cp))
			break;
		pos += n;
	}
	return title + pos;
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
			c = hi == SIZE_MAX   ? 1
			    : hj == SIZE_MAX ? -1
			    : hi > hj        ? -1
			                     : 1;
		if (a->filter && c == 0 &&
		    a->filter_counts[i] != a->filter_counts[j])
			c = a->filter_counts[i] > a->filter_counts[j] ? -1 : 1;
		break;
	}
	case SORT_UNREAD:
		c = (int)a->read[i] - (int)a->read[j];
		break;
	default:
		break;
	}
	return c ? c : (i < j ? -1 : i > j);
}

/* Rebuilds the sidebar's rows from the filter and the sort order. */
void
app_rebuild_order(struct app *a)
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
	app_follow_selection(a);
	a->dirty = true;
}

/* A keyword-in-context line around body[start..end): a few words before,
 * the rest of the paragraph after, newlines as spaces; *at is where the
 * match starts in it (the sidebar centres the match on it). */
static char *
make_snippet(const char *body, size_t len, size_t start, size_t end, size_t *at)
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
	*at = sb.len + (start - from);
	for (size_t k = from; k < to; k++) {
		if (body[k] == '\n' && k + 1 < to && body[k + 1] == '\n')
			break; /* the paragraph ends */
		sb_addch(&sb,
		         body[k] == '\n' || body[k] == '\t' ? ' ' : body[k]);
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
	free(a->snippet_at);
	free(a->filter_counts);
	free(a->filter);
	a->snippets = NULL;
	a->snippet_at = NULL;
	a->filter_counts = NULL;
	a->filter = NULL;
}

void
app_clear_filter(struct app *a)
{
	if (!a->filter)
		return;
	/* Back to the article selected before, unless the reader moved
	 * to another in the filtered list: that one stays. */
	size_t keep = a->sel == a->filter_sel ? a->unfiltered_sel : a->sel;
	free_filter(a);
	app_rebuild_order(a);
	app_select(a, keep);
	app_message(a, false, "showing every article");
}

/*
 * Narrows the sidebar to the articles whose title or body matches query,
 * each with its count and a snippet of its first match; the search takes
 * the query too, so the pane shows the matches and n/N walk them.
 */
void
app_apply_filter(struct app *a, const char *query)
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
	size_t *at = xcalloc(n, sizeof *at);
	bool limited = false;
	for (size_t i = 0; i < n; i++) {
		if (app_interrupted(a)) {
			for (size_t k = 0; k < i; k++)
				free(snippets[k]);
			free(counts);
			free(snippets);
			free(at);
			search_fini(&probe);
			app_message(
			        a, false,
			        "filter stopped (%zu of %zu articles looked "
			        "in)",
			        i, n);
			return;
		}
		struct article *art = &a->corpus->v[i];
		bool was_loaded = art->body_loaded;
		corpus_load_body(a->corpus, i, &a->diags);
		search_run(&probe, art->title, strlen(art->title));
		size_t in_title = probe.spans.n;
		search_run(&probe, art->body, art->body_len);
		limited |= probe.limited;
		counts[i] = in_title + probe.spans.n;
		if (probe.spans.n)
			snippets[i] =
			        make_snippet(art->body, art->body_len,
			                     probe.spans.v[0].start,
			                     probe.spans.v[0].end, &at[i]);
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
		free(at);
		if (limited)
			app_message(a, true,
			            "%s: pattern too costly: search cut short",
			            query);
		else
			app_message(a, false, "no article matches '%s'", query);
		return;
	}
	if (!a->filter)
		a->unfiltered_sel = a->sel;
	free_filter(a);
	a->filter = xstrdup(query);
	a->filter_counts = counts;
	a->snippets = snippets;
	a->snippet_at = at;
	a->list_top = 0;
	app_rebuild_order(a);
	search_set(&a->search, query, false);
	app_select(a, a->order[0]);
	a->filter_sel = a->sel;
	const struct article *art = &a->corpus->v[a->open];
	search_run(&a->search, art->body, art->body_len);
	if (a->search.spans.n) {
		a->search.cur = 0;
		app_reveal(a, a->search.spans.v[0].start);
	}
	app_message(a, limited, "%zu article%s match%s '%s'%s (%s)", found,
	            found == 1 ? "" : "s", found == 1 ? "es" : "", query,
	            limited ? "; pattern too costly: some searches cut short"
	                    : "",
	            app_filter_hint(a));
}

const char *
app_filter_hint(struct app *a)
{
	struct strbuf key;
	sb_init(&key);
	free(a->hint);
	if (keymap_key_for(&a->keymap, app_context(a), ACT_CLEAR_FILTER, &key))
		a->hint = xasprintf("%s shows all", key.buf);
	else if (keymap_key_for(&a->keymap, CTX_LIST, ACT_CLEAR_FILTER, &key))
		a->hint = xasprintf("%s in the sidebar shows all", key.buf);
	else
		a->hint = xstrdup("an empty filter shows all");
	sb_fini(&key);
	return a->hint;
}
