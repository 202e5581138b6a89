/* Unit tests of bindings, sequences and lookup. */
#include <criterion/criterion.h>
#include <string.h>

#include "config.h"
#include "keymap.h"
#include "keys.h"

/* The built-in bindings, from the embedded config. */
static void
builtin_keymap(struct keymap *km)
{
	struct config cfg;
	struct diag_list dl;
	config_init(&cfg);
	diag_list_init(&dl);
	cr_assert_eq(config_load_defaults(&cfg, &dl), 0);
	for (size_t i = 0; i < cfg.keymap.n; i++)
		keymap_bind(km, cfg.keymap.v[i].ctx, &cfg.keymap.v[i].seq,
		            cfg.keymap.v[i].action);
	diag_list_fini(&dl);
	config_fini(&cfg);
}

static struct keyseq
seq_of(const char *s)
{
	struct keyseq seq;
	size_t at, len;
	cr_assert_eq(keyseq_parse(s, &seq, &at, &len), 0, "%s", s);
	return seq;
}

Test(keymap, parses_sequences)
{
	struct keyseq s = seq_of("g g");
	cr_assert_eq(s.n, 2);
	cr_assert_eq(s.keys[0], 'g');
	s = seq_of("  C-x   Up ");
	cr_assert_eq(s.n, 2);
	cr_assert_eq(s.keys[0], 24);
	cr_assert_eq(s.keys[1], K_UP);
}

Test(keymap, reports_where_a_sequence_is_bad)
{
	struct keyseq s;
	size_t at, len;
	cr_assert_eq(keyseq_parse("g Foo h", &s, &at, &len), -1);
	cr_assert_eq(at, 2);
	cr_assert_eq(len, 3);
	cr_assert_eq(keyseq_parse("a b c d e", &s, &at, &len), -1);
	cr_assert_eq(at, 8);
	cr_assert_eq(keyseq_parse("   ", &s, &at, &len), -1);
}

Test(keymap, formats_canonical_names)
{
	struct keyseq s = seq_of("g  space C-[");
	struct strbuf sb;
	sb_init(&sb);
	keyseq_format(&s, &sb);
	cr_assert_str_eq(sb.buf, "g Space Esc");
	sb_fini(&sb);
}

Test(keymap, defaults_bind_the_documented_keys)
{
	struct keymap km;
	keymap_init(&km);
	builtin_keymap(&km);
	enum action a;
	int k = 'j';
	cr_assert_eq(keymap_lookup(&km, CTX_PAGER, &k, 1, &a), KEYMAP_ACTION);
	cr_assert_eq(a, ACT_SCROLL_DOWN);
	cr_assert_eq(keymap_lookup(&km, CTX_LIST, &k, 1, &a), KEYMAP_ACTION);
	cr_assert_eq(a, ACT_NEXT_ARTICLE);
	k = 'U';
	cr_assert_eq(keymap_lookup(&km, CTX_PAGER, &k, 1, &a), KEYMAP_ACTION);
	cr_assert_eq(a, ACT_NEXT_UNREAD,
	             "global binding reached from a context");
	k = 'q';
	cr_assert_eq(keymap_lookup(&km, CTX_LIST, &k, 1, &a), KEYMAP_ACTION);
	cr_assert_eq(a, ACT_QUIT, "q in the sidebar quits");
	cr_assert_eq(keymap_lookup(&km, CTX_PAGER, &k, 1, &a), KEYMAP_ACTION);
	cr_assert_eq(a, ACT_FOCUS_LIST, "q in the pane goes back (neomutt)");
	k = K_ENTER;
	cr_assert_eq(keymap_lookup(&km, CTX_PAGER, &k, 1, &a), KEYMAP_ACTION);
	cr_assert_eq(a, ACT_SCROLL_DOWN, "Enter in the pane: a line (less)");
	k = 'q';
	cr_assert_eq(keymap_lookup(&km, CTX_HELP, &k, 1, &a), KEYMAP_ACTION);
	cr_assert_eq(a, ACT_CLOSE_HELP, "context binding wins over global");
	k = K_TAB;
	cr_assert_eq(keymap_lookup(&km, CTX_LIST, &k, 1, &a), KEYMAP_ACTION);
	cr_assert_eq(a, ACT_TOGGLE_FOCUS);
	k = 'Z';
	cr_assert_eq(keymap_lookup(&km, CTX_LIST, &k, 1, &a), KEYMAP_NONE);
	keymap_fini(&km);
}

Test(keymap, sequence_prefix_waits_for_more)
{
	struct keymap km;
	keymap_init(&km);
	struct keyseq s = seq_of("g g");
	keymap_bind(&km, CTX_PAGER, &s, ACT_TOP);
	enum action a = ACT_NONE;
	int keys[2] = {'g', 'g'};
	cr_assert_eq(keymap_lookup(&km, CTX_PAGER, keys, 1, &a), KEYMAP_PREFIX);
	cr_assert_eq(keymap_lookup(&km, CTX_PAGER, keys, 2, &a), KEYMAP_ACTION);
	cr_assert_eq(a, ACT_TOP);
	keys[1] = 'x';
	cr_assert_eq(keymap_lookup(&km, CTX_PAGER, keys, 2, &a), KEYMAP_NONE);
	keymap_fini(&km);
}

Test(keymap, rebinding_replaces_the_old_action)
{
	struct keymap km;
	keymap_init(&km);
	builtin_keymap(&km);
	size_t n = km.n;
	struct keyseq s = seq_of("j");
	keymap_bind(&km, CTX_PAGER, &s, ACT_PAGE_DOWN);
	cr_assert_eq(km.n, n);
	enum action a;
	int k = 'j';
	keymap_lookup(&km, CTX_PAGER, &k, 1, &a);
	cr_assert_eq(a, ACT_PAGE_DOWN);
	keymap_fini(&km);
}

Test(keymap, describe_lists_every_key_of_an_action)
{
	struct keymap km;
	keymap_init(&km);
	builtin_keymap(&km);
	struct strbuf sb;
	sb_init(&sb);
	cr_assert_eq(keymap_describe(&km, CTX_PAGER, ACT_PAGE_DOWN, &sb), 4);
	cr_assert_str_eq(sb.buf, "Space, PageDown, f, C-f");
	sb_fini(&sb);
	keymap_fini(&km);
}

Test(keymap, action_names_round_trip)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		const char *n = action_name((enum action)a);
		cr_assert_eq(action_lookup(n, strlen(n)), a);
	}
	cr_assert_eq(action_lookup("scrol-down", 10), -1);
}
