/*
 * main.c - command line, corpus location, and the main loop.
 *
 * The interactive loop and the headless mode feed the same app functions;
 * only where keys come from and where frames go differ.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
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
#include <unistd.h>

#include "app.h"
#include "corpus.h"
#include "doc.h"
#include "frame.h"
#include "glyph.h"
#include "keys.h"
#include "layout.h"
#include "render.h"
#include "script.h"
#include "tty.h"
#include "theme.h"
#include "util.h"

#ifndef LECTERN_PKGDATADIR
#define LECTERN_PKGDATADIR "/usr/local/share/lectern"
#endif
#ifndef LECTERN_SRCDIR
#define LECTERN_SRCDIR "."
#endif

enum { EXIT_TROUBLE = 1, EXIT_USAGE = 2 };

enum {
	OPT_KEYS = 0x100,
	OPT_KEYS_FILE,
	OPT_SIZE,
};

struct options {
	bool list;
	long print; /* article number, 0 = not asked */
	int width;
	const char *keys;
	const char *keys_file;
	int cols;
	int rows;
	const char *output;
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
	"  -w, --width=COLS       wrap --print output to COLS columns\n"
	"                         (default: the terminal's width, else 80)\n"
	"      --keys=SCRIPT      headless mode: apply the keys in SCRIPT\n"
	"                         (\"j j Enter PageDown\") and print the final\n"
	"                         screen as text; no terminal needed\n"
	"      --keys-file=FILE   headless mode with the script read from FILE\n"
	"                         (- for standard input)\n"
	"      --size=COLSxROWS   headless screen size (default 80x24)\n"
	"  -o, --output=FILE      write the headless screen to FILE\n"
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"Keys: j/k or Up/Down move (the selection in the sidebar, the text in\n"
	"the pane), Space/b or PageDown/PageUp page, g/G or Home/End go to the\n"
	"ends, J/K next/previous article from the pane, Tab or Enter switch\n"
	"between sidebar and pane, ? lists every key, q quits.\n"
	"\n"
	"Environment: LECTERN_CORPUS (corpus used with no PATH), TERM.\n"
	"Exit status: 0 success, 1 trouble (unreadable corpus, no terminal),\n"
	"2 bad usage.  Full documentation: man lectern; article format: man 5\n"
	"lectern.\n";

static void
usage_error(const char *msg)
{
	fprintf(stderr, "lectern: %s\nTry 'lectern --help' for more "
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
				fprintf(stderr, "lectern: unknown option '-%c'\n",
				        optopt);
			else
				fprintf(stderr, "lectern: unknown option '%s'\n",
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

/* Prints diagnostics to stderr; file names and messages can hold
 * anything a directory entry or an article holds, so they are escaped. */
static void
print_diags(const struct diag_list *dl, size_t from)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = from; i < dl->n; i++) {
		char *s = diag_format(&dl->v[i]);
		sb_reset(&sb);
		glyph_escape(s, strlen(s), &sb);
		fprintf(stderr, "lectern: %s\n", sb.buf);
		free(s);
	}
	sb_fini(&sb);
}

static int
load_corpus(struct corpus *c, int npaths, char **paths,
            struct diag_list *dl)
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
	print_diags(dl, 0);
	if (failed)
		return -1;
	if (c->n == 0) {
		fprintf(stderr, "lectern: no articles (.txt or .md files) in %s\n",
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

static int
do_list(struct corpus *c, struct diag_list *dl)
{
	struct strbuf title;
	sb_init(&title);
	for (size_t i = 0; i < c->n; i++) {
		size_t before = dl->n;
		corpus_load_body(c, i, dl);
		print_diags(dl, before);
		/* Titles are untrusted: no raw control character, and no tab
		 * or newline to break the record. */
		sb_reset(&title);
		glyph_escape(c->v[i].title, strlen(c->v[i].title), &title);
		printf("%zu\t%s\t%zu\n", i + 1, title.buf, c->v[i].words);
		corpus_unload_body(c, i);
	}
	sb_fini(&title);
	return fflush(stdout) == 0 ? 0 : EXIT_TROUBLE;
}

/* Prints article n (1-based) laid out as in the pane, without colour. */
static int
do_print(struct corpus *c, long n, int width, struct diag_list *dl)
{
	if ((size_t)n > c->n) {
		fprintf(stderr, "lectern: --print %ld: there %s only %zu "
		                "article%s\n",
		        n, c->n == 1 ? "is" : "are", c->n, c->n == 1 ? "" : "s");
		return EXIT_TROUBLE;
	}
	/* The pane's layout and drawing, on a frame one line high. */
	struct app a;
	app_init(&a, c, 2, 1);
	app_select(&a, (size_t)n - 1);
	print_diags(&a.diags, 0);
	layout_build(&a.layout, c->v[a.open].title, a.meta, c->v[a.open].body,
	             &a.doc, width);
	struct frame f;
	frame_init(&f);
	frame_resize(&f, 1, width + 1);
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < a.layout.n; i++) {
		const struct line *ln = &a.layout.v[i];
		const char *src = c->v[a.open].body;
		if (ln->kind == LINE_TITLE)
			src = c->v[a.open].title;
		else if (ln->kind == LINE_META)
			src = a.meta;
		frame_fill(&f, 0, 0, f.cols, ROLE_TEXT);
		frame_put_text(&f, 0, 0, f.cols, src + ln->start,
		               ln->end - ln->start, ROLE_TEXT, 0);
		sb_reset(&sb);
		frame_to_text(&f, &sb);
		fputs(sb.buf, stdout);
	}
	sb_fini(&sb);
	frame_fini(&f);
	app_fini(&a);
	(void)dl;
	return fflush(stdout) == 0 ? 0 : EXIT_TROUBLE;
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
static int
do_headless(struct corpus *c, const struct options *o,
            struct diag_list *dl)
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
		print_diags(dl, 0);
		script_fini(&sc);
		return EXIT_USAGE;
	}
	struct app a;
	app_init(&a, c, o->rows, o->cols);
	/* As the interactive loop: draw whenever an event changed anything,
	 * so the mode costs (and tests) what a user's session does. */
	render_app(&a);
	for (size_t i = 0; i < sc.n && !a.quit; i++) {
		if (sc.v[i].kind == SCRIPT_RESIZE)
			app_resize(&a, sc.v[i].rows, sc.v[i].cols);
		else
			app_key(&a, sc.v[i].key);
		if (a.dirty)
			render_app(&a);
	}
	render_app(&a);
	print_diags(&a.diags, 0);
	struct strbuf sb;
	sb_init(&sb);
	frame_to_text(&a.frame, &sb);
	int rc = 0;
	FILE *out = o->output ? fopen(o->output, "w") : stdout;
	if (!out) {
		fprintf(stderr, "lectern: %s: %s\n", o->output, strerror(errno));
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
do_interactive(struct corpus *c, const struct diag_list *load_diags,
               bool ascii)
{
	struct theme theme;
	theme_default(&theme);
	char *note = NULL, *err = NULL;
	struct tty *t = tty_open(&theme, true, ascii, &note, &err);
	if (!t) {
		fprintf(stderr, "lectern: %s\n", err);
		free(err);
		return EXIT_TROUBLE;
	}
	int rows, cols;
	tty_size(t, &rows, &cols);
	struct app a;
	app_init(&a, c, rows, cols);
	if (note)
		app_message(&a, false, "%s", note);
	else if (ascii)
		app_message(&a, false, "the locale is not UTF-8: characters "
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
		int key = tty_read_key(t);
		if (tty_quit_requested(t))
			break;
		if (key == K_RESIZE) {
			tty_size(t, &rows, &cols);
			app_resize(&a, rows, cols);
		} else if (key) {
			app_key(&a, key);
		}
	}
	tty_close(t);
	print_diags(load_diags, 0);
	print_diags(&a.diags, 0);
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
	struct corpus c;
	corpus_init(&c);
	struct diag_list dl;
	diag_list_init(&dl);
	int rc;
	if (load_corpus(&c, argc - optind, argv + optind, &dl) < 0)
		rc = EXIT_TROUBLE;
	else if (o.list)
		rc = do_list(&c, &dl);
	else if (o.print)
		rc = do_print(&c, o.print, o.width ? o.width : terminal_width(),
		              &dl);
	else if (o.keys || o.keys_file)
		rc = do_headless(&c, &o, &dl);
	else
		rc = do_interactive(&c, &dl, ascii);
	diag_list_fini(&dl);
	corpus_fini(&c);
	return rc;
}
