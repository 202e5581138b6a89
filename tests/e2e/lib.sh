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
SOCK="lectern-e2e-$$"
WORK=$(mktemp -d)
unset TMUX # a test run from inside tmux must not talk to the user's server

# quote WORD: WORD as a single-quoted shell word.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

t() { "$TMUX_BIN" -L "$SOCK" -f /dev/null "$@"; }

cleanup() {
	t kill-server >/dev/null 2>&1 || true
	# A lectern killed with the server may still be saving its state.
	rm -rf "$WORK" 2>/dev/null || { sleep 0.5; rm -rf "$WORK"; }
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	echo "---- screen:"
	t capture-pane -p -t e2e 2>/dev/null || true
	echo "----"
	exit 1
}

# start COLS ROWS TERM ARGS...: runs lectern ARGS in a new pane of that size
# with that TERM; when lectern ends, the pane shows "EXIT:<status>".
start() {
	cols=$1 rows=$2 term=$3
	shift 3
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
	} >"$WORK/run.sh"
	chmod +x "$WORK/run.sh"
	t new-session -d -s e2e -x "$cols" -y "$rows" "$WORK/run.sh"
	t set-option -t e2e status off >/dev/null
}

screen() { t capture-pane -p -t e2e; }
screen_colors() { t capture-pane -p -e -t e2e; }

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

keys() { t send-keys -t e2e "$@"; }

assert_has() { screen | grep -qF -- "$1" || fail "screen lacks '$1'"; }
assert_lacks() { ! screen | grep -qF -- "$1" || fail "screen shows '$1'"; }

# pane_var NAME: a tmux format variable of the pane (#{NAME}).
pane_var() { t display-message -p -t e2e "#{$1}"; }

# quit_and_check: q ends lectern with status 0 and gives the terminal back.
quit_and_check() {
	keys q
	wait_for "EXIT:"
	assert_has "EXIT:0"
	[ "$(pane_var alternate_on)" = 0 ] || fail "still on the alternate screen"
	[ "$(pane_var cursor_flag)" = 1 ] || fail "cursor left hidden"
	[ "$(pane_var keypad_cursor_flag)" = 0 ] ||
		fail "cursor keys left in application mode"
}
