/* support.c - helpers the criterion programs share. */
#define _DEFAULT_SOURCE /* setgroups */
#include "support.h"

#include <errno.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

/* nobody and nogroup on Debian (and most systems). */
#define NOBODY 65534

void
support_drop_root(const char *dir)
{
	if (geteuid() != 0)
		return;
	cr_assert_eq(chown(dir, NOBODY, NOBODY), 0, "chown %s: %s", dir,
	             strerror(errno));
	cr_assert_eq(setgroups(0, NULL), 0, "setgroups: %s", strerror(errno));
	cr_assert_eq(setgid(NOBODY), 0, "setgid: %s", strerror(errno));
	cr_assert_eq(setuid(NOBODY), 0, "setuid: %s", strerror(errno));
	cr_assert_neq(geteuid(), 0);
}
