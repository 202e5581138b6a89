/*
 * app_yank.c - quoting with the source: v selects lines in the pane (j, k,
 * counts and searches extend the selection, Esc cancels), y copies the
 * paragraphs they touch (the paragraph at the top when nothing is
 * selected) as plain text, then a citation line built from the front
 * matter by the template (cite.h), to the clipboard app_copy_text finds.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "cite.h"

/* The first body line at or after line i (the title area is no place to
 * select from). */
static size_t
body_line(const struct app *a, size_t i)
{
	if (i < a->layout.first_body)
		i = a->layout.first_body;
	if (i >= a->layout.n)
		i = a->layout.n ? a->layout.n - 1 : 0;
	return i;
}

void
app_select_start(struct app *a)
{
	if (a->open >= a->corpus->n || a->layout.first_body >= a->layout.n) {
		app_message(a, false, "nothing to select");
		return;
	}
	a->vsel = true;
	a->vsel_anchor = a->vsel_cur = body_line(a, a->top);
	app_message(a, false,
	            "selecting: j and k extend it, y copies it, Esc cancels");
}

/* Keeps the selection's moving end in view. */
static void
keep_in_view(struct app *a)
{
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
	if (a->vsel_cur < a->top)
		a->top = a->vsel_cur;
	else if (a->vsel_cur >= a->top + rows)
		a->top = a->vsel_cur - rows + 1;
	if (a->top > app_max_top(a))
		a->top = app_max_top(a);
}

void
app_select_move(struct app *a, long delta)
{
	size_t cur = a->vsel_cur;
	if (delta < 0 && (size_t)-delta > cur)
		cur = 0;
	else
		cur = (size_t)((long)cur + delta);
	a->vsel_cur = body_line(a, cur);
	keep_in_view(a);
}

void
app_select_follow(struct app *a)
{
	size_t rows = a->geo.body_rows > 0 ? (size_t)a->geo.body_rows : 1;
	if (a->vsel_cur < a->top)
		a->vsel_cur = body_line(a, a->top);
	else if (a->vsel_cur >= a->top + rows)
		a->vsel_cur = body_line(a, a->top + rows - 1);
}

/* The citation's fields: the front matter's, the file's path. */
static const char *
lookup(void *ctx, const char *name, size_t len)
{
	const struct article *art = ctx;
	const struct frontmatter *fm = &art->fm;
	if (len == 5 && !memcmp(name, "title", 5))
		return art->title;
	if (len == 6 && !memcmp(name, "author", 6))
		return fm->author;
	if (len == 4 && !memcmp(name, "date", 4))
		return fm->date;
	if (len == 6 && !memcmp(name, "source", 6))
		return fm->source;
	if (len == 4 && !memcmp(name, "path", 4))
		return art->path;
	for (size_t i = 0; i < fm->nextra; i++)
		if (strlen(fm->extra[i].key) == len &&
		    !memcmp(fm->extra[i].key, name, len))
			return fm->extra[i].value;
	return NULL;
}

/* The selected paragraphs (else the top one), then the citation when
 * cite is set. */
static char *
selected(struct app *a, size_t *nblocks, bool cite)
{
	const struct article *art = &a->corpus->v[a->open];
	size_t from, to;
	if (a->vsel) {
		size_t lo = a->vsel_anchor < a->vsel_cur ? a->vsel_anchor
		                                         : a->vsel_cur;
		size_t hi = a->vsel_anchor < a->vsel_cur ? a->vsel_cur
		                                         : a->vsel_anchor;
		from = layout_line(&a->layout, lo).block;
		to = layout_line(&a->layout, hi).block;
	} else {
		from = to = layout_line(&a->layout, body_line(a, a->top)).block;
	}
	struct strbuf sb;
	sb_init(&sb);
	*nblocks = 0;
	for (size_t b = from; b <= to && b < a->doc.n; b++) {
		const struct block *bl = &a->doc.v[b];
		if (sb.len)
			sb_addstr(&sb, "\n\n");
		/* A heading with its "#"s, as the source has it. */
		size_t start = bl->start;
		if (bl->kind == BLOCK_HEADING)
			while (start > 0 && art->body[start - 1] != '\n')
				start--;
		sb_add(&sb, art->body + start, bl->start + bl->len - start);
		++*nblocks;
	}
	if (cite) {
		sb_addstr(&sb, "\n\n");
		app_cite(a, a->open, &sb);
	}
	sb_addch(&sb, '\n');
	return sb_detach(&sb);
}

char *
app_yank_text(struct app *a, size_t *nblocks)
{
	return selected(a, nblocks, true);
}

char *
app_selected_text(struct app *a, size_t *nblocks)
{
	return selected(a, nblocks, false);
}

void
app_cite(const struct app *a, size_t article, struct strbuf *out)
{
	cite_format(a->cite_template ? a->cite_template : cite_default_template,
	            lookup, (void *)&a->corpus->v[article], out);
}

void
app_yank(struct app *a)
{
	if (a->open >= a->corpus->n || !a->doc.n) {
		app_message(a, false, "nothing to yank");
		return;
	}
	size_t n;
	char *text = app_yank_text(a, &n);
	char *what = xasprintf("%zu paragraph%s with the citation", n,
	                       n == 1 ? "" : "s");
	a->vsel = false;
	app_copy_text(a, text, what);
	free(what);
	free(text);
}

void
app_set_yank(struct app *a, const char *citation, int to)
{
	free(a->cite_template);
	a->cite_template = citation ? xstrdup(citation) : NULL;
	a->clip_target = (enum clip_target)to;
}
