#!/bin/sh
# Every man page renders without a warning: `groff -ww -z -man -Tutf8`
# (every groff warning), `mandoc -Tlint` (mandoc's own checks), and
# `man -l` (what a reader runs: preconv, tbl, groff) with all warnings on.
# Non-ASCII text goes in as \[uXXXX] escapes, so the pages do not depend
# on the input encoding groff is given.
set -eu
: "${TOP_SRCDIR:?}"
export LC_ALL=C.UTF-8 MANWIDTH=80
for tool in groff mandoc man; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "FAIL: $tool is needed (sh tools/install-deps --test)"
		exit 1
	}
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
n=0
bad=0
for page in "$TOP_SRCDIR"/man/*.[1-9]; do
	name=${page##*/}
	# A non-ASCII byte: groff without preconv warns about it.
	if LC_ALL=C grep -n '[^ -~	]' "$page" >"$WORK/out"; then
		echo "FAIL: $name: non-ASCII input (write \\[uXXXX]):"
		cat "$WORK/out"
		bad=$((bad + 1))
	fi
	groff -ww -z -man -Tutf8 "$page" >"$WORK/out" 2>&1 || true
	mandoc -Tlint "$page" >>"$WORK/out" 2>&1 || true
	man --warnings=all -l "$page" 2>>"$WORK/out" >"$WORK/text" || true
	if [ -s "$WORK/out" ]; then
		echo "FAIL: $name:"
		cat "$WORK/out"
		bad=$((bad + 1))
	elif [ "$(wc -l <"$WORK/text")" -lt 20 ]; then
		echo "FAIL: $name: man -l rendered $(wc -l <"$WORK/text") lines"
		bad=$((bad + 1))
	fi
	n=$((n + 1))
done
[ "$n" -ge 3 ] || {
	echo "FAIL: only $n man pages in $TOP_SRCDIR/man"
	exit 1
}
echo "man: $((n - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
