/* session.c - the app's reading state to and from the state file. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "session.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The real path of p, or a copy of p when it cannot be resolved. */
static char *
real_or_copy(const char *p)
{
	char *r = realpath(p, NULL);
	return r ? r : xstrdup(p);
}

/* The length of the root as given, without trailing slashes (0: none). */
static size_t
given_len(const char *given)
{
	size_t g = given ? strlen(given) : 0;
	while (g > 1 && given[g - 1] == '/')
		g--;
	return g;
}

/* An article's key: its path relative to the root, else its real path;
 * g: given_len(given). */
static char *
article_key(const char *root, const char *given, size_t g, const char *path)
{
	/* Found by walking the root as it was given: the rest of the path
	 * is already relative to it (folders that are links are not
	 * followed), and 100,000 realpath calls cost 5 readlinks each. */
	if (g && strncmp(path, given, g) == 0 && path[g] == '/' &&
	    path[g + 1] && !strstr(path + g, "/../") &&
	    !strstr(path + g, "/./"))
		return xstrdup(path + g + 1);
	char *real = real_or_copy(path);
	size_t n = strlen(root);
	if (strncmp(real, root, n) == 0 && real[n] == '/') {
		char *rel = xstrdup(real + n + 1);
		free(real);
		return rel;
	}
	return real;
}

int64_t
session_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* After a load: the entries are sorted by path (a loaded state is
 * normalised), and the latest time in them is the clock's floor. */
static void
loaded(struct session *s)
{
	s->nsorted = s->st.n;
	for (size_t i = 0; i < s->st.n; i++) {
		int64_t t = state_article_changed(&s->st.v[i]);
		if (t > s->clock)
			s->clock = t;
	}
}

/* The index of the entry for path, or SIZE_MAX; hint, where it may be
 * (SIZE_MAX: nowhere known), is looked at first. */
static size_t
entry_near(const struct session *s, const char *path, size_t hint)
{
	if (hint < s->nsorted && !strcmp(path, s->st.v[hint].path))
		return hint;
	size_t lo = 0, hi = s->nsorted;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, s->st.v[mid].path);
		if (!c)
			return mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (size_t i = s->nsorted; i < s->st.n; i++)
		if (!strcmp(path, s->st.v[i].path))
			return i;
	return SIZE_MAX;
}

static size_t
entry_of(const struct session *s, const char *path)
{
	return entry_near(s, path, SIZE_MAX);
}

/* A time for a change made now: never before a time already seen, so a
 * change made after reading another instance's is the later one. */
static int64_t
tick(struct session *s, int64_t now)
{
	s->clock = now > s->clock ? now : s->clock + 1;
	return s->clock;
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
	/* Articles found under the root as given are keyed without
	 * resolving their paths (a folder only). */
	const char *root_dir = root;
	if (stat(r, &st) == 0 && !S_ISDIR(st.st_mode)) {
		root_dir = NULL;
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
	if (state_load(&s->st, s->path, diags) == STATE_UNREADABLE)
		s->readonly = true; /* never saved over (the warning says) */
	/* Changes an earlier session could not save, kept aside. */
	s->npending = state_merge_pending(&s->st, s->path, &s->pending, diags);
	if (s->npending)
		s->unsaved = true;
	state_set_string(&s->st.root, s->root);
	loaded(s);
	s->nkeys = c->n;
	s->keys = xcalloc(c->n ? c->n : 1, sizeof *s->keys);
	s->entry = xmalloc((c->n ? c->n : 1) * sizeof *s->entry);
	for (size_t i = 0; i < c->n; i++)
		s->entry[i] = SIZE_MAX;
	s->was_read = xcalloc(c->n ? c->n : 1, sizeof *s->was_read);
	s->was_anchor = xcalloc(c->n ? c->n : 1, sizeof *s->was_anchor);
	s->was_progress = xcalloc(c->n ? c->n : 1, sizeof *s->was_progress);
	size_t g = given_len(root_dir);
	for (size_t i = 0; i < c->n; i++)
		s->keys[i] = article_key(s->root, root_dir, g, c->v[i].path);
}

void
session_close(struct session *s)
{
	for (size_t i = 0; i < s->nkeys; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->entry);
	for (size_t i = 0; i < s->npending; i++)
		free(s->pending[i]);
	free(s->pending);
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

/* Reads article i's body for a moment, to know its hash. */
static const char *
article_hash(struct app *a, size_t i)
{
	if (a->hashes[i])
		return a->hashes[i];
	struct article *art = &a->corpus->v[i];
	bool was_loaded = art->body_loaded;
	struct diag_list dl;
	diag_list_init(&dl);
	corpus_load_body(a->corpus, i, &dl);
	diag_list_fini(&dl);
	a->hashes[i] = state_hash(art->body, art->body_len);
	if (!was_loaded && i != a->open)
		corpus_unload_body(a->corpus, i);
	return a->hashes[i];
}

struct hash_ix {
	const char *hash;
	size_t ix;
};

static int
cmp_hash_ix(const void *pa, const void *pb)
{
	const struct hash_ix *x = pa, *y = pb;
	int c = strcmp(x->hash, y->hash);
	return c ? c : (x->ix > y->ix) - (x->ix < y->ix);
}

static int
cmp_hash_first(const void *pa, const void *pb)
{
	return strcmp(((const struct hash_ix *)pa)->hash,
	              ((const struct hash_ix *)pb)->hash);
}

/* Whether entry e was made for a file gone from where it was: no article
 * has its path, or the article there now is another file. */
static bool
entry_moved_away(const bool *at_path_other, size_t e, const size_t *article_at)
{
	size_t i = article_at[e];
	return i == SIZE_MAX || at_path_other[i];
}

/*
 * Which entry is whose (state.h, "Identity"): an article whose path has
 * an entry of the same size (or of no known size) is that entry's,
 * without reading a body.  The others are read and hashed: an article at
 * a new path takes the entry of the same text whose file is gone from
 * its path (a move); an article at an entry's path whose size changed
 * takes it when no move did (an edit in place), and starts fresh when one
 * did (a new file where a moved one was).  Bodies are read only for the
 * articles that need it.
 */
static void
match_entries(struct session *s, struct app *a, bool *found)
{
	size_t n = a->corpus->n, ne = s->st.n;
	size_t *article_at = xmalloc((ne ? ne : 1) * sizeof *article_at);
	bool *other = xcalloc(n ? n : 1, sizeof *other); /* size differs */
	for (size_t e = 0; e < ne; e++)
		article_at[e] = SIZE_MAX;
	size_t unmatched = 0, next = 0;
	for (size_t i = 0; i < n; i++) {
		/* Articles and entries are mostly in the same order: the
		 * entry after the last one found is looked at first. */
		size_t e = entry_near(s, s->keys[i], next);
		if (e == SIZE_MAX) {
			unmatched++;
			continue;
		}
		next = e + 1;
		article_at[e] = i;
		const struct article_state *as = &s->st.v[e];
		if (as->size && as->size != a->corpus->v[i].size) {
			other[i] = true;
			unmatched++;
			continue;
		}
		s->entry[i] = e;
		found[i] = true;
	}
	/* The entries with a hash, by hash, for the unmatched articles. */
	struct hash_ix *byhash = NULL;
	size_t nh = 0;
	bool *taken = xcalloc(ne ? ne : 1, sizeof *taken);
	for (size_t i = 0; i < n; i++)
		if (found[i])
			taken[s->entry[i]] = true;
	if (unmatched) {
		byhash = xmalloc((ne ? ne : 1) * sizeof *byhash);
		for (size_t e = 0; e < ne; e++)
			if (!taken[e] && s->st.v[e].hash)
				byhash[nh++] =
				        (struct hash_ix){s->st.v[e].hash, e};
		qsort(byhash, nh, sizeof *byhash, cmp_hash_ix);
	}
	/* New paths first: a move takes its entry before the file now at
	 * the old path could (as an edit) keep it. */
	for (int pass = 0; pass < 2 && nh; pass++) {
		for (size_t i = 0; i < n; i++) {
			if (found[i] || other[i] != (pass == 1))
				continue;
			struct hash_ix key = {article_hash(a, i), 0};
			struct hash_ix *h =
			        bsearch(&key, byhash, nh, sizeof *byhash,
			                cmp_hash_first);
			while (h && h > byhash && !strcmp(h[-1].hash, key.hash))
				h--;
			for (;
			     h && h < byhash + nh && !strcmp(h->hash, key.hash);
			     h++) {
				size_t e = h->ix;
				if (taken[e] ||
				    !entry_moved_away(other, e, article_at))
					continue;
				taken[e] = true;
				s->entry[i] = e;
				found[i] = true;
				break;
			}
		}
	}
	/* An edit in place keeps its entry, unless a move took it. */
	for (size_t i = 0; i < n; i++) {
		if (!other[i] || found[i])
			continue;
		size_t e = entry_of(s, s->keys[i]);
		if (e != SIZE_MAX && !taken[e]) {
			taken[e] = true;
			s->entry[i] = e;
			found[i] = true;
		}
	}
	/* Entries that moved take their new paths (and hashes). */
	bool moved = false;
	for (size_t i = 0; i < n; i++) {
		if (!found[i])
			continue;
		struct article_state *as = &s->st.v[s->entry[i]];
		as->claimed = true;
		if (strcmp(as->path, s->keys[i])) {
			moved = true;
			if (s->st.selected && !strcmp(s->st.selected, as->path))
				state_set_string(&s->st.selected, s->keys[i]);
			state_entry_set(as, &as->path, s->keys[i]);
			state_entry_set(as, &as->hash, a->hashes[i]);
		}
	}
	if (moved)
		s->nsorted = 0; /* out of order: entry_of scans from here on */
	for (size_t i = 0; i < n; i++)
		if (found[i])
			apply_article(a, i, &s->st.v[s->entry[i]]);
	free(byhash);
	free(taken);
	free(other);
	free(article_at);
}

void
session_apply(struct session *s, struct app *a)
{
	a->hash_bodies = s->enabled; /* no state: no hash is kept */
	if (!s->enabled)
		return;
	size_t n = a->corpus->n;
	bool *found = xcalloc(n ? n : 1, sizeof *found);
	match_entries(s, a, found);
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
		a->opened_top = a->top; /* shown there, not moved there */
	}
	free(a->message);
	a->message = NULL;
	if (a->filter) /* the sidebar is narrowed: say so, and why */
		app_message(a, false, "filter '%s' kept from the last run (%s)",
		            a->filter, app_filter_hint(a));
	a->dirty = true;
}

/* Copies what changed in article i since the last sync into its entry,
 * each change dated by the session's clock; whether anything did. */
static bool
collect_article(struct session *s, struct app *a, size_t i, int64_t now,
                bool has_marks)
{
	size_t anchor = a->places[i].anchor ? a->places[i].anchor - 1 : 0;
	bool read_changed = a->read[i] != s->was_read[i];
	bool place_changed =
	        a->places[i].moved && a->places[i].anchor != s->was_anchor[i];
	bool progress_changed =
	        a->progress[i] > s->was_progress[i] || a->progress_reset[i];
	if (!read_changed && !place_changed && !progress_changed && !has_marks)
		return false;
	struct article_state *as;
	if (s->entry[i] == SIZE_MAX) {
		/* A new entry, appended: an article never kept before (or a
		 * new file where a moved one was). */
		xgrow(&s->st.v, &s->st.cap, s->st.n + 1, sizeof *s->st.v);
		as = &s->st.v[s->st.n];
		memset(as, 0, sizeof *as);
		as->path = xstrdup(s->keys[i]);
		as->claimed = true;
		s->entry[i] = s->st.n++;
	}
	as = &s->st.v[s->entry[i]];
	if (a->hashes[i])
		state_entry_set(as, &as->hash, a->hashes[i]);
	as->size = a->corpus->v[i].size;
	int64_t at = tick(s, now);
	if (read_changed)
		state_set_read(as, a->read[i], at);
	if (place_changed)
		state_set_anchor(as, anchor, at);
	if (a->progress_reset[i]) {
		state_reset_progress(as, at);
		a->progress_reset[i] = false;
	}
	state_set_progress(as, a->progress[i]);
	for (size_t k = 0; has_marks && k < a->nmarks; k++) {
		struct app_mark *m = &a->marks[k];
		if (m->article != i || m->id)
			continue;
		struct bookmark *b = state_bookmark_add(
		        as, m->offset, *m->note ? m->note : NULL, now / 1000);
		m->id = xstrdup(b->id);
	}
	return true;
}

/* Sets a session string of the state; whether it changed. */
static bool
set_field(char **field, const char *value)
{
	if (*field == value || (*field && value && !strcmp(*field, value)))
		return false;
	state_set_string(field, value);
	return true;
}

/* Takes the session (selection, sort, filter, search, groups off) into
 * the state; whether any of it changed. */
static bool
collect_session(struct session *s, const struct app *a)
{
	bool changed = false;
	changed |= set_field(&s->st.selected,
	                     a->sel < a->corpus->n ? s->keys[a->sel] : NULL);
	changed |= set_field(&s->st.sort, a->sort == SORT_CORPUS
	                                          ? NULL
	                                          : app_sort_name(a->sort));
	changed |= set_field(&s->st.filter, a->filter);
	changed |= set_field(&s->st.search, a->search.query && *a->search.query
	                                            ? a->search.query
	                                            : NULL);
	const char **off = xcalloc(a->ngroups ? a->ngroups : 1, sizeof *off);
	size_t noff = 0;
	for (size_t g = 0; g < a->ngroups; g++)
		if (!a->group_on[g])
			off[noff++] = a->group_names[g];
	bool same = noff == s->st.ngroups_off;
	for (size_t k = 0; same && k < noff; k++)
		same = !strcmp(off[k], s->st.groups_off[k]);
	if (!same) {
		state_set_groups_off(&s->st, off, noff);
		changed = true;
	}
	free(off);
	return changed;
}

bool
session_collect(struct session *s, struct app *a, int64_t now)
{
	if (!s->enabled || s->readonly)
		return false;
	app_remember_place(a);
	bool changed = false;
	/* The articles with bookmarks not yet in the state, found in one
	 * pass: not a pass over every bookmark for every article (10,000
	 * bookmarks on 100,000 articles cost seconds at each save). */
	bool *new_marks =
	        xcalloc(a->corpus->n ? a->corpus->n : 1, sizeof *new_marks);
	for (size_t k = 0; k < a->nmarks; k++)
		if (!a->marks[k].id && a->marks[k].article < a->corpus->n)
			new_marks[a->marks[k].article] = true;
	for (size_t i = 0; i < a->corpus->n; i++)
		changed |= collect_article(s, a, i, now, new_marks[i]);
	free(new_marks);
	/* Bookmarks deleted in this session. */
	for (size_t d = 0; d < a->ndeleted; d++) {
		for (size_t k = 0; k < s->st.n; k++)
			if (state_bookmark_del(&s->st, &s->st.v[k],
			                       a->deleted_marks[d],
			                       now / 1000)) {
				changed = true;
				break;
			}
		free(a->deleted_marks[d]);
	}
	a->ndeleted = 0;
	changed |= collect_session(s, a);
	snapshot(s, a);
	a->state_dirty = false;
	if (changed)
		s->unsaved = true;
	return s->unsaved;
}

int
session_write(struct session *s, int wait_ms, struct diag_list *diags)
{
	if (!s->enabled || s->readonly || !s->unsaved)
		return 0;
	int rc = state_save_wait(&s->st, s->path, wait_ms, diags);
	if (rc == 0)
		session_written(s);
	return rc;
}

void
session_written(struct session *s)
{
	s->unsaved = false;
	s->saved = session_clock_ms() / 1000;
	/* What earlier, failed saves left is in the file now. */
	for (size_t i = 0; i < s->npending; i++) {
		unlink(s->pending[i]);
		free(s->pending[i]);
	}
	free(s->pending);
	s->pending = NULL;
	s->npending = 0;
}

int
session_keep_pending(struct session *s, char **where, struct diag_list *diags)
{
	*where = NULL;
	if (!s->enabled || s->readonly || !s->unsaved)
		return 0;
	return state_write_pending(&s->st, s->path, (long)getpid(), where,
	                           diags);
}

int
session_save(struct session *s, struct app *a, int64_t now,
             struct diag_list *diags)
{
	if (!session_collect(s, a, now))
		return 0;
	return session_write(s, SESSION_QUIT_WAIT_MS, diags);
}
