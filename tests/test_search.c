/* Unit tests of the search in an article: query, matches, stepping. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdint.h>
#include <string.h>

#include "search.h"

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

TestSuite(search, .init = setup);

static const char text[] = "Huawei and huawei; HUAWEI’s rival ZTE. Huawei.";

Test(search, smart_case)
{
	struct search s;
	search_init(&s);
	cr_assert_eq(search_set(&s, "huawei", false), 0);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 4, "lower case matches any case");
	cr_assert_eq(search_set(&s, "Huawei", false), 0);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 2, "a capital makes it exact");
	search_fini(&s);
}

Test(search, steps_forward_and_backward_and_wraps)
{
	struct search s;
	search_init(&s);
	search_set(&s, "huawei", false);
	search_run(&s, text, strlen(text));
	cr_assert(search_step(&s, 0, true));
	cr_assert_eq(s.cur, 1, "after offset 0: the second match");
	cr_assert(!s.wrapped);
	cr_assert(search_step(&s, s.spans.v[3].start, true));
	cr_assert_eq(s.cur, 0);
	cr_assert(s.wrapped);
	cr_assert(search_step(&s, s.spans.v[0].start, false));
	cr_assert_eq(s.cur, 3);
	cr_assert(s.wrapped);
	cr_assert(search_step(&s, s.spans.v[2].start, false));
	cr_assert_eq(s.cur, 1);
	cr_assert(!s.wrapped);
	search_fini(&s);
}

Test(search, bad_pattern_is_an_error_with_its_offset)
{
	struct search s;
	search_init(&s);
	cr_assert_eq(search_set(&s, "ab(c", false), -1);
	cr_assert_not_null(s.error);
	cr_assert(strstr(s.error, "bad pattern"), "%s", s.error);
	cr_assert(strstr(s.error, "offset"), "%s", s.error);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 0);
	cr_assert(!search_step(&s, 0, true));
	cr_assert_eq(s.cur, SIZE_MAX);
	search_fini(&s);
}

Test(search, empty_matches_do_not_loop)
{
	struct search s;
	search_init(&s);
	search_set(&s, "x*", false);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 0, "only empty matches: none kept");
	search_set(&s, "\\b", false);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 0);
	search_fini(&s);
}

Test(search, catastrophic_pattern_is_bounded, .timeout = 20)
{
	char buf[4096];
	memset(buf, 'a', sizeof buf - 2);
	buf[sizeof buf - 2] = '!';
	buf[sizeof buf - 1] = '\0';
	struct search s;
	search_init(&s);
	search_set(&s, "(a+)+$", false);
	search_run(&s, buf, strlen(buf));
	cr_assert_eq(s.spans.n, 0);
	cr_assert(s.limited, "PCRE2's limit is reported");
	search_fini(&s);
}

Test(search, clear_forgets_everything)
{
	struct search s;
	search_init(&s);
	search_set(&s, "zte", true);
	search_run(&s, text, strlen(text));
	cr_assert_eq(s.spans.n, 1);
	cr_assert(s.backward);
	search_clear(&s);
	cr_assert_null(s.query);
	cr_assert_eq(s.spans.n, 0);
	search_fini(&s);
}
