/*
 * config_highlight.c - the highlight: section, a list of keyword groups.
 *
 * A highlight list replaces the groups there were (from the defaults or
 * an earlier file), so a user's list is the whole list.  Groups are
 * checked one by one, and their names must be unique.
 */
#include "config_int.h"
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "color.h"

/* A list of strings being read: *v holds *n of them, room for cap. */
struct str_list {
	char ***v;
	size_t *n, cap;
};

static void
add_string(struct load *ld, const struct ydoc_node *n, const char *s,
           const char *path, void *arg)
{
	struct str_list *list = arg;
	if (!*s) {
		cfg_err(ld, n, path,
		        "an empty string matches "
		        "nothing");
		return;
	}
	if (strlen(s) > CFG_MAX_WORD) {
		cfg_err(ld, n, path, "longer than %d bytes", CFG_MAX_WORD);
		return;
	}
	xgrow(list->v, &list->cap, *list->n + 1, sizeof **list->v);
	(*list->v)[(*list->n)++] = xstrdup(s);
}

/* A pattern is checked as it loads, so --check-config and a reload
 * report a bad regular expression at its line and column. */
static void
add_pattern(struct load *ld, const struct ydoc_node *n, const char *s,
            const char *path, void *arg)
{
	char *err = *s ? match_check_pattern(s) : NULL;
	if (err) {
		cfg_err(ld, n, path, "bad regular expression '%s': %s", s, err);
		free(err);
		return;
	}
	add_string(ld, n, s, path, arg);
}

static void
load_group(struct load *ld, const struct ydoc_node *n, size_t idx,
           struct hl_group *g)
{
	static const char *const fields[] = {
	        "name",       "words", "patterns", "ignore-case",
	        "whole-word", "style", "drop"};
	char *path = xasprintf("highlight[%zu]", idx);
	struct str_list words = {&g->words, &g->nwords, 0},
	                pats = {&g->patterns, &g->npatterns, 0};

	memset(g, 0, sizeof *g);
	g->ignore_case = g->whole_word = true;
	g->style = (struct style){COLOR_DEFAULT, COLOR_DEFAULT, ATTR_BOLD};
	g->line = ld->builtin ? 0 : n->line;
	if (n->kind != YDOC_MAPPING) {
		cfg_err(ld, n, path,
		        "expected a mapping with name, words, patterns, "
		        "ignore-case, whole-word and style");
		goto out;
	}
	const char **keys = cfg_map_keys(ld, n, path);
	for (size_t i = 0; i < n->npairs; i++) {
		const struct ydoc_node *k = n->pairs[i].key;
		const struct ydoc_node *v = n->pairs[i].value;
		if (!keys[i])
			continue;
		char *sub = xasprintf("%s.%s", path, keys[i]);
		const char *key = keys[i];
		if (!strcmp(key, "name")) {
			const char *s = cfg_string(ld, v, sub, "a group name");
			if (s && !*s)
				cfg_err(ld, v, sub, "a group needs a name");
			else if (s)
				g->name = xstrdup(s);
		} else if (!strcmp(key, "words")) {
			cfg_each_string(ld, v, sub, "a word or a list of words",
			                add_string, &words);
		} else if (!strcmp(key, "patterns")) {
			cfg_each_string(ld, v, sub,
			                "a pattern or a list of patterns",
			                add_pattern, &pats);
		} else if (!strcmp(key, "ignore-case")) {
			cfg_bool(ld, v, sub, &g->ignore_case);
		} else if (!strcmp(key, "whole-word")) {
			cfg_bool(ld, v, sub, &g->whole_word);
		} else if (!strcmp(key, "style")) {
			cfg_load_style(ld, v, sub, &g->style);
			g->styled = true;
		} else if (!strcmp(key, "drop")) {
			cfg_bool(ld, v, sub, &g->drop);
		} else {
			cfg_err_unknown(ld, k->line, k->col, path, "field", key,
			                fields, 7,
			                "name, words, patterns, ignore-case, "
			                "whole-word, style or drop");
		}
		free(sub);
	}
	free(keys);
	if (!g->name)
		cfg_err(ld, n, path, "a group needs a name");
out:
	if (!g->words)
		g->words = xmalloc(sizeof *g->words);
	if (!g->patterns)
		g->patterns = xmalloc(sizeof *g->patterns);
	free(path);
}

/* A highlight list replaces the groups there were. */
/*
 * Merges the groups of a file into those in force, by name: a group of
 * the same name is replaced where it stands, a new one goes at the end;
 * drop: true removes the group of that name, and the name '*' every
 * group before it.  An empty list means no groups at all.  Takes
 * groups[0..ng).
 */
static void
merge_groups(struct load *ld, const struct ydoc_node *n,
             struct hl_group *groups, size_t ng)
{
	struct config *cfg = ld->cfg;
	if (ng == 0 || ld->builtin) {
		for (size_t i = 0; i < cfg->ngroups; i++)
			cfg_group_fini(&cfg->groups[i]);
		free(cfg->groups);
		cfg->groups = groups;
		cfg->ngroups = ng;
		return;
	}
	size_t cap = cfg->ngroups + ng;
	struct hl_group *all = xcalloc(cap, sizeof *all);
	size_t na = cfg->ngroups;
	if (na)
		memcpy(all, cfg->groups, na * sizeof *all);
	for (size_t i = 0; i < ng; i++) {
		struct hl_group *g = &groups[i];
		size_t at = na;
		for (size_t k = 0; g->name && k < na; k++)
			if (all[k].name && !strcmp(all[k].name, g->name))
				at = k;
		if (g->drop && g->name && !strcmp(g->name, "*")) {
			for (size_t k = 0; k < na; k++)
				cfg_group_fini(&all[k]);
			na = 0;
			cfg_group_fini(g);
		} else if (g->drop) {
			if (at < na) {
				cfg_group_fini(&all[at]);
				memmove(all + at, all + at + 1,
				        (na - at - 1) * sizeof *all);
				na--;
			} else if (g->name) {
				char *path = xasprintf("highlight[%zu]", i);
				cfg_err(ld, n->items[i], path,
				        "no group named '%s' to drop", g->name);
				free(path);
			}
			cfg_group_fini(g);
		} else if (at < na) {
			cfg_group_fini(&all[at]);
			all[at] = *g;
		} else {
			all[na++] = *g;
		}
	}
	if (na > CFG_MAX_GROUPS)
		cfg_err(ld, n, "highlight",
		        "more than %d keyword groups with the built-in ones",
		        CFG_MAX_GROUPS);
	free(groups);
	free(cfg->groups);
	cfg->groups = all;
	cfg->ngroups = na;
}

void
cfg_load_highlight(struct load *ld, const struct ydoc_node *n)
{
	if (ydoc_is_null(n))
		return;
	if (n->kind != YDOC_SEQUENCE) {
		cfg_err(ld, n, "highlight",
		        "expected a list of keyword groups");
		return;
	}
	size_t ng = n->nitems;
	if (ng > CFG_MAX_GROUPS) {
		cfg_err(ld, n, "highlight", "more than %d keyword groups",
		        CFG_MAX_GROUPS);
		return;
	}
	struct hl_group *groups = xcalloc(ng ? ng : 1, sizeof *groups);
	int *lines = xcalloc(ng ? ng : 1, sizeof *lines);
	for (size_t i = 0; i < ng; i++) {
		const struct ydoc_node *it = n->items[i];
		load_group(ld, it, i, &groups[i]);
		lines[i] = it->line;
		for (size_t j = 0; groups[i].name && j < i; j++) {
			if (!groups[j].name ||
			    strcmp(groups[j].name, groups[i].name))
				continue;
			char *path = xasprintf("highlight[%zu]", i);
			cfg_err(ld, it, path,
			        "a group named '%s' is already on line %d",
			        groups[i].name, lines[j]);
			free(path);
			break;
		}
	}
	free(lines);
	size_t total = 0;
	for (size_t i = 0; i < ng; i++) {
		for (size_t j = 0; j < groups[i].nwords; j++)
			total += strlen(groups[i].words[j]);
		for (size_t j = 0; j < groups[i].npatterns; j++)
			total += strlen(groups[i].patterns[j]);
	}
	if (total > CFG_MAX_HIGHLIGHT_BYTES)
		cfg_err(ld, n, "highlight",
		        "%zu bytes of words and patterns, more than %d (a list "
		        "an alias repeats counts each time)",
		        total, CFG_MAX_HIGHLIGHT_BYTES);
	merge_groups(ld, n, groups, ng);
}
