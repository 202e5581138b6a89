/*
 * tty.c - ncurses: painting frames, reading keys, restoring the terminal.
 *
 * The one place with file-scope mutable state: what a signal handler needs
 * (the quit flag, the saved terminal modes, the bytes that undo the screen
 * setup), since a handler cannot be passed anything.
 */
#ifdef HAVE_CONFIG_H
#include "ac-config.h"
#endif
#include "tty.h"
#include "glyph.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "color.h"
#include "keys.h"
#include "util.h"

/* Esc must answer at once, also inside tmux; 25 ms still joins the bytes
 * of an escape sequence sent in one write. */
#define ESC_DELAY_MS 25

struct tty {
	SCREEN *screen;
	const struct theme *theme;
	bool color;
	bool ascii;
	int watch_fd;                          /* also waited on; -1 for none */
	int saver_fd;                          /* likewise, for K_SAVER */
	struct style groups[256 - ROLE_COUNT]; /* roles ROLE_COUNT + g */
	size_t ngroups;
	int ncolors;    /* color_fit's view: 8, 16, 256, or 0x1000000 direct */
	int mouse_kind; /* the last K_MOUSE: enum mouse_kind's value */
	int mouse_row;
	int mouse_col;
};

static volatile sig_atomic_t quit_signal;
static volatile sig_atomic_t hup_signal;
static struct termios saved_tio;
static bool saved_tio_ok;
static char restore_seq[128];
static size_t restore_len;
static struct tty *open_term; /* for the atexit safety net */

static void
on_quit_signal(int sig)
{
	quit_signal = sig;
}

static void
on_hup_signal(int sig)
{
	(void)sig;
	hup_signal = 1;
}

static void
on_fatal_signal(int sig)
{
	/* Only async-signal-safe calls: give the terminal back, die. */
	if (restore_len) {
		ssize_t w = write(STDOUT_FILENO, restore_seq, restore_len);
		(void)w;
	}
	if (saved_tio_ok)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
add_restore(const char *cap)
{
	char *s = tigetstr((char *)cap);
	if (!s || s == (char *)-1)
		return;
	size_t n = strlen(s);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

static void
install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* Ctrl-\ quits like SIGTERM (the terminal restored, the state
	 * saved), unless a core dump is asked for. */
	bool core = getenv("LECTERN_CORE_DUMP") && *getenv("LECTERN_CORE_DUMP");
	if (!core)
		sigaction(SIGQUIT, &sa, NULL);
	/* SIGHUP asks for the config to be read again, as daemons do; a
	 * real hang-up also shows as POLLHUP on the terminal, and ends us. */
	sa.sa_handler = on_hup_signal;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	/* The quit signals and SIGWINCH are only let through while waiting
	 * for input (ppoll), so one arriving while we work cannot be lost
	 * between a check and the wait. */
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	if (!core)
		sigaddset(&block, SIGQUIT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, NULL);
}

/*
 * The sequences terminals send for Home, End and the arrows differ (xterm,
 * rxvt, the Linux console, tmux and screen each have their own), and over
 * SSH $TERM often names a terminal other than the one in use.  Teach
 * ncurses the common variants, as long as they mean nothing else here.
 */
static void
add_key_variants(void)
{
	static const struct {
		const char *seq;
		int key;
	} variants[] = {
	        {"\033[1~", KEY_HOME},  {"\033[7~", KEY_HOME},
	        {"\033[H", KEY_HOME},   {"\033OH", KEY_HOME},
	        {"\033[4~", KEY_END},   {"\033[8~", KEY_END},
	        {"\033[F", KEY_END},    {"\033OF", KEY_END},
	        {"\033[A", KEY_UP},     {"\033OA", KEY_UP},
	        {"\033[B", KEY_DOWN},   {"\033OB", KEY_DOWN},
	        {"\033[C", KEY_RIGHT},  {"\033OC", KEY_RIGHT},
	        {"\033[D", KEY_LEFT},   {"\033OD", KEY_LEFT},
	        {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
	        {"\033[3~", KEY_DC},    {"\033[2~", KEY_IC},
	        {"\033[Z", KEY_BTAB},
	};
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
		if (key_defined(variants[i].seq) == 0)
			define_key(variants[i].seq, variants[i].key);
}

static void
close_at_exit(void)
{
	tty_close(open_term);
}

/* Finds a terminfo entry we can use; returns its name (static). */
static const char *
pick_terminal(char **note)
{
	static const char *const fallbacks[] = {"xterm-256color", "xterm",
	                                        "vt100"};
	const char *name = getenv("TERM");
	int err = 0;
	*note = NULL;
	if (name && *name &&
	    setupterm((char *)name, STDOUT_FILENO, &err) == OK) {
		/* A terminal that cannot move the cursor (dumb, a
		 * printing terminal) cannot show a full screen. */
		const char *cup = tigetstr((char *)"cup");
		bool can_move = cup && cup != (char *)-1;
		del_curterm(cur_term);
		if (!can_move) {
			*note = xasprintf("TERM '%s' cannot move the cursor: "
			                  "lectern needs a full-screen "
			                  "terminal (for scripts and plain "
			                  "terminals use --list, --print or "
			                  "--grep)",
			                  name);
			return NULL;
		}
		return name;
	}
	for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
		if (setupterm((char *)fallbacks[i], STDOUT_FILENO, &err) != OK)
			continue;
		del_curterm(cur_term);
		*note = xasprintf("unknown TERM '%s': using %s",
		                  name && *name ? name : "(unset)",
		                  fallbacks[i]);
		return fallbacks[i];
	}
	return NULL;
}

struct tty *
tty_open(const struct theme *theme, bool color, bool ascii, char **note,
         char **err)
{
	*err = NULL;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*note = NULL;
		*err = xstrdup("standard input and output must be a terminal "
		               "(for scripts use --list, --print or --keys)");
		return NULL;
	}
	const char *name = pick_terminal(note);
	if (!name && *note) {
		*err = *note; /* a terminal that cannot do it: say why */
		*note = NULL;
		return NULL;
	}
	if (!name) {
		*err = xasprintf("no usable terminfo entry for TERM='%s' "
		                 "(nor xterm-256color, xterm, vt100)",
		                 getenv("TERM") ? getenv("TERM") : "");
		return NULL;
	}
	saved_tio_ok = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
	set_escdelay(ESC_DELAY_MS);
	SCREEN *scr = newterm((char *)name, stdout, stdin);
	if (!scr) {
		free(*note);
		*note = NULL;
		*err = xasprintf("cannot start curses on terminal '%s'", name);
		return NULL;
	}
	struct tty *t = xcalloc(1, sizeof *t);
	t->screen = scr;
	t->theme = theme;
	t->ascii = ascii;
	t->watch_fd = -1;
	t->saver_fd = -1;
	restore_len = 0;
	add_restore("sgr0");
	add_restore("cnorm");
	add_restore("rmcup");
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	curs_set(0);
	t->color = color && has_colors();
	if (t->color) {
		start_color();
		use_default_colors();
		/* Direct colour: terminfo says RGB (xterm-direct and kin). */
		int rgb = tigetflag((char *)"RGB");
		t->ncolors =
		        rgb > 0 || COLORS >= 0x1000000 ? 0x1000000 : COLORS;
	}
	add_key_variants();
	install_signals();
	open_term = t;
	static bool registered;
	if (!registered) {
		atexit(close_at_exit);
		registered = true;
	}
	return t;
}

void
tty_close(struct tty *t)
{
	if (!t)
		return;
	if (!isendwin())
		endwin();
	delscreen(t->screen);
	if (open_term == t)
		open_term = NULL;
	free(t);
}

void
tty_size(struct tty *t, int *rows, int *cols)
{
	(void)t;
	getmaxyx(stdscr, *rows, *cols);
}

void
tty_invalidate(struct tty *t)
{
	(void)t;
	clearok(curscr, TRUE);
}

void
tty_suspend(struct tty *t)
{
	(void)t;
	def_prog_mode();
	endwin();
	fflush(stdout);
}

void
tty_set_mouse(struct tty *t, bool on)
{
	(void)t;
	mousemask(on ? BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	                          | BUTTON5_PRESSED
#endif
	             : 0,
	          NULL);
	mouseinterval(0); /* a press is a click at once, no waiting */
}

void
tty_mouse(const struct tty *t, int *kind, int *row, int *col)
{
	*kind = t->mouse_kind;
	*row = t->mouse_row;
	*col = t->mouse_col;
}

void
tty_write_raw(struct tty *t, const char *bytes, size_t len)
{
	(void)t;
	fflush(stdout);
	(void)write_all(STDOUT_FILENO, bytes, len);
}

void
tty_resume(struct tty *t)
{
	reset_prog_mode();
	tty_invalidate(t);
	refresh();
}

void
tty_set_theme(struct tty *t, const struct theme *theme)
{
	t->theme = theme;
}

void
tty_set_group_styles(struct tty *t, const struct style *styles, size_t n)
{
	size_t max = sizeof t->groups / sizeof t->groups[0];
	t->ngroups = n < max ? n : max;
	for (size_t i = 0; i < t->ngroups; i++)
		t->groups[i] = styles[i];
}

/* A colour as ncurses' colour number, fitted to the terminal. */
static int
curses_color(const struct tty *t, int c)
{
	c = color_fit(c, t->ncolors);
	if (c == COLOR_DEFAULT)
		return -1;
	return COLOR_IS_RGB(c) ? c & 0xffffff : c;
}

/* The colour pair for a style (0, the terminal's, without colour). */
static int
pair_for(const struct tty *t, const struct style *s)
{
	if (!t->color)
		return 0;
	int fg = curses_color(t, s->fg), bg = curses_color(t, s->bg);
	/* A foreground fitted to few colours never takes the background's. */
	if (s->fg != COLOR_DEFAULT && t->ncolors < 256) {
		int f = color_fit_fg(s->fg, s->bg, t->ncolors);
		fg = f == COLOR_DEFAULT ? -1 : f;
	}
	if (fg == -1 && bg == -1)
		return 0;
	int p = alloc_pair(fg, bg);
	return p < 0 ? 0 : p;
}

static attr_t
style_attrs(const struct style *s)
{
	attr_t a = A_NORMAL;
	if (s->attrs & ATTR_BOLD)
		a |= A_BOLD;
	if (s->attrs & ATTR_DIM)
		a |= A_DIM;
	if (s->attrs & ATTR_ITALIC)
		a |= A_ITALIC;
	if (s->attrs & ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	if (s->attrs & ATTR_REVERSE)
		a |= A_REVERSE;
	if (s->attrs & ATTR_STANDOUT)
		a |= A_STANDOUT;
	return a;
}

void
tty_paint(struct tty *t, const struct frame *f)
{
	/* Every role a cell can have: the theme's, then the keyword
	 * groups' (a role number past ROLE_COUNT is a group). */
	attr_t attrs[256];
	int pairs[256];
	/* Without colour (NO_COLOR, --color=never, a terminal without
	 * it), what a style tells by colour alone it tells by the
	 * monochrome theme's attributes: groups, matches and the
	 * current match stay apart. */
	struct theme mono;
	if (!t->color)
		theme_builtin("monochrome", &mono);
	for (int r = 0; r < 256; r++) {
		const struct style *s = &t->theme->roles[ROLE_TEXT];
		const struct style *m = NULL;
		if (r < ROLE_COUNT) {
			s = &t->theme->roles[r];
			m = &mono.roles[r];
		} else if ((size_t)(r - ROLE_COUNT) < t->ngroups) {
			s = &t->groups[r - ROLE_COUNT];
			m = &mono.roles[ROLE_GROUP_1 +
			                (r - ROLE_COUNT) % THEME_GROUP_COLORS];
		}
		attrs[r] =
		        style_attrs(!t->color && m &&
		                                    (s->fg != COLOR_DEFAULT ||
		                                     s->bg != COLOR_DEFAULT)
		                            ? m
		                            : s);
		pairs[r] =
		        r < ROLE_COUNT || (size_t)(r - ROLE_COUNT) < t->ngroups
		                ? pair_for(t, s)
		                : pairs[ROLE_TEXT];
	}
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	if (rows > f->rows)
		rows = f->rows;
	if (cols > f->cols)
		cols = f->cols;
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			const struct cell *cl =
			        &f->cells[(size_t)r * (size_t)f->cols +
			                  (size_t)c];
			if (cl->width == 0)
				continue;
			wchar_t wc[FRAME_MAX_COMBINING + 2] = {0};
			wc[0] = (wchar_t)cl->cp;
			for (int i = 0; i < FRAME_MAX_COMBINING && cl->comb[i];
			     i++)
				wc[i + 1] = (wchar_t)cl->comb[i];
			if (cl->width == 2 && c + 1 >= cols)
				wc[0] = L' ';
			if (t->ascii && (wc[0] > 0x7e || wc[1])) {
				wc[0] = (wchar_t)glyph_ascii((uint32_t)wc[0]);
				wc[1] = 0;
				if (cl->width == 2 && c + 1 < cols)
					mvaddch(r, c + 1, '?');
			}
			cchar_t cc;
			/* The pair goes through opts: extended pairs do
			 * not fit setcchar's short argument. */
			setcchar(&cc, wc, attrs[cl->role], 0, &pairs[cl->role]);
			mvadd_wch(r, c, &cc);
		}
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* ncurses key codes to keys.h values. */
static int
map_keycode(wint_t k)
{
	switch (k) {
	case KEY_UP:
		return K_UP;
	case KEY_DOWN:
		return K_DOWN;
	case KEY_LEFT:
		return K_LEFT;
	case KEY_RIGHT:
		return K_RIGHT;
	case KEY_PPAGE:
		return K_PAGEUP;
	case KEY_NPAGE:
		return K_PAGEDOWN;
	case KEY_HOME:
	case KEY_A1:
		return K_HOME;
	case KEY_END:
	case KEY_C1:
		return K_END;
	case KEY_ENTER:
		return K_ENTER;
	case KEY_BACKSPACE:
		return K_BACKSPACE;
	case KEY_DC:
		return K_DELETE;
	case KEY_IC:
		return K_INSERT;
	case KEY_BTAB:
		return K_BACKTAB;
	case KEY_RESIZE:
		return K_RESIZE;
	default:
		break;
	}
	if (k >= KEY_F(1) && k <= KEY_F(12))
		return K_F1 + (int)(k - KEY_F(1));
	return 0;
}

/* Characters as typed to keys.h values. */
static int
map_char(wint_t c)
{
	switch (c) {
	case '\r':
	case '\n':
		return K_ENTER;
	case '\t':
		return K_TAB;
	case 27:
		return K_ESC;
	case 127:
	case 8:
		return K_BACKSPACE;
	default:
		return (int)c;
	}
}

void
tty_watch(struct tty *t, int fd)
{
	t->watch_fd = fd;
}

void
tty_watch_saver(struct tty *t, int fd)
{
	t->saver_fd = fd;
}

int
tty_read_key(struct tty *t, int timeout_ms)
{
	for (;;) {
		if (quit_signal)
			return 0;
		if (hup_signal) {
			hup_signal = 0;
			return K_RELOAD;
		}
		wint_t wc;
		nodelay(stdscr, TRUE);
		int r = wget_wch(stdscr, &wc);
		nodelay(stdscr, FALSE);
		if (r == KEY_CODE_YES && wc == KEY_MOUSE) {
			MEVENT ev;
			if (getmouse(&ev) != OK)
				continue;
			if (ev.bstate & BUTTON4_PRESSED)
				t->mouse_kind = 0; /* MOUSE_WHEEL_UP */
#ifdef BUTTON5_PRESSED
			else if (ev.bstate & BUTTON5_PRESSED)
				t->mouse_kind = 1; /* MOUSE_WHEEL_DOWN */
#endif
			else if (ev.bstate &
			         (BUTTON1_PRESSED | BUTTON1_CLICKED))
				t->mouse_kind = 2; /* MOUSE_CLICK */
			else
				continue; /* a release, a move: nothing */
			t->mouse_row = ev.y;
			t->mouse_col = ev.x;
			return K_MOUSE;
		}
		if (r == KEY_CODE_YES) {
			int k = map_keycode(wc);
			if (k)
				return k;
			continue;
		}
		if (r == OK) {
			int k = map_char(wc);
			if (k != K_ESC)
				return k;
			/* Alt-x arrives as ESC x in one write. */
			nodelay(stdscr, TRUE);
			r = wget_wch(stdscr, &wc);
			nodelay(stdscr, FALSE);
			if (r == OK && wc > ' ' && wc != 127)
				return (int)wc | K_META;
			if (r == KEY_CODE_YES)
				ungetch((int)wc);
			else if (r == OK)
				unget_wch((wchar_t)wc);
			return K_ESC;
		}
		/* Nothing buffered: sleep until input or a signal. */
		struct pollfd pfd[3] = {{.fd = STDIN_FILENO, .events = POLLIN},
		                        {.fd = t->watch_fd, .events = POLLIN},
		                        {.fd = t->saver_fd, .events = POLLIN}};
		sigset_t none;
		sigemptyset(&none);
		struct timespec ts = {timeout_ms / 1000,
		                      (long)(timeout_ms % 1000) * 1000000L};
		/* poll skips the entries whose fd is negative. */
		int n = ppoll(pfd, 3, timeout_ms < 0 ? NULL : &ts, &none);
		if (n < 0 && errno != EINTR)
			return 0;
		if (n == 0)
			return 0; /* timed out: the caller has work to do */
		if (n > 0 &&
		    (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))) {
			quit_signal = SIGHUP;
			return 0;
		}
		if (n > 0 && t->saver_fd >= 0 &&
		    (pfd[2].revents & (POLLIN | POLLHUP)))
			return K_SAVER;
		if (n > 0 && t->watch_fd >= 0 && (pfd[1].revents & POLLIN))
			return K_WATCH;
	}
}

bool
tty_interrupt(void *ctx)
{
	struct tty *t = ctx;
	/* A key waiting (ncurses has none of its own buffered while the
	 * app works: keys are read one at a time, between events). */
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	if (poll(&p, 1, 0) > 0)
		return true;
	/* A quit signal waits, blocked, for the next ppoll: end the work
	 * now so that it comes. */
	sigset_t pending;
	if (sigpending(&pending) == 0 &&
	    (sigismember(&pending, SIGINT) || sigismember(&pending, SIGTERM) ||
	     sigismember(&pending, SIGHUP) || sigismember(&pending, SIGQUIT)))
		return true;
	(void)t;
	return false;
}

bool
tty_quit_requested(const struct tty *t)
{
	(void)t;
	return quit_signal != 0;
}

const char *
tty_curses_version(void)
{
	return curses_version();
}
