/*
 * corpus_int.h - what corpus.c (reading heads and bodies) and
 * corpus_walk.c (finding the files) share.  Not for the rest of lectern.
 */
#ifndef LECTERN_CORPUS_INT_H
#define LECTERN_CORPUS_INT_H

#include <stdbool.h>
#include <sys/stat.h>

#include "corpus.h"

void corpus_article_fini(struct article *a);

/* Opens path (relative to folder dirfd, or AT_FDCWD) for reading,
 * refusing anything but a regular file; its fstat in *st.  The
 * descriptor, or -1 with errno set. */
int corpus_open_regular(int dirfd, const char *path, struct stat *st);

/* Reads the file at path (name in folder dirfd, or AT_FDCWD and path),
 * a regular file, whole into sb, unless it is bigger than max bytes: 0
 * read, 1 too big (nothing read), -1 with errno set on failure.  *st is
 * its fstat when it could be opened. */
int corpus_read_file(int dirfd, const char *name, struct stat *st, size_t max,
                     struct strbuf *sb);

/* Reads a's head from a file read whole into buf[0..len), as much of it
 * as reading the head alone would: 1 the article is taken (title, front
 * matter, body offset set), 0 skipped (a warning in dl). */
int corpus_head_in(const char *buf, size_t len, const char *path,
                   struct article *a, struct diag_list *dl);

/* Makes the file's bytes in sb (sb emptied) a's body: from its body
 * offset on, "\r\n" made "\n", NUL bytes kept with a warning. */
void corpus_set_body(struct article *a, struct strbuf *sb,
                     struct diag_list *diags);

/*
 * Reads the head of the file at path (name in folder dirfd, or AT_FDCWD
 * and path) into a (made anew): 1 when it is an article, 0 when it is
 * skipped (a warning added to dl), -1 when it could not be read (errno
 * set, nothing added).  With words, a file read whole gets its word
 * count too.  Touches nothing but a and dl: the walk runs it on a second
 * thread (prestat.h).
 */
int corpus_read_head(int dirfd, const char *name, const char *path, bool words,
                     struct article *a, struct diag_list *dl);

/*
 * Takes corpus_read_head's a, rc and err (its errno): added to c when rc
 * is 1 (its path set; returns 1); else a is freed and 0 returned, with a
 * warning of why when rc is -1, or an error and -1 returned when top (the
 * user named the file).
 */
int corpus_keep_head(struct corpus *c, struct article *a, int rc, int err,
                     const char *path, bool top, struct diag_list *dl);

/* Adds the file at path (name in folder dirfd, or AT_FDCWD and path),
 * reading its head.  top: the user named it (a read error is then an
 * error).  1 added, 0 skipped, -1 on an error (top only). */
int corpus_add_file(struct corpus *c, int dirfd, const char *name,
                    const char *path, bool top, struct diag_list *dl);

#endif
