/* Unit tests of key names. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "keys.h"

/* Tests run in a new process: parameters must live in criterion's shared
 * memory, strings included. */
static char *
shared_strdup(const char *s)
{
	char *p = cr_malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

struct name_case {
	const char *name;
	int key;
	const char *canonical; /* keys_name of key */
};

ParameterizedTestParameters(keys, names)
{
	static const struct name_case table[] = {
	        {"j", 'j', "j"},
	        {"?", '?', "?"},
	        {"Space", ' ', "Space"},
	        {"space", ' ', "Space"},
	        {"Hash", '#', "#"},
	        {"C-a", 1, "C-a"},
	        {"C-X", 24, "C-x"},
	        {"C-i", K_TAB, "Tab"},
	        {"C-m", K_ENTER, "Enter"},
	        {"C-[", K_ESC, "Esc"},
	        {"M-x", 'x' | K_META, "M-x"},
	        {"M-C-d", 4 | K_META, "M-C-d"},
	        {"M-Up", K_UP | K_META, "M-Up"},
	        {"Up", K_UP, "Up"},
	        {"PageDown", K_PAGEDOWN, "PageDown"},
	        {"PgDn", K_PAGEDOWN, "PageDown"},
	        {"pageup", K_PAGEUP, "PageUp"},
	        {"Return", K_ENTER, "Enter"},
	        {"Escape", K_ESC, "Esc"},
	        {"BackTab", K_BACKTAB, "BackTab"},
	        {"F1", K_F1, "F1"},
	        {"F12", K_F12, "F12"},
	        {"Backspace", K_BACKSPACE, "Backspace"},
	        {"\xc3\xa9", 0xe9, "\xc3\xa9"},
	};
	size_t n = sizeof table / sizeof table[0];
	struct name_case *cases = cr_malloc(n * sizeof *cases);
	for (size_t i = 0; i < n; i++) {
		cases[i].name = shared_strdup(table[i].name);
		cases[i].key = table[i].key;
		cases[i].canonical = shared_strdup(table[i].canonical);
	}
	return cr_make_param_array(struct name_case, cases, n);
}

ParameterizedTest(struct name_case *c, keys, names)
{
	cr_assert_eq(keys_parse(c->name, strlen(c->name)), c->key, "%s",
	             c->name);
	char buf[KEY_NAME_MAX];
	cr_assert_str_eq(keys_name(c->key, buf), c->canonical);
	cr_assert_eq(keys_parse(buf, strlen(buf)), c->key);
}

ParameterizedTestParameters(keys, bad_names)
{
	static const char *const table[] = {
	        "",    "jj",     "C-",   "C-1",  "M-",        "M-M-x",
	        "F13", "Ctrl-x", "\x01", "\xff", "PageDownn",
	};
	size_t n = sizeof table / sizeof table[0];
	char **cases = cr_malloc(n * sizeof *cases);
	for (size_t i = 0; i < n; i++)
		cases[i] = shared_strdup(table[i]);
	return cr_make_param_array(char *, cases, n);
}

ParameterizedTest(char **name, keys, bad_names)
{
	cr_assert_eq(keys_parse(*name, strlen(*name)), -1, "'%s'", *name);
}

/* Keys lectern can never receive, and some it can. */
Test(keys, unsendable_keys_are_told_apart)
{
	static const char *const never[] = {"C-j",    "C-h",     "C-@",
	                                    "M-Down", "M-Enter", "M-Space",
	                                    "M-C-a",  "Resize",  "M-F1"};
	static const char *const fine[] = {"j",    "C-a", "Enter",
	                                   "Tab",  "M-x", "M-é",
	                                   "Down", "F1",  "Backspace"};
	for (size_t i = 0; i < sizeof never / sizeof *never; i++) {
		int k = keys_parse(never[i], strlen(never[i]));
		cr_assert_geq(k, 0, "%s", never[i]);
		cr_assert_not_null(keys_unsendable(k), "%s", never[i]);
	}
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++) {
		int k = keys_parse(fine[i], strlen(fine[i]));
		cr_assert_geq(k, 0, "%s", fine[i]);
		cr_assert_null(keys_unsendable(k), "%s", fine[i]);
	}
}
