#!/bin/sh
# End to end: the config file.  A rebound key works and the old one no
# longer does; a theme's colours reach the screen (capture-pane -e);
# NO_COLOR and a vt100 give attributes without colour; a config broken
# while lectern runs is reported and the old one stays in force; fixing
# it is picked up when the file is saved.
. "$(dirname "$0")/lib.sh"

cfg="$WORK/config.yaml"
cat >"$cfg" <<'EOY'
keys:
  pager:
    scroll-down: n
themes:
  loud:
    inherit: dark
    title: {fg: "#ff0000", attrs: [bold]}
    heading: {fg: 21}
theme: loud
EOY

E2E_ENV="LECTERN_CONFIG=$cfg" start 160 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
keys Tab n n
wait_for "line 3/"
keys j
wait_for "j is not bound here"
# j did not move: one more n is line 4.
keys n
wait_for "line 4/"
# The title in the theme's colour: #ff0000 is 196 on a 256-colour terminal.
keys g
wait_for "line 1/"
screen_colors | grep -F "‘No technical grounds’ to ban Huawei says UK" |
	grep -q "38;5;196m" || fail "title not drawn in colour 196"

# Break the config while running: the error shows, the old keys stay.
printf 'keys:\n  pager:\n    scrol-down: n\n' >"$cfg"
wait_for "config.yaml:3:5: keys.pager: unknown action 'scrol-down' (did you mean 'scroll-down'?)"
assert_has "config not reloaded"
keys n
wait_for "line 2/"
# Fix it and reload by key: the new binding is in force.
printf 'keys:\n  pager:\n    scroll-down: [j, Down]\n' >"$cfg"
wait_for "config reloaded"
keys j j
wait_for "line 4/"
quit_and_check
t kill-server

# NO_COLOR: attributes (reverse status line) but no colour at all.
E2E_ENV="LECTERN_CONFIG=$cfg NO_COLOR=1" start 100 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
if screen_colors | grep -qE '\[(3[0-7]|38;5;[0-9]+|9[0-7])m|;3[0-7]m'; then
	fail "colour drawn with NO_COLOR set"
fi
screen_colors | grep -q '7m' || fail "no reverse video with NO_COLOR"
quit_and_check
t kill-server

# vt100: no colour capability, attributes only.
start 100 30 vt100 "$CORPUS"
wait_for "Parliament committee"
if screen_colors | grep -qE '\[(3[0-7]|38;5;[0-9]+|9[0-7])m|;3[0-7]m'; then
	fail "colour drawn on a vt100"
fi
screen_colors | grep -q '7m' || fail "no reverse video on vt100"
quit_and_check
t kill-server

# One #rrggbb, three terminals: direct colour where terminfo says RGB, the
# nearest of 256, the nearest of 8.
printf 'themes:\n  t:\n    title: {fg: "#ff8800"}\ntheme: t\n' >"$cfg"
title="‘No technical grounds’ to ban Huawei says UK"
for case in "xterm-direct 38;2;255;136;0m" "xterm-256color 38;5;208m" \
	"xterm [33m"; do
	term=${case%% *}
	sgr=${case#* }
	E2E_ENV="LECTERN_CONFIG=$cfg" start 100 30 "$term" "$CORPUS"
	wait_for "Parliament committee"
	screen_colors | grep -F "$title" | grep -qF "$sgr" ||
		fail "$term: title not in $sgr: $(screen_colors | grep -F "$title" | cat -v)"
	quit_and_check
	t kill-server
done
echo "PASS"
