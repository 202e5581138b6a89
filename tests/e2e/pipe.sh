#!/bin/sh
# End to end: | pipes the article to a shell command; o's links and a
# yank (v, y) with its citation are copied to a tmux buffer inside tmux.  The terminal is
# given back to the command (its output shows on the normal screen, then
# lectern waits for Enter, as mutt does), taken again afterwards with the
# screen drawn whole, and the status line says how the command ended.
. "$(dirname "$0")/lib.sh"

start 100 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
keys Tab '|'
wait_for "pipe to:"
keys "wc -l | sed 's/^/LINES=/'" Enter
wait_for "LINES="
wait_for "[lectern: exit 0; press Enter to go back]"
keys Enter
wait_for "| wc -l | sed 's/^/LINES=/': exit 0"
wait_for "Parliament committee"
assert_lacks "press Enter to go back" # the screen drawn whole again

# A failing command is said as an error; the reader is back in lectern.
keys '|'
wait_for "pipe to:"
keys "exit 4" Enter
wait_for "[lectern: exit 4; press Enter to go back]"
keys Enter
wait_for "| exit 4: exit 4"
quit_and_check

# Inside tmux, y in the link list copies to a tmux buffer (paste with
# prefix ]), and says so.
start 120 30 xterm-256color "$TOP_SRCDIR/tests/data/links"
wait_for "An article with links"
keys Tab o
wait_for "Links: Enter opens"
keys j y
wait_for "copied http://www.example.com/summary (to a tmux buffer)"
[ "$(t show-buffer)" = "http://www.example.com/summary" ] ||
	fail "the tmux buffer holds '$(t show-buffer)'"
keys q
wait_gone "Links: Enter opens"

# v selects from the top line, j extends it, y yanks the paragraphs with
# their citation into the tmux buffer.
keys v j y
wait_for "copied 1 paragraph with the citation (to a tmux buffer)"
t show-buffer >"$WORK/yanked"
grep -qF "The report is at https://example.org/report_(2026)" "$WORK/yanked" ||
	fail "the yank lacks the paragraph: $(cat "$WORK/yanked")"
grep -qF "— Test Writer, “An article with links”, example.org, 2026-12-03 (" "$WORK/yanked" ||
	fail "the yank lacks the citation: $(cat "$WORK/yanked")"
quit_and_check
echo "PASS"
