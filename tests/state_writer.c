/*
 * A driver for tests/state-crash.sh.
 *
 *   state_writer FILE [N]     load FILE, change things, save; N times
 *                             (for ever when N is not given)
 *   state_writer --check FILE exit 0 when FILE loads without any
 *                             diagnostic (a missing file is fine)
 *
 * The script kills the writer with SIGKILL at random moments and checks
 * the file after each kill: it must always be the old or the new state.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "state.h"

static void
print_diags(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		char *s = diag_format(&dl->v[i]);
		fprintf(stderr, "state_writer: %s\n", s);
		free(s);
	}
}

static int
check(const char *path)
{
	struct state s;
	struct diag_list dl;
	int rc;

	state_init(&s);
	diag_list_init(&dl);
	rc = state_load(&s, path, &dl) == 0 && dl.n == 0 ? 0 : 1;
	print_diags(&dl);
	if (!rc)
		printf("%zu articles\n", s.n);
	diag_list_fini(&dl);
	state_fini(&s);
	return rc;
}

/* One load-change-save round; i varies what changes. */
static int
step(const char *path, unsigned long i)
{
	struct state s;
	struct diag_list dl;
	struct article_state *a;
	char name[32], hash[32], note[32];
	int64_t now = (int64_t)time(NULL);
	int rc = 0;

	state_init(&s);
	diag_list_init(&dl);
	state_load(&s, path, &dl);
	snprintf(name, sizeof name, "dir/a%lu.md", i % 40);
	snprintf(hash, sizeof hash, "%016lx", i % 40);
	snprintf(note, sizeof note, "note %lu \"q\"\n", i);
	a = state_get(&s, name, hash);
	state_set_anchor(a, i * 7, now);
	state_set_progress(a, (int)(i % 101));
	state_set_read(a, i % 3 == 0, now);
	state_bookmark_add(a, i, note, now);
	if (a->nmarks > 4) /* deletions too, and the file stays small */
		state_bookmark_del(&s, a, a->marks[0].id, now);
	state_set_string(&s.sort, i % 2 ? "title" : "date");
	state_set_string(&s.selected, name);
	if (dl.n || state_save(&s, path, &dl) < 0) {
		print_diags(&dl);
		rc = 1;
	}
	diag_list_fini(&dl);
	state_fini(&s);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned long n = 0;

	if (argc == 3 && !strcmp(argv[1], "--check"))
		return check(argv[2]);
	if (argc < 2 || argc > 3 || argv[1][0] == '-') {
		fprintf(stderr,
		        "usage: state_writer FILE [N] | --check FILE\n");
		return 2;
	}
	if (argc == 3)
		n = strtoul(argv[2], NULL, 10);
	for (unsigned long i = (unsigned long)time(NULL) % 1000;; i++) {
		if (step(argv[1], i))
			return 1;
		if (n && --n == 0)
			return 0;
	}
}
