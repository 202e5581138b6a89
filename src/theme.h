/*
 * theme.h - how each role looks: colours and attributes.
 *
 * A style's colours are abstract (a palette index or an RGB value); the
 * terminal layer decides what the terminal can show of them.
 */
#ifndef LECTERN_THEME_H
#define LECTERN_THEME_H

#include "role.h"

#define COLOR_DEFAULT (-1)
/* A direct colour: COLOR_RGB(0xff8800).  Indexes 0-255 are plain ints. */
#define COLOR_RGB_FLAG 0x1000000
#define COLOR_RGB(rgb) (COLOR_RGB_FLAG | (rgb))

enum style_attr {
	ATTR_BOLD = 1 << 0,
	ATTR_DIM = 1 << 1,
	ATTR_ITALIC = 1 << 2,
	ATTR_UNDERLINE = 1 << 3,
	ATTR_REVERSE = 1 << 4,
	ATTR_STANDOUT = 1 << 5,
};

struct style {
	int fg;         /* COLOR_DEFAULT, 0-255, or COLOR_RGB(...) */
	int bg;
	unsigned attrs; /* enum style_attr bits */
};

struct theme {
	struct style roles[ROLE_COUNT];
};

/* Fills t with the built-in dark theme. */
void theme_default(struct theme *t);

#endif
