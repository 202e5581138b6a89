/* color.c - colour names and fitting colours to the terminal's palette. */
#include "color.h"

#include <stdio.h>
#include <string.h>

/* The names of palette indexes 0-7; 8-15 are their "bright-" forms. */
static const char *const base_names[8] = {
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const char bright_prefix[] = "bright-";

/*
 * xterm's default RGB for the 16 standard colours.  Terminals redefine
 * these freely, which is why a direct colour fitted to a 256-colour
 * terminal avoids them: the cube and the grey ramp are reliable.
 */
static const int standard_rgb[16] = {
        0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
        0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
        0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

/* The six levels of each axis of the 6x6x6 colour cube (16-231). */
static const int cube_level[6] = {0, 95, 135, 175, 215, 255};

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
base_name_index(const char *s)
{
	for (int i = 0; i < 8; i++)
		if (strcmp(s, base_names[i]) == 0)
			return i;
	return -1;
}

int
color_parse(const char *s, int *color)
{
	size_t len = strlen(s);
	int i;

	if (strcmp(s, "default") == 0) {
		*color = COLOR_DEFAULT;
		return 0;
	}
	if ((i = base_name_index(s)) >= 0) {
		*color = i;
		return 0;
	}
	if (strncmp(s, bright_prefix, sizeof bright_prefix - 1) == 0) {
		i = base_name_index(s + sizeof bright_prefix - 1);
		if (i < 0)
			return -1;
		*color = i + 8;
		return 0;
	}
	if (s[0] == '#') {
		int rgb = 0;

		if (len != 7)
			return -1;
		for (size_t k = 1; k < len; k++) {
			int d = hex_digit(s[k]);
			if (d < 0)
				return -1;
			rgb = rgb << 4 | d;
		}
		*color = COLOR_RGB(rgb);
		return 0;
	}
	/* A palette index: plain decimal digits, no sign, at most three
	 * (so strtol's overflow and whitespace rules never come into it). */
	if (len == 0 || len > 3)
		return -1;
	i = 0;
	for (size_t k = 0; k < len; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		i = i * 10 + (s[k] - '0');
	}
	if (i > 255)
		return -1;
	*color = i;
	return 0;
}

/* A value that is none of the documented forms is named "default": the
 * name must always parse, and the terminal's own colour is harmless. */
char *
color_name(int color, char *buf)
{
	if (COLOR_IS_RGB(color) && color <= COLOR_RGB(0xffffff))
		snprintf(buf, 16, "#%06x", (unsigned)(color & 0xffffff));
	else if (color >= 0 && color < 8)
		snprintf(buf, 16, "%s", base_names[color]);
	else if (color >= 8 && color < 16)
		snprintf(buf, 16, "%s%s", bright_prefix, base_names[color - 8]);
	else if (color >= 16 && color <= 255)
		snprintf(buf, 16, "%d", color);
	else
		snprintf(buf, 16, "default");
	return buf;
}

/* Returns -1 for an i outside 0-255, which no RGB value can be. */
int
color_index_rgb(int i)
{
	if (i < 0 || i > 255)
		return -1;
	if (i < 16)
		return standard_rgb[i];
	if (i < 232) {
		int c = i - 16;
		return cube_level[c / 36] << 16 | cube_level[c / 6 % 6] << 8 |
		       cube_level[c % 6];
	}
	int grey = 8 + 10 * (i - 232);
	return grey << 16 | grey << 8 | grey;
}

static long
rgb_distance(int a, int b)
{
	long dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
	long dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
	long db = (a & 0xff) - (b & 0xff);
	return dr * dr + dg * dg + db * db;
}

/* The palette index in [lo, hi] nearest to rgb; ties go to the lower
 * index so the result does not depend on anything but the inputs. */
static int
nearest_but(int rgb, int lo, int hi, int skip)
{
	int best = -1;
	long best_d = 0;

	for (int i = lo; i <= hi; i++) {
		if (i == skip)
			continue;
		long d = rgb_distance(rgb, color_index_rgb(i));
		if (best < 0 || d < best_d) {
			best = i;
			best_d = d;
		}
	}
	return best;
}

static int
nearest_index(int rgb, int lo, int hi)
{
	int best = lo;
	long best_d = rgb_distance(rgb, color_index_rgb(lo));

	for (int i = lo + 1; i <= hi && best_d > 0; i++) {
		long d = rgb_distance(rgb, color_index_rgb(i));
		if (d < best_d) {
			best = i;
			best_d = d;
		}
	}
	return best;
}

int
color_fit(int color, int ncolors)
{
	if (color < 0 || ncolors <= 0)
		return COLOR_DEFAULT;
	if (!COLOR_IS_RGB(color) && color > 255)
		return COLOR_DEFAULT;
	if (COLOR_IS_RGB(color) && color > COLOR_RGB(0xffffff))
		return COLOR_DEFAULT;
	if (ncolors >= COLOR_RGB_FLAG)
		return color;
	if (!COLOR_IS_RGB(color)) {
		if (color < ncolors)
			return color;
		if (color >= 8 && color < 16 && color - 8 < ncolors)
			return color - 8;
	}

	int rgb =
	        COLOR_IS_RGB(color) ? color & 0xffffff : color_index_rgb(color);
	if (ncolors >= 256)
		return nearest_index(rgb, 16, 255);
	/* Between the standard sizes (88 colours, say) only the first 16
	 * are known to look like xterm's. */
	return nearest_index(rgb, 0, (ncolors < 16 ? ncolors : 16) - 1);
}

int
color_fit_fg(int fg, int bg, int ncolors)
{
	int f = color_fit(fg, ncolors);
	if (f == COLOR_DEFAULT || ncolors >= 256 || ncolors < 2)
		return f;
	int b = color_fit(bg, ncolors);
	/* The background a default bg stands for is taken to be black
	 * (0): a grey border must not vanish into it.  Black asked for
	 * outright stays black. */
	int avoid = b != COLOR_DEFAULT ? b : (fg == 0 ? -1 : 0);
	if (f != avoid)
		return f;
	int rgb = COLOR_IS_RGB(fg) ? fg & 0xffffff : color_index_rgb(fg);
	return nearest_but(rgb, 0, (ncolors < 16 ? ncolors : 16) - 1, avoid);
}
