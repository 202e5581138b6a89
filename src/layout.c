/* layout.c - an article as screen lines. */
#include "layout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "wrap.h"

struct layout_cache {
	struct {
		size_t k; /* the run held, SIZE_MAX: none */
		size_t n;
		struct line v[LAYOUT_STEP];
	} run[2];
	int older; /* the slot to fill next */
	struct wrap_lines wl;
};

void
layout_init(struct layout *l)
{
	memset(l, 0, sizeof *l);
}

void
layout_fini(struct layout *l)
{
	free(l->head);
	free(l->marks);
	if (l->cache)
		wrap_lines_fini(&l->cache->wl);
	free(l->cache);
	layout_init(l);
}

/* Wraps text[0..len) into the title area, offsets shifted by base. */
static void
push_head(struct layout *l, struct wrap_lines *wl, enum line_kind kind,
          const char *text, size_t len)
{
	wl->n = 0;
	wrap_text(text, len, l->width, wl);
	for (size_t i = 0; i < wl->n; i++) {
		xgrow(&l->head, &l->headcap, l->first_body + 1,
		      sizeof *l->head);
		l->head[l->first_body++] =
		        (struct line){kind, 0, wl->v[i].start, wl->v[i].end};
	}
}

/*
 * Makes up to max body lines from mark *m into out, moving *m past them.
 * Returns how many (fewer than max only at the end of the body).
 */
static size_t
make_lines(const struct layout *l, struct layout_mark *m, struct line *out,
           size_t max, struct wrap_lines *wl)
{
	struct doc *d = l->doc;
	size_t k = 0;
	while (k < max && doc_has(d, m->block)) {
		const struct block *bl = &d->v[m->block];
		if (m->off == LAYOUT_BLANK) {
			out[k++] = (struct line){LINE_BLANK, m->block,
			                         bl->start, bl->start};
			m->off = 0;
			continue;
		}
		enum line_kind kind =
		        bl->kind == BLOCK_HEADING ? LINE_HEADING : LINE_TEXT;
		size_t base = bl->start + m->off, next;
		wl->n = 0;
		size_t got = wrap_text_max(l->body + base, bl->len - m->off,
		                           l->width, max - k, wl, &next);
		for (size_t i = 0; i < got; i++)
			out[k++] = (struct line){kind, m->block,
			                         base + wl->v[i].start,
			                         base + wl->v[i].end};
		if (m->off + next >= bl->len) {
			m->block++;
			m->off = LAYOUT_BLANK;
		} else {
			m->off += next;
		}
	}
	return k;
}

/* Makes the next run of body lines, keeping a mark where it starts; the
 * run stays in the cache (the first one in slot 0: the first screen's). */
static void
make_run(struct layout *l)
{
	struct layout_cache *c = l->cache;
	xgrow(&l->marks, &l->markcap, l->nmarks + 1, sizeof *l->marks);
	l->marks[l->nmarks] = l->next;
	int slot = l->nmarks == 0 ? 0 : 1;
	c->run[slot].k = l->nmarks++;
	c->run[slot].n =
	        make_lines(l, &l->next, c->run[slot].v, LAYOUT_STEP, &c->wl);
	c->older = !slot;
	l->n += c->run[slot].n;
	l->done = !doc_has(l->doc, l->next.block);
}

void
layout_start(struct layout *l, const char *title, const char *meta,
             const char *body, struct doc *doc, int width)
{
	if (!l->cache) {
		l->cache = xcalloc(1, sizeof *l->cache);
		wrap_lines_init(&l->cache->wl);
	}
	struct layout_cache *c = l->cache;
	c->run[0].k = c->run[1].k = SIZE_MAX;
	c->older = 0;
	l->width = width < 1 ? 1 : width;
	l->body = body;
	l->doc = doc;
	l->first_body = 0;
	l->nmarks = 0;
	bool any = doc_has(doc, 0);
	size_t first_start = any ? doc->v[0].start : 0;
	push_head(l, &c->wl, LINE_TITLE, title, strlen(title));
	if (meta && *meta)
		push_head(l, &c->wl, LINE_META, meta, strlen(meta));
	xgrow(&l->head, &l->headcap, l->first_body + 1, sizeof *l->head);
	l->head[l->first_body++] =
	        (struct line){LINE_BLANK, 0, first_start, first_start};
	l->n = l->first_body;
	l->next = (struct layout_mark){0, 0};
	l->done = !any;
}

/* The body offset a mark's line starts at. */
static size_t
mark_offset(const struct layout *l, const struct layout_mark *m)
{
	size_t start = l->doc->v[m->block].start;
	return m->off == LAYOUT_BLANK ? start : start + m->off;
}

size_t
layout_frontier(const struct layout *l)
{
	if (!l->done)
		return mark_offset(l, &l->next);
	if (!l->doc || !l->doc->n)
		return 0;
	const struct block *last = &l->doc->v[l->doc->n - 1];
	return last->start + last->len;
}

bool
layout_extend(struct layout *l, size_t want, size_t max_bytes)
{
	size_t from = layout_frontier(l);
	while (!l->done && l->n < want && layout_frontier(l) - from < max_bytes)
		make_run(l);
	return l->done;
}

void
layout_build(struct layout *l, const char *title, const char *meta,
             const char *body, struct doc *doc, int width)
{
	layout_start(l, title, meta, body, doc, width);
	layout_extend(l, SIZE_MAX, SIZE_MAX);
}

struct line
layout_line(const struct layout *l, size_t i)
{
	if (i < l->first_body)
		return l->head[i];
	size_t j = i - l->first_body, k = j / LAYOUT_STEP;
	struct layout_cache *c = l->cache;
	for (int s = 0; s < 2; s++)
		if (c->run[s].k == k) {
			c->older = !s;
			return c->run[s].v[j % LAYOUT_STEP];
		}
	int s = c->older;
	struct layout_mark m = l->marks[k];
	c->run[s].k = k;
	c->run[s].n = make_lines(l, &m, c->run[s].v, LAYOUT_STEP, &c->wl);
	c->older = !s;
	return c->run[s].v[j % LAYOUT_STEP];
}

/* True when line i exists, made now if it was not made yet. */
static bool
has_line(struct layout *l, size_t i)
{
	while (i >= l->n && !l->done)
		make_run(l);
	return i < l->n;
}

size_t
layout_anchor(struct layout *l, size_t top)
{
	if (top < l->first_body)
		return 0;
	for (size_t i = top; has_line(l, i); i++) {
		struct line ln = layout_line(l, i);
		if (ln.kind == LINE_TEXT || ln.kind == LINE_HEADING)
			return ln.start + 1;
	}
	return 0;
}

size_t
layout_find_anchor(struct layout *l, size_t anchor)
{
	if (anchor == 0)
		return 0;
	anchor--;
	/* Lay out past the place, and at least one run (a place before the
	 * first block is in its first line). */
	while (!l->done && (!l->nmarks || layout_frontier(l) <= anchor))
		make_run(l);
	if (l->first_body >= l->n)
		return 0;
	/* Body lines are in offset order: the run holding the last line
	 * whose start is <= anchor, then that line in the run. */
	size_t lo = 0, hi = l->nmarks;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (mark_offset(l, &l->marks[mid]) <= anchor)
			lo = mid;
		else
			hi = mid;
	}
	size_t i = l->first_body + lo * LAYOUT_STEP;
	size_t end = i + LAYOUT_STEP < l->n ? i + LAYOUT_STEP : l->n;
	while (end - i > 1) { /* line i starts at or before anchor */
		size_t mid = i + (end - i) / 2;
		if (layout_line(l, mid).start <= anchor)
			i = mid;
		else
			end = mid;
	}
	/* A blank line shares its start with the block after it: prefer the
	 * text line. */
	while (has_line(l, i + 1)) {
		struct line ln = layout_line(l, i),
		            next = layout_line(l, i + 1);
		if (ln.kind != LINE_BLANK || next.start != ln.start)
			break;
		i++;
	}
	return i;
}
