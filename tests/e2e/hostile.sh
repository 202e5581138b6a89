#!/bin/sh
# End to end: an article full of escape sequences (clear screen, window
# title, OSC 52 clipboard, OSC 8 link), C1 controls and bidi overrides
# reaches the screen only as visible placeholders.
. "$(dirname "$0")/lib.sh"

mkdir "$WORK/hostile"
esc=$(printf '\033')
bel=$(printf '\007')
{
	printf 'Hostile article\n\n'
	printf 'Before %s]0;PWNED-TITLE%s after the title.\n\n' "$esc" "$bel"
	printf 'Clear %s[2J%s[H screen attempt.\n\n' "$esc" "$esc"
	printf 'Clipboard %s]52;c;cHduZWQ=%s grab.\n\n' "$esc" "$bel"
	printf 'Link %s]8;;http://evil.example/%s\\click%s]8;;%s\\ end.\n\n' \
		"$esc" "$esc" "$esc" "$esc"
	printf 'CSI8bit \302\2332J and bidi \342\200\256reversed\342\200\254 text.\n'
} >"$WORK/hostile/evil.txt"

start 100 30 xterm-256color "$WORK/hostile"
wait_for "Hostile article"
assert_has "Before ^[]0;PWNED-TITLE^G after the title."
assert_has "Clear ^[[2J^[[H screen attempt."
assert_has "Clipboard ^[]52;c;cHduZWQ=^G grab."
assert_has "<U+009B>2J"
assert_has "<U+202E>reversed<U+202C>"
title=$(pane_var pane_title)
case "$title" in *PWNED*) fail "the article retitled the window" ;; esac
quit_and_check

# Hostile file names: on the screen, and in the warnings printed on the
# terminal at exit.  tmux is told to take OSC 52 (set-clipboard on): a
# name that reached the terminal raw would fill a paste buffer.
mkdir "$WORK/names"
osc52="${esc}]52;c;UFdORUQtRk5BTUU=${bel}"
osc0="${esc}]0;PWNED-FNAME${bel}"
printf -- '---\ntitle: x\n\nText\n' >"$WORK/names/a${osc52}${osc0}.md"
printf 'B title\n\nText\n' >"$WORK/names/b${osc0}.txt"
start 100 30 xterm-256color "$WORK/names"
t set-option -g set-clipboard on
wait_for "B title"
wait_for "^[]0;PWNED-FNAME^G.md:1:"
quit_and_check
wait_for "no closing '---' line"
case "$(pane_var pane_title)" in *PWNED*) fail "a file name retitled the window" ;; esac
[ -z "$(t list-buffers 2>/dev/null)" ] || fail "a file name wrote the clipboard: $(t list-buffers)"
echo "PASS"
