/* app_hits.c - keyword hits: in the open article, and counted in the
 * background for every article. */
#include "app.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "state.h"
#include "role.h"

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

bool
app_counting(const struct app *a)
{
	return a->matcher && a->count_next < a->corpus->n;
}

bool
app_background_pending(const struct app *a)
{
	return app_search_pending(a) || app_open_pending(a) || app_counting(a);
}

/*
 * What the groups count, as a number: hits cached with another one are
 * counted again.  The string at the start is to change whenever what a
 * count means changes (the matcher, what part of a body is searched).
 */
static uint64_t
groups_sig(const struct hl_group *groups, size_t n)
{
	static const char what[] = "lectern keyword hits 1";
	uint64_t h = fnv1a64_more(FNV1A64_START, what, sizeof what);
	for (size_t g = 0; g < n; g++) {
		const struct hl_group *gr = &groups[g];
		char flags[2] = {gr->ignore_case, gr->whole_word};
		h = fnv1a64_more(h, gr->name, strlen(gr->name) + 1);
		h = fnv1a64_more(h, flags, sizeof flags);
		for (size_t k = 0; k < gr->nwords; k++)
			h = fnv1a64_more(h, gr->words[k],
			                 strlen(gr->words[k]) + 1);
		h = fnv1a64_more(h, "\x01", 1);
		for (size_t k = 0; k < gr->npatterns; k++)
			h = fnv1a64_more(h, gr->patterns[k],
			                 strlen(gr->patterns[k]) + 1);
		h = fnv1a64_more(h, "\x02", 1);
	}
	return h ? h : 1;
}

/* Gives article i's counted hits to the corpus, for the heads cache. */
static void
keep_counts(struct app *a, size_t i)
{
	uint32_t *c = xcalloc(a->ngroups ? a->ngroups : 1, sizeof *c);
	for (size_t g = 0; g < a->ngroups; g++) {
		size_t v = a->art_hits[i * a->ngroups + g];
		c[g] = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
	}
	corpus_set_counts(a->corpus, i, a->groups_sig, c, a->ngroups);
	free(c);
}

/* Takes the hits the heads cache had for the articles, counted for these
 * very groups: those articles are not read again. */
static void
take_cached_counts(struct app *a)
{
	for (size_t i = 0; a->ngroups && i < a->corpus->n; i++) {
		const struct article *art = &a->corpus->v[i];
		if (art->counts_sig != a->groups_sig ||
		    art->ncounts != a->ngroups)
			continue;
		for (size_t g = 0; g < a->ngroups; g++)
			a->art_hits[i * a->ngroups + g] = art->counts[g];
		a->art_counted[i] = true;
	}
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
	if (i == a->open && all_on && app_hits_done(a)) {
		/* The open article's hits are counted already. */
		memcpy(row, a->group_counts, a->ngroups * sizeof *row);
		a->art_counted[i] = true;
		keep_counts(a, i);
		return;
	}
	bool was_loaded = art->body_loaded;
	struct diag_list dl;
	diag_list_init(&dl);
	corpus_load_body(a->corpus, i, &dl);
	diag_list_fini(&dl);
	if (a->hash_bodies && !a->hashes[i])
		a->hashes[i] = state_hash(art->body, art->body_len);
	matcher_count(a->matcher, art->body, art->body_len, NULL, row);
	a->art_counted[i] = true;
	/* The word count too, while the body is here, when a heads cache
	 * keeps it for the next start (and --list); else it is counted
	 * when asked, as before. */
	if (art->cached)
		article_words(art);
	keep_counts(a, i);
	if (!was_loaded && i != a->open)
		corpus_unload_body(a->corpus, i);
}

#define RESORT_MS 250

void
app_background_step(struct app *a)
{
	if (!app_background_pending(a))
		return;
	/* The open article first: the reader is looking at it, and at
	 * what was searched there most. */
	if (app_search_pending(a)) {
		app_search_step(a);
		return;
	}
	if (app_open_pending(a)) {
		app_open_step(a);
		return;
	}
	/* Articles whose hits came from the heads cache are passed. */
	while (a->count_next < a->corpus->n && a->art_counted[a->count_next])
		a->count_next++;
	size_t i = a->count_next;
	if (i < a->corpus->n) {
		a->count_next++;
		count_article(a, i);
	}
	bool done = !app_counting(a);
	if (done) /* the next start has the counts without reading */
		corpus_save_caches(a->corpus);
	/* Sorted by hits: sorted again when counting ends, and meanwhile
	 * at most every RESORT_MS, not after every article (at 10,000
	 * articles that was 10,000 sorts of 10,000). */
	if (a->sort == SORT_HITS) {
		long long now = app_clock_ms();
		if (done || now - a->resorted_at >= RESORT_MS) {
			app_rebuild_order(a);
			a->resorted_at = now;
			a->dirty = true;
		}
	}
	/* Drawn again only when something on the screen changed: the
	 * article's count in the sidebar's rows, the groups view's totals,
	 * or the end of counting. */
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 0;
	size_t row = a->filter ? SIZE_MAX : i; /* unsorted: row = index */
	if (a->sort != SORT_CORPUS || a->filter)
		for (size_t r = a->list_top;
		     r < a->norder && r < a->list_top + rows; r++)
			if (a->order[r] == i)
				row = r;
	if (done || a->groups_view ||
	    (row >= a->list_top && row < a->list_top + rows))
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
	a->groups_sig = groups_sig(groups, n);
	take_cached_counts(a);
	if (a->group_sel >= n)
		a->group_sel = 0;
	if (!n)
		a->groups_view = false;
	app_find_hits(a);
	a->dirty = true;
}

/*
 * Moves to the next (or previous) keyword hit of group g (-1: any), after
 * the current hit or else the top of the view, going round the article.
 */
void
app_goto_hit(struct app *a, int g, bool forward)
{
	const char *name = g >= 0 && (size_t)g < a->ngroups ? a->group_names[g]
	                                                    : "any group";
	if (g >= (int)a->ngroups) {
		app_message(a, true, "there is no keyword group %d", g + 1);
		return;
	}
	app_jump_push(a);
	app_open_finish(a); /* every hit, to go round the article */
	if (g >= 0 && !a->group_on[g]) {
		app_message(a, false, "group %d (%s) is off: t %d turns it on",
		            g + 1, name, g + 1);
		return;
	}
	size_t n = a->hits.n;
	/* Scrolled away from the last hit: go on from the view. */
	if (a->hit_cur < n) {
		size_t line = a->hit_lines[a->hit_cur];
		size_t rows =
		        a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
		if (line < a->top || line >= a->top + rows)
			a->hit_cur = SIZE_MAX;
	}
	size_t from = a->hit_cur < n ? a->hits.v[a->hit_cur].start
	                             : app_view_offset(a);
	bool inclusive = a->hit_cur >= n;
	size_t found = SIZE_MAX;
	bool wrapped = false;
	for (int pass = 0; pass < 2 && found == SIZE_MAX; pass++) {
		for (size_t k = 0; k < n; k++) {
			size_t i = forward ? k : n - 1 - k;
			const struct match_span *h = &a->hits.v[i];
			if (g >= 0 && h->group != g)
				continue;
			bool after =
			        inclusive ? h->start >= from : h->start > from;
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
	app_reveal(a, a->hits.v[found].start);
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

void
app_toggle_group(struct app *a, size_t g)
{
	if (g >= a->ngroups) {
		app_message(a, true, "there is no keyword group %zu", g + 1);
		return;
	}
	a->group_on[g] = !a->group_on[g];
	app_find_hits(a);
	if (a->sort == SORT_HITS)
		app_rebuild_order(a); /* the counts it sorts by changed */
	app_message(a, false, "group %zu (%s) %s", g + 1, a->group_names[g],
	            a->group_on[g] ? "on" : "off");
}
