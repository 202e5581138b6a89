/*
 * tty.h - the terminal: the only module that talks to ncurses.
 *
 * Paints frames, turns input into keys.h values, and makes sure the
 * terminal is given back in a usable state on every way out: a normal
 * exit, SIGINT/SIGTERM/SIGHUP (turned into a request to quit, handled in
 * the main loop), and fatal signals (the terminal modes are restored from
 * the handler with async-signal-safe calls before the signal is re-raised).
 */
#ifndef LECTERN_TTY_H
#define LECTERN_TTY_H

#include <stdbool.h>

#include "frame.h"
#include "theme.h"

struct tty;

/*
 * Starts curses on the controlling terminal.  When the terminfo entry for
 * $TERM is missing (common over SSH: xterm-kitty, alacritty) it falls back
 * to xterm-256color, xterm, then vt100, and sets *note (caller frees) to a
 * sentence saying so; otherwise *note is NULL.  Returns NULL with *err set
 * (caller frees) when no terminal can be used.  With ascii, everything
 * outside printable ASCII is painted as '?' (for a non-UTF-8 locale).
 */
struct tty *tty_open(const struct theme *theme, bool color, bool ascii,
                     char **note, char **err);
/* Paints with theme from now on (after a config reload).  The theme must
 * stay alive while the tty uses it. */
void tty_set_theme(struct tty *t, const struct theme *theme);
/* The styles of keyword groups: a cell whose role is ROLE_COUNT + g is
 * painted with styles[g] (copied). */
void tty_set_group_styles(struct tty *t, const struct style *styles, size_t n);
/* Ends curses and restores the terminal.  NULL-safe. */
void tty_close(struct tty *t);

/* The current screen size. */
void tty_size(struct tty *t, int *rows, int *cols);

/* Paints f (which must be the screen's size) and updates the screen. */
void tty_paint(struct tty *t, const struct frame *f);
/* Repaints everything from scratch on the next tty_paint (C-l). */
void tty_invalidate(struct tty *t);

/* Gives the terminal back as it was before lectern (for a command run
 * with |), and takes it again; tty_resume repaints on the next paint. */
void tty_suspend(struct tty *t);
void tty_resume(struct tty *t);

/* Mouse reporting on (wheel and button 1) or off; with it on, an event
 * reads as K_MOUSE and tty_mouse says which and where (0-based). */
void tty_set_mouse(struct tty *t, bool on);
void tty_mouse(const struct tty *t, int *kind, int *row, int *col);

/* Writes bytes made by lectern itself (clip.h's OSC 52 sequence, never
 * article text) to the terminal as they are. */
void tty_write_raw(struct tty *t, const char *bytes, size_t len);

/*
 * Waits for input without using CPU (at most timeout_ms; -1: for as long
 * as it takes) and returns a key (keys.h), K_RESIZE
 * after the terminal changed size, K_RELOAD after SIGHUP, or 0 when a quit was requested by a
 * signal (then tty_quit_requested is true), on time-out, or when nothing
 * usable arrived.
 */
int tty_read_key(struct tty *t, int timeout_ms);
/* Also wait on fd (the config watch); tty_read_key returns K_WATCH when
 * it is readable.  -1 for none. */
void tty_watch(struct tty *t, int fd);
/* Whether long work should stop (for app.interrupt; ctx is the tty): a
 * key is waiting, the terminal hung up, or a quit signal is pending. */
bool tty_interrupt(void *ctx);
/* Also waits for fd (-1: none); tty_read_key returns K_SAVER when it is
 * readable or closed. */
void tty_watch_saver(struct tty *t, int fd);
bool tty_quit_requested(const struct tty *t);
/* The curses library's own name and version ("ncurses 6.4.20221231"),
 * for --version: static, and callable without a terminal. */
const char *tty_curses_version(void);

#endif
