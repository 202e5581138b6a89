/*
 * app.h - the state of a lectern session and what keys do to it.
 *
 * Input arrives as key values; app_key looks them up in the keymap and
 * applies the action, which only changes state and sets dirty.  render.h
 * then draws the state into app->frame.  The interactive loop and the
 * headless mode drive these same functions, so tests of key sequences test
 * what a user gets.  No curses here.
 */
#ifndef LECTERN_APP_H
#define LECTERN_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action.h"
#include "config.h"
#include "corpus.h"
#include "doc.h"
#include "frame.h"
#include "keymap.h"
#include "clip.h"
#include "layout.h"
#include "links.h"
#include "match.h"
#include "prompt.h"
#include "search.h"
#include "util.h"

/* A place marked in an article, with a note. */
struct app_mark {
	size_t article;    /* corpus index */
	size_t offset;     /* body byte offset of the marked line */
	char *note;        /* "" for none */
	long long created; /* seconds since the epoch; 0 when unknown */
	char *id;      /* unique, kept by the state file; NULL until saved */
	char *snippet; /* the text there, for the bookmark list; NULL until
	                * it is shown (app_mark_snippet) */
};

/* Where a reader was in an article, for going back to it. */
struct place {
	size_t anchor; /* layout_anchor: survives a new width */
	size_t top;    /* the exact top line, valid at width */
	int width;     /* 0: never opened */
	bool moved;    /* the reader went there (not just shown): to keep */
};

/* X(ENUM_SUFFIX, "name") : the orders of the sidebar. */
#define SORT_LIST(X)              \
	X(CORPUS, "corpus order") \
	X(TITLE, "title")         \
	X(DATE, "date")           \
	X(HITS, "keyword hits")   \
	X(UNREAD, "unread first")

enum sort_order {
#define SORT_ENUM(e, name) SORT_##e,
	SORT_LIST(SORT_ENUM)
#undef SORT_ENUM
	        SORT_COUNT
};

enum prompt_kind {
	PROMPT_SEARCH,
	PROMPT_FILTER,
	PROMPT_NOTE, /* the note of a new bookmark */
	PROMPT_SAVE, /* the file to save the article to */
	PROMPT_HELP, /* a search in the help screen */
	PROMPT_PIPE, /* the command to pipe the article to */
};

/* What the main loop does for the app (it has the terminal). */
enum run_kind {
	RUN_NONE,
	RUN_OPEN,  /* an opener: the terminal given back while it runs */
	RUN_QUIET, /* a command with no output to show (tmux load-buffer) */
	RUN_OSC52, /* the terminal's clipboard set to run.input */
};

enum focus {
	FOCUS_LIST,
	FOCUS_PAGER,
};

/* Where things go on a screen of rows x cols; see app_geometry. */
struct geometry {
	bool too_small; /* below a usable size: only a message is drawn */
	int side_w;     /* sidebar columns, 0 when the screen is too narrow */
	int text_x;     /* first column of article text */
	int text_w;     /* columns article text is wrapped to */
	int gutter;     /* columns of line numbers left of the text, or 0 */
	int body_rows;  /* rows above the status line */
	int status_row;
};

struct app {
	struct corpus *corpus; /* not owned; must hold at least one article */
	struct keymap keymap;
	int rows;
	int cols;
	struct geometry geo;

	size_t sel;    /* selected article (an index into the corpus) */
	size_t *order; /* the sidebar: article indexes, filtered, sorted */
	size_t norder;
	size_t row;      /* sel's position in order */
	size_t list_top; /* first row shown in the sidebar */
	enum sort_order sort;

	/* Keyword hits of every article, per group (article * ngroups + g),
	 * counted in the background so that start-up and input never wait. */
	size_t *art_hits;
	bool *art_counted;
	size_t count_next;   /* next article to count */
	uint64_t groups_sig; /* what the groups count (hits cached with
	                      * another signature are counted again) */

	/* The corpus filter: articles matching a query, with counts and a
	 * keyword-in-context snippet of the first match. */
	char *filter;          /* NULL: no filter */
	size_t *filter_counts; /* per article */
	char **snippets;       /* per article, NULL when it does not match */
	size_t unfiltered_sel; /* selection to go back to */
	size_t filter_sel;     /* what the filter selected first */
	size_t *snippet_at;    /* where in each snippet its match starts */
	char *hint;            /* how to leave the filter, in words */
	enum focus focus;

	/* Reading state: kept across runs by main through state.h. */
	bool *read;           /* per article */
	int *progress;        /* per article: the furthest percent seen */
	bool *progress_reset; /* per article: set back to 0 since the last
	                       * save (marked unread) */
	struct app_mark *marks;
	size_t nmarks;
	size_t marks_cap;
	bool marks_view; /* the bookmark list is up */
	size_t mark_sel;
	char **hashes; /* per article: state_hash of its body, once read */
	/* Whether counting hashes each body it reads, and the open article
	 * is hashed in the background (for a reading state to find moved
	 * articles; not with --no-state). */
	bool hash_bodies;
	char **deleted_marks; /* ids of saved bookmarks deleted since */
	size_t ndeleted;
	bool end_seen; /* the open article's end is on screen */
	/* The reader is reading the open article: the pane has had the
	 * focus, or its view moved from where the article opened, since it
	 * was opened.  Until then nothing about it changes the reading
	 * state: passing over an article in the sidebar is not reading. */
	bool engaged;
	size_t opened_top; /* the view's top line when it opened */
	bool state_dirty;  /* something to save */
	long long now;     /* the time, for new bookmarks (set by main) */

	bool groups_view;       /* the keyword groups view is up */
	size_t group_sel;       /* its selected group */
	bool help;              /* the help screen is up */
	size_t help_top;        /* its first visible line */
	char *help_query;       /* what / last looked for in it */
	char *pipe_cmd;         /* | asked for it: the main loop runs it, then
	                 * app_pipe_done */
	bool vsel;              /* v: lines being selected in the pane ... */
	size_t vsel_anchor;     /* ... from the line v was typed on ... */
	size_t vsel_cur;        /* ... to this one (layout lines) */
	bool links_view;        /* the link list (o) is up */
	size_t link_sel;        /* its selected link */
	struct link_list links; /* the open article's, when o listed them */
	enum clip_target clip_target; /* where a copy goes (auto) */
	char *cite_template;          /* the yank's citation; NULL: cite.h's */
	bool saving_notes;            /* the save prompt is for the notes (E) */
	/* What the main loop is to do for the app (run.kind), then call
	 * app_run_done. */
	struct {
		enum run_kind kind;
		char *cmd;   /* RUN_OPEN, RUN_QUIET: the shell command */
		char *input; /* its input; RUN_OSC52: the text to copy */
		size_t input_len;
		char *url;    /* RUN_OPEN: in $LECTERN_URL */
		char *opener; /* RUN_OPEN: in $LECTERN_OPENER */
	} run;
	bool help_back;         /* ... with ? (backward) */
	size_t help_prompt_top; /* help_top when / was typed there */

	int pending[KEYSEQ_MAX]; /* keys of a sequence typed so far */
	int npending;
	long count; /* a count typed before a key (5j), 0: none */

	/* Places the reader jumped from (another article, a search, a hit,
	 * a bookmark, g and G), for jump-back and jump-forward, like vim's
	 * jump list: jumps[0..njumps), jump_pos where the reader is in it
	 * (njumps when at the newest). */
	struct jump {
		size_t article;
		size_t anchor; /* layout_anchor of the top line */
	} * jumps;
	size_t njumps;
	size_t jumps_cap;
	size_t jump_pos;

	struct view_config view; /* the layout settings (config view:) */
	bool numbers;            /* the sidebar shows article numbers */
	bool line_numbers;       /* the pane shows line numbers (less -N) */
	bool messages_view;      /* the message history is up */
	size_t messages_top;
	char *said[32]; /* the last messages, oldest first */
	size_t nsaid;
	bool *undo_read; /* read marks before mark-all-read, to undo it */
	bool undo_ready; /* the last action was mark-all-read */
	unsigned long said_seq; /* counts the messages, to see a new one */

	/* The open article (always sel once the app is initialised). */
	size_t open;
	struct doc doc;
	struct layout layout;
	char *meta;           /* its metadata line */
	size_t top;           /* first visible layout line */
	struct place *places; /* per article: where the reader was */

	/* Keyword groups (config.h) and their hits in the open article. */
	struct matcher *matcher; /* NULL: no groups */
	size_t ngroups;
	char **group_names;
	bool *group_on;          /* per group */
	bool highlight;          /* all highlighting on */
	struct match_spans hits; /* in the open article's body */
	size_t *hit_lines;       /* layout line of each hit */
	size_t hit_lines_cap;
	size_t hits_block;       /* hits are known in blocks before it */
	uint64_t hash_acc;       /* its hash (state_hash_more) so far, */
	size_t hash_pos;         /* of body[0..hash_pos) */
	bool meta_wordless;      /* meta waits for the words, counted */
	size_t words_acc;        /* so far, */
	size_t words_pos;        /* in body[0..words_pos) */
	size_t *group_counts;    /* hits per group in the open article */
	size_t hit_cur;          /* the hit last moved to, SIZE_MAX none */
	bool hits_limited;       /* a pattern's budget ran out in it */
	long long resorted_at;   /* when the hits sort last sorted */
	long long open_drawn_at; /* when the open article's progress was */

	/* The search in the open article, and its prompt. */
	struct search search;
	bool prompting;
	enum prompt_kind prompt_kind;
	struct prompt prompt;
	struct prompt_history history;
	size_t prompt_top;  /* where the view was when / was typed */
	char *prompt_saved; /* the query before the prompt opened */
	bool prompt_saved_back;
	long long search_drawn_at; /* the search's progress, drawn when */
	unsigned long search_said; /* said_seq of a "so far" report */

	/* Asked, now and then, during work over the whole corpus (a search
	 * going on to other articles, the filter): true stops it, because
	 * a key is waiting (Esc) or the process is to end.  NULL: never. */
	bool (*interrupt)(void *ctx);
	void *interrupt_ctx;
	long long interrupt_checked; /* ms, of the last time it was asked */
	bool interrupted; /* it said stop: an Esc read next only did that */

	char *message; /* shown in the status line until the next key */
	bool message_is_error;

	bool quit;
	bool reload;      /* the config should be read again (main does it) */
	bool repaint_all; /* the terminal should be repainted from scratch */
	bool dirty;       /* the frame needs drawing again */
	struct diag_list diags; /* problems met while running (body reads) */
	struct frame frame;
};

/* Sets up a session on corpus (n >= 1) for a rows x cols screen, with a
 * copy of keymap (NULL: the built-in bindings). */
void app_init(struct app *a, struct corpus *corpus, int rows, int cols,
              const struct keymap *keymap);
/* Replaces the bindings with a copy of keymap (after a config reload). */
void app_set_keymap(struct app *a, const struct keymap *keymap);
/*
 * Uses groups[0..n) for keyword highlighting (copied as a matcher; all
 * groups on).  Patterns that do not compile are reported in diags.
 */
void app_set_groups(struct app *a, const struct hl_group *groups, size_t n,
                    struct diag_list *diags);
void app_fini(struct app *a);

/* Computes the screen geometry for rows x cols under v (NULL: the
 * defaults). */
void app_geometry(int rows, int cols, const struct view_config *v,
                  struct geometry *g);

/* Handles one key (a keys.h value; K_RESIZE is ignored, use app_resize;
 * K_RELOAD asks for the config to be read again). */
void app_key(struct app *a, int key);
/* Applies an action as if its key had been typed. */
void app_action(struct app *a, enum action act);
/* The screen is now rows x cols: re-wraps, keeping the reader's place. */
void app_resize(struct app *a, int rows, int cols);
/*
 * app_export.c: the open article laid out at width, as plain text, one
 * line per screen line (what --print writes and s saves), handed to put a
 * few lines at a time, so it costs a screenful of memory whatever its
 * size.  Stops at the first put that fails (returns non-zero) and returns
 * that, else 0.
 */
typedef int (*export_put)(void *ctx, const char *text, size_t len);
int app_export(struct app *a, int width, export_put put, void *ctx);
/* A file name from a title: "some-title.txt" (caller frees). */
char *app_export_name(const char *title);
/* The text app_export gives at the pane's width, whole, for | (caller
 * frees with sb_fini); while selecting (v), the selected paragraphs. */
void app_export_shown(struct app *a, struct strbuf *out);
/* The command | asked for ran: say how it ended (run_status_text), and
 * let the screen be drawn again. */
void app_pipe_done(struct app *a, int status);
/* app_links.c: o lists the open article's links; Enter (open) or y. */
void app_links_open(struct app *a);
void app_link_action(struct app *a, bool open);
/* Copies text: to the terminal's clipboard (OSC 52), a tmux buffer or
 * clipboard.txt in the state folder (clip.h), and says where. */
void app_copy_text(struct app *a, const char *text, const char *what);
/* app_yank.c: v starts a selection, y yanks it (or the paragraph at the
 * top) with its citation (cite.h); the text a yank copies is built by
 * app_yank_text (caller frees). */
void app_select_start(struct app *a);
void app_select_move(struct app *a, long delta);
void app_select_follow(struct app *a);
char *app_yank_text(struct app *a, size_t *nblocks);
/* The same without the citation (what | pipes while selecting). */
char *app_selected_text(struct app *a, size_t *nblocks);
void app_yank(struct app *a);
/* app_mouse.c: a mouse event at screen row, col (0-based), when the
 * config's view.mouse is on (else nothing: never a key). */
enum mouse_kind { MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN, MOUSE_CLICK };
void app_mouse(struct app *a, enum mouse_kind kind, int row, int col);
/* The config's yank section: the citation template (NULL: the built-in
 * one; copied) and where copies go (enum clip_target). */
void app_set_yank(struct app *a, const char *citation, int to);
/* Appends article's citation line (the yank's template) to out. */
void app_cite(const struct app *a, size_t article, struct strbuf *out);
/* app_notes.c: every bookmark with its note, the paragraph it marks and
 * its citation, grouped by article in corpus order: Markdown, or YAML
 * when yaml is set (--export-notes).  Reads bodies as needed, changes
 * nothing. */
void app_notes_digest(struct app *a, bool yaml, struct strbuf *out);
/* The main loop did what app->run asked (status: run_pipe's, 0 for an
 * OSC 52 write). */
void app_run_done(struct app *a, int status);
/* Saves the open article to path (a folder: a file in it named after the
 * title; "~/" is $HOME), never replacing a file; says how it went. */
void app_save_to(struct app *a, const char *path);

/* Takes the view settings (sidebar, its width, the text width, numbers),
 * keeping the place. */
void app_set_view(struct app *a, const struct view_config *v);
/* Shows or hides line numbers in the pane (less -N), keeping the place. */
void app_set_line_numbers(struct app *a, bool on);
/* Selects and opens article i (clamped to the corpus). */
void app_select(struct app *a, size_t i);
/* Sets the status-line message (replacing the previous one). */
void app_message(struct app *a, bool error, const char *fmt, ...)
        LECTERN_PRINTF(3, 4);

/* Adds a bookmark (note copied; "" for none) and returns it. */
/* The start of the text bookmark k marks, whitespace made single spaces,
 * cut at SNIPPET_MAX bytes (with "…"); read from the article's file the
 * first time it is asked for, then kept. */
#define SNIPPET_MAX 160
const char *app_mark_snippet(struct app *a, size_t k);
struct app_mark *app_add_mark(struct app *a, size_t article, size_t offset,
                              const char *note, long long created);
/* Saves the open article's place into a->places (before they are kept). */
void app_remember_place(struct app *a);
/* Sorts the sidebar. */
void app_set_sort(struct app *a, enum sort_order sort);
/* The sort order called name (app_sort_name), or -1. */
int app_sort_lookup(const char *name);
/* Filters the sidebar by query (as the F key does; NULL clears it). */
void app_filter(struct app *a, const char *query);
/* Turns keyword group g on or off (quietly). */
void app_set_group_on(struct app *a, size_t g, bool on);
/* Sets the search query without moving the view. */
void app_set_search(struct app *a, const char *query);

/* Whether work over the corpus should stop now (a->interrupt says,
 * asked at most every 20 ms). */
bool app_interrupted(struct app *a);

/* Number of unread articles. */
size_t app_unread(const struct app *a);

/* True while work is left for when the reader is idle: laying out the
 * rest of the open article, counting articles' keyword hits. */
bool app_background_pending(const struct app *a);
/* True while articles' keyword hits are still to be counted. */
bool app_counting(const struct app *a);
/* How far into the open article the bottom of the view is, in percent
 * (by lines; by bytes while the lines are not all known). */
int app_percent_shown(const struct app *a);
/* Does a slice of that work (a few milliseconds): the caller calls it
 * when idle. */
void app_background_step(struct app *a);
/* The screen is being drawn from a, the progress of the open article's
 * layout and of its search with it: the background's next repaint for
 * either is due from now, so keys pressed (letters typed) in a row are
 * not each followed by one. */
void app_progress_drawn(struct app *a);
/* Total hits of the enabled groups in article i, or SIZE_MAX while not
 * counted yet. */
size_t app_article_hits(const struct app *a, size_t i);
/* How to show every article again from where the focus is ("Esc shows
 * all", "Esc in the sidebar shows all"); valid until the next call. */
const char *app_filter_hint(struct app *a);

/* Rows one sidebar entry takes (2 with a filter: title and snippet). */
int app_entry_rows(const struct app *a);
const char *app_sort_name(enum sort_order s);

/* The keymap context keys are looked up in right now. */
enum keymap_context app_context(const struct app *a);
/* Layout lines the pane can scroll to the top: the last top line. */
size_t app_max_top(const struct app *a);

#endif
