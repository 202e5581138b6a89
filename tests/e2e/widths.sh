#!/bin/sh
# End to end: what lectern thinks it drew is what the terminal shows,
# column for column, with text whose width terminals disagree on: a
# family emoji joined by ZWJs (tmux draws it 2 columns wide, xterm 6), a
# flag, a heart with the emoji selector, a skin tone, a combining accent,
# CJK.  The headless screen (lectern's own model) and tmux's capture of
# the same screen must be the same, also after scrolling away and back
# (no stale cells).
. "$(dirname "$0")/lib.sh"

mkdir "$WORK/emoji"
{
	printf 'Emoji\n\n'
	i=0
	while [ "$i" -lt 12 ]; do
		printf 'Line %d: a family \360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247 then words, a flag \360\237\207\254\360\237\207\247, a heart \342\235\244\357\270\217, a thumb \360\237\221\215\360\237\217\275, caf\145\314\201, \345\215\216\344\270\272.\n\n' "$i"
		i=$((i + 1))
	done
} >"$WORK/emoji/a.txt"

LC_ALL=C.UTF-8 "$LECTERN" --no-state --size 100x20 --keys "Tab" "$WORK/emoji" >"$WORK/model"
start 100 20 xterm-256color --no-state "$WORK/emoji"
wait_for "Line 0: a family"
keys Tab
wait_for "F1 help"
# capture-pane pads no row: compare without trailing blanks.
norm() { sed 's/ *$//' "$1"; }
screen >"$WORK/shown"
if ! diff "$(norm "$WORK/model" >"$WORK/m"; echo "$WORK/m")" \
	"$(norm "$WORK/shown" >"$WORK/s"; echo "$WORK/s")" >"$WORK/diff"; then
	cat "$WORK/diff"
	fail "the terminal shows something else than lectern drew"
fi
# Away and back (not to the end, which would mark it read): the same,
# with nothing left over.
keys j j j j j
wait_for "line 6/"
keys g
wait_for "line 1/"
screen >"$WORK/again"
# Rows 2 to 19: the article (the first row has the progress, now grown,
# the last the status line).
norm "$WORK/again" | sed -n 2,19p >"$WORK/a"
sed -n 2,19p "$WORK/s" >"$WORK/s2"
cmp -s "$WORK/s2" "$WORK/a" || {
	diff "$WORK/s2" "$WORK/a"
	fail "stale cells after scrolling away and back"
}
quit_and_check
echo "PASS"
