/*
 * support.h - helpers the criterion programs share.
 */
#ifndef LECTERN_TESTS_SUPPORT_H
#define LECTERN_TESTS_SUPPORT_H

#include <stddef.h>

/*
 * Permission tests mean nothing to root, and CI runs as root.  When the
 * test runs as root, hands dir (which the test will write in) to the
 * unprivileged user nobody and becomes that user for the rest of the test
 * (criterion runs each test in its own process, so no other test is
 * touched).  Fails the test if it cannot.
 */
void support_drop_root(const char *dir);

struct app;

/* Gives app the keys named in names ("j j Enter", names as in key
 * scripts), one app_key each; fails the test on a bad name. */
void support_keys(struct app *a, const char *names);

/* The screen app draws now, as text; caller frees. */
char *support_screen(struct app *a);

struct hl_group;

/* Gives app these n keyword groups; fails the test on a diagnostic. */
void support_set_groups(struct app *a, const struct hl_group *g, size_t n);

#endif
