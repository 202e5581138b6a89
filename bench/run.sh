#!/bin/sh
# lectern's performance claims, each measured as a ratio against a baseline
# in the same run (never as an absolute time):
#
#  1. scrolling costs the screen, not the article: the cost of 20000 more
#     key presses in a 20 MB article, against the same in a 20 KB one
#     (claim: ratio near 1);
#  2. start-up reads heads, not bodies: opening a corpus of 2000 articles
#     of 100 KB each to the first screen, against --list, which reads every
#     body (claim: ratio well below 1);
#  3. a resize re-wraps the open article once: 10 resizes in a 20 MB
#     article against 1 (reported; linear in the article size by design).
#
# Usage: bench/run.sh [LECTERN]   (default: ./lectern)
set -eu
LECTERN=${1:-./lectern}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export LC_ALL=C.UTF-8

now_ns() { date +%s%N; }

# best_ms CMD...: the fastest of 3 runs, in milliseconds.
best_ms() {
	best=
	for _ in 1 2 3; do
		t0=$(now_ns)
		"$@" >/dev/null
		t1=$(now_ns)
		ms=$(((t1 - t0) / 1000000))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 1) b = 1; printf "%.2f", a / b }'; }

para="Huawei and ZTE build 5G networks; the UK and the US argue about it while China builds more of them every year."
mkdir "$WORK/small" "$WORK/big" "$WORK/many"
{ echo "Small"; echo; i=0; while [ $i -lt 180 ]; do echo "$para"; echo; i=$((i + 1)); done; } >"$WORK/small/a.txt"
{ echo "Big"; echo; } >"$WORK/big/a.txt"
awk -v p="$para" 'BEGIN { for (i = 0; i < 180000; i++) print p "\n" }' >>"$WORK/big/a.txt"
awk -v p="$para" 'BEGIN { for (i = 0; i < 900; i++) print p "\n" }' >"$WORK/body"
i=0
while [ $i -lt 2000 ]; do
	{ echo "Article $i"; echo; cat "$WORK/body"; } >"$WORK/many/$i.txt"
	i=$((i + 1))
done

keys=$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "j "; }')
# No reading state: runs must not depend on each other.
run() { "$LECTERN" --no-state --size 100x40 --keys "$1" "$2"; }
# Without keyword groups, for the start-up claim: the headless mode counts
# every article's hits before its first screen (so that screens do not
# depend on timing), where the terminal UI counts them in the background.
printf 'highlight: []\n' >"$WORK/nogroups.yaml"

s0=$(best_ms run "Tab" "$WORK/small")
s1=$(best_ms run "Tab $keys" "$WORK/small")
b0=$(best_ms run "Tab" "$WORK/big")
b1=$(best_ms run "Tab $keys" "$WORK/big")
small_keys=$((s1 - s0))
big_keys=$((b1 - b0))
echo "1. 20000 j in a 20 MB article: ${big_keys} ms; in a 20 KB article: ${small_keys} ms; ratio $(ratio "$big_keys" "$small_keys") (claim: near 1)"

open_ms=$(best_ms "$LECTERN" --no-state --config "$WORK/nogroups.yaml" --size 100x40 --keys "" "$WORK/many")
list_ms=$(best_ms "$LECTERN" --list "$WORK/many")
echo "2. first screen of 2000 x 100 KB articles: ${open_ms} ms; --list reading every body: ${list_ms} ms; ratio $(ratio "$open_ms" "$list_ms") (claim: well below 1)"

resizes=$(awk 'BEGIN { for (i = 0; i < 5; i++) printf "resize:80x30 resize:100x40 "; }')
r1=$(best_ms run "resize:80x30" "$WORK/big")
r50=$(best_ms run "$resizes" "$WORK/big")
echo "3. 10 resizes of a 20 MB article: ${r50} ms; 1 resize: ${r1} ms; ratio $(ratio "$r50" "$r1")"
