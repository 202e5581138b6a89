/* script.c - key scripts for the headless mode. */
#include "script.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"

void
script_init(struct script *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
}

void
script_fini(struct script *s)
{
	free(s->v);
	script_init(s);
}

static void
push(struct script *s, struct script_event ev)
{
	xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = ev;
}

static int
parse_num(const char *s, size_t len, int *out)
{
	int v = parse_small_int(s, len, 1, 10000);
	if (v < 0)
		return -1;
	*out = v;
	return 0;
}

int
script_parse_size(const char *s, size_t len, int *cols, int *rows)
{
	const char *x = memchr(s, 'x', len);
	if (!x)
		return -1;
	size_t cl = (size_t)(x - s);
	return parse_num(s, cl, cols) || parse_num(x + 1, len - cl - 1, rows)
	               ? -1
	               : 0;
}

int
script_parse(struct script *s, const char *text, const char *name,
             struct diag_list *diags)
{
	static const char resize[] = "resize:";
	int line = 1, bad = 0;
	const char *line_start = text;
	const char *p = text;
	while (*p) {
		if (*p == '\n') {
			line++;
			line_start = ++p;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
			continue;
		}
		if (*p == '#') {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		const char *w = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r')
			p++;
		size_t len = (size_t)(p - w);
		int col = (int)(w - line_start) + 1;
		struct script_event ev = {SCRIPT_KEY, 0, 0, 0, 0};
		static const char *const mice[] = {
		        "wheelup:", "wheeldown:", "click:"};
		int mouse = -1;
		for (int m = 0; m < 3; m++)
			if (len > strlen(mice[m]) &&
			    memcmp(w, mice[m], strlen(mice[m])) == 0)
				mouse = m;
		if (mouse >= 0) {
			size_t pre = strlen(mice[mouse]);
			ev.kind = SCRIPT_MOUSE;
			ev.mouse = mouse;
			if (script_parse_size(w + pre, len - pre, &ev.cols,
			                      &ev.rows)) {
				diag_add(diags, DIAG_ERROR, name, line, col,
				         "bad cell in '%.*s' (expected "
				         "%sCOLxROW)",
				         (int)len, w, mice[mouse]);
				bad = 1;
				continue;
			}
		} else if (len > sizeof resize - 1 &&
		           memcmp(w, resize, sizeof resize - 1) == 0) {
			ev.kind = SCRIPT_RESIZE;
			if (script_parse_size(w + sizeof resize - 1,
			                      len - (sizeof resize - 1),
			                      &ev.cols, &ev.rows)) {
				diag_add(diags, DIAG_ERROR, name, line, col,
				         "bad size in '%.*s' (expected "
				         "resize:COLSxROWS)",
				         (int)len, w);
				bad = 1;
				continue;
			}
		} else {
			ev.key = keys_parse(w, len);
			if (ev.key < 0) {
				diag_add(diags, DIAG_ERROR, name, line, col,
				         "unknown key name '%.*s'", (int)len,
				         w);
				bad = 1;
				continue;
			}
		}
		push(s, ev);
	}
	return bad ? -1 : 0;
}
