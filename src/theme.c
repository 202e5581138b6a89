/* theme.c - role and attribute names, and the built-in themes. */
#include "theme.h"

#include <string.h>

static const struct {
	unsigned attr;
	const char *name;
} attr_table[] = {
#define ATTR_ROW(e, name) {ATTR_##e, name},
        STYLE_ATTR_LIST(ATTR_ROW)
#undef ATTR_ROW
};

static const struct {
	const char *name;
	const char *help;
} role_table[ROLE_COUNT] = {
#define ROLE_ROW(e, name, help) [ROLE_##e] = {name, help},
        ROLE_LIST(ROLE_ROW)
#undef ROLE_ROW
};

unsigned
style_attr_lookup(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof attr_table / sizeof *attr_table; i++)
		if (strlen(attr_table[i].name) == len &&
		    memcmp(attr_table[i].name, name, len) == 0)
			return attr_table[i].attr;
	return 0;
}

/* NULL for anything but a single ATTR_* bit. */
const char *
style_attr_name(unsigned attr)
{
	for (size_t i = 0; i < sizeof attr_table / sizeof *attr_table; i++)
		if (attr_table[i].attr == attr)
			return attr_table[i].name;
	return NULL;
}

int
role_lookup(const char *name, size_t len)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (strlen(role_table[r].name) == len &&
		    memcmp(role_table[r].name, name, len) == 0)
			return r;
	return -1;
}

/* NULL for a value that is not a role. */
const char *
role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_table[r].name : NULL;
}

const char *
role_help(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_table[r].help : NULL;
}

/*
 * A built-in theme is a list of the roles that differ from the terminal's
 * own look (default colours, no attributes), so that a role added later
 * starts plain rather than black on black.
 *
 * Every theme makes the selection, status line, headings, title, control
 * placeholders, search matches, popup and unread articles stand out by an
 * attribute, not colour alone: the terminal may have no colour, and a
 * colour may be unreadable against someone's background.
 */
struct role_style {
	enum role role;
	struct style style;
};

#define D COLOR_DEFAULT

/* clang-format off */

/* For dark backgrounds; lectern's original look. */
static const struct role_style dark[] = {
	{ROLE_SELECTED, {D, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_SELECTED_INACTIVE, {D, D, ATTR_REVERSE | ATTR_DIM}},
	{ROLE_BORDER, {4, D, 0}},
	{ROLE_FOCUS_BORDER, {3, D, ATTR_BOLD}},
	{ROLE_TITLE, {3, D, ATTR_BOLD}},
	{ROLE_META, {6, D, ATTR_DIM}},
	{ROLE_HEADING, {2, D, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_STATUS, {D, D, ATTR_REVERSE}},
	{ROLE_MESSAGE, {D, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_ERROR, {1, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_CONTROL, {5, D, ATTR_REVERSE}},
	{ROLE_HELP_HEADING, {3, D, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_HELP_KEY, {2, D, ATTR_BOLD}},
	{ROLE_POPUP, {D, D, ATTR_REVERSE}},
	{ROLE_UNREAD, {D, D, ATTR_BOLD}},
	{ROLE_MATCH, {0, 3, ATTR_BOLD}},
	{ROLE_CURRENT_MATCH, {0, 6, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_GROUP_1, {3, D, ATTR_BOLD}},
	{ROLE_GROUP_2, {6, D, 0}},
	{ROLE_GROUP_3, {2, D, ATTR_BOLD}},
	{ROLE_GROUP_4, {5, D, ATTR_BOLD}},
	{ROLE_GROUP_5, {12, D, ATTR_BOLD}},
	{ROLE_GROUP_6, {1, D, ATTR_BOLD | ATTR_UNDERLINE}},
};

/*
 * For light backgrounds: yellow, green and cyan text wash out on white,
 * so foregrounds are the darker blue, red and magenta.  A reversed
 * colour shows the (light) background as its text, so reversed roles use
 * colours that light text reads well on.  Only 0-15, so a 16-colour
 * terminal shows it as meant.
 */
static const struct role_style light[] = {
	{ROLE_SELECTED, {D, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_SELECTED_INACTIVE, {D, D, ATTR_REVERSE | ATTR_DIM}},
	{ROLE_BORDER, {8, D, 0}},
	{ROLE_FOCUS_BORDER, {4, D, ATTR_BOLD}},
	{ROLE_TITLE, {4, D, ATTR_BOLD}},
	{ROLE_META, {8, D, 0}},
	{ROLE_HEADING, {5, D, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_STATUS, {D, D, ATTR_REVERSE}},
	{ROLE_MESSAGE, {D, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_ERROR, {1, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_CONTROL, {4, D, ATTR_REVERSE}},
	{ROLE_HELP_HEADING, {4, D, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_HELP_KEY, {1, D, ATTR_BOLD}},
	{ROLE_POPUP, {D, D, ATTR_REVERSE}},
	{ROLE_UNREAD, {D, D, ATTR_BOLD}},
	{ROLE_MATCH, {0, 11, ATTR_BOLD}},
	{ROLE_CURRENT_MATCH, {15, 4, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_GROUP_1, {4, D, ATTR_BOLD}},
	{ROLE_GROUP_2, {1, D, ATTR_BOLD}},
	{ROLE_GROUP_3, {5, D, ATTR_BOLD}},
	{ROLE_GROUP_4, {0, 14, 0}},
	{ROLE_GROUP_5, {0, 10, 0}},
	{ROLE_GROUP_6, {8, D, ATTR_BOLD | ATTR_UNDERLINE}},
};

/* Bright colours (8-15) on the default background, bold wherever
 * something must be found at a glance. */
static const struct role_style high_contrast[] = {
	{ROLE_SELECTED, {D, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_SELECTED_INACTIVE, {D, D, ATTR_REVERSE | ATTR_DIM}},
	{ROLE_BORDER, {15, D, 0}},
	{ROLE_FOCUS_BORDER, {11, D, ATTR_BOLD}},
	{ROLE_TITLE, {11, D, ATTR_BOLD}},
	{ROLE_META, {14, D, 0}},
	{ROLE_HEADING, {10, D, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_STATUS, {15, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_MESSAGE, {15, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_ERROR, {9, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_CONTROL, {13, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_HELP_HEADING, {11, D, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_HELP_KEY, {10, D, ATTR_BOLD}},
	{ROLE_POPUP, {15, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_UNREAD, {15, D, ATTR_BOLD}},
	{ROLE_MATCH, {0, 11, ATTR_BOLD}},
	{ROLE_CURRENT_MATCH, {15, 4, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_GROUP_1, {11, D, ATTR_BOLD}},
	{ROLE_GROUP_2, {14, D, ATTR_BOLD}},
	{ROLE_GROUP_3, {10, D, ATTR_BOLD}},
	{ROLE_GROUP_4, {13, D, ATTR_BOLD}},
	{ROLE_GROUP_5, {9, D, ATTR_BOLD}},
	{ROLE_GROUP_6, {15, D, ATTR_BOLD | ATTR_UNDERLINE}},
};

/* Attributes only, for terminals without colour or readers who want
 * none.  Matches are reverse and bold: reverse alone is a control
 * placeholder, bold and underline a heading a match may sit in. */
static const struct role_style monochrome[] = {
	{ROLE_SELECTED, {D, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_SELECTED_INACTIVE, {D, D, ATTR_REVERSE | ATTR_DIM}},
	{ROLE_FOCUS_BORDER, {D, D, ATTR_BOLD}},
	{ROLE_TITLE, {D, D, ATTR_BOLD}},
	{ROLE_META, {D, D, ATTR_DIM}},
	{ROLE_HEADING, {D, D, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_STATUS, {D, D, ATTR_REVERSE}},
	{ROLE_MESSAGE, {D, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_ERROR, {D, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_CONTROL, {D, D, ATTR_REVERSE}},
	{ROLE_HELP_HEADING, {D, D, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_HELP_KEY, {D, D, ATTR_BOLD}},
	{ROLE_POPUP, {D, D, ATTR_REVERSE}},
	{ROLE_UNREAD, {D, D, ATTR_BOLD}},
	{ROLE_MATCH, {D, D, ATTR_REVERSE | ATTR_BOLD}},
	{ROLE_CURRENT_MATCH, {D, D, ATTR_REVERSE | ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_GROUP_1, {D, D, ATTR_BOLD}},
	{ROLE_GROUP_2, {D, D, ATTR_UNDERLINE}},
	{ROLE_GROUP_3, {D, D, ATTR_ITALIC}},
	{ROLE_GROUP_4, {D, D, ATTR_BOLD | ATTR_UNDERLINE}},
	{ROLE_GROUP_5, {D, D, ATTR_BOLD | ATTR_ITALIC}},
	{ROLE_GROUP_6, {D, D, ATTR_DIM | ATTR_UNDERLINE}},
};

/* clang-format on */

#undef D

#define THEME_ROW(name, list)                          \
	{                                              \
		name, list, sizeof list / sizeof *list \
	}

/* The first is the default. */
static const struct {
	const char *name;
	const struct role_style *styles;
	size_t n;
} builtin[] = {
        THEME_ROW("dark", dark),
        THEME_ROW("light", light),
        THEME_ROW("high-contrast", high_contrast),
        THEME_ROW("monochrome", monochrome),
};

#undef THEME_ROW

size_t
theme_builtin_count(void)
{
	return sizeof builtin / sizeof *builtin;
}

/* NULL when i is not below theme_builtin_count(). */
const char *
theme_builtin_name(size_t i)
{
	return i < theme_builtin_count() ? builtin[i].name : NULL;
}

int
theme_builtin(const char *name, struct theme *t)
{
	for (size_t i = 0; i < theme_builtin_count(); i++) {
		if (strcmp(builtin[i].name, name) != 0)
			continue;
		for (int r = 0; r < ROLE_COUNT; r++)
			t->roles[r] =
			        (struct style){COLOR_DEFAULT, COLOR_DEFAULT, 0};
		for (size_t k = 0; k < builtin[i].n; k++)
			t->roles[builtin[i].styles[k].role] =
			        builtin[i].styles[k].style;
		return 0;
	}
	return -1;
}

void
theme_default(struct theme *t)
{
	theme_builtin("dark", t);
}
