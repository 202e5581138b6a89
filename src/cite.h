/*
 * cite.h - the citation line under a yanked quote, from a template.
 *
 * A template is text with fields in braces, {title}, {author}, {date},
 * {source}, {path} or any front matter field, and optional parts in
 * square brackets, left out whole when a field in them is empty:
 *
 *     — [{author}, ]“{title}”[, {source}][, {date}] ({path})
 *
 * gives "— “Some title”, telecoms.com (corpus/a.md)" for an article with
 * no author or date.  \{ \} \[ \] \\ stand for the characters themselves.
 * Field values are inserted as they are; the caller escapes the result
 * for wherever it goes.
 */
#ifndef LECTERN_CITE_H
#define LECTERN_CITE_H

#include <stddef.h>

#include "util.h"

/* The template used when the config sets none. */
extern const char cite_default_template[];

/* The value of field name[0..len), or NULL (or "") when it has none. */
typedef const char *cite_lookup_fn(void *ctx, const char *name, size_t len);

/*
 * Checks a template: returns 0, or -1 with *col (1-based, in code points)
 * and *why (a static string) saying what is wrong: a brace or bracket not
 * closed or not opened, brackets inside brackets, an empty field name.
 */
int cite_check(const char *tmpl, int *col, const char **why);

/* Appends the citation to out; tmpl must pass cite_check. */
void cite_format(const char *tmpl, cite_lookup_fn *lookup, void *ctx,
                 struct strbuf *out);

#endif
