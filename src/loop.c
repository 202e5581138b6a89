/*
 * loop.c - the two loops that drive the app: the interactive one (the
 * terminal's keys and resizes, background work between them, saves in a
 * child process) and the headless one (keys from a script, the final
 * screen as text); and --export-notes.  They feed the same app functions;
 * only where keys come from and where frames go differ.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "clip.h"
#include "config.h"
#include "corpus.h"
#include "frame.h"
#include "keys.h"
#include "options.h"
#include "render.h"
#include "run.h"
#include "saver.h"
#include "script.h"
#include "session.h"
#include "state.h"
#include "tty.h"
#include "util.h"
#include "version.h"
#include "watch.h"
#include "loop.h"

/* Gives the app (and the terminal) the config's keyword groups and its
 * view settings. */
static void
apply_groups(struct app *a, struct tty *t, const struct config *cfg)
{
	struct diag_list dl;
	diag_list_init(&dl);
	app_set_groups(a, cfg->groups, cfg->ngroups, &dl);
	if (dl.n) {
		char *m = diag_format(&dl.v[0]);
		app_message(a, true, "%s", m);
		free(m);
	}
	diag_list_fini(&dl);
	/* view: numbers on from the start (the keys still toggle them). */
	app_set_view(a, &cfg->view);
	app_set_yank(a, cfg->yank.citation, cfg->yank.to);
	if (t) {
		tty_set_mouse(t, cfg->view.mouse);
		struct style *styles = xcalloc(cfg->ngroups ? cfg->ngroups : 1,
		                               sizeof *styles);
		for (size_t g = 0; g < cfg->ngroups; g++)
			styles[g] = config_group_style(cfg, g);
		tty_set_group_styles(t, styles, cfg->ngroups);
		free(styles);
	}
}

/*
 * Reads the config again.  A bad file keeps the config in force and says
 * why in the status line; a good one replaces keys and theme.
 */
static void
reload_config(struct config *cfg, struct config_source *src, struct app *a,
              struct tty *t)
{
	struct config fresh;
	struct diag_list dl;
	struct stat st;
	/* The file the config came from is gone: that is not the user
	 * asking for the defaults (an editor saving by rename makes it go
	 * for a moment, too).  Keep what is in force, and say why. */
	if (src->path && src->had_file && lstat(src->path, &st) < 0) {
		char *e = cli_escape(src->path);
		app_message(a, true,
		            "%s: %s; the config in force stays (config not "
		            "reloaded)",
		            e, strerror(errno));
		free(e);
		a->reload = false;
		return;
	}
	diag_list_init(&dl);
	if (cli_load_config(&fresh, src, &dl) == 0) {
		config_fini(cfg);
		*cfg = fresh;
		app_set_keymap(a, &cfg->keymap);
		if (t)
			tty_set_theme(t, &cfg->theme);
		apply_groups(a, t, cfg);
		if (src->path &&
		    (src->must_exist || access(src->path, F_OK) == 0))
			app_message(a, false, "config reloaded from %s",
			            src->path);
		else
			app_message(a, false,
			            "no config file; using the "
			            "built-in defaults");
	} else {
		config_fini(&fresh);
		size_t errors = diag_count(&dl, DIAG_ERROR);
		/* The status line is narrow: name the file without its
		 * folders (the user knows which file they edited). */
		if (dl.n && dl.v[0].file && strrchr(dl.v[0].file, '/')) {
			char *base = xstrdup(strrchr(dl.v[0].file, '/') + 1);
			free(dl.v[0].file);
			dl.v[0].file = base;
		}
		char *m = dl.n ? diag_format(&dl.v[0]) : xstrdup("error");
		if (errors > 1)
			app_message(a, true,
			            "%s (and %zu more errors; config "
			            "not reloaded)",
			            m, errors - 1);
		else
			app_message(a, true, "%s (config not reloaded)", m);
		free(m);
	}
	diag_list_fini(&dl);
	a->reload = false;
}

#define KEYS_FILE_MAX (4 * 1024 * 1024)

static char *
read_file_all(const char *path, struct diag_list *dl)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!fp) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	struct strbuf sb;
	sb_init(&sb);
	char buf[4096];
	size_t n;
	bool big = false;
	/* A key script is a few lines: /dev/zero must not fill memory. */
	while (!big && (n = fread(buf, 1, sizeof buf, fp)) > 0) {
		sb_add(&sb, buf, n);
		big = sb.len > KEYS_FILE_MAX;
	}
	if (big) {
		if (fp != stdin)
			fclose(fp);
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		         "a key script larger than %d bytes", KEYS_FILE_MAX);
		sb_fini(&sb);
		return NULL;
	}
	int bad = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (bad) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "read error");
		sb_fini(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* The headless mode: keys from a script, the final screen as text. */
/*
 * The last save, at quit: waits a moment for another process's lock;
 * when it cannot write, keeps the changes in a pending file and says so.
 * Returns 0, or EXIT_TROUBLE with the messages in out.
 */
static int
final_save(struct session *ses, struct app *a, struct diag_list *out)
{
	struct diag_list dl;
	diag_list_init(&dl);
	int rc = session_save(ses, a, session_clock_ms(), &dl);
	if (rc == 0) {
		diag_move(out, &dl);
		return 0;
	}
	char *where = NULL;
	char *why = dl.n ? diag_format(&dl.v[0]) : xstrdup("not saved");
	if (session_keep_pending(ses, &where, &dl) == 0 && where)
		diag_add(out, DIAG_ERROR, NULL, 0, 0,
		         "%s; the changes are kept in %s, and the next lectern "
		         "on this corpus takes them in",
		         why, where);
	else
		diag_add(out, DIAG_ERROR, NULL, 0, 0,
		         "%s, and could not be kept aside either: the changes "
		         "of this session are lost",
		         why);
	free(why);
	free(where);
	diag_list_fini(&dl);
	return EXIT_TROUBLE;
}

/*
 * Does what the app asked for (app->run): opening a link with the
 * terminal given back while the opener runs, a quiet command (tmux
 * load-buffer), or the terminal's clipboard set by OSC 52 (with no
 * terminal, in the headless mode, only said).
 */
static void
run_for_app(struct app *a, struct tty *t)
{
	int status = 0;
	if (a->run.kind == RUN_OSC52) {
		struct strbuf sb;
		sb_init(&sb);
		clip_osc52(a->run.input, a->run.input_len, &sb);
		if (t)
			tty_write_raw(t, sb.buf, sb.len);
		sb_fini(&sb);
	} else if (a->run.kind == RUN_QUIET) {
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
		status = run_pipe(a->run.cmd, a->run.input, a->run.input_len,
		                  null >= 0 ? null : STDERR_FILENO);
		if (null >= 0)
			close(null);
	} else if (a->run.kind == RUN_OPEN) {
		setenv("LECTERN_OPENER", a->run.opener, 1);
		setenv("LECTERN_URL", a->run.url, 1);
		if (t)
			tty_suspend(t);
		status = run_pipe(a->run.cmd, "", 0, t ? -1 : STDERR_FILENO);
		if (t)
			tty_resume(t);
		unsetenv("LECTERN_OPENER");
		unsetenv("LECTERN_URL");
	}
	app_run_done(a, status);
}

/*
 * Runs the command | asked for with the article as shown on its input.
 * With a terminal, it is given back for the command (| less works) and
 * taken again once Enter is pressed, so the command's output can be read
 * first (as mutt does); headless, the command's output goes to standard
 * error, the screen to standard output.
 */
static void
run_piped(struct app *a, struct tty *t)
{
	struct strbuf text;
	sb_init(&text);
	app_export_shown(a, &text);
	int status;
	if (!t) {
		status = run_pipe(a->pipe_cmd, text.buf, text.len,
		                  STDERR_FILENO);
	} else {
		tty_suspend(t);
		status = run_pipe(a->pipe_cmd, text.buf, text.len, -1);
		char how[64];
		run_status_text(status, how, sizeof how);
		printf("\n[lectern: %s; press Enter to go back]", how);
		fflush(stdout);
		int ch;
		while ((ch = getchar()) != EOF && ch != '\n' && ch != '\r')
			;
		clearerr(stdin);
		tty_resume(t);
	}
	sb_fini(&text);
	app_pipe_done(a, status);
}

/* Opens the session and shows the first warning (a corrupt state file
 * moved aside, say) in the status line; every warning is added to out,
 * for the caller to print where it can be read. */
static void
start_session(struct session *ses, struct app *a, const char *root,
              bool enabled, struct diag_list *out)
{
	struct diag_list dl;
	diag_list_init(&dl);
	session_open(ses, root, enabled, a->corpus, &dl);
	session_apply(ses, a);
	a->now = (long long)time(NULL);
	if (dl.n) {
		char *m = diag_format(&dl.v[0]);
		app_message(a, true, "%s", m);
		free(m);
	}
	diag_move(out, &dl);
}

/*
 * --export-notes: the bookmarks of the reading state, with their notes,
 * passages and citations, on standard output.  The state is read the way
 * a session reads it (so moved articles are found) and never written.
 */
int
export_notes(struct corpus *c, const struct options *o, struct diag_list *dl,
             struct config *cfg, const char *root)
{
	if (o->no_state) {
		fprintf(stderr, "lectern: --export-notes reads the reading "
		                "state: not with --no-state\n");
		return EXIT_USAGE;
	}
	struct app a;
	app_init(&a, c, 24, 80, &cfg->keymap);
	app_set_yank(&a, cfg->yank.citation, cfg->yank.to);
	struct session ses;
	size_t before = dl->n;
	start_session(&ses, &a, root, true, dl);
	cli_print_diags(dl, before);
	struct strbuf sb;
	sb_init(&sb);
	app_notes_digest(&a, o->notes_yaml, &sb);
	fwrite(sb.buf, 1, sb.len, stdout);
	sb_fini(&sb);
	session_close(&ses);
	app_fini(&a);
	return fflush(stdout) == 0 ? 0 : EXIT_TROUBLE;
}

int
do_headless(struct corpus *c, const struct options *o, struct diag_list *dl,
            struct config *cfg, struct config_source *src, const char *root)
{
	struct script sc;
	script_init(&sc);
	int bad = 0;
	if (o->keys && script_parse(&sc, o->keys, "--keys", dl))
		bad = 1;
	if (o->keys_file) {
		char *text = read_file_all(o->keys_file, dl);
		if (!text || script_parse(&sc, text, o->keys_file, dl))
			bad = 1;
		free(text);
	}
	if (bad) {
		cli_print_diags(dl, 0);
		script_fini(&sc);
		return EXIT_USAGE;
	}
	struct app a;
	app_init(&a, c, o->rows, o->cols, &cfg->keymap);
	apply_groups(&a, NULL, cfg);
	struct session ses;
	size_t before = dl->n;
	start_session(&ses, &a, root, !o->no_state, dl);
	cli_print_diags(dl, before);
	/* As the interactive loop: draw whenever an event changed anything,
	 * so the mode costs (and tests) what a user's session does.  The
	 * background counting runs to its end before each event, so that
	 * screens do not depend on timing. */
	while (app_background_pending(&a))
		app_background_step(&a);
	render_app(&a);
	for (size_t i = 0; i < sc.n && !a.quit; i++) {
		if (sc.v[i].kind == SCRIPT_RESIZE)
			app_resize(&a, sc.v[i].rows, sc.v[i].cols);
		else if (sc.v[i].kind == SCRIPT_MOUSE)
			app_mouse(&a, (enum mouse_kind)sc.v[i].mouse,
			          sc.v[i].rows - 1, sc.v[i].cols - 1);
		else
			app_key(&a, sc.v[i].key);
		if (a.pipe_cmd)
			run_piped(&a, NULL);
		if (a.run.kind)
			run_for_app(&a, NULL);
		if (a.reload)
			reload_config(cfg, src, &a, NULL);
		while (app_background_pending(&a))
			app_background_step(&a);
		if (a.dirty)
			render_app(&a);
	}
	struct diag_list saved;
	diag_list_init(&saved);
	int save_rc = final_save(&ses, &a, &saved);
	session_close(&ses);
	render_app(&a);
	cli_print_diags(&a.diags, 0);
	cli_print_diags(&saved, 0);
	diag_list_fini(&saved);
	struct strbuf sb;
	sb_init(&sb);
	frame_to_text(&a.frame, &sb);
	int rc = 0;
	FILE *out = o->output ? fopen(o->output, "w") : stdout;
	if (!out) {
		char *e = cli_escape(o->output);
		fprintf(stderr, "lectern: %s: %s\n", e, strerror(errno));
		free(e);
		rc = EXIT_TROUBLE;
	} else {
		fwrite(sb.buf, 1, sb.len, out);
		if ((out == stdout ? fflush(out) : fclose(out)) != 0)
			rc = EXIT_TROUBLE;
	}
	sb_fini(&sb);
	app_fini(&a);
	script_fini(&sc);
	return rc ? rc : save_rc;
}

/* Saves: the first a moment after a change, so several go together;
 * again a little later when one failed (a held lock, a full disk). */
#define SAVE_DELAY_MS 1500
#define SAVE_RETRY_MS 3000

/* Takes in what a background save says: nothing when it wrote; else a
 * message (a lock held for a moment is only said when it lasts).  Returns
 * saver_finish's code. */
static int
saved_in_background(struct saver *sv, struct session *ses, struct app *a)
{
	char *msg = NULL;
	int rc = saver_finish(sv, ses, &msg);
	int64_t now = session_clock_ms();
	if (rc == 0) {
		sv->busy_since = 0;
	} else if (rc == STATE_BUSY) {
		if (!sv->busy_since)
			sv->busy_since = now;
		if (now - sv->busy_since >= 3000)
			app_message(
			        a, true,
			        "reading state not saved yet: another process "
			        "holds its lock; trying again");
	} else {
		app_message(a, true, "reading state not saved: %s",
		            msg ? msg : "error");
	}
	free(msg);
	return rc;
}

int
do_interactive(struct corpus *c, struct diag_list *load_diags, bool ascii,
               bool color, struct config *cfg, struct config_source *src,
               const char *root, bool keep_state)
{
	char *note = NULL, *err = NULL;
	struct tty *t = tty_open(&cfg->theme, color, ascii, &note, &err);
	if (!t) {
		char *e = cli_escape(err);
		fprintf(stderr, "lectern: %s\n", e);
		free(e);
		free(err);
		return EXIT_TROUBLE;
	}
	int rows, cols;
	tty_size(t, &rows, &cols);
	struct app a;
	app_init(&a, c, rows, cols, &cfg->keymap);
	a.interrupt = tty_interrupt; /* Esc stops a search over the corpus */
	a.interrupt_ctx = t;
	apply_groups(&a, t, cfg);
	struct session ses;
	size_t nload = load_diags->n;
	start_session(&ses, &a, root, keep_state, load_diags);
	struct watch *w = src->path ? watch_new(src->path) : NULL;
	tty_watch(t, watch_fd(w));
	if (note)
		app_message(&a, false, "%s", note);
	else if (ascii)
		app_message(&a, false,
		            "locale not UTF-8: non-ASCII shown as ?");
	else if (nload && load_diags->n == nload) {
		char *m = diag_format(&load_diags->v[0]);
		app_message(&a, false, "%s%s", m,
		            nload > 1 ? " (more on exit)" : "");
		free(m);
	}
	free(note);
	struct saver sv;
	saver_init(&sv);
	int64_t due = 0; /* when to save (ms), 0: nothing to */
	while (!a.quit) {
		if (a.dirty) {
			render_app(&a);
			tty_paint(t, &a.frame);
		}
		/* Idle means idle: block, unless hits are still to count
		 * (then count one article per turn, input first) or changes
		 * are to be saved (then until it is time). */
		bool work = app_background_pending(&a);
		int64_t now = session_clock_ms();
		if (a.state_dirty && !due)
			due = now + SAVE_DELAY_MS;
		int timeout = work ? 0 : -1;
		if (due && !sv.pid) {
			int64_t left = due > now ? due - now : 0;
			if (timeout < 0 || left < timeout)
				timeout = (int)left;
		}
		tty_watch_saver(t, saver_fd(&sv));
		int key = tty_read_key(t, timeout);
		if (tty_quit_requested(t))
			break;
		if (key == 0 && work)
			app_background_step(&a);
		if (key == K_MOUSE) {
			int kind, mr, mc;
			tty_mouse(t, &kind, &mr, &mc);
			app_mouse(&a, (enum mouse_kind)kind, mr, mc);
		} else if (key == K_RESIZE) {
			tty_size(t, &rows, &cols);
			app_resize(&a, rows, cols);
		} else if (key == K_WATCH) {
			if (watch_changed(w))
				a.reload = true;
		} else if (key == K_SAVER) {
			if (saved_in_background(&sv, &ses, &a) != 0)
				due = session_clock_ms() + SAVE_RETRY_MS;
		} else if (key == K_ESC && a.interrupted) {
			/* The Esc that stopped a search over the corpus: it
			 * did its job (and the message of how far it got
			 * stays). */
			a.interrupted = false;
		} else if (key) {
			a.interrupted = false;
			app_key(&a, key);
		}
		if (a.run.kind)
			run_for_app(&a, t);
		if (a.pipe_cmd) {
			run_piped(&a, t);
			tty_size(t, &rows, &cols); /* it may have changed */
			app_resize(&a, rows, cols);
		}
		if (a.repaint_all) {
			tty_invalidate(t);
			a.repaint_all = false;
		}
		if (a.reload)
			reload_config(cfg, src, &a, t);
		/* Keep the state on disk as reading goes on, shortly after a
		 * change, so that a crash or kill -9 loses little; written in
		 * a child, so no key waits for it. */
		a.now = (long long)time(NULL);
		now = session_clock_ms();
		if (due && now >= due && !sv.pid) {
			due = 0;
			struct diag_list dl;
			diag_list_init(&dl);
			if (session_collect(&ses, &a, now))
				saver_start(&sv, &ses, &dl);
			if (dl.n)
				app_message(&a, true,
				            "reading state not saved: %s",
				            dl.v[0].msg);
			diag_list_fini(&dl);
		}
	}
	if (sv.pid)
		saved_in_background(&sv, &ses, &a);
	struct diag_list saved;
	diag_list_init(&saved);
	int rc = final_save(&ses, &a, &saved);
	session_close(&ses);
	watch_free(w);
	tty_close(t);
	cli_print_diags(load_diags, 0);
	cli_print_diags(&a.diags, 0);
	cli_print_diags(&saved, 0);
	diag_list_fini(&saved);
	app_fini(&a);
	return rc;
}
