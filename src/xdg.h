/*
 * xdg.h - where lectern keeps its own files: the XDG base folders, and
 * one file name per corpus in them.
 *
 * A corpus's files (its reading state, its heads cache) are named after
 * the last component of its root's real path, for people looking at the
 * folder, and a 64-bit FNV-1a hash of that whole path in hex, so two
 * folders of the same name do not share one.
 */
#ifndef LECTERN_XDG_H
#define LECTERN_XDG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * lectern's folder in a base folder: "$ENV/lectern" when the environment
 * variable env holds an absolute path, else "$HOME/home_sub/lectern"
 * (home_sub e.g. ".local/state"); NULL when neither is set.  Nothing is
 * created.  Caller frees.
 */
char *xdg_dir(const char *env, const char *home_sub);

/*
 * The file for the corpus at root in folder dir: "dir/NAME-HASH" followed
 * by ext (e.g. ".yaml").  root need not exist (then it is used as given,
 * less final '/'s).  Caller frees.
 */
char *xdg_corpus_file(const char *dir, const char *root, const char *ext);

/*
 * Writes buf[0..len) to path through the temporary file tmp (removed
 * first: one left by a writer that was killed), mode 0600, renamed over
 * path once whole; synced first when durable.  0, or -1 with errno set
 * (tmp removed).
 */
int xdg_write_atomic(const char *path, const char *tmp, const char *buf,
                     size_t len, bool durable);

/* mkdir -p, with mode 0700 for the folders it creates.  0, or -1 with
 * errno set (ENOTDIR when dir is there but not a folder). */
int xdg_make_dirs(const char *dir);

#endif
