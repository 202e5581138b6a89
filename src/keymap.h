/*
 * keymap.h - which key sequence does what, in which context.
 *
 * Bindings live in contexts: "global" applies everywhere, the others where
 * focus is (the sidebar, the reading pane, the help screen); a context's
 * own binding wins over a global one.  A binding is a sequence of up to
 * KEYSEQ_MAX keys ("g g"): after a key that starts a longer sequence the
 * lookup answers KEYMAP_PREFIX and the caller waits for the next key.
 * The built-in bindings are not here: they are config (data/config.yaml,
 * loaded by config_load_defaults like a user's file).
 */
#ifndef LECTERN_KEYMAP_H
#define LECTERN_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "util.h"

#define KEYSEQ_MAX 4

/* X(ENUM_SUFFIX, "config-name", "where it applies") */
#define KEYMAP_CONTEXT_LIST(X)                                 \
	X(GLOBAL, "global",                                    \
	  "everywhere, unless the focused view binds the key") \
	X(LIST, "list", "the article list in the sidebar")     \
	X(PAGER, "pager", "the reading pane")                  \
	X(HELP, "help", "the help screen")                     \
	X(GROUPS, "groups", "the keyword groups view")         \
	X(MARKS, "bookmarks", "the bookmark list")             \
	X(LINKS, "links", "the link list")

enum keymap_context {
#define KEYMAP_CTX_ENUM(e, name, help) CTX_##e,
	KEYMAP_CONTEXT_LIST(KEYMAP_CTX_ENUM)
#undef KEYMAP_CTX_ENUM
	        CTX_COUNT
};

struct keyseq {
	int keys[KEYSEQ_MAX];
	int n;
};

struct binding {
	enum keymap_context ctx;
	struct keyseq seq;
	enum action action;
};

struct keymap {
	struct binding *v; /* in the order bound */
	size_t n;
	size_t cap;
};

void keymap_init(struct keymap *km);
void keymap_fini(struct keymap *km);
/* Binds seq to action in ctx, replacing a binding of the same sequence. */
void keymap_bind(struct keymap *km, enum keymap_context ctx,
                 const struct keyseq *seq, enum action action);

const char *keymap_context_name(enum keymap_context ctx);
const char *keymap_context_help(enum keymap_context ctx);

/*
 * Parses a space-separated key sequence ("g g", "C-x Up") into seq.
 * Returns 0, or -1 and sets *bad_at to the byte offset of the first bad
 * key name (and *bad_len to its length) or of the key that makes the
 * sequence longer than KEYSEQ_MAX.
 */
int keyseq_parse(const char *s, struct keyseq *seq, size_t *bad_at,
                 size_t *bad_len);
/* Writes seq's canonical text ("g g") into out. */
void keyseq_format(const struct keyseq *seq, struct strbuf *out);

enum keymap_result {
	KEYMAP_NONE,   /* no binding starts with these keys */
	KEYMAP_PREFIX, /* keys start a longer binding: wait for more */
	KEYMAP_ACTION, /* keys are bound: *action set */
};

/*
 * Looks keys[0..n) up in ctx, then in the global context.  In each
 * context an exact match wins over being a prefix of a longer sequence.
 */
enum keymap_result keymap_lookup(const struct keymap *km,
                                 enum keymap_context ctx, const int *keys,
                                 int n, enum action *action);

/*
 * Appends the names of every sequence bound to action in ctx to out,
 * separated by ", ".  Returns how many there were.
 */
size_t keymap_describe(const struct keymap *km, enum keymap_context ctx,
                       enum action action, struct strbuf *out);

/*
 * Appends to out the first key sequence that does action when typed in
 * ctx (its own binding, or a global one the context does not override).
 * Returns false, appending nothing, when no key does.
 */
bool keymap_key_for(const struct keymap *km, enum keymap_context ctx,
                    enum action action, struct strbuf *out);

#endif
