/* clip.c - where a yank goes, and the bytes that take it there. */
#include "clip.h"

#include <string.h>

static const char *const names[] = {"auto", "osc52", "tmux", "file"};

int
clip_target_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
clip_target_name(enum clip_target t)
{
	return names[t];
}

enum clip_target
clip_resolve(enum clip_target t, bool in_tmux, bool osc52_ok)
{
	if (t != CLIP_AUTO)
		return t;
	if (in_tmux)
		return CLIP_TMUX;
	return osc52_ok ? CLIP_OSC52 : CLIP_FILE;
}

bool
clip_term_knows_osc52(const char *term)
{
	/* Terminals that take OSC 52 whether or not their terminfo says
	 * Ms (most entries do not). */
	static const char *const prefixes[] = {
	        "xterm",   "tmux",    "screen", "alacritty", "foot",   "kitty",
	        "wezterm", "contour", "rio",    "st-",       "ghostty"};
	if (!term)
		return false;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(term, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

void
clip_base64(const char *data, size_t len, struct strbuf *out)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                          "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)data;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		char q[4] = {abc[(v >> 18) & 63], abc[(v >> 12) & 63],
		             i + 1 < len ? abc[(v >> 6) & 63] : '=',
		             i + 2 < len ? abc[v & 63] : '='};
		sb_add(out, q, 4);
	}
}

void
clip_osc52(const char *data, size_t len, struct strbuf *out)
{
	sb_addstr(out, "\033]52;c;");
	clip_base64(data, len, out);
	sb_addch(out, '\a');
}
