/* support.c - helpers the criterion programs share. */
#define _DEFAULT_SOURCE /* setgroups */
#include "support.h"

#include <errno.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "app.h"
#include "keys.h"
#include "render.h"

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

void
support_keys(struct app *a, const char *names)
{
	const char *p = names;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (e == p)
			break;
		int k = keys_parse(p, (size_t)(e - p));
		cr_assert_neq(k, -1, "bad key in test: %.*s", (int)(e - p), p);
		app_key(a, k);
		p = e;
	}
}

char *
support_screen(struct app *a)
{
	render_app(a);
	struct strbuf sb;
	sb_init(&sb);
	frame_to_text(&a->frame, &sb);
	return sb_detach(&sb);
}

void
support_set_groups(struct app *a, const struct hl_group *g, size_t n)
{
	struct diag_list dl;
	diag_list_init(&dl);
	app_set_groups(a, g, n, &dl);
	cr_assert_eq(dl.n, 0, "%s", dl.n ? dl.v[0].msg : "");
	diag_list_fini(&dl);
}
