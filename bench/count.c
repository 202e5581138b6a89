/*
 * count.c - keyword counting's own speed, on one core: a body in memory
 * counted as count_article counts it (matcher_count with the default
 * config's keyword groups), against one memchr pass
 * over the same bytes (the memory's speed).
 *
 *   count FILE [RUNS [CONFIG]]
 *
 * Prints "count_ms N" and "memchr_ms N": the medians of RUNS (default 5)
 * after one untimed run, and "hits N".  With CONFIG, its keyword groups
 * (loaded over the defaults, as lectern loads a config file) instead of
 * the default ones.  bench/run builds it with the core
 * sources (tools/core-sources).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "doc.h"
#include "match.h"
#include "util.h"

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	return v[n / 2];
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: count FILE [RUNS [CONFIG]]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	if (runs < 1 || runs > 100)
		runs = 5;
	FILE *f = fopen(argv[1], "rb");
	struct strbuf body;
	sb_init(&body);
	char buf[1 << 16];
	size_t n;
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&body, buf, n);
	if (!f || ferror(f)) {
		perror(argv[1]);
		return 1;
	}
	fclose(f);

	struct config cfg;
	struct diag_list dl;
	diag_list_init(&dl);
	config_init(&cfg);
	config_load_defaults(&cfg, &dl);
	if (argc > 3 && config_load_file(&cfg, argv[3], &dl) < 0) {
		fprintf(stderr, "count: %s\n", dl.n ? dl.v[0].msg : argv[3]);
		return 1;
	}
	struct matcher *m = matcher_new(cfg.groups, cfg.ngroups, &dl);
	double *t = xmalloc((size_t)runs * sizeof *t);
	size_t *counts = xcalloc(cfg.ngroups ? cfg.ngroups : 1, sizeof *counts);
	size_t hits = 0;
	for (int r = -1; r < runs; r++) {
		double t0 = now_ms();
		matcher_count(m, body.buf, body.len, NULL, counts);
		hits = 0;
		for (size_t g = 0; g < cfg.ngroups; g++)
			hits += counts[g];
		if (r >= 0)
			t[r] = now_ms() - t0;
	}
	printf("count_ms %.2f\n", median(t, runs));
	size_t lines = 0;
	for (int r = -1; r < runs; r++) {
		double t0 = now_ms();
		lines = 0;
		for (const char *p = body.buf, *e = body.buf + body.len;
		     (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
			lines++;
		if (r >= 0)
			t[r] = now_ms() - t0;
	}
	printf("memchr_ms %.2f\n", median(t, runs));
	printf("hits %zu\nlines %zu\n", hits, lines);
	free(t);
	free(counts);
	matcher_free(m);
	config_fini(&cfg);
	diag_list_fini(&dl);
	sb_fini(&body);
	return 0;
}
