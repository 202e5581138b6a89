#!/bin/sh
# End to end, the reading state in real terminals: two lecterns on one
# corpus and one state keep each other's reading, whichever quits first,
# and leave alone the article each only showed at start-up; moving the
# cursor over articles reads nothing; a change is saved a moment after
# it is made (a kill -9 then loses nothing); a lock held by another
# process never stops the keys, and q still quits at once, keeping the
# changes aside for the next start.
. "$(dirname "$0")/lib.sh"

E2E_STATE="$WORK/state"
mkdir -p "$E2E_STATE"
state_file() { ls "$E2E_STATE"/lectern/corpus-*.yaml 2>/dev/null; }

# entry_has PATH TEXT: the state file's entry for PATH has the line TEXT.
entry_has() {
	awk -v p="  - path: \"$1\"" -v want="$2" '
	$0 == p { on = 1; next }
	/^  - / || /^[a-z]/ { on = 0 }
	on && index($0, want) { found = 1 }
	END { exit !found }' "$(state_file)"
}

two_readers() { # FIRST SECOND: the order they quit in
	rm -rf "$E2E_STATE"/lectern
	start 100 30 xterm-256color "$CORPUS"
	also_start b 100 30 xterm-256color "$CORPUS"
	PANE=e2e
	wait_for "Parliament committee"
	PANE=b
	wait_for "Parliament committee"
	# A reads the third article to its end, B the fifth.
	PANE=e2e
	keys j j Tab G
	wait_for " 3/9 "
	wait_for "100%"
	PANE=b
	keys j j j j Tab G
	wait_for " 5/9 "
	wait_for "100%"
	PANE=$1
	quit_and_check
	PANE=$2
	quit_and_check
	PANE=e2e
	entry_has 03-ibm-google-surveillance-jv.md "read: true" ||
		fail "A's read mark lost ($1 quit first)"
	entry_has 05-china-attacks-uk-business.md "read: true" ||
		fail "B's read mark lost ($1 quit first)"
	! grep -q '01-no-technical-grounds' "$(state_file)" ||
		fail "the article shown at start-up got a state"
	# And a new lectern sees both.
	start 100 30 xterm-256color "$CORPUS"
	wait_for "(7 unread)"
	quit_and_check
}

two_readers e2e b
two_readers b e2e

# The cursor passing over every article reads nothing.
rm -rf "$E2E_STATE"/lectern
start 100 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
keys j j j j j j j j
wait_for " 9/9 "
quit_and_check
start 100 30 xterm-256color "$CORPUS"
wait_for " 9/9 (9 unread)"
assert_lacks "%│"
quit_and_check

# A change is saved a moment after it is made: kill -9 loses nothing.
start 100 30 xterm-256color "$CORPUS"
wait_for " 9/9 (9 unread)"
keys g Tab G
wait_for "100%"
i=0
until [ -n "$(state_file)" ] && entry_has 01-no-technical-grounds.md "read: true"; do
	i=$((i + 1))
	[ "$i" -le $((TIMEOUT * 20)) ] || fail "the read mark was never saved"
	sleep 0.05
done
kill -9 "$(lectern_pid)"
wait_for "EXIT:"
start 100 30 xterm-256color "$CORPUS"
wait_for "(8 unread)"
quit_and_check

# Another process holds the lock: keys still answer, the save waits in
# the background and says so, q quits at once keeping the changes aside.
f=$(state_file)
(
	exec 9>"$f.lock"
	flock -x 9
	exec sleep 120
) &
holder=$!
i=0
while flock -n -x "$f.lock" true 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -le 200 ] || fail "the lock was never taken"
	sleep 0.05
done
start 100 30 xterm-256color "$CORPUS"
wait_for "(8 unread)"
keys j Tab G
wait_for "(7 unread)"
wait_for "another process holds its lock"
keys g
wait_for "line 1/"
keys Tab j
wait_for " 3/9 "
t0=$(date +%s)
keys q
wait_for "EXIT:1"
[ $(($(date +%s) - t0)) -le 5 ] || fail "q took more than a moment"
wait_for "the changes are kept in"
kill "$holder"
wait "$holder" 2>/dev/null || true
start 100 30 xterm-256color "$CORPUS"
wait_for "(7 unread)"
quit_and_check
! ls "$f".pending-* >/dev/null 2>&1 || fail "the pending file stayed"

# Ctrl-\ (SIGQUIT) quits like SIGTERM: the terminal given back, the
# reading saved.
rm -rf "$E2E_STATE"/lectern
start 100 30 xterm-256color "$CORPUS"
wait_for "(9 unread)"
keys Tab G
wait_for "(8 unread)"
kill -QUIT "$(lectern_pid)"
wait_for "EXIT:0"
[ "$(pane_var alternate_on)" = 0 ] || fail "SIGQUIT left the alternate screen"
[ "$(pane_var cursor_flag)" = 1 ] || fail "SIGQUIT left the cursor hidden"
start 100 30 xterm-256color "$CORPUS"
wait_for "(8 unread)"
quit_and_check
echo "PASS"
