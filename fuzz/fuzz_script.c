/* Fuzz target: headless key scripts and key sequences (the key names the
 * config uses too). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "script.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	struct script s;
	struct diag_list dl;
	script_init(&s);
	diag_list_init(&dl);
	script_parse(&s, text, "fuzz", &dl);
	struct keyseq seq;
	size_t at, len;
	if (keyseq_parse(text, &seq, &at, &len) == 0) {
		/* Whatever parses formats back to something that parses to
		 * the same keys. */
		struct strbuf sb;
		sb_init(&sb);
		keyseq_format(&seq, &sb);
		struct keyseq again;
		if (keyseq_parse(sb.buf, &again, &at, &len) != 0 ||
		    again.n != seq.n ||
		    memcmp(again.keys, seq.keys, sizeof(int) * (size_t)seq.n))
			__builtin_trap();
		sb_fini(&sb);
	}
	script_fini(&s);
	diag_list_fini(&dl);
	free(text);
	return 0;
}
