/*
 * session.h - keeping a reading session across runs: between the app's
 * state (read marks, places, progress, bookmarks, selection, sort,
 * filter, search, groups) and the state file (state.h).
 *
 * The corpus root is the first PATH (its folder when it is a file); each
 * article is known by its path relative to that root (its real path when
 * it lies outside) and by the hash of its body once read (state.h).
 */
#ifndef LECTERN_SESSION_H
#define LECTERN_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "state.h"
#include "util.h"

struct session {
	bool enabled; /* false with --no-state: nothing read or written */
	char *root;   /* the corpus root's real path */
	char *path;   /* the state file */
	struct state st;
	size_t nsorted; /* st.v[0..nsorted) is sorted by path (as loaded) */
	char **keys;    /* per article: its key in the state (path) */
	size_t nkeys;
	size_t *entry; /* per article: its entry in st.v, SIZE_MAX: none */
	int64_t clock; /* the latest time seen (ms): changes are dated after */
	/* What the app held at the last load or save, per article: only
	 * what changed since is this instance's to write, so that another
	 * instance's newer marks merged into the file are not undone. */
	bool *was_read;
	size_t *was_anchor;
	int *was_progress;
	int64_t saved; /* when it was last saved */
};

/*
 * Opens the state for the corpus at root (NULL or !enabled: a session
 * that keeps nothing).  A missing, unreadable or corrupt file is not an
 * error: warnings go to diags and the session starts fresh.
 */
void session_open(struct session *s, const char *root, bool enabled,
                  const struct corpus *c, struct diag_list *diags);
void session_close(struct session *s);

/* Gives a (initialised, with its groups set) what the state remembers. */
void session_apply(struct session *s, struct app *a);

/*
 * Takes what a holds into the state and writes the file (merging with
 * what another instance wrote meanwhile).  now: the time, in
 * milliseconds since the epoch (session_clock_ms).
 * Returns 0, or -1 with an error in diags (then nothing was lost from a:
 * a later save can succeed).
 */
int session_save(struct session *s, struct app *a, int64_t now,
                 struct diag_list *diags);

/* The real-time clock in milliseconds since the epoch. */
int64_t session_clock_ms(void);

#endif
