#!/bin/sh
# The config from the command line: --check-config, --dump-config,
# --list-keys, --config, $LECTERN_CONFIG, XDG_CONFIG_HOME, a bad config at
# start-up, hostile config files.
# shellcheck source=tests/cli-lib.sh
. "$(dirname "$0")/cli-lib.sh"
unset LECTERN_CONFIG NO_COLOR
export XDG_CONFIG_HOME="$WORK/xdg" HOME="$WORK/home"

# No config file anywhere: the built-in defaults.
expect_status 0 "$LECTERN" --check-config
out_has "built-in defaults: ok"
ok

# A valid file.
cat >"$WORK/good.yaml" <<'EOY'
keys:
  pager:
    scroll-down: [n, Down]
    top: g g
theme: light
EOY
expect_status 0 "$LECTERN" --check-config "$WORK/good.yaml"
out_has "$WORK/good.yaml: ok"
ok

# Every error, with file:line:col, and exit 1.
cat >"$WORK/bad.yaml" <<'EOY'
keys:
  pager:
    scrol-down: n
    top: Jay
  lsit:
    quit: q
themes:
  mine:
    inherit: other
    title: {fg: purple, attrs: [blink]}
theme: nope
EOY
expect_status 1 "$LECTERN" --check-config "$WORK/bad.yaml"
err_has "bad.yaml:3:5: keys.pager: unknown action 'scrol-down' (did you mean 'scroll-down'?)"
err_has "bad.yaml:4:10: keys.pager.top: unknown key 'Jay'"
err_has "bad.yaml:5:3: keys: unknown context 'lsit' (did you mean 'list'?)"
err_has "bad.yaml:10:17: themes.mine.title.fg: unknown colour 'purple'"
err_has "bad.yaml:10:33: themes.mine.title.attrs: unknown attribute 'blink'"
err_has "bad.yaml:9:14: themes.mine.inherit: unknown theme 'other'"
err_has "bad.yaml:11:8: theme: unknown theme 'nope'"
[ "$(grep -c 'bad.yaml:' "$WORK/err")" -ge 6 ] || fail "not every error reported: $(cat "$WORK/err")"
ok

# A bad config at start-up: errors on stderr, exit 1, nothing drawn (no
# terminal needed to see that: the headless mode stops before it too).
expect_status 1 "$LECTERN" --config "$WORK/bad.yaml" --keys q "$CORPUS"
err_has "unknown action 'scrol-down'"
[ ! -s "$WORK/out" ] || fail "something was drawn with a bad config"
LECTERN_CONFIG="$WORK/bad.yaml" expect_status 1 "$LECTERN" --keys q "$CORPUS"
err_has "unknown action 'scrol-down'"
err_has "the config has errors; check it with lectern --check-config"
ok

# The modes that only print articles do not read the config: a broken or
# missing one does not stop them.
for cfg in bad.yaml missing.yaml; do
	expect_status 0 "$LECTERN" --config "$WORK/$cfg" --list "$CORPUS"
	out_has "Parliament committee"
	[ ! -s "$WORK/err" ] || fail "--list read the config: $(cat "$WORK/err")"
	LECTERN_CONFIG="$WORK/$cfg" expect_status 0 "$LECTERN" --print 1 "$CORPUS"
	out_has "Parliament committee"
	LECTERN_CONFIG="$WORK/$cfg" expect_status 0 "$LECTERN" --grep Huawei "$CORPUS"
done
ok

# --config and LECTERN_CONFIG must exist; the XDG file need not.  A
# missing file is said as such, without the hint about errors inside it.
expect_status 1 "$LECTERN" --config "$WORK/missing.yaml" --keys q "$CORPUS"
err_has "missing.yaml: cannot open: No such file or directory"
! grep -q "has errors" "$WORK/err" || fail "a missing file 'has errors': $(cat "$WORK/err")"
[ ! -s "$WORK/out" ] || fail "something was drawn with a missing config"
LECTERN_CONFIG="$WORK/missing.yaml" expect_status 1 "$LECTERN" --dump-config
err_has "missing.yaml: cannot open: No such file or directory"
ok

# --config wins over LECTERN_CONFIG, which wins over the XDG file.
printf 'theme: light\n' >"$WORK/light.yaml"
printf 'theme: high-contrast\n' >"$WORK/hc.yaml"
LECTERN_CONFIG="$WORK/hc.yaml" expect_status 0 "$LECTERN" --config "$WORK/light.yaml" --dump-config
out_has "theme: light"
LECTERN_CONFIG="$WORK/hc.yaml" expect_status 0 "$LECTERN" --dump-config
out_has "theme: high-contrast"
ok

# An empty config (/dev/null, an empty file) is the built-in defaults.
expect_status 0 "$LECTERN" --dump-config
cp "$WORK/out" "$WORK/defaults.dump"
for empty in /dev/null "$WORK/empty.yaml"; do
	: >"$WORK/empty.yaml"
	expect_status 0 "$LECTERN" --config "$empty" --dump-config
	cmp -s "$WORK/out" "$WORK/defaults.dump" || fail "--config $empty is not the defaults"
	[ ! -s "$WORK/err" ] || fail "--config $empty: $(cat "$WORK/err")"
done
ok
mkdir -p "$XDG_CONFIG_HOME/lectern"
cp "$WORK/good.yaml" "$XDG_CONFIG_HOME/lectern/config.yaml"
expect_status 0 "$LECTERN" --list-keys
out_has "  g g          top"
ok

# --dump-config loads back to the same config.
expect_status 0 "$LECTERN" --config "$WORK/good.yaml" --dump-config
cp "$WORK/out" "$WORK/dump.yaml"
out_has "theme: light"
expect_status 0 "$LECTERN" --config "$WORK/dump.yaml" --dump-config
cmp -s "$WORK/out" "$WORK/dump.yaml" || fail "dump of the dump differs"
expect_status 0 "$LECTERN" --config "$WORK/good.yaml" --list-keys
sort "$WORK/out" >"$WORK/keys1"
expect_status 0 "$LECTERN" --config "$WORK/dump.yaml" --list-keys
sort "$WORK/out" >"$WORK/keys2"
cmp -s "$WORK/keys1" "$WORK/keys2" || fail "--list-keys differs after a dump round trip"
ok

# --list-keys reports a sequence shadowed by its own prefix.
printf 'keys:\n  pager:\n    bottom: g\n    top: g g\n' >"$WORK/shadow.yaml"
expect_status 0 "$LECTERN" --config "$WORK/shadow.yaml" --list-keys
out_has "conflicts:"
out_has "'g g' (top)"
ok

# Keys no terminal can send are flagged, by --check-config with their
# place (a warning: the config is still valid) and by --list-keys.
printf 'keys:\n  pager:\n    scroll-down: C-j\n    half-page-down: M-Down\n  global:\n    redraw: C-h\n' >"$WORK/unsendable.yaml"
expect_status 0 "$LECTERN" --check-config "$WORK/unsendable.yaml"
err_has "unsendable.yaml:3:18: warning: keys.pager.scroll-down: 'C-j' can never be typed: terminals send it as Enter"
err_has "unsendable.yaml:4:21: warning: keys.pager.half-page-down: 'M-Down' can never be typed"
err_has "'C-h' can never be typed: terminals send it as Backspace"
expect_status 0 "$LECTERN" --config "$WORK/unsendable.yaml" --list-keys
out_has "keys.pager: 'C-j' (scroll-down) can never be typed"
out_has "keys.pager: 'M-Down' (half-page-down) can never be typed"
ok

# A global key every view binds to something else is never reached.
printf 'keys:\n  global:\n    redraw: z\n  list:\n    sort: z\n  pager:\n    sort: z\n  help:\n    close-help: z\n  groups:\n    close: z\n  bookmarks:\n    close: z\n  links:\n    close: z\n' >"$WORK/unreach.yaml"
expect_status 0 "$LECTERN" --config "$WORK/unreach.yaml" --list-keys
out_has "keys.global: 'z' (redraw) can never be typed: every view binds 'z' to something else"
ok

# --list-keys does not stop at a config with errors: it says them, lists
# the keys as read (the first of a key given twice) and exits 1.
printf 'keys:\n  pager:\n    scroll-down: x\n    page-down: x\n    top: y\n' >"$WORK/twice.yaml"
expect_status 1 "$LECTERN" --config "$WORK/twice.yaml" --list-keys
err_has "twice.yaml:4:16: keys.pager.page-down: 'x' is given to both scroll-down (line 3) and page-down"
out_has "  x            scroll-down"
out_has "  y            top"
expect_status 1 "$LECTERN" --config "$WORK/missing.yaml" --list-keys
[ ! -s "$WORK/out" ] || fail "--list-keys listed keys of a config that is not there"
ok

# The rebound key works in the headless mode; the old one no longer does.
printf 'keys:\n  pager:\n    scroll-down: n\n' >"$WORK/n.yaml"
expect_status 0 "$LECTERN" --config "$WORK/n.yaml" --size 80x24 --keys "Tab n n" "$CORPUS"
out_has "line 3/"
expect_status 0 "$LECTERN" --config "$WORK/n.yaml" --size 100x24 --keys "Tab j" "$CORPUS"
out_has "j is not bound here"
ok

# Hostile files: clear errors, no hang, no crash.
expect_status 1 "$LECTERN" --check-config "$WORK"
err_has "directory"
mkfifo "$WORK/fifo.yaml"
expect_status 1 timeout 10 "$LECTERN" --check-config "$WORK/fifo.yaml"
err_has "FIFO"
expect_status 1 timeout 10 "$LECTERN" --check-config /dev/zero
err_has "/dev/zero"
printf 'keys: \377\376\n' >"$WORK/latin1.yaml"
expect_status 1 "$LECTERN" --check-config "$WORK/latin1.yaml"
err_has "UTF-8"
printf 'theme: dark\n---\ntheme: light\n' >"$WORK/two.yaml"
expect_status 1 "$LECTERN" --check-config "$WORK/two.yaml"
err_has "document"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "["; print "" }' >"$WORK/deep.yaml"
expect_status 1 timeout 10 "$LECTERN" --check-config "$WORK/deep.yaml"
err_has "deep.yaml"
ok

# --color takes auto, always or never.
expect_status 2 "$LECTERN" --color=sometimes --list "$CORPUS"
err_has "--color: 'sometimes' is not auto, always or never"
ok

# view: numbers from the start, in the pane and the sidebar; # turns the
# line numbers off again.
printf 'view:\n  line-numbers: true\n  article-numbers: true\n' >"$WORK/view.yaml"
expect_status 0 "$LECTERN" --no-state --config "$WORK/view.yaml" --size 80x8 \
	--keys "Tab" "$CORPUS"
head -n 1 "$WORK/out" | grep -q '^>1 .*     1  ' ||
	fail "no numbers from view: $(head -n 1 "$WORK/out")"
expect_status 0 "$LECTERN" --no-state --config "$WORK/view.yaml" --size 80x8 \
	--keys "Tab Hash" "$CORPUS"
head -n 1 "$WORK/out" | grep -q '     1  ' &&
	fail "# left the line numbers on: $(head -n 1 "$WORK/out")"
printf 'view:\n  line-numbers: 2\n' >"$WORK/view2.yaml"
expect_status 1 "$LECTERN" --check-config "$WORK/view2.yaml"
err_has "view2.yaml:2:17: view.line-numbers: expected true or false, not '2'"
ok

# A keyword pattern that runs out of its budget says so: an error on
# opening, and its counts marked as cut short (+), never a silent count.
mkdir -p "$WORK/runaway"
awk 'BEGIN { print "Title\n"; s = "a"; for (i = 0; i < 17; i++) s = s s; print s }' \
	>"$WORK/runaway/a.txt"
printf 'highlight:\n  - {name: "*", drop: true}\n  - name: bad\n    patterns: ["\\\\w(?=\\\\w*$)"]\n' >"$WORK/runaway.yaml"
expect_status 0 "$LECTERN" --no-state --config "$WORK/runaway.yaml" --size 80x6 \
	--keys "" "$WORK/runaway"
out_has "keyword pattern too costly here: hits cut short"
expect_status 0 "$LECTERN" --no-state --config "$WORK/runaway.yaml" --size 80x6 \
	--keys "Tab j" "$WORK/runaway"
tail -n 1 "$WORK/out" | grep -qE 'bad [0-9]+\+' ||
	fail "a cut-short count without its +: $(tail -n 1 "$WORK/out")"
ok

echo "cli-config: $n passed, 0 failed"
