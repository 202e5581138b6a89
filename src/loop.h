/*
 * loop.h - the loops that drive the app (loop.c): interactive and
 * headless; and --export-notes.  Part of the program, not of the core
 * library.
 */
#ifndef LECTERN_LOOP_H
#define LECTERN_LOOP_H

#include <stdbool.h>

#include "cli.h"
#include "config.h"
#include "corpus.h"
#include "options.h"
#include "util.h"

/* --export-notes: every bookmark with its note, by article. */
int export_notes(struct corpus *c, const struct options *o,
                 struct diag_list *dl, struct config *cfg, const char *root);

/* The headless mode: the keys of --keys or --keys-file applied, the final
 * screen printed (or written to --output). */
int do_headless(struct corpus *c, const struct options *o, struct diag_list *dl,
                struct config *cfg, struct config_source *src,
                const char *root);

/* The terminal UI, until the reader quits.  load_diags: the corpus's
 * warnings, shown once the screen is given back.  keep_state: read and
 * write the reading state. */
int do_interactive(struct corpus *c, struct diag_list *load_diags, bool ascii,
                   bool color, struct config *cfg, struct config_source *src,
                   const char *root, bool keep_state);

#endif
