/* test_links.c - web and email addresses found in running text. */
#include "links.h"

#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "util.h"

/* A text and the links in it, as "target" strings joined by spaces (the
 * text of each link is checked against its offsets too). */
struct links_case {
	char text[96];
	char want[128];  /* targets, space-separated; "" for none */
	char found[128]; /* the linked text, '|' between links; "": the
	                  * same as want */
};

static void
check(const struct links_case *c)
{
	struct link_list l;
	link_list_init(&l);
	links_find(c->text, strlen(c->text), 0, &l);
	struct strbuf got, texts;
	sb_init(&got);
	sb_init(&texts);
	for (size_t i = 0; i < l.n; i++) {
		if (i) {
			sb_addch(&got, ' ');
			sb_addch(&texts, '|');
		}
		sb_addstr(&got, l.v[i].target);
		cr_assert_leq(l.v[i].start, l.v[i].end);
		cr_assert_leq(l.v[i].end, strlen(c->text));
		sb_add(&texts, c->text + l.v[i].start,
		       l.v[i].end - l.v[i].start);
	}
	cr_expect_str_eq(got.buf, c->want, "in \"%s\"", c->text);
	if (c->found[0])
		cr_expect_str_eq(texts.buf, c->found, "in \"%s\"", c->text);
	sb_fini(&got);
	sb_fini(&texts);
	link_list_fini(&l);
}

ParameterizedTestParameters(links, shapes)
{
	static struct links_case cases[] = {
	        /* Sentence punctuation after a link is not part of it. */
	        {"See https://example.com/a.", "https://example.com/a", ""},
	        {"(see https://example.com/a), then", "https://example.com/a",
	         ""},
	        {"Is it https://example.com?", "https://example.com", ""},
	        {"at https://example.com/x; and", "https://example.com/x", ""},
	        {"'https://example.com/q?a=1&b=2'",
	         "https://example.com/q?a=1&b=2", ""},
	        /* Balanced parentheses belong to it. */
	        {"https://en.wikipedia.org/wiki/Huawei_(company).",
	         "https://en.wikipedia.org/wiki/Huawei_(company)", ""},
	        {"(https://en.wikipedia.org/wiki/Foo_(bar))",
	         "https://en.wikipedia.org/wiki/Foo_(bar)", ""},
	        {"[https://example.com/x]", "https://example.com/x", ""},
	        /* Quotation marks, typographic or not, end it. */
	        {"\xe2\x80\x9chttps://example.com/a\xe2\x80\x9d said",
	         "https://example.com/a", ""},
	        {"<https://example.com/a>", "https://example.com/a", ""},
	        {"\"http://example.com\"", "http://example.com", ""},
	        /* Bare www. gets a scheme to open with. */
	        {"go to www.example.org/page, now",
	         "http://www.example.org/page", "www.example.org/page"},
	        {"www.", "", ""},
	        {"www.x", "", ""},
	        {"awww.example.org", "", ""},
	        /* Emails, and mailto:. */
	        {"write to press@huawei.com.", "mailto:press@huawei.com",
	         "press@huawei.com"},
	        {"j.doe+news@mail.example.co.uk",
	         "mailto:j.doe+news@mail.example.co.uk",
	         "j.doe+news@mail.example.co.uk"},
	        {"mailto:a@example.org?subject=hi",
	         "mailto:a@example.org?subject=hi", ""},
	        {"@handle and a@b and x@y.z1 and user@localhost", "", ""},
	        {"@ alone, a @ b", "", ""},
	        /* Not links. */
	        {"http:// and https://. and ftp://", "", ""},
	        {"the ratio 3:1 and a.b.c", "", ""},
	        {"xhttps://example.com", "", ""},
	        /* Non-ASCII letters are part of it (IRIs); CJK
	         * punctuation and spaces are not. */
	        {"https://de.wikipedia.org/wiki/M\xc3\xbcnchen ok",
	         "https://de.wikipedia.org/wiki/M\xc3\xbcnchen", ""},
	        {"\xe8\xa7\x81https://www.huawei.com/cn\xe3\x80\x82",
	         "https://www.huawei.com/cn", ""},
	        {"\xe3\x80\x8chttps://example.cn/a\xe3\x80\x8d",
	         "https://example.cn/a", ""},
	        {"https://example.com/a\xc2\xa0"
	         "b",
	         "https://example.com/a", ""},
	        /* A bidi override cannot hide inside a link. */
	        {"https://example.com/\xe2\x80\xaegpj.exe",
	         "https://example.com/", ""},
	        /* Several, in order, with hosts, ports and users. */
	        {"http://a.example:8080/x and ftp://b.example/ then "
	         "c@d.example",
	         "http://a.example:8080/x ftp://b.example/ mailto:c@d.example",
	         "http://a.example:8080/x|ftp://b.example/|c@d.example"},
	        {"https://user@host.example/p", "https://user@host.example/p",
	         ""},
	        {"http://[::1]:80/", "http://[::1]:80/", ""},
	        {"HTTPS://EXAMPLE.COM/", "HTTPS://EXAMPLE.COM/", ""},
	};
	return cr_make_param_array(struct links_case, cases,
	                           sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct links_case *c, links, shapes)
{
	check(c);
}

Test(links, offsets_are_moved_by_base)
{
	struct link_list l;
	link_list_init(&l);
	const char *t = "x http://a.example y";
	cr_assert_eq(links_find(t, strlen(t), 100, &l), 1);
	cr_expect_eq(l.v[0].start, 102);
	cr_expect_eq(l.v[0].end, 118);
	cr_expect_eq(l.v[0].kind, LINK_URL);
	link_list_fini(&l);
}

Test(links, nul_bytes_are_no_part_of_an_address)
{
	/* strchr(set, '\0') finds the set's end: a NUL once passed for a
	 * character of an email's local part (found by fuzz_links). */
	const char t[] = "x\0\0@b.example and a\0@c.example";
	struct link_list l;
	link_list_init(&l);
	links_find(t, sizeof t - 1, 0, &l);
	cr_assert_eq(l.n, 0, "found %zu", l.n);
	link_list_fini(&l);
}

Test(links, invalid_utf8_and_controls_end_a_link)
{
	static struct links_case c[] = {
	        {"https://example.com/a\xff\xfe", "https://example.com/a", ""},
	        {"https://example.com/a\x1b]52;c;x\a", "https://example.com/a",
	         ""},
	        {"https://example.com/a\xc2\x9b"
	         "31m",
	         "https://example.com/a", ""},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		check(&c[i]);
}
