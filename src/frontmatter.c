/*
 * frontmatter.c - the YAML header of an article.
 *
 * Only the text between the opening "---" line and the closing "---" or
 * "..." line is handed to yamldoc, which counts its lines from file line 2
 * (FM_YAML_FIRST_LINE) whatever a BOM does to line 1, so every position
 * here is 1-based in the whole file.
 *
 * Article files come from anywhere, so the YAML is treated as hostile:
 * yamldoc refuses deep nesting, too many aliases and more than one
 * document before building the tree.  The walk that renders unknown fields
 * is still bounded in depth and output size, because aliases let one node
 * be reached many times over.
 *
 * Duplicate keys: the first occurrence wins, each later one is ignored with
 * a warning on its own line.  The warning then points at exactly the line
 * that has no effect, which is the one the user has to fix.
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>

#include "yamldoc.h"

enum {
	FM_MAX_DEPTH = 32,      /* nested collections, root mapping is 1 */
	FM_MAX_ALIASES = 16,    /* front matter has little use for them */
	FM_MAX_RENDER = 4096,   /* bytes of a rendered collection value */
	FM_MAX_WARNINGS = 20,   /* per front matter */
	FM_YAML_FIRST_LINE = 2, /* file line of the first YAML line */
};

void
frontmatter_init(struct frontmatter *fm)
{
	memset(fm, 0, sizeof *fm);
}

void
frontmatter_fini(struct frontmatter *fm)
{
	if (fm->block) {
		free(fm->block);
		frontmatter_init(fm);
		return;
	}
	free(fm->title);
	free(fm->author);
	free(fm->date);
	free(fm->source);
	for (size_t i = 0; i < fm->ntags; i++)
		free(fm->tags[i]);
	free(fm->tags);
	for (size_t i = 0; i < fm->nextra; i++) {
		free(fm->extra[i].key);
		free(fm->extra[i].value);
	}
	free(fm->extra);
	frontmatter_init(fm);
}

/* What one call of frontmatter_parse works with. */
struct fm_ctx {
	const char *file;
	struct diag_list *diags;
	int warnings;
};

/* After FM_MAX_WARNINGS, one note stands for the rest. */
static void
fm_warn(struct fm_ctx *ctx, int line, int col, const char *msg)
{
	if (ctx->warnings < FM_MAX_WARNINGS)
		diag_add(ctx->diags, DIAG_WARNING, ctx->file, line, col,
		         "front matter: %s", msg);
	else if (ctx->warnings == FM_MAX_WARNINGS)
		diag_add(ctx->diags, DIAG_WARNING, ctx->file, line, col,
		         "front matter: more problems, not reported");
	ctx->warnings++;
}

static void
fm_warn_at(struct fm_ctx *ctx, const struct ydoc_node *n, const char *msg)
{
	fm_warn(ctx, n->line, n->col, msg);
}

/*
 * Writes node n into sb: a scalar as written, a sequence as "a, b" (in
 * brackets when nested), a mapping as "{k: v, ...}".  Bounded by depth and
 * by FM_MAX_RENDER bytes, so aliases cannot make it explode.
 */
static void
render_node(const struct ydoc_node *n, int depth, struct strbuf *sb)
{
	if (sb->len >= FM_MAX_RENDER || depth > FM_MAX_DEPTH) {
		sb_addstr(sb, "...");
		return;
	}
	switch (n->kind) {
	case YDOC_SCALAR:
		sb_add(sb, n->text, n->len);
		break;
	case YDOC_SEQUENCE:
		if (depth > 0)
			sb_addch(sb, '[');
		for (size_t i = 0; i < n->nitems; i++) {
			if (i > 0)
				sb_addstr(sb, ", ");
			if (sb->len >= FM_MAX_RENDER) {
				sb_addstr(sb, "...");
				break;
			}
			render_node(n->items[i], depth + 1, sb);
		}
		if (depth > 0)
			sb_addch(sb, ']');
		break;
	case YDOC_MAPPING:
		sb_addch(sb, '{');
		for (size_t i = 0; i < n->npairs; i++) {
			if (i > 0)
				sb_addstr(sb, ", ");
			if (sb->len >= FM_MAX_RENDER) {
				sb_addstr(sb, "...");
				break;
			}
			render_node(n->pairs[i].key, depth + 1, sb);
			sb_addstr(sb, ": ");
			render_node(n->pairs[i].value, depth + 1, sb);
		}
		sb_addch(sb, '}');
		break;
	}
}

static void
set_string(struct fm_ctx *ctx, const char *key, const struct ydoc_node *v,
           char **dst)
{
	if (ydoc_is_null(v))
		return;
	if (v->kind != YDOC_SCALAR) {
		char *msg = xasprintf("'%s' should be a string", key);
		fm_warn_at(ctx, v, msg);
		free(msg);
		return;
	}
	*dst = xstrdup(v->text);
}

static void
set_date(struct fm_ctx *ctx, const struct ydoc_node *v, struct frontmatter *fm)
{
	if (ydoc_is_null(v))
		return;
	if (v->kind != YDOC_SCALAR) {
		fm_warn_at(ctx, v, "'date' should be a string");
		return;
	}
	if (!frontmatter_valid_date(v->text)) {
		char *msg = xasprintf("date '%s' is not an ISO 8601 date "
		                      "(YYYY-MM-DD)",
		                      v->text);
		fm_warn_at(ctx, v, msg);
		free(msg);
		return;
	}
	fm->date = xstrdup(v->text);
}

static void
add_tag(struct frontmatter *fm, const struct ydoc_node *v, size_t *cap)
{
	if (v->len == 0 || ydoc_is_null(v))
		return;
	xgrow(&fm->tags, cap, fm->ntags + 1, sizeof *fm->tags);
	fm->tags[fm->ntags++] = xstrdup(v->text);
}

/* One string, or a list of strings; the good items of a list are kept. */
static void
set_tags(struct fm_ctx *ctx, const struct ydoc_node *v, struct frontmatter *fm)
{
	static const char bad[] = "'tags' should be a string or a list of "
	                          "strings";
	size_t cap = 0;

	if (v->kind == YDOC_SCALAR) {
		add_tag(fm, v, &cap);
		return;
	}
	if (v->kind != YDOC_SEQUENCE) {
		fm_warn_at(ctx, v, bad);
		return;
	}
	for (size_t i = 0; i < v->nitems; i++) {
		const struct ydoc_node *item = v->items[i];
		if (item->kind != YDOC_SCALAR) {
			fm_warn_at(ctx, item, bad);
			continue;
		}
		add_tag(fm, item, &cap);
	}
}

static void
add_extra(const struct ydoc_node *k, const struct ydoc_node *v,
          struct frontmatter *fm, size_t *cap)
{
	struct strbuf sb;
	sb_init(&sb);
	render_node(v, 0, &sb);
	xgrow(&fm->extra, cap, fm->nextra + 1, sizeof *fm->extra);
	struct fm_field *f = &fm->extra[fm->nextra++];
	f->key = xstrdup(k->text);
	f->value = sb_detach(&sb);
	f->line = k->line;
	f->col = k->col;
}

static void
read_fields(struct fm_ctx *ctx, const struct ydoc_node *root,
            struct frontmatter *fm)
{
	size_t n = root->npairs;
	const char **keys = xcalloc(n ? n : 1, sizeof *keys);
	size_t *first = xmalloc((n ? n : 1) * sizeof *first);
	size_t extra_cap = 0;

	for (size_t i = 0; i < n; i++)
		if (root->pairs[i].key->kind == YDOC_SCALAR)
			keys[i] = root->pairs[i].key->text;
	ydoc_find_repeats(keys, n, first, NULL);
	for (size_t i = 0; i < n; i++) {
		const struct ydoc_node *k = root->pairs[i].key;
		const struct ydoc_node *v = root->pairs[i].value;
		if (k->kind != YDOC_SCALAR) {
			fm_warn_at(ctx, k, "a field name should be a string");
			continue;
		}
		const char *key = k->text;
		if (first[i] != i) {
			char *msg = xasprintf(
			        "duplicate field '%s' ignored (first on "
			        "line %d)",
			        key, root->pairs[first[i]].key->line);
			fm_warn_at(ctx, k, msg);
			free(msg);
			continue;
		}
		if (!strcmp(key, "title"))
			set_string(ctx, key, v, &fm->title);
		else if (!strcmp(key, "author"))
			set_string(ctx, key, v, &fm->author);
		else if (!strcmp(key, "source"))
			set_string(ctx, key, v, &fm->source);
		else if (!strcmp(key, "date"))
			set_date(ctx, v, fm);
		else if (!strcmp(key, "tags"))
			set_tags(ctx, v, fm);
		else
			add_extra(k, v, fm, &extra_cap);
	}
	free(first);
	free(keys);
}

static void
parse_yaml(struct fm_ctx *ctx, const char *yaml, size_t len,
           struct frontmatter *fm)
{
	static const struct ydoc_limits lim = {
	        .max_depth = FM_MAX_DEPTH,
	        .max_aliases = FM_MAX_ALIASES,
	};
	struct ydoc doc;
	struct ydoc_error err;

	if (ydoc_parse(&doc, yaml, len, &lim, FM_YAML_FIRST_LINE, &err) < 0) {
		/* A second "---" is more likely a misplaced closing line. */
		fm_warn(ctx, err.line, err.col,
		        err.problem == YDOC_ERR_DOCUMENTS
		                ? "more than one YAML document (a second "
		                  "'---' line inside the front matter?)"
		                : err.msg);
		ydoc_error_fini(&err);
		ydoc_fini(&doc);
		return;
	}
	const struct ydoc_node *root = doc.root;
	if (root && root->kind == YDOC_MAPPING) {
		read_fields(ctx, root, fm);
	} else if (root && !ydoc_is_null(root)) {
		fm_warn_at(ctx, root,
		           root->kind == YDOC_SEQUENCE
		                   ? "should be a mapping of fields, not a "
		                     "list"
		                   : "should be a mapping of fields "
		                     "(\"key: value\" lines)");
	}
	ydoc_error_fini(&err);
	ydoc_fini(&doc);
}

/* End of the line starting at i: the offset of its '\n', or len. */
static size_t
line_end(const char *text, size_t len, size_t i)
{
	const char *nl = memchr(text + i, '\n', len - i);
	return nl ? (size_t)(nl - text) : len;
}

/* True when text[i..end) is marker followed only by spaces, tabs, "\r". */
static int
is_marker_line(const char *text, size_t i, size_t end, const char *marker)
{
	size_t m = strlen(marker);
	if (end - i < m || memcmp(text + i, marker, m) != 0)
		return 0;
	for (i += m; i < end; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
			return 0;
	return 1;
}

enum fm_status
frontmatter_parse(const char *text, size_t len, const char *file,
                  struct frontmatter *fm, size_t *body_offset,
                  struct diag_list *diags)
{
	size_t start = 0;

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		start = 3;
	*body_offset = start;

	size_t end = line_end(text, len, start);
	if (!is_marker_line(text, start, end, "---"))
		return FM_NONE;

	size_t yaml_start = end < len ? end + 1 : len;
	size_t i = yaml_start;
	while (i < len) {
		size_t e = line_end(text, len, i);
		if (is_marker_line(text, i, e, "---") ||
		    is_marker_line(text, i, e, "...")) {
			struct fm_ctx ctx = {.file = file, .diags = diags};
			*body_offset = e < len ? e + 1 : len;
			parse_yaml(&ctx, text + yaml_start, i - yaml_start, fm);
			return ctx.warnings ? FM_ERROR : FM_OK;
		}
		i = e + 1;
	}
	diag_add(diags, DIAG_WARNING, file, 1, 1,
	         "front matter: no closing '---' line");
	return FM_ERROR;
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/* "HH:MM" with HH 00-23, MM 00-59. */
static int
valid_hh_mm(const char *s)
{
	int h, m;
	return digits(s, 2, &h) && s[2] == ':' && digits(s + 3, 2, &m) &&
	       h <= 23 && m <= 59;
}

int
frontmatter_valid_date(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	int y, mo, d, sec;

	if (!s || strnlen(s, 11) < 10 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d))
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo == 2 && d == 29 && !leap)
		return 0;
	s += 10;
	if (!*s)
		return 1;
	if (*s != 'T' || strnlen(s + 1, 5) < 5 || !valid_hh_mm(s + 1))
		return 0;
	s += 6;
	if (*s == ':') {
		if (!digits(s + 1, 2, &sec) || sec > 59)
			return 0;
		s += 3;
	}
	if (*s == 'Z')
		return s[1] == '\0';
	if (*s == '+' || *s == '-')
		return strnlen(s + 1, 6) == 5 && valid_hh_mm(s + 1);
	return *s == '\0';
}
