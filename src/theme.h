/*
 * theme.h - how each role looks: colours and attributes, in named themes.
 *
 * A style's colours are abstract (color.h); the terminal layer decides what
 * the terminal can show of them.  Built-in themes: "dark" (the default),
 * "light", "high-contrast", "monochrome" (attributes only).  A theme may
 * inherit another and override some elements; the config adds themes.
 */
#ifndef LECTERN_THEME_H
#define LECTERN_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "color.h"
#include "role.h"

/* X(ENUM_SUFFIX, "name") */
#define STYLE_ATTR_LIST(X)        \
	X(BOLD, "bold")           \
	X(DIM, "dim")             \
	X(ITALIC, "italic")       \
	X(UNDERLINE, "underline") \
	X(REVERSE, "reverse")     \
	X(STANDOUT, "standout")

enum style_attr_bit {
#define ATTR_BIT_ENUM(e, name) ATTR_BIT_##e,
	STYLE_ATTR_LIST(ATTR_BIT_ENUM)
#undef ATTR_BIT_ENUM
	        ATTR_BIT_COUNT
};

enum style_attr {
#define ATTR_ENUM(e, name) ATTR_##e = 1 << ATTR_BIT_##e,
	STYLE_ATTR_LIST(ATTR_ENUM)
#undef ATTR_ENUM
};

struct style {
	int fg; /* COLOR_DEFAULT, 0-255, or COLOR_RGB(...) */
	int bg;
	unsigned attrs; /* enum style_attr bits */
};

struct theme {
	struct style roles[ROLE_COUNT];
};

/* The attribute called name[0..len) (an ATTR_* bit), or 0. */
unsigned style_attr_lookup(const char *name, size_t len);
/* The name of one ATTR_* bit. */
const char *style_attr_name(unsigned attr);

/* The role whose config name is name[0..len), or -1. */
int role_lookup(const char *name, size_t len);
const char *role_name(enum role r);
const char *role_help(enum role r);

/* Number of built-in themes, and the name of the i-th. */
size_t theme_builtin_count(void);
const char *theme_builtin_name(size_t i);
/* Fills t with the built-in theme called name; returns 0, or -1 when
 * there is none of that name. */
int theme_builtin(const char *name, struct theme *t);

/* Fills t with the built-in dark theme (the default). */
void theme_default(struct theme *t);

#endif
