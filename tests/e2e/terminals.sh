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
wait_for "quit lectern"
keys Escape
wait_gone "quit lectern"
quit_and_check
t kill-server

start 100 30 no-such-terminal "$CORPUS"
wait_for "unknown TERM 'no-such-terminal': using xterm-256color"
keys j
wait_for " 2/9"
quit_and_check
echo "PASS"
