/*
 * app_links.c - the link list (o): the web and email addresses of the
 * open article, numbered as newsboat numbers them; Enter opens one with
 * $BROWSER (xdg-open where there is a display), y copies it, and with no
 * way to open it, Enter copies it too.  What runs a command or writes to
 * the terminal is left to the main loop (app->run): the app stays plain C.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "clip.h"
#include "glyph.h"
#include "run.h"
#include "state.h"

void
app_links_open(struct app *a)
{
	link_list_fini(&a->links);
	if (a->open >= a->corpus->n)
		return;
	const struct article *art = &a->corpus->v[a->open];
	/* Block by block, so that no link runs from one paragraph into the
	 * next. */
	doc_finish(&a->doc); /* every block: the links of all of it */
	for (size_t b = 0; b < a->doc.n; b++)
		links_find(art->body + a->doc.v[b].start, a->doc.v[b].len,
		           a->doc.v[b].start, &a->links);
	if (!a->links.n) {
		app_message(a, false, "no links in this article");
		return;
	}
	a->links_view = true;
	a->link_sel = 0;
}

/* The program that opens a link here, or NULL: $BROWSER, else xdg-open
 * where there is a display to open it on. */
static const char *
opener(void)
{
	const char *b = getenv("BROWSER");
	if (b && *b)
		return b;
	const char *d = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
	if ((d && *d) || (w && *w))
		return "xdg-open";
	return NULL;
}

/* Says what happened to text, shown escaped. */
static void
say(struct app *a, bool error, const char *what, const char *text,
    const char *where)
{
	struct strbuf sb;
	sb_init(&sb);
	glyph_escape(text, strlen(text), &sb);
	app_message(a, error, "%s %s%s", what, sb.buf, where);
	sb_fini(&sb);
}

void
app_copy_text(struct app *a, const char *text, const char *what)
{
	const char *term = getenv("TERM");
	const char *tmux = getenv("TMUX");
	enum clip_target t = clip_resolve(a->clip_target, tmux && *tmux,
	                                  clip_term_knows_osc52(term));
	free(a->run.input);
	a->run.input = xstrdup(text);
	a->run.input_len = strlen(text);
	if (t == CLIP_OSC52) {
		/* Only a copy the reader asked for writes OSC 52: the
		 * bytes are made here, base64, never article text raw. */
		a->run.kind = RUN_OSC52;
		say(a, false, "copied", what, " (to the terminal's clipboard)");
		return;
	}
	if (t == CLIP_TMUX) {
		a->run.kind = RUN_QUIET;
		free(a->run.cmd);
		a->run.cmd = xstrdup("tmux load-buffer -");
		say(a, false, "copied", what, " (to a tmux buffer)");
		return;
	}
	/* A file, where there is nothing better: the reader can cat it. */
	char *dir = state_dir();
	char *path = dir ? xasprintf("%s/clipboard.txt", dir) : NULL;
	FILE *fp = path ? fopen(path, "w") : NULL;
	size_t tl = strlen(text);
	bool nl = tl && text[tl - 1] == '\n';
	if (fp && fputs(text, fp) >= 0 && (nl || fputc('\n', fp) != EOF) &&
	    fclose(fp) == 0) {
		char *where = xasprintf(" (to %s)", path);
		say(a, false, "copied", what, where);
		free(where);
	} else {
		if (fp)
			fclose(fp);
		app_message(a, true, "not copied: %s: %s",
		            path ? path : "$HOME", strerror(errno));
	}
	free(a->run.input);
	a->run.input = NULL;
	free(path);
	free(dir);
}

void
app_link_action(struct app *a, bool open)
{
	if (a->link_sel >= a->links.n)
		return;
	const char *target = a->links.v[a->link_sel].target;
	const char *prog = open ? opener() : NULL;
	if (!prog) {
		app_copy_text(a, target, target);
		if (open && !a->message_is_error) {
			/* Say why it was not opened. */
			char *m = xasprintf("%s; no $BROWSER and no display to "
			                    "open it on",
			                    a->message);
			app_message(a, false, "%s", m);
			free(m);
		}
		return;
	}
	/* The address goes through the environment, never into the
	 * command's text: nothing in it is run. */
	free(a->run.cmd);
	a->run.cmd = xstrdup("$LECTERN_OPENER \"$LECTERN_URL\"");
	free(a->run.url);
	a->run.url = xstrdup(target);
	free(a->run.opener);
	a->run.opener = xstrdup(prog);
	a->run.kind = RUN_OPEN;
}

void
app_run_done(struct app *a, int status)
{
	if (a->run.kind == RUN_OPEN && status != 0) {
		char how[64];
		if (status < 0)
			snprintf(how, sizeof how, "%s", strerror(errno));
		else
			run_status_text(status, how, sizeof how);
		app_message(a, true, "%s could not open it: %s", a->run.opener,
		            how);
	} else if (a->run.kind == RUN_OPEN) {
		say(a, false, "opened", a->run.url, "");
	} else if (a->run.kind == RUN_QUIET && status != 0) {
		app_message(a, true, "not copied: tmux load-buffer failed");
	}
	free(a->run.cmd);
	free(a->run.input);
	free(a->run.url);
	free(a->run.opener);
	memset(&a->run, 0, sizeof a->run);
	a->repaint_all = true;
	a->dirty = true;
}
