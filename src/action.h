/*
 * action.h - everything a key can do, declared once.
 *
 * The X-macro generates the enum, the config names and the help texts; the
 * help screen, the keymap, the config loader and the man page table all
 * read this one list.
 */
#ifndef LECTERN_ACTION_H
#define LECTERN_ACTION_H

#include <stddef.h>

/* X(ENUM_SUFFIX, "config-name", "help text") */
#define ACTION_LIST(X)                                                        \
	X(NONE, "none", "do nothing (unbinds a key)")                          \
	X(QUIT, "quit", "quit lectern")                                        \
	X(HELP, "help", "show the help screen")                                \
	X(CLOSE_HELP, "close-help", "leave the help screen")                   \
	X(TOGGLE_FOCUS, "toggle-focus", "move focus between sidebar and pane") \
	X(FOCUS_LIST, "focus-list", "move focus to the sidebar")               \
	X(FOCUS_PAGER, "focus-pager", "move focus to the reading pane")        \
	X(REDRAW, "redraw", "redraw the screen")                               \
	X(RELOAD_CONFIG, "reload-config", "read the config file again")       \
	X(NEXT_ARTICLE, "next-article", "select the next article")             \
	X(PREV_ARTICLE, "prev-article", "select the previous article")         \
	X(FIRST_ARTICLE, "first-article", "select the first article")          \
	X(LAST_ARTICLE, "last-article", "select the last article")             \
	X(SCROLL_DOWN, "scroll-down", "scroll down one line")                  \
	X(SCROLL_UP, "scroll-up", "scroll up one line")                        \
	X(PAGE_DOWN, "page-down", "scroll down one page")                      \
	X(PAGE_UP, "page-up", "scroll up one page")                            \
	X(HALF_PAGE_DOWN, "half-page-down", "scroll down half a page")         \
	X(HALF_PAGE_UP, "half-page-up", "scroll up half a page")               \
	X(TOP, "top", "go to the top")                                         \
	X(BOTTOM, "bottom", "go to the bottom")

enum action {
#define ACTION_ENUM(e, name, help) ACT_##e,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

/* The config name of a ("scroll-down"); a static string. */
const char *action_name(enum action a);
/* The one-line help text of a; a static string. */
const char *action_help(enum action a);
/* The action called name[0..len), or -1. */
int action_lookup(const char *name, size_t len);

#endif
