/* theme.c - the built-in theme. */
#include "theme.h"

/*
 * The default look works on a terminal without colour too: everything that
 * must stand out (selection, status line, headings, placeholders) does so
 * by an attribute; colour only adds to it.
 */
void
theme_default(struct theme *t)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		t->roles[r] = (struct style){COLOR_DEFAULT, COLOR_DEFAULT, 0};
	t->roles[ROLE_SELECTED] = (struct style){COLOR_DEFAULT, COLOR_DEFAULT,
	                                         ATTR_REVERSE | ATTR_BOLD};
	t->roles[ROLE_SELECTED_INACTIVE] =
		(struct style){COLOR_DEFAULT, COLOR_DEFAULT, ATTR_REVERSE};
	t->roles[ROLE_BORDER] = (struct style){4, COLOR_DEFAULT, 0};
	t->roles[ROLE_TITLE] = (struct style){3, COLOR_DEFAULT, ATTR_BOLD};
	t->roles[ROLE_META] = (struct style){6, COLOR_DEFAULT, ATTR_DIM};
	t->roles[ROLE_HEADING] =
		(struct style){2, COLOR_DEFAULT, ATTR_BOLD | ATTR_UNDERLINE};
	t->roles[ROLE_STATUS] = (struct style){COLOR_DEFAULT, COLOR_DEFAULT,
	                                       ATTR_REVERSE};
	t->roles[ROLE_MESSAGE] = (struct style){COLOR_DEFAULT, COLOR_DEFAULT,
	                                        ATTR_REVERSE | ATTR_BOLD};
	t->roles[ROLE_ERROR] = (struct style){1, COLOR_DEFAULT,
	                                      ATTR_REVERSE | ATTR_BOLD};
	t->roles[ROLE_CONTROL] = (struct style){5, COLOR_DEFAULT, ATTR_REVERSE};
	t->roles[ROLE_HELP_HEADING] = (struct style){3, COLOR_DEFAULT,
	                                             ATTR_BOLD | ATTR_UNDERLINE};
	t->roles[ROLE_HELP_KEY] = (struct style){2, COLOR_DEFAULT, ATTR_BOLD};
}
