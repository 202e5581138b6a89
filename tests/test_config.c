/* Unit tests of the config loader: keys, themes, keyword groups, errors,
 * hostile files and the dump. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp, mkfifo, setenv */
#endif
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cite.h"
#include "clip.h"
#include "config.h"
#include "keys.h"
#include "support.h"

#ifndef TEST_DATADIR
#define TEST_DATADIR "tests/data"
#endif

static void
defaults(struct config *cfg)
{
	struct diag_list dl;
	diag_list_init(&dl);
	config_init(cfg);
	cr_assert_eq(config_load_defaults(cfg, &dl), 0);
	cr_assert_eq(dl.n, 0);
	diag_list_fini(&dl);
}

static struct keyseq
seq_of(const char *s)
{
	struct keyseq seq;
	size_t at, len;
	cr_assert_eq(keyseq_parse(s, &seq, &at, &len), 0, "%s", s);
	return seq;
}

/* What seq does in ctx: an action, or -1 when nothing (or a prefix). */
static int
lookup(const struct config *cfg, enum keymap_context ctx, const char *s)
{
	struct keyseq seq = seq_of(s);
	enum action a;
	if (keymap_lookup(&cfg->keymap, ctx, seq.keys, seq.n, &a) !=
	    KEYMAP_ACTION)
		return -1;
	return (int)a;
}

static int
load(struct config *cfg, const char *yaml, struct diag_list *dl)
{
	return config_load_string(cfg, yaml, strlen(yaml), "t.yaml", dl);
}

/* The i-th diagnostic, formatted; freed by the caller. */
static char *
diag_at(const struct diag_list *dl, size_t i)
{
	cr_assert_lt(i, dl->n, "only %zu diagnostics", dl->n);
	return diag_format(&dl->v[i]);
}

static bool
has_binding(const struct keymap *km, const struct binding *b)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].ctx == b->ctx && km->v[i].action == b->action &&
		    km->v[i].seq.n == b->seq.n &&
		    !memcmp(km->v[i].seq.keys, b->seq.keys,
		            sizeof b->seq.keys[0] * (size_t)b->seq.n))
			return true;
	return false;
}

static void
assert_same_keymap(const struct keymap *a, const struct keymap *b)
{
	cr_assert_eq(a->n, b->n, "%zu bindings against %zu", a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		cr_assert(has_binding(b, &a->v[i]), "binding %zu (%s) missing",
		          i, action_name(a->v[i].action));
}

static void
assert_same_style(const struct style *a, const struct style *b)
{
	cr_assert_eq(a->fg, b->fg);
	cr_assert_eq(a->bg, b->bg);
	cr_assert_eq(a->attrs, b->attrs);
}

static void
assert_same_groups(const struct config *a, const struct config *b)
{
	cr_assert_eq(a->ngroups, b->ngroups);
	for (size_t i = 0; i < a->ngroups; i++) {
		const struct hl_group *x = &a->groups[i], *y = &b->groups[i];
		cr_assert_str_eq(x->name, y->name);
		cr_assert_eq(x->nwords, y->nwords);
		for (size_t j = 0; j < x->nwords; j++)
			cr_assert_str_eq(x->words[j], y->words[j]);
		cr_assert_eq(x->npatterns, y->npatterns);
		for (size_t j = 0; j < x->npatterns; j++)
			cr_assert_str_eq(x->patterns[j], y->patterns[j]);
		cr_assert_eq(x->ignore_case, y->ignore_case);
		cr_assert_eq(x->whole_word, y->whole_word);
		assert_same_style(&x->style, &y->style);
	}
}

static char *
dump(const struct config *cfg)
{
	struct strbuf sb;
	sb_init(&sb);
	config_dump(cfg, &sb);
	return sb_detach(&sb);
}

Test(config, defaults_bind_every_action_and_the_documented_keys)
{
	struct config cfg;
	defaults(&cfg);
	/* Every action but none has a key somewhere. */
	for (int a = 1; a < ACT_COUNT; a++) {
		bool found = false;
		for (size_t i = 0; i < cfg.keymap.n; i++)
			found = found ||
			        cfg.keymap.v[i].action == (enum action)a;
		cr_assert(found, "no built-in key for %s",
		          action_name((enum action)a));
	}
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "j"), ACT_SCROLL_DOWN);
	cr_assert_eq(lookup(&cfg, CTX_LIST, "j"), ACT_NEXT_ARTICLE);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "?"), ACT_SEARCH_BACKWARD);
	cr_assert_eq(lookup(&cfg, CTX_LIST, "?"), ACT_HELP);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "] 1"), ACT_NEXT_HIT_1);
	cr_assert_eq(lookup(&cfg, CTX_GROUPS, "Space"), ACT_TOGGLE_GROUP);
	cr_assert_eq(lookup(&cfg, CTX_MARKS, "d"), ACT_DELETE_BOOKMARK);

	struct theme dark;
	theme_builtin("dark", &dark);
	cr_assert_str_eq(cfg.theme_name, "dark");
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_same_style(&cfg.theme.roles[r], &dark.roles[r]);
	cr_assert_geq(cfg.ngroups, 4);
	cr_assert_str_eq(cfg.groups[0].name, "organisations");
	cr_assert_eq(cfg.groups[0].line, 0, "built-in groups have no line");

	struct diag_list dl;
	diag_list_init(&dl);
	cr_assert_eq(config_conflicts(&cfg, &dl), 0);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, empty_file_changes_nothing)
{
	static const char *const texts[] = {"", "# nothing\n", "---\n", "~\n",
	                                    "keys:\nthemes:\n"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct config cfg;
		struct diag_list dl;
		defaults(&cfg);
		diag_list_init(&dl);
		char *before = dump(&cfg);
		cr_assert_eq(load(&cfg, texts[i], &dl), 0, "%s", texts[i]);
		cr_assert_eq(dl.n, 0);
		char *after = dump(&cfg);
		cr_assert_str_eq(before, after);
		free(before);
		free(after);
		diag_list_fini(&dl);
		config_fini(&cfg);
	}
}

Test(config, listing_an_action_replaces_its_keys)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg,
	                  "keys:\n"
	                  "  pager:\n"
	                  "    scroll-down: [n, C-n]\n"
	                  "    top: g g\n",
	                  &dl),
	             0);
	cr_assert_eq(dl.n, 0);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "n"), ACT_SCROLL_DOWN);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "C-n"), ACT_SCROLL_DOWN);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "j"), -1);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "Down"), -1);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "g g"), ACT_TOP);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "Home"), -1);
	/* Other contexts keep theirs. */
	cr_assert_eq(lookup(&cfg, CTX_HELP, "j"), ACT_SCROLL_DOWN);
	cr_assert_eq(lookup(&cfg, CTX_LIST, "j"), ACT_NEXT_ARTICLE);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, binding_a_key_moves_it_and_none_unbinds)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg,
	                  "keys:\n"
	                  "  pager:\n"
	                  "    top: j\n"
	                  "  global:\n"
	                  "    none: [q, C-l]\n",
	                  &dl),
	             0);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "j"), ACT_TOP);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "Down"), ACT_SCROLL_DOWN);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "g"), -1);
	cr_assert_eq(lookup(&cfg, CTX_LIST, "q"), -1);
	cr_assert_eq(lookup(&cfg, CTX_GLOBAL, "C-l"), -1);
	cr_assert_eq(lookup(&cfg, CTX_GLOBAL, "?"), ACT_HELP);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, reads_themes_and_groups)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	int rc = load(&cfg,
	              "theme: mine\n"
	              "themes:\n"
	              "  mine:\n"
	              "    title: {fg: '#ff8800', bg: default, attrs: "
	              "[bold, underline]}\n"
	              "    text: {fg: 250}\n"
	              "highlight:\n"
	              "  - {name: '*', drop: true}\n"
	              "  - name: firms\n"
	              "    words: [Huawei, ZTE]\n"
	              "    patterns: '5G|LTE'\n"
	              "    ignore-case: false\n"
	              "    style: {fg: bright-red, attrs: italic}\n",
	              &dl);
	for (size_t i = 0; i < dl.n; i++)
		if (dl.v[i].level == DIAG_ERROR) /* not the warnings of keys
		                                  * no terminal sends */
			cr_log_error("%s", diag_format(&dl.v[i]));
	cr_assert_eq(rc, 0);
	cr_assert_str_eq(cfg.theme_name, "mine");
	struct style *t = &cfg.theme.roles[ROLE_TITLE];
	cr_assert_eq(t->fg, COLOR_RGB(0xff8800));
	cr_assert_eq(t->bg, COLOR_DEFAULT);
	cr_assert_eq(t->attrs, ATTR_BOLD | ATTR_UNDERLINE);
	cr_assert_eq(cfg.theme.roles[ROLE_TEXT].fg, 250);

	cr_assert_eq(cfg.ngroups, 1, "'*' dropped the built-in groups");
	struct hl_group *g = &cfg.groups[0];
	cr_assert_str_eq(g->name, "firms");
	cr_assert_eq(g->nwords, 2);
	cr_assert_str_eq(g->words[1], "ZTE");
	cr_assert_eq(g->npatterns, 1);
	cr_assert_str_eq(g->patterns[0], "5G|LTE");
	cr_assert_not(g->ignore_case);
	cr_assert(g->whole_word);
	cr_assert_eq(g->style.fg, 9);
	cr_assert_eq(g->style.bg, COLOR_DEFAULT);
	cr_assert_eq(g->style.attrs, ATTR_ITALIC);
	cr_assert_eq(g->line, 8);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, themes_inherit_over_several_levels)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg,
	                  "themes:\n"
	                  "  base:\n"
	                  "    inherit: light\n"
	                  "    title: {fg: red}\n"
	                  "  mid:\n"
	                  "    inherit: base\n"
	                  "    title: {attrs: [italic]}\n"
	                  "  top:\n"
	                  "    inherit: mid\n"
	                  "    text: {bg: '#102030'}\n"
	                  "theme: top\n",
	                  &dl),
	             0);
	struct theme light;
	theme_builtin("light", &light);
	const struct style *title = &cfg.theme.roles[ROLE_TITLE];
	cr_assert_eq(title->fg, 1, "from base");
	cr_assert_eq(title->attrs, ATTR_ITALIC, "from mid");
	cr_assert_eq(title->bg, light.roles[ROLE_TITLE].bg, "from light");
	cr_assert_eq(cfg.theme.roles[ROLE_TEXT].bg, COLOR_RGB(0x102030));
	cr_assert_eq(cfg.theme.roles[ROLE_TEXT].fg, light.roles[ROLE_TEXT].fg);
	for (int r = 0; r < ROLE_COUNT; r++)
		if (r != ROLE_TITLE && r != ROLE_TEXT)
			assert_same_style(&cfg.theme.roles[r], &light.roles[r]);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, a_theme_without_inherit_starts_from_dark)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg, "themes: {mine: {title: {fg: 200}}}\n", &dl),
	             0);
	cr_assert_str_eq(cfg.theme_name, "dark", "defining is not choosing");
	/* A later file may choose a theme an earlier one defined. */
	cr_assert_eq(load(&cfg, "theme: mine\n", &dl), 0);
	struct theme dark;
	theme_builtin("dark", &dark);
	cr_assert_eq(cfg.theme.roles[ROLE_TITLE].fg, 200);
	cr_assert_eq(cfg.theme.roles[ROLE_TITLE].attrs,
	             dark.roles[ROLE_TITLE].attrs);
	assert_same_style(&cfg.theme.roles[ROLE_HEADING],
	                  &dark.roles[ROLE_HEADING]);
	/* Redefining the theme in use takes effect. */
	cr_assert_eq(load(&cfg, "themes: {mine: {inherit: monochrome}}\n", &dl),
	             0);
	struct theme mono;
	theme_builtin("monochrome", &mono);
	assert_same_style(&cfg.theme.roles[ROLE_TITLE],
	                  &mono.roles[ROLE_TITLE]);
	cr_assert_eq(dl.n, 0);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

/* One bad file, its one error. */
struct bad_case {
	char yaml[160];
	char want[200];
};

ParameterizedTestParameters(config, reports_each_error)
{
	static struct bad_case cases[] = {
	        {"kyes:\n  pager: {}\n",
	         "t.yaml:1:1: unknown section 'kyes' (did you mean 'keys'?)"},
	        /* Common YAML mistakes get a hint. */
	        {"themes:\n  m:\n    title: {fg: #ff8800}\n",
	         "t.yaml:4:1: did not find expected node content (while "
	         "parsing a flow node at line 4, column 1): # starts a comment "
	         "in YAML: quote a colour like '#ff8800'"},
	        {"themes:\n  m:\n    title:\n      fg: #ff8800\n",
	         "t.yaml:4:10: themes.m.title.fg: expected a colour (# starts "
	         "a "
	         "comment in YAML: quote a colour like '#ff8800')"},
	        {"keys:\n\tpager:\n    top: g\n",
	         "t.yaml:2:1: found character that cannot start any token "
	         "(while scanning for the next token at line 2, column 1): "
	         "YAML does not allow tabs for indentation: use spaces"},
	        {"keys:\n  pager:\n    top: ?\n",
	         "t.yaml:3:10: mapping keys are not allowed in this context: "
	         "quote it: '?'"},
	        {"keys:\n  sidebar: {}\n",
	         "t.yaml:2:3: keys: unknown context 'sidebar' (expected "
	         "global, "
	         "list, pager, help, groups or bookmarks)"},
	        {"keys:\n  pager:\n    frobnicate: x\n",
	         "t.yaml:3:5: keys.pager: unknown action 'frobnicate' "
	         "(lectern-config(5) lists them)"},
	        {"colours: 1\n",
	         "t.yaml:1:1: unknown section 'colours' (expected keys, theme, "
	         "themes, highlight, view or yank)"},
	        {"- a\n- b\n", "t.yaml:1:1: expected a mapping of sections "
	                       "(keys, theme, themes, highlight, view)"},
	        {"theme: dark\ntheme: light\n",
	         "t.yaml:2:1: 'theme' given twice (first on line 1)"},
	        {"keys:\n  pagr:\n    top: g\n",
	         "t.yaml:2:3: keys: unknown context 'pagr' (did you mean "
	         "'pager'?)"},
	        {"keys:\n  pager:\n    scrol-down: j\n",
	         "t.yaml:3:5: keys.pager: unknown action 'scrol-down' (did you "
	         "mean 'scroll-down'?)"},
	        {"keys:\n  pager:\n    top: g Foo\n",
	         "t.yaml:3:12: keys.pager.top: unknown key 'Foo' "
	         "(lectern-config(5) lists them)"},
	        {"keys:\n  pager:\n    top: [Home, Entr]\n",
	         "t.yaml:3:17: keys.pager.top: unknown key 'Entr' (did you "
	         "mean 'Enter'?)"},
	        {"keys:\n  pager:\n    top: a b c d e\n",
	         "t.yaml:3:18: keys.pager.top: 'a b c d e' is longer than 4 "
	         "keys"},
	        {"keys:\n  pager:\n    scroll-down: {a: b}\n",
	         "t.yaml:3:18: keys.pager.scroll-down: expected a key or a "
	         "list "
	         "of keys"},
	        {"keys:\n  pager:\n    top: [x, [y]]\n",
	         "t.yaml:3:14: keys.pager.top: expected a key or a list of "
	         "keys"},
	        {"keys:\n  pager:\n    top: x\n    bottom: [y, x]\n",
	         "t.yaml:4:17: keys.pager.bottom: 'x' is given to both top "
	         "(line 3) and bottom"},
	        {"keys:\n  pager: [j]\n",
	         "t.yaml:2:10: keys.pager: expected a mapping of actions to "
	         "keys"},
	        {"theme: drak\n",
	         "t.yaml:1:8: theme: unknown theme 'drak' (did you mean "
	         "'dark'?)"},
	        {"themes:\n  mine:\n    title: {fg: purple}\n",
	         "t.yaml:3:17: themes.mine.title.fg: unknown colour 'purple' "
	         "(expected a name like red or bright-blue, 0-255, #rrggbb or "
	         "default)"},
	        {"themes:\n  mine:\n    titel: {fg: red}\n",
	         "t.yaml:3:5: themes.mine: unknown element 'titel' (did you "
	         "mean 'title'?)"},
	        {"themes:\n  mine:\n    title: {fg: red, underline: yes}\n",
	         "t.yaml:3:22: themes.mine.title: unknown style field "
	         "'underline' (expected fg, bg or attrs)"},
	        {"themes:\n  mine:\n    title: {attrs: [bold, blink]}\n",
	         "t.yaml:3:27: themes.mine.title.attrs: unknown attribute "
	         "'blink' (expected bold, dim, italic, underline, reverse or "
	         "standout)"},
	        {"themes:\n  mine:\n    title: red\n",
	         "t.yaml:3:12: themes.mine.title: expected a style: a mapping "
	         "like {fg: red, bg: default, attrs: [bold]}"},
	        {"themes:\n  mine:\n    inherit: lihgt\n",
	         "t.yaml:3:14: themes.mine.inherit: unknown theme 'lihgt' (did "
	         "you mean 'light'?)"},
	        {"themes:\n  a:\n    inherit: b\n  b:\n    inherit: a\n",
	         "t.yaml:2:3: themes.a: theme 'a' inherits itself: a -> b -> "
	         "a"},
	        {"themes:\n  a: {inherit: a}\n",
	         "t.yaml:2:3: themes.a: theme 'a' inherits itself: a -> a"},
	        {"themes:\n  dark: {}\n",
	         "t.yaml:2:3: themes: 'dark' is a built-in theme: give yours "
	         "another name (and 'inherit: dark' to start from it)"},
	        {"highlight: {name: x}\n",
	         "t.yaml:1:12: highlight: expected a list of keyword groups"},
	        {"highlight:\n  - words: [x]\n",
	         "t.yaml:2:5: highlight[0]: a group needs a name"},
	        {"highlight:\n  - name: a\n  - name: a\n",
	         "t.yaml:3:5: highlight[1]: a group named 'a' is already on "
	         "line 2"},
	        {"highlight:\n  - {name: a, ignore-case: maybe}\n",
	         "t.yaml:2:28: highlight[0].ignore-case: expected true or "
	         "false, not 'maybe'"},
	        {"highlight:\n  - name: a\n    style: red\n",
	         "t.yaml:3:12: highlight[0].style: expected a style: a mapping "
	         "like {fg: red, bg: default, attrs: [bold]}"},
	        {"highlight:\n  - name: a\n    wrods: [x]\n",
	         "t.yaml:3:5: highlight[0]: unknown field 'wrods' (did you "
	         "mean 'words'?)"},
	        {"keys: {}\n---\ntheme: dark\n",
	         "t.yaml:2:1: more than one YAML document (a second '---' "
	         "line?)"},
	        {"theme: d\xffrk\n", "t.yaml:1:9: not UTF-8 (byte 0xff)"},
	        {"a: &x [*x]\n",
	         "t.yaml:1:8: alias '*x' inside the collection it names"},
	};
	return cr_make_param_array(struct bad_case, cases,
	                           sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_case *c, config, reports_each_error)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg, c->yaml, &dl), -1, "%s", c->yaml);
	char *got = diag_at(&dl, 0);
	cr_assert_str_eq(got, c->want);
	for (size_t i = 1; i < dl.n; i++)
		cr_log_error("extra: %s", diag_format(&dl.v[i]));
	cr_assert_eq(dl.n, 1, "one error only");
	free(got);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, reports_every_error_and_changes_nothing)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	char *before = dump(&cfg);
	cr_assert_eq(load(&cfg,
	                  "keys:\n"
	                  "  pager:\n"
	                  "    top: x\n"
	                  "    scrol-down: j\n"
	                  "theme: nope\n"
	                  "themes:\n"
	                  "  mine: {title: {fg: purple}}\n"
	                  "highlight:\n"
	                  "  - name: a\n"
	                  "  - words: [b]\n",
	                  &dl),
	             -1);
	cr_assert_eq(dl.n, 4);
	const int lines[] = {4, 7, 5, 10};
	for (size_t i = 0; i < 4; i++) {
		cr_assert_eq(dl.v[i].level, DIAG_ERROR);
		cr_assert_eq(dl.v[i].line, lines[i], "error %zu on line %d", i,
		             dl.v[i].line);
	}
	char *after = dump(&cfg);
	cr_assert_str_eq(before, after);
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "x"), -1);
	free(before);
	free(after);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, reports_yaml_syntax_errors)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg, "keys:\n  pager: [j\n", &dl), -1);
	cr_assert_eq(dl.n, 1);
	cr_assert_eq(dl.v[0].line, 3);
	cr_assert(strstr(dl.v[0].msg, "while parsing a flow sequence at "
	                              "line 2, column 10"),
	          "%s", dl.v[0].msg);
	diag_list_fini(&dl);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg, "theme: *nowhere\n", &dl), -1);
	cr_assert(strstr(dl.v[0].msg, "undefined alias"), "%s", dl.v[0].msg);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

/* Strings a dump has to quote. */
static const char round_trip_yaml[] =
        "keys:\n"
        "  global:\n"
        "    quit: ['?', Space, 'M-#', '\"', \"'\", C-@, M-Up]\n"
        "    none: [Tab]\n"
        "  pager:\n"
        "    top: [g g, ':']\n"
        "themes:\n"
        "  mine:\n"
        "    inherit: light\n"
        "    title: {fg: '#ff8800', attrs: []}\n"
        "    text: {bg: 17}\n"
        "  'odd name: yes':\n"
        "    inherit: mine\n"
        "  empty: {}\n"
        "theme: 'odd name: yes'\n"
        "highlight:\n"
        "  - name: null\n"
        "    words: ['it''s', 'a: b', '- x', ' lead', \"tab\\there\", "
        "'#1', 'é', '[x]', true]\n"
        "    patterns: ['\\bfoo\\b', '5G|LTE']\n"
        "    whole-word: no\n"
        "    style: {bg: blue}\n"
        "  - name: plain\n"
        "    words: [x]\n";

Test(config, dump_reads_back_to_the_same_config)
{
	struct config a, b;
	struct diag_list dl;
	defaults(&a);
	diag_list_init(&dl);
	int rc = config_load_string(&a, round_trip_yaml,
	                            strlen(round_trip_yaml), "rt", &dl);
	for (size_t i = 0; i < dl.n; i++)
		if (dl.v[i].level == DIAG_ERROR) /* not the warnings of keys
		                                  * no terminal sends */
			cr_log_error("%s", diag_format(&dl.v[i]));
	cr_assert_eq(rc, 0);
	char *text = dump(&a);

	config_init(&b);
	cr_assert_eq(b.keymap.n, 0, "config_init binds nothing");
	rc = config_load_string(&b, text, strlen(text), "dump", &dl);
	for (size_t i = 0; i < dl.n; i++)
		if (dl.v[i].level == DIAG_ERROR) /* not the warnings of keys
		                                  * no terminal sends */
			cr_log_error("%s", diag_format(&dl.v[i]));
	cr_assert_eq(rc, 0, "%s", text);
	assert_same_keymap(&a.keymap, &b.keymap);
	cr_assert_str_eq(a.theme_name, b.theme_name);
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_same_style(&a.theme.roles[r], &b.theme.roles[r]);
	cr_assert_eq(a.nthemes, b.nthemes);
	assert_same_groups(&a, &b);
	char *again = dump(&b);
	cr_assert_str_eq(text, again);
	free(text);
	free(again);
	diag_list_fini(&dl);
	config_fini(&a);
	config_fini(&b);
}

Test(config, dump_of_the_defaults_reads_back_over_an_empty_keymap)
{
	struct config a, b;
	struct diag_list dl;
	defaults(&a);
	diag_list_init(&dl);
	char *text = dump(&a);
	config_init(&b);
	cr_assert_eq(config_load_string(&b, text, strlen(text), "dump", &dl),
	             0);
	assert_same_keymap(&a.keymap, &b.keymap);
	assert_same_groups(&a, &b);
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_same_style(&a.theme.roles[r], &b.theme.roles[r]);
	free(text);
	diag_list_fini(&dl);
	config_fini(&a);
	config_fini(&b);
}

/* --dump-config output used as the user's file is read over the defaults:
 * an action left without keys must stay without keys. */
Test(config, dump_reads_back_over_the_defaults_with_unbound_actions)
{
	struct config a, b;
	struct diag_list dl;
	defaults(&a);
	diag_list_init(&dl);
	cr_assert_eq(load(&a,
	                  "keys:\n  pager:\n    none: [j, Down]\n"
	                  "  help:\n    close-help: []\n",
	                  &dl),
	             0);
	cr_assert_eq(lookup(&a, CTX_PAGER, "j"), -1);
	char *text = dump(&a);
	defaults(&b);
	cr_assert_eq(config_load_string(&b, text, strlen(text), "dump", &dl), 0,
	             "%s", text);
	assert_same_keymap(&a.keymap, &b.keymap);
	cr_assert_eq(lookup(&b, CTX_PAGER, "j"), -1);
	cr_assert_eq(lookup(&b, CTX_HELP, "Esc"), -1);
	free(text);
	diag_list_fini(&dl);
	config_fini(&a);
	config_fini(&b);
}

Test(config, conflicts_name_the_shadowed_bindings)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg,
	                  "keys:\n"
	                  "  pager:\n"
	                  "    top: g g\n"
	                  "    bottom: g\n",
	                  &dl),
	             0);
	cr_assert_eq(config_conflicts(&cfg, &dl), 1);
	char *s = diag_at(&dl, 0);
	cr_assert_str_eq(s, "warning: keys.pager: 'g g' (top) can never be "
	                    "typed: 'g' (bottom) is bound in pager");
	free(s);
	diag_list_fini(&dl);
	config_fini(&cfg);

	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg,
	                  "keys:\n"
	                  "  global: {redraw: x y}\n"
	                  "  pager: {top: x}\n",
	                  &dl),
	             0);
	cr_assert_eq(config_conflicts(&cfg, &dl), 1);
	s = diag_at(&dl, 0);
	cr_assert_str_eq(s, "warning: keys.global: 'x y' (redraw) can never "
	                    "be typed in pager: 'x' (top) is bound in pager");
	free(s);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

/* Hostile input. */

static void
assert_refused(const char *text, size_t len, const char *want)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(config_load_string(&cfg, text, len, "h", &dl), -1);
	cr_assert_geq(dl.n, 1);
	cr_assert(strstr(dl.v[0].msg, want), "'%s' has no '%s'", dl.v[0].msg,
	          want);
	cr_assert_leq(dl.n, 51, "errors are capped");
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, refuses_deep_nesting)
{
	size_t n = 10000;
	char *s = malloc(n + 16);
	memcpy(s, "keys: ", 6);
	memset(s + 6, '[', n);
	assert_refused(s, n + 6, "nested deeper than 16 levels");
	free(s);
}

Test(config, refuses_billion_laughs)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 10; i++) {
		sb_addf(&sb, "a%d: &a%d [", i, i);
		for (int j = 0; j < 10; j++)
			sb_addf(&sb, "%s*a%d", j ? ", " : "", i - 1);
		sb_addstr(&sb, "]\n");
	}
	assert_refused(sb.buf, sb.len, "more than 64 aliases");
	sb_fini(&sb);
}

Test(config, refuses_huge_scalars_and_files)
{
	size_t n = CONFIG_MAX_SCALAR + 1;
	char *s = malloc(CONFIG_MAX_BYTES + 2);
	memcpy(s, "theme: ", 7);
	memset(s + 7, 'a', n);
	assert_refused(s, n + 7, "a value longer than 4096 bytes");
	memcpy(s, "a: &", 4);
	memset(s + 4, 'a', n);
	memcpy(s + 4 + n, " [x]", 4);
	assert_refused(s, n + 8, "an anchor name longer than 4096 bytes");
	memset(s, '#', CONFIG_MAX_BYTES + 1);
	assert_refused(s, CONFIG_MAX_BYTES + 1, "larger than 1048576 bytes");
	free(s);
}

Test(config, refuses_many_errors_quickly)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "keys:\n  pager:\n    top: [");
	for (int i = 0; i < 20000; i++)
		sb_addf(&sb, "%sa%d", i ? ", " : "", i);
	sb_addstr(&sb, "]\n");
	assert_refused(sb.buf, sb.len, "unknown key 'a0'");
	sb_fini(&sb);
}

static void
assert_file_refused(const char *path, const char *want)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	char *before = dump(&cfg);
	cr_assert_eq(config_load_file(&cfg, path, &dl), -1, "%s", path);
	cr_assert_eq(dl.n, 1);
	char *got = diag_at(&dl, 0);
	cr_assert_str_eq(got, want);
	char *after = dump(&cfg);
	cr_assert_str_eq(before, after);
	free(got);
	free(before);
	free(after);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, refuses_what_is_not_a_regular_file)
{
	char dir[] = "/tmp/lectern-cfg-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char *want = xasprintf("%s: is a directory, not a config file", dir);
	assert_file_refused(dir, want);
	free(want);

	char *fifo = xasprintf("%s/fifo", dir);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	want = xasprintf("%s: is a FIFO, not a config file", fifo);
	assert_file_refused(fifo, want);
	free(want);
	unlink(fifo);
	free(fifo);

	assert_file_refused("/dev/zero",
	                    "/dev/zero: is a device, not a config file");

	char *missing = xasprintf("%s/missing.yaml", dir);
	want = xasprintf("%s: cannot open: No such file or directory", missing);
	assert_file_refused(missing, want);
	free(want);

	/* Unreadable: as nobody when run as root, whom modes do not stop. */
	support_drop_root(dir);
	FILE *f = fopen(missing, "w");
	cr_assert_not_null(f);
	fputs("theme: light\n", f);
	fclose(f);
	chmod(missing, 0);
	want = xasprintf("%s: cannot open: Permission denied", missing);
	assert_file_refused(missing, want);
	free(want);
	unlink(missing);
	free(missing);
	rmdir(dir);
}

Test(config, loads_a_file)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(
	        config_load_file(&cfg, TEST_DATADIR "/config/sample.yaml", &dl),
	        0);
	cr_assert_eq(dl.n, 0);
	cr_assert_str_eq(cfg.theme_name, "dusk");
	cr_assert_eq(lookup(&cfg, CTX_PAGER, "n"), ACT_SCROLL_DOWN);
	diag_list_fini(&dl);
	diag_list_init(&dl);
	cr_assert_eq(
	        config_load_file(&cfg, TEST_DATADIR "/config/bad.yaml", &dl),
	        -1);
	cr_assert_eq(dl.n, 2);
	char *s = diag_at(&dl, 0);
	cr_assert_str_eq(s, TEST_DATADIR "/config/bad.yaml:3:5: keys.pager: "
	                                 "unknown action 'scrol-down' (did you "
	                                 "mean 'scroll-down'?)");
	free(s);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, path_follows_the_environment)
{
	bool must;
	char *p = config_path("/x/y.yaml", &must);
	cr_assert_str_eq(p, "/x/y.yaml");
	cr_assert(must);
	free(p);

	setenv("LECTERN_CONFIG", "/etc/l.yaml", 1);
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	p = config_path(NULL, &must);
	cr_assert_str_eq(p, "/etc/l.yaml");
	cr_assert(must);
	free(p);

	unsetenv("LECTERN_CONFIG");
	p = config_path(NULL, &must);
	cr_assert_str_eq(p, "/xdg/lectern/config.yaml");
	cr_assert_not(must);
	free(p);

	setenv("XDG_CONFIG_HOME", "relative", 1);
	p = config_path(NULL, &must);
	cr_assert_str_eq(p, "/home/u/.config/lectern/config.yaml");
	free(p);

	unsetenv("XDG_CONFIG_HOME");
	setenv("LECTERN_CONFIG", "", 1);
	p = config_path(NULL, &must);
	cr_assert_str_eq(p, "/home/u/.config/lectern/config.yaml");
	cr_assert_not(must);
	free(p);

	unsetenv("HOME");
	cr_assert_null(config_path(NULL, &must));
}

Test(config, a_bad_pattern_is_an_error_at_its_place)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg,
	                  "highlight:\n"
	                  "  - name: x\n"
	                  "    patterns: ['ok\\b', 'ab(c']\n",
	                  &dl),
	             -1);
	char *m = diag_at(&dl, 0);
	cr_assert_str_eq(m, "t.yaml:3:24: highlight[0].patterns: bad regular "
	                    "expression 'ab(c': missing closing parenthesis "
	                    "at offset 4");
	free(m);
	cr_assert_eq(dl.n, 1);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

Test(config, keywords_are_capped_as_aliases_expand_them)
{
	/* 300 words of 200 bytes, repeated by 63 aliases: small as text,
	 * 3.8 MB of keywords. */
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, "highlight:\n  - name: g0\n    words: &w [");
	for (int i = 0; i < 300; i++) {
		sb_addf(&sb, "%sw%03d", i ? ", " : "", i);
		for (int k = 0; k < 196; k++)
			sb_addch(&sb, 'x');
	}
	sb_addstr(&sb, "]\n");
	for (int g = 1; g < 64; g++)
		sb_addf(&sb, "  - name: g%d\n    words: *w\n", g);
	struct config cfg;
	struct diag_list dl;
	config_init(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg, sb.buf, &dl), -1);
	cr_assert_eq(dl.n, 1);
	cr_assert(strstr(dl.v[0].msg, "bytes of words and patterns, more "
	                              "than 524288"),
	          "%s", dl.v[0].msg);
	/* One word too long is said where it is. */
	diag_list_fini(&dl);
	config_fini(&cfg);
	config_init(&cfg);
	diag_list_init(&dl);
	sb_reset(&sb);
	sb_addstr(&sb, "highlight:\n  - name: g\n    words: [ok, ");
	for (int k = 0; k < 300; k++)
		sb_addch(&sb, 'y');
	sb_addstr(&sb, "]\n");
	cr_assert_eq(load(&cfg, sb.buf, &dl), -1);
	cr_assert_eq(dl.n, 1);
	cr_assert_str_eq(dl.v[0].msg,
	                 "highlight[0].words: longer than 256 bytes");
	cr_assert_eq(dl.v[0].line, 3);
	cr_assert_eq(dl.v[0].col, 17);
	diag_list_fini(&dl);
	config_fini(&cfg);
	sb_fini(&sb);
}

Test(config, view_settings_are_read_and_checked)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert(!cfg.view.line_numbers && !cfg.view.article_numbers);
	cr_assert_eq(load(&cfg,
	                  "view:\n  line-numbers: true\n"
	                  "  article-numbers: yes\n",
	                  &dl),
	             0);
	cr_assert(cfg.view.line_numbers && cfg.view.article_numbers);
	char *d = dump(&cfg);
	cr_assert(strstr(d, "line-numbers: true"), "%s", d);
	free(d);
	cr_assert_eq(load(&cfg,
	                  "view:\n  line-numbers: maybe\n"
	                  "  article-number: false\n",
	                  &dl),
	             -1);
	cr_assert_eq(dl.n, 2);
	cr_assert_eq(dl.v[0].line, 2);
	cr_assert_eq(dl.v[0].col, 17);
	cr_assert(strstr(dl.v[0].msg, "view.line-numbers: expected true or "
	                              "false, not 'maybe'"),
	          "%s", dl.v[0].msg);
	cr_assert(strstr(dl.v[1].msg, "did you mean 'article-numbers'"), "%s",
	          dl.v[1].msg);
	cr_assert(cfg.view.line_numbers, "a bad config changes nothing");
	cr_assert_eq(load(&cfg,
	                  "view:\n  sidebar: no\n  sidebar-width: 28\n"
	                  "  text-width: 0\n",
	                  &dl),
	             0);
	cr_assert(!cfg.view.sidebar);
	cr_assert_eq(cfg.view.sidebar_cols, 28);
	cr_assert_eq(cfg.view.text_width, 0);
	cr_assert_eq(
	        load(&cfg, "view: {sidebar-width: 40%, text-width: 72}\n", &dl),
	        0);
	cr_assert_eq(cfg.view.sidebar_cols, 0);
	cr_assert_eq(cfg.view.sidebar_percent, 40);
	cr_assert_eq(cfg.view.text_width, 72);
	diag_list_fini(&dl);
	diag_list_init(&dl);
	cr_assert_eq(load(&cfg,
	                  "view:\n  sidebar-width: 95%\n  text-width: 10\n",
	                  &dl),
	             -1);
	cr_assert_eq(dl.n, 2);
	cr_assert(strstr(dl.v[0].msg, "expected a percentage from 5% to 80%, "
	                              "not '95%'"),
	          "%s", dl.v[0].msg);
	cr_assert_eq(dl.v[1].line, 3);
	cr_assert_eq(dl.v[1].col, 15);
	cr_assert_eq(cfg.view.text_width, 72, "a bad config changes nothing");
	diag_list_fini(&dl);
	config_fini(&cfg);
}

/* The index of the group called name in cfg, or -1. */
static int
group_at(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->ngroups; i++)
		if (!strcmp(cfg->groups[i].name, name))
			return (int)i;
	return -1;
}

Test(config, groups_merge_by_name_and_drop_on_request)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	size_t builtin = cfg.ngroups;
	cr_assert_geq(builtin, 5);
	int places = group_at(&cfg, "places");
	cr_assert_geq(places, 0);
	/* A new group joins the built-in ones ... */
	cr_assert_eq(
	        load(&cfg, "highlight:\n  - {name: mine, words: [x]}\n", &dl),
	        0);
	cr_assert_eq(cfg.ngroups, builtin + 1);
	cr_assert_eq(group_at(&cfg, "mine"), (int)builtin);
	/* ... one of the same name replaces it where it stands ... */
	cr_assert_eq(load(&cfg, "highlight:\n  - {name: places, words: [Oz]}\n",
	                  &dl),
	             0);
	cr_assert_eq(cfg.ngroups, builtin + 1);
	cr_assert_eq(group_at(&cfg, "places"), places);
	cr_assert_str_eq(cfg.groups[places].words[0], "Oz");
	cr_assert_eq(cfg.groups[places].nwords, 1);
	/* ... drop: true removes one, '*' all before it ... */
	cr_assert_eq(
	        load(&cfg, "highlight:\n  - {name: people, drop: true}\n", &dl),
	        0);
	cr_assert_eq(group_at(&cfg, "people"), -1);
	cr_assert_eq(cfg.ngroups, builtin);
	cr_assert_eq(load(&cfg,
	                  "highlight:\n  - {name: '*', drop: true}\n"
	                  "  - {name: only, words: [y]}\n",
	                  &dl),
	             0);
	cr_assert_eq(cfg.ngroups, 1);
	cr_assert_str_eq(cfg.groups[0].name, "only");
	/* ... and an empty list is no groups at all. */
	cr_assert_eq(load(&cfg, "highlight: []\n", &dl), 0);
	cr_assert_eq(cfg.ngroups, 0);
	cr_assert_eq(
	        load(&cfg, "highlight:\n  - {name: nope, drop: true}\n", &dl),
	        -1);
	cr_assert(strstr(dl.v[dl.n - 1].msg, "no group named 'nope' to drop"),
	          "%s", dl.v[dl.n - 1].msg);
	cr_assert_eq(dl.v[dl.n - 1].line, 2);
	/* A group with no name before one with a name: an error, and the
	 * merge never compares with the nameless one (fuzz_config). */
	cr_assert_eq(load(&cfg,
	                  "highlight:\n  - words: [a]\n"
	                  "  - {name: x, words: [b]}\n",
	                  &dl),
	             -1);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

/* yank: the citation template (checked, with the place of the mistake)
 * and where copies go; both survive a dump. */
Test(config, yank_settings_are_read_and_checked)
{
	struct config cfg;
	struct diag_list dl;
	defaults(&cfg);
	diag_list_init(&dl);
	cr_assert_str_eq(cfg.yank.citation, cite_default_template,
	                 "the built-in config says cite.h's template");
	cr_assert_eq(cfg.yank.to, CLIP_AUTO);
	cr_assert_eq(load(&cfg,
	                  "yank:\n  to: tmux\n"
	                  "  citation: 'from {title}[ by {author}]'\n",
	                  &dl),
	             0);
	cr_assert_eq(cfg.yank.to, CLIP_TMUX);
	cr_assert_str_eq(cfg.yank.citation, "from {title}[ by {author}]");
	char *d = dump(&cfg);
	cr_assert(strstr(d, "yank:\n  to: tmux\n  citation: 'from {title}[ by "
	                    "{author}]'\n"),
	          "%s", d);
	free(d);
	cr_assert_eq(load(&cfg,
	                  "yank:\n  citation: \"-- {title\"\n"
	                  "  to: clipboard\n  cite: x\n",
	                  &dl),
	             -1);
	cr_assert_eq(dl.n, 3);
	cr_assert_eq(dl.v[0].line, 2);
	cr_assert_eq(dl.v[0].col, 17, "at the '{' not closed");
	cr_assert(strstr(dl.v[0].msg, "yank.citation: '{' not closed by '}'"),
	          "%s", dl.v[0].msg);
	cr_assert(strstr(dl.v[1].msg, "yank.to: expected auto, osc52, tmux or "
	                              "file, not 'clipboard'"),
	          "%s", dl.v[1].msg);
	cr_assert(strstr(dl.v[2].msg,
	                 "unknown setting 'cite' (expected citation or to)"),
	          "%s", dl.v[2].msg);
	cr_assert_eq(cfg.yank.to, CLIP_TMUX, "a bad config changes nothing");
	diag_list_fini(&dl);
	config_fini(&cfg);
}
