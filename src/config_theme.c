/*
 * config_theme.c - the theme: and themes: sections, styles, inheritance.
 *
 * A user theme records only what its file sets (see STYLE_UNSET_COLOR in
 * config_int.h); it is resolved over the theme it inherits, or dark, once
 * the whole file is loaded.  Unknown inherit targets and inheritance
 * cycles are refused at load, so a theme in a config always resolves.
 */
#include "config_int.h"

#include <stdlib.h>
#include <string.h>

#include "color.h"

/* Styles. */

static void
load_color(struct load *ld, const struct ydoc_node *n, const char *path, int *c)
{
	if (ydoc_is_null(n)) {
		/* fg: #ff8800 unquoted is fg: and a comment. */
		cfg_err(ld, n, path,
		        "expected a colour (# starts a comment in YAML: quote "
		        "a colour like '#ff8800')");
		return;
	}
	const char *s = cfg_string(ld, n, path, "a colour");
	if (s && color_parse(s, c) < 0)
		cfg_err(ld, n, path,
		        "unknown colour '%s' (expected a name like red or "
		        "bright-blue, 0-255, #rrggbb or default)",
		        s);
}

static void
add_attr(struct load *ld, const struct ydoc_node *n, const char *s,
         const char *path, void *arg)
{
	unsigned *attrs = arg;
	unsigned a = style_attr_lookup(s, strlen(s));
	if (a) {
		*attrs |= a;
		return;
	}
	const char *cand[ATTR_BIT_COUNT];
	for (int i = 0; i < ATTR_BIT_COUNT; i++)
		cand[i] = style_attr_name(1u << i);
	cfg_err_unknown(ld, n->line, n->col, path, "attribute", s, cand,
	                ATTR_BIT_COUNT,
	                "bold, dim, italic, underline, reverse or standout");
}

void
cfg_load_style(struct load *ld, const struct ydoc_node *n, const char *path,
               struct style *st)
{
	static const char *const fields[] = {"fg", "bg", "attrs"};
	if (n->kind != YDOC_MAPPING) {
		cfg_err(ld, n, path,
		        "expected a style: a mapping like {fg: red, bg: "
		        "default, attrs: [bold]}");
		return;
	}
	const char **keys = cfg_map_keys(ld, n, path);
	for (size_t i = 0; i < n->npairs; i++) {
		const struct ydoc_node *k = n->pairs[i].key;
		const struct ydoc_node *v = n->pairs[i].value;
		if (!keys[i])
			continue;
		char *sub = xasprintf("%s.%s", path, keys[i]);
		if (!strcmp(keys[i], "fg")) {
			load_color(ld, v, sub, &st->fg);
		} else if (!strcmp(keys[i], "bg")) {
			load_color(ld, v, sub, &st->bg);
		} else if (!strcmp(keys[i], "attrs")) {
			unsigned attrs = 0;
			cfg_each_string(ld, v, sub,
			                "an attribute or a list of attributes",
			                add_attr, &attrs);
			st->attrs = attrs;
		} else {
			cfg_err_unknown(ld, k->line, k->col, path,
			                "style field", keys[i], fields, 3,
			                "fg, bg or attrs");
		}
		free(sub);
	}
	free(keys);
}

/* themes: and theme: */

static bool
is_builtin_theme(const char *name)
{
	struct theme t;
	return theme_builtin(name, &t) == 0;
}

static struct theme_def *
find_theme(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nthemes; i++)
		if (!strcmp(cfg->themes[i].name, name))
			return &cfg->themes[i];
	return NULL;
}

/*
 * Fills out with theme name: a built-in, or a user theme applied over what
 * it inherits (dark when it names nothing).  Cycles were refused when the
 * themes were loaded; the walk is bounded all the same.
 */
void
cfg_resolve_theme(const struct config *cfg, const char *name, struct theme *out)
{
	const struct theme_def **chain =
	        xmalloc((cfg->nthemes + 1) * sizeof *chain);
	size_t n = 0;

	while (theme_builtin(name, out) < 0) {
		const struct theme_def *def = find_theme(cfg, name);
		if (!def || n > cfg->nthemes || !def->inherit) {
			theme_default(out);
			if (def && n <= cfg->nthemes)
				chain[n++] = def;
			break;
		}
		chain[n++] = def;
		name = def->inherit;
	}
	while (n-- > 0) {
		const struct theme_def *def = chain[n];
		for (int r = 0; r < ROLE_COUNT; r++) {
			if (!def->set[r])
				continue;
			const struct style *s = &def->roles[r];
			if (s->fg != STYLE_UNSET_COLOR)
				out->roles[r].fg = s->fg;
			if (s->bg != STYLE_UNSET_COLOR)
				out->roles[r].bg = s->bg;
			if (!(s->attrs & STYLE_UNSET_ATTRS))
				out->roles[r].attrs = s->attrs;
		}
	}
	free(chain);
}

/* Where a theme of this file was written, for errors found later. */
struct new_theme {
	char *name;
	const struct ydoc_node *at;         /* its name */
	const struct ydoc_node *inherit_at; /* its inherit: value, or at */
};

static void
load_theme_def(struct load *ld, const char *name, const struct ydoc_node *k,
               const struct ydoc_node *v, struct new_theme *nt)
{
	char *path = xasprintf("themes.%s", name);
	struct theme_def def = {.line = k->line, .col = k->col};
	const char *cand[ROLE_COUNT + 1];

	for (int r = 0; r < ROLE_COUNT; r++) {
		def.roles[r] =
		        (struct style){STYLE_UNSET_COLOR, STYLE_UNSET_COLOR,
		                       STYLE_UNSET_ATTRS};
		cand[r] = role_name((enum role)r);
	}
	cand[ROLE_COUNT] = "inherit";
	nt->at = nt->inherit_at = k;
	v = cfg_mapping(ld, v, path, "a mapping of elements to styles");
	const char **keys = v ? cfg_map_keys(ld, v, path) : NULL;
	for (size_t i = 0; v && i < v->npairs; i++) {
		const struct ydoc_node *ek = v->pairs[i].key;
		const struct ydoc_node *ev = v->pairs[i].value;
		if (!keys[i])
			continue;
		char *sub = xasprintf("%s.%s", path, keys[i]);
		int r = role_lookup(keys[i], strlen(keys[i]));
		if (!strcmp(keys[i], "inherit")) {
			const char *s = cfg_string(ld, ev, sub, "a theme name");
			if (s) {
				def.inherit = xstrdup(s);
				nt->inherit_at = ev;
			}
		} else if (r < 0) {
			cfg_err_unknown(ld, ek->line, ek->col, path, "element",
			                keys[i], cand, ROLE_COUNT + 1, NULL);
		} else {
			cfg_load_style(ld, ev, sub, &def.roles[r]);
			def.set[r] = true;
		}
		free(sub);
	}
	free(keys);
	free(path);

	struct config *cfg = ld->cfg;
	struct theme_def *old = find_theme(cfg, name);
	def.name = xstrdup(name);
	if (old) {
		cfg_theme_def_fini(old);
		*old = def;
		return;
	}
	if (cfg->nthemes == CFG_MAX_THEMES) {
		cfg_err(ld, k, "themes", "more than %d themes", CFG_MAX_THEMES);
		cfg_theme_def_fini(&def);
		return;
	}
	cfg->themes =
	        xrealloc(cfg->themes, (cfg->nthemes + 1) * sizeof *cfg->themes);
	cfg->themes[cfg->nthemes++] = def;
}

/*
 * Refuses an unknown inherit target and inheritance cycles.  A cycle is
 * reported once, at the first theme of this file on it.
 */
static void
check_theme(struct load *ld, const struct new_theme *nts, size_t nnt,
            size_t which)
{
	const struct config *cfg = ld->cfg;
	const struct new_theme *nt = &nts[which];
	const struct theme_def *t = find_theme(cfg, nt->name);
	char *path = xasprintf("themes.%s", nt->name);

	if (!t || !t->inherit)
		goto out;
	if (!is_builtin_theme(t->inherit) && !find_theme(cfg, t->inherit)) {
		size_t n = theme_builtin_count();
		const char **cand = xmalloc((n + cfg->nthemes) * sizeof *cand);
		for (size_t i = 0; i < n; i++)
			cand[i] = theme_builtin_name(i);
		for (size_t i = 0; i < cfg->nthemes; i++)
			cand[n + i] = cfg->themes[i].name;
		char *sub = xasprintf("%s.inherit", path);
		cfg_err_unknown(ld, nt->inherit_at->line, nt->inherit_at->col,
		                sub, "theme", t->inherit, cand,
		                n + cfg->nthemes, NULL);
		free(sub);
		free(cand);
		goto out;
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_addstr(&sb, t->name);
	const struct theme_def *cur = t;
	for (size_t steps = 0; steps <= cfg->nthemes; steps++) {
		if (!cur->inherit || is_builtin_theme(cur->inherit))
			break;
		cur = find_theme(cfg, cur->inherit);
		if (!cur)
			break;
		sb_addf(&sb, " -> %s", cur->name);
		if (cur != t)
			continue;
		/* Back at t: report unless an earlier theme of this file is
		 * on the same cycle. */
		bool first = true;
		const struct theme_def *c = t;
		do {
			c = find_theme(cfg, c->inherit);
			for (size_t i = 0; i < which; i++)
				if (!strcmp(nts[i].name, c->name))
					first = false;
		} while (c != t);
		if (first)
			cfg_err(ld, nt->at, path,
			        "theme '%s' inherits itself: %s", t->name,
			        sb.buf);
		break;
	}
	sb_fini(&sb);
	(void)nnt;
out:
	free(path);
}

void
cfg_load_themes(struct load *ld, const struct ydoc_node *n)
{
	n = cfg_mapping(ld, n, "themes", "a mapping of theme names to themes");
	if (!n)
		return;
	const char **keys = cfg_map_keys(ld, n, "themes");
	struct new_theme *nts = xcalloc(n->npairs + 1, sizeof *nts);
	size_t nnt = 0;
	for (size_t i = 0; i < n->npairs; i++) {
		const struct ydoc_node *k = n->pairs[i].key;
		const struct ydoc_node *v = n->pairs[i].value;
		if (!keys[i])
			continue;
		if (!*keys[i]) {
			cfg_err(ld, k, "themes", "a theme needs a name");
			continue;
		}
		if (is_builtin_theme(keys[i])) {
			cfg_err(ld, k, "themes",
			        "'%s' is a built-in theme: give yours another "
			        "name (and 'inherit: %s' to start from it)",
			        keys[i], keys[i]);
			continue;
		}
		nts[nnt].name = xstrdup(keys[i]);
		load_theme_def(ld, keys[i], k, v, &nts[nnt]);
		nnt++;
	}
	for (size_t i = 0; i < nnt; i++)
		check_theme(ld, nts, nnt, i);
	for (size_t i = 0; i < nnt; i++)
		free(nts[i].name);
	free(nts);
	free(keys);
}

void
cfg_load_theme_name(struct load *ld, const struct ydoc_node *n)
{
	if (ydoc_is_null(n))
		return;
	const char *s = cfg_string(ld, n, "theme", "a theme name");
	if (!s)
		return;
	struct config *cfg = ld->cfg;
	if (!is_builtin_theme(s) && !find_theme(cfg, s)) {
		size_t nb = theme_builtin_count();
		const char **cand = xmalloc((nb + cfg->nthemes) * sizeof *cand);
		for (size_t i = 0; i < nb; i++)
			cand[i] = theme_builtin_name(i);
		for (size_t i = 0; i < cfg->nthemes; i++)
			cand[nb + i] = cfg->themes[i].name;
		cfg_err_unknown(ld, n->line, n->col, "theme", "theme", s, cand,
		                nb + cfg->nthemes, NULL);
		free(cand);
		return;
	}
	free(cfg->theme_name);
	cfg->theme_name = xstrdup(s);
}
