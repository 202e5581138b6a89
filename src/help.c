/* help.c - the help screen's text. */
#include "help.h"

#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "util.h"

static void
push(struct help *h, char *keys, char *text)
{
	xgrow(&h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n].keys = keys;
	h->v[h->n].text = text;
	h->n++;
}

void
help_build(struct help *h, const struct keymap *km)
{
	memset(h, 0, sizeof *h);
	struct strbuf sb;
	sb_init(&sb);
	for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
		size_t first = h->n;
		for (int a = 1; a < ACT_COUNT; a++) {
			sb_reset(&sb);
			if (!keymap_describe(km, (enum keymap_context)ctx,
			                     (enum action)a, &sb))
				continue;
			if (h->n == first) {
				if (first)
					push(h, NULL, NULL);
				push(h, NULL,
				     xasprintf(
				             "%s: %s",
				             keymap_context_name(
				                     (enum keymap_context)ctx),
				             keymap_context_help((
				                     enum keymap_context)ctx)));
			}
			int w = glyph_text_width(sb.buf, sb.len);
			if (w > h->keys_w)
				h->keys_w = w;
			push(h, xstrdup(sb.buf),
			     xasprintf("%s  (%s)", action_help((enum action)a),
			               action_name((enum action)a)));
		}
	}
	sb_fini(&sb);
}

void
help_fini(struct help *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].keys);
		free(h->v[i].text);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}
