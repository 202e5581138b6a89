#!/bin/sh
# Replays every fuzz target's seed inputs (fuzz/seeds/TARGET/) through the
# target built with fuzz/replay.c: the parsers' invariants are checked on
# each `make check`, under the sanitizers in that build tree.
set -eu
: "${TOP_SRCDIR:?}" "${BUILDDIR:?}"
# Every target in fuzz/ (tools/fuzz runs the same list), each with seeds.
n=0
for src in "$TOP_SRCDIR"/fuzz/fuzz_*.c; do
	target=${src##*/fuzz_}
	target=${target%.c}
	ls "$TOP_SRCDIR/fuzz/seeds/$target"/* >/dev/null 2>&1 || {
		echo "FAIL: fuzz target $target has no seeds in fuzz/seeds/$target"
		exit 1
	}
	"$BUILDDIR/fuzz/replay_$target" "$TOP_SRCDIR/fuzz/seeds/$target"/*
	n=$((n + 1))
done
[ "$n" -ge 10 ] || { echo "FAIL: only $n fuzz targets found"; exit 1; }
echo "fuzz-replay: $n passed, 0 failed"
