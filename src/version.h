/*
 * version.h - what lectern --version prints: the version, the libraries in
 * use and the copyright line.  Part of the program, not of the core
 * library; the terminal's library is asked through tty.h, so no curses
 * here.
 */
#ifndef LECTERN_VERSION_H
#define LECTERN_VERSION_H

#include <stdio.h>

/*
 * Writes the --version text to out: "lectern X.Y.Z", a line naming the
 * versions of ncursesw (curses, as tty_curses_version() gives it),
 * libyaml and PCRE2 that lectern runs with, and the copyright line.
 * Returns 0, or -1 when out reports an error.
 */
int version_print(FILE *out, const char *curses);

#endif
