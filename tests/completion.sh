#!/bin/bash
# The shell completions (completions/lectern.bash and completions/_lectern):
#  - the bash one, driven as bash does it (COMP_WORDS, COMP_CWORD, then
#    _lectern), offers the options, the values of --color=, --size=,
#    --width= and --print=, file names for --output, and folders and
#    .md/.txt articles for PATH;
#  - both offer every option of `lectern --help` and no other: they keep
#    agreeing with the program.
set -eu
: "${LECTERN:?}" "${TOP_SRCDIR:?}"
BASH_COMP=$TOP_SRCDIR/completions/lectern.bash
ZSH_COMP=$TOP_SRCDIR/completions/_lectern
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
n=0
fail() {
	echo "FAIL: $*"
	exit 1
}
ok() { n=$((n + 1)); }

# shellcheck source=../completions/lectern.bash
. "$BASH_COMP"
[ "$(complete -p lectern)" = "complete -F _lectern lectern" ] ||
	fail "lectern.bash does not register _lectern for lectern"

# candidates WORD...: the sorted candidates, one a line, for the last WORD
# of the line "lectern WORD..." (split at "=" as bash does by default:
# give "--color" "=" "a" for --color=a).
candidates() {
	COMP_WORDS=(lectern "$@")
	COMP_CWORD=$#
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_lectern "$LECTERN" "${COMP_WORDS[COMP_CWORD]}" \
		"${COMP_WORDS[COMP_CWORD - 1]}"
	if [ ${#COMPREPLY[@]} -gt 0 ]; then
		printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
	fi
}
# expect "CANDIDATES" WORD...: the candidates, space-separated, are these.
expect() {
	want=$1
	shift
	got=$(candidates "$@" | tr '\n' ' ')
	[ "$got" = "$want${want:+ }" ] ||
		fail "lectern $*<TAB>: got '$got', expected '$want'"
	ok
}

# ---------------------------------------------------------------- options
expect "--check-config --color --color= --config=" --c
expect "--keys-file= --keys=" --key
expect "--print=" --pr
expect "-V" -V
# Option values, with "=" a word of its own (bash's default) or not.
expect "always auto never" --color =
expect "always auto" --color = a
expect "--color=never" --color=n
expect "80x24" --size = 8
expect "100x30 120x40 132x43" --size 1
expect "72" -w 7
expect "" --grep =
# --print: the numbers of the articles of the corpus on the line.
expect "1 2 3 4 5 6 7 8 9" "$TOP_SRCDIR/corpus" --print =
expect "1" "$TOP_SRCDIR/corpus/01-no-technical-grounds.md" -p 1

# ------------------------------------------------------------------ files
mkdir -p "$WORK/d/sub" "$WORK/d/sub2"
: >"$WORK/d/a.md"
: >"$WORK/d/b.txt"
: >"$WORK/d/c.png"
: >"$WORK/d/config.yaml"
d=$WORK/d
# PATH: folders and articles, not other files.
expect "$d/a.md $d/b.txt $d/sub $d/sub2" "$d/"
expect "$d/sub $d/sub2" "$d/s"
expect "$d/a.md $d/b.txt $d/sub $d/sub2" -l -- "$d/"
# After --check-config, PATHs are config files: any file.
expect "$d/config.yaml" --check-config "$d/co"
# --output, --config, --keys-file: any file.
expect "$d/c.png" -o "$d/c."
expect "$d/c.png $d/config.yaml" --output = "$d/c"
expect "$d/config.yaml" --config = "$d/conf"
expect "$d/a.md" --keys-file "$d/a"
# Names relative to the working folder; "-" is standard input.
cd "$d"
expect "- a.md b.txt c.png config.yaml sub sub2" --keys-file ""
expect "a.md b.txt sub sub2" ""
cd - >/dev/null

# ------------------------------------------------- agreement with --help
# Every option of --help, as docs.sh reads them from its option table.
"$LECTERN" --help | grep -E '^ *(-[a-zA-Z0-9],|--[a-z])' |
	grep -oE '(^|[ ,])--?[a-zA-Z0-9][a-z-]*' | sed 's/^[ ,]*//' |
	LC_ALL=C sort -u >"$WORK/help.opts"
[ "$(wc -l <"$WORK/help.opts")" -ge 20 ] || fail "too few options in --help"
# bash: what "-" completes to.
candidates - | sed 's/=$//' | LC_ALL=C sort -u >"$WORK/bash.opts"
if ! cmp -s "$WORK/help.opts" "$WORK/bash.opts"; then
	echo "FAIL: options: --help (<) and lectern.bash (>) disagree"
	diff "$WORK/help.opts" "$WORK/bash.opts" || true
	exit 1
fi
ok
# zsh: the options of the _arguments specs ('(-l --list)'{-l,--list}'[...]'
# and '--grep=[...]'), read from each spec's text before its "[".
grep -E "^[[:space:]]+'" "$ZSH_COMP" | sed 's/\[.*//' |
	grep -oE -- '(^|[^a-z-])--?[a-zA-Z][a-z-]*' | sed 's/^[^-]*//' |
	LC_ALL=C sort -u >"$WORK/zsh.opts"
if ! cmp -s "$WORK/help.opts" "$WORK/zsh.opts"; then
	echo "FAIL: options: --help (<) and _lectern (>) disagree"
	diff "$WORK/help.opts" "$WORK/zsh.opts" || true
	exit 1
fi
ok
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$ZSH_COMP" || fail "_lectern: zsh syntax error"
	ok
fi

echo "completion: $n passed, 0 failed"
