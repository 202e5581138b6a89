#!/bin/sh
# Headless screen tests: for each tests/screens/NAME.keys, run lectern's
# headless mode and compare the final screen with NAME.screen.
#
# NAME.keys holds the lines "size COLSxROWS", "corpus DIR" (relative to the
# source tree) and any number of "keys ..." lines, whose key names are
# joined into one script, and optionally "themes NAME..." to run it once
# under each of those themes (a config of "theme: NAME"), every run to
# give the same screen: a theme never changes what is drawn where.  Set
# UPDATE_SCREENS=1 to (re)write the expected screens after checking the
# new output by eye.
set -eu
: "${LECTERN:?}" "${TOP_SRCDIR:?}"
dir="$TOP_SRCDIR/tests/screens"
out=$(mktemp)
cfg=$(mktemp)
trap 'rm -f "$out" "$cfg"' EXIT
pass=0
fail=0
for k in "$dir"/*.keys; do
	name=$(basename "$k" .keys)
	size=$(sed -n 's/^size //p' "$k")
	corpus=$(sed -n 's/^corpus //p' "$k")
	script=$(sed -n 's/^keys //p' "$k" | tr '\n' ' ')
	themes=$(sed -n 's/^themes //p' "$k")
	for theme in ${themes:-""}; do
		what=$name${theme:+ (theme $theme)}
		if [ -n "$theme" ]; then
			printf 'theme: %s\n' "$theme" >"$cfg"
		else
			: >"$cfg" # the built-in config
		fi
		if ! "$LECTERN" --no-state --config "$cfg" \
			--size "${size:-80x24}" --keys "$script" \
			"$TOP_SRCDIR/${corpus:-corpus}" >"$out" 2>&1; then
			echo "FAIL: $what: lectern failed:"
			cat "$out"
			fail=$((fail + 1))
			continue
		fi
		if [ "${UPDATE_SCREENS:-}" = 1 ]; then
			cp "$out" "$dir/$name.screen"
		fi
		if diff -u "$dir/$name.screen" "$out"; then
			pass=$((pass + 1))
		else
			echo "FAIL: $what: the screen differs from $name.screen (above)"
			fail=$((fail + 1))
		fi
	done
done
echo "screens: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
