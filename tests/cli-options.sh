#!/bin/sh
# The command line as a user types it: a mistake names the option as typed,
# --color alone, warnings said once, R without a config file.
# shellcheck source=tests/cli-lib.sh
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

# The heads cache: in $XDG_CACHE_HOME/lectern (else ~/.cache/lectern), one
# file per folder, mode 0600, holding what the sidebar shows; the same
# output with it, without it (--no-cache: nothing written) and with a
# damaged one (rebuilt, not a word said).  (That a second start takes the
# heads from it, and when it must not, is tests/test_headcache.c.)
expect_status 0 env -u XDG_CACHE_HOME HOME="$WORK/home" "$LECTERN" --list "$CORPUS"
cp "$WORK/out" "$WORK/list.plain"
heads=$(ls "$WORK/home/.cache/lectern/"corpus-*.heads) ||
	fail "no heads cache under ~/.cache/lectern"
[ "$(stat -c %a "$heads")" = 600 ] || fail "$heads: mode $(stat -c %a "$heads")"
grep -qF "Huawei" "$heads" || fail "the cache holds no title"
expect_status 0 env XDG_CACHE_HOME="$WORK/xdg" "$LECTERN" --list "$CORPUS"
cmp -s "$WORK/out" "$WORK/list.plain" || fail "--list differs with a cache"
xdg_heads=$(ls "$WORK/xdg/lectern/"corpus-*.heads) ||
	fail "no heads cache under \$XDG_CACHE_HOME/lectern"
cmp -s "$heads" "$xdg_heads" || fail "two caches of one folder differ"
expect_status 0 env XDG_CACHE_HOME="$WORK/xdg" "$LECTERN" --list "$CORPUS"
cmp -s "$WORK/out" "$WORK/list.plain" || fail "--list differs from the cache"
printf 'damage' | dd of="$xdg_heads" bs=1 seek=40 conv=notrunc 2>/dev/null
expect_status 0 env XDG_CACHE_HOME="$WORK/xdg" "$LECTERN" --list "$CORPUS"
cmp -s "$WORK/out" "$WORK/list.plain" || fail "--list differs with a damaged cache"
[ ! -s "$WORK/err" ] || fail "a damaged cache is talked about: $(cat "$WORK/err")"
cmp -s "$heads" "$xdg_heads" || fail "a damaged cache is not rebuilt"
expect_status 0 env XDG_CACHE_HOME="$WORK/none" "$LECTERN" --no-cache --list "$CORPUS"
cmp -s "$WORK/out" "$WORK/list.plain" || fail "--list differs with --no-cache"
[ ! -e "$WORK/none" ] || fail "--no-cache wrote $(find "$WORK/none")"
: >"$WORK/file"
expect_status 0 env XDG_CACHE_HOME="$WORK/file" "$LECTERN" --list "$CORPUS"
cmp -s "$WORK/out" "$WORK/list.plain" || fail "--list differs with no room for a cache"
[ ! -s "$WORK/err" ] || fail "a cache that cannot be written is talked about"
ok

echo "cli-options: $n passed, 0 failed"
