/* Unit tests of headless key scripts. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "script.h"

Test(script, keys_and_resizes_in_order)
{
	struct script s;
	struct diag_list dl;
	script_init(&s);
	diag_list_init(&dl);
	cr_assert_eq(script_parse(&s,
	                          "j  Enter\n# a comment j\nresize:60x20 C-d",
	                          "t", &dl),
	             0);
	cr_assert_eq(dl.n, 0);
	cr_assert_eq(s.n, 4);
	cr_assert_eq(s.v[0].key, 'j');
	cr_assert_eq(s.v[1].key, K_ENTER);
	cr_assert_eq(s.v[2].kind, SCRIPT_RESIZE);
	cr_assert_eq(s.v[2].cols, 60);
	cr_assert_eq(s.v[2].rows, 20);
	cr_assert_eq(s.v[3].key, 4);
	script_fini(&s);
	diag_list_fini(&dl);
}

Test(script, every_bad_word_is_reported_with_line_and_column)
{
	struct script s;
	struct diag_list dl;
	script_init(&s);
	diag_list_init(&dl);
	cr_assert_eq(script_parse(&s, "j Jay\n  resize:0x5 k\nresize:80",
	                          "f.keys", &dl),
	             -1);
	cr_assert_eq(dl.n, 3);
	char *m = diag_format(&dl.v[0]);
	cr_assert_str_eq(m, "f.keys:1:3: unknown key name 'Jay'");
	free(m);
	m = diag_format(&dl.v[1]);
	cr_assert_str_eq(m, "f.keys:2:3: bad size in 'resize:0x5' (expected "
	                    "resize:COLSxROWS)");
	free(m);
	cr_assert_eq(dl.v[2].line, 3);
	cr_assert_eq(dl.v[2].col, 1);
	script_fini(&s);
	diag_list_fini(&dl);
}

Test(script, sizes)
{
	int c, r;
	cr_assert_eq(script_parse_size("80x24", 5, &c, &r), 0);
	cr_assert_eq(c, 80);
	cr_assert_eq(r, 24);
	cr_assert_eq(script_parse_size("1x1", 3, &c, &r), 0);
	cr_assert_eq(script_parse_size("0x1", 3, &c, &r), -1);
	cr_assert_eq(script_parse_size("80x", 3, &c, &r), -1);
	cr_assert_eq(script_parse_size("x24", 3, &c, &r), -1);
	cr_assert_eq(script_parse_size("80*24", 5, &c, &r), -1);
	cr_assert_eq(script_parse_size("99999x1", 7, &c, &r), -1);
	cr_assert_eq(script_parse_size("-1x5", 4, &c, &r), -1);
}

Test(script, empty_script_is_fine)
{
	struct script s;
	struct diag_list dl;
	script_init(&s);
	diag_list_init(&dl);
	cr_assert_eq(script_parse(&s, "  \n# only a comment\n", "t", &dl), 0);
	cr_assert_eq(s.n, 0);
	script_fini(&s);
	diag_list_fini(&dl);
}

Test(script, mouse_events_at_a_cell)
{
	struct script s;
	struct diag_list dl;
	script_init(&s);
	diag_list_init(&dl);
	cr_assert_eq(script_parse(&s, "wheelup:10x3 wheeldown:1x1 click:80x24",
	                          "t", &dl),
	             0);
	cr_assert_eq(s.n, 3);
	cr_assert_eq(s.v[0].kind, SCRIPT_MOUSE);
	cr_assert_eq(s.v[0].mouse, 0);
	cr_assert_eq(s.v[0].cols, 10);
	cr_assert_eq(s.v[0].rows, 3);
	cr_assert_eq(s.v[1].mouse, 1);
	cr_assert_eq(s.v[2].mouse, 2);
	cr_assert_eq(s.v[2].cols, 80);
	cr_assert_eq(script_parse(&s, "click:5", "t", &dl), -1);
	cr_assert(strstr(dl.v[0].msg, "expected click:COLxROW"), "%s",
	          dl.v[0].msg);
	diag_list_fini(&dl);
	script_fini(&s);
}
