/* test_theme.c - the built-in themes and the role and attribute names. */
#include <criterion/criterion.h>

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
