#!/bin/sh
# Replays every fuzz target's seed inputs (fuzz/seeds/TARGET/) through the
# target built with fuzz/replay.c: the parsers' invariants are checked on
# each `make check`, under the sanitizers in that build tree.
set -eu
: "${TOP_SRCDIR:?}" "${BUILDDIR:?}"
for target in frontmatter script wrap config match state links cite app; do
	"$BUILDDIR/fuzz/replay_$target" "$TOP_SRCDIR/fuzz/seeds/$target"/*
done
echo "fuzz-replay: 9 passed, 0 failed"
