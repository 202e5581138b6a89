/*
 * gen.c - deterministic test corpora for the benchmarks.
 *
 *   gen corpus DIR N SEED SOURCE   N articles under DIR (in folders of
 *                                  1000), in the style of the articles in
 *                                  the folder SOURCE (the bundled corpus)
 *   gen article FILE KB SEED SOURCE   one article of about KB kilobytes
 *
 * Articles are made of the source's sentences, shuffled into paragraphs
 * of realistic lengths (log-normal, about 6 KB on average, like the
 * bundled corpus), with UTF-8 punctuation, a CJK paragraph now and then,
 * headings, and front matter on four articles in five.  The same
 * arguments always give the same bytes.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng;

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t
next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static size_t
below(size_t n)
{
	return n ? (size_t)(next() % n) : 0;
}

static double
uniform(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

/* A log-normal length: exp(mu + sigma * N(0, 1)). */
static size_t
lognormal(double mu, double sigma)
{
	double u1 = uniform(), u2 = uniform();
	if (u1 < 1e-12)
		u1 = 1e-12;
	double z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
	return (size_t)exp(mu + sigma * z);
}

static char **sentences;
static size_t nsentences;

static void
die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Splits text into sentences (ending in ". ", "? ", "! " or a line end)
 * of at least a few words, skipping front matter and headings. */
static void
add_sentences(char *text)
{
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#' ||
		    strchr(line, ':') == line + strcspn(line, " :") ||
		    strncmp(line, "---", 3) == 0)
			continue;
		char *s = line;
		while (*s) {
			size_t n = strcspn(s, ".?!");
			if (s[n])
				n++;
			while (*s == ' ')
				s++, n--;
			if (n > 30) {
				sentences = realloc(sentences,
				                    (nsentences + 1) *
				                            sizeof *sentences);
				sentences[nsentences++] = strndup(s, n);
			}
			s += n;
		}
	}
}

static void
load_source(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		die(dir);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		static char buf[1 << 20];
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
		add_sentences(buf);
	}
	closedir(d);
	if (nsentences < 10) {
		fprintf(stderr, "gen: too few sentences in %s\n", dir);
		exit(1);
	}
}

static const char *const cjk[] = {
        "\xe5\x8d\x8e\xe4\xb8\xba\xe6\x98\xaf\xe4\xb8\x80\xe5\xae\xb6\xe6"
        "\x80\xbb\xe9\x83\xa8\xe4\xbd\x8d\xe4\xba\x8e\xe6\xb7\xb1\xe5\x9c"
        "\xb3\xe7\x9a\x84\xe9\x80\x9a\xe4\xbf\xa1\xe8\xae\xbe\xe5\xa4\x87"
        "\xe5\x85\xac\xe5\x8f\xb8\xe3\x80\x82",
        "\xe3\x80\x8c\xe6\x8a\x80\xe6\x9c\xaf\xe4\xb8\x8a\xe6\xb2\xa1\xe6"
        "\x9c\x89\xe7\x90\x86\xe7\x94\xb1\xe7\xa6\x81\xe6\xad\xa2\xe3\x80"
        "\x8d\xef\xbc\x8c\xe5\xa7\x94\xe5\x91\x98\xe4\xbc\x9a\xe8\xaf\xb4"
        "\xe3\x80\x82",
};
static const char *const authors[] = {"Jamie Davies", "Scott Bicheno",
                                      "Nick Wood", "Mary Lennighan",
                                      "Anne Morris"};
static const char *const sources[] = {"telecoms.com", "theregister.com",
                                      "lightreading.com"};

/* Writes an article of about size bytes to f. */
static void
article(FILE *f, size_t size, int front_matter)
{
	const char *first = sentences[below(nsentences)];
	int words = 6 + (int)below(7);
	char title[256];
	size_t t = 0;
	for (const char *p = first; *p && t < sizeof title - 1; p++) {
		if (*p == ' ' && --words == 0)
			break;
		title[t++] = *p == '\'' ? '"' : *p;
	}
	while (t && strchr(".,;:", title[t - 1]))
		t--;
	title[t] = '\0';
	size_t written = 0;
	if (front_matter) {
		written += (size_t)fprintf(
		        f,
		        "---\ntitle: '%s'\nauthor: %s\ndate: %04d-%02d-%02d\n"
		        "source: %s\ntags: [huawei, china, 5g]\n---\n\n",
		        title, authors[below(5)], 2015 + (int)below(10),
		        1 + (int)below(12), 1 + (int)below(28),
		        sources[below(3)]);
	} else {
		written += (size_t)fprintf(f, "%s\n\n", title);
	}
	while (written < size) {
		if (below(40) == 0) {
			written +=
			        (size_t)fprintf(f, "## %.*s\n\n", 40,
			                        sentences[below(nsentences)]);
			continue;
		}
		size_t n = 1 + below(6);
		for (size_t i = 0; i < n; i++) {
			const char *s = below(60) == 0
			                        ? cjk[below(2)]
			                        : sentences[below(nsentences)];
			written += (size_t)fprintf(f, "%s%s", i ? " " : "", s);
		}
		written += (size_t)fprintf(f, "\n\n");
	}
}

int
main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: gen corpus DIR N SEED SOURCE\n"
		                "       gen article FILE MB SEED SOURCE\n");
		return 2;
	}
	rng = strtoull(argv[4], NULL, 10);
	load_source(argv[5]);
	if (strcmp(argv[1], "article") == 0) {
		FILE *f = fopen(argv[2], "wb");
		if (!f)
			die(argv[2]);
		article(f, strtoull(argv[3], NULL, 10) << 10, 1);
		if (fclose(f) != 0)
			die(argv[2]);
		return 0;
	}
	size_t n = strtoull(argv[3], NULL, 10);
	if (mkdir(argv[2], 0755) < 0 && errno != EEXIST)
		die(argv[2]);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		if (i % 1000 == 0) {
			snprintf(path, sizeof path, "%s/%03zu", argv[2],
			         i / 1000);
			if (mkdir(path, 0755) < 0 && errno != EEXIST)
				die(path);
		}
		snprintf(path, sizeof path, "%s/%03zu/%06zu.%s", argv[2],
		         i / 1000, i, i % 3 ? "md" : "txt");
		FILE *f = fopen(path, "wb");
		if (!f)
			die(path);
		size_t size = lognormal(8.5, 0.6);
		article(f,
		        size < 300      ? 300
		        : size > 400000 ? 400000
		                        : size,
		        below(5) != 0);
		if (fclose(f) != 0)
			die(path);
	}
	return 0;
}
