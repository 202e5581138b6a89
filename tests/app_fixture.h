/*
 * app_fixture.h - the app of the key-sequence tests (test_app.c,
 * test_nav.c): the three articles of tests/data/app at 80x24, and the
 * helpers that give it keys and read its screen.  Included once per
 * test program, before its TestSuite.
 */
#ifndef LECTERN_TESTS_APP_FIXTURE_H
#define LECTERN_TESTS_APP_FIXTURE_H

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "corpus.h"
#include "support.h"

static struct corpus corpus;
static struct app app;

static inline void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	struct diag_list dl;
	diag_list_init(&dl);
	corpus_init(&corpus);
	cr_assert_eq(corpus_add_path(&corpus, TEST_DATADIR "/app", &dl), 3);
	diag_list_fini(&dl);
	app_init(&app, &corpus, 24, 80, NULL);
}

static inline void
teardown(void)
{
	app_fini(&app);
	corpus_fini(&corpus);
}

static inline void
keys(const char *names)
{
	support_keys(&app, names);
}

static inline char *
screen(void)
{
	return support_screen(&app);
}

static inline void
assert_screen_has(const char *needle)
{
	char *s = screen();
	cr_assert(strstr(s, needle), "screen lacks '%s':\n%s", needle, s);
	free(s);
}

static inline void
assert_screen_lacks(const char *needle)
{
	char *s = screen();
	cr_assert(!strstr(s, needle), "screen has '%s':\n%s", needle, s);
	free(s);
}

/* Two keyword groups: para (paragraph) and greek (gamma, alpha). */
static inline void
set_groups(void)
{
	static char p[] = "paragraph", ga[] = "gamma", al[] = "alpha";
	static char n0[] = "para", n1[] = "greek";
	static char *w1[] = {p}, *w2[] = {ga, al};
	struct hl_group g[2];
	memset(g, 0, sizeof g);
	g[0].name = n0;
	g[0].words = w1;
	g[0].nwords = 1;
	g[0].ignore_case = true;
	g[0].whole_word = true;
	g[1].name = n1;
	g[1].words = w2;
	g[1].nwords = 2;
	g[1].ignore_case = true;
	g[1].whole_word = true;
	support_set_groups(&app, g, 2);
}

#endif
