/*
 * color.h - colour values: parsing their names and fitting them to what a
 * terminal can show.
 *
 * A colour is an int: COLOR_DEFAULT (-1, the terminal's own), a palette
 * index 0-255, or COLOR_RGB(0xrrggbb) for a direct colour.
 */
#ifndef LECTERN_COLOR_H
#define LECTERN_COLOR_H

#include <stddef.h>

#define COLOR_DEFAULT (-1)
#define COLOR_RGB_FLAG 0x1000000
#define COLOR_RGB(rgb) (COLOR_RGB_FLAG | (rgb))
#define COLOR_IS_RGB(c) ((c) >= 0 && ((c)&COLOR_RGB_FLAG))

/*
 * Parses a colour name: "default"; the eight names black, red, green,
 * yellow, blue, magenta, cyan, white (0-7) and their "bright-" forms
 * (8-15); a palette index "0".."255"; "#rrggbb" (hex, either case).
 * Returns 0 and sets *color, or -1.
 */
int color_parse(const char *s, int *color);

/* Writes the canonical name of color into buf (at least 16 bytes):
 * the form color_parse reads back to the same value. */
char *color_name(int color, char *buf);

/*
 * Fits color to a terminal with ncolors colours (8, 16, 256; 0 or less
 * for none; 0x1000000 or more for direct colour):
 *  - COLOR_DEFAULT stays;
 *  - with no colours, everything is COLOR_DEFAULT;
 *  - a direct colour stays on a direct-colour terminal, else becomes the
 *    nearest (by squared RGB distance) of the xterm 256-colour palette's
 *    6x6x6 cube and grey ramp (on 256), or of the 16 / 8 standard colours;
 *  - an index beyond ncolors becomes the nearest colour that exists
 *    (a bright colour 8-15 on 8 colours: its dark form, index - 8).
 * On a direct-colour terminal a palette index stays an index.
 */
int color_fit(int color, int ncolors);
/*
 * color_fit for a foreground drawn on bg: on 8 or 16 colours it never
 * gives the colour the background fits to (black for a default
 * background, as lectern's dark themes assume), so a #444444 border
 * does not vanish on a dark 8-colour terminal; black asked for as black
 * stays black.
 */
int color_fit_fg(int fg, int bg, int ncolors);

/* The RGB value xterm uses for palette index i (0-255), as 0xrrggbb. */
int color_index_rgb(int i);

#endif
