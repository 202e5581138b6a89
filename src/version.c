/* version.c - lectern --version. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "version.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>
#include <yaml.h>

/* The first year in the copyright line; the last is the release's. */
#define COPYRIGHT_YEARS "2026"

int
version_print(FILE *out, const char *curses)
{
	/* "10.42 2022-12-11"; pcre2_config says how much room it needs. */
	char pcre2[64] = "?";
	int need = pcre2_config(PCRE2_CONFIG_VERSION, NULL);
	if (need > 0 && (size_t)need <= sizeof pcre2)
		pcre2_config(PCRE2_CONFIG_VERSION, pcre2);
	/* curses_version() says "ncurses 6.4.20221231": keep the number,
	 * name the wide-character library lectern links. */
	const char *sp = curses ? strchr(curses, ' ') : NULL;
	fprintf(out, "lectern %s\n", PACKAGE_VERSION);
	fprintf(out, "Libraries: ncursesw %s, libyaml %s, PCRE2 %s\n",
	        sp ? sp + 1 : (curses ? curses : "?"),
	        yaml_get_version_string(), pcre2);
	fprintf(out, "Copyright (C) %s the lectern developers.\n",
	        COPYRIGHT_YEARS);
	return ferror(out) ? -1 : 0;
}
