/* Fuzz target: finding links in untrusted text, with the invariants
 * checked: in bounds, in order, not overlapping, no control character,
 * space or bidi override inside a link. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "links.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct link_list l;
	link_list_init(&l);
	links_find(text, size, 7, &l);
	size_t prev = 7;
	for (size_t i = 0; i < l.n; i++) {
		const struct link *k = &l.v[i];
		if (k->start < prev || k->end <= k->start || k->end > size + 7)
			__builtin_trap();
		if (!k->target || !*k->target)
			__builtin_trap();
		for (size_t p = k->start - 7; p < k->end - 7;) {
			uint32_t cp;
			p += utf8_decode(text + p, k->end - 7 - p, &cp);
			if (cp <= 0x20 || cp == 0x7f ||
			    (cp >= 0x80 && cp <= 0x9f) ||
			    (cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069))
				__builtin_trap();
		}
		prev = k->end;
	}
	link_list_fini(&l);
	return 0;
}
