/*
 * frontmatter.c - the YAML header of an article, read with libyaml.
 *
 * Only the text between the opening "---" line and the closing "---" or
 * "..." line is handed to libyaml; its marks (0-based, relative to that
 * text) are turned into 1-based positions in the whole file: the YAML
 * starts on file line 2 whatever a BOM does to line 1.  Columns count
 * characters, not bytes, as libyaml does.
 *
 * Article files come from anywhere, so the YAML is treated as hostile.
 * libyaml 0.2.5 has no nesting limit and resolves aliases, which opens the
 * door to deep nesting and "billion laughs".  Before building the document
 * a first pass over the event stream (streaming, no recursion) refuses
 * nesting deeper than FM_MAX_DEPTH, more than FM_MAX_ALIASES aliases and
 * more than one document.  The walk that renders unknown fields is still
 * bounded in depth and output size, because an alias can point back at one
 * of its ancestors ("&a [*a]") and make the node graph cyclic.
 *
 * Duplicate keys: the first occurrence wins, each later one is ignored with
 * a warning on its own line.  The warning then points at exactly the line
 * that has no effect, which is the one the user has to fix.
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include "frontmatter.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

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
	const unsigned char *yaml; /* the front matter text */
	size_t yaml_len;
	struct diag_list *diags;
	int warnings;
};

static int
clamp_int(size_t v)
{
	return v > (size_t)INT_MAX ? INT_MAX : (int)v;
}

static int
mark_line(yaml_mark_t m)
{
	return clamp_int(m.line + FM_YAML_FIRST_LINE);
}

static int
mark_col(yaml_mark_t m)
{
	return clamp_int(m.column + 1);
}

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
fm_warn_at(struct fm_ctx *ctx, yaml_mark_t m, const char *msg)
{
	fm_warn(ctx, mark_line(m), mark_col(m), msg);
}

/*
 * A reader error (bad UTF-8, control characters) carries a byte offset, not
 * a mark: count lines and characters up to it like libyaml would.
 */
static yaml_mark_t
offset_mark(const struct fm_ctx *ctx, size_t offset)
{
	yaml_mark_t m = {0, 0, 0};
	if (offset > ctx->yaml_len)
		offset = ctx->yaml_len;
	for (size_t i = 0; i < offset; i++) {
		unsigned char c = ctx->yaml[i];
		if (c == '\n') {
			m.line++;
			m.column = 0;
		} else if ((c & 0xC0) != 0x80) {
			m.column++;
		}
	}
	m.index = offset;
	return m;
}

static void
report_parser_error(struct fm_ctx *ctx, const yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	const char *problem = p->problem ? p->problem : "cannot parse YAML";
	char *msg;

	if (p->error == YAML_MEMORY_ERROR)
		problem = "out of memory while parsing YAML";
	if (p->error == YAML_READER_ERROR) {
		m = offset_mark(ctx, p->problem_offset);
		msg = xstrdup(problem);
	} else if (p->context) {
		msg = xasprintf("%s (%s at line %d, column %d)", problem,
		                p->context, mark_line(p->context_mark),
		                mark_col(p->context_mark));
	} else {
		msg = xstrdup(problem);
	}
	fm_warn_at(ctx, m, msg);
	free(msg);
}

/*
 * The streaming pre-pass described at the top.  open[] holds the anchors
 * of the collections being read, to refuse an alias inside the collection
 * it names (a cycle).  Returns 0 when the YAML may be loaded, -1 after a
 * warning.
 */
static int
check_events(struct fm_ctx *ctx)
{
	yaml_parser_t p;
	yaml_event_t ev;
	char *open[FM_MAX_DEPTH + 1];
	int depth = 0, aliases = 0, docs = 0, rc = 0;
	char *msg = NULL;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, ctx->yaml, ctx->yaml_len);
	while (rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			report_parser_error(ctx, &p);
			rc = -1;
			break;
		}
		yaml_mark_t m = ev.start_mark;
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				msg = xstrdup("more than one YAML document (a "
				              "second '---' line inside the "
				              "front matter?)");
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == FM_MAX_DEPTH) {
				msg = xasprintf("nested deeper than %d levels",
				                FM_MAX_DEPTH);
				break;
			}
			/* Both events keep their anchor at the same place. */
			yaml_char_t *anchor =
			        ev.type == YAML_SEQUENCE_START_EVENT
			                ? ev.data.sequence_start.anchor
			                : ev.data.mapping_start.anchor;
			open[depth++] =
			        anchor ? xstrdup((const char *)anchor) : NULL;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0)
				free(open[--depth]);
			break;
		case YAML_ALIAS_EVENT:
			if (++aliases > FM_MAX_ALIASES) {
				msg = xasprintf("more than %d aliases",
				                FM_MAX_ALIASES);
				break;
			}
			for (int i = 0; i < depth; i++) {
				if (open[i] &&
				    !strcmp(open[i], (const char *)ev.data.alias
				                             .anchor)) {
					msg = xasprintf(
					        "alias '*%s' inside "
					        "the collection it names",
					        open[i]);
					break;
				}
			}
			break;
		default:
			break;
		}
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (msg) {
			fm_warn_at(ctx, m, msg);
			free(msg);
			rc = -1;
		} else if (end) {
			break;
		}
	}
	while (depth > 0)
		free(open[--depth]);
	yaml_parser_delete(&p);
	return rc;
}

static const char *
scalar_text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* "~", "null" and nothing at all, written plainly, mean "no value". */
static int
is_null(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	const char *s = scalar_text(n);
	return n->data.scalar.length == 0 || !strcmp(s, "~") ||
	       !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/*
 * Writes node id into sb: a scalar as written, a sequence as "a, b" (in
 * brackets when nested), a mapping as "{k: v, ...}".  Bounded by depth and
 * by FM_MAX_RENDER bytes, so cycles made with aliases end.
 */
static void
render_node(yaml_document_t *doc, int id, int depth, struct strbuf *sb)
{
	yaml_node_t *n = yaml_document_get_node(doc, id);

	if (!n)
		return;
	if (sb->len >= FM_MAX_RENDER || depth > FM_MAX_DEPTH) {
		sb_addstr(sb, "...");
		return;
	}
	switch (n->type) {
	case YAML_SCALAR_NODE:
		sb_add(sb, scalar_text(n), n->data.scalar.length);
		break;
	case YAML_SEQUENCE_NODE:
		if (depth > 0)
			sb_addch(sb, '[');
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top; it++) {
			if (it > n->data.sequence.items.start)
				sb_addstr(sb, ", ");
			if (sb->len >= FM_MAX_RENDER) {
				sb_addstr(sb, "...");
				break;
			}
			render_node(doc, *it, depth + 1, sb);
		}
		if (depth > 0)
			sb_addch(sb, ']');
		break;
	case YAML_MAPPING_NODE:
		sb_addch(sb, '{');
		for (yaml_node_pair_t *pr = n->data.mapping.pairs.start;
		     pr < n->data.mapping.pairs.top; pr++) {
			if (pr > n->data.mapping.pairs.start)
				sb_addstr(sb, ", ");
			if (sb->len >= FM_MAX_RENDER) {
				sb_addstr(sb, "...");
				break;
			}
			render_node(doc, pr->key, depth + 1, sb);
			sb_addstr(sb, ": ");
			render_node(doc, pr->value, depth + 1, sb);
		}
		sb_addch(sb, '}');
		break;
	default:
		break;
	}
}

static void
set_string(struct fm_ctx *ctx, const char *key, const yaml_node_t *v,
           char **dst)
{
	if (is_null(v))
		return;
	if (v->type != YAML_SCALAR_NODE) {
		char *msg = xasprintf("'%s' should be a string", key);
		fm_warn_at(ctx, v->start_mark, msg);
		free(msg);
		return;
	}
	*dst = xstrdup(scalar_text(v));
}

static void
set_date(struct fm_ctx *ctx, const yaml_node_t *v, struct frontmatter *fm)
{
	if (is_null(v))
		return;
	if (v->type != YAML_SCALAR_NODE) {
		fm_warn_at(ctx, v->start_mark, "'date' should be a string");
		return;
	}
	if (!frontmatter_valid_date(scalar_text(v))) {
		char *msg = xasprintf("date '%s' is not an ISO 8601 date "
		                      "(YYYY-MM-DD)",
		                      scalar_text(v));
		fm_warn_at(ctx, v->start_mark, msg);
		free(msg);
		return;
	}
	fm->date = xstrdup(scalar_text(v));
}

static void
add_tag(struct frontmatter *fm, const yaml_node_t *v, size_t *cap)
{
	if (v->data.scalar.length == 0 || is_null(v))
		return;
	xgrow(&fm->tags, cap, fm->ntags + 1, sizeof *fm->tags);
	fm->tags[fm->ntags++] = xstrdup(scalar_text(v));
}

/* One string, or a list of strings; the good items of a list are kept. */
static void
set_tags(struct fm_ctx *ctx, yaml_document_t *doc, const yaml_node_t *v,
         struct frontmatter *fm)
{
	static const char bad[] = "'tags' should be a string or a list of "
	                          "strings";
	size_t cap = 0;

	if (v->type == YAML_SCALAR_NODE) {
		add_tag(fm, v, &cap);
		return;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		fm_warn_at(ctx, v->start_mark, bad);
		return;
	}
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(doc, *it);
		if (!item)
			continue;
		if (item->type != YAML_SCALAR_NODE) {
			fm_warn_at(ctx, item->start_mark, bad);
			continue;
		}
		add_tag(fm, item, &cap);
	}
}

static void
add_extra(yaml_document_t *doc, const yaml_node_t *k, int value_id,
          struct frontmatter *fm, size_t *cap)
{
	struct strbuf sb;
	sb_init(&sb);
	render_node(doc, value_id, 0, &sb);
	xgrow(&fm->extra, cap, fm->nextra + 1, sizeof *fm->extra);
	struct fm_field *f = &fm->extra[fm->nextra++];
	f->key = xstrdup(scalar_text(k));
	f->value = sb_detach(&sb);
	f->line = mark_line(k->start_mark);
	f->col = mark_col(k->start_mark);
}

/* A key of the root mapping, and where it stands in file order. */
struct key_ref {
	const char *key;
	size_t pos;
};

static int
key_ref_cmp(const void *a, const void *b)
{
	const struct key_ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/*
 * Sets first[i] to the index of the first pair with the same key as pair i
 * (i itself when it is the first).  Sorting keeps this O(n log n) even for
 * a hostile front matter with many keys.
 */
static void
find_duplicates(yaml_document_t *doc, const yaml_node_t *root, size_t *first)
{
	size_t n = (size_t)(root->data.mapping.pairs.top -
	                    root->data.mapping.pairs.start);
	struct key_ref *refs = xmalloc((n ? n : 1) * sizeof *refs);
	size_t nrefs = 0;

	for (size_t i = 0; i < n; i++) {
		yaml_node_pair_t *pr = &root->data.mapping.pairs.start[i];
		yaml_node_t *k = yaml_document_get_node(doc, pr->key);
		first[i] = i;
		if (k && k->type == YAML_SCALAR_NODE)
			refs[nrefs++] = (struct key_ref){scalar_text(k), i};
	}
	qsort(refs, nrefs, sizeof *refs, key_ref_cmp);
	for (size_t i = 1; i < nrefs; i++)
		if (!strcmp(refs[i].key, refs[i - 1].key))
			first[refs[i].pos] = first[refs[i - 1].pos];
	free(refs);
}

static void
read_fields(struct fm_ctx *ctx, yaml_document_t *doc, const yaml_node_t *root,
            struct frontmatter *fm)
{
	size_t n = (size_t)(root->data.mapping.pairs.top -
	                    root->data.mapping.pairs.start);
	size_t *first = xmalloc((n ? n : 1) * sizeof *first);
	size_t extra_cap = 0;

	find_duplicates(doc, root, first);
	for (size_t i = 0; i < n; i++) {
		yaml_node_pair_t *pr = &root->data.mapping.pairs.start[i];
		yaml_node_t *k = yaml_document_get_node(doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(doc, pr->value);
		if (!k || !v)
			continue;
		if (k->type != YAML_SCALAR_NODE) {
			fm_warn_at(ctx, k->start_mark,
			           "a field name should be a string");
			continue;
		}
		const char *key = scalar_text(k);
		if (first[i] != i) {
			yaml_node_t *k1 = yaml_document_get_node(
			        doc,
			        root->data.mapping.pairs.start[first[i]].key);
			char *msg = xasprintf(
			        "duplicate field '%s' ignored (first on "
			        "line %d)",
			        key, mark_line(k1->start_mark));
			fm_warn_at(ctx, k->start_mark, msg);
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
			set_tags(ctx, doc, v, fm);
		else
			add_extra(doc, k, pr->value, fm, &extra_cap);
	}
	free(first);
}

static void
parse_yaml(struct fm_ctx *ctx, struct frontmatter *fm)
{
	yaml_parser_t p;
	yaml_document_t doc;

	if (check_events(ctx) < 0)
		return;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, ctx->yaml, ctx->yaml_len);
	if (!yaml_parser_load(&p, &doc)) {
		/* Composer errors (an undefined alias) only show up here. */
		report_parser_error(ctx, &p);
		yaml_parser_delete(&p);
		return;
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_MAPPING_NODE) {
		read_fields(ctx, &doc, root, fm);
	} else if (root && !is_null(root)) {
		fm_warn_at(ctx, root->start_mark,
		           root->type == YAML_SEQUENCE_NODE
		                   ? "should be a mapping of fields, not a "
		                     "list"
		                   : "should be a mapping of fields "
		                     "(\"key: value\" lines)");
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
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
			struct fm_ctx ctx = {
			        .file = file,
			        .yaml = (const unsigned char *)text +
			                yaml_start,
			        .yaml_len = i - yaml_start,
			        .diags = diags,
			};
			*body_offset = e < len ? e + 1 : len;
			parse_yaml(&ctx, fm);
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
