#!/bin/sh
# The command line as a user types it: a mistake names the option as typed,
# --color alone, warnings said once, R without a config file.
. "$(dirname "$0")/cli-lib.sh"

# no_control FILE: FILE holds no control byte but newline.
no_control() {
	if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1"; then
		fail "control bytes in $1: $(od -c "$1" | head -n 5)"
	fi
}

# Every option that takes a value, as --help lists it, named in full when
# its value is missing, whether typed in full or abbreviated.
"$LECTERN" --help >"$WORK/help"
opts=$(sed -n 's/^ *\(-., \)\{0,1\}--\([a-z-]*\)=.*/\2/p' "$WORK/help")
[ "$(echo "$opts" | wc -w)" -ge 8 ] || fail "too few options with values in --help: $opts"
for o in $opts; do
	expect_status 2 "$LECTERN" "--$o"
	err_has "lectern: option '--$o' needs a value"
	err_has "Try 'lectern --help' for more information."
	no_control "$WORK/err"
done
expect_status 2 "$LECTERN" --conf
err_has "option '--config' needs a value"
for o in p w o; do
	expect_status 2 "$LECTERN" "-$o"
	err_has "option '-$o' needs a value"
	expect_status 2 "$LECTERN" "-l$o"
	err_has "option '-$o' needs a value"
done
ok

# Unknown and ambiguous options, and bytes that are not text.
expect_status 2 "$LECTERN" --frobnicate
err_has "unknown option '--frobnicate'"
expect_status 2 "$LECTERN" --co
err_has "option '--co' is ambiguous; possibilities: '--config' '--color' '--colour'"
expect_status 2 "$LECTERN" "$(printf -- '-\033')"
err_has "unknown option '-^['"
no_control "$WORK/err"
expect_status 2 "$LECTERN" "$(printf -- '--\033]0;x\007')"
no_control "$WORK/err"
expect_status 2 "$LECTERN" --print "$(printf '1\033[2J')"
err_has "--print: '1^[[2J' is not a positive number"
no_control "$WORK/err"
ok

# --color with no value means always (GNU ls and grep); = forms work.
for c in --color --color=always --color=auto --color=never --colour; do
	expect_status 0 "$LECTERN" "$c" --keys q "$CORPUS"
done
# As in GNU tools, the value of an optional one must follow an '='.
expect_status 1 "$LECTERN" --color always --keys q "$CORPUS"
err_has "always: cannot read"
ok

# A warning about the corpus is printed once.
mkdir "$WORK/warn"
printf -- '---\ntitle: x\n\nText.\n' >"$WORK/warn/a.md"
for mode in --list "--keys q" "--print 1" "--grep Text"; do
	# shellcheck disable=SC2086
	expect_status 0 "$LECTERN" $mode "$WORK/warn"
	[ "$(grep -c "no closing '---' line" "$WORK/err")" = 1 ] ||
		fail "$mode: the warning is not said once: $(cat "$WORK/err")"
done
ok

# R with no config file says so, naming no file.
expect_status 0 "$LECTERN" --keys R "$CORPUS"
out_has "no config file; using the built-in defaults"
printf 'theme: light\n' >"$WORK/c.yaml"
expect_status 0 "$LECTERN" --config "$WORK/c.yaml" --size 120x24 --keys R "$CORPUS"
out_has "config reloaded from $WORK/c.yaml"
ok

# A key script is read up to a bound: /dev/zero is refused, not read.
expect_status 2 timeout 10 "$LECTERN" --keys-file /dev/zero "$CORPUS"
err_has "/dev/zero: a key script larger than 4194304 bytes"
ok

echo "cli-options: $n passed, 0 failed"
