/*
 * links.h - finding the web addresses and email addresses in a text.
 *
 * Nothing is fetched or resolved: links are found by their shape, the way
 * terminal emulators and newsboat do, in raw article bytes.  What a reader
 * expects of a link in running text holds: the sentence's full stop, a
 * closing quotation mark or a bracket the link did not open are not part
 * of it; balanced parentheses inside it are (Wikipedia's
 * "Foo_(bar)"); non-ASCII letters are (IRIs), spaces and CJK punctuation
 * are not.
 */
#ifndef LECTERN_LINKS_H
#define LECTERN_LINKS_H

#include <stddef.h>

enum link_kind {
	LINK_URL,   /* scheme://..., www.host..., mailto:..., news:... */
	LINK_EMAIL, /* name@host.tld */
};

struct link {
	enum link_kind kind;
	size_t start; /* byte offsets in the text: [start, end) */
	size_t end;
	char *target; /* what to open: the text itself, with "http://"
	               * before a bare "www.", "mailto:" before an email */
};

struct link_list {
	struct link *v;
	size_t n;
	size_t cap;
};

void link_list_init(struct link_list *l);
void link_list_fini(struct link_list *l);

/*
 * Appends the links in text[0..len) to out, in order, with offsets plus
 * base (the text's place in a larger one).  Returns how many it added.
 */
size_t links_find(const char *text, size_t len, size_t base,
                  struct link_list *out);

#endif
