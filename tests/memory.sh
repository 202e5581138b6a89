#!/bin/sh
# Memory stays proportional to the article, at any width: an article of
# 16 MB printed and shown at widths from 1 column to 200, and resized
# from 1x1 back, must peak below 2 x the article + 16 MB (issue 10: a
# 200 MB article once took 5.5 GB at 80 columns).  Peak resident memory
# is measured by tests/peakrss.c.  Skipped (77) in the sanitizer tree,
# whose shadow memory is not lectern's.
set -eu
: "${LECTERN:?}" "${BUILDDIR:?}"
if [ -n "${SANITIZERS:-}" ]; then
	echo "memory: skipped in the sanitizer tree"
	exit 77
fi
peak="$BUILDDIR/tests/peakrss"
dir=$(mktemp -d "${TMPDIR:-/tmp}/lectern-mem.XXXXXX")
trap 'rm -rf "$dir"' EXIT

fail() {
	echo "memory: FAIL: $*" >&2
	exit 1
}

# 16 MB of paragraphs of words, with the odd long word and CJK line.
awk 'BEGIN {
	print "---\ntitle: Big\n---\n"
	w = "the quick brown fox jumps over a lazy dog and reads on"
	for (p = 0; p < 40000; p++) {
		line = ""
		for (i = 0; i < 7; i++)
			line = line w " "
		if (p % 97 == 0)
			line = line "averyveryveryverylongwordwithoutanybreakinit "
		if (p % 89 == 0)
			line = line "技术上没有理由禁止，委员会说。"
		print line "\n"
	}
}' >"$dir/big.md"
kb=$(($(wc -c <"$dir/big.md") / 1024))
limit=$((2 * kb + 16 * 1024))

# Runs lectern under peakrss; fails when it peaks over the limit.
check() {
	what=$1
	shift
	"$peak" "$LECTERN" --no-state --config /dev/null "$@" \
		>"$dir/out" 2>"$dir/err" || fail "$what: exit $? ($(cat "$dir/err"))"
	rss=$(sed -n 's/^peakrss //p' "$dir/err")
	[ -n "$rss" ] || fail "$what: no measure"
	[ "$rss" -le "$limit" ] ||
		fail "$what: peak $rss KB for a $kb KB article (limit $limit KB)"
	echo "memory: $what: $rss KB (limit $limit KB)"
}

check "--print -w 1" --print 1 -w 1 "$dir"
check "--print -w 80" --print 1 -w 80 "$dir"
check "pane at 1x1" --size 1x1 --keys Q "$dir"
check "pane at 100x30, to the end" --size 100x30 --keys 'Tab G Q' "$dir"
check "resized 200x60 to 1x1 and back" --size 200x60 \
	--keys 'Tab G resize:1x1 resize:200x60 g Q' "$dir"
