/*
 * cli.h - what lectern does without a terminal: --list, --print, --grep,
 * --check-config, --list-keys, and the config and diagnostics helpers
 * the program shares.  Prints to stdout and stderr: part of the program,
 * not of the core library.
 */
#ifndef LECTERN_CLI_H
#define LECTERN_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "corpus.h"
#include "util.h"

enum { EXIT_TROUBLE = 1, EXIT_USAGE = 2 };

/* Where the config comes from, for loading and reloading. */
struct config_source {
	char *path;      /* NULL: built-in defaults only */
	bool must_exist; /* named explicitly: missing is an error */
	bool had_file;   /* a file was loaded from path: its going away
	                  * later is not a change to the defaults */
	bool partial;    /* keep what a file with errors holds (keep_partial) */
};

/* s made safe to print (glyph_escape): every string from outside (a path,
 * a title, a config value, a pattern) goes through it.  Caller frees. */
char *cli_escape(const char *s);
/* Prints diagnostics from index from on, escaped, to stderr. */
void cli_print_diags(const struct diag_list *dl, size_t from);
/* --list: number, title, words per article, tab-separated. */
int cli_list(struct corpus *c, struct diag_list *dl);
/* --print: article n (1-based) laid out at width, without colour. */
int cli_print(struct corpus *c, long n, int width, struct diag_list *dl);
/* --grep: matching articles and lines under paths; 0 found, 1 none, 2
 * error (a path unreadable, no articles, a bad pattern).  cache_dir: the
 * heads caches to take heads from (NULL: none). */
int cli_grep(int npaths, char **paths, const char *pattern,
             const char *cache_dir);
/* Loads defaults, then src's file if there is one.  Returns 0 or -1. */
int cli_load_config(struct config *cfg, struct config_source *src,
                    struct diag_list *dl);
/* --check-config: files[0..nfiles), or the default source. */
int cli_check_config(int nfiles, char **files,
                     const struct config_source *dflt);
/* --list-keys: every context's bindings, then the conflicts. */
int cli_list_keys(const struct config *cfg);

#endif
