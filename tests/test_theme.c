/* test_theme.c - the built-in themes and the role and attribute names. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "theme.h"

Test(theme, every_builtin_loads)
{
	cr_assert_geq(theme_builtin_count(), 4);
	for (size_t i = 0; i < theme_builtin_count(); i++) {
		struct theme t;
		const char *name = theme_builtin_name(i);

		cr_assert_not_null(name);
		cr_assert_eq(theme_builtin(name, &t), 0, "%s", name);
	}
	cr_assert_null(theme_builtin_name(theme_builtin_count()));
}

Test(theme, the_four_named_themes_exist)
{
	static const char *const names[] = {"dark", "light", "high-contrast",
	                                    "monochrome"};
	struct theme t;

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		cr_assert_eq(theme_builtin(names[i], &t), 0, "%s", names[i]);
}

Test(theme, unknown_theme_is_refused)
{
	struct theme t;

	cr_assert_eq(theme_builtin("solarized", &t), -1);
	cr_assert_eq(theme_builtin("", &t), -1);
	cr_assert_eq(theme_builtin("Dark", &t), -1);
}

Test(theme, default_is_dark)
{
	struct theme def, dark;

	memset(&def, 0x55, sizeof def);
	memset(&dark, 0xaa, sizeof dark);
	theme_default(&def);
	theme_builtin("dark", &dark);
	for (int r = 0; r < ROLE_COUNT; r++) {
		cr_assert_eq(def.roles[r].fg, dark.roles[r].fg, "%s",
		             role_name(r));
		cr_assert_eq(def.roles[r].bg, dark.roles[r].bg, "%s",
		             role_name(r));
		cr_assert_eq(def.roles[r].attrs, dark.roles[r].attrs, "%s",
		             role_name(r));
	}
}

Test(theme, dark_keeps_the_original_look)
{
	struct theme t;

	theme_default(&t);
	cr_assert_eq(t.roles[ROLE_TITLE].fg, 3);
	cr_assert_eq(t.roles[ROLE_TITLE].attrs, ATTR_BOLD);
	cr_assert_eq(t.roles[ROLE_HEADING].fg, 2);
	cr_assert_eq(t.roles[ROLE_HEADING].attrs, ATTR_BOLD | ATTR_UNDERLINE);
	cr_assert_eq(t.roles[ROLE_SELECTED].attrs, ATTR_REVERSE | ATTR_BOLD);
	cr_assert_eq(t.roles[ROLE_MATCH].fg, 0);
	cr_assert_eq(t.roles[ROLE_MATCH].bg, 3);
	cr_assert_eq(t.roles[ROLE_NORMAL].fg, COLOR_DEFAULT);
	cr_assert_eq(t.roles[ROLE_NORMAL].bg, COLOR_DEFAULT);
	cr_assert_eq(t.roles[ROLE_NORMAL].attrs, 0);
}

Test(theme, monochrome_has_no_colour)
{
	struct theme t;

	memset(&t, 0x55, sizeof t);
	cr_assert_eq(theme_builtin("monochrome", &t), 0);
	for (int r = 0; r < ROLE_COUNT; r++) {
		cr_assert_eq(t.roles[r].fg, COLOR_DEFAULT, "%s", role_name(r));
		cr_assert_eq(t.roles[r].bg, COLOR_DEFAULT, "%s", role_name(r));
	}
}

/* Without colour these roles would vanish; each needs an attribute. */
Test(theme, important_roles_stand_out_without_colour)
{
	static const enum role roles[] = {
	        ROLE_SELECTED, ROLE_STATUS, ROLE_HEADING, ROLE_TITLE,
	        ROLE_CONTROL,  ROLE_MATCH,  ROLE_POPUP,   ROLE_UNREAD,
	};

	for (size_t i = 0; i < theme_builtin_count(); i++) {
		struct theme t;
		const char *name = theme_builtin_name(i);

		theme_builtin(name, &t);
		for (size_t k = 0; k < sizeof roles / sizeof *roles; k++)
			cr_assert_neq(t.roles[roles[k]].attrs, 0, "%s: %s",
			              name, role_name(roles[k]));
	}
}

/* Palette indexes beyond 15 would change on a 16-colour terminal. */
Test(theme, builtins_use_only_the_sixteen_colours)
{
	for (size_t i = 0; i < theme_builtin_count(); i++) {
		struct theme t;
		const char *name = theme_builtin_name(i);

		theme_builtin(name, &t);
		for (int r = 0; r < ROLE_COUNT; r++) {
			cr_assert(t.roles[r].fg >= COLOR_DEFAULT &&
			                  t.roles[r].fg < 16,
			          "%s: %s fg %d", name, role_name(r),
			          t.roles[r].fg);
			cr_assert(t.roles[r].bg >= COLOR_DEFAULT &&
			                  t.roles[r].bg < 16,
			          "%s: %s bg %d", name, role_name(r),
			          t.roles[r].bg);
		}
	}
}

Test(theme, attr_names_round_trip)
{
	for (int b = 0; b < ATTR_BIT_COUNT; b++) {
		unsigned attr = 1u << b;
		const char *name = style_attr_name(attr);

		cr_assert_not_null(name, "bit %d", b);
		cr_assert_eq(style_attr_lookup(name, strlen(name)), attr, "%s",
		             name);
	}
	cr_assert_eq(style_attr_lookup("bold", 4), ATTR_BOLD);
	cr_assert_eq(style_attr_lookup("reverse", 7), ATTR_REVERSE);
	cr_assert_eq(style_attr_lookup("blink", 5), 0);
	cr_assert_eq(style_attr_lookup("bolder", 6), 0);
	/* The length bounds the name: a longer buffer is not a longer name. */
	cr_assert_eq(style_attr_lookup("boldface", 4), ATTR_BOLD);
	cr_assert_eq(style_attr_lookup("bold", 3), 0);
	cr_assert_null(style_attr_name(0));
	cr_assert_null(style_attr_name(ATTR_BOLD | ATTR_DIM));
}

Test(theme, role_names_round_trip)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		const char *name = role_name(r);

		cr_assert_not_null(name, "role %d", r);
		cr_assert_not_null(role_help(r), "role %d", r);
		cr_assert_gt(strlen(role_help(r)), 0, "%s", name);
		cr_assert_eq(role_lookup(name, strlen(name)), r, "%s", name);
	}
	cr_assert_eq(role_lookup("search-match", 12), ROLE_MATCH);
	cr_assert_eq(role_lookup("metadata", 8), ROLE_META);
	cr_assert_eq(role_lookup("selected-inactive", 17),
	             ROLE_SELECTED_INACTIVE);
	/* "selected" is a prefix of another role: the length decides. */
	cr_assert_eq(role_lookup("selected-inactive", 8), ROLE_SELECTED);
	cr_assert_eq(role_lookup("match", 5), -1);
	cr_assert_eq(role_lookup("", 0), -1);
	cr_assert_null(role_name(ROLE_COUNT));
}

/* ------------------------------------------------------------ contrast */

/* The xterm palette for colours 0-15. */
static const unsigned char xterm16[16][3] = {
        {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
        {0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
        {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
        {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
};

/* WCAG 2 relative luminance of colour c (0-15). */
static double
luminance(int c)
{
	double l = 0;
	static const double w[3] = {0.2126, 0.7152, 0.0722};
	for (int i = 0; i < 3; i++) {
		double v = xterm16[c][i] / 255.0;
		v = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
		l += w[i] * v;
	}
	return l;
}

static double
contrast(int a, int b)
{
	double la = luminance(a), lb = luminance(b);
	if (la < lb) {
		double t = la;
		la = lb;
		lb = t;
	}
	return (la + 0.05) / (lb + 0.05);
}

/* The colours a role shows, the terminal's default being fg on bg. */
static double
role_contrast(const struct style *s, int fg, int bg)
{
	int f = s->fg == COLOR_DEFAULT ? fg : s->fg;
	int b = s->bg == COLOR_DEFAULT ? bg : s->bg;
	cr_assert(f >= 0 && f < 16 && b >= 0 && b < 16);
	return contrast(f, b);
}

Test(theme, text_and_highlights_have_measured_contrast)
{
	/* Each built-in theme is for one kind of background: light on
	 * white (black text), the others on black (light grey text). */
	static const enum role text[] = {ROLE_TEXT, ROLE_TITLE, ROLE_HEADING,
	                                 ROLE_HELP_KEY, ROLE_HELP_HEADING};
	static const enum role marks[] = {
	        ROLE_META,    ROLE_UNREAD,  ROLE_MATCH,   ROLE_CURRENT_MATCH,
	        ROLE_GROUP_1, ROLE_GROUP_2, ROLE_GROUP_3, ROLE_GROUP_4,
	        ROLE_GROUP_5, ROLE_GROUP_6};
	for (size_t t = 0; t < theme_builtin_count(); t++) {
		const char *name = theme_builtin_name(t);
		struct theme th;
		cr_assert_eq(theme_builtin(name, &th), 0);
		bool light = strcmp(name, "light") == 0;
		int fg = light ? 0 : 7, bg = light ? 15 : 0;
		for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
			double c = role_contrast(&th.roles[text[i]], fg, bg);
			cr_assert_geq(c, 4.5, "%s: %s only %.2f:1", name,
			              role_name(text[i]), c);
		}
		for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
			double c = role_contrast(&th.roles[marks[i]], fg, bg);
			cr_assert_geq(c, 3.0, "%s: %s only %.2f:1", name,
			              role_name(marks[i]), c);
		}
	}
}

Test(theme, groups_differ_from_each_other_and_from_matches)
{
	/* Without colour the attributes tell them apart (monochrome; the
	 * others draw with it under NO_COLOR). */
	struct theme m;
	cr_assert_eq(theme_builtin("monochrome", &m), 0);
	static const enum role r[] = {
	        ROLE_GROUP_1, ROLE_GROUP_2, ROLE_GROUP_3, ROLE_GROUP_4,
	        ROLE_GROUP_5, ROLE_GROUP_6, ROLE_MATCH,   ROLE_CURRENT_MATCH};
	size_t n = sizeof r / sizeof *r;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			cr_assert_neq(m.roles[r[i]].attrs, m.roles[r[j]].attrs,
			              "%s and %s look alike", role_name(r[i]),
			              role_name(r[j]));
	/* In colour, each theme's six groups are six looks. */
	for (size_t t = 0; t < theme_builtin_count(); t++) {
		struct theme th;
		theme_builtin(theme_builtin_name(t), &th);
		for (int i = 0; i < THEME_GROUP_COLORS; i++)
			for (int j = i + 1; j < THEME_GROUP_COLORS; j++) {
				const struct style *a =
				        &th.roles[ROLE_GROUP_1 + i];
				const struct style *b =
				        &th.roles[ROLE_GROUP_1 + j];
				cr_assert(a->fg != b->fg || a->bg != b->bg ||
				                  a->attrs != b->attrs,
				          "%s: group-%d and group-%d",
				          theme_builtin_name(t), i + 1, j + 1);
			}
	}
}
