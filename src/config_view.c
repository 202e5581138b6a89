/* config_view.c - the view section: how the screen is laid out. */
#include "config_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIDEBAR_MAX_COLS 200
#define TEXT_WIDTH_MAX 10000

/* sidebar-width: 30% (of the screen) or 28 (columns). */
static void
sidebar_width(struct load *ld, const struct ydoc_node *n, struct view_config *v)
{
	const char *s = cfg_string(ld, n, "view.sidebar-width",
	                           "a width: 30% or 28 (columns)");
	if (!s)
		return;
	size_t len = strlen(s);
	if (len && s[len - 1] == '%') {
		int p = parse_small_int(s, len - 1, 5, 80);
		if (p < 0) {
			cfg_err(ld, n, "view.sidebar-width",
			        "expected a percentage from 5%% to 80%%, not "
			        "'%s'",
			        s);
			return;
		}
		v->sidebar_percent = p;
		v->sidebar_cols = 0;
		return;
	}
	int c = parse_small_int(s, len, 8, SIDEBAR_MAX_COLS);
	if (c < 0) {
		cfg_err(ld, n, "view.sidebar-width",
		        "expected columns from 8 to %d, or a percentage "
		        "(30%%), "
		        "not '%s'",
		        SIDEBAR_MAX_COLS, s);
		return;
	}
	v->sidebar_cols = c;
}

/* text-width: 80 (columns at most), 0 for the whole pane. */
static void
text_width(struct load *ld, const struct ydoc_node *n, struct view_config *v)
{
	const char *s = cfg_string(ld, n, "view.text-width",
	                           "a number of columns (0: the whole pane)");
	if (!s)
		return;
	int w = parse_small_int(s, strlen(s), 0, TEXT_WIDTH_MAX);
	if (w < 0 || (w > 0 && w < 20)) {
		cfg_err(ld, n, "view.text-width",
		        "expected 0 (the whole pane) or columns from 20 to %d, "
		        "not '%s'",
		        TEXT_WIDTH_MAX, s);
		return;
	}
	v->text_width = w;
}

void
cfg_load_view(struct load *ld, const struct ydoc_node *n)
{
	static const char *const names[] = {"line-numbers", "article-numbers",
	                                    "sidebar",      "sidebar-width",
	                                    "text-width",   "mouse"};
	enum { NNAMES = sizeof names / sizeof *names };
	struct view_config *v = &ld->cfg->view;
	n = cfg_mapping(ld, n, "view", "a mapping (text-width: 80)");
	if (!n)
		return;
	const char **keys = cfg_map_keys(ld, n, "view");
	for (size_t i = 0; i < n->npairs; i++) {
		const struct ydoc_node *k = n->pairs[i].key;
		const struct ydoc_node *val = n->pairs[i].value;
		if (!keys[i])
			continue;
		size_t f = 0;
		while (f < NNAMES && strcmp(keys[i], names[f]))
			f++;
		char path[32];
		snprintf(path, sizeof path, "view.%s", keys[i]);
		switch (f) {
		case 0:
			cfg_bool(ld, val, path, &v->line_numbers);
			break;
		case 1:
			cfg_bool(ld, val, path, &v->article_numbers);
			break;
		case 2:
			cfg_bool(ld, val, path, &v->sidebar);
			break;
		case 3:
			sidebar_width(ld, val, v);
			break;
		case 4:
			text_width(ld, val, v);
			break;
		case 5:
			cfg_bool(ld, val, path, &v->mouse);
			break;
		default:
			cfg_err_unknown(
			        ld, k->line, k->col, "view", "setting", keys[i],
			        names, NNAMES,
			        "line-numbers, article-numbers, sidebar, "
			        "sidebar-width, text-width or mouse");
			break;
		}
	}
	free(keys);
}
