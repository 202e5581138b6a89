/*
 * state_merge.c - merging two reading states (the rule is in state.h).
 *
 * The merge is the one place that normalises: one entry per path, no
 * duplicate or deleted bookmarks, the caps.  Loading merges the raw state
 * parsed from the file into an empty one, so what state_load gives is
 * exactly what a save of it writes, and a file written always loads.
 * The orders defined here are also the ones state_format writes in.
 */
#include "state_int.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- orders */

int
state_cmp_article_p(const void *pa, const void *pb)
{
	const struct article_state *a =
	        *(const struct article_state *const *)pa;
	const struct article_state *b =
	        *(const struct article_state *const *)pb;
	int c = strcmp(a->path, b->path);
	return c ? c : state_cmp_str(a->hash, b->hash);
}

int
state_cmp_mark(const struct bookmark *a, const struct bookmark *b)
{
	int c;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	if ((c = state_cmp_str(a->note, b->note)))
		return c;
	return strcmp(a->id, b->id);
}

int
state_cmp_mark_p(const void *pa, const void *pb)
{
	return state_cmp_mark(*(const struct bookmark *const *)pa,
	                      *(const struct bookmark *const *)pb);
}

int
state_cmp_dead(const void *pa, const void *pb)
{
	const struct tombstone *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);
	return c ? c : state_cmp_i64(b->at, a->at); /* newest first */
}

/* ------------------------------------------------------------ merging */

/* Full order, so that folding duplicates is deterministic. */
static int
cmp_article(const void *pa, const void *pb)
{
	const struct article_state *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);
	if (!c)
		c = state_cmp_i64(state_article_changed(a),
		                  state_article_changed(b));
	if (!c)
		c = state_cmp_str(a->hash, b->hash);
	if (!c)
		c = (a->read > b->read) - (a->read < b->read);
	if (!c)
		c = (a->anchor > b->anchor) - (a->anchor < b->anchor);
	if (!c)
		c = (a->progress > b->progress) - (a->progress < b->progress);
	return c;
}

static void
copy_mark(struct bookmark *to, const struct bookmark *from)
{
	to->id = xstrdup(from->id);
	to->offset = from->offset;
	to->note = state_dup_or_null(from->note);
	to->created = from->created;
}

/* Folds w into r field by field (state.h): the later read mark and
 * place (w's on a tie), the furthest progress since the later reset, the
 * bookmarks of both, w's size when it knows one, and when hash is set,
 * w's hash when it has one.  Not the path. */
static void
fold_article(struct article_state *r, const struct article_state *w, bool hash)
{
	if (w->read_at >= r->read_at) {
		r->read = w->read;
		r->read_at = w->read_at;
	}
	if (w->anchor_at >= r->anchor_at) {
		r->anchor = w->anchor;
		r->anchor_at = w->anchor_at;
	}
	if (w->progress_reset > r->progress_reset) {
		r->progress = w->progress;
		r->progress_reset = w->progress_reset;
	} else if (w->progress_reset == r->progress_reset &&
	           w->progress > r->progress) {
		r->progress = w->progress;
	}
	if (w->size)
		r->size = w->size;
	if (hash && w->hash && r->hash != w->hash) {
		state_entry_set(r, &r->hash, w->hash);
	}
	xgrow(&r->marks, &r->capmarks, r->nmarks + w->nmarks, sizeof *r->marks);
	for (size_t i = 0; i < w->nmarks; i++)
		copy_mark(&r->marks[r->nmarks++], &w->marks[i]);
}

/* Sorts s->v by cmp_article, unless it is already: a file comes sorted,
 * and qsort would copy every entry a dozen times to find that out. */
static void
sort_articles(struct state *s)
{
	for (size_t i = 1; i < s->n; i++)
		if (cmp_article(&s->v[i - 1], &s->v[i]) > 0) {
			qsort(s->v, s->n, sizeof *s->v, cmp_article);
			return;
		}
}

/* Sorts s->v by path and folds entries with the same path into one. */
static void
dedupe_paths(struct state *s)
{
	size_t o = 0;
	sort_articles(s);
	for (size_t i = 0; i < s->n; i++) {
		if (o && !strcmp(s->v[o - 1].path, s->v[i].path)) {
			fold_article(&s->v[o - 1], &s->v[i], true);
			s->v[o - 1].claimed |= s->v[i].claimed;
			state_article_fini(&s->v[i]);
		} else {
			s->v[o++] = s->v[i];
		}
	}
	s->n = o;
}

static int
cmp_id_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tombstone *)elem)->id);
}

static int
cmp_mark_id(const void *pa, const void *pb)
{
	const struct bookmark *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);
	return c ? c : state_cmp_mark(a, b);
}

static int
cmp_mark_any(const void *pa, const void *pb)
{
	return state_cmp_mark(pa, pb);
}

static int
cmp_mark_newest(const void *pa, const void *pb)
{
	const struct bookmark *a = pa, *b = pb;
	int c = state_cmp_i64(b->created, a->created);
	return c ? c : strcmp(a->id, b->id);
}

/* Keeps the marks for which keep() says so, in order. */
static void
sift_marks(struct article_state *a, const struct state *s,
           bool (*keep)(const struct bookmark *, const struct bookmark *,
                        const struct state *))
{
	size_t o = 0;
	for (size_t i = 0; i < a->nmarks; i++) {
		if (keep(&a->marks[i], o ? &a->marks[o - 1] : NULL, s))
			a->marks[o++] = a->marks[i];
		else
			state_bookmark_fini(&a->marks[i]);
	}
	a->nmarks = o;
}

static bool
keep_live_id(const struct bookmark *b, const struct bookmark *prev,
             const struct state *s)
{
	if (prev && !strcmp(prev->id, b->id))
		return false;
	return !s->ndead ||
	       !bsearch(b->id, s->dead, s->ndead, sizeof *s->dead, cmp_id_key);
}

static bool
keep_new_place(const struct bookmark *b, const struct bookmark *prev,
               const struct state *s)
{
	(void)s;
	return !prev || prev->offset != b->offset ||
	       state_cmp_str(prev->note, b->note) != 0;
}

/* One bookmark per id and per (offset, note), none deleted, the newest
 * STATE_MAX_BOOKMARKS; sorted by offset.  s->dead is sorted by id.
 * Returns how many the cap dropped. */
static size_t
normalise_marks(struct article_state *a, const struct state *s)
{
	size_t dropped = 0;
	if (!a->nmarks)
		return 0;
	qsort(a->marks, a->nmarks, sizeof *a->marks, cmp_mark_id);
	sift_marks(a, s, keep_live_id);
	qsort(a->marks, a->nmarks, sizeof *a->marks, cmp_mark_any);
	sift_marks(a, s, keep_new_place);
	if (a->nmarks > STATE_MAX_BOOKMARKS) {
		dropped = a->nmarks - STATE_MAX_BOOKMARKS;
		qsort(a->marks, a->nmarks, sizeof *a->marks, cmp_mark_newest);
		for (size_t i = STATE_MAX_BOOKMARKS; i < a->nmarks; i++)
			state_bookmark_fini(&a->marks[i]);
		a->nmarks = STATE_MAX_BOOKMARKS;
		qsort(a->marks, a->nmarks, sizeof *a->marks, cmp_mark_any);
	}
	return dropped;
}

static int
cmp_dead_newest(const void *pa, const void *pb)
{
	const struct tombstone *a = pa, *b = pb;
	int c = state_cmp_i64(b->at, a->at);
	return c ? c : strcmp(a->id, b->id);
}

/* Adds other's tombstones to s's, one per id (the latest), by id. */
static void
union_dead(struct state *s, const struct state *other)
{
	size_t o = 0;
	xgrow(&s->dead, &s->capdead, s->ndead + other->ndead, sizeof *s->dead);
	for (size_t i = 0; i < other->ndead; i++) {
		s->dead[s->ndead].id = xstrdup(other->dead[i].id);
		s->dead[s->ndead++].at = other->dead[i].at;
	}
	if (s->ndead)
		qsort(s->dead, s->ndead, sizeof *s->dead, state_cmp_dead);
	for (size_t i = 0; i < s->ndead; i++) {
		if (o && !strcmp(s->dead[o - 1].id, s->dead[i].id))
			free(s->dead[i].id);
		else
			s->dead[o++] = s->dead[i];
	}
	s->ndead = o;
}

/*
 * Forgets tombstones older than STATE_TOMBSTONE_DAYS before the newest
 * time in s (not the clock: the result only depends on the state), and
 * all but the newest STATE_MAX_TOMBSTONES.
 */
static void
prune_dead(struct state *s)
{
	int64_t newest = INT64_MIN, horizon;
	const int64_t keep = (int64_t)STATE_TOMBSTONE_DAYS * 86400;
	size_t o = 0;

	for (size_t i = 0; i < s->ndead; i++)
		newest = s->dead[i].at > newest ? s->dead[i].at : newest;
	for (size_t i = 0; i < s->n; i++) {
		const struct article_state *a = &s->v[i];
		int64_t changed = state_article_changed(a) / 1000; /* s */
		newest = changed > newest ? changed : newest;
		for (size_t j = 0; j < a->nmarks; j++)
			if (a->marks[j].created > newest)
				newest = a->marks[j].created;
	}
	horizon = newest < INT64_MIN + keep ? INT64_MIN : newest - keep;
	for (size_t i = 0; i < s->ndead; i++) {
		if (s->dead[i].at < horizon)
			free(s->dead[i].id);
		else
			s->dead[o++] = s->dead[i];
	}
	s->ndead = o;
	if (s->ndead > STATE_MAX_TOMBSTONES) {
		s->trimmed += s->ndead - STATE_MAX_TOMBSTONES;
		qsort(s->dead, s->ndead, sizeof *s->dead, cmp_dead_newest);
		for (size_t i = STATE_MAX_TOMBSTONES; i < s->ndead; i++)
			free(s->dead[i].id);
		s->ndead = STATE_MAX_TOMBSTONES;
		qsort(s->dead, s->ndead, sizeof *s->dead, state_cmp_dead);
	}
}

static int
cmp_article_newest(const void *pa, const void *pb)
{
	const struct article_state *a = pa, *b = pb;
	int c = state_cmp_i64(state_article_changed(b),
	                      state_article_changed(a));
	return c ? c : strcmp(a->path, b->path);
}

static int
cmp_path_key(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct article_state *const *)elem)->path);
}

/* Index in s->v[0..n) (sorted by path, unique) of path, or n. */
static size_t
find_sorted(const struct state *s, size_t n, const char *path)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, s->v[mid].path);
		if (!c)
			return mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return n;
}

/* An entry's hash and index, to find entries by hash in O(log n). */
struct hash_ix {
	const char *hash;
	size_t ix;
};

static int
cmp_hash_ix(const void *pa, const void *pb)
{
	const struct hash_ix *a = pa, *b = pb;
	int c = strcmp(a->hash, b->hash);
	return c ? c : (a->ix > b->ix) - (a->ix < b->ix);
}

/* The first of h[0..n) with that hash, or n. */
static size_t
hash_lower(const struct hash_ix *h, size_t n, const char *hash)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(h[mid].hash, hash) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* What the merge keeps about into's entries [0..nin) while it runs. */
struct merge_ctx {
	struct hash_ix *byhash; /* into's entries that have a hash */
	size_t nhash;
	bool *matched;
	/* The writer's path and hash for a matched entry, set once the
	 * indexes are no longer needed (they point to into's strings). */
	const char **newpath;
	const char **newhash;
	const struct article_state **w; /* other's entries by path */
	size_t nw;
};

static bool
writer_has(const struct merge_ctx *m, const char *path)
{
	return m->nw && bsearch(path, m->w, m->nw, sizeof *m->w, cmp_path_key);
}

/* A new entry in into for writer entry a; returns its index. */
static size_t
new_entry(struct state *into, const struct article_state *a)
{
	xgrow(&into->v, &into->cap, into->n + 1, sizeof *into->v);
	struct article_state *r = &into->v[into->n];
	memset(r, 0, sizeof *r);
	r->path = xstrdup(a->path);
	r->read_at = r->anchor_at = r->progress_reset = INT64_MIN;
	return into->n++;
}

/*
 * Where each writer entry goes in into (sorted by path, one per path),
 * in three rounds so that a stronger match is never taken by a weaker
 * one: the same path and text (or a text not known on one side); then
 * the same text at another path, whose file moved; then the same path,
 * an edit in place.  So when a file moved and a new one took its name,
 * the moved entry keeps the marks and the new file starts fresh.  What
 * matches nothing is a new entry.
 */
static void
merge_targets(struct state *into, size_t nin, struct merge_ctx *m,
              size_t *target)
{
	for (size_t k = 0; k < m->nw; k++) {
		const struct article_state *a = m->w[k];
		size_t i = find_sorted(into, nin, a->path);
		target[k] = SIZE_MAX;
		if (i < nin && !m->matched[i] &&
		    (!a->hash || !into->v[i].hash ||
		     state_same_hash(into->v[i].hash, a->hash))) {
			target[k] = i;
			m->matched[i] = true;
		}
	}
	for (size_t k = 0; k < m->nw; k++) {
		const struct article_state *a = m->w[k];
		if (target[k] != SIZE_MAX || !a->hash)
			continue;
		for (size_t h = hash_lower(m->byhash, m->nhash, a->hash);
		     h < m->nhash && !strcmp(m->byhash[h].hash, a->hash); h++) {
			size_t j = m->byhash[h].ix;
			if (!m->matched[j]) {
				target[k] = j;
				m->matched[j] = true;
				break;
			}
		}
	}
	for (size_t k = 0; k < m->nw; k++) {
		if (target[k] != SIZE_MAX)
			continue;
		size_t i = find_sorted(into, nin, m->w[k]->path);
		if (i < nin && !m->matched[i]) {
			target[k] = i;
			m->matched[i] = true;
		}
	}
}

/* Folds each of other's entries into its match in into (sorted by path,
 * one per path); into's entries the writer replaced by a moved one go. */
static void
merge_articles(struct state *into, const struct state *other)
{
	struct merge_ctx m = {0};
	size_t nin = into->n, o = 0;

	m.byhash = xcalloc(nin ? nin : 1, sizeof *m.byhash);
	for (size_t i = 0; i < nin; i++)
		if (into->v[i].hash)
			m.byhash[m.nhash++] =
			        (struct hash_ix){into->v[i].hash, i};
	if (m.nhash)
		qsort(m.byhash, m.nhash, sizeof *m.byhash, cmp_hash_ix);
	m.matched = xcalloc(nin ? nin : 1, sizeof *m.matched);
	m.newpath = xcalloc(nin ? nin : 1, sizeof *m.newpath);
	m.newhash = xcalloc(nin ? nin : 1, sizeof *m.newhash);
	m.w = xcalloc(other->n ? other->n : 1, sizeof *m.w);
	for (size_t i = 0; i < other->n; i++)
		m.w[m.nw++] = &other->v[i];
	if (m.nw)
		qsort(m.w, m.nw, sizeof *m.w, state_cmp_article_p);
	size_t *target = xmalloc((m.nw ? m.nw : 1) * sizeof *target);
	merge_targets(into, nin, &m, target);
	for (size_t k = 0; k < m.nw; k++) {
		size_t t = target[k];
		/* The writer's own duplicates (same path) go together. */
		if (t == SIZE_MAX && k &&
		    !strcmp(m.w[k - 1]->path, m.w[k]->path))
			t = target[k] = target[k - 1];
		if (t == SIZE_MAX)
			t = target[k] = new_entry(into, m.w[k]);
		if (t < nin) {
			m.newpath[t] = m.w[k]->path;
			if (m.w[k]->hash)
				m.newhash[t] = m.w[k]->hash;
		}
		fold_article(&into->v[t], m.w[k], t >= nin);
	}
	free(target);
	for (size_t i = 0; i < into->n; i++) {
		struct article_state *r = &into->v[i];
		if (i < nin && !m.matched[i] && writer_has(&m, r->path)) {
			state_article_fini(r);
			continue;
		}
		if (i < nin && m.newpath[i] && strcmp(r->path, m.newpath[i])) {
			state_entry_set(r, &r->path, m.newpath[i]);
		}
		if (i < nin && m.newhash[i] &&
		    state_cmp_str(r->hash, m.newhash[i])) {
			state_entry_set(r, &r->hash, m.newhash[i]);
		}
		into->v[o++] = *r;
	}
	into->n = o;
	free(m.byhash);
	free(m.matched);
	free(m.newpath);
	free(m.newhash);
	free(m.w);
}

/* The part of a merge that only puts one state in order: tombstones
 * sorted and one per id, bookmarks normalised, the caps, articles by
 * path. */
static void
tidy(struct state *s, const struct state *other)
{
	union_dead(s, other);
	s->trimmed = 0;
	for (size_t i = 0; i < s->n; i++)
		s->trimmed += normalise_marks(&s->v[i], s);
	prune_dead(s);
	if (s->n > STATE_MAX_ARTICLES) {
		s->trimmed += s->n - STATE_MAX_ARTICLES;
		qsort(s->v, s->n, sizeof *s->v, cmp_article_newest);
		for (size_t i = STATE_MAX_ARTICLES; i < s->n; i++)
			state_article_fini(&s->v[i]);
		s->n = STATE_MAX_ARTICLES;
	}
	sort_articles(s);
}

void
state_normalise(struct state *s)
{
	struct state none;
	state_init(&none);
	dedupe_paths(s);
	tidy(s, &none);
}

void
state_merge(struct state *into, const struct state *other)
{
	dedupe_paths(into);
	merge_articles(into, other);
	tidy(into, other);
	if (other->root)
		state_set_string(&into->root, other->root);
	state_set_string(&into->selected, other->selected);
	state_set_string(&into->sort, other->sort);
	state_set_string(&into->filter, other->filter);
	state_set_string(&into->search, other->search);
	state_set_groups_off(into, (const char *const *)other->groups_off,
	                     other->ngroups_off);
}
