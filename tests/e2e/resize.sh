#!/bin/sh
# End to end: a resize re-wraps and keeps the paragraph being read in view;
# too small says so; 1x1 survives; a burst of resizes leaves a sane screen.
. "$(dirname "$0")/lib.sh"

start 100 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
keys Tab
# Scroll until the "Supply chains" quote paragraph is at the top.
i=0
while ! screen | sed -n 1p | grep -qF "Supply chains for telecommunications"; do
	keys j
	i=$((i + 1))
	[ "$i" -lt 80 ] || fail "paragraph never reached the top"
	sleep 0.02
done

t resize-window -t e2e -x 60 -y 20
wait_row 20 " 1/9 "
screen | sed -n 1,4p | grep -qF "“Supply chains" ||
	fail "paragraph not kept in view after shrinking"

t resize-window -t e2e -x 130 -y 40
wait_row 40 " 1/9 "
# Taller than what is left of the article: the view stops at its end, with
# the paragraph still on screen.
assert_has "“Supply chains for telecommunications"
assert_has "100%"

t resize-window -t e2e -x 12 -y 4
wait_for "too small"
t resize-window -t e2e -x 1 -y 1
t resize-window -t e2e -x 40 -y 12
wait_row 12 " 1/9"
for s in 50x10 41x13 80x24 20x5 100x30 39x9 100x31; do
	t resize-window -t e2e -x "${s%x*}" -y "${s#*x}"
done
wait_row 31 "F1 help"
assert_has "“Supply chains"

quit_and_check
echo "PASS"
