#!/bin/sh
# End to end: the mouse, as a terminal reports it (SGR 1006 sequences sent
# raw): with view.mouse on, the wheel scrolls the pane and a click selects
# a sidebar row; off (the default), the same bytes do nothing and never
# read as keys ("M is not bound here").
. "$(dirname "$0")/lib.sh"

printf 'view:\n  mouse: true\n' >"$WORK/mouse.yaml"
start 100 30 xterm-256color --config "$WORK/mouse.yaml" "$CORPUS"
wait_for "Parliament committee"
wait_for "line 1/"
keys -l "$(printf '\033[<65;60;5M')" # wheel down over the pane
wait_for "line 4/"
keys -l "$(printf '\033[<64;60;5M')" # wheel up
wait_for "line 1/"
keys -l "$(printf '\033[<0;5;4M')" # button 1 on the sidebar's 4th row
wait_for " 4/9 "
quit_and_check

start 100 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
keys -l "$(printf '\033[<65;60;5M\033[<0;5;4M')"
keys j # a key after them: the screen is drawn again
wait_for " 2/9 "
assert_has "line 1/"
assert_lacks "not bound"
quit_and_check
echo "PASS"
