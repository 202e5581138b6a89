#!/bin/sh
# End to end, 100x30, xterm-256color: the nine titles, opening the third
# article, paging to its end, the help screen, quitting cleanly.
. "$(dirname "$0")/lib.sh"

start 100 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
# The nine titles (cut to the sidebar's width, each with its keyword hits).
for title in "‘No technical grounds’" "In China, the government" \
	"IBM and Google reportedly" "US/Huawei saga enters" \
	"China responsible for one" "Study tenuously links" \
	"Ren’s back to tell us" "Trump’s Huawei de-esca" \
	"What can Western business"; do
	assert_has "$title"
done
assert_has " 1/9 "
assert_has "? help"

# Unread rows are drawn in the unread style (bold in the default theme),
# read ones not: mark the second read, and look with the cursor away.
keys j m k
wait_for "(8 unread)"
styles_of "In China, the gov" | grep -qv bold ||
	fail "a read row in bold: $(styles_of "In China, the gov")"
styles_of "US/Huawei saga enters" | grep -q '^bold' ||
	fail "an unread row not bold: $(styles_of "US/Huawei saga enters")"
keys j m k
wait_for "(9 unread)"
styles_of "In China, the gov" | grep -q '^bold' ||
	fail "a row marked unread again not bold"

# Third article: two down in the sidebar, Enter to read it.
keys j j Enter
wait_for " 3/9 "
wait_for "IBM and Google executives should be bracing"
wait_for ">IBM and Google"

# Page to the end: the last paragraph shows, 100%.
i=0
while ! screen | grep -qF "100%"; do
	keys Space
	i=$((i + 1))
	[ "$i" -lt 40 ] || fail "never reached the end by paging"
	sleep 0.02
done
wait_for "internal and external backlash"

# Home goes back to the top.
keys Home
wait_for "line 1/"

# Help (F1 in the pane, where ? searches backward): generated from the
# keymap; q closes it, the article is back.
assert_has "F1 help"
keys F1
wait_for "global: everywhere, unless"
assert_has "global:"
keys q
wait_gone "global: everywhere, unless"
wait_for "IBM and Google executives"

# q in the pane goes back to the sidebar (neomutt, tig): j there moves
# the selection.
keys q j
wait_for " 4/9 "

quit_and_check

# A warning about the corpus: in the status line while running, printed
# once on the terminal (after the screen is given back), not twice.
mkdir "$WORK/warn"
printf -- '---\ntitle: x\n\nText.\n' >"$WORK/warn/a.md"
printf 'Fine\n\nText.\n' >"$WORK/warn/b.md"
start 100 30 xterm-256color "$WORK/warn"
wait_for "warning: front matter: no closing"
quit_and_check
[ "$(screen | grep -c "no closing '---' line")" = 1 ] ||
	fail "the warning is not printed once"
echo "PASS"
