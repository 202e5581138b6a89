#!/bin/sh
# Every output mode with hostile names: file names, folder names, titles,
# a config path and config values holding ESC sequences (OSC 52 clipboard,
# OSC 0 title, CSI), C1 controls, BEL, newlines, bidi overrides and bytes
# that are not UTF-8.  No ESC, C1, BEL or bidi control may reach standard
# output or standard error in any mode: everything from outside goes
# through the one escaping path.  (git cannot hold such names: they are
# made here.)  The terminal side is tests/e2e/hostile.sh.
# shellcheck source=tests/cli-lib.sh
. "$(dirname "$0")/cli-lib.sh"

esc=$(printf '\033')
bel=$(printf '\007')
nl='
'
osc52="${esc}]52;c;UFdORUQtRk5BTUU=${bel}"
osc0="${esc}]0;PWNED-TITLE${bel}"
H="$WORK/h${osc0}dir"
mkdir "$H"
i=0
# Names with a newline cannot come from read: make each explicitly.
for name in "a${osc52}.md" "b${esc}[2Jc.txt" "d$(printf '\302\233')31m-c1.md" \
	"e$(printf '\233')raw-c1.md" "f${nl}newline.md" \
	"g$(printf '\342\200\256')txt.md" "h$(printf '\377\376')bad.md"; do
	i=$((i + 1))
	printf 'Title %s%s%s%s end\n\nHuawei is in article %s. Bell%s here.\n' \
		"$osc0" "$osc52" "$(printf '\302\233')" \
		"$(printf '\342\200\256')" "$i" "$bel" >"$H/$name"
done
# An unterminated front matter: its warning names the file.
printf -- '---\ntitle: x\n\nHuawei text\n' >"$H/z${osc52}.md"

# clean FILE WHAT: FILE holds no ESC, BEL, C1 control or bidi control.
clean() {
	perl -e '
		local $/; open(my $f, "<:raw", $ARGV[0]) or die;
		my $t = <$f>;
		if ($t =~ /[\x1b\x07]/) { print "ESC or BEL\n"; exit 1 }
		# Decode what is UTF-8; a C1 or bidi control in it is out.
		utf8::decode(my $d = $t);
		if ($d =~ /([\x{80}-\x{9f}\x{202a}-\x{202e}\x{2066}-\x{2069}\x{200e}\x{200f}])/) {
			printf "U+%04X\n", ord($1); exit 1
		}
		# Bytes of C1 characters in a text that is not UTF-8 as a whole.
		if ($t =~ /\xc2[\x80-\x9f]/) { print "C1 bytes\n"; exit 1 }
		if ($t =~ /\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]/) { print "bidi bytes\n"; exit 1 }
	' "$1" >"$WORK/why" || fail "$2: $(cat "$WORK/why") in $(od -c "$1" | head -n 8)"
}

# Both outputs of the last expect_status are clean.
both_clean() {
	clean "$WORK/out" "$1 (stdout)"
	clean "$WORK/err" "$1 (stderr)"
}

expect_status 0 "$LECTERN" --list "$H"
[ "$(wc -l <"$WORK/out")" -eq 8 ] || fail "--list: one line per article: $(cat "$WORK/out")"
both_clean "--list"
for k in 1 2 3 4 5 6 7 8; do
	expect_status 0 "$LECTERN" --print "$k" --width 60 "$H"
	both_clean "--print $k"
done
expect_status 0 "$LECTERN" --grep Huawei "$H"
both_clean "--grep"
# A pattern that reaches PCRE2's limits names each file on stderr.
expect_status 0 "$LECTERN" --grep '(\w+\s*)+$|Huawei' "$H"
both_clean "--grep, pattern too costly"
expect_status 0 "$LECTERN" --no-state --size 120x30 --keys "j j Tab / H u a w e i Enter n F a r t Enter" "$H"
both_clean "headless screen"
expect_status 0 "$LECTERN" --size 120x30 --keys "j Tab G" "$H"
both_clean "headless with state"

# Folders and paths that are not there, or hold nothing.
mkdir "$WORK/empty${osc52}"
expect_status 1 "$LECTERN" --list "$WORK/empty${osc52}"
err_has "no articles"
both_clean "no articles"
expect_status 1 "$LECTERN" --list "$WORK/missing${osc0}${nl}x"
both_clean "missing path"
expect_status 2 "$LECTERN" --grep x "$WORK/missing${osc0}"
both_clean "--grep, missing path"
expect_status 1 "$LECTERN" --keys q -o "$WORK/no/such${osc52}/out" "$H"
both_clean "-o unwritable"

# A config file with a hostile name and hostile values.
cfg="$WORK/c${osc52}.yaml"
printf 'highlight:\n  - name: "evil\\e]0;T\\a\\u202e"\n    words: ["x\\e[2J", "\\u202ey"]\n' >"$cfg"
expect_status 0 "$LECTERN" --check-config "$cfg"
both_clean "--check-config"
expect_status 0 "$LECTERN" --config "$cfg" --dump-config
both_clean "--dump-config"
expect_status 0 "$LECTERN" --config "$cfg" --list-keys
both_clean "--list-keys"
printf 'theme: "\\e]52;c;QQ==\\a"\n' >"$cfg"
expect_status 1 "$LECTERN" --check-config "$cfg"
both_clean "--check-config, bad value"
printf 'keys:\n  pager:\n    "\\e]0;x\\a": [j]\n' >"$cfg"
expect_status 1 "$LECTERN" --config "$cfg" --keys q "$H"
both_clean "a bad config at start-up"
ok

# Hostile TERM and option values.
TERM="x${osc0}" expect_status 1 "$LECTERN" "$H" </dev/null
both_clean "a hostile TERM"
expect_status 2 "$LECTERN" "--size=${osc52}"
both_clean "--size"
expect_status 2 "$LECTERN" "--color=${osc0}"
both_clean "--color"
ok

echo "hostile-names: $n passed, 0 failed"
