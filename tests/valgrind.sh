#!/bin/sh
# valgrind stays clean: the headless mode (the same code as the terminal UI)
# and --print over the bundled corpus, with a resize and the help screen,
# under memcheck with leak checking.  Skipped (77) only in the sanitizer
# build, which checks the same things its own way.
set -eu
: "${LECTERN:?}" "${TOP_SRCDIR:?}"
if [ -n "${SANITIZERS:-}" ]; then
	echo "SKIP: ASan and valgrind do not mix; this build runs under ASan"
	exit 77
fi
command -v valgrind >/dev/null 2>&1 || {
	echo "FAIL: valgrind is needed (apt-get install valgrind)"
	exit 1
}
# PCRE2's JIT is off: its generated code is not ours to check, and
# valgrind reports on it would not be about lectern.
export LECTERN_NO_JIT=1
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect "$@" >/dev/null
}
vg "$LECTERN" --size 80x24 \
	--keys 'j j Enter Space Space G g ? j q K resize:40x12 J Tab resize:1x1 resize:100x30' \
	"$TOP_SRCDIR/corpus"
vg "$LECTERN" --print 2 --width 50 "$TOP_SRCDIR/corpus"
vg "$LECTERN" --list "$TOP_SRCDIR/corpus" "$TOP_SRCDIR/tests/data/unicode"
vg "$LECTERN" --dump-config
vg "$LECTERN" --no-state --size 100x30 --keys '/ h u a w e i Enter n n F c h i n a Enter Esc t t q ] ] H' "$TOP_SRCDIR/corpus"
vg "$LECTERN" --grep 'Huawei|ZTE' "$TOP_SRCDIR/corpus"
echo "valgrind: 6 passed, 0 failed"
