/*
 * role.h - what a cell on screen *is*, not how it looks.
 *
 * Drawing code asks for roles; the theme maps each role to a style; only the
 * terminal layer turns styles into colour pairs.  Declared once here, as an
 * X-macro, so the theme and the config can name every role.
 */
#ifndef LECTERN_ROLE_H
#define LECTERN_ROLE_H

/* X(ENUM_SUFFIX, "config-name", "what it is") */
#define ROLE_LIST(X)                                                           \
	X(NORMAL, "normal", "anything not covered by another element")         \
	X(SIDEBAR, "sidebar", "article titles in the sidebar")                 \
	X(SELECTED, "selected", "the selected article, sidebar focused")       \
	X(SELECTED_INACTIVE, "selected-inactive",                              \
	  "the selected article, reading pane focused")                        \
	X(BORDER, "border", "the line between sidebar and pane")               \
	X(FOCUS_BORDER, "focus-border",                                        \
	  "that line while the reading pane has the focus")                    \
	X(TITLE, "title", "the article title in the pane")                     \
	X(META, "metadata", "the metadata line under the title")               \
	X(TEXT, "text", "article body text")                                   \
	X(HEADING, "heading", "section headings in the body")                  \
	X(STATUS, "status", "the status line")                                 \
	X(MESSAGE, "message", "messages in the status line")                   \
	X(ERROR, "error", "errors in the status line")                         \
	X(CONTROL, "control", "placeholders for control characters")           \
	X(HELP_HEADING, "help-heading", "context headings in the help screen") \
	X(HELP_KEY, "help-key", "key names in the help screen")                \
	X(POPUP, "popup", "the popup listing keys that can follow")            \
	X(UNREAD, "unread", "unread articles in the sidebar")                  \
	X(MATCH, "search-match", "search matches in the text")                 \
	X(CURRENT_MATCH, "current-match",                                      \
	  "the match or keyword hit n or ] last moved to")                     \
	X(GROUP_1, "group-1",                                                  \
	  "keyword group 1 (and 7, 13 ...) without a style")                   \
	X(GROUP_2, "group-2",                                                  \
	  "keyword group 2 (and 8, 14 ...) without a style")                   \
	X(GROUP_3, "group-3",                                                  \
	  "keyword group 3 (and 9, 15 ...) without a style")                   \
	X(GROUP_4, "group-4", "keyword group 4 (and 10 ...) without a style")  \
	X(GROUP_5, "group-5", "keyword group 5 (and 11 ...) without a style")  \
	X(GROUP_6, "group-6", "keyword group 6 (and 12 ...) without a style")

/* The keyword-group colours a theme gives (group-1 .. group-6). */
#define THEME_GROUP_COLORS 6

enum role {
#define ROLE_ENUM(e, name, help) ROLE_##e,
	ROLE_LIST(ROLE_ENUM)
#undef ROLE_ENUM
	        ROLE_COUNT
};

#endif
