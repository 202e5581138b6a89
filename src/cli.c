/* cli.c - lectern without a terminal: listing, printing, grep, config checks. */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/*
 * --grep: like grep -n over the corpus.  For each article that matches:
 * "PATH: TITLE (N matches)", then each matching line of its body as
 * "LINE: text", with control characters escaped.
 */
int
cli_grep(struct corpus *c, const char *pattern, struct diag_list *dl)
{
	struct search s;
	search_init(&s);
	if (search_set(&s, pattern, false) < 0 || !*pattern) {
		char *e = cli_escape(s.error ? s.error : "empty pattern");
		fprintf(stderr, "lectern: --grep: %s\n", e);
		free(e);
		search_fini(&s);
		return EXIT_USAGE;
	}
	struct strbuf line;
	sb_init(&line);
	size_t found = 0;
	bool limited = false;
	for (size_t i = 0; i < c->n; i++) {
		size_t before = dl->n;
		corpus_load_body(c, i, dl);
		cli_print_diags(dl, before);
		struct article *art = &c->v[i];
		search_run(&s, art->body, art->body_len);
		/* A file's name can hold anything a name can: escaped, like
		 * everything else printed. */
		char *path = cli_escape(art->path);
		if (s.limited) {
			fprintf(stderr,
			        "lectern: %s: --grep: pattern too costly, "
			        "search cut short; matches may be missing\n",
			        path);
			limited = true;
		}
		if (s.spans.n) {
			found++;
			sb_reset(&line);
			glyph_escape(art->title, strlen(art->title), &line);
			printf("%s: %s (%zu match%s)\n", path, line.buf,
			       s.spans.n, s.spans.n == 1 ? "" : "es");
			/* Each line holding a match, once. */
			size_t ln = art->body_line, pos = 0, k = 0;
			while (k < s.spans.n && pos <= art->body_len) {
				const char *nl = memchr(art->body + pos, '\n',
				                        art->body_len - pos);
				size_t end = nl ? (size_t)(nl - art->body)
				                : art->body_len;
				if (s.spans.v[k].start < end ||
				    (!nl && s.spans.v[k].start <= end)) {
					sb_reset(&line);
					glyph_escape(art->body + pos, end - pos,
					             &line);
					printf("%zu: %s\n", ln, line.buf);
					while (k < s.spans.n &&
					       s.spans.v[k].start <= end)
						k++;
				}
				if (!nl)
					break;
				pos = end + 1;
				ln++;
			}
		}
		free(path);
		corpus_unload_body(c, i);
	}
	sb_fini(&line);
	search_fini(&s);
	if (fflush(stdout) != 0)
		return EXIT_USAGE;
	/* A search cut short cannot say "none": as grep on a read error. */
	return limited ? EXIT_USAGE : found ? 0 : 1;
}
