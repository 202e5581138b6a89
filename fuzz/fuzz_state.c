/* Fuzz target: state files.  Loading must never crash; a file that loads
 * without a warning, saved and loaded again, gives the same state, and
 * the saved file is exactly its state_format.  Whatever the fast parser
 * for lectern's own format accepts, libyaml reads the same. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp */
#endif
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "state.h"
#include "state_int.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* state_load moves corrupt files aside and state_save leaves a lock
 * file: each run starts from an empty folder. */
static void
empty_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
}

/* One folder per process, made on the first run, removed at exit. */
static char fuzz_dir[] = "/tmp/lectern-fuzz-state-XXXXXX";

static void
remove_fuzz_dir(void)
{
	empty_dir(fuzz_dir);
	rmdir(fuzz_dir);
}

static const char *
work_dir(void)
{
	static int made;
	if (!made) {
		if (!mkdtemp(fuzz_dir))
			__builtin_trap();
		made = 1;
		atexit(remove_fuzz_dir);
	}
	return fuzz_dir;
}

static char *
slurp(const char *path)
{
	struct strbuf sb;
	char buf[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		__builtin_trap();
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_add(&sb, buf, n);
	fclose(fp);
	return sb_detach(&sb);
}

/* The two parsers agree on text the fast one accepts: the same state,
 * put in order, formats the same. */
static void
fast_agrees(const char *text, size_t len)
{
	struct state fast, slow;
	struct state_parse p = {0, 0, NULL, 0};
	state_init(&fast);
	state_init(&slow);
	if (state_parse_fast(text, len, &fast) > 0) {
		if (state_parse_yaml(&p, text, len, &slow) != 0)
			__builtin_trap();
		state_normalise(&fast);
		state_normalise(&slow);
		struct strbuf a, b;
		sb_init(&a);
		sb_init(&b);
		state_format(&fast, &a);
		state_format(&slow, &b);
		if (strcmp(a.buf, b.buf))
			__builtin_trap();
		sb_fini(&a);
		sb_fini(&b);
	}
	free(p.why);
	state_fini(&fast);
	state_fini(&slow);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = work_dir();
	fast_agrees((const char *)data, size);
	char *in = xasprintf("%s/in.yaml", dir);
	char *out = xasprintf("%s/out.yaml", dir);
	struct diag_list dl;
	struct state s, back;
	FILE *fp = fopen(in, "wb");

	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		__builtin_trap();
	state_init(&s);
	diag_list_init(&dl);
	state_load(&s, in, &dl);
	if (dl.n == 0) {
		struct strbuf a, b;
		char *file;
		if (state_save(&s, out, &dl) != 0 || dl.n)
			__builtin_trap();
		state_init(&back);
		if (state_load(&back, out, &dl) != 0 || dl.n)
			__builtin_trap();
		sb_init(&a);
		sb_init(&b);
		state_format(&s, &a);
		state_format(&back, &b);
		file = slurp(out);
		if (strcmp(a.buf, b.buf) || strcmp(a.buf, file))
			__builtin_trap();
		free(file);
		sb_fini(&a);
		sb_fini(&b);
		state_fini(&back);
	}
	state_fini(&s);
	diag_list_fini(&dl);
	empty_dir(dir);
	free(in);
	free(out);
	return 0;
}
