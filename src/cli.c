/* cli.c - lectern without a terminal: listing, printing, grep, config checks. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "cli.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "frame.h"
#include "glyph.h"
#include "keymap.h"
#include "layout.h"
#include "search.h"

char *
cli_escape(const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	glyph_escape(s, strlen(s), &sb);
	return sb_detach(&sb);
}

/* Prints diagnostics to stderr; file names and messages can hold
 * anything a directory entry or an article holds, so they are escaped. */
void
cli_print_diags(const struct diag_list *dl, size_t from)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = from; i < dl->n; i++) {
		char *s = diag_format(&dl->v[i]);
		sb_reset(&sb);
		glyph_escape(s, strlen(s), &sb);
		fprintf(stderr, "lectern: %s\n", sb.buf);
		free(s);
	}
	sb_fini(&sb);
}

int
cli_list(struct corpus *c, struct diag_list *dl)
{
	struct strbuf title;
	sb_init(&title);
	for (size_t i = 0; i < c->n; i++) {
		size_t before = dl->n;
		/* A word count from the heads cache needs no body. */
		if (!c->v[i].words_known)
			corpus_load_body(c, i, dl);
		cli_print_diags(dl, before);
		/* Titles are untrusted: no raw control character, and no tab
		 * or newline to break the record. */
		sb_reset(&title);
		glyph_escape(c->v[i].title, strlen(c->v[i].title), &title);
		printf("%zu\t%s\t%zu\n", i + 1, title.buf,
		       article_words(&c->v[i]));
		corpus_unload_body(c, i);
	}
	sb_fini(&title);
	corpus_save_caches(c); /* the word counts, for the next time */
	return fflush(stdout) == 0 ? 0 : EXIT_TROUBLE;
}

static int
put_stdout(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	return fwrite(text, 1, len, stdout) == len ? 0 : -1;
}

/* Prints article n (1-based) laid out as in the pane, without colour. */
int
cli_print(struct corpus *c, long n, int width, struct diag_list *dl)
{
	if ((size_t)n > c->n) {
		fprintf(stderr,
		        "lectern: --print %ld: there %s only %zu "
		        "article%s\n",
		        n, c->n == 1 ? "is" : "are", c->n,
		        c->n == 1 ? "" : "s");
		return EXIT_TROUBLE;
	}
	/* A pane as wide as the text, so the article is laid out once, at
	 * the width it is printed. */
	struct app a;
	app_init(&a, c, 2, width + 2, NULL);
	struct view_config v = a.view;
	v.sidebar = false;
	v.text_width = 0;
	app_set_view(&a, &v);
	app_select(&a, (size_t)n - 1);
	cli_print_diags(&a.diags, 0);
	int rc = app_export(&a, width, put_stdout, NULL);
	app_fini(&a);
	(void)dl;
	return fflush(stdout) == 0 && rc == 0 ? 0 : EXIT_TROUBLE;
}

/* Whether there is something at path: a link that leads nowhere, or to
 * itself, is something (loading it says what is wrong with it). */
static bool
file_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Loads defaults, then the file if there is one.  Returns 0 or -1. */
int
cli_load_config(struct config *cfg, struct config_source *src,
                struct diag_list *dl)
{
	config_init(cfg);
	if (config_load_defaults(cfg, dl))
		return -1;
	cfg->keep_partial = src->partial;
	if (src->path && (src->must_exist || file_exists(src->path))) {
		int rc = config_load_file(cfg, src->path, dl);
		if (rc == 0)
			src->had_file = true;
		return rc;
	}
	return 0;
}

int
cli_check_config(int nfiles, char **files, const struct config_source *dflt)
{
	int rc = 0;
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		struct config_source src = {nfiles ? files[i] : dflt->path,
		                            nfiles ? true : dflt->must_exist,
		                            false, false};
		struct config cfg;
		struct diag_list dl;
		diag_list_init(&dl);
		if (cli_load_config(&cfg, &src, &dl))
			rc = EXIT_TROUBLE;
		cli_print_diags(&dl, 0);
		if (dl.n == 0) {
			char *e = cli_escape(src.path && file_exists(src.path)
			                             ? src.path
			                             : "built-in defaults");
			printf("%s: ok\n", e);
			free(e);
		}
		config_fini(&cfg);
		diag_list_fini(&dl);
	}
	return rc;
}

int
cli_list_keys(const struct config *cfg)
{
	struct strbuf sb;
	sb_init(&sb);
	for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
		printf("%s:\n", keymap_context_name((enum keymap_context)ctx));
		for (size_t i = 0; i < cfg->keymap.n; i++) {
			const struct binding *b = &cfg->keymap.v[i];
			if (b->ctx != (enum keymap_context)ctx)
				continue;
			sb_reset(&sb);
			keyseq_format(&b->seq, &sb);
			char *e = cli_escape(sb.buf);
			printf("  %-12s %s\n", e, action_name(b->action));
			free(e);
		}
	}
	sb_fini(&sb);
	struct diag_list dl;
	diag_list_init(&dl);
	size_t n = config_conflicts(cfg, &dl);
	if (n) {
		printf("conflicts:\n");
		for (size_t i = 0; i < dl.n; i++) {
			char *m = diag_format(&dl.v[i]);
			char *e = cli_escape(m);
			printf("  %s\n", e);
			free(e);
			free(m);
		}
	} else {
		printf("no conflicts\n");
	}
	diag_list_fini(&dl);
	return fflush(stdout) == 0 ? 0 : EXIT_TROUBLE;
}

/* One --grep run: the search, and what was found. */
struct grep_run {
	struct search s;
	struct strbuf line;
	size_t found;
	size_t printed; /* diagnostics printed so far */
	bool limited;
	bool raw_first; /* files are searched whole before their head is
	                 * parsed (grep_wanted) */
	bool raw_found; /* s.spans are those of the whole file, of
	                 * raw_len bytes */
	size_t raw_len;
	bool quiet; /* the output is thrown away: first matches only */
};

/*
 * Whether standard output is /dev/null.  Then, as GNU grep does, nothing
 * printed matters but the exit status and the warnings: each file is
 * searched to its first match only, and nothing is printed.
 */
static bool
output_is_dev_null(void)
{
	struct stat out, null;
	return fstat(STDOUT_FILENO, &out) == 0 && S_ISCHR(out.st_mode) &&
	       stat("/dev/null", &null) == 0 && out.st_dev == null.st_dev &&
	       out.st_ino == null.st_ino;
}

/* Searches text: every match, or only the first when quiet. */
static void
grep_find(struct grep_run *g, const char *text, size_t len)
{
	if (!g->quiet) {
		search_run(&g->s, text, len);
		return;
	}
	search_begin(&g->s, text, len, 0);
	search_more(&g->s, SIZE_MAX, 1);
}

/*
 * Whether a match of pattern in a body (a suffix of its file, starting at
 * a line's start) is always a match in the whole file: not when the
 * pattern can tell where its subject starts (^ and \A without multi-line
 * mode, \G) or look behind it.  Said conservatively: any '^', "\A",
 * "\G" or "(?<" in the pattern is taken to do so.
 */
static bool
suffix_safe(const char *pattern)
{
	return !strchr(pattern, '^') && !strstr(pattern, "\\A") &&
	       !strstr(pattern, "\\G") && !strstr(pattern, "(?<");
}

/*
 * A file no match can be found in needs no head: the search runs on the
 * file as read, and only a file it matches (or may: a pattern cut short)
 * is parsed, its front matter included (libyaml was 29% of --grep over
 * 10,000 articles), and searched again in its body.  A file with CRs
 * is searched as its body will be, with "\r\n" made "\n".
 */
static bool
grep_wanted(void *ctx, const char *file, size_t len)
{
	struct grep_run *g = ctx;
	g->raw_found = false;
	if (!g->raw_first || memchr(file, '\r', len))
		return true;
	grep_find(g, file, len);
	g->raw_found = !g->s.limited;
	g->raw_len = len;
	return g->s.spans.n || g->s.limited;
}

/*
 * The body's matches from the whole file's (grep_wanted), without a
 * second search: the body is the file from its offset on, and with a
 * pattern that cannot see where its subject starts, the matches after
 * that offset are the body's, unless one straddles it (a match in the
 * front matter or title line running into the body).  Returns false when
 * the body must be searched.
 */
static bool
body_spans(struct grep_run *g, const struct article *art)
{
	struct match_spans *sp = &g->s.spans;
	if (!g->raw_found || art->body_len > g->raw_len)
		return false;
	size_t from = g->raw_len - art->body_len, n = 0;
	for (size_t k = 0; k < sp->n; k++) {
		if (sp->v[k].start < from && sp->v[k].end > from)
			return false;
		if (sp->v[k].start >= from) {
			sp->v[n] = sp->v[k];
			sp->v[n].start -= from;
			sp->v[n++].end -= from;
		}
	}
	sp->n = n;
	return true;
}

/* Prints "LN: text" with text escaped: digits and bytes, not printf's
 * format and a strlen, for the hundreds of thousands --grep prints. */
static void
print_line(struct strbuf *line, size_t ln, const char *text, size_t n)
{
	char num[24];
	size_t k = sizeof num;
	num[--k] = ' ';
	num[--k] = ':';
	do
		num[--k] = (char)('0' + ln % 10);
	while ((ln /= 10) > 0);
	sb_reset(line);
	sb_add(line, num + k, sizeof num - k);
	glyph_escape(text, n, line);
	sb_addch(line, '\n');
	fwrite(line->buf, 1, line->len, stdout);
}

/* Prints article art's matching lines, if it has any. */
static int
grep_article(void *ctx, struct article *art, struct diag_list *dl)
{
	struct grep_run *g = ctx;
	struct search *s = &g->s;
	struct strbuf *line = &g->line;

	cli_print_diags(dl, g->printed);
	g->printed = dl->n;
	/* Quiet, the file's first match may be in its head: then the
	 * body's first is looked for. */
	if (!body_spans(g, art) || (g->quiet && !s->spans.n))
		grep_find(g, art->body, art->body_len);
	/* A file's name can hold anything a name can: escaped, like
	 * everything else printed. */
	char *path = cli_escape(art->path);
	if (s->limited) {
		fprintf(stderr,
		        "lectern: %s: --grep: pattern too costly, "
		        "search cut short; matches may be missing\n",
		        path);
		g->limited = true;
	}
	if (s->spans.n)
		g->found++;
	if (s->spans.n && !g->quiet) {
		sb_reset(line);
		glyph_escape(art->title, strlen(art->title), line);
		printf("%s: %s (%zu match%s)\n", path, line->buf, s->spans.n,
		       s->spans.n == 1 ? "" : "es");
		/* Each line holding a match, once. */
		size_t ln = art->body_line, pos = 0, k = 0;
		while (k < s->spans.n && pos <= art->body_len) {
			const char *nl = memchr(art->body + pos, '\n',
			                        art->body_len - pos);
			size_t end =
			        nl ? (size_t)(nl - art->body) : art->body_len;
			if (s->spans.v[k].start < end ||
			    (!nl && s->spans.v[k].start <= end)) {
				print_line(line, ln, art->body + pos,
				           end - pos);
				while (k < s->spans.n &&
				       s->spans.v[k].start <= end)
					k++;
			}
			if (!nl)
				break;
			pos = end + 1;
			ln++;
		}
	}
	free(path);
	return ferror(stdout) ? 1 : 0; /* the reader left: stop */
}

/*
 * --grep: like grep -n over the articles under paths.  For each article
 * that matches: "PATH: TITLE (N matches)", then each matching line of its
 * body as "LINE: text", with control characters escaped.  Each file is
 * read once, whole, while the folders are walked (corpus_visit).
 */
int
cli_grep(int npaths, char **paths, const char *pattern, const char *cache_dir)
{
	struct grep_run g;
	struct diag_list dl;
	memset(&g, 0, sizeof g);
	search_init(&g.s);
	if (search_set(&g.s, pattern, false) < 0 || !*pattern) {
		char *e = cli_escape(g.s.error ? g.s.error : "empty pattern");
		fprintf(stderr, "lectern: --grep: %s\n", e);
		free(e);
		search_fini(&g.s);
		return EXIT_USAGE;
	}
	sb_init(&g.line);
	diag_list_init(&dl);
	g.raw_first = suffix_safe(pattern);
	g.quiet = output_is_dev_null();
	/* The matching lines of a big corpus are megabytes: written in
	 * blocks of 64 KB rather than the 4 KB of a pipe's default.  The
	 * buffer is given: glibc ignores the size without one. */
	static char outbuf[1 << 16];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	bool failed = false;
	int visited = 0, stop = 0;
	for (int i = 0; i < npaths && !stop; i++) {
		int n = corpus_visit(paths[i], cache_dir, grep_wanted,
		                     grep_article, &g, &dl, &stop);
		if (n < 0)
			failed = true;
		else
			visited += n;
	}
	if (!failed && !visited && !stop)
		diag_add(&dl, DIAG_ERROR, npaths == 1 ? paths[0] : NULL, 0, 0,
		         "no articles (.txt or .md files)%s",
		         npaths == 1 ? "" : " in the paths given");
	cli_print_diags(&dl, g.printed);
	failed = failed || !visited;
	diag_list_fini(&dl);
	sb_fini(&g.line);
	search_fini(&g.s);
	if (fflush(stdout) != 0 || failed)
		return EXIT_USAGE;
	/* A search cut short cannot say "none": as grep on a read error. */
	return g.limited ? EXIT_USAGE : g.found ? 0 : 1;
}
