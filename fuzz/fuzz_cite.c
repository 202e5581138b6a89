/* Fuzz target: citation templates.  A template cite_check accepts must
 * format without reading out of bounds; one it refuses names a column
 * inside it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cite.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *
lookup(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	(void)name;
	return len % 2 ? "value" : (len % 3 ? "" : NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *tmpl = malloc(size + 1);
	memcpy(tmpl, data, size);
	tmpl[size] = '\0';
	int col;
	const char *why;
	if (cite_check(tmpl, &col, &why) == 0) {
		struct strbuf sb;
		sb_init(&sb);
		cite_format(tmpl, lookup, NULL, &sb);
		sb_fini(&sb);
	} else if (col < 1 || (size_t)col > utf8_count(tmpl, strlen(tmpl)) ||
	           !why) {
		__builtin_trap();
	}
	free(tmpl);
	return 0;
}
