/* cite.c - citation lines from templates. */
#include "cite.h"

#include <stdbool.h>
#include <string.h>

#include "utf8.h"

const char cite_default_template[] =
        "\xe2\x80\x94 [{author}, ]\xe2\x80\x9c{title}\xe2\x80\x9d"
        "[, {source}][, {date}] ({path})";

int
cite_check(const char *tmpl, int *col, const char **why)
{
	size_t len = strlen(tmpl), i = 0;
	int c = 0, opt_col = 0, field_col = 0;
	bool in_opt = false, in_field = false, empty = false;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(tmpl + i, len - i, &cp);
		c++;
		if (cp == '\\' && i + 1 < len) {
			i += 1 + utf8_decode(tmpl + i + 1, len - i - 1, &cp);
			c++;
			empty = false;
			continue;
		}
		const char *bad = NULL;
		if (in_field) {
			if (cp == '}') {
				if (empty)
					bad = "empty field name";
				in_field = false;
			} else if (cp && cp < 0x80 && strchr("{[]", (int)cp)) {
				bad = "'{' not closed by '}'";
				c = field_col;
			}
			empty = false;
		} else if (cp == '{') {
			in_field = empty = true;
			field_col = c;
		} else if (cp == '}') {
			bad = "'}' with no '{' before it";
		} else if (cp == '[') {
			if (in_opt)
				bad = "'[' inside '[...]'";
			in_opt = true;
			opt_col = c;
		} else if (cp == ']') {
			if (!in_opt)
				bad = "']' with no '[' before it";
			in_opt = false;
		}
		if (bad) {
			*col = c;
			*why = bad;
			return -1;
		}
		i += n;
	}
	if (in_field || in_opt) {
		*col = in_field ? field_col : opt_col;
		*why = in_field ? "'{' not closed by '}'"
		                : "'[' not closed by ']'";
		return -1;
	}
	return 0;
}

/* Expands tmpl[from..to) into out (no brackets in it); returns false when
 * a field in it had no value. */
static bool
expand(const char *tmpl, size_t from, size_t to, cite_lookup_fn *lookup,
       void *ctx, struct strbuf *out)
{
	bool all = true;
	size_t i = from;
	while (i < to) {
		char ch = tmpl[i];
		if (ch == '\\' && i + 1 < to) {
			sb_addch(out, tmpl[i + 1]);
			i += 2;
			continue;
		}
		if (ch == '{') {
			size_t e = i + 1;
			while (e < to && tmpl[e] != '}')
				e++;
			const char *v = lookup(ctx, tmpl + i + 1, e - i - 1);
			if (v && *v)
				sb_addstr(out, v);
			else
				all = false;
			i = e + 1;
			continue;
		}
		sb_addch(out, ch);
		i++;
	}
	return all;
}

void
cite_format(const char *tmpl, cite_lookup_fn *lookup, void *ctx,
            struct strbuf *out)
{
	size_t len = strlen(tmpl), i = 0;
	struct strbuf part;
	sb_init(&part);
	while (i < len) {
		/* The next optional part, or the end. */
		size_t open = i;
		while (open < len && tmpl[open] != '[') {
			if (tmpl[open] == '\\' && open + 1 < len)
				open++;
			open++;
		}
		expand(tmpl, i, open, lookup, ctx, out);
		if (open >= len)
			break;
		size_t close = open + 1;
		while (close < len && tmpl[close] != ']') {
			if (tmpl[close] == '\\' && close + 1 < len)
				close++;
			close++;
		}
		sb_reset(&part);
		if (expand(tmpl, open + 1, close, lookup, ctx, &part))
			sb_add(out, part.buf, part.len);
		i = close < len ? close + 1 : len;
	}
	sb_fini(&part);
}
