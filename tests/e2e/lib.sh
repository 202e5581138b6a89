# Shared helpers for the end-to-end tests: run the real lectern binary in a
# real terminal (a tmux pane on a private server), type keys, read the
# screen.  Every wait polls the screen with a timeout; nothing sleeps and
# then asserts.
#
# Environment (set by `make check`): LECTERN, the binary; TOP_SRCDIR, the
# source tree; TMUX_BIN, tmux.

set -eu

: "${LECTERN:?LECTERN must name the lectern binary}"
: "${TOP_SRCDIR:?TOP_SRCDIR must name the source tree}"
TMUX_BIN=${TMUX_BIN:-tmux}
if [ "$TMUX_BIN" = no ] || ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
	echo "FAIL: tmux is needed by the end-to-end tests (apt-get install tmux)"
	exit 1
fi
CORPUS="$TOP_SRCDIR/corpus"
TIMEOUT=${E2E_TIMEOUT:-15}
# A tmux server (and socket) per start: a server still going away after
# kill-server never meets the next start ("server exited unexpectedly").
SOCK_BASE="lectern-e2e-$$"
nsock=0
SOCK="$SOCK_BASE-0"
WORK=$(mktemp -d)
unset TMUX # a test run from inside tmux must not talk to the user's server

# quote WORD: WORD as a single-quoted shell word.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

t() { "$TMUX_BIN" -L "$SOCK" -f /dev/null "$@"; }

cleanup() {
	i=0
	while [ "$i" -le "$nsock" ]; do
		"$TMUX_BIN" -L "$SOCK_BASE-$i" kill-server >/dev/null 2>&1 || true
		i=$((i + 1))
	done
	# A lectern killed with the server may still be saving its state.
	rm -rf "$WORK" 2>/dev/null || { sleep 0.5; rm -rf "$WORK"; }
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	echo "---- screen:"
	t capture-pane -p -t "$PANE" 2>/dev/null || true
	echo "----"
	exit 1
}

# start COLS ROWS TERM ARGS...: runs lectern ARGS in a new pane of that size
# with that TERM, on a new tmux server; when lectern ends, the pane shows
# "EXIT:<status>".  The helpers below look at the pane named by $PANE
# (e2e, the one start makes; also_start makes others beside it).
start() {
	t kill-server >/dev/null 2>&1 || true
	nsock=$((nsock + 1))
	SOCK="$SOCK_BASE-$nsock"
	PANE=e2e
	start_as e2e "$@"
}

# also_start NAME COLS ROWS TERM ARGS...: another lectern, at once, in a
# session NAME of the same server (select it with PANE=NAME).
also_start() {
	start_as "$@"
}

start_as() {
	name=$1 cols=$2 rows=$3 term=$4
	shift 4
	# A fresh reading state for each start, unless the test keeps one
	# across starts in E2E_STATE.
	state_dir=${E2E_STATE:-$(mktemp -d "$WORK/state.XXXXXX")}
	{
		echo '#!/bin/sh'
		# E2E_ENV: extra NAME=VALUE words (no spaces) for lectern;
		# E2E_LOCALE: the locale variables set (none when empty).
		printf 'env -u NO_COLOR -u LECTERN_CONFIG -u LC_ALL -u LC_CTYPE -u LANG XDG_STATE_HOME=%s TERM=%s %s %s %s' \
			"$(quote "$state_dir")" "$(quote "$term")" \
			"${E2E_LOCALE-LC_ALL=C.UTF-8}" "${E2E_ENV:-}" \
			"$(quote "$LECTERN")"
		for a in "$@"; do printf ' %s' "$(quote "$a")"; done
		echo
		echo 'echo "EXIT:$?"'
		echo 'exec sleep 600'
	} >"$WORK/run-$name.sh"
	chmod +x "$WORK/run-$name.sh"
	t new-session -d -s "$name" -x "$cols" -y "$rows" "$WORK/run-$name.sh"
	t set-option -t "$name" status off >/dev/null
}

PANE=e2e
screen() { t capture-pane -p -t "$PANE"; }
screen_colors() { t capture-pane -p -e -t "$PANE"; }

# styles_of TEXT: for each place TEXT is on the screen, the style its first
# character is drawn in, one line each: "bold", "dim", "italic",
# "underline", "reverse" as set, then "fg=N" and "bg=N" (SGR colour codes:
# 33, 38;5;196, 38;2;255;136;0; "default" when none).  capture-pane -e
# only writes what changes from one cell to the next, across lines too, so
# the whole screen is read in order.
styles_of() {
	screen_colors | LC_ALL=C awk -v want="$1" '
	function reset() { bold = dim = ital = und = rev = 0; fg = bg = "default" }
	function style(   s) {
		s = ""
		if (bold) s = s "bold "
		if (dim) s = s "dim "
		if (ital) s = s "italic "
		if (und) s = s "underline "
		if (rev) s = s "reverse "
		return s "fg=" fg " bg=" bg
	}
	function sgr(p,    n, v, i, c) {
		n = split(p, v, ";")
		if (n == 0) { reset(); return }
		for (i = 1; i <= n; i++) {
			c = v[i] + 0
			if (v[i] == "" || c == 0) reset()
			else if (c == 1) bold = 1
			else if (c == 2) dim = 1
			else if (c == 3) ital = 1
			else if (c == 4) und = 1
			else if (c == 7) rev = 1
			else if (c == 22) bold = dim = 0
			else if (c == 23) ital = 0
			else if (c == 24) und = 0
			else if (c == 27) rev = 0
			else if (c == 39) fg = "default"
			else if (c == 49) bg = "default"
			else if (c == 38 || c == 48) {
				if (v[i + 1] == 5) { x = c ";5;" v[i + 2]; i += 2 }
				else { x = c ";2;" v[i + 2] ";" v[i + 3] ";" v[i + 4]; i += 4 }
				if (c == 38) fg = substr(x, 4); else bg = substr(x, 4)
			} else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) fg = c
			else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) bg = c
		}
	}
	BEGIN { reset() }
	{
		line = $0; text = ""; n = 0
		while (length(line)) {
			if (match(line, /^\033\[[0-9;]*m/)) {
				sgr(substr(line, 3, RLENGTH - 3))
				line = substr(line, RLENGTH + 1)
				continue
			}
			text = text substr(line, 1, 1); st[++n] = style()
			line = substr(line, 2)
		}
		from = 1
		while ((i = index(substr(text, from), want)) > 0) {
			print st[from + i - 1]
			from += i + length(want) - 1
		}
	}'
}

# wait_for TEXT: polls until TEXT is on the screen.
wait_for() {
	i=0
	while ! screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ "$i" -le $((TIMEOUT * 20)) ] || fail "timed out waiting for '$1'"
		sleep 0.05
	done
}

# wait_gone TEXT: polls until TEXT is no longer on the screen.
wait_gone() {
	i=0
	while screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ "$i" -le $((TIMEOUT * 20)) ] || fail "timed out waiting for '$1' to go"
		sleep 0.05
	done
}

# wait_row ROW TEXT: polls until screen row ROW (1-based) contains TEXT;
# after a resize, the status line on the new last row shows that lectern
# has drawn the new size.
wait_row() {
	i=0
	while ! screen | sed -n "$1p" | grep -qF -- "$2"; do
		i=$((i + 1))
		[ "$i" -le $((TIMEOUT * 20)) ] || fail "timed out waiting for '$2' on row $1"
		sleep 0.05
	done
}

keys() { t send-keys -t "$PANE" "$@"; }

assert_has() { screen | grep -qF -- "$1" || fail "screen lacks '$1'"; }
assert_lacks() { ! screen | grep -qF -- "$1" || fail "screen shows '$1'"; }

# pane_var NAME: a tmux format variable of the pane (#{NAME}).
pane_var() { t display-message -p -t "$PANE" "#{$1}"; }

# lectern_pid: the pid of the lectern running in the pane (its shell's
# child; no pgrep: procps may be missing on a minimal machine).
lectern_pid() {
	shell=$(pane_var pane_pid)
	for st in /proc/[0-9]*/stat; do
		set -- $(cat "$st" 2>/dev/null) x x x x
		if [ "$4" = "$shell" ] && [ "$2" = "(lectern)" ]; then
			echo "$1"
			return 0
		fi
	done
	fail "no lectern process under the pane"
}

# quit_and_check: Q (quit from anywhere, as in tig) ends lectern with
# status 0 and gives the terminal back.
quit_and_check() {
	keys Q
	wait_for "EXIT:"
	assert_has "EXIT:0"
	[ "$(pane_var alternate_on)" = 0 ] || fail "still on the alternate screen"
	[ "$(pane_var cursor_flag)" = 1 ] || fail "cursor left hidden"
	[ "$(pane_var keypad_cursor_flag)" = 0 ] ||
		fail "cursor keys left in application mode"
}
