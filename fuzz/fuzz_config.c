/* Fuzz target: config files, applied over the built-in defaults, then
 * dumped and read back (a dump must always load). */
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg, back;
	struct diag_list dl;
	struct strbuf sb;

	config_init(&cfg);
	diag_list_init(&dl);
	if (config_load_defaults(&cfg, &dl) < 0)
		__builtin_trap();
	if (config_load_string(&cfg, (const char *)data, size, "fuzz", &dl) ==
	    0) {
		sb_init(&sb);
		config_dump(&cfg, &sb);
		config_init(&back);
		if (config_load_string(&back, sb.buf, sb.len, "dump", &dl) < 0)
			__builtin_trap();
		config_fini(&back);
		sb_fini(&sb);
	}
	config_conflicts(&cfg, &dl);
	config_fini(&cfg);
	diag_list_fini(&dl);
	return 0;
}
