/*
 * yamldoc.h - a YAML text as a small tree of nodes, read with libyaml.
 *
 * This is the only module that sees libyaml: callers get plain structs
 * with 1-based positions, and one error value when the text cannot be
 * used.  The text is treated as hostile: nesting, aliases and scalar
 * sizes are capped by the caller's limits before the tree is built.
 *
 * Aliases are resolved: an alias is the very node its anchor names, so
 * one node may be reached along several paths (never along a cycle: an
 * alias inside the collection it names is refused).  Tags are ignored.
 */
#ifndef LECTERN_YAMLDOC_H
#define LECTERN_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

enum ydoc_kind {
	YDOC_SCALAR,
	YDOC_SEQUENCE,
	YDOC_MAPPING,
};

struct ydoc_pair;

/*
 * One node.  Positions count lines from the first_line given to
 * ydoc_parse and columns in characters (not bytes) from 1, as libyaml
 * does.  Only the fields of the node's kind are set; the others are zero.
 */
struct ydoc_node {
	enum ydoc_kind kind;
	int line; /* where the node starts */
	int col;
	int end_line; /* just after its end */
	int end_col;
	/* YDOC_SCALAR: the value after escapes and folding, NUL-terminated
	 * but possibly holding NULs before len; plain when written without
	 * quotes or block indicators. */
	const char *text;
	size_t len;
	bool plain;
	/* YDOC_SEQUENCE */
	struct ydoc_node **items;
	size_t nitems;
	/* YDOC_MAPPING, in file order (duplicate keys are kept) */
	struct ydoc_pair *pairs;
	size_t npairs;
};

struct ydoc_pair {
	struct ydoc_node *key;
	struct ydoc_node *value;
};

/* A parsed document; everything in it is owned by it. */
struct ydoc {
	struct ydoc_node *root; /* NULL for an empty document */
	struct ydoc_node *nodes;
	size_t nnodes;
	struct ydoc_node **items; /* storage of every sequence's items */
	struct ydoc_pair *pairs;  /* storage of every mapping's pairs */
	char *text;               /* storage of every scalar's text */
};

/*
 * Caps on a hostile text.  max_depth counts nested collections (a root
 * mapping is 1); max_aliases counts alias uses.  max_scalar caps the bytes
 * of a scalar and of an anchor name; 0 means no cap.
 */
struct ydoc_limits {
	int max_depth;
	int max_aliases;
	size_t max_scalar;
};

enum ydoc_problem {
	YDOC_OK,
	YDOC_ERR_SYNTAX,      /* libyaml refused the text (or ran out of
	                       * memory); msg is its own words */
	YDOC_ERR_DOCUMENTS,   /* more than one document */
	YDOC_ERR_DEPTH,       /* nested deeper than max_depth */
	YDOC_ERR_ALIASES,     /* more than max_aliases aliases */
	YDOC_ERR_ALIAS_CYCLE, /* an alias inside the collection it names */
	YDOC_ERR_SCALAR,      /* a scalar longer than max_scalar */
	YDOC_ERR_ANCHOR,      /* an anchor name longer than max_scalar */
};

/* Why a text was refused, at the place the problem was found. */
struct ydoc_error {
	enum ydoc_problem problem;
	int line; /* 1-based, counted like node positions */
	int col;
	char *msg; /* owned; NULL when problem is YDOC_OK */
};

/*
 * Parses text[0..len) (not necessarily NUL-terminated), a single YAML
 * document, into doc.  first_line is the line number the text starts on
 * (1 for a whole file; more for YAML embedded in another file).  Returns
 * 0, or -1 with doc empty and err describing the first problem.  doc and
 * err are always initialised: release them with ydoc_fini and
 * ydoc_error_fini, whatever the result.
 */
int ydoc_parse(struct ydoc *doc, const char *text, size_t len,
               const struct ydoc_limits *lim, int first_line,
               struct ydoc_error *err);

void ydoc_fini(struct ydoc *doc);
void ydoc_error_fini(struct ydoc_error *err);

/* True for a plain "~", "null", "Null", "NULL" or empty scalar: no value. */
bool ydoc_is_null(const struct ydoc_node *n);

/*
 * Finds repeated strings among keys[0..n) (NULL entries take no part),
 * in O(n log n) even for a hostile mapping.  Sets first[i] to the index
 * of the first entry equal to keys[i] (i itself for a first occurrence or
 * a NULL).  When repeats is not NULL (room for n), fills it with the
 * indices of the entries that repeat an earlier one, ordered by key and
 * then by index.  Returns how many there are.
 */
size_t ydoc_find_repeats(const char *const *keys, size_t n, size_t *first,
                         size_t *repeats);

#endif
