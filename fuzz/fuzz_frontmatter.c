/* Fuzz target: article heads (front matter) as lectern reads them. */
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "frontmatter.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frontmatter fm;
	struct diag_list dl;
	size_t body = 0;
	frontmatter_init(&fm);
	diag_list_init(&dl);
	frontmatter_parse((const char *)data, size, "fuzz", &fm, &body, &dl);
	if (body > size)
		__builtin_trap();
	struct doc d;
	doc_init(&d);
	doc_parse(&d, (const char *)data + body, size - body);
	doc_fini(&d);
	frontmatter_fini(&fm);
	diag_list_fini(&dl);
	return 0;
}
