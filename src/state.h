/*
 * state.h - what lectern remembers between runs, per corpus.
 *
 * Per article: read or not, where the reader was (the anchor: the body
 * byte offset of the first visible line, so it survives a change of
 * terminal width), the furthest percent reached, bookmarks.  Per session:
 * the selected article, the sidebar sort order, the active filter, the
 * last search and the keyword groups switched off.
 *
 * Where.  $XDG_STATE_HOME/lectern/ (~/.local/state/lectern/ when that is
 * unset, empty or relative), one file per corpus root, named after the
 * root's last component and a hash of its real path
 * ("corpus-0123456789abcdef.yaml"); the root is also written inside.
 *
 * Identity.  An article is known by its path relative to the corpus root
 * and by a hash of its body (64-bit FNV-1a in hex: this only has to tell
 * a few thousand texts apart, not resist an attacker, and needs no
 * library).  A rename or move with the content unchanged keeps the state
 * (same hash), and so does an edit in place (same path); see state_find.
 *
 * Writing.  state_save takes an flock on NAME.lock next to the file,
 * re-reads the file, merges this instance's state into it (state_merge),
 * writes NAME.tmp, fsyncs it, renames it over NAME and fsyncs the folder:
 * a kill at any moment leaves the old file or the new one.  The lock file
 * is never removed (removing it would let two writers lock two files).
 *
 * Merging.  Two instances on one corpus keep every change either made,
 * whatever the order they save in.  Each field of an article carries the
 * time it was last changed (milliseconds; a change is never dated before
 * a time the instance has seen in the file, so a change made after
 * reading another's is the later even if the clocks disagree), and:
 *   - read: the later of the two marks wins (a mark set and never unset
 *     stays; an unmark later than the mark wins); a tie goes to the
 *     writer;
 *   - anchor (the place): the later wins, likewise;
 *   - progress: the furthest point, since it was last set back to 0 (by
 *     marking the article unread): the later reset wins, and after the
 *     same reset the larger progress;
 *   - bookmarks are a union.  Each bookmark has a random 64-bit id; a
 *     deletion is recorded as a tombstone (id and time) in the file, so a
 *     bookmark deleted by one instance stays deleted when another one,
 *     which loaded it earlier, saves.  Two bookmarks at the same offset
 *     with the same note are one (the smaller id is kept).  Tombstones
 *     older than STATE_TOMBSTONE_DAYS before the newest time in the file
 *     are dropped;
 *   - the session fields, the root and paths are the writer's.
 * An instance writes only the fields it changed since it last read the
 * file (session.c), so showing an article never undoes another's marks.
 * Entries are never dropped for articles that are gone (they may come
 * back), except to keep within the caps below (least recently updated
 * first).
 *
 * Robustness.  A file that cannot be used (not YAML, wrong types, over
 * the caps, a folder or FIFO in its place) is renamed to
 * NAME.corrupt-YYYYMMDDTHHMMSS (UTC), reported as a warning, and lectern
 * goes on with an empty state.  A file written by a newer lectern
 * (version > STATE_VERSION) is read as empty and never overwritten.
 *
 * The file (YAML; unknown keys are ignored; strings are written
 * double-quoted, integers are plain decimal, times are Unix seconds):
 *   version: 2                      # required; 1 is read too
 *   root: "/home/me/articles"       # the corpus root's real path
 *   selected: "china/hackers.md"    # session fields: each optional
 *   sort: "title"
 *   filter: "huawei"
 *   search: "5G"
 *   groups-off: ["companies"]       # keyword groups switched off
 *   articles:
 *     - path: "china/hackers.md"    # required; relative to the root
 *       hash: "a1b2c3d4e5f60718"    # optional (body not read yet)
 *       size: 5120                  # the file's size in bytes, optional
 *       read: true
 *       read-at: 1764290000123      # when read changed, milliseconds
 *       anchor: 1234                # body byte offset
 *       anchor-at: 1764290000123
 *       progress: 40                # 0..100
 *       progress-reset: 0           # when it was last set back to 0
 * (version 1 had one "updated", in seconds, for all three; it is read as
 * that time for read and anchor, and no reset.)  The times are optional
 * (0) and every field but path too.
 *       bookmarks:
 *         - id: "9f86d081884c7d65"  # required
 *           offset: 2048            # required; body byte offset
 *           note: "the key quote"   # optional
 *           created: 1764290000
 *   deleted-bookmarks:              # tombstones
 *     - id: "0123456789abcdef"
 *       at: 1764290100
 *
 * Strings that are not valid UTF-8 are written with U+FFFD in place of
 * each bad byte (YAML cannot hold them); such a path then no longer
 * matches and the article is found again by its hash.
 */
#ifndef LECTERN_STATE_H
#define LECTERN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define STATE_VERSION 2
/* state_load: the file exists and cannot be read (never saved over). */
#define STATE_UNREADABLE 2
/* state_save_wait: the lock stayed held. */
#define STATE_BUSY 2
/* How long moving a corrupt file aside waits for the lock. */
#define STATE_LOCK_WAIT_MS 2000
/* Caps on a hostile file; the writer trims to them so that what it
 * writes always loads again. */
#define STATE_MAX_BYTES (64L * 1024 * 1024)
/* A file not in the form lectern writes goes through libyaml, whose tree
 * takes tens of times the text: such files are capped lower. */
#define STATE_MAX_YAML_BYTES (4 * 1024 * 1024)
#define STATE_MAX_ARTICLES 100000
#define STATE_MAX_BOOKMARKS 10000 /* per article */
#define STATE_MAX_TOMBSTONES 100000
#define STATE_MAX_GROUPS 1000
#define STATE_MAX_STRING 4096 /* bytes: notes, paths, every string */
#define STATE_TOMBSTONE_DAYS 180

struct bookmark {
	char *id;      /* 16 hex digits; unique */
	size_t offset; /* body byte offset */
	char *note;    /* NULL: none */
	int64_t created;
};

struct article_state {
	char *path;   /* relative to the corpus root */
	char *hash;   /* state_hash of the body; NULL when not known yet */
	int64_t size; /* the file's size in bytes; 0 when not known */
	bool read;
	size_t anchor; /* body byte offset of the first visible line */
	int progress;  /* furthest percent reached, 0..100 */
	/* When each changed, in milliseconds since the epoch (0: never). */
	int64_t read_at;
	int64_t anchor_at;
	int64_t progress_reset; /* when progress was last set back to 0 */
	struct bookmark *marks;
	size_t nmarks;
	size_t capmarks;
	/* Not saved: set when state_find hands the entry to an article of
	 * this session, so that no other article takes it by its hash. */
	bool claimed;
	/* path and hash lie in the state's pool (strings of a file read at
	 * once), freed with it, not one by one: state_entry_set makes them the
	 * entry's own before either is changed. */
	bool pooled;
};

struct tombstone {
	char *id;
	int64_t at;
};

struct state {
	char *root; /* the corpus root's real path; set it before saving */
	struct article_state *v;
	size_t n;
	size_t cap;
	char *selected; /* a path; NULL (like the next three): unset */
	char *sort;
	char *filter;
	char *search;
	char **groups_off;
	size_t ngroups_off;
	struct tombstone *dead;
	size_t ndead;
	size_t capdead;
	size_t trimmed;    /* entries the last merge dropped to keep the caps */
	struct pool *pool; /* the entries' pooled strings (util.h) */
};

void state_init(struct state *s);
void state_fini(struct state *s);

/*
 * The state file for a corpus root: $XDG_STATE_HOME/lectern/NAME.yaml,
 * else $HOME/.local/state/lectern/NAME.yaml, NAME made from the root's
 * real path (the root as given when that cannot be resolved).  Caller
 * frees; NULL when neither variable gives an absolute folder.  Nothing is
 * created: state_save makes the folders.
 */
char *state_path(const char *corpus_root);

/*
 * The folder of the state files ($XDG_STATE_HOME/lectern, else
 * $HOME/.local/state/lectern), made (mode 0700) if it is not there.
 * Caller frees; NULL with errno set when there is none or it cannot be
 * made.  Other files lectern keeps for the reader go there too.
 */
char *state_dir(void);

/*
 * Replaces s's contents (root included) with the file at path.  Always
 * leaves a usable state and returns 0: a missing file gives an empty
 * state silently; an unreadable one (permissions, I/O error) or one from
 * a newer lectern an empty state and a warning; a corrupt one is moved
 * aside (see above), an empty state and a warning with the new name and
 * where the problem is.
 * Returns -1 only when the file was corrupt and could not be moved aside
 * (then the warning says so; the next state_save replaces it), and
 * STATE_UNREADABLE when it exists and cannot be read: state_save then
 * refuses to write over it.
 */
int state_load(struct state *s, const char *path, struct diag_list *diags);

/*
 * Locks, re-reads the file at path, merges s into it and writes the
 * result atomically (see above), creating the folders (mode 0700) when
 * needed.  s itself is not changed: load again to see the merged state.
 * Returns 0 when written; 1 when not written because the file is from a
 * newer lectern (a warning in diags); -1 with an error in diags when the
 * file could not be written (disk full, permissions...): the old file is
 * then left as it was and no temporary file remains.
 */
int state_save(const struct state *s, const char *path,
               struct diag_list *diags);

/* state_save waiting at most wait_ms for the lock (-1: for ever); returns
 * STATE_BUSY (an error in diags, nothing written) when another process
 * held it all that time. */
int state_save_wait(const struct state *s, const char *path, int wait_ms,
                    struct diag_list *diags);

/*
 * Pending saves.  When a save fails (a lock held too long, a full disk),
 * what was to be written goes to PATH.pending-PID, a whole state file;
 * the next session on the corpus merges every pending file in
 * (state_merge_pending) and removes them once it has saved.
 */
char *state_pending_path(const char *path, long pid);
/* Writes s as PATH.pending-pid; 0 with *written (caller frees), or -1
 * with an error in diags. */
int state_write_pending(const struct state *s, const char *path, long pid,
                        char **written, struct diag_list *diags);
/* Merges every PATH.pending-* file into s (s the older: theirs are the
 * later changes); returns how many, their paths in *names (caller frees
 * each and the array).  One that cannot be read is left, with a warning. */
size_t state_merge_pending(struct state *s, const char *path, char ***names,
                           struct diag_list *diags);

/*
 * Merges other (not into itself) into into, other being the writer (see
 * "Merging" above).  The result is normalised: one entry per path,
 * bookmarks without duplicates or tombstoned ids, everything within the
 * caps.  Merging into an empty state therefore normalises other.
 */
void state_merge(struct state *into, const struct state *other);

/*
 * The entry for the article at path (relative to the root) whose body
 * hashes to hash (NULL when the body is not loaded: then by path only).
 * In order: the entry with that path and hash (or with that path and no
 * hash yet, which takes this one); else one with that hash whose article
 * was moved (an entry not claimed in this session whose path, when
 * s->root is set, no longer exists under the root: a copy is not a move),
 * which takes the new path (and any entry at the new path is dropped);
 * else the one with that path, edited in place, which takes the new
 * hash.  The entry found is marked
 * claimed.  O(n) per call.  NULL when there is none.  The pointer stays
 * valid until the next state_get, state_merge, state_load or state_fini.
 */
struct article_state *state_find(struct state *s, const char *path,
                                 const char *hash);

/* state_find, or a new entry (unread, updated 0) when there is none. */
struct article_state *state_get(struct state *s, const char *path,
                                const char *hash);

/* The hex FNV-1a 64 hash of body[0..len); caller frees. */
char *state_hash(const char *body, size_t len);

/* state_hash a piece at a time: h = STATE_HASH_START, then
 * h = state_hash_more(h, piece, n) for each piece in order, then
 * state_hash_text(h) (caller frees). */
#define STATE_HASH_START FNV1A64_START
uint64_t state_hash_more(uint64_t h, const char *p, size_t len);
char *state_hash_text(uint64_t h);

/* Changes to an article that count for the merge, dated at (ms): read
 * and anchor take at as the field's time; progress only grows (it is the
 * furthest point reached; pct is clamped to 0..100: a call that does not
 * make it grow changes nothing); a reset sets it to 0 as of at. */
void state_set_read(struct article_state *a, bool read, int64_t at);
void state_set_anchor(struct article_state *a, size_t anchor, int64_t at);
void state_set_progress(struct article_state *a, int pct);
void state_reset_progress(struct article_state *a, int64_t at);

/* The latest of an article's times (ms): when it last changed. */
int64_t state_article_changed(const struct article_state *a);

/*
 * Adds a bookmark at offset with note (NULL: none; cut to
 * STATE_MAX_STRING bytes) created now, with a fresh random id; an
 * existing bookmark with the same offset and note is returned instead.
 * The pointer is valid until the next change to a's bookmarks.
 */
struct bookmark *state_bookmark_add(struct article_state *a, size_t offset,
                                    const char *note, int64_t now);

/* Deletes a's bookmark id, leaving a tombstone dated now so the deletion
 * survives a merge.  False when a has no such bookmark. */
bool state_bookmark_del(struct state *s, struct article_state *a,
                        const char *id, int64_t now);

/* Replaces *field (one of s's session strings) by a copy of value, which
 * may be NULL. */
void state_set_string(char **field, const char *value);
/* Sets a's path or hash (field: &a->path or &a->hash) to a copy of
 * value, a's pooled strings made its own first. */
void state_entry_set(struct article_state *a, char **field, const char *value);
void state_set_groups_off(struct state *s, const char *const *names, size_t n);

/* Appends the file text for s to out: articles sorted by path, bookmarks
 * by place.  For a state from state_load or state_merge (normalised),
 * that is exactly what state_save writes when there is no file yet. */
void state_format(const struct state *s, struct strbuf *out);

#endif
