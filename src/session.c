/* session.c - the app's reading state to and from the state file. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "session.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The real path of p, or a copy of p when it cannot be resolved. */
static char *
real_or_copy(const char *p)
{
	char *r = realpath(p, NULL);
	return r ? r : xstrdup(p);
}

/* An article's key: its path relative to the root, else its real path. */
static char *
article_key(const char *root, const char *path)
{
	char *real = real_or_copy(path);
	size_t n = strlen(root);
	if (strncmp(real, root, n) == 0 && real[n] == '/') {
		char *rel = xstrdup(real + n + 1);
		free(real);
		return rel;
	}
	return real;
}

void
session_open(struct session *s, const char *root, bool enabled,
             const struct corpus *c, struct diag_list *diags)
{
	memset(s, 0, sizeof *s);
	state_init(&s->st);
	s->enabled = enabled && root;
	if (!s->enabled)
		return;
	struct stat st;
	char *r = real_or_copy(root);
	if (stat(r, &st) == 0 && !S_ISDIR(st.st_mode)) {
		/* A single file: its folder is the root. */
		char *slash = strrchr(r, '/');
		if (slash && slash != r)
			*slash = '\0';
	}
	s->root = r;
	s->path = state_path(s->root);
	if (!s->path) {
		diag_add(
		        diags, DIAG_WARNING, NULL, 0, 0,
		        "no HOME or XDG_STATE_HOME: reading state is not kept");
		s->enabled = false;
		return;
	}
	state_load(&s->st, s->path, diags);
	state_set_string(&s->st.root, s->root);
	s->nkeys = c->n;
	s->keys = xcalloc(c->n ? c->n : 1, sizeof *s->keys);
	s->was_read = xcalloc(c->n ? c->n : 1, sizeof *s->was_read);
	s->was_anchor = xcalloc(c->n ? c->n : 1, sizeof *s->was_anchor);
	s->was_progress = xcalloc(c->n ? c->n : 1, sizeof *s->was_progress);
	for (size_t i = 0; i < c->n; i++)
		s->keys[i] = article_key(s->root, c->v[i].path);
}

void
session_close(struct session *s)
{
	for (size_t i = 0; i < s->nkeys; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->was_read);
	free(s->was_anchor);
	free(s->was_progress);
	free(s->root);
	free(s->path);
	state_fini(&s->st);
	memset(s, 0, sizeof *s);
}

static void
apply_article(struct app *a, size_t i, const struct article_state *as)
{
	a->read[i] = as->read;
	a->progress[i] = as->progress;
	a->places[i].anchor = as->anchor ? as->anchor + 1 : 0;
	a->places[i].width = 0; /* re-found by anchor at any width */
	for (size_t k = 0; k < as->nmarks; k++) {
		struct app_mark *m =
		        app_add_mark(a, i, as->marks[k].offset,
		                     as->marks[k].note, as->marks[k].created);
		m->id = xstrdup(as->marks[k].id);
	}
}

/* Remembers what the app holds now, as the base for the next save. */
static void
snapshot(struct session *s, const struct app *a)
{
	for (size_t i = 0; i < a->corpus->n && i < s->nkeys; i++) {
		s->was_read[i] = a->read[i];
		s->was_anchor[i] = a->places[i].anchor;
		s->was_progress[i] = a->progress[i];
	}
}

void
session_apply(struct session *s, struct app *a)
{
	if (!s->enabled)
		return;
	size_t n = a->corpus->n;
	bool *found = xcalloc(n ? n : 1, sizeof *found);
	size_t missing = 0;
	/* By path first: no body needs reading for that. */
	for (size_t i = 0; i < n; i++) {
		struct article_state *as = state_find(&s->st, s->keys[i], NULL);
		if (as) {
			apply_article(a, i, as);
			found[i] = true;
		} else {
			missing++;
		}
	}
	/* Entries nobody claimed may be articles that moved: look for them
	 * by content, reading only the bodies of the unmatched articles. */
	size_t unclaimed = 0;
	for (size_t k = 0; k < s->st.n; k++)
		unclaimed += !s->st.v[k].claimed && s->st.v[k].hash;
	for (size_t i = 0; i < n && missing && unclaimed; i++) {
		if (found[i])
			continue;
		struct article *art = &a->corpus->v[i];
		bool was_loaded = art->body_loaded;
		struct diag_list dl;
		diag_list_init(&dl);
		corpus_load_body(a->corpus, i, &dl);
		diag_list_fini(&dl);
		if (!a->hashes[i])
			a->hashes[i] = state_hash(art->body, art->body_len);
		if (!was_loaded && i != a->open)
			corpus_unload_body(a->corpus, i);
		struct article_state *as =
		        state_find(&s->st, s->keys[i], a->hashes[i]);
		if (as) {
			apply_article(a, i, as);
			unclaimed--;
		}
		missing--;
	}
	free(found);
	snapshot(s, a);
	a->state_dirty = false;

	/* The session: groups, sort, filter, search, then the selection
	 * (the filter and the sort decide where it is). */
	for (size_t k = 0; k < s->st.ngroups_off; k++)
		for (size_t g = 0; g < a->ngroups; g++)
			if (strcmp(a->group_names[g], s->st.groups_off[k]) == 0)
				app_set_group_on(a, g, false);
	if (s->st.sort) {
		int sort = app_sort_lookup(s->st.sort);
		if (sort >= 0)
			app_set_sort(a, (enum sort_order)sort);
	}
	if (s->st.filter)
		app_filter(a, s->st.filter);
	if (s->st.selected)
		for (size_t i = 0; i < n; i++)
			if (strcmp(s->keys[i], s->st.selected) == 0) {
				/* Open it at its place, not where it was
				 * (the first article is already open). */
				app_select(a, i);
				break;
			}
	if (s->st.search)
		app_set_search(a, s->st.search);
	/* The first article was opened before its place was known. */
	if (a->open < n && a->places[a->open].anchor) {
		size_t line = layout_find_anchor(&a->layout,
		                                 a->places[a->open].anchor);
		a->top = line > app_max_top(a) ? app_max_top(a) : line;
	}
	free(a->message);
	a->message = NULL;
	a->dirty = true;
}

/* Copies what changed in article i since the last sync into its entry. */
static void
collect_article(struct session *s, struct app *a, size_t i, int64_t now)
{
	bool has_marks = false;
	for (size_t k = 0; k < a->nmarks && !has_marks; k++)
		has_marks = a->marks[k].article == i;
	struct article_state *as = state_find(&s->st, s->keys[i], a->hashes[i]);
	size_t anchor = a->places[i].anchor ? a->places[i].anchor - 1 : 0;
	bool read_changed = a->read[i] != s->was_read[i];
	bool place_changed = a->places[i].anchor != s->was_anchor[i];
	bool progress_changed = a->progress[i] > s->was_progress[i];
	if (!as) {
		/* Nothing to keep for an article never touched. */
		if (!a->read[i] && !a->progress[i] && !anchor && !has_marks)
			return;
		as = state_get(&s->st, s->keys[i], a->hashes[i]);
		read_changed = place_changed = progress_changed = true;
	}
	if (read_changed && as->read != a->read[i])
		state_set_read(as, a->read[i], now);
	if (place_changed && as->anchor != anchor)
		state_set_anchor(as, anchor, now);
	if (progress_changed && as->progress < a->progress[i])
		state_set_progress(as, a->progress[i], now);
	for (size_t k = 0; k < a->nmarks; k++) {
		struct app_mark *m = &a->marks[k];
		if (m->article != i || m->id)
			continue;
		struct bookmark *b = state_bookmark_add(
		        as, m->offset, *m->note ? m->note : NULL, now);
		m->id = xstrdup(b->id);
	}
}

int
session_save(struct session *s, struct app *a, int64_t now,
             struct diag_list *diags)
{
	if (!s->enabled)
		return 0;
	app_remember_place(a);
	for (size_t i = 0; i < a->corpus->n; i++)
		collect_article(s, a, i, now);
	/* Bookmarks deleted in this session. */
	for (size_t d = 0; d < a->ndeleted; d++)
		for (size_t k = 0; k < s->st.n; k++)
			if (state_bookmark_del(&s->st, &s->st.v[k],
			                       a->deleted_marks[d], now))
				break;
	state_set_string(&s->st.selected,
	                 a->sel < a->corpus->n ? s->keys[a->sel] : NULL);
	state_set_string(&s->st.sort, a->sort == SORT_CORPUS
	                                      ? NULL
	                                      : app_sort_name(a->sort));
	state_set_string(&s->st.filter, a->filter);
	state_set_string(&s->st.search, a->search.query && *a->search.query
	                                        ? a->search.query
	                                        : NULL);
	const char **off = xcalloc(a->ngroups ? a->ngroups : 1, sizeof *off);
	size_t noff = 0;
	for (size_t g = 0; g < a->ngroups; g++)
		if (!a->group_on[g])
			off[noff++] = a->group_names[g];
	state_set_groups_off(&s->st, off, noff);
	free(off);
	int rc = state_save(&s->st, s->path, diags);
	if (rc < 0)
		return -1;
	/* Read back what was merged in from other instances' saves, so
	 * that the next save does not fight them. */
	struct diag_list dl;
	diag_list_init(&dl);
	struct state fresh;
	state_init(&fresh);
	if (state_load(&fresh, s->path, &dl) == 0 && dl.n == 0) {
		state_set_string(&fresh.root, s->root);
		state_fini(&s->st);
		s->st = fresh;
		for (size_t i = 0; i < a->corpus->n; i++)
			state_find(&s->st, s->keys[i], a->hashes[i]);
	} else {
		state_fini(&fresh);
	}
	diag_list_fini(&dl);
	for (size_t d = 0; d < a->ndeleted; d++)
		free(a->deleted_marks[d]);
	a->ndeleted = 0;
	snapshot(s, a);
	a->state_dirty = false;
	s->saved = now;
	return 0;
}
