/* options.c - the command line and --help. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "script.h"
#include "util.h"

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
	OPT_NO_CACHE,
	OPT_EXPORT_NOTES,
	OPT_FORMAT,
};

static const struct option longopts[] = {
        {"list", no_argument, NULL, 'l'},
        {"print", required_argument, NULL, 'p'},
        {"width", required_argument, NULL, 'w'},
        {"grep", required_argument, NULL, OPT_GREP},
        {"keys", required_argument, NULL, OPT_KEYS},
        {"keys-file", required_argument, NULL, OPT_KEYS_FILE},
        {"size", required_argument, NULL, OPT_SIZE},
        {"output", required_argument, NULL, 'o'},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"check-config", no_argument, NULL, OPT_CHECK_CONFIG},
        {"dump-config", no_argument, NULL, OPT_DUMP_CONFIG},
        {"list-keys", no_argument, NULL, OPT_LIST_KEYS},
        {"color", optional_argument, NULL, OPT_COLOR},
        {"colour", optional_argument, NULL, OPT_COLOR},
        {"no-state", no_argument, NULL, OPT_NO_STATE},
        {"no-cache", no_argument, NULL, OPT_NO_CACHE},
        {"export-notes", no_argument, NULL, OPT_EXPORT_NOTES},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
};

const char options_usage[] =
        "Usage: lectern [OPTION]... [PATH]...\n"
        "Read a corpus of articles in the terminal.\n"
        "\n"
        "Each PATH is an article file or a folder, read recursively for .txt\n"
        "and .md files.  With no PATH: $LECTERN_CORPUS if set, else the\n"
        "installed corpus, else ./corpus, else the corpus of the source "
        "tree\n"
        "lectern was built in (the first that holds articles).\n"
        "\n"
        "  -l, --list             print one line per article (number, title,\n"
        "                         word count; tab-separated) and exit\n"
        "  -p, --print=N          print article N, wrapped, and exit\n"
        "  -w, --width=COLS       wrap --print output to COLS columns\n"
        "                         (default: the terminal's width, else 80)\n"
        "      --grep=PATTERN     print each article matching PATTERN (a\n"
        "                         regular expression, smart case) with its\n"
        "                         number of matches and its matching lines;\n"
        "                         exit 0 if any matched, 1 if none, 2 on "
        "error\n"
        "      --export-notes     print every bookmark with its note, the\n"
        "                         paragraph it marks and its citation,\n"
        "                         by article (from the reading state; it\n"
        "                         changes nothing) and exit\n"
        "      --format=FORMAT    --export-notes as md (Markdown, the\n"
        "                         default) or yaml\n"
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
        "                         $XDG_CONFIG_HOME/lectern/config.yaml);\n"
        "                         an empty FILE (/dev/null) means the "
        "built-in\n"
        "                         defaults\n"
        "      --check-config     check the config file(s) given as PATHs (or\n"
        "                         the one lectern would read), print every\n"
        "                         error, exit 0 if valid, 1 if not\n"
        "      --dump-config      print the config in effect, as YAML\n"
        "      --list-keys        print every binding and report conflicts\n"
        "                         (keys shadowed or that no terminal sends)\n"
        "      --color[=WHEN]     colour: auto (the default; off when "
        "NO_COLOR\n"
        "                         is set), always (also with no WHEN), never\n"
        "      --no-state         neither read nor write the reading state\n"
        "                         (read marks, places, bookmarks, session)\n"
        "      --no-cache         neither read nor write the heads cache: "
        "read\n"
        "                         every article file's title at start-up\n"
        "  -h, --help             show this help and exit\n"
        "  -V, --version          show the version, the libraries' versions\n"
        "                         and the copyright, and exit\n"
        "\n";

/* The keys and the rest: a string of its own (C11 compilers need not
 * take a literal over 4095 bytes). */
const char options_usage_keys[] =
        "Keys: j/k or Up/Down move (the selection in the sidebar, the text in\n"
        "the pane; Enter, C-e/C-y too), Space/b or PageDown/PageUp page\n"
        "(Space at the end of an article opens the next unread), d/u or\n"
        "C-d/C-u half a page, g/G or Home/End go to the ends, a\n"
        "count repeats a key (5j; 10G: line 10, 50%: half-way), J/K\n"
        "next/previous article from the pane, Tab or Enter switch between\n"
        "sidebar and pane (q in the pane goes back), C-o/M-o go back/forward\n"
        "through the places jumped from, / searches (? backward in the pane),\n"
        "n/N go to the next/previous match, ] ] and [ [ to the next/previous\n"
        "keyword hit (] 1 for group 1), t 1 turns group 1 on or off, H all\n"
        "highlighting, t t lists the groups, s sorts the sidebar (by hits\n"
        "too), F filters it by a query, m marks read or unread, U/P go to the\n"
        "next/previous unread, M marks all read, # shows numbers, S hides the\n"
        "sidebar, M-m lists the messages, s in the pane saves the article\n"
        "(| pipes it to a command), o lists its links (Enter opens, y "
        "copies),\n"
        "v selects lines and y copies them with a citation, E saves the\n"
        "notes (--export-notes),\n"
        "B bookmarks the place, ' lists the bookmarks, R reloads the config,\n"
        "? (F1 in the pane) lists every key by task (/ there searches it),\n"
        "q or Q quits.\n"
        "\n"
        "Environment: LECTERN_CORPUS (corpus used with no PATH),\n"
        "LECTERN_CONFIG, XDG_CONFIG_HOME, XDG_STATE_HOME (reading state, kept\n"
        "per corpus), XDG_CACHE_HOME (the heads cache, per folder), NO_COLOR,\n"
        "TERM, LC_ALL/LC_CTYPE/LANG (with none set, the terminal is taken to\n"
        "use UTF-8).\n"
        "Exit status: 0 success, 1 trouble (unreadable corpus, no terminal),\n"
        "2 bad usage.  Full documentation: man lectern; article format: man 5\n"
        "lectern; config file: man lectern-config.\n";

/* s made safe to print: an argument can hold any byte. */
static char *
escaped(const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	glyph_escape(s, strlen(s), &sb);
	return sb_detach(&sb);
}

/*
 * The option getopt stopped at, as the user would recognise it: "--config"
 * for "--conf" (the full name of the long option typed), "-p" for "-lp".
 */
static char *
option_name(const char *word, int opt)
{
	if (word && strncmp(word, "--", 2) == 0) {
		const char *name = word + 2;
		size_t len = strcspn(name, "=");
		for (const struct option *lo = longopts; lo->name; lo++)
			if (lo->val == opt && strncmp(lo->name, name, len) == 0)
				return xasprintf("--%s", lo->name);
		char *typed = xstrndup(word, (size_t)(name - word) + len);
		char *e = escaped(typed);
		free(typed);
		return e;
	}
	char s[2] = {(char)opt, '\0'};
	char *e = escaped(s);
	char *r = xasprintf("-%s", e);
	free(e);
	return r;
}

/* "unknown option", or for a long option that abbreviates several,
 * "ambiguous option" with what it could mean (as GNU getopt says it). */
static char *
unknown(const char *word, const char *name)
{
	if (!word || strncmp(word, "--", 2) != 0)
		return xasprintf("unknown option '%s'", name);
	size_t len = strcspn(word + 2, "=");
	struct strbuf sb;
	sb_init(&sb);
	int n = 0;
	for (const struct option *lo = longopts; lo->name; lo++)
		if (strncmp(lo->name, word + 2, len) == 0) {
			sb_addf(&sb, " '--%s'", lo->name);
			n++;
		}
	char *m =
	        n > 1 ? xasprintf("option '%s' is ambiguous; possibilities:%s",
	                          name, sb.buf)
	              : xasprintf("unknown option '%s'", name);
	sb_fini(&sb);
	return m;
}

/* A number from 1 to 1000000, or -1. */
static long
positive(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v < 1 || v > 1000000)
		return -1;
	return v;
}

/* "OPT: 'ARG' WHY", both escaped. */
static char *
bad_value(const char *opt, const char *arg, const char *why)
{
	char *e = escaped(arg);
	char *m = xasprintf("%s: '%s' %s", opt, e, why);
	free(e);
	return m;
}

static int
take(struct options *o, int c, const char *arg, char **err)
{
	long v;
	switch (c) {
	case 'l':
		o->list = true;
		break;
	case 'p':
		if ((o->print = positive(arg)) < 0) {
			*err = bad_value("--print", arg,
			                 "is not a positive number");
			return -1;
		}
		break;
	case 'w':
		if ((v = positive(arg)) < 0) {
			*err = bad_value("--width", arg,
			                 "is not a positive number");
			return -1;
		}
		o->width = (int)v;
		break;
	case OPT_KEYS:
		o->keys = arg;
		break;
	case OPT_KEYS_FILE:
		o->keys_file = arg;
		break;
	case OPT_SIZE:
		if (script_parse_size(arg, strlen(arg), &o->cols, &o->rows)) {
			*err = bad_value("--size", arg,
			                 "is not COLSxROWS, like 80x24");
			return -1;
		}
		break;
	case 'o':
		o->output = arg;
		break;
	case OPT_CONFIG:
		o->config = arg;
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
	case OPT_NO_CACHE:
		o->no_cache = true;
		break;
	case OPT_EXPORT_NOTES:
		o->export_notes = true;
		break;
	case OPT_FORMAT:
		if (strcmp(arg, "md") == 0 || strcmp(arg, "markdown") == 0)
			o->notes_yaml = false;
		else if (strcmp(arg, "yaml") == 0)
			o->notes_yaml = true;
		else {
			*err = bad_value("--format", arg, "is not md or yaml");
			return -1;
		}
		break;
	case OPT_GREP:
		o->grep = arg;
		break;
	case OPT_COLOR:
		/* As GNU ls and grep: --color alone means always. */
		if (!arg || strcmp(arg, "always") == 0)
			o->color = COLOR_ALWAYS;
		else if (strcmp(arg, "auto") == 0)
			o->color = COLOR_AUTO;
		else if (strcmp(arg, "never") == 0)
			o->color = COLOR_NEVER;
		else {
			*err = bad_value("--color", arg,
			                 "is not auto, always or never");
			return -1;
		}
		break;
	case 'h':
		o->help = true;
		break;
	case 'V':
		o->version = true;
		break;
	}
	return 0;
}

int
options_parse(int argc, char **argv, struct options *o, char **err)
{
	memset(o, 0, sizeof *o);
	o->cols = 80;
	o->rows = 24;
	*err = NULL;
	opterr = 0;
	optind = 0; /* GNU: start afresh (tests parse more than once) */
	int c;
	while ((c = getopt_long(argc, argv, ":lp:w:o:hV", longopts, NULL)) !=
	       -1) {
		const char *word =
		        optind > 0 && optind <= argc ? argv[optind - 1] : NULL;
		if (c == ':' || c == '?') {
			char *name = option_name(word, optopt);
			if (c == ':')
				*err = xasprintf("option '%s' needs a value",
				                 name);
			else
				*err = unknown(word, name);
			free(name);
			return -1;
		}
		if (take(o, c, optarg, err) < 0)
			return -1;
	}
	o->first_path = optind;
	return 0;
}
