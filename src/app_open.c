/*
 * app_open.c - the open article, laid out and matched as far as it is
 * shown.
 *
 * Like less, which reads a file only as far as it shows it, opening an
 * article lays out (and finds the keyword hits of) the lines on screen
 * and a little more; the rest is done a slice at a time when the reader
 * is idle (app_background_step), or at once when a key needs the whole
 * (G, 50%, the next hit past what is known).  An article of a few hundred
 * kilobytes is done whole at once, as before.
 */
#include "app.h"

#include <stdint.h>
#include <stdlib.h>

#include "app_int.h"
#include "meta.h"
#include "state.h"

/* Laid out at once when an article opens or the width changes. */
#define OPEN_AHEAD_BYTES (256 * 1024)
/* Laid out and matched per background step: a few milliseconds. */
#define OPEN_SLICE_BYTES (256 * 1024)
/* The background's progress is drawn at most this often. */
#define OPEN_DRAW_MS 250

/* The body's blocks laid out whole so far: hits are found in these. */
static size_t
blocks_laid_out(const struct app *a)
{
	return a->layout.done ? a->doc.n : a->layout.next.block;
}

/* Finds the hits in the blocks laid out since the last call, with the
 * line of each. */
static void
match_ahead(struct app *a)
{
	size_t to = blocks_laid_out(a);
	if (!a->matcher || a->open >= a->corpus->n || a->hits_block >= to)
		return;
	const char *body = a->corpus->v[a->open].body;
	size_t before = a->hits.n;
	/* The words of the blocks in one scan, not one per block. */
	bool limited =
	        !matcher_find_blocks(a->matcher, body, a->doc.v + a->hits_block,
	                             to - a->hits_block, a->group_on, &a->hits);
	a->hits_block = to;
	xgrow(&a->hit_lines, &a->hit_lines_cap, a->hits.n ? a->hits.n : 1,
	      sizeof *a->hit_lines);
	for (size_t i = before; i < a->hits.n; i++) {
		a->group_counts[a->hits.v[i].group]++;
		a->hit_lines[i] =
		        layout_find_anchor(&a->layout, a->hits.v[i].start + 1);
	}
	/* A runaway pattern is never a silent count. */
	if (limited && !a->hits_limited)
		app_message(a, true,
		            "keyword pattern too costly here: hits cut short");
	a->hits_limited |= limited;
}

void
app_find_hits(struct app *a)
{
	a->hits.n = 0;
	a->hits_block = 0;
	a->hit_cur = SIZE_MAX;
	a->hits_limited = false;
	for (size_t g = 0; g < a->ngroups; g++)
		a->group_counts[g] = 0;
	match_ahead(a);
}

bool
app_hits_done(const struct app *a)
{
	return !a->matcher || a->open >= a->corpus->n ||
	       (a->layout.done && a->hits_block >= a->doc.n);
}

/* Laid out and matched to the end (its hash may be left). */
static bool
laid_out(const struct app *a)
{
	return a->layout.done && app_hits_done(a);
}

/* The open article laid out again from the top, its start at once (the
 * rest lazily); the caller puts the view back. */
static void
lay_out_start(struct app *a)
{
	const struct article *art = &a->corpus->v[a->open];
	layout_start(&a->layout, art->title, a->meta, art->body, &a->doc,
	             a->geo.text_w);
	layout_extend(&a->layout, SIZE_MAX, OPEN_AHEAD_BYTES);
}

void
app_relayout(struct app *a)
{
	lay_out_start(a);
	const struct place *pl = &a->places[a->open];
	if (pl->width == a->geo.text_w)
		a->top = pl->top;
	else
		a->top = layout_find_anchor(&a->layout, pl->anchor);
	app_find_hits(a);
	app_settle(a);
	a->open_drawn_at = app_clock_ms(); /* drawn with what moved it */
}

void
app_settle(struct app *a)
{
	if (a->open >= a->corpus->n)
		return;
	/* The screen, and the next: a page down shows it at once. */
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
	size_t want = a->top + 2 * rows;
	layout_extend(&a->layout, want < a->top ? SIZE_MAX : want, SIZE_MAX);
	match_ahead(a);
	if (a->top > app_max_top(a))
		a->top = app_max_top(a);
}

bool
app_open_pending(const struct app *a)
{
	/* Without a reading state no hash is kept: none is made. */
	return a->open < a->corpus->n &&
	       (a->meta_wordless ||
	        !(laid_out(a) && (a->hashes[a->open] || !a->hash_bodies)));
}

/* Counted per step: about a millisecond. */
#define WORDS_SLICE_BYTES (4 * 1024 * 1024)

/*
 * The metadata line has its words now: made again, and the article laid
 * out again from the top (the line may wrap to one line more or less),
 * the reader's line kept.  Early, while little is laid out.
 */
static void
meta_now_with_words(struct app *a)
{
	struct article *art = &a->corpus->v[a->open];
	size_t anchor = layout_anchor(&a->layout, a->top), top = a->top;
	free(a->meta);
	a->meta = meta_line(art);
	a->meta_wordless = false;
	lay_out_start(a);
	a->top = anchor ? layout_find_anchor(&a->layout, anchor) : top;
	if (!a->engaged)
		a->opened_top = a->top; /* the same place, not a move */
	app_find_hits(a);
	app_settle(a);
	a->dirty = true;
}

/* A slice of the words of the open article's long body. */
static void
words_step(struct app *a)
{
	struct article *art = &a->corpus->v[a->open];
	if (!art->words_known) {
		size_t n = art->body_len - a->words_pos;
		if (n > WORDS_SLICE_BYTES)
			n = WORDS_SLICE_BYTES;
		a->words_acc += doc_word_count_at(art->body, a->words_pos, n);
		a->words_pos += n;
		if (a->words_pos < art->body_len)
			return;
		article_set_words(art, a->words_acc);
	}
	meta_now_with_words(a);
}

void
app_meta_finish(struct app *a)
{
	while (a->open < a->corpus->n && a->meta_wordless)
		words_step(a);
}

/* A slice of the open article's hash: hashing runs at about 1 GB/s. */
#define HASH_SLICE_BYTES (1024 * 1024)

static void
hash_step(struct app *a)
{
	const struct article *art = &a->corpus->v[a->open];
	size_t n = art->body_len - a->hash_pos;
	if (n > HASH_SLICE_BYTES)
		n = HASH_SLICE_BYTES;
	a->hash_acc = state_hash_more(a->hash_acc, art->body + a->hash_pos, n);
	a->hash_pos += n;
	if (a->hash_pos >= art->body_len)
		a->hashes[a->open] = state_hash_text(a->hash_acc);
}

void
app_hash_start(struct app *a)
{
	a->hash_acc = STATE_HASH_START;
	a->hash_pos = 0;
	if (a->hash_bodies && !a->hashes[a->open])
		hash_step(a);
}

void
app_open_step(struct app *a)
{
	if (!app_open_pending(a))
		return;
	/* The words first: the layout starts again when they come. */
	if (a->meta_wordless) {
		words_step(a);
		return;
	}
	if (laid_out(a)) {
		hash_step(a);
		return;
	}
	layout_extend(&a->layout, SIZE_MAX, OPEN_SLICE_BYTES);
	match_ahead(a);
	bool done = laid_out(a);
	if (done)
		app_track_reading(a);
	/* The progress (the group counts, the hit map) is drawn a few times
	 * a second, as a meter is, not after every slice, and at the end
	 * (the status line's line count). */
	long long now = app_clock_ms();
	if (done || now - a->open_drawn_at >= OPEN_DRAW_MS) {
		a->dirty = true;
		a->open_drawn_at = now;
	}
}

void
app_progress_drawn(struct app *a)
{
	a->open_drawn_at = a->search_drawn_at = app_clock_ms();
}

void
app_open_finish(struct app *a)
{
	while (app_open_pending(a))
		app_open_step(a);
}

int
app_percent_shown(const struct app *a)
{
	const struct layout *l = &a->layout;
	size_t bottom =
	        a->top + (size_t)(a->geo.body_rows > 0 ? a->geo.body_rows : 0);
	if (l->done) {
		if (bottom > l->n)
			bottom = l->n;
		return l->n ? (int)(bottom * 100 / l->n) : 100;
	}
	/* The number of lines is not known yet: the share of the body's
	 * bytes above the bottom of the screen, as less says "byte N". */
	size_t len = a->corpus->v[a->open].body_len;
	size_t off = bottom < l->n && bottom >= l->first_body
	                     ? layout_line(l, bottom).start
	             : bottom < l->first_body ? 0
	                                      : layout_frontier(l);
	return len ? (int)((double)off * 100 / (double)len) : 100;
}
