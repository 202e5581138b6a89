/* config_yank.c - the yank section: the citation and where a copy goes. */
#include "config_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cite.h"
#include "clip.h"

/* citation: a template (cite.h), checked here with its column. */
static void
citation(struct load *ld, const struct ydoc_node *n, struct yank_config *y)
{
	const char *s = cfg_string(ld, n, "yank.citation",
	                           "a template: '— {author}, “{title}”'");
	if (!s)
		return;
	int col;
	const char *why;
	if (cite_check(s, &col, &why) < 0) {
		/* The column in the file: the value's own, plus where in it
		 * (a quoted value starts one column later). */
		int q = n->plain ? 0 : 1;
		cfg_err_at(ld, n->line, n->col + q + col - 1, "yank.citation",
		           "%s", why);
		return;
	}
	free(y->citation);
	y->citation = xstrdup(s);
}

static void
target(struct load *ld, const struct ydoc_node *n, struct yank_config *y)
{
	const char *s =
	        cfg_string(ld, n, "yank.to", "auto, osc52, tmux or file");
	if (!s)
		return;
	int t = clip_target_lookup(s);
	if (t < 0) {
		cfg_err(ld, n, "yank.to",
		        "expected auto, osc52, tmux or file, not '%s'", s);
		return;
	}
	y->to = t;
}

void
cfg_load_yank(struct load *ld, const struct ydoc_node *n)
{
	static const char *const names[] = {"citation", "to"};
	enum { NNAMES = sizeof names / sizeof *names };
	struct yank_config *y = &ld->cfg->yank;
	n = cfg_mapping(ld, n, "yank", "a mapping (to: tmux)");
	if (!n)
		return;
	const char **keys = cfg_map_keys(ld, n, "yank");
	for (size_t i = 0; i < n->npairs; i++) {
		const struct ydoc_node *k = n->pairs[i].key;
		const struct ydoc_node *val = n->pairs[i].value;
		if (!keys[i])
			continue;
		if (!strcmp(keys[i], "citation"))
			citation(ld, val, y);
		else if (!strcmp(keys[i], "to"))
			target(ld, val, y);
		else
			cfg_err_unknown(ld, k->line, k->col, "yank", "setting",
			                keys[i], names, NNAMES,
			                "citation or to");
	}
	free(keys);
}
