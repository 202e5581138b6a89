/*
 * clip.h - where a yank goes, and the bytes that take it there.
 *
 * A yank goes to the system clipboard through OSC 52 (the terminal's own
 * clipboard: it works over SSH, and through tmux with set-clipboard), to a
 * tmux buffer, or to a file.  Only these bytes, made here from text the
 * reader chose to yank and base64-encoded, may ever reach the terminal as
 * an escape sequence: article text itself never does.
 */
#ifndef LECTERN_CLIP_H
#define LECTERN_CLIP_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum clip_target {
	CLIP_AUTO, /* tmux inside tmux, else OSC 52 where the terminal
	              * says it can, else the file */
	CLIP_OSC52,
	CLIP_TMUX,
	CLIP_FILE,
};

/* The target called name ("auto", "osc52", "tmux", "file"), or -1. */
int clip_target_lookup(const char *name);
const char *clip_target_name(enum clip_target t);

/*
 * What CLIP_AUTO means here: in_tmux ($TMUX set), osc52_ok (the
 * terminal's terminfo has Ms, or it is a terminal known to take OSC 52).
 */
enum clip_target clip_resolve(enum clip_target t, bool in_tmux, bool osc52_ok);

/* Whether a terminal of type term is known to take OSC 52 writes. */
bool clip_term_knows_osc52(const char *term);

/* Appends data[0..len) in base64 (RFC 4648, with padding). */
void clip_base64(const char *data, size_t len, struct strbuf *out);

/* Appends the OSC 52 sequence that sets the clipboard to data[0..len). */
void clip_osc52(const char *data, size_t len, struct strbuf *out);

#endif
