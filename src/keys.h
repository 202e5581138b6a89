/*
 * keys.h - key values and their names.
 *
 * A key is an int: a Unicode code point for a character (control keys are
 * their C0 code, C-a = 1), a K_* value at or above K_SPECIAL for keys with
 * no character, optionally with K_META set for Alt/Meta.  The terminal
 * layer turns ncurses' codes into these; the config, the help screen and
 * the headless key scripts use the names below.  Resize and Reload are
 * events, not keys: the terminal changed size; the config file changed or
 * SIGHUP arrived.  Scripts may use them to simulate those.
 */
#ifndef LECTERN_KEYS_H
#define LECTERN_KEYS_H

#include <stddef.h>

#define K_META 0x40000000
#define K_SPECIAL 0x110000

#define KEY_NAME_MAX 40

/* X(ENUM_SUFFIX, "Name") */
#define KEY_SPECIAL_LIST(X)       \
	X(UP, "Up")               \
	X(DOWN, "Down")           \
	X(LEFT, "Left")           \
	X(RIGHT, "Right")         \
	X(PAGEUP, "PageUp")       \
	X(PAGEDOWN, "PageDown")   \
	X(HOME, "Home")           \
	X(END, "End")             \
	X(ENTER, "Enter")         \
	X(TAB, "Tab")             \
	X(BACKTAB, "BackTab")     \
	X(ESC, "Esc")             \
	X(BACKSPACE, "Backspace") \
	X(DELETE, "Delete")       \
	X(INSERT, "Insert")       \
	X(F1, "F1")               \
	X(F2, "F2")               \
	X(F3, "F3")               \
	X(F4, "F4")               \
	X(F5, "F5")               \
	X(F6, "F6")               \
	X(F7, "F7")               \
	X(F8, "F8")               \
	X(F9, "F9")               \
	X(F10, "F10")             \
	X(F11, "F11")             \
	X(F12, "F12")             \
	X(RESIZE, "Resize")       \
	X(MOUSE, "Mouse")         \
	X(RELOAD, "Reload")

enum key_special {
	K_FIRST_SPECIAL_ = K_SPECIAL - 1,
#define KEY_ENUM(e, name) K_##e,
	KEY_SPECIAL_LIST(KEY_ENUM)
#undef KEY_ENUM
	        K_LAST_SPECIAL_
};

#define K_SPACE ' '
/* Internal events with no name: the config watch fired; a background
 * save has something to say. */
#define K_WATCH (K_LAST_SPECIAL_ + 1)
#define K_SAVER (K_LAST_SPECIAL_ + 2)

/*
 * Parses one key name: a single printable character ("j", "?", "é"),
 * "Space", "C-x" (x a letter or one of @[\]^_), "M-x" (x any key name, so
 * "M-C-x" and "M-Up" work), or a special name from the list above (also
 * the aliases PgUp, PgDn, Return, Escape, BTab, Del, BS, Ins).  Names are
 * case-sensitive except for the special names.  C-i is Tab, C-m Enter,
 * C-[ Esc, as terminals send them.  Returns the key, or -1 for a name
 * that is not a key.
 */
int keys_parse(const char *name, size_t len);

/*
 * Why no terminal can send key to lectern (C-j arrives as Enter, C-h as
 * Backspace; Alt is read with printable keys only, so M-Down never
 * comes), as a phrase; NULL when it can be typed.
 */
const char *keys_unsendable(int key);

/*
 * Writes the canonical name of key into buf (at least KEY_NAME_MAX bytes)
 * and returns buf: the form keys_parse reads back to the same key.
 */
char *keys_name(int key, char *buf);

#endif
