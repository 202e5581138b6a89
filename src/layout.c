/* layout.c - an article as screen lines. */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "wrap.h"

void
layout_init(struct layout *l)
{
	memset(l, 0, sizeof *l);
}

void
layout_fini(struct layout *l)
{
	free(l->v);
	layout_init(l);
}

static void
push(struct layout *l, enum line_kind kind, size_t block, size_t start,
     size_t end)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].kind = kind;
	l->v[l->n].block = block;
	l->v[l->n].start = start;
	l->v[l->n].end = end;
	l->n++;
}

/* Wraps text[0..len) and pushes its lines, offsets shifted by base. */
static void
push_wrapped(struct layout *l, struct wrap_lines *wl, enum line_kind kind,
             size_t block, const char *text, size_t len, size_t base)
{
	wl->n = 0;
	wrap_text(text, len, l->width, wl);
	for (size_t i = 0; i < wl->n; i++)
		push(l, kind, block, base + wl->v[i].start,
		     base + wl->v[i].end);
}

void
layout_build(struct layout *l, const char *title, const char *meta,
             const char *body, const struct doc *doc, int width)
{
	struct wrap_lines wl;
	wrap_lines_init(&wl);
	l->n = 0;
	l->width = width < 1 ? 1 : width;
	size_t first_start = doc->n ? doc->v[0].start : 0;
	push_wrapped(l, &wl, LINE_TITLE, 0, title, strlen(title), 0);
	if (meta && *meta)
		push_wrapped(l, &wl, LINE_META, 0, meta, strlen(meta), 0);
	push(l, LINE_BLANK, 0, first_start, first_start);
	l->first_body = l->n;
	for (size_t b = 0; b < doc->n; b++) {
		const struct block *bl = &doc->v[b];
		if (b > 0)
			push(l, LINE_BLANK, b, bl->start, bl->start);
		push_wrapped(l, &wl,
		             bl->kind == BLOCK_HEADING ? LINE_HEADING
		                                       : LINE_TEXT,
		             b, body + bl->start, bl->len, bl->start);
	}
	wrap_lines_fini(&wl);
}

size_t
layout_anchor(const struct layout *l, size_t top)
{
	if (top < l->first_body)
		return 0;
	for (size_t i = top; i < l->n; i++)
		if (l->v[i].kind == LINE_TEXT || l->v[i].kind == LINE_HEADING)
			return l->v[i].start + 1;
	return 0;
}

size_t
layout_find_anchor(const struct layout *l, size_t anchor)
{
	if (anchor == 0 || l->first_body >= l->n)
		return 0;
	anchor--;
	/* Body lines are in offset order: binary search the last line
	 * whose start is <= anchor. */
	size_t lo = l->first_body, hi = l->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->v[mid].start <= anchor)
			lo = mid;
		else
			hi = mid;
	}
	/* A blank line shares its start with the block after it: prefer the
	 * text line. */
	while (lo + 1 < l->n && l->v[lo].kind == LINE_BLANK &&
	       l->v[lo + 1].start == l->v[lo].start)
		lo++;
	return lo;
}
