/*
 * main.c - command line, corpus location, and the main loop.
 *
 * The interactive loop and the headless mode feed the same app functions;
 * only where keys come from and where frames go differ.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif

#include <errno.h>
#include <getopt.h>
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
#include "config.h"
#include "corpus.h"
#include "frame.h"
#include "keys.h"
#include "render.h"
#include "script.h"
#include "session.h"
#include "tty.h"
#include "util.h"
#include "watch.h"

#ifndef LECTERN_PKGDATADIR
#define LECTERN_PKGDATADIR "/usr/local/share/lectern"
#endif
#ifndef LECTERN_SRCDIR
#define LECTERN_SRCDIR "."
#endif

enum {
	OPT_KEYS = 0x100,
	OPT_KEYS_FILE,
	OPT_SIZE,
	OPT_CONFIG,
	OPT_DUMP_CONFIG,
	OPT_CHECK_CONFIG,
	OPT_LIST_KEYS,
	OPT_COLOR,
	OPT_GREP,
	OPT_NO_STATE,
};

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	bool list;
	long print; /* article number, 0 = not asked */
	int width;
	const char *keys;
	const char *keys_file;
	int cols;
	int rows;
	const char *output;
	const char *config;
	bool dump_config;
	bool check_config;
	bool list_keys;
	bool no_state;
	enum color_mode color;
	const char *grep;
};

static const char usage_text[] =
        "Usage: lectern [OPTION]... [PATH]...\n"
        "Read a corpus of articles in the terminal.\n"
        "\n"
        "Each PATH is an article file or a folder, read recursively for .txt\n"
        "and .md files.  With no PATH: $LECTERN_CORPUS if set, else the\n"
        "bundled corpus.\n"
        "\n"
        "  -l, --list             print one line per article (number, title,\n"
        "                         word count; tab-separated) and exit\n"
        "  -p, --print=N          print article N, wrapped, and exit\n"
        "      --grep=PATTERN     print each article matching PATTERN (a\n"
        "                         regular expression, smart case) with its\n"
        "                         number of matches and its matching lines;\n"
        "                         exit 0 if any matched, 1 if none, 2 on "
        "error\n"
        "  -w, --width=COLS       wrap --print output to COLS columns\n"
        "                         (default: the terminal's width, else 80)\n"
        "      --keys=SCRIPT      headless mode: apply the keys in SCRIPT\n"
        "                         (\"j j Enter PageDown\") and print the "
        "final\n"
        "                         screen as text; no terminal needed\n"
        "      --keys-file=FILE   headless mode with the script read from "
        "FILE\n"
        "                         (- for standard input)\n"
        "      --size=COLSxROWS   headless screen size (default 80x24)\n"
        "  -o, --output=FILE      write the headless screen to FILE\n"
        "      --config=FILE      read the config from FILE (default:\n"
        "                         $LECTERN_CONFIG, else\n"
        "                         $XDG_CONFIG_HOME/lectern/config.yaml)\n"
        "      --check-config     check the config file(s) given as PATHs (or\n"
        "                         the one lectern would read), print every\n"
        "                         error, exit 0 if valid, 1 if not\n"
        "      --dump-config      print the config in effect, as YAML\n"
        "      --list-keys        print every binding and report conflicts\n"
        "      --color=WHEN       colour: auto (default; off when NO_COLOR is\n"
        "                         set), always, never\n"
        "      --no-state         neither read nor write the reading state\n"
        "                         (read marks, places, bookmarks, session)\n"
        "  -h, --help             show this help and exit\n"
        "  -V, --version          show the version and exit\n"
        "\n"
        "Keys: j/k or Up/Down move (the selection in the sidebar, the text in\n"
        "the pane), Space/b or PageDown/PageUp page, g/G or Home/End go to "
        "the\n"
        "ends, J/K next/previous article from the pane, Tab or Enter switch\n"
        "between sidebar and pane, / searches (? backward in the pane), n/N\n"
        "go to the next/previous match, ] ] and [ [ to the next/previous\n"
        "keyword hit (] 1 for group 1), t 1 turns group 1 on or off, H all\n"
        "highlighting, t t lists the groups, s sorts the sidebar (by hits\n"
        "too), F filters it by a query, m marks read or unread, U goes to\n"
        "the next unread, B bookmarks the place, ' lists the bookmarks, R\n"
        "reloads the config, ? (F1 in the pane) lists every key, q quits.\n"
        "\n"
        "Environment: LECTERN_CORPUS (corpus used with no PATH),\n"
        "LECTERN_CONFIG, XDG_CONFIG_HOME, XDG_STATE_HOME (reading state, kept\n"
        "per corpus), NO_COLOR, TERM.\n"
        "Exit status: 0 success, 1 trouble (unreadable corpus, no terminal),\n"
        "2 bad usage.  Full documentation: man lectern; article format: man 5\n"
        "lectern; config file: man lectern-config.\n";

static void
usage_error(const char *msg)
{
	fprintf(stderr,
	        "lectern: %s\nTry 'lectern --help' for more "
	        "information.\n",
	        msg);
	exit(EXIT_USAGE);
}

static long
parse_positive(const char *opt, const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v < 1 || v > 1000000) {
		fprintf(stderr,
		        "lectern: %s: '%s' is not a positive number\n"
		        "Try 'lectern --help' for more information.\n",
		        opt, s);
		exit(EXIT_USAGE);
	}
	return v;
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
	        {"list", no_argument, NULL, 'l'},
	        {"print", required_argument, NULL, 'p'},
	        {"width", required_argument, NULL, 'w'},
	        {"keys", required_argument, NULL, OPT_KEYS},
	        {"keys-file", required_argument, NULL, OPT_KEYS_FILE},
	        {"size", required_argument, NULL, OPT_SIZE},
	        {"output", required_argument, NULL, 'o'},
	        {"config", required_argument, NULL, OPT_CONFIG},
	        {"dump-config", no_argument, NULL, OPT_DUMP_CONFIG},
	        {"check-config", no_argument, NULL, OPT_CHECK_CONFIG},
	        {"list-keys", no_argument, NULL, OPT_LIST_KEYS},
	        {"color", required_argument, NULL, OPT_COLOR},
	        {"colour", required_argument, NULL, OPT_COLOR},
	        {"grep", required_argument, NULL, OPT_GREP},
	        {"no-state", no_argument, NULL, OPT_NO_STATE},
	        {"help", no_argument, NULL, 'h'},
	        {"version", no_argument, NULL, 'V'},
	        {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->cols = 80;
	o->rows = 24;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":lp:w:o:hV", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'l':
			o->list = true;
			break;
		case 'p':
			o->print = parse_positive("--print", optarg);
			break;
		case 'w':
			o->width = (int)parse_positive("--width", optarg);
			break;
		case OPT_KEYS:
			o->keys = optarg;
			break;
		case OPT_KEYS_FILE:
			o->keys_file = optarg;
			break;
		case OPT_SIZE:
			if (script_parse_size(optarg, strlen(optarg), &o->cols,
			                      &o->rows))
				usage_error("--size: expected COLSxROWS, like "
				            "80x24");
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_DUMP_CONFIG:
			o->dump_config = true;
			break;
		case OPT_CHECK_CONFIG:
			o->check_config = true;
			break;
		case OPT_LIST_KEYS:
			o->list_keys = true;
			break;
		case OPT_NO_STATE:
			o->no_state = true;
			break;
		case OPT_GREP:
			o->grep = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				o->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				o->color = COLOR_NEVER;
			else
				usage_error("--color: expected auto, always or "
				            "never");
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case 'V':
			printf("lectern %s\n", PACKAGE_VERSION);
			exit(0);
		case ':':
			if (optopt)
				fprintf(stderr,
				        "lectern: option '-%c' needs a value\n",
				        optopt);
			else
				fprintf(stderr,
				        "lectern: option '%s' needs a value\n",
				        argv[optind - 1]);
			fprintf(stderr, "Try 'lectern --help' for more "
			                "information.\n");
			exit(EXIT_USAGE);
		default:
			if (optopt)
				fprintf(stderr,
				        "lectern: unknown option '-%c'\n",
				        optopt);
			else
				fprintf(stderr,
				        "lectern: unknown option '%s'\n",
				        argv[optind - 1]);
			fprintf(stderr, "Try 'lectern --help' for more "
			                "information.\n");
			exit(EXIT_USAGE);
		}
	}
}

static bool
is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The corpus read when no PATH is given. */
static const char *
default_corpus(void)
{
	const char *env = getenv("LECTERN_CORPUS");
	if (env && *env)
		return env;
	if (is_dir(LECTERN_PKGDATADIR "/corpus"))
		return LECTERN_PKGDATADIR "/corpus";
	if (is_dir("corpus"))
		return "corpus";
	return LECTERN_SRCDIR "/corpus";
}

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
	cli_print_diags(dl, 0);
	if (failed)
		return -1;
	if (c->n == 0) {
		fprintf(stderr,
		        "lectern: no articles (.txt or .md files) in %s\n",
		        npaths == 1 ? paths[0] : "the paths given");
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

/* Gives the app (and the terminal) the config's keyword groups. */
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
	if (t) {
		struct style *styles = xcalloc(cfg->ngroups ? cfg->ngroups : 1,
		                               sizeof *styles);
		for (size_t g = 0; g < cfg->ngroups; g++)
			styles[g] = cfg->groups[g].style;
		tty_set_group_styles(t, styles, cfg->ngroups);
		free(styles);
	}
}

/*
 * Reads the config again.  A bad file keeps the config in force and says
 * why in the status line; a good one replaces keys and theme.
 */
static void
reload_config(struct config *cfg, const struct config_source *src,
              struct app *a, struct tty *t)
{
	struct config fresh;
	struct diag_list dl;
	diag_list_init(&dl);
	if (cli_load_config(&fresh, src, &dl) == 0) {
		config_fini(cfg);
		*cfg = fresh;
		app_set_keymap(a, &cfg->keymap);
		if (t)
			tty_set_theme(t, &cfg->theme);
		apply_groups(a, t, cfg);
		app_message(a, false, "config reloaded%s%s",
		            src->path ? " from " : "",
		            src->path ? src->path : "");
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
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_add(&sb, buf, n);
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
/* Saves the reading state; a failure is said in the status line. */
static void
save_session(struct session *ses, struct app *a)
{
	struct diag_list dl;
	diag_list_init(&dl);
	if (session_save(ses, a, (int64_t)time(NULL), &dl) < 0 && dl.n) {
		char *m = diag_format(&dl.v[0]);
		app_message(a, true, "reading state not saved: %s", m);
		free(m);
	}
	diag_list_fini(&dl);
}

/* Opens the session and shows the first warning (a corrupt state file
 * moved aside, say) in the status line. */
static void
start_session(struct session *ses, struct app *a, const char *root,
              bool enabled)
{
	struct diag_list dl;
	diag_list_init(&dl);
	session_open(ses, root, enabled, a->corpus, &dl);
	session_apply(ses, a);
	a->now = (long long)time(NULL);
	if (dl.n) {
		cli_print_diags(&dl, 0);
		char *m = diag_format(&dl.v[0]);
		app_message(a, true, "%s", m);
		free(m);
	}
	diag_list_fini(&dl);
}

static int
do_headless(struct corpus *c, const struct options *o, struct diag_list *dl,
            struct config *cfg, const struct config_source *src,
            const char *root)
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
	start_session(&ses, &a, root, !o->no_state);
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
		else
			app_key(&a, sc.v[i].key);
		if (a.reload)
			reload_config(cfg, src, &a, NULL);
		while (app_background_pending(&a))
			app_background_step(&a);
		if (a.dirty)
			render_app(&a);
	}
	save_session(&ses, &a);
	session_close(&ses);
	render_app(&a);
	cli_print_diags(&a.diags, 0);
	struct strbuf sb;
	sb_init(&sb);
	frame_to_text(&a.frame, &sb);
	int rc = 0;
	FILE *out = o->output ? fopen(o->output, "w") : stdout;
	if (!out) {
		fprintf(stderr, "lectern: %s: %s\n", o->output,
		        strerror(errno));
		rc = EXIT_TROUBLE;
	} else {
		fwrite(sb.buf, 1, sb.len, out);
		if ((out == stdout ? fflush(out) : fclose(out)) != 0)
			rc = EXIT_TROUBLE;
	}
	sb_fini(&sb);
	app_fini(&a);
	script_fini(&sc);
	return rc;
}

static int
do_interactive(struct corpus *c, const struct diag_list *load_diags, bool ascii,
               bool color, struct config *cfg, const struct config_source *src,
               const char *root, bool keep_state)
{
	char *note = NULL, *err = NULL;
	struct tty *t = tty_open(&cfg->theme, color, ascii, &note, &err);
	if (!t) {
		fprintf(stderr, "lectern: %s\n", err);
		free(err);
		return EXIT_TROUBLE;
	}
	int rows, cols;
	tty_size(t, &rows, &cols);
	struct app a;
	app_init(&a, c, rows, cols, &cfg->keymap);
	apply_groups(&a, t, cfg);
	struct session ses;
	start_session(&ses, &a, root, keep_state);
	struct watch *w = src->path ? watch_new(src->path) : NULL;
	tty_watch(t, watch_fd(w));
	if (note)
		app_message(&a, false, "%s", note);
	else if (ascii)
		app_message(&a, false,
		            "the locale is not UTF-8: characters "
		            "outside ASCII are shown as ?");
	else if (load_diags->n) {
		char *m = diag_format(&load_diags->v[0]);
		app_message(&a, false, "%s%s", m,
		            load_diags->n > 1 ? " (more on exit)" : "");
		free(m);
	}
	free(note);
	while (!a.quit) {
		if (a.dirty) {
			render_app(&a);
			tty_paint(t, &a.frame);
		}
		/* Idle means idle: block, unless hits are still to count;
		 * then count one article per turn, input first. */
		bool work = app_background_pending(&a);
		int key = tty_read_key(t, work ? 0 : -1);
		if (tty_quit_requested(t))
			break;
		if (key == 0 && work)
			app_background_step(&a);
		if (key == K_RESIZE) {
			tty_size(t, &rows, &cols);
			app_resize(&a, rows, cols);
		} else if (key == K_WATCH) {
			if (watch_changed(w))
				a.reload = true;
		} else if (key) {
			app_key(&a, key);
		}
		if (a.repaint_all) {
			tty_invalidate(t);
			a.repaint_all = false;
		}
		if (a.reload)
			reload_config(cfg, src, &a, t);
		/* Keep the state on disk as reading goes on (at most every
		 * few seconds), so that a crash or kill -9 loses little. */
		a.now = (long long)time(NULL);
		if (a.state_dirty && a.now - ses.saved >= 5)
			save_session(&ses, &a);
	}
	save_session(&ses, &a);
	session_close(&ses);
	watch_free(w);
	tty_close(t);
	cli_print_diags(load_diags, 0);
	cli_print_diags(&a.diags, 0);
	app_fini(&a);
	return 0;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Widths need a UTF-8 locale.  Under LANG=C the terminal is not
	 * trusted with anything but ASCII: degrade explicitly (and say so)
	 * instead of letting curses print mojibake. */
	bool ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	if (ascii && !setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.utf8");
	struct options o;
	parse_options(argc, argv, &o);

	struct config_source src;
	src.path = config_path(o.config, &src.must_exist);
	if (o.check_config) {
		int rc = cli_check_config(argc - optind, argv + optind, &src);
		free(src.path);
		return rc;
	}
	/* A bad config at start-up: every error on stderr, nothing drawn. */
	struct config cfg;
	struct diag_list dl;
	diag_list_init(&dl);
	if (cli_load_config(&cfg, &src, &dl)) {
		cli_print_diags(&dl, 0);
		fprintf(stderr, "lectern: the config has errors; check it with "
		                "lectern --check-config\n");
		diag_list_fini(&dl);
		config_fini(&cfg);
		free(src.path);
		return EXIT_TROUBLE;
	}
	cli_print_diags(&dl, 0);
	diag_list_fini(&dl);
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
		config_fini(&cfg);
		free(src.path);
		return rc;
	}
	const char *no_color = getenv("NO_COLOR");
	bool color = o.color == COLOR_ALWAYS ||
	             (o.color == COLOR_AUTO && no_color == NULL);

	/* The reading state is kept per corpus root: the first PATH. */
	const char *root = argc > optind ? argv[optind] : default_corpus();
	struct corpus c;
	corpus_init(&c);
	diag_list_init(&dl);
	if (load_corpus(&c, argc - optind, argv + optind, &dl) < 0)
		rc = o.grep ? EXIT_USAGE
		            : EXIT_TROUBLE; /* grep's 1 is "none" */
	else if (o.grep)
		rc = cli_grep(&c, o.grep, &dl);
	else if (o.list)
		rc = cli_list(&c, &dl);
	else if (o.print)
		rc = cli_print(&c, o.print,
		               o.width ? o.width : terminal_width(), &dl);
	else if (o.keys || o.keys_file)
		rc = do_headless(&c, &o, &dl, &cfg, &src, root);
	else
		rc = do_interactive(&c, &dl, ascii, color, &cfg, &src, root,
		                    !o.no_state);
	diag_list_fini(&dl);
	corpus_fini(&c);
	config_fini(&cfg);
	free(src.path);
	return rc;
}
