/* prompt.c - one-line text input with history. */
#include "prompt.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "utf8.h"

void
prompt_history_init(struct prompt_history *h)
{
	memset(h, 0, sizeof *h);
}

void
prompt_history_fini(struct prompt_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i]);
	memset(h, 0, sizeof *h);
}

void
prompt_history_add(struct prompt_history *h, const char *line)
{
	if (!*line || (h->n && strcmp(h->v[h->n - 1], line) == 0))
		return;
	if (h->n == PROMPT_HISTORY_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof h->v[0]);
		h->n--;
	}
	h->v[h->n++] = xstrdup(line);
}

void
prompt_init(struct prompt *p, struct prompt_history *history)
{
	sb_init(&p->text);
	p->cursor = 0;
	p->history = history;
	p->browse = history ? history->n : 0;
	p->draft = NULL;
}

void
prompt_fini(struct prompt *p)
{
	sb_fini(&p->text);
	free(p->draft);
	p->draft = NULL;
}

static void
set_text(struct prompt *p, const char *s)
{
	sb_reset(&p->text);
	sb_addstr(&p->text, s);
	p->cursor = p->text.len;
}

/* Start of the character before byte offset at. */
static size_t
prev_char(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)s[at] & 0xc0) == 0x80)
		at--;
	return at;
}

static size_t
next_char(const char *s, size_t len, size_t at)
{
	if (at >= len)
		return len;
	uint32_t cp;
	return at + utf8_decode(s + at, len - at, &cp);
}

static void
erase(struct prompt *p, size_t from, size_t to)
{
	memmove(p->text.buf + from, p->text.buf + to, p->text.len - to + 1);
	p->text.len -= to - from;
	p->cursor = from;
}

static void
browse(struct prompt *p, int dir)
{
	struct prompt_history *h = p->history;
	if (!h || h->n == 0)
		return;
	if (dir < 0 && p->browse == 0)
		return;
	if (dir > 0 && p->browse >= h->n)
		return;
	if (p->browse == h->n) {
		free(p->draft);
		p->draft = xstrdup(p->text.buf);
	}
	p->browse = dir < 0 ? p->browse - 1 : p->browse + 1;
	set_text(p, p->browse == h->n ? (p->draft ? p->draft : "")
	                              : h->v[p->browse]);
}

enum prompt_result
prompt_key(struct prompt *p, int key)
{
	char *s = p->text.buf;
	size_t len = p->text.len;
	switch (key) {
	case K_ENTER:
		return PROMPT_ACCEPT;
	case K_ESC:
	case 'g' & 0x1f:
		return PROMPT_CANCEL;
	case K_BACKSPACE:
		if (len == 0)
			return PROMPT_CANCEL;
		if (p->cursor > 0)
			erase(p, prev_char(s, p->cursor), p->cursor);
		return PROMPT_EDITING;
	case K_DELETE:
	case 'd' & 0x1f:
		if (p->cursor < len)
			erase(p, p->cursor, next_char(s, len, p->cursor));
		return PROMPT_EDITING;
	case K_LEFT:
	case 'b' & 0x1f:
		p->cursor = prev_char(s, p->cursor);
		return PROMPT_EDITING;
	case K_RIGHT:
	case 'f' & 0x1f:
		p->cursor = next_char(s, len, p->cursor);
		return PROMPT_EDITING;
	case K_HOME:
	case 'a' & 0x1f:
		p->cursor = 0;
		return PROMPT_EDITING;
	case K_END:
	case 'e' & 0x1f:
		p->cursor = len;
		return PROMPT_EDITING;
	case 'u' & 0x1f:
		erase(p, 0, p->cursor);
		return PROMPT_EDITING;
	case 'k' & 0x1f:
		s[p->cursor] = '\0';
		p->text.len = p->cursor;
		return PROMPT_EDITING;
	case 'w' & 0x1f: {
		size_t at = p->cursor;
		while (at > 0 && s[at - 1] == ' ')
			at--;
		while (at > 0 && s[at - 1] != ' ')
			at--;
		erase(p, at, p->cursor);
		return PROMPT_EDITING;
	}
	case K_UP:
		browse(p, -1);
		return PROMPT_EDITING;
	case K_DOWN:
		browse(p, 1);
		return PROMPT_EDITING;
	default:
		break;
	}
	if (key < ' ' || key == 0x7f || key >= K_SPECIAL || (key & K_META) ||
	    (key >= 0x80 && key < 0xa0))
		return PROMPT_EDITING; /* not text: ignored */
	char buf[4];
	size_t n = utf8_encode((uint32_t)key, buf);
	struct strbuf *t = &p->text;
	xgrow(&t->buf, &t->cap, t->len + n + 1, 1);
	memmove(t->buf + p->cursor + n, t->buf + p->cursor,
	        t->len - p->cursor + 1);
	memcpy(t->buf + p->cursor, buf, n);
	t->len += n;
	p->cursor += n;
	return PROMPT_EDITING;
}
