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
#define ACTION_LIST(X)                                                         \
	X(NONE, "none", "do nothing (unbinds a key)")                          \
	X(QUIT, "quit", "quit lectern")                                        \
	X(HELP, "help", "show the help screen")                                \
	X(CLOSE_HELP, "close-help", "leave the help screen")                   \
	X(TOGGLE_FOCUS, "toggle-focus", "move focus between sidebar and pane") \
	X(FOCUS_LIST, "focus-list", "move focus to the sidebar")               \
	X(FOCUS_PAGER, "focus-pager", "move focus to the reading pane")        \
	X(REDRAW, "redraw", "redraw the screen")                               \
	X(RELOAD_CONFIG, "reload-config", "read the config file again")        \
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
	X(BOTTOM, "bottom", "go to the bottom")                                \
	X(NEXT_HIT, "next-hit", "go to the next keyword hit (any group)")      \
	X(PREV_HIT, "prev-hit", "go to the previous keyword hit (any group)")  \
	X(NEXT_HIT_1, "next-hit-1", "go to the next hit of keyword group 1")   \
	X(NEXT_HIT_2, "next-hit-2", "go to the next hit of keyword group 2")   \
	X(NEXT_HIT_3, "next-hit-3", "go to the next hit of keyword group 3")   \
	X(NEXT_HIT_4, "next-hit-4", "go to the next hit of keyword group 4")   \
	X(NEXT_HIT_5, "next-hit-5", "go to the next hit of keyword group 5")   \
	X(NEXT_HIT_6, "next-hit-6", "go to the next hit of keyword group 6")   \
	X(NEXT_HIT_7, "next-hit-7", "go to the next hit of keyword group 7")   \
	X(NEXT_HIT_8, "next-hit-8", "go to the next hit of keyword group 8")   \
	X(NEXT_HIT_9, "next-hit-9", "go to the next hit of keyword group 9")   \
	X(PREV_HIT_1, "prev-hit-1",                                            \
	  "go to the previous hit of keyword group 1")                         \
	X(PREV_HIT_2, "prev-hit-2",                                            \
	  "go to the previous hit of keyword group 2")                         \
	X(PREV_HIT_3, "prev-hit-3",                                            \
	  "go to the previous hit of keyword group 3")                         \
	X(PREV_HIT_4, "prev-hit-4",                                            \
	  "go to the previous hit of keyword group 4")                         \
	X(PREV_HIT_5, "prev-hit-5",                                            \
	  "go to the previous hit of keyword group 5")                         \
	X(PREV_HIT_6, "prev-hit-6",                                            \
	  "go to the previous hit of keyword group 6")                         \
	X(PREV_HIT_7, "prev-hit-7",                                            \
	  "go to the previous hit of keyword group 7")                         \
	X(PREV_HIT_8, "prev-hit-8",                                            \
	  "go to the previous hit of keyword group 8")                         \
	X(PREV_HIT_9, "prev-hit-9",                                            \
	  "go to the previous hit of keyword group 9")                         \
	X(TOGGLE_GROUP_1, "toggle-group-1", "turn keyword group 1 on or off")  \
	X(TOGGLE_GROUP_2, "toggle-group-2", "turn keyword group 2 on or off")  \
	X(TOGGLE_GROUP_3, "toggle-group-3", "turn keyword group 3 on or off")  \
	X(TOGGLE_GROUP_4, "toggle-group-4", "turn keyword group 4 on or off")  \
	X(TOGGLE_GROUP_5, "toggle-group-5", "turn keyword group 5 on or off")  \
	X(TOGGLE_GROUP_6, "toggle-group-6", "turn keyword group 6 on or off")  \
	X(TOGGLE_GROUP_7, "toggle-group-7", "turn keyword group 7 on or off")  \
	X(TOGGLE_GROUP_8, "toggle-group-8", "turn keyword group 8 on or off")  \
	X(TOGGLE_GROUP_9, "toggle-group-9", "turn keyword group 9 on or off")  \
	X(TOGGLE_HIGHLIGHT, "toggle-highlight",                                \
	  "turn all keyword highlighting on or off")                           \
	X(SEARCH_FORWARD, "search-forward",                                    \
	  "search forward in the article (regular expression)")                \
	X(SEARCH_BACKWARD, "search-backward",                                  \
	  "search backward in the article")                                    \
	X(SEARCH_NEXT, "search-next", "go to the next search match")           \
	X(SEARCH_PREV, "search-prev", "go to the previous search match")       \
	X(CLEAR_SEARCH, "clear-search", "stop showing search matches")         \
	X(SORT, "sort",                                                        \
	  "sort the sidebar the next way (corpus order, title, date, hits, "   \
	  "unread first)")                                                     \
	X(FILTER, "filter",                                                    \
	  "show only the articles matching a query (title or body)")           \
	X(CLEAR_FILTER, "clear-filter", "show every article again")            \
	X(GROUPS, "groups", "list the keyword groups with their counts")       \
	X(TOGGLE_GROUP, "toggle-group",                                        \
	  "turn the selected keyword group on or off")                         \
	X(CLOSE, "close", "close this view")                                   \
	X(TOGGLE_READ, "toggle-read", "mark the article read or unread")       \
	X(NEXT_UNREAD, "next-unread", "go to the next unread article")         \
	X(ADD_BOOKMARK, "add-bookmark",                                        \
	  "bookmark the place in the article, with a note")                    \
	X(BOOKMARKS, "bookmarks", "list the bookmarks")                        \
	X(OPEN_BOOKMARK, "open-bookmark", "go to the selected bookmark")       \
	X(DELETE_BOOKMARK, "delete-bookmark", "delete the selected bookmark")  \
	X(GOTO_PERCENT, "goto-percent",                                        \
	  "go to N percent of the article (a count first: 50%)")               \
	X(JUMP_BACK, "jump-back", "go back to the place before the last jump") \
	X(JUMP_FORWARD, "jump-forward",                                        \
	  "go forward again to the place jump-back left")                      \
	X(PREV_UNREAD, "prev-unread", "go to the previous unread article")     \
	X(MARK_ALL_READ, "mark-all-read",                                      \
	  "mark every article of the sidebar read (again: undo)")              \
	X(TOGGLE_NUMBERS, "toggle-numbers",                                    \
	  "show or hide numbers (articles in the sidebar, lines in the pane)") \
	X(MESSAGES, "messages", "show the messages said so far")               \
	X(TOGGLE_SIDEBAR, "toggle-sidebar",                                    \
	  "hide the sidebar (the pane takes the width), or show it again")     \
	X(SAVE_ARTICLE, "save-article",                                        \
	  "save the article as shown, without colours, to a new file")         \
	X(PIPE_ARTICLE, "pipe-article",                                        \
	  "pipe the article as shown to a shell command (| wc -w)")            \
	X(LINKS, "links", "list the web and email addresses in the article")   \
	X(OPEN_LINK, "open-link",                                              \
	  "open the selected link ($BROWSER, xdg-open), or copy it")           \
	X(COPY_LINK, "copy-link", "copy the selected link to the clipboard")   \
	X(SELECT, "select",                                                    \
	  "start selecting lines from the top one (j/k extend, Esc cancels)")  \
	X(YANK, "yank",                                                        \
	  "copy the selected paragraphs (else the top one) with a citation")   \
	X(EXPORT_NOTES, "export-notes",                                        \
	  "save every bookmark with its note, passage and citation "           \
	  "(notes.md)")

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
