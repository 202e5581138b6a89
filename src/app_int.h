/*
 * app_int.h - what the files of the app module share, and nothing outside
 * them sees.
 *
 * app.c owns the session (set-up, the open article, scrolling, key
 * dispatch) and hands work to the file that knows it: app_list.c (the
 * sidebar's order and the filter), app_hits.c (keyword hits),
 * app_search.c (search and the prompts) and app_marks.c (read marks,
 * progress and bookmarks).  Like app.h, these only change state and set
 * dirty; nothing here draws.
 */
#ifndef LECTERN_APP_INT_H
#define LECTERN_APP_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

/* app.c: a monotonic clock in milliseconds. */
long long app_clock_ms(void);

/* app.c: the view of the open article. */

/* The body offset (bytes) of the first body line in view (0 in the
 * title). */
size_t app_view_offset(struct app *a);
/* Scrolls so that body offset off is in view, at least three lines
 * from the top and the bottom of the pane (vim's scrolloff). */
void app_reveal(struct app *a, size_t off);
/* A scroll action n times at once on what is up: the help, a list view
 * or the pane. */
void app_scroll(struct app *a, enum action act, long n);

/* Lines of the help screen (or of the message history, when that is
 * up). */
size_t app_help_lines(const struct app *a);

/* app_nav.c: counts, the jump list, moving as less and neomutt move. */

/* Takes a digit typed as a count (5j); false when key is no count. */
bool app_count_key(struct app *a, int key);
/* Remembers where the reader is before a jump, for jump-back. */
void app_jump_push(struct app *a);
/* Does act if it is a moving action; false to let app_action do it. */
bool app_nav_action(struct app *a, enum action act);

/* app_list.c: the sidebar. */

/* Keeps the selected article inside the sidebar's rows. */
void app_follow_selection(struct app *a);
/* Rebuilds the sidebar's rows from the filter and the sort order. */
void app_rebuild_order(struct app *a);
/* Narrows the sidebar to the articles matching query (a search
 * pattern); an error or no match leaves it as it was, with a message. */
void app_apply_filter(struct app *a, const char *query);
/* Shows every article again and selects the one from before the filter. */
void app_clear_filter(struct app *a);

/* app_open.c: the open article, laid out and matched as far as shown. */

/* Starts the open article's hash (the reading state's key when its file
 * moves): whole at once up to a megabyte, the rest in the background. */
void app_hash_start(struct app *a);
/* Lays the open article out for the current width, keeping the place,
 * and finds its keyword hits, as far as the screen needs. */
void app_relayout(struct app *a);
/* Finds the hits of the enabled groups in the open article again, as
 * far as it is laid out (the rest as it is). */
void app_find_hits(struct app *a);
/* True when every hit of the open article is known. */
bool app_hits_done(const struct app *a);
/* Lays out (and matches) as far as the view needs, then keeps the top
 * within the article: after anything that moved it. */
void app_settle(struct app *a);
/* Work on the open article is left (app_background_step does a slice of
 * it; app_open_finish all of it, for what needs the whole article). */
bool app_open_pending(const struct app *a);
void app_open_step(struct app *a);
void app_open_finish(struct app *a);
/* The words of the open article counted now, when its metadata line
 * waits for them. */
void app_meta_finish(struct app *a);

/* app_hits.c: keyword hits. */

/* Moves to the next (previous) hit of group g, 0-based (-1: any group). */
void app_goto_hit(struct app *a, int g, bool forward);
/* Turns group g (0-based) on or off. */
void app_toggle_group(struct app *a, size_t g);

/* app_search.c: search and the prompts. */

/* n and N: the next (previous) match, going on to other articles. */
void app_search_move(struct app *a, bool forward);
/* The search of the open article still going on (search_more), and one
 * slice more of it, between keys. */
bool app_search_pending(const struct app *a);
void app_search_step(struct app *a);
/* Opens the search prompt; the caller may change prompt_kind after. */
void app_prompt_open(struct app *a, bool backward);
/* app_search.c: / and ? on the help screen search the help; n and N go
 * on (forward: the way the search was typed). */
void app_help_search_open(struct app *a, bool backward);
void app_help_search_move(struct app *a, bool forward);
/* Handles a key while a prompt is up. */
void app_prompt_key_in(struct app *a, int key);

/* app_export.c: E asks where to save the notes digest (--export-notes),
 * as s does for the article. */
void app_notes_prompt(struct app *a);
/* app_export.c: s asks where to save the article. */
void app_save_prompt(struct app *a);

/* app_marks.c: reading state. */

/* Updates the open article's progress and read mark from the view. */
void app_track_reading(struct app *a);
/* Marks article i read or unread (unread: its progress starts again),
 * the state to be saved. */
void app_mark_read(struct app *a, size_t i, bool read);
/* Selects the next unread article in the sidebar, going round. */
void app_next_unread(struct app *a);
/* Deletes bookmark k (an index into marks), remembering its id. */
void app_delete_mark(struct app *a, size_t k);
/* Opens the article of bookmark k at its place. */
void app_open_mark(struct app *a, size_t k);

#endif
