/* test_cite.c - citation templates. */
#include "cite.h"

#include <string.h>

#include <criterion/criterion.h>

/* Fields: title, author, source, path set; date and anything else not. */
static const char *
fields(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	static const char *const kv[][2] = {
	        {"title", "\xe2\x80\x98No technical grounds\xe2\x80\x99"},
	        {"author", "Jamie Davies"},
	        {"source", "telecoms.com"},
	        {"path", "corpus/01.md"},
	        {"empty", ""},
	};
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
		if (strlen(kv[i][0]) == len && !memcmp(kv[i][0], name, len))
			return kv[i][1];
	return NULL;
}

static void
expect(const char *tmpl, const char *want)
{
	int col;
	const char *why;
	cr_assert_eq(cite_check(tmpl, &col, &why), 0, "%s: %d: %s", tmpl, col,
	             why);
	struct strbuf sb;
	sb_init(&sb);
	cite_format(tmpl, fields, NULL, &sb);
	cr_expect_str_eq(sb.buf, want, "template %s", tmpl);
	sb_fini(&sb);
}

Test(cite, fields_and_optional_parts)
{
	expect("{title}", "\xe2\x80\x98No technical grounds\xe2\x80\x99");
	expect("by {author}[ on {date}].", "by Jamie Davies.");
	expect("[{date}: ]{source}", "telecoms.com");
	expect("[{author} ({source})]", "Jamie Davies (telecoms.com)");
	expect("[{author} {empty}]x", "x");
	expect("{nothing}|{date}|", "||");
	expect("", "");
	expect("plain text", "plain text");
}

Test(cite, escapes)
{
	expect("\\{title\\} \\[x\\] \\\\", "{title} [x] \\");
	expect("[\\[{date}\\]]ok", "ok");
	expect("[\\[{source}\\]]", "[telecoms.com]");
}

Test(cite, the_default_template)
{
	expect(cite_default_template,
	       "\xe2\x80\x94 Jamie Davies, \xe2\x80\x9c\xe2\x80\x98No "
	       "technical grounds\xe2\x80\x99\xe2\x80\x9d, telecoms.com "
	       "(corpus/01.md)");
}

Test(cite, mistakes_are_placed)
{
	static const struct {
		const char *tmpl;
		int col;
		const char *why;
	} bad[] = {
	        {"{title", 1, "'{' not closed by '}'"},
	        {"\xe2\x80\x9c{ti[tle}", 2, "'{' not closed by '}'"},
	        {"a}", 2, "'}' with no '{' before it"},
	        {"x [a [b]]", 6, "'[' inside '[...]'"},
	        {"a]", 2, "']' with no '[' before it"},
	        {"ab [{title}", 4, "'[' not closed by ']'"},
	        {"{}", 2, "empty field name"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int col = 0;
		const char *why = NULL;
		cr_expect_eq(cite_check(bad[i].tmpl, &col, &why), -1, "%s",
		             bad[i].tmpl);
		cr_expect_eq(col, bad[i].col, "%s: column %d", bad[i].tmpl,
		             col);
		cr_expect_str_eq(why ? why : "", bad[i].why, "%s", bad[i].tmpl);
	}
}
