/*
 * config.h - lectern's configuration: keys, themes, keyword groups.
 *
 * One YAML file, read with libyaml (confined to yamldoc.c).  The built-in
 * defaults are themselves a YAML text, config_default_yaml, loaded through
 * the same code; a user's file is applied over them.  Loading is all or
 * nothing: a file with any error leaves the config as it was, and every
 * error is reported (file, line, column, what was expected), not just the
 * first.
 *
 * The file:
 *   keys:                      # per context: action -> key or [keys]
 *     pager:                   # contexts: keymap.h; actions: action.h
 *       scroll-down: [j, Down] # listing an action replaces its keys
 *       top: g g               #   in that context; "none" unbinds keys
 *   theme: dark                # the theme in use
 *   themes:                    # user themes: element -> style
 *     mine:
 *       inherit: light         # optional: start from another theme
 *       title: {fg: "#ff8800", bg: default, attrs: [bold, underline]}
 *   highlight:                 # keyword groups, in order
 *     - name: companies
 *       words: [Huawei, ZTE]   # literal words
 *       patterns: ['5G|LTE']   # regular expressions (optional)
 *       ignore-case: true      # default true
 *       whole-word: true       # default true
 *       style: {fg: red, attrs: [bold]}
 */
#ifndef LECTERN_CONFIG_H
#define LECTERN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"
#include "theme.h"
#include "util.h"

/* Limits on hostile files (libyaml 0.2.5 itself has none). */
#define CONFIG_MAX_BYTES (1024 * 1024)
#define CONFIG_MAX_DEPTH 16
#define CONFIG_MAX_ALIASES 64
#define CONFIG_MAX_SCALAR 4096

struct hl_group {
	char *name;
	char **words;
	size_t nwords;
	char **patterns;
	size_t npatterns;
	bool ignore_case;
	bool whole_word;
	struct style style;
	bool styled; /* style given; else the theme's group-N colours */
	bool drop;   /* drop: true, removes the group of this name */
	int line;    /* where the group is defined (0 for built-ins) */
};

/* A theme from the config (or a built-in), before inheritance. */
struct theme_def {
	char *name;
	char *inherit; /* NULL: none (built-ins are complete) */
	struct style roles[ROLE_COUNT];
	bool set[ROLE_COUNT]; /* which roles this definition sets */
	int line;
	int col;
};

/* view: how the screen is laid out from the start (keys toggle some). */
struct view_config {
	bool line_numbers;    /* line-numbers: in the pane (less -N) */
	bool article_numbers; /* article-numbers: in the sidebar */
	bool sidebar;         /* sidebar: shown (S hides it) */
	int sidebar_cols;     /* sidebar-width: N columns, or 0 ... */
	int sidebar_percent;  /* ... N% of the screen (30) */
	int text_width;       /* text-width: the most columns of text, 0 all */
	bool mouse;           /* mouse: wheel and clicks (off: the terminal
	                       * keeps its own selection) */
};

/* yank: the citation under a quote, and where a copy goes. */
struct yank_config {
	char *citation; /* a template (cite.h); NULL: the built-in one */
	int to;         /* enum clip_target */
};

struct config {
	struct keymap keymap;
	char *theme_name;
	struct theme_def *themes; /* user themes */
	size_t nthemes;
	struct theme theme; /* theme_name resolved, inheritance applied */
	struct hl_group *groups;
	size_t ngroups;
	struct view_config view;
	struct yank_config yank;
	/* Apply what a file holds even when it has errors (--list-keys
	 * shows the keys as read); normally a file with errors changes
	 * nothing. */
	bool keep_partial;
};

/* The style keyword group g is drawn in: its own, or the theme's
 * group-1 .. group-6 colours in turn for a group with none. */
struct style config_group_style(const struct config *cfg, size_t g);

/* The built-in config, as YAML (generated from data/config.yaml). */
extern const char config_default_yaml[];

void config_init(struct config *cfg);
void config_fini(struct config *cfg);

/* Loads the built-in defaults into an initialised cfg.  Cannot fail
 * unless the built-in text is broken (a test checks it is not). */
int config_load_defaults(struct config *cfg, struct diag_list *diags);

/*
 * Applies YAML text[0..len) over cfg.  file names the source in
 * diagnostics.  Returns 0, or -1 with every problem in diags and cfg
 * unchanged.  Errors are formatted like
 *   config.yaml:12:7: keys.pager: unknown action 'scrol-down' (did you mean 'scroll-down'?)
 */
int config_load_string(struct config *cfg, const char *text, size_t len,
                       const char *file, struct diag_list *diags);

/*
 * Reads path and applies it as config_load_string does.  Refuses, with a
 * clear error, what is not a regular file (a directory, a FIFO,
 * /dev/zero), a file over CONFIG_MAX_BYTES, and text that is not UTF-8.
 */
int config_load_file(struct config *cfg, const char *path,
                     struct diag_list *diags);

/*
 * The config file to read: explicit if not NULL, else $LECTERN_CONFIG,
 * else $XDG_CONFIG_HOME/lectern/config.yaml, else
 * $HOME/.config/lectern/config.yaml.  Caller frees.  *must_exist is true
 * for the first two (a missing file is then an error), false for the
 * others (a missing file means the defaults).
 */
char *config_path(const char *explicit, bool *must_exist);

/*
 * Writes cfg as YAML that config_load_string reads back to the same
 * config: every context's bindings, the theme in use, user themes, groups.
 */
void config_dump(const struct config *cfg, struct strbuf *out);

/*
 * Reports (as warnings) bindings that cannot work: a sequence shadowed by
 * a binding of its own prefix in the same or the global context ("g" and
 * "g g").  Returns the number found.
 */
size_t config_conflicts(const struct config *cfg, struct diag_list *diags);

#endif
