#!/bin/sh
# End to end at 40x12 on a vt100, and on a terminal type this machine has no
# terminfo entry for (as over SSH from kitty): lectern falls back and says so.
. "$(dirname "$0")/lib.sh"

start 40 12 vt100 "$CORPUS"
wait_for " 1/9"
assert_has ">‘No tec"
keys j j
wait_for " 3/9"
keys Tab G
wait_for "100%"
keys F1
wait_for "global: everywhere"
keys Escape
wait_gone "global: everywhere"
quit_and_check
t kill-server

start 100 30 no-such-terminal "$CORPUS"
wait_for "unknown TERM 'no-such-terminal': using xterm-256color"
keys j
wait_for " 2/9"
quit_and_check
t kill-server

# A terminal that cannot move the cursor (TERM=dumb): a clear error that
# points to the plain modes, exit 1, rather than a blank screen.
start 100 30 dumb "$CORPUS"
wait_for "EXIT:"
assert_has "TERM 'dumb' cannot move the cursor"
assert_has "--print"
assert_has "EXIT:1"
t kill-server

# A locale that is not UTF-8 (LANG=C): said so, in full; what lectern
# draws (the border, the hit map, ellipses, the metadata's dots) and
# common punctuation in ASCII look-alikes, anything else as ? rather than
# as mojibake.
E2E_LOCALE="LANG=C" start 100 30 xterm-256color "$CORPUS"
wait_for "locale not UTF-8: non-ASCII shown as ?"
assert_has "'No technical grounds' to ban Huawei"
assert_has "'No technical grounds' to~ 42|"
assert_has "telecoms.com - #huawei"
screen | grep -q '#$' || fail "no hit map marks in ASCII"
! screen | grep -v 'shown as ?' | grep -qF '?' ||
	fail "a ? drawn for lectern's own glyphs: $(screen | grep -F '?')"
# The heavy border of the focused pane too.
keys Tab
wait_for "F1 help"
! screen | grep -v 'shown as ?' | grep -qF '?' ||
	fail "a ? drawn with the pane focused: $(screen | grep -F '?')"
quit_and_check
t kill-server

# No locale variable at all (a root login on a fresh Debian): UTF-8 is
# taken, as it is for a UTF-8 locale that is named but not installed here.
for loc in "" "LANG=xx_YY.UTF-8" "LC_CTYPE=de_DE.utf8"; do
	E2E_LOCALE="$loc" start 100 30 xterm-256color "$CORPUS"
	wait_for "Parliament committee"
	assert_has "‘No technical grounds’ to ban Huawei"
	assert_lacks "locale is not UTF-8"
	quit_and_check
	t kill-server
done
echo "PASS"
