#!/bin/sh
# Kills a state writer (tests/state_writer.c, which loads, changes and
# saves the state in a loop) with SIGKILL at random moments.  After each
# kill the state file must load cleanly: the old state or the new one,
# never a partial file, and nothing is ever moved aside as corrupt.
# At most 200 kills or 20 seconds.
set -eu
: "${BUILDDIR:?}"
writer="$BUILDDIR/tests/state_writer"
dir=$(mktemp -d "${TMPDIR:-/tmp}/lectern-crash.XXXXXX")
trap 'rm -rf "$dir"' EXIT
file="$dir/state.yaml"

fail() {
	echo "state-crash: FAIL: $*" >&2
	exit 1
}

"$writer" "$file" 3 || fail "the writer does not work"
start=$(date +%s)
i=0
while [ "$i" -lt 200 ] && [ $(($(date +%s) - start)) -lt 20 ]; do
	i=$((i + 1))
	"$writer" "$file" &
	pid=$!
	# 0 to 20 ms, from /dev/urandom (POSIX sh has no $RANDOM)
	ms=$(($(od -An -N2 -tu2 /dev/urandom | tr -d ' \n') % 21))
	sleep "0.0$(printf %02d "$ms")"
	kill -9 "$pid" 2>/dev/null || fail "the writer stopped by itself"
	wait "$pid" 2>/dev/null || true
	"$writer" --check "$file" >/dev/null ||
		fail "after kill $i the state file does not load cleanly"
	case $(ls "$dir") in
	*corrupt*) fail "after kill $i a file was moved aside" ;;
	esac
done
n=$("$writer" --check "$file") || fail "the final file does not load"
echo "state-crash: $i kills, the file always loaded ($n)"

# Two writers at once, each killed at random moments: saves take turns
# under the lock, so the file still always loads.
start=$(date +%s)
j=0
while [ "$j" -lt 100 ] && [ $(($(date +%s) - start)) -lt 15 ]; do
	j=$((j + 1))
	"$writer" "$file" &
	a=$!
	"$writer" "$file" &
	b=$!
	ms=$(($(od -An -N2 -tu2 /dev/urandom | tr -d ' \n') % 31))
	sleep "0.0$(printf %02d "$ms")"
	kill -9 "$a" 2>/dev/null || fail "writer A stopped by itself"
	ms=$(($(od -An -N2 -tu2 /dev/urandom | tr -d ' \n') % 11))
	sleep "0.0$(printf %02d "$ms")"
	kill -9 "$b" 2>/dev/null || fail "writer B stopped by itself"
	wait "$a" 2>/dev/null || true
	wait "$b" 2>/dev/null || true
	"$writer" --check "$file" >/dev/null ||
		fail "after double kill $j the state file does not load cleanly"
	case $(ls "$dir") in
	*corrupt*) fail "after double kill $j a file was moved aside" ;;
	esac
done
n=$("$writer" --check "$file") || fail "the final file does not load"
echo "state-crash: $j double kills, the file always loaded ($n)"
