/* test_color.c - colour names, the xterm palette and fitting colours. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdio.h>
#include <string.h>

#include "color.h"

/*
 * One name color_parse must read (ok) or reject.  Criterion runs each
 * parameter in a freshly executed process, so the strings are held
 * inline: a pointer into this process would mean nothing there.
 */
struct parse_case {
	char in[24];
	bool ok;
	int color;
};

ParameterizedTestParameters(color, parse_table)
{
	static struct parse_case cases[] = {
	        {"default", true, COLOR_DEFAULT},
	        {"black", true, 0},
	        {"red", true, 1},
	        {"green", true, 2},
	        {"yellow", true, 3},
	        {"blue", true, 4},
	        {"magenta", true, 5},
	        {"cyan", true, 6},
	        {"white", true, 7},
	        {"bright-black", true, 8},
	        {"bright-red", true, 9},
	        {"bright-green", true, 10},
	        {"bright-yellow", true, 11},
	        {"bright-blue", true, 12},
	        {"bright-magenta", true, 13},
	        {"bright-cyan", true, 14},
	        {"bright-white", true, 15},
	        {"0", true, 0},
	        {"9", true, 9},
	        {"16", true, 16},
	        {"196", true, 196},
	        {"255", true, 255},
	        {"#000000", true, COLOR_RGB(0)},
	        {"#ff8000", true, COLOR_RGB(0xff8000)},
	        {"#FF8000", true, COLOR_RGB(0xff8000)},
	        {"#aBcDeF", true, COLOR_RGB(0xabcdef)},
	        {"#ffffff", true, COLOR_RGB(0xffffff)},
	        /* Names are lowercase only, as the config's other keywords. */
	        {"Red", false, 0},
	        {"RED", false, 0},
	        {"Default", false, 0},
	        {"grey", false, 0},
	        {"gray", false, 0},
	        {"", false, 0},
	        {"256", false, 0},
	        {"1000", false, 0},
	        {"-1", false, 0},
	        {"+1", false, 0},
	        {" 1", false, 0},
	        {"1 ", false, 0},
	        {"0x10", false, 0},
	        {"#12345", false, 0},
	        {"#1234567", false, 0},
	        {"#ggg000", false, 0},
	        {"#", false, 0},
	        {"123456", false, 0},
	        {"bright-default", false, 0},
	        {"bright-", false, 0},
	        {"bright-bright-red", false, 0},
	        {"brightred", false, 0},
	        {"red ", false, 0},
	};
	return cr_make_param_array(struct parse_case, cases,
	                           sizeof cases / sizeof *cases);
}

ParameterizedTest(struct parse_case *c, color, parse_table)
{
	int color = 12345;
	int rc = color_parse(c->in, &color);

	if (c->ok) {
		cr_assert_eq(rc, 0, "\"%s\" rejected", c->in);
		cr_assert_eq(color, c->color, "\"%s\": %#x, not %#x", c->in,
		             color, c->color);
	} else {
		cr_assert_eq(rc, -1, "\"%s\" accepted", c->in);
		cr_assert_eq(color, 12345, "\"%s\" changed *color", c->in);
	}
}

static void
assert_round_trip(int color)
{
	char buf[16];
	int back = 12345;

	color_name(color, buf);
	cr_assert_eq(color_parse(buf, &back), 0, "%#x named \"%s\"", color,
	             buf);
	cr_assert_eq(back, color, "%#x named \"%s\" reads back as %#x", color,
	             buf, back);
}

Test(color, every_index_name_round_trips)
{
	for (int i = 0; i < 256; i++)
		assert_round_trip(i);
}

Test(color, rgb_and_default_names_round_trip)
{
	static const int rgb[] = {0x000000, 0x000001, 0x0000ff, 0x00ff00,
	                          0xff0000, 0x123456, 0xabcdef, 0xffffff};

	assert_round_trip(COLOR_DEFAULT);
	for (size_t i = 0; i < sizeof rgb / sizeof *rgb; i++)
		assert_round_trip(COLOR_RGB(rgb[i]));
}

Test(color, names_are_canonical)
{
	char buf[16];

	cr_assert_str_eq(color_name(COLOR_DEFAULT, buf), "default");
	cr_assert_str_eq(color_name(1, buf), "red");
	cr_assert_str_eq(color_name(13, buf), "bright-magenta");
	cr_assert_str_eq(color_name(200, buf), "200");
	cr_assert_str_eq(color_name(COLOR_RGB(0xABCDEF), buf), "#abcdef");
	cr_assert_str_eq(color_name(COLOR_RGB(0x0000ff), buf), "#0000ff");
}

Test(color, index_rgb_follows_xterm)
{
	cr_assert_eq(color_index_rgb(0), 0x000000);
	cr_assert_eq(color_index_rgb(1), 0xcd0000);
	cr_assert_eq(color_index_rgb(4), 0x0000ee);
	cr_assert_eq(color_index_rgb(7), 0xe5e5e5);
	cr_assert_eq(color_index_rgb(8), 0x7f7f7f);
	cr_assert_eq(color_index_rgb(12), 0x5c5cff);
	cr_assert_eq(color_index_rgb(15), 0xffffff);
	/* The cube: 16 + 36r + 6g + b over levels 0,95,135,175,215,255. */
	cr_assert_eq(color_index_rgb(16), 0x000000);
	cr_assert_eq(color_index_rgb(17), 0x00005f);
	cr_assert_eq(color_index_rgb(22), 0x005f00);
	cr_assert_eq(color_index_rgb(52), 0x5f0000);
	cr_assert_eq(color_index_rgb(196), 0xff0000);
	cr_assert_eq(color_index_rgb(208), 0xff8700);
	cr_assert_eq(color_index_rgb(231), 0xffffff);
	/* The grey ramp: 8 + 10i. */
	cr_assert_eq(color_index_rgb(232), 0x080808);
	cr_assert_eq(color_index_rgb(244), 0x808080);
	cr_assert_eq(color_index_rgb(255), 0xeeeeee);
}

/* One colour fitted to a terminal with some number of colours. */
struct fit_case {
	char name[40];
	int color;
	int ncolors;
	int want;
};

#define DIRECT 0x1000000

ParameterizedTestParameters(color, fit_table)
{
	static struct fit_case cases[] = {
	        {"default on 256", COLOR_DEFAULT, 256, COLOR_DEFAULT},
	        {"default on direct", COLOR_DEFAULT, DIRECT, COLOR_DEFAULT},
	        {"default on none", COLOR_DEFAULT, 0, COLOR_DEFAULT},
	        {"index on none", 1, 0, COLOR_DEFAULT},
	        {"index on negative", 1, -1, COLOR_DEFAULT},
	        {"rgb on none", COLOR_RGB(0xff0000), 0, COLOR_DEFAULT},
	        /* Direct colour: everything stays as it is. */
	        {"rgb on direct", COLOR_RGB(0x123456), DIRECT,
	         COLOR_RGB(0x123456)},
	        {"rgb on more than direct", COLOR_RGB(0x123456), DIRECT + 1,
	         COLOR_RGB(0x123456)},
	        {"index on direct", 196, DIRECT, 196},
	        {"low index on direct", 3, DIRECT, 3},
	        /* 256: the cube and grey ramp, never 0-15. */
	        {"red on 256", COLOR_RGB(0xff0000), 256, 196},
	        {"grey 80 on 256", COLOR_RGB(0x808080), 256, 244},
	        {"black on 256", COLOR_RGB(0x000000), 256, 16},
	        {"white on 256", COLOR_RGB(0xffffff), 256, 231},
	        {"near 5f on 256", COLOR_RGB(0x5a0000), 256, 52},
	        {"orange on 256", COLOR_RGB(0xff8800), 256, 208},
	        {"dark grey on 256", COLOR_RGB(0x0a0a0a), 256, 232},
	        {"index 196 on 256", 196, 256, 196},
	        {"index 9 on 256", 9, 256, 9},
	        /* 16: the standard colours. */
	        {"red on 16", COLOR_RGB(0xff0000), 16, 9},
	        {"dark red on 16", COLOR_RGB(0xc00000), 16, 1},
	        {"grey 80 on 16", COLOR_RGB(0x808080), 16, 8},
	        {"blue on 16", COLOR_RGB(0x0000ff), 16, 4},
	        {"index 196 on 16", 196, 16, 9},
	        {"index 244 on 16", 244, 16, 8},
	        {"index 16 on 16", 16, 16, 0},
	        {"index 9 on 16", 9, 16, 9},
	        {"index 15 on 16", 15, 16, 15},
	        /* 8: the dark colours only. */
	        {"red on 8", COLOR_RGB(0xff0000), 8, 1},
	        {"white on 8", COLOR_RGB(0xffffff), 8, 7},
	        {"green on 8", COLOR_RGB(0x00ff00), 8, 2},
	        {"index 9 on 8", 9, 8, 1},
	        {"index 15 on 8", 15, 8, 7},
	        {"index 8 on 8", 8, 8, 0},
	        {"index 196 on 8", 196, 8, 1},
	        {"index 7 on 8", 7, 8, 7},
	};
	return cr_make_param_array(struct fit_case, cases,
	                           sizeof cases / sizeof *cases);
}

ParameterizedTest(struct fit_case *c, color, fit_table)
{
	int got = color_fit(c->color, c->ncolors);

	cr_assert_eq(got, c->want, "%s: %#x, not %#x", c->name, got, c->want);
}

/* Whatever goes in, what comes out is something the terminal has. */
Test(color, fit_always_gives_an_existing_colour)
{
	static const int ncolors[] = {8, 16, 88, 256};

	for (size_t n = 0; n < sizeof ncolors / sizeof *ncolors; n++) {
		for (int i = 0; i < 256; i++) {
			int got = color_fit(i, ncolors[n]);
			cr_assert(got >= 0 && got < ncolors[n], "%d on %d: %d",
			          i, ncolors[n], got);
		}
		for (int rgb = 0; rgb <= 0xffffff; rgb += 0x0f0f0f / 3) {
			int got = color_fit(COLOR_RGB(rgb), ncolors[n]);
			cr_assert(got >= 0 && got < ncolors[n],
			          "#%06x on %d: %d", rgb, ncolors[n], got);
			if (ncolors[n] == 256)
				cr_assert_geq(got, 16, "#%06x on 256: %d", rgb,
				              got);
		}
	}
}

/* Every palette colour on 256 is found again by its own RGB (unless an
 * earlier index has the same one, as 16 and 231 repeat 0 and 15). */
Test(color, cube_and_greys_fit_to_themselves)
{
	for (int i = 16; i < 256; i++) {
		int got = color_fit(COLOR_RGB(color_index_rgb(i)), 256);
		cr_assert_eq(color_index_rgb(got), color_index_rgb(i),
		             "%d fits to %d", i, got);
	}
}

Test(color, a_foreground_never_fits_to_the_background)
{
	/* #444444 on 8 colours is nearest black: on a dark terminal it
	 * would vanish, so it takes the next nearest. */
	cr_assert_eq(color_fit(COLOR_RGB(0x444444), 8), 0);
	int f = color_fit_fg(COLOR_RGB(0x444444), COLOR_DEFAULT, 8);
	cr_assert_neq(f, 0);
	cr_assert(f >= 1 && f <= 7);
	cr_assert_neq(color_fit_fg(COLOR_RGB(0x444444), COLOR_DEFAULT, 16), 0);
	/* On an explicit background, never that background. */
	cr_assert_neq(color_fit_fg(COLOR_RGB(0xcc0000), 1, 8), 1);
	cr_assert_eq(color_fit_fg(COLOR_RGB(0xcc0000), 4, 8), 1);
	/* Black asked for stays black; 256 colours are left alone. */
	cr_assert_eq(color_fit_fg(0, COLOR_DEFAULT, 8), 0);
	cr_assert_eq(color_fit_fg(COLOR_RGB(0x444444), COLOR_DEFAULT, 256),
	             color_fit(COLOR_RGB(0x444444), 256));
}
