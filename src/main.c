/*
 * main.c - the command line, the locale, the config and the corpus
 * location; then a mode of cli.c, or a loop of loop.c.
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
#include "loop.h"
#include "version.h"
#include "watch.h"
#include "xdg.h"

#ifndef LECTERN_PKGDATADIR
#define LECTERN_PKGDATADIR "/usr/local/share/lectern"
#endif
#ifndef LECTERN_SRCDIR
#define LECTERN_SRCDIR "."
#endif

/* The corpus read when no PATH is given: the first place that holds an
 * article, so that an empty or half-removed installed corpus never hides
 * the next one.  Returns the last candidate when none does (its error
 * then names it). */
static const char *
default_corpus(void)
{
	static const char *const places[] = {
	        LECTERN_PKGDATADIR "/corpus",
	        "corpus",
	        LECTERN_SRCDIR "/corpus",
	};
	const char *env = getenv("LECTERN_CORPUS");
	if (env && *env)
		return env;
	size_t n = sizeof places / sizeof places[0];
	for (size_t i = 0; i < n; i++)
		if (corpus_has_articles(places[i]))
			return places[i];
	return places[n - 1];
}

/* Reads the corpus; diagnostics stay in dl for the caller to print. */
static int
load_corpus(struct corpus *c, int npaths, char **paths, struct diag_list *dl)
{
	const char *def = default_corpus();
	bool failed = false;
	if (npaths == 0) {
		npaths = 1;
		paths = (char **)&def;
	}
	for (int i = 0; i < npaths; i++)
		if (corpus_add_path(c, paths[i], dl) < 0)
			failed = true;
	if (failed)
		return -1;
	if (c->n == 0) {
		diag_add(dl, DIAG_ERROR, npaths == 1 ? paths[0] : NULL, 0, 0,
		         "no articles (.txt or .md files)%s",
		         npaths == 1 ? "" : " in the paths given");
		return -1;
	}
	return 0;
}

static int
terminal_width(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	if (cols && atoi(cols) > 0)
		return atoi(cols);
	return 80;
}

/*
 * Sets the locale and says whether the terminal must be kept to ASCII.
 * Widths need a UTF-8 LC_CTYPE whatever the terminal.  What the terminal
 * speaks is read from the variables, as tmux does: the first of LC_ALL,
 * LC_CTYPE and LANG that is set names it, installed or not (over SSH a
 * client's en_US.UTF-8 often is not).  With none set (a root login on a
 * fresh machine, a cron job) nothing says, and today's terminals speak
 * UTF-8: take it.  A locale that is named and not UTF-8 (LANG=C) is a
 * statement about the terminal: keep to ASCII, explicitly.
 */
static bool
setup_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
	const char *name = NULL;
	for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !name; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			name = v;
	}
	setlocale(LC_ALL, "");
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!utf8 && !setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.utf8");
	if (utf8 || !name)
		return false;
	return !(strcasestr(name, "utf-8") || strcasestr(name, "utf8"));
}

/*
 * Loads the config for the modes that use it.  Prints every problem; a
 * file that cannot be opened at all is said in one line, a file with
 * errors inside gets the hint to check it.  Returns 0, 1 for errors
 * inside the file, -1 when there was no file to read.
 */
static int
load_config(struct config *cfg, struct config_source *src)
{
	struct diag_list dl;
	diag_list_init(&dl);
	int rc = cli_load_config(cfg, src, &dl);
	cli_print_diags(&dl, 0);
	bool inside = false;
	for (size_t i = 0; i < dl.n; i++)
		if (dl.v[i].level == DIAG_ERROR && dl.v[i].line > 0)
			inside = true;
	if (rc && inside)
		fprintf(stderr, "lectern: the config has errors; check it with "
		                "lectern --check-config\n");
	diag_list_fini(&dl);
	return rc ? (inside ? 1 : -1) : 0;
}

int
main(int argc, char **argv)
{
	bool ascii = setup_locale();
	struct options o;
	char *err;
	if (options_parse(argc, argv, &o, &err) < 0) {
		fprintf(stderr,
		        "lectern: %s\nTry 'lectern --help' for more "
		        "information.\n",
		        err);
		free(err);
		return EXIT_USAGE;
	}
	if (o.help) {
		fputs(options_usage, stdout);
		fputs(options_usage_keys, stdout);
		return fflush(stdout) == 0 ? 0 : EXIT_TROUBLE;
	}
	if (o.version) {
		int rc = version_print(stdout, tty_curses_version());
		return rc == 0 && fflush(stdout) == 0 ? 0 : EXIT_TROUBLE;
	}
	int npaths = argc - o.first_path;
	char **paths = argv + o.first_path;

	struct config_source src = {NULL, false, false, false};
	src.path = config_path(o.config, &src.must_exist);
	/* --list-keys lists the keys of a config with errors too, as far as
	 * they were read, the errors said first (and exits 1). */
	src.partial = o.list_keys && !o.dump_config;
	if (o.check_config) {
		int rc = cli_check_config(npaths, paths, &src);
		free(src.path);
		return rc;
	}
	/* The modes that print articles do not use the config: a broken
	 * one must not stop them. */
	bool need_config = !(o.list || o.print || o.grep);
	struct config cfg;
	bool config_errors = false;
	int lr;
	if (!need_config)
		config_init(&cfg);
	else if ((lr = load_config(&cfg, &src)) != 0) {
		config_errors = true;
		if (!src.partial || lr < 0) {
			config_fini(&cfg);
			free(src.path);
			return EXIT_TROUBLE;
		}
	}
	int rc = 0;
	if (o.dump_config || o.list_keys) {
		if (o.dump_config) {
			struct strbuf sb;
			sb_init(&sb);
			config_dump(&cfg, &sb);
			fputs(sb.buf, stdout);
			sb_fini(&sb);
			rc = fflush(stdout) == 0 ? 0 : EXIT_TROUBLE;
		}
		if (o.list_keys)
			rc = cli_list_keys(&cfg);
		if (config_errors && rc == 0)
			rc = EXIT_TROUBLE;
		config_fini(&cfg);
		free(src.path);
		return rc;
	}
	const char *no_color = getenv("NO_COLOR");
	bool color = o.color == COLOR_ALWAYS ||
	             (o.color == COLOR_AUTO && no_color == NULL);

	/* The reading state is kept per corpus root: the first PATH. */
	const char *root = npaths > 0 ? paths[0] : default_corpus();
	if (o.grep) { /* each file read as the folders are walked */
		char *cache =
		        o.no_cache ? NULL : xdg_dir("XDG_CACHE_HOME", ".cache");
		rc = cli_grep(npaths ? npaths : 1,
		              npaths ? paths : (char **)&root, o.grep, cache);
		free(cache);
		config_fini(&cfg);
		free(src.path);
		return rc;
	}
	bool interactive =
	        !(o.list || o.print || o.keys || o.keys_file || o.export_notes);
	struct corpus c;
	corpus_init(&c);
	if (o.list) /* the word counts it prints, from the heads' reads */
		corpus_count_words_on_read(&c);
	if (!o.no_cache) {
		char *cache = xdg_dir("XDG_CACHE_HOME", ".cache");
		corpus_set_cache_dir(&c, cache);
		free(cache);
	}
	struct diag_list dl;
	diag_list_init(&dl);
	if (load_corpus(&c, npaths, paths, &dl) < 0) {
		cli_print_diags(&dl, 0);
		rc = EXIT_TROUBLE;
	} else {
		/* Warnings about the corpus: once, and where they can be
		 * read (after the screen is given back, interactively). */
		if (!interactive)
			cli_print_diags(&dl, 0);
		if (o.list)
			rc = cli_list(&c, &dl);
		else if (o.print)
			rc = cli_print(&c, o.print,
			               o.width ? o.width : terminal_width(),
			               &dl);
		else if (o.export_notes)
			rc = export_notes(&c, &o, &dl, &cfg, root);
		else if (o.keys || o.keys_file)
			rc = do_headless(&c, &o, &dl, &cfg, &src, root);
		else
			rc = do_interactive(&c, &dl, ascii, color, &cfg, &src,
			                    root, !o.no_state);
	}
	diag_list_fini(&dl);
	corpus_fini(&c);
	config_fini(&cfg);
	free(src.path);
	return rc;
}
