/*
 * config_int.h - what the files of the config module share, and nothing
 * outside them sees.
 *
 * config.c loads a file: it owns struct load, the diagnostics and the
 * helpers that read nodes of the expected shape, and hands each section
 * to the file that knows it: config_keys.c (keys:, and the conflicts of
 * the keymap), config_theme.c (theme:, themes: and styles),
 * config_highlight.c (highlight:).  config_dump.c writes a config back as
 * YAML.  The YAML itself is a yamldoc tree; no libyaml type is seen here.
 */
#ifndef LECTERN_CONFIG_INT_H
#define LECTERN_CONFIG_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "theme.h"
#include "util.h"
#include "yamldoc.h"

enum {
	CFG_MAX_ERRORS = 50,
	CFG_MAX_BINDINGS = 1024, /* per file: keymap_bind is linear */
	CFG_MAX_THEMES = 64,     /* in all: chains are resolved linearly */
	CFG_MAX_GROUPS = 256,
	/* A keyword is a word or a phrase; the words and patterns of all
	 * groups, counted each time an alias repeats them, are capped so
	 * that a small file cannot make a huge automaton (64 aliases of a
	 * 900 KB list took 1.8 s and 234 MB to start). */
	CFG_MAX_WORD = 256,
	CFG_MAX_HIGHLIGHT_BYTES = 512 * 1024,
	CFG_SUGGEST_MAX = 2, /* edit distance for "did you mean" */
};

/*
 * A user theme's element style records only the fields the file gives:
 * the others hold these in theme_def.roles and are inherited when the
 * theme is resolved.
 */
#define STYLE_UNSET_COLOR (-2)
#define STYLE_UNSET_ATTRS 0x80000000u

/* What one load works with. */
struct load {
	const char *file;
	const char *text;
	size_t len;
	struct diag_list *diags;
	struct config *cfg; /* the copy being built */
	int errors;
	bool builtin;
	size_t nbindings;
};

/* config.c: the parts of a config. */
void cfg_theme_def_fini(struct theme_def *t);
void cfg_group_fini(struct hl_group *g);

/*
 * config.c: errors.  Each adds "PATH: message" (just the message when path
 * is NULL or empty) at node n or at line:col, up to CFG_MAX_ERRORS.
 */
void cfg_err(struct load *ld, const struct ydoc_node *n, const char *path,
             const char *fmt, ...) LECTERN_PRINTF(4, 5);
void cfg_err_at(struct load *ld, int line, int col, const char *path,
                const char *fmt, ...) LECTERN_PRINTF(5, 6);
/* "unknown WHAT 'S' (did you mean 'X'?)", or (expected ...) without one;
 * cand[0..n) are the names S could have meant. */
void cfg_err_unknown(struct load *ld, int line, int col, const char *path,
                     const char *what, const char *s, const char *const *cand,
                     size_t n, const char *expected);

/* config_view.c: the view section. */
void cfg_load_view(struct load *ld, const struct ydoc_node *n);
void cfg_load_yank(struct load *ld, const struct ydoc_node *n);

/* config.c: nodes of the expected shape. */
/* A YAML boolean (true/false; YAML 1.1's yes/no/on/off too) into *b,
 * else an error at n. */
void cfg_bool(struct load *ld, const struct ydoc_node *n, const char *path,
              bool *b);

/* The text of a string node, or NULL after an error "expected WHAT". */
const char *cfg_string(struct load *ld, const struct ydoc_node *n,
                       const char *path, const char *what);
/* A mapping node, or NULL after an error (or silently for null). */
const struct ydoc_node *cfg_mapping(struct load *ld, const struct ydoc_node *n,
                                    const char *path, const char *what);
/*
 * The keys of mapping n, as strings, with an error for each key that is
 * not one or repeats an earlier key (those are NULL).  Caller frees the
 * array (not the strings, which belong to the document).
 */
const char **cfg_map_keys(struct load *ld, const struct ydoc_node *n,
                          const char *path);
/*
 * Calls fn for each item of a string or list of strings; a null value is
 * an empty list.  Items that are not strings are errors.
 */
void cfg_each_string(struct load *ld, const struct ydoc_node *n,
                     const char *path, const char *what,
                     void (*fn)(struct load *, const struct ydoc_node *,
                                const char *, const char *, void *),
                     void *arg);

/* The sections, each applied to ld->cfg. */
void cfg_load_keys(struct load *ld, const struct ydoc_node *n);
void cfg_load_themes(struct load *ld, const struct ydoc_node *n);
void cfg_load_theme_name(struct load *ld, const struct ydoc_node *n);
void cfg_load_highlight(struct load *ld, const struct ydoc_node *n);

/* config_theme.c: reads {fg, bg, attrs} into st; fields not given are
 * left as they are. */
void cfg_load_style(struct load *ld, const struct ydoc_node *n,
                    const char *path, struct style *st);
/* config_theme.c: fills out with theme name, inheritance applied. */
void cfg_resolve_theme(const struct config *cfg, const char *name,
                       struct theme *out);

#endif
