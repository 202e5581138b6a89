#!/bin/sh
# The documentation says what the program does:
#  - every option in `lectern --help` is in lectern(1) OPTIONS and in the
#    README, and each of those documents no option --help lacks;
#  - the keys lectern(1) KEYS documents, context by context, are exactly
#    the default keymap (`lectern --list-keys` with the built-in config);
#  - every sort order the program goes round is named in lectern(1),
#    lectern(5) and lectern-config(5);
#  - .ci/run runs the README's Quick-start test command.
# shellcheck source=tests/cli-lib.sh
. "$(dirname "$0")/cli-lib.sh"
MAN1=$TOP_SRCDIR/man/lectern.1
MAN5=$TOP_SRCDIR/man/lectern.5
MANCONF=$TOP_SRCDIR/man/lectern-config.5
README=$TOP_SRCDIR/README

# differ WHAT FILE1 FILE2: fails showing the lines only one of them has.
differ() {
	if ! cmp -s "$2" "$3"; then
		echo "FAIL: $1"
		diff "$2" "$3" || true
		exit 1
	fi
}

# ---------------------------------------------------------------- options
# Long and short options, one per line, from option-table lines: those
# that start (after spaces) with -x, or --name.
table() { grep -E '^ *(-[a-zA-Z0-9],|--[a-z])'; }
options_of() {
	grep -oE '(^|[ ,])--?[a-zA-Z0-9][a-z-]*' | sed 's/^[ ,]*//' | sort -u
}
"$LECTERN" --help | table | options_of >"$WORK/help.opts"
[ "$(wc -l <"$WORK/help.opts")" -ge 20 ] || fail "too few options in --help"
# lectern(1): the line after each .TP of OPTIONS, roff escapes undone.
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$MAN1" |
	awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' |
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/^\.[BIR]* *//' \
		-e 's/"//g' -e 's/^/ /' |
	options_of >"$WORK/man.opts"
differ "options: --help (<) and lectern(1) OPTIONS (>) disagree" \
	"$WORK/help.opts" "$WORK/man.opts"
# README: the option table of "Using it".
sed -n '/^Using it/,/^Keys/p' "$README" | table | options_of >"$WORK/readme.opts"
differ "options: --help (<) and the README (>) disagree" \
	"$WORK/help.opts" "$WORK/readme.opts"
ok

# ------------------------------------------------------------------- keys
# "context<TAB>key<TAB>action" for every binding, sorted.
env -u LECTERN_CONFIG "$LECTERN" --config /dev/null --list-keys |
	awk '/^[a-z]+:$/ { ctx = substr($0, 1, length($0) - 1); next }
	     /^conflicts/ { exit }
	     /^  / { act = $NF; key = $0; sub(/^ +/, "", key);
	             sub(/ +[^ ]+$/, "", key); print ctx "\t" key "\t" act }' |
	sort >"$WORK/keys.prog"
[ "$(wc -l <"$WORK/keys.prog")" -ge 60 ] || fail "too few bindings from --list-keys"
# lectern(1) KEYS: under each ".SS context", each .TP's next line holds the
# keys (bold words; ", " and " to " between them, "t 1" " to " "t 9" a
# range) and the next ".RI (" line the action (or a range of actions).
sed -n '/^\.SH KEYS/,/^\.SH /p' "$MAN1" |
	sed -e 's/\\-/-/g' -e 's/\\&//g' -e "s/\\\\(aq/'/g" |
	awk '
	function words(line, out,    n, i, c, w, q) {
		# Splits a roff argument line into its words, "quoted" ones
		# kept whole; returns their number.
		n = 0; w = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (c == "\"") {
				if (q) { out[++n] = w; w = "" } q = !q
			} else if (c == " " && !q) {
				if (w != "") { out[++n] = w; w = "" }
			} else w = w c
		}
		if (w != "") out[++n] = w
		return n
	}
	/^\.SS / { ctx = ($2 ~ /^(global|list|pager|help|groups|bookmarks|links)$/) ? $2 : ""; next }
	ctx == "" { next }
	/^\.TP/ { want = 1; next }
	want {
		want = 0
		line = $0; sub(/^\.[BIR]+ */, "", line)
		n = words(line, w)
		nk = 0
		for (i = 1; i <= n; i++) {
			if (w[i] == "," || w[i] == ", ") continue
			if (w[i] == "to" || w[i] == " to ") { range = 1; continue }
			k[++nk] = w[i]
		}
		next
	}
	/^\.RI \(/ && nk {
		line = $0; sub(/^\.RI \( */, "", line); sub(/ *\).*$/, "", line)
		n = words(line, a)
		if (range) {
			# "t 1" to "t 9" with action-1 to action-9
			kp = k[1]; sub(/[0-9]$/, "", kp)
			ap = a[1]; sub(/[0-9]$/, "", ap)
			lo = substr(k[1], length(k[1])) + 0; hi = substr(k[nk], length(k[nk])) + 0
			for (d = lo; d <= hi; d++) print ctx "\t" kp d "\t" ap d
		} else
			for (i = 1; i <= nk; i++) print ctx "\t" k[i] "\t" a[1]
		nk = 0; range = 0
	}' | sort >"$WORK/keys.man"
differ "keys: the default keymap (<) and lectern(1) KEYS (>) disagree" \
	"$WORK/keys.prog" "$WORK/keys.man"
ok

# The reader's habits (issue 11) are in the README's key table and in
# --help as well, each key as the keymap binds it.
sed -n '/^Keys (press/,/^Keyword highlighting/p' "$README" >"$WORK/readme.keys"
"$LECTERN" --help >"$WORK/help.txt"
for pair in "pager C-o jump-back" "pager M-o jump-forward" \
	"global P prev-unread" "global M mark-all-read" "global # toggle-numbers" \
	"global M-m messages" "pager q focus-list" "global Q quit" \
	"pager % goto-percent" "pager C-d half-page-down" "pager Enter scroll-down" \
	"global S toggle-sidebar" "pager s save-article" "pager | pipe-article" \
	"pager o links" "pager v select" "pager y yank" \
	"global E export-notes"; do
	set -- $pair
	# The binding is the default ...
	case "$1" in pager) ctxs="pager global" ;; *) ctxs="$1" ;; esac
	found=
	for c in $ctxs; do
		if grep -qxF "$c	$2	$3" "$WORK/keys.prog"; then found=1; fi
	done
	[ -n "$found" ] || fail "keys: $2 is not $3 by default"
	# ... and the README and --help name its key.
	grep -qF -- "$2" "$WORK/readme.keys" || fail "keys: README lacks $2 ($3)"
	grep -qF -- "$2" "$WORK/help.txt" || fail "keys: --help lacks $2 ($3)"
done
ok

# ------------------------------------------------------------ sort orders
# Every order s goes round, as the status line names it.
keys="s"
: >"$WORK/sorts"
for _ in 1 2 3 4 5 6 7 8; do
	expect_status 0 "$LECTERN" --no-state --size 120x24 --keys "$keys" "$CORPUS"
	name=$(sed -n 's/.*sorted by \(.*[a-z]\)  *[(0-9].*/\1/p' "$WORK/out" | head -n 1)
	[ -n "$name" ] || fail "no 'sorted by' after '$keys': $(tail -n 1 "$WORK/out")"
	grep -qxF "$name" "$WORK/sorts" && break
	echo "$name" >>"$WORK/sorts"
	keys="$keys s"
done
[ "$(wc -l <"$WORK/sorts")" -ge 5 ] || fail "fewer than 5 sort orders: $(cat "$WORK/sorts")"
while read -r name; do
	for page in "$MAN1" "$MAN5" "$MANCONF"; do
		grep -qF "$name" "$page" || fail "$(basename "$page") does not name the sort order '$name'"
	done
done <"$WORK/sorts"
ok

# --------------------------------------------------------------- CI = README
readme_test=$(sed -n '/^Build and run the whole test suite/,/^[^ ]/p' "$README" |
	sed -n 's/^    //p' | head -n 1)
[ -n "$readme_test" ] || fail "no test command in the README's Quick start"
grep -qxF "$readme_test" "$TOP_SRCDIR/.ci/run" ||
	fail ".ci/run does not run the README's test command '$readme_test'"
ok

echo "docs: $n passed, 0 failed"
