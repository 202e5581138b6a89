/*
 * config_dump.c - a config written back as the YAML that loads it.
 *
 * The dump is complete rather than minimal: every context's bindings, the
 * theme in use, the user themes as they were written (only the fields
 * they set) and every keyword group.  Strings are written plain when
 * that reads back the same, else quoted, so any name survives the round
 * trip (a test and the fuzz target check it).
 */
#include "config_int.h"

#include <stdint.h>
#include <string.h>

#include "color.h"
#include "keys.h"
#include "utf8.h"
#include "clip.h"

/* True when s, written plain, reads back as the same string. */
static bool
plain_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || s[n - 1] == ' ' || !strcmp(s, "null") || !strcmp(s, "Null") ||
	    !strcmp(s, "NULL"))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             (c >= '0' && c <= '9') || c >= 0x80;
		if (!alnum && (i == 0 || !strchr("-_./+ ", c)))
			return false;
	}
	return true;
}

/* Code points libyaml does not accept unescaped. */
static bool
needs_escape(uint32_t cp)
{
	/* Bidi controls too: a dump printed on a terminal must not turn
	 * the line around (libyaml reads the \u forms back). */
	return (cp < 0x20 && cp != '\n') || cp == 0x7f || cp == '\n' ||
	       (cp >= 0x80 && cp <= 0x9f) || cp == 0xfeff || cp == 0xfffe ||
	       cp == 0xffff || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f ||
	       cp == 0x061c;
}

/* Writes s as a YAML scalar: plain when that reads back the same. */
static void
dump_str(struct strbuf *out, const char *s)
{
	size_t n = strlen(s);
	bool escape = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		escape = escape || needs_escape(cp);
	}
	if (!escape && plain_ok(s)) {
		sb_addstr(out, s);
	} else if (!escape) {
		sb_addch(out, '\'');
		for (const char *p = s; *p; p++) {
			if (*p == '\'')
				sb_addch(out, '\'');
			sb_addch(out, *p);
		}
		sb_addch(out, '\'');
	} else {
		sb_addch(out, '"');
		for (size_t i = 0; i < n;) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, n - i, &cp);
			if (cp == '"' || cp == '\\')
				sb_addf(out, "\\%c", (char)cp);
			else if (cp == '\n')
				sb_addstr(out, "\\n");
			else if (cp == '\t')
				sb_addstr(out, "\\t");
			else if (needs_escape(cp))
				sb_addf(out, "\\u%04x", (unsigned)cp);
			else
				sb_add(out, s + i, k);
			i += k;
		}
		sb_addch(out, '"');
	}
}

static void
dump_style(struct strbuf *out, const struct style *st)
{
	char buf[32];
	const char *sep = "";
	sb_addch(out, '{');
	if (st->fg != STYLE_UNSET_COLOR) {
		sb_addf(out, "fg: ");
		dump_str(out, color_name(st->fg, buf));
		sep = ", ";
	}
	if (st->bg != STYLE_UNSET_COLOR) {
		sb_addf(out, "%sbg: ", sep);
		dump_str(out, color_name(st->bg, buf));
		sep = ", ";
	}
	if (!(st->attrs & STYLE_UNSET_ATTRS)) {
		sb_addf(out, "%sattrs: [", sep);
		const char *asep = "";
		for (int b = 0; b < ATTR_BIT_COUNT; b++)
			if (st->attrs & (1u << b)) {
				sb_addf(out, "%s%s", asep,
				        style_attr_name(1u << b));
				asep = ", ";
			}
		sb_addch(out, ']');
	}
	sb_addch(out, '}');
}

static void
dump_list(struct strbuf *out, char *const *v, size_t n)
{
	sb_addch(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addstr(out, ", ");
		dump_str(out, v[i]);
	}
	sb_addch(out, ']');
}

static void
dump_keys(const struct keymap *km, struct strbuf *out)
{
	/* An action the config left without keys is written as "[]": loaded
	 * over the defaults, leaving it out would give its keys back. */
	struct config builtin;
	struct diag_list dl;
	config_init(&builtin);
	diag_list_init(&dl);
	config_load_defaults(&builtin, &dl);
	diag_list_fini(&dl);
	const struct keymap *defaults = &builtin.keymap;
	struct strbuf seq;
	sb_init(&seq);
	sb_addstr(out, "keys:\n");
	for (int c = 0; c < CTX_COUNT; c++) {
		bool any = false;
		sb_addf(out,
		        "  %s:", keymap_context_name((enum keymap_context)c));
		for (int a = ACT_NONE; a < ACT_COUNT; a++) {
			size_t count = 0;
			for (size_t i = 0; i < km->n; i++) {
				const struct binding *b = &km->v[i];
				if ((int)b->ctx != c || (int)b->action != a)
					continue;
				if (count++)
					sb_addstr(out, ", ");
				else
					sb_addf(out, "\n    %s: [",
					        action_name((enum action)a));
				sb_reset(&seq);
				keyseq_format(&b->seq, &seq);
				dump_str(out, seq.buf);
			}
			if (count) {
				sb_addch(out, ']');
				any = true;
				continue;
			}
			for (size_t i = 0; i < defaults->n; i++)
				if ((int)defaults->v[i].ctx == c &&
				    (int)defaults->v[i].action == a) {
					sb_addf(out, "\n    %s: []",
					        action_name((enum action)a));
					any = true;
					break;
				}
		}
		sb_addstr(out, any ? "\n" : " {}\n");
	}
	sb_fini(&seq);
	config_fini(&builtin);
}

void
config_dump(const struct config *cfg, struct strbuf *out)
{
	dump_keys(&cfg->keymap, out);
	const struct view_config *v = &cfg->view;
	sb_addf(out, "view:\n  line-numbers: %s\n  article-numbers: %s\n",
	        v->line_numbers ? "true" : "false",
	        v->article_numbers ? "true" : "false");
	sb_addf(out, "  sidebar: %s\n", v->sidebar ? "true" : "false");
	if (v->sidebar_cols)
		sb_addf(out, "  sidebar-width: %d\n", v->sidebar_cols);
	else
		sb_addf(out, "  sidebar-width: '%d%%'\n", v->sidebar_percent);
	sb_addf(out, "  text-width: %d\n", v->text_width);
	sb_addf(out, "  mouse: %s\n", v->mouse ? "true" : "false");
	sb_addstr(out, "yank:\n  to: ");
	sb_addstr(out, clip_target_name((enum clip_target)cfg->yank.to));
	if (cfg->yank.citation) {
		sb_addstr(out, "\n  citation: ");
		dump_str(out, cfg->yank.citation);
	}
	sb_addch(out, '\n');
	sb_addstr(out, "theme: ");
	dump_str(out, cfg->theme_name);
	sb_addch(out, '\n');
	if (cfg->nthemes) {
		sb_addstr(out, "themes:\n");
		for (size_t i = 0; i < cfg->nthemes; i++) {
			const struct theme_def *t = &cfg->themes[i];
			sb_addstr(out, "  ");
			dump_str(out, t->name);
			sb_addstr(out, ":");
			if (t->inherit) {
				sb_addstr(out, "\n    inherit: ");
				dump_str(out, t->inherit);
			}
			bool any = t->inherit != NULL;
			for (int r = 0; r < ROLE_COUNT; r++) {
				if (!t->set[r])
					continue;
				sb_addf(out,
				        "\n    %s: ", role_name((enum role)r));
				dump_style(out, &t->roles[r]);
				any = true;
			}
			sb_addstr(out, any ? "\n" : " {}\n");
		}
	}
	if (!cfg->ngroups) {
		sb_addstr(out, "highlight: []\n");
		return;
	}
	/* The groups in force, and only those: read back, the first item
	 * drops any there were. */
	sb_addstr(out, "highlight:\n  - {name: '*', drop: true}\n");
	for (size_t i = 0; i < cfg->ngroups; i++) {
		const struct hl_group *g = &cfg->groups[i];
		sb_addstr(out, "  - name: ");
		dump_str(out, g->name);
		sb_addstr(out, "\n    words: ");
		dump_list(out, g->words, g->nwords);
		sb_addstr(out, "\n    patterns: ");
		dump_list(out, g->patterns, g->npatterns);
		sb_addf(out, "\n    ignore-case: %s\n    whole-word: %s\n",
		        g->ignore_case ? "true" : "false",
		        g->whole_word ? "true" : "false");
		sb_addstr(out, "    style: ");
		dump_style(out, &g->style);
		sb_addch(out, '\n');
	}
}
