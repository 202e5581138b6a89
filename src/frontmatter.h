/*
 * frontmatter.h - the optional YAML header of an article file.
 *
 * An article file may start with front matter: a line "---", YAML mapping
 * lines, and a closing line "---" (or "..."), parsed with libyaml.  Known
 * fields: title, author, date (ISO 8601: YYYY-MM-DD, optionally followed by
 * THH:MM[:SS] and then optionally Z, +HH:MM or -HH:MM), source, tags (a
 * list of strings, or one string).  Unknown fields are kept, not fatal.  A UTF-8 BOM before the
 * first "---" is allowed.
 *
 * Problems never stop an article from loading: they are reported as
 * warnings with file, line and column (1-based, counted in the whole file),
 * and the fields that were good are kept.
 */
#ifndef LECTERN_FRONTMATTER_H
#define LECTERN_FRONTMATTER_H

#include <stddef.h>

#include "util.h"

struct fm_field {
	char *key;
	char *value; /* a scalar as written; a sequence as "a, b, c";
	              * a mapping as "{...}" */
	int line;    /* where the key is, 1-based in the file */
	int col;
};

struct frontmatter {
	char *title; /* NULL when absent; owned, like every field here */
	char *author;
	char *date; /* only set when it is a valid ISO 8601 date */
	char *source;
	char **tags;
	size_t ntags;
	struct fm_field *extra; /* unknown fields, in file order */
	size_t nextra;
	char *block; /* when not NULL, every string and array above lives in
	              * it, one allocation (the heads cache's) */
};

void frontmatter_init(struct frontmatter *fm);
void frontmatter_fini(struct frontmatter *fm);

enum fm_status {
	FM_NONE, /* no front matter: the body starts at offset 0 (after a BOM) */
	FM_OK,   /* parsed; the body starts after the closing line */
	FM_ERROR, /* front matter present but bad (malformed YAML, not a
	           * mapping, unterminated...): warnings added; fields that
	           * could be read are set; *body_offset is after the closing
	           * line, or 0 (after a BOM) when there is none */
};

/*
 * Looks for front matter at the start of text[0..len) (not necessarily
 * NUL-terminated).  file names the file in diagnostics.  Sets *body_offset
 * to the byte offset where the body starts.  A front matter block is only
 * recognised when the very first line (after an optional BOM) is exactly
 * "---" (trailing spaces and "\r" allowed).
 */
enum fm_status frontmatter_parse(const char *text, size_t len, const char *file,
                                 struct frontmatter *fm, size_t *body_offset,
                                 struct diag_list *diags);

/* True when s is a valid ISO 8601 date as described above. */
int frontmatter_valid_date(const char *s);

#endif
