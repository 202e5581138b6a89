/*
 * state.c - the reading state in memory: making and freeing it, finding
 * an article's entry (the identity rule in state.h), and the changes to
 * an article and its bookmarks.
 *
 * Merging and normalising are in state_merge.c, the file in state_file.c
 * (reading it through state_parse.c); state_int.h is what they share.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* lstat, clock_gettime */
#endif
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "state_int.h"

void
state_bookmark_fini(struct bookmark *b)
{
	free(b->id);
	free(b->note);
}

void
state_entry_set(struct article_state *a, char **field, const char *value)
{
	if (a->pooled) {
		a->path = state_dup_or_null(a->path);
		a->hash = state_dup_or_null(a->hash);
		a->pooled = false;
	}
	state_set_string(field, value);
}

void
state_article_fini(struct article_state *a)
{
	if (!a->pooled) {
		free(a->path);
		free(a->hash);
	}
	for (size_t i = 0; i < a->nmarks; i++)
		state_bookmark_fini(&a->marks[i]);
	free(a->marks);
}

void
state_init(struct state *s)
{
	memset(s, 0, sizeof *s);
}

void
state_fini(struct state *s)
{
	free(s->root);
	for (size_t i = 0; i < s->n; i++)
		state_article_fini(&s->v[i]);
	free(s->v);
	free(s->selected);
	free(s->sort);
	free(s->filter);
	free(s->search);
	for (size_t i = 0; i < s->ngroups_off; i++)
		free(s->groups_off[i]);
	pool_free(&s->pool);
	free(s->groups_off);
	for (size_t i = 0; i < s->ndead; i++)
		free(s->dead[i].id);
	free(s->dead);
	memset(s, 0, sizeof *s);
}

uint64_t
state_hash_more(uint64_t h, const char *p, size_t len)
{
	return fnv1a64_more(h, p, len);
}

uint64_t
state_fnv1a(const char *p, size_t len)
{
	return state_hash_more(STATE_HASH_START, p, len);
}

char *
state_hash_text(uint64_t h)
{
	return xasprintf("%016" PRIx64, h);
}

char *
state_hash(const char *body, size_t len)
{
	return state_hash_text(state_fnv1a(body ? body : "", len));
}

void
state_set_string(char **field, const char *value)
{
	char *v = state_dup_or_null(value);
	free(*field);
	*field = v;
}

void
state_set_groups_off(struct state *s, const char *const *names, size_t n)
{
	char **v = xcalloc(n, sizeof *v);
	if (n > STATE_MAX_GROUPS)
		n = STATE_MAX_GROUPS;
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(names[i]);
	for (size_t i = 0; i < s->ngroups_off; i++)
		free(s->groups_off[i]);
	free(s->groups_off);
	s->groups_off = v;
	s->ngroups_off = n;
}

/* ----------------------------------------------------------- identity */

/* True when the file an entry was made for is gone from the corpus. */
static bool
path_gone(const struct state *s, const char *path)
{
	struct stat st;
	char *full;
	bool gone;

	if (!s->root)
		return true;
	full = xasprintf("%s/%s", s->root, path);
	gone = lstat(full, &st) < 0 && (errno == ENOENT || errno == ENOTDIR);
	free(full);
	return gone;
}

struct article_state *
state_find(struct state *s, const char *path, const char *hash)
{
	size_t by_path = s->n;

	for (size_t i = 0; i < s->n; i++) {
		struct article_state *a = &s->v[i];
		if (strcmp(a->path, path))
			continue;
		if (!hash || !a->hash || !strcmp(a->hash, hash)) {
			if (hash && !a->hash)
				state_entry_set(a, &a->hash, hash);
			a->claimed = true;
			return a;
		}
		by_path = i;
	}
	for (size_t i = 0; hash && i < s->n; i++) {
		struct article_state *a = &s->v[i];
		if (a->claimed || !state_same_hash(a->hash, hash) ||
		    !path_gone(s, a->path))
			continue;
		if (s->selected && !strcmp(s->selected, a->path))
			state_set_string(&s->selected, path);
		state_entry_set(a, &a->path, path);
		a->claimed = true;
		/* The old entry for this path is of a text that is gone. */
		if (by_path < s->n) {
			state_article_fini(&s->v[by_path]);
			memmove(&s->v[by_path], &s->v[by_path + 1],
			        (s->n - by_path - 1) * sizeof *s->v);
			s->n--;
			if (i > by_path)
				i--;
		}
		return &s->v[i];
	}
	if (by_path < s->n) {
		state_entry_set(&s->v[by_path], &s->v[by_path].hash, hash);
		s->v[by_path].claimed = true;
		return &s->v[by_path];
	}
	return NULL;
}

struct article_state *
state_get(struct state *s, const char *path, const char *hash)
{
	struct article_state *a = state_find(s, path, hash);
	if (a)
		return a;
	xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
	a = &s->v[s->n++];
	memset(a, 0, sizeof *a);
	a->path = xstrdup(path);
	a->hash = state_dup_or_null(hash);
	a->claimed = true;
	return a;
}

void
state_set_read(struct article_state *a, bool read, int64_t at)
{
	a->read = read;
	a->read_at = at;
}

void
state_set_anchor(struct article_state *a, size_t anchor, int64_t at)
{
	a->anchor = anchor;
	a->anchor_at = at;
}

void
state_set_progress(struct article_state *a, int pct)
{
	pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
	if (pct > a->progress)
		a->progress = pct;
}

void
state_reset_progress(struct article_state *a, int64_t at)
{
	a->progress = 0;
	a->progress_reset = at;
}

int64_t
state_article_changed(const struct article_state *a)
{
	int64_t t = a->read_at > a->anchor_at ? a->read_at : a->anchor_at;
	return a->progress_reset > t ? a->progress_reset : t;
}

/* 64 random bits: the kernel's, else whatever varies (the id is checked
 * for uniqueness in its article anyway). */
static uint64_t
random_u64(const void *salt)
{
	uint64_t v = 0;
	struct timespec ts;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		ssize_t r = read(fd, &v, sizeof v);
		close(fd);
		if (r == (ssize_t)sizeof v)
			return v;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	v = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	v ^= (uint64_t)getpid() << 40 ^ (uint64_t)(uintptr_t)salt;
	v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9u; /* splitmix64's finish */
	v = (v ^ (v >> 27)) * 0x94d049bb133111ebu;
	return v ^ (v >> 31);
}

static struct bookmark *
mark_by_id(struct article_state *a, const char *id)
{
	for (size_t i = 0; i < a->nmarks; i++)
		if (!strcmp(a->marks[i].id, id))
			return &a->marks[i];
	return NULL;
}

struct bookmark *
state_bookmark_add(struct article_state *a, size_t offset, const char *note,
                   int64_t now)
{
	struct bookmark *b;
	char *n = NULL, *id = NULL;

	if (note) {
		size_t len = strlen(note);
		if (len > STATE_MAX_STRING) {
			len = STATE_MAX_STRING;
			while (len && (note[len] & 0xC0) == 0x80)
				len--;
		}
		n = xstrndup(note, len);
	}
	for (size_t i = 0; i < a->nmarks; i++) {
		if (a->marks[i].offset == offset &&
		    !state_cmp_str(a->marks[i].note, n)) {
			free(n);
			return &a->marks[i];
		}
	}
	do {
		free(id);
		id = xasprintf("%016" PRIx64, random_u64(&n));
	} while (mark_by_id(a, id));
	xgrow(&a->marks, &a->capmarks, a->nmarks + 1, sizeof *a->marks);
	b = &a->marks[a->nmarks++];
	b->id = id;
	b->offset = offset;
	b->note = n;
	b->created = now;
	return b;
}

bool
state_bookmark_del(struct state *s, struct article_state *a, const char *id,
                   int64_t now)
{
	struct bookmark *b = mark_by_id(a, id);
	size_t i;

	if (!b)
		return false;
	xgrow(&s->dead, &s->capdead, s->ndead + 1, sizeof *s->dead);
	s->dead[s->ndead].id = xstrdup(id);
	s->dead[s->ndead++].at = now;
	i = (size_t)(b - a->marks);
	state_bookmark_fini(b);
	memmove(b, b + 1, (a->nmarks - i - 1) * sizeof *b);
	a->nmarks--;
	return true;
}
