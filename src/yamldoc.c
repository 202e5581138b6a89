/*
 * yamldoc.c - libyaml's document API behind a tree of plain structs.
 *
 * libyaml 0.2.5 has no nesting limit and resolves aliases, which opens the
 * door to deep nesting (its composer recurses) and "billion laughs".  So
 * before the document is built, a first pass over the event stream
 * (streaming, no recursion) refuses nesting deeper than the caller's
 * max_depth, more than max_aliases aliases, an alias inside the collection
 * it names (a cycle), oversized scalars and anchor names, and a second
 * document.  Only then does yaml_parser_load build the document, which is
 * copied into a struct ydoc: four allocations (nodes, sequence items,
 * mapping pairs, scalar text) however large the document.
 *
 * libyaml's marks are 0-based and relative to the text it was given; they
 * become 1-based positions counted from the caller's first_line, clamped
 * to INT_MAX.  Columns count characters, not bytes, as libyaml does.
 */
#include "yamldoc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util.h"

/* The text being read, and where it stands in its file. */
struct ydoc_src {
	const unsigned char *text;
	size_t len;
	int first_line;
};

/* v + base, or INT_MAX when that does not fit. */
static int
clamp_add(size_t v, int base)
{
	if (base < 0)
		base = 0;
	return v > (size_t)(INT_MAX - base) ? INT_MAX : (int)v + base;
}

static int
mark_line(const struct ydoc_src *src, yaml_mark_t m)
{
	return clamp_add(m.line, src->first_line);
}

static int
mark_col(yaml_mark_t m)
{
	return clamp_add(m.column, 1);
}

static void
set_error(struct ydoc_error *err, enum ydoc_problem problem,
          const struct ydoc_src *src, yaml_mark_t m, char *msg)
{
	err->problem = problem;
	err->line = mark_line(src, m);
	err->col = mark_col(m);
	err->msg = msg;
}

/*
 * A reader error (bad UTF-8, control characters) carries a byte offset, not
 * a mark: count lines and characters up to it like libyaml would.
 */
static yaml_mark_t
offset_mark(const struct ydoc_src *src, size_t offset)
{
	yaml_mark_t m = {0, 0, 0};
	if (offset > src->len)
		offset = src->len;
	for (size_t i = 0; i < offset; i++) {
		unsigned char c = src->text[i];
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
parser_error(const struct ydoc_src *src, const yaml_parser_t *p,
             struct ydoc_error *err)
{
	yaml_mark_t m = p->problem_mark;
	const char *problem = p->problem ? p->problem : "cannot parse YAML";
	char *msg;

	if (p->error == YAML_MEMORY_ERROR)
		problem = "out of memory while parsing YAML";
	if (p->error == YAML_READER_ERROR) {
		m = offset_mark(src, p->problem_offset);
		msg = xstrdup(problem);
	} else if (p->context) {
		msg = xasprintf("%s (%s at line %d, column %d)", problem,
		                p->context, mark_line(src, p->context_mark),
		                mark_col(p->context_mark));
	} else {
		msg = xstrdup(problem);
	}
	set_error(err, YDOC_ERR_SYNTAX, src, m, msg);
}

/*
 * What one event breaks of the limits, as a message (caller frees) with
 * *problem set, or NULL.  open[0..*depth) holds the anchors of the
 * collections being read (NULL for those without one), to refuse an alias
 * inside the collection it names.
 */
static char *
check_event(const yaml_event_t *ev, const struct ydoc_limits *lim, char ***open,
            size_t *cap, int *depth, int *aliases, int *docs,
            enum ydoc_problem *problem)
{
	yaml_char_t *anchor = NULL;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			*problem = YDOC_ERR_DOCUMENTS;
			return xstrdup("more than one YAML document (a second "
			               "'---' line?)");
		}
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (*depth >= lim->max_depth) {
			*problem = YDOC_ERR_DEPTH;
			return xasprintf("nested deeper than %d levels",
			                 lim->max_depth);
		}
		anchor = ev->type == YAML_SEQUENCE_START_EVENT
		                 ? ev->data.sequence_start.anchor
		                 : ev->data.mapping_start.anchor;
		xgrow(open, cap, (size_t)*depth + 1, sizeof **open);
		(*open)[(*depth)++] =
		        anchor ? xstrdup((const char *)anchor) : NULL;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (*depth > 0)
			free((*open)[--*depth]);
		break;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		if (lim->max_scalar &&
		    ev->data.scalar.length > lim->max_scalar) {
			*problem = YDOC_ERR_SCALAR;
			return xasprintf("a value longer than %zu bytes",
			                 lim->max_scalar);
		}
		break;
	case YAML_ALIAS_EVENT:
		anchor = ev->data.alias.anchor;
		if (++*aliases > lim->max_aliases) {
			*problem = YDOC_ERR_ALIASES;
			return xasprintf("more than %d aliases",
			                 lim->max_aliases);
		}
		for (int i = 0; i < *depth; i++) {
			if ((*open)[i] &&
			    !strcmp((*open)[i], (const char *)anchor)) {
				*problem = YDOC_ERR_ALIAS_CYCLE;
				return xasprintf("alias '*%s' inside the "
				                 "collection it names",
				                 (*open)[i]);
			}
		}
		break;
	default:
		break;
	}
	/* Long anchors would make the alias checks above slow. */
	if (lim->max_scalar && anchor &&
	    strlen((const char *)anchor) > lim->max_scalar) {
		*problem = YDOC_ERR_ANCHOR;
		return xasprintf("an anchor name longer than %zu bytes",
		                 lim->max_scalar);
	}
	return NULL;
}

/* The streaming pre-pass described at the top.  Returns 0 when the
 * document may be built, -1 with err set. */
static int
check_events(const struct ydoc_src *src, const struct ydoc_limits *lim,
             struct ydoc_error *err)
{
	yaml_parser_t p;
	yaml_event_t ev;
	char **open = NULL;
	size_t cap = 0;
	int depth = 0, aliases = 0, docs = 0, rc = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, src->text, src->len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			parser_error(src, &p, err);
			rc = -1;
			break;
		}
		enum ydoc_problem problem = YDOC_OK;
		char *msg = check_event(&ev, lim, &open, &cap, &depth, &aliases,
		                        &docs, &problem);
		yaml_mark_t m = ev.start_mark;
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (msg) {
			set_error(err, problem, src, m, msg);
			rc = -1;
			break;
		}
		if (end)
			break;
	}
	while (depth > 0)
		free(open[--depth]);
	free(open);
	yaml_parser_delete(&p);
	return rc;
}

static void
set_pos(const struct ydoc_src *src, struct ydoc_node *n, const yaml_node_t *y)
{
	n->line = mark_line(src, y->start_mark);
	n->col = mark_col(y->start_mark);
	n->end_line = mark_line(src, y->end_mark);
	n->end_col = mark_col(y->end_mark);
}

/* The node with libyaml's id, or NULL (libyaml never gives a bad id). */
static struct ydoc_node *
node_of(struct ydoc *doc, yaml_node_item_t id)
{
	if (id < 1 || (size_t)id > doc->nnodes)
		return NULL;
	return &doc->nodes[id - 1];
}

/* Copies libyaml's document yd into doc, which it sizes first. */
static void
copy_document(const struct ydoc_src *src, yaml_document_t *yd, struct ydoc *doc)
{
	size_t nitems = 0, npairs = 0, ntext = 0;

	doc->nnodes = (size_t)(yd->nodes.top - yd->nodes.start);
	for (yaml_node_t *y = yd->nodes.start; y < yd->nodes.top; y++) {
		if (y->type == YAML_SCALAR_NODE)
			ntext += y->data.scalar.length + 1;
		else if (y->type == YAML_SEQUENCE_NODE)
			nitems += (size_t)(y->data.sequence.items.top -
			                   y->data.sequence.items.start);
		else if (y->type == YAML_MAPPING_NODE)
			npairs += (size_t)(y->data.mapping.pairs.top -
			                   y->data.mapping.pairs.start);
	}
	doc->nodes = xcalloc(doc->nnodes ? doc->nnodes : 1, sizeof *doc->nodes);
	doc->items = xmalloc((nitems ? nitems : 1) * sizeof *doc->items);
	doc->pairs = xmalloc((npairs ? npairs : 1) * sizeof *doc->pairs);
	doc->text = xmalloc(ntext ? ntext : 1);

	struct ydoc_node **item = doc->items;
	struct ydoc_pair *pair = doc->pairs;
	char *text = doc->text;
	for (size_t i = 0; i < doc->nnodes; i++) {
		yaml_node_t *y = &yd->nodes.start[i];
		struct ydoc_node *n = &doc->nodes[i];
		set_pos(src, n, y);
		switch (y->type) {
		case YAML_SEQUENCE_NODE:
			n->kind = YDOC_SEQUENCE;
			n->items = item;
			for (yaml_node_item_t *it =
			             y->data.sequence.items.start;
			     it < y->data.sequence.items.top; it++)
				if ((*item = node_of(doc, *it)))
					item++;
			n->nitems = (size_t)(item - n->items);
			break;
		case YAML_MAPPING_NODE:
			n->kind = YDOC_MAPPING;
			n->pairs = pair;
			for (yaml_node_pair_t *pr = y->data.mapping.pairs.start;
			     pr < y->data.mapping.pairs.top; pr++) {
				pair->key = node_of(doc, pr->key);
				pair->value = node_of(doc, pr->value);
				if (pair->key && pair->value)
					pair++;
			}
			n->npairs = (size_t)(pair - n->pairs);
			break;
		default:
			/* A scalar (libyaml builds no empty nodes). */
			n->kind = YDOC_SCALAR;
			n->len = y->type == YAML_SCALAR_NODE
			                 ? y->data.scalar.length
			                 : 0;
			if (n->len)
				memcpy(text, y->data.scalar.value, n->len);
			text[n->len] = '\0';
			n->text = text;
			text += n->len + 1;
			n->plain =
			        y->type == YAML_SCALAR_NODE &&
			        y->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		}
	}
	doc->root = doc->nnodes ? &doc->nodes[0] : NULL;
}

int
ydoc_parse(struct ydoc *doc, const char *text, size_t len,
           const struct ydoc_limits *lim, int first_line,
           struct ydoc_error *err)
{
	struct ydoc_src src = {(const unsigned char *)text, len, first_line};
	yaml_parser_t p;
	yaml_document_t yd;

	memset(doc, 0, sizeof *doc);
	memset(err, 0, sizeof *err);
	if (check_events(&src, lim, err) < 0)
		return -1;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, src.text, src.len);
	if (!yaml_parser_load(&p, &yd)) {
		/* Composer errors (an undefined alias) only show up here. */
		parser_error(&src, &p, err);
		yaml_parser_delete(&p);
		return -1;
	}
	copy_document(&src, &yd, doc);
	yaml_document_delete(&yd);
	yaml_parser_delete(&p);
	return 0;
}

void
ydoc_fini(struct ydoc *doc)
{
	free(doc->nodes);
	free(doc->items);
	free(doc->pairs);
	free(doc->text);
	memset(doc, 0, sizeof *doc);
}

void
ydoc_error_fini(struct ydoc_error *err)
{
	free(err->msg);
	memset(err, 0, sizeof *err);
}

bool
ydoc_is_null(const struct ydoc_node *n)
{
	if (n->kind != YDOC_SCALAR || !n->plain)
		return false;
	return n->len == 0 || !strcmp(n->text, "~") ||
	       !strcmp(n->text, "null") || !strcmp(n->text, "Null") ||
	       !strcmp(n->text, "NULL");
}

/* A key and where it stands, sorted by key and then position. */
struct ydoc_key_ref {
	const char *key;
	size_t pos;
};

static int
key_ref_cmp(const void *a, const void *b)
{
	const struct ydoc_key_ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

size_t
ydoc_find_repeats(const char *const *keys, size_t n, size_t *first,
                  size_t *repeats)
{
	struct ydoc_key_ref *refs = xmalloc((n ? n : 1) * sizeof *refs);
	size_t nrefs = 0, nrepeats = 0;

	for (size_t i = 0; i < n; i++) {
		first[i] = i;
		if (keys[i])
			refs[nrefs++] = (struct ydoc_key_ref){keys[i], i};
	}
	qsort(refs, nrefs, sizeof *refs, key_ref_cmp);
	for (size_t i = 1; i < nrefs; i++) {
		if (strcmp(refs[i].key, refs[i - 1].key))
			continue;
		first[refs[i].pos] = first[refs[i - 1].pos];
		if (repeats)
			repeats[nrepeats] = refs[i].pos;
		nrepeats++;
	}
	free(refs);
	return nrepeats;
}
