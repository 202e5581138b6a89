/*
 * app_notes.c - the reader's bookmarks and notes as a digest to hand on
 * (--export-notes): for each article with bookmarks, in corpus order, its
 * title and citation, then each bookmark's note and the paragraph it
 * marks, quoted.  Markdown to paste into a report, or YAML for tools.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_int.h"

/* The paragraph (block) of body holding offset off: its [start, end). */
static void
paragraph_at(const char *body, size_t len, size_t off, size_t *start,
             size_t *end)
{
	if (off > len)
		off = len;
	size_t s = off, e = off;
	while (s > 0 && !(body[s - 1] == '\n' && s >= 2 && body[s - 2] == '\n'))
		s--;
	while (e < len &&
	       !(body[e] == '\n' && e + 1 < len && body[e + 1] == '\n'))
		e++;
	while (s < e && (body[s] == '\n' || body[s] == ' '))
		s++;
	while (e > s && (body[e - 1] == '\n' || body[e - 1] == ' ' ||
	                 body[e - 1] == '\r'))
		e--;
	*start = s;
	*end = e;
}

/* text[0..len) as a YAML double-quoted scalar. */
static void
yaml_str(struct strbuf *out, const char *text, size_t len)
{
	sb_addch(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '"' || c == '\\') {
			sb_addch(out, '\\');
			sb_addch(out, (char)c);
		} else if (c == '\n') {
			sb_addstr(out, "\\n");
		} else if (c < 0x20 || c == 0x7f) {
			sb_addf(out, "\\x%02x", c);
		} else {
			sb_addch(out, (char)c);
		}
	}
	sb_addch(out, '"');
}

/* "> " before each line of text[0..len), for Markdown. */
static void
md_quote(struct strbuf *out, const char *text, size_t len)
{
	sb_addstr(out, "> ");
	for (size_t i = 0; i < len; i++) {
		sb_addch(out, text[i]);
		if (text[i] == '\n')
			sb_addstr(out, "> ");
	}
	sb_addch(out, '\n');
}

static void
date_of(long long t, char *buf, size_t size)
{
	buf[0] = '\0';
	if (t <= 0)
		return;
	time_t tt = (time_t)t;
	struct tm tm;
	if (localtime_r(&tt, &tm))
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

/* One article's bookmarks (marks[k] for k in idx[0..n)). */
static void
digest_article(struct app *a, size_t art_i, const size_t *idx, size_t n,
               bool yaml, struct strbuf *out)
{
	struct article *art = &a->corpus->v[art_i];
	bool loaded = art->body_loaded;
	if (!loaded) {
		struct diag_list dl;
		diag_list_init(&dl);
		corpus_load_body(a->corpus, art_i, &dl);
		diag_list_fini(&dl); /* a file gone: empty passages */
	}
	struct strbuf cite;
	sb_init(&cite);
	app_cite(a, art_i, &cite);
	if (yaml) {
		sb_addstr(out, "- title: ");
		yaml_str(out, art->title, strlen(art->title));
		sb_addstr(out, "\n  path: ");
		yaml_str(out, art->path, strlen(art->path));
		sb_addstr(out, "\n  citation: ");
		yaml_str(out, cite.buf, cite.len);
		sb_addstr(out, "\n  bookmarks:\n");
	} else {
		sb_addf(out, "## %s\n\n", art->title);
	}
	for (size_t j = 0; j < n; j++) {
		const struct app_mark *m = &a->marks[idx[j]];
		size_t s, e;
		paragraph_at(art->body, art->body_len, m->offset, &s, &e);
		char when[32];
		date_of(m->created, when, sizeof when);
		if (yaml) {
			sb_addstr(out, "    - note: ");
			yaml_str(out, m->note, strlen(m->note));
			sb_addf(out, "\n      offset: %zu", m->offset);
			if (*when) {
				sb_addstr(out, "\n      created: ");
				yaml_str(out, when, strlen(when));
			}
			sb_addstr(out, "\n      passage: ");
			yaml_str(out, art->body + s, e - s);
			sb_addch(out, '\n');
			continue;
		}
		if (*m->note)
			sb_addf(out, "**%s**%s%s\n\n", m->note,
			        *when ? " · " : "", when);
		else if (*when)
			sb_addf(out, "*%s*\n\n", when);
		md_quote(out, art->body + s, e - s);
		sb_addch(out, '\n');
	}
	if (!yaml) {
		sb_add(out, cite.buf, cite.len);
		sb_addstr(out, "\n\n");
	}
	sb_fini(&cite);
	if (!loaded && (size_t)art_i != a->open)
		corpus_unload_body(a->corpus, art_i);
}

struct order {
	size_t article, offset, k;
};

static int
by_place(const void *x, const void *y)
{
	const struct order *a = x, *b = y;
	if (a->article != b->article)
		return a->article < b->article ? -1 : 1;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

void
app_notes_digest(struct app *a, bool yaml, struct strbuf *out)
{
	/* The bookmarks by article in corpus order, then by place. */
	struct order *o = xcalloc(a->nmarks ? a->nmarks : 1, sizeof *o);
	size_t n = 0, narts = 0;
	for (size_t k = 0; k < a->nmarks; k++)
		if (a->marks[k].article < a->corpus->n)
			o[n++] = (struct order){a->marks[k].article,
			                        a->marks[k].offset, k};
	qsort(o, n, sizeof *o, by_place);
	for (size_t i = 0; i < n; i++)
		narts += i == 0 || o[i].article != o[i - 1].article;
	if (yaml)
		sb_addf(out,
		        "# lectern notes: %zu bookmark%s in %zu article%s\n", n,
		        n == 1 ? "" : "s", narts, narts == 1 ? "" : "s");
	else
		sb_addf(out, "# Notes\n\n%zu bookmark%s in %zu article%s.\n\n",
		        n, n == 1 ? "" : "s", narts, narts == 1 ? "" : "s");
	size_t *idx = xcalloc(n ? n : 1, sizeof *idx);
	for (size_t i = 0; i < n;) {
		size_t j = i, m = 0;
		while (j < n && o[j].article == o[i].article)
			idx[m++] = o[j++].k;
		digest_article(a, o[i].article, idx, m, yaml, out);
		i = j;
	}
	free(idx);
	free(o);
}
