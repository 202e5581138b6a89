/*
 * app_export.c - the open article as text a reader can take away: laid
 * out as the pane shows it, without colours (--print, and s to save it to
 * a file, never replacing one).
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "app.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_int.h"
#include "glyph.h"
#include "render.h"
#include "run.h"

/* How many '#' start the heading whose text is at body[at] (at is in
 * its first line). */
static int
heading_level(const char *body, size_t at)
{
	size_t i = at;
	while (i > 0 && body[i - 1] != '\n')
		i--;
	int level = 0;
	while (body[i + (size_t)level] == '#' && level < 6)
		level++;
	return level ? level : 1;
}

int
app_export(struct app *a, int width, export_put put, void *ctx)
{
	const struct article *art = &a->corpus->v[a->open];
	app_meta_finish(a); /* its words in the metadata line */
	/* The pane's own layout when it has that width: no second pass. */
	struct layout own, *l = &a->layout;
	layout_init(&own);
	if (a->layout.width == width && a->layout.n) {
		app_open_finish(a); /* laid out to its end */
	} else {
		layout_build(&own, art->title, a->meta, art->body, &a->doc,
		             width);
		l = &own;
	}
	/* Each line drawn on a one-row frame, as the pane draws it, so
	 * what is written is what was seen (control characters as their
	 * placeholders, tabs expanded). */
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, width + 1);
	struct strbuf out;
	sb_init(&out);
	int rc = 0, heading_w = 0;
	for (size_t i = 0; i < l->n && !rc; i++) {
		struct line ln = layout_line(l, i);
		const char *src = art->body;
		if (ln.kind == LINE_TITLE)
			src = art->title;
		else if (ln.kind == LINE_META)
			src = a->meta;
		frame_fill(&f, 0, 0, f.cols, ROLE_TEXT);
		frame_put_text(&f, 0, 0, f.cols, src + ln.start,
		               ln.end - ln.start, ROLE_TEXT, 0);
		frame_to_text(&f, &out);
		/* A heading is underlined, = for the top level and - below
		 * (setext), as wide as its widest line: plain text has no
		 * bold, and the lines stay within the width. */
		if (ln.kind == LINE_HEADING) {
			int w = glyph_text_width(src + ln.start,
			                         ln.end - ln.start);
			if (w > heading_w)
				heading_w = w;
			struct line next = i + 1 < l->n ? layout_line(l, i + 1)
			                                : (struct line){0};
			if (i + 1 >= l->n || next.kind != LINE_HEADING ||
			    next.block != ln.block) {
				char u = heading_level(art->body, ln.start) == 1
				                 ? '='
				                 : '-';
				for (int k = 0; k < heading_w && k < width; k++)
					sb_addch(&out, u);
				sb_addch(&out, '\n');
				heading_w = 0;
			}
		}
		if (out.len >= 65536 || i + 1 == l->n) {
			rc = put(ctx, out.buf, out.len);
			out.len = 0;
		}
	}
	sb_fini(&out);
	frame_fini(&f);
	layout_fini(&own);
	return rc;
}

static int
put_sb(void *ctx, const char *text, size_t len)
{
	sb_add(ctx, text, len);
	return 0;
}

void
app_export_shown(struct app *a, struct strbuf *out)
{
	if (a->vsel) { /* | while selecting: the selection */
		size_t n;
		char *text = app_selected_text(a, &n);
		sb_addstr(out, text);
		free(text);
		a->vsel = false;
		return;
	}
	app_export(a, a->geo.text_w, put_sb, out);
}

void
app_pipe_done(struct app *a, int status)
{
	char how[64];
	if (status < 0)
		snprintf(how, sizeof how, "not run: %s", strerror(errno));
	else
		run_status_text(status, how, sizeof how);
	struct strbuf shown;
	sb_init(&shown);
	glyph_escape(a->pipe_cmd, strlen(a->pipe_cmd), &shown);
	app_message(a, status != 0, "| %s: %s", shown.buf, how);
	sb_fini(&shown);
	free(a->pipe_cmd);
	a->pipe_cmd = NULL;
	a->repaint_all = true;
	a->dirty = true;
}

char *
app_export_name(const char *title)
{
	struct strbuf sb;
	sb_init(&sb);
	bool dash = false;
	for (const char *p = title; *p && sb.len < 60; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && sb.len)
				sb_addch(&sb, '-');
			sb_addch(&sb, c);
			dash = false;
		} else {
			dash = true;
		}
	}
	if (!sb.len)
		sb_addstr(&sb, "article");
	sb_addstr(&sb, ".txt");
	return sb_detach(&sb);
}

static int
put_fd(void *ctx, const char *text, size_t len)
{
	return write_all(*(int *)ctx, text, len);
}

/* Writes the article to path as a new file: never replaces one (O_EXCL),
 * never follows a link there.  0, or -1 with errno. */
static int
write_new(struct app *a, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0666);
	if (fd < 0)
		return -1;
	int rc;
	if (a->saving_notes) {
		struct strbuf sb;
		sb_init(&sb);
		app_notes_digest(a, false, &sb);
		rc = put_fd(&fd, sb.buf, sb.len);
		sb_fini(&sb);
	} else {
		rc = app_export(a, a->geo.text_w, put_fd, &fd);
	}
	if (rc != 0) {
		int e = errno;
		close(fd);
		unlink(path); /* no half a file left behind */
		errno = e;
		return -1;
	}
	if (close(fd) != 0) {
		int e = errno;
		unlink(path);
		errno = e;
		return -1;
	}
	return 0;
}

void
app_save_to(struct app *a, const char *path)
{
	const struct article *art = &a->corpus->v[a->open];
	char *name = a->saving_notes ? xstrdup("notes.md")
	                             : app_export_name(art->title);
	char *full;
	struct stat st;
	if (!*path)
		full = xstrdup(name);
	else if (path[0] == '~' && path[1] == '/' && getenv("HOME"))
		full = xasprintf("%s/%s", getenv("HOME"), path + 2);
	else
		full = xstrdup(path);
	/* A folder: the file goes in it, named after the title. */
	if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
		char *in = xasprintf("%s%s%s", full,
		                     full[strlen(full) - 1] == '/' ? "" : "/",
		                     name);
		free(full);
		full = in;
	}
	struct strbuf shown;
	sb_init(&shown);
	glyph_escape(full, strlen(full), &shown);
	if (write_new(a, full) == 0)
		app_message(a, false, "%s to %s",
		            a->saving_notes ? "notes saved" : "saved",
		            shown.buf);
	else if (errno == EEXIST)
		app_message(a, true,
		            "%s exists: not replaced (give another "
		            "name)",
		            shown.buf);
	else
		app_message(a, true, "%s: %s (not saved)", shown.buf,
		            strerror(errno));
	sb_fini(&shown);
	free(full);
	free(name);
	a->saving_notes = false;
}

void
app_notes_prompt(struct app *a)
{
	if (!a->nmarks) {
		app_message(a, false, "no bookmarks yet: B adds one");
		return;
	}
	app_prompt_open(a, a->search.backward);
	a->prompt_kind = PROMPT_SAVE;
	a->saving_notes = true;
	sb_addstr(&a->prompt.text, "notes.md");
	a->prompt.cursor = a->prompt.text.len;
}

void
app_save_prompt(struct app *a)
{
	app_prompt_open(a, a->search.backward);
	a->prompt_kind = PROMPT_SAVE;
	char *name = app_export_name(a->corpus->v[a->open].title);
	sb_addstr(&a->prompt.text, name);
	a->prompt.cursor = a->prompt.text.len;
	free(name);
}
