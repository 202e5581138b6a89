/*
 * state_support.h - what the reading state's tests share: a temporary
 * folder per test (each test is a process of its own), files written and
 * states loaded, saved and looked into, asserting as they go.
 */
#ifndef LECTERN_STATE_SUPPORT_H
#define LECTERN_STATE_SUPPORT_H

#include <stddef.h>

#include "state.h"

/* The suite's fini: removes the test's folder, even after a failed
 * assertion. */
void state_test_rmdir(void);
/* Makes the test's folder (once per test); caller frees the path. */
char *state_test_mkdir(void);
void state_test_write(const char *path, const char *text, size_t len);
/* The state as its file would hold it; caller frees. */
char *state_test_format(const struct state *s);
/* Loads (after state_init) or saves, asserting no error or warning. */
void state_test_load(struct state *s, const char *path);
void state_test_save(const struct state *s, const char *path);
/* The entry for path, asserted to be there. */
struct article_state *state_test_entry(struct state *s, const char *path);

#endif
