#!/bin/sh
# End to end: keywords drawn in their group's colour (capture-pane -e),
# per-group counts in the status line, the search prompt moving the view
# and counting matches, n going on to the next matching article, ] 1 and
# t 1 on the groups.
. "$(dirname "$0")/lib.sh"

start 200 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
# The built-in groups: counts for the open article in the status line.
wait_for "organisations 13 places 7 technology 3 people 12 institutions 7"
# "Huawei" (organisations: yellow, bold) and "UK" (places: cyan) coloured.
line=$(screen_colors | grep -F "there is not enough technical evidence" | head -n 1)
printf '%s' "$line" | grep -qF '33mHuawei' ||
	fail "Huawei not yellow: $(printf '%s' "$line" | cat -v)"
screen_colors | grep -F "Committee in the" | grep -qE '36m[^[]*UK' ||
	fail "UK not cyan: $(screen_colors | grep -F 'Committee in the' | cat -v)"
# The hit map marks hits in their group's colour: the first article has
# hits of several groups, so its marks come in more than one colour, each
# the colour of a group (yellow, cyan, green, magenta or blue).
{ styles_of "▐"; styles_of "█"; } | sed -n 's/.*fg=\([^ ]*\).*/\1/p' |
	sort -u >"$WORK/mapfg"
[ "$(grep -c . "$WORK/mapfg")" -ge 2 ] ||
	fail "hit map marks in fewer than two colours: $(cat "$WORK/mapfg")"
! grep -qvE '^(3[1-6]|94)$' "$WORK/mapfg" ||
	fail "hit map marks in colours of no group: $(cat "$WORK/mapfg")"

# Search: the prompt counts as you type; Enter jumps and says where.
keys Tab /
keys -l "supply chain"
wait_for "/supply chain"
wait_for "5 matches"
keys Enter
wait_for "match 1/5"
assert_has "the Supply Chain"
# The current match is drawn in its own role (current-match: underlined,
# on cyan, where the others are on yellow): one of those in view, and n
# moves it.
current_of() {
	styles_of "upply" >"$WORK/$1"
	[ "$(grep -c underline "$WORK/$1")" = 1 ] ||
		fail "not one current match in view: $(cat "$WORK/$1")"
	grep underline "$WORK/$1" | grep -q 'bg=46' ||
		fail "the current match is not on cyan: $(cat "$WORK/$1")"
}
current_of cur1
keys n
wait_for "match 2/5"
current_of cur2
! cmp -s "$WORK/cur1" "$WORK/cur2" || fail "n did not move the current match"
keys n n n
wait_for "match 5/5"
keys n
wait_for "in the next matching article"
# Articles 2 and 3 do not mention it: skipped.
wait_for " 4/9 "

# Group keys: t 1 turns organisations off, ] 2 walks the places.
keys t 1
wait_for "group 1 (organisations) off"
keys ] 2
wait_for "(places)"
screen | tail -n 1 | grep -qE 'hit [0-9]+/[0-9]+ \(places\)' || fail "no hit count"
keys g ] 2
wait_for "hit 1/14 (places)"

# The corpus filter: the sidebar narrows to the matching articles, each
# with its count and a snippet; Esc in the sidebar shows all again.
keys F
wait_for "filter:"
keys -l "Semptian"
keys Enter
wait_for "1 article matches 'Semptian'"
assert_has ">IBM and Google reportedly"
assert_has "Chinese firm Semptian"
assert_lacks "Study tenuously"
assert_has " 1/1 of 9 "
keys Tab Escape
wait_for "showing every article"
assert_has "Study tenuously"
quit_and_check
t kill-server

# The groups take the theme's colours: on the light theme organisations
# are blue (yellow would not read on white) ...
printf 'theme: light\n' >"$WORK/light.yaml"
start 120 30 xterm-256color --config "$WORK/light.yaml" "$CORPUS"
wait_for "Parliament committee"
styles_of "Huawei" | head -n 1 | grep -q 'fg=34' ||
	fail "Huawei not blue on the light theme: $(styles_of Huawei | head -n 1)"
quit_and_check
t kill-server
# ... and without colour (NO_COLOR) the groups and the matches keep
# apart by their attributes: organisations bold, places underlined, a
# search match reversed.
E2E_ENV=NO_COLOR=1 start 120 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
line=$(screen_colors | grep -F "there is not enough technical evidence" | head -n 1)
printf '%s' "$line" | grep -qF "$(printf '\033[1mHuawei')" ||
	fail "Huawei not bold without colour: $(printf '%s' "$line" | cat -v)"
styles_of "UK" | grep -q '^underline fg=default' ||
	fail "UK not underlined without colour: $(styles_of UK)"
keys Tab /
keys -l "committee"
keys Enter
wait_for "match 1/"
styles_of "ommittee" | grep -q 'reverse' ||
	fail "a match not reversed without colour: $(styles_of ommittee)"
quit_and_check
echo "PASS"
