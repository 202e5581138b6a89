#!/bin/sh
# The reading state file when things go wrong (headless mode, the same
# session code as the terminal): a file that cannot be read is never
# written over; a lock another process holds makes the last save give up
# after a moment and keep the changes aside, which the next lectern takes
# in; a state file that is a symbolic link stays one; a .lock that is a
# link is not followed.
# shellcheck source=tests/cli-lib.sh
. "$(dirname "$0")/cli-lib.sh"

# The state file lectern uses for $CORPUS under XDG_STATE_HOME $1.
state_file() { ls "$1"/lectern/corpus-*.yaml; }

# A state with something in it: the first article read.
fresh_state() {
	rm -rf "$1"
	XDG_STATE_HOME=$1 expect_status 0 "$LECTERN" --keys "Tab G" "$CORPUS"
	grep -q 'read: true' "$(state_file "$1")" || fail "no read mark saved"
}

# ------------------------------------------------------------ unreadable
# As root, permissions stop nothing: the test runs lectern as nobody, on
# a state folder and file that nobody owns.
S="$WORK/unreadable"
fresh_state "$S"
f=$(state_file "$S")
if [ "$(id -u)" = 0 ]; then
	chown -R nobody "$S"
	chmod 755 "$WORK"
	as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
else
	as_user=
fi
chmod 000 "$f"
cp -p "$f" "$WORK/before" 2>/dev/null || true
# shellcheck disable=SC2086
XDG_STATE_HOME=$S expect_status 0 $as_user "$LECTERN" --size 160x24 --keys "j Tab m" "$CORPUS"
err_has "cannot read the reading state (Permission denied): going on without it, and not saving over it"
[ "$(grep -c 'cannot read the reading state' "$WORK/err")" = 1 ] ||
	fail "the warning is not said once: $(cat "$WORK/err")"
# shellcheck disable=SC2086
XDG_STATE_HOME=$S expect_status 0 $as_user "$LECTERN" --size 160x24 --keys "" "$CORPUS"
out_has "cannot read the reading state"
[ "$(stat -c %a "$f")" = 0 ] || fail "the unreadable file's mode changed"
chmod 600 "$f"
grep -q 'read: true' "$f" || fail "the unreadable file was written over"
[ -z "$(find "$S/lectern" -name '*pending*')" ] || fail "a pending file for a read-only state"
ok

# ------------------------------------------------------------ lock held
S="$WORK/locked"
fresh_state "$S"
f=$(state_file "$S")
# One process that holds it: killing it lets go.
(
	exec 9>"$f.lock"
	flock -x 9
	exec sleep 60
) &
holder=$!
# Wait until the holder has the lock (polling, as it starts).
i=0
while flock -n -x "$f.lock" true 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -lt 200 ] || fail "the lock was never taken"
	sleep 0.05
done
t0=$(date +%s)
XDG_STATE_HOME=$S expect_status 1 "$LECTERN" --keys "j Tab G" "$CORPUS"
t1=$(date +%s)
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
[ $((t1 - t0)) -le 5 ] || fail "quitting with the lock held took $((t1 - t0)) s"
err_has "another process holds its lock; the changes are kept in $f.pending-"
pending=$(ls "$f".pending-* 2>/dev/null) || fail "no pending file"
grep -q '"02-china-hackers.md"' "$pending" || fail "the pending file lacks the change"
! grep -q '02-china-hackers' "$f" || fail "the change reached the locked file"
# The next lectern takes the pending changes in, and saves them.
XDG_STATE_HOME=$S expect_status 0 "$LECTERN" --size 160x24 --keys "" "$CORPUS"
out_has "(7 unread)"
grep -q '"02-china-hackers.md"' "$f" || fail "the pending change was not saved"
! ls "$f".pending-* >/dev/null 2>&1 || fail "the pending file is still there"
ok

# --------------------------------------------------------- symbolic links
S="$WORK/linked"
fresh_state "$S"
f=$(state_file "$S")
mkdir "$WORK/dotfiles"
mv "$f" "$WORK/dotfiles/state.yaml"
ln -s "$WORK/dotfiles/state.yaml" "$f"
XDG_STATE_HOME=$S expect_status 0 "$LECTERN" --keys "j Tab" "$CORPUS"
[ -L "$f" ] || fail "the state file link was replaced by a file"
grep -q '"02-china-hackers.md"' "$WORK/dotfiles/state.yaml" || fail "not written through the link"
[ "$(ls "$WORK/dotfiles")" = state.yaml ] || fail "files left beside the target: $(ls "$WORK/dotfiles")"
# A .lock that is a link is not followed.
rm -f "$f.lock"
ln -s "$WORK/elsewhere" "$f.lock"
XDG_STATE_HOME=$S expect_status 1 "$LECTERN" --keys "j j Tab" "$CORPUS"
err_has "symbolic link, not followed"
[ ! -e "$WORK/elsewhere" ] || fail "the .lock link was followed"
ok

echo "state-files: $n passed, 0 failed"
