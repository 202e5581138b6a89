/*
 * tools/tsan-walk.c - the corpus walk's second thread (prestat.c, and
 * readahead.c for a visit) under ThreadSanitizer: tools/tsan builds this with every core source and runs
 * it; a data race ends it with TSan's report and a failure.
 *
 * It makes a folder of 600 articles (one of them binary, skipped with a
 * warning) and loads it, five times over: without a heads cache (the
 * thread reads heads ahead), with an empty one (the same, and the cache
 * written), and from the full cache (the thread stats ahead); each load
 * must find every article with the title its file name gives, and one
 * warning; and visits it (--grep's walk, the files read ahead), each
 * article in order with its own title and body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"
#include "util.h"

enum { N = 600 };

static int failures;

static void
check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "tsan-walk: %s\n", what);
		failures++;
	}
}

static void
put(const char *dir, const char *name, const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	free(path);
}

static void
load(const char *dir, const char *cache, size_t hits)
{
	struct corpus c;
	struct diag_list dl;
	corpus_init(&c);
	diag_list_init(&dl);
	if (cache)
		corpus_set_cache_dir(&c, cache);
	else /* as --list: the thread counts words too */
		corpus_count_words_on_read(&c);
	check(corpus_add_path(&c, dir, &dl) == N, "not every article added");
	check(c.n == N && dl.n == 1, "articles or warnings missing");
	check(c.cache_hits == hits, "cache hits not as expected");
	for (size_t i = 0; i < c.n; i++) {
		const char *name = strrchr(c.v[i].path, '/') + 1;
		char want[40];
		snprintf(want, sizeof want, "Title %d", atoi(name + 1));
		check(!strcmp(c.v[i].title, want), "a title not its file's");
		check(cache || c.v[i].words_known, "a word count not made");
	}
	corpus_fini(&c);
	diag_list_fini(&dl);
}

/* corpus_visit's article: the title its file name gives, in order. */
static int
visited(void *ctx, struct article *a, struct diag_list *dl)
{
	(void)dl;
	int *n = ctx;
	const char *name = strrchr(a->path, '/') + 1;
	char want[40];
	snprintf(want, sizeof want, "Title %d", atoi(name + 1));
	check(!strcmp(a->title, want), "a visited title not its file's");
	check(atoi(name + 1) == *n, "visited out of order");
	check(strstr(a->body, "Body.") == a->body, "a body not its file's");
	++*n;
	return 0;
}

/* --grep's walk: the files read ahead on a thread (readahead.c). */
static void
visit(const char *dir)
{
	struct diag_list dl;
	int n = 0, stop = 0;
	diag_list_init(&dl);
	check(corpus_visit(dir, NULL, NULL, visited, &n, &dl, &stop) == N,
	      "not every file visited");
	check(n == N && dl.n == 1, "articles or warnings missing in a visit");
	diag_list_fini(&dl);
}

int
main(void)
{
	char tmp[] = "/tmp/lectern-tsan-XXXXXX";
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	char *dir = xasprintf("%s/lib", tmp), *cache = xasprintf("%s/c", tmp);
	if (mkdir(dir, 0700) < 0) {
		perror(dir);
		return 1;
	}
	for (int i = 0; i < N; i++) {
		char name[32], text[128];
		snprintf(name, sizeof name, "a%03d.md", i);
		int n = snprintf(text, sizeof text,
		                 i % 2 ? "# Title %d\nBody.\n"
		                       : "---\ntitle: Title %d\ntags: [x]\n"
		                         "---\nBody.\n",
		                 i);
		put(dir, name, text, (size_t)n);
	}
	put(dir, "b.md", "bin\0ary", 7);
	/* Files changed in the last two seconds are not cached. */
	sleep(3);
	for (int round = 0; round < 5; round++) {
		load(dir, NULL, 0);
		char *empty = xasprintf("%s%d", cache, round);
		load(dir, empty, 0); /* writes the cache */
		load(dir, empty, N);
		free(empty);
		visit(dir);
	}
	char *rm = xasprintf("rm -rf '%s'", tmp);
	if (system(rm) != 0)
		failures++;
	free(rm);
	free(dir);
	free(cache);
	printf("tsan-walk: %s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
