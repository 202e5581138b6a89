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
	int64_t saved;  /* when it was last saved, in seconds */
	bool readonly;  /* the file exists and cannot be read: never written */
	bool unsaved;   /* changes collected and not written yet */
	char **pending; /* pending files merged in, removed once saved */
	size_t npending;
};

/* How long a save at quit waits for another process's lock. */
#define SESSION_QUIT_WAIT_MS 1000

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
 * Saving, in two steps so that the writing can happen elsewhere (main
 * writes in a child process, so that a big file or a held lock never
 * stops the keys).  session_collect takes what a holds into the state,
 * each change dated now (milliseconds since the epoch, session_clock_ms)
 * and says whether there is anything to write: new changes, or earlier
 * ones not written yet.  session_write writes it (merging with what
 * another instance wrote meanwhile): 0 written (or nothing to write),
 * STATE_BUSY when another process held the lock for wait_ms, -1 with an
 * error in diags; nothing is lost on failure, a later write can succeed.
 * session_written records a write that succeeded elsewhere.
 */
bool session_collect(struct session *s, struct app *a, int64_t now);
int session_write(struct session *s, int wait_ms, struct diag_list *diags);
void session_written(struct session *s);

/* Both, waiting SESSION_QUIT_WAIT_MS at most for the lock. */
int session_save(struct session *s, struct app *a, int64_t now,
                 struct diag_list *diags);

/*
 * When writing failed for good (at quit): keeps what was to be written
 * in a pending file (state.h) that the next session merges in.  0 with
 * *where set (caller frees; NULL when there was nothing to keep), or -1
 * with an error in diags.
 */
int session_keep_pending(struct session *s, char **where,
                         struct diag_list *diags);

/* The real-time clock in milliseconds since the epoch. */
int64_t session_clock_ms(void);

#endif
