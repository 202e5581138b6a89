#!/bin/sh
# The command line without a terminal: --help, --version, --list, --print,
# the headless mode's errors, the corpus location rules, bad input.
# shellcheck source=tests/cli-lib.sh
. "$(dirname "$0")/cli-lib.sh"

expect_status 0 "$LECTERN" --help
out_has "Usage: lectern [OPTION]... [PATH]..."
out_has "--keys=SCRIPT"
out_has "--print=N"
ok

expect_status 0 "$LECTERN" --version
grep -qE '^lectern [0-9]+\.[0-9]+\.[0-9]+$' "$WORK/out" || fail "bad --version"
# As GNU tools: the libraries in use, each with a version, and a copyright.
grep -qE '^Libraries: ncursesw [0-9]+\.[0-9][^,]*, libyaml [0-9]+\.[0-9]+[^,]*, PCRE2 [0-9]+\.[0-9]+' \
	"$WORK/out" || fail "--version lacks the libraries: $(cat "$WORK/out")"
grep -qE '^Copyright \(C\) [0-9]{4}' "$WORK/out" || fail "--version lacks the copyright"
[ "$(wc -l <"$WORK/out")" -eq 3 ] || fail "--version: not 3 lines"
ok

# --list: one tab-separated line per article: number, title, words.
expect_status 0 "$LECTERN" --list "$CORPUS"
[ "$(wc -l <"$WORK/out")" -eq 9 ] || fail "--list printed $(wc -l <"$WORK/out") lines"
awk -F '\t' 'NF != 3 || $1 != NR || $3 !~ /^[0-9]+$/ || $3 < 100 { exit 1 }' \
	"$WORK/out" || fail "--list lines are not number<TAB>title<TAB>words"
[ "$(sed -n 3p "$WORK/out" | cut -f2)" = \
	"IBM and Google reportedly swap morals for cash in Chinese surveillance JV" ] ||
	fail "third title wrong"
[ "$(sed -n 9p "$WORK/out" | cut -f2)" = \
	"What can Western businesses learn from China’s digital innovators?" ] ||
	fail "ninth title wrong"
ok

# With no PATH: $LECTERN_CORPUS, else the corpus of the source tree.
LECTERN_CORPUS="$TOP_SRCDIR/tests/data/app" expect_status 0 "$LECTERN" --list
[ "$(wc -l <"$WORK/out")" -eq 3 ] || fail "LECTERN_CORPUS not used"
ok
(cd "$WORK" && env -u LECTERN_CORPUS "$LECTERN" --list) >"$WORK/out2" ||
	fail "no-argument run failed"
[ "$(wc -l <"$WORK/out2")" -eq 9 ] || fail "no-argument run did not find the bundled corpus"
ok

# --print: the article laid out at --width, no line wider.
expect_status 0 "$LECTERN" --print 3 --width 60 "$CORPUS"
[ "$(sed -n 1p "$WORK/out")" = "IBM and Google reportedly swap morals for cash in Chinese" ] ||
	fail "--print title line: $(sed -n 1p "$WORK/out")"
out_has "internal and external backlash."
[ "$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")" -le 60 ] ||
	fail "--print --width 60 printed a longer line"
ok
# Headings are kept, underlined (setext: - below the top level), within
# the width; the markdown markers are not copied.
expect_status 0 "$LECTERN" --print 2 --width 30 "$CORPUS"
if grep -qF "## " "$WORK/out"; then fail "heading marker leaked"; fi
grep -A2 -F "Chinese hackers are here there" "$WORK/out" >"$WORK/head"
[ "$(sed -n 2p "$WORK/head")" = "and everywhere" ] &&
	[ "$(sed -n 3p "$WORK/head")" = "------------------------------" ] ||
	fail "--print lost the heading's underline: $(cat "$WORK/head")"
[ "$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")" -le 30 ] ||
	fail "--print --width 30 printed a longer line"
ok

# | pipes the article as the pane shows it (headless: the command's output
# goes to standard error); the status line says how the command ended.
(cd "$WORK" && "$LECTERN" --no-state --size 80x24 \
	--keys "S Tab | c a t Space > Space p i p e d Enter" "$CORPUS") \
	>"$WORK/out" 2>"$WORK/err" || fail "| failed: $(cat "$WORK/err")"
out_has "| cat > piped: exit 0"
"$LECTERN" --print 1 --width 78 "$CORPUS" >"$WORK/printed"
cmp -s "$WORK/piped" "$WORK/printed" ||
	fail "| did not get the article as shown: $(diff "$WORK/piped" "$WORK/printed" | head -5)"
expect_status 0 "$LECTERN" --no-state --size 80x24 \
	--keys "Tab | e x i t Space 3 Enter" "$CORPUS"
out_has "| exit 3: exit 3"
# While selecting (v), | pipes the selected paragraphs as the file has
# them.
(cd "$WORK" && "$LECTERN" --no-state --size 80x24 \
	--keys "Tab v j | c a t Space > Space s e l Enter" "$CORPUS") \
	>"$WORK/out" 2>"$WORK/err" || fail "| on a selection failed"
[ "$(cat "$WORK/sel")" = "$(sed -n '/^Chair of the Science/p' "$CORPUS/01-no-technical-grounds.md")" ] ||
	fail "| did not pipe the selection: $(cat "$WORK/sel")"
# A command that reads one line and leaves: not an error, no SIGPIPE.
expect_status 0 "$LECTERN" --no-state --size 80x24 \
	--keys "Tab | h e a d Space - 1 Enter j" "$CORPUS"
err_has "No technical grounds"
ok

# o lists the links of the article (tests/data/links), numbered; Enter
# opens one with $BROWSER (the address given in the environment, never
# in the command's text), y copies it: with no terminal clipboard and no
# tmux, to clipboard.txt in the state folder.
LINKS="$TOP_SRCDIR/tests/data/links"
expect_status 0 env BROWSER='printf "<%s>\n"' "$LECTERN" --no-state \
	--size 100x20 --keys "Tab o" "$LINKS"
out_has ">  1  https://example.org/report_(2026)"
out_has "   2  www.example.com/summary"
out_has "   3  https://example.net/committee"
out_has "   4  press@example.org  (email)"
out_has "   5  http://example.test/q?a=1&b=2"
expect_status 0 env BROWSER='printf "<%s>\n"' "$LECTERN" --no-state \
	--size 100x20 --keys "Tab o j j Enter" "$LINKS"
err_has "<https://example.net/committee>"
out_has "opened https://example.net/committee"
expect_status 0 env -u TMUX -u DISPLAY -u WAYLAND_DISPLAY TERM=dumb \
	XDG_STATE_HOME="$WORK/clip" "$LECTERN" --no-state --size 100x20 \
	--keys "Tab o j y" "$LINKS"
out_has "copied http://www.example.com/summary (to $WORK/clip/lectern/clipboard.txt)"
[ "$(cat "$WORK/clip/lectern/clipboard.txt")" = "http://www.example.com/summary" ] ||
	fail "y did not copy the link: $(cat "$WORK/clip/lectern/clipboard.txt")"
# A failing opener is said; nothing is run from the address itself.
expect_status 0 env BROWSER=false "$LECTERN" --no-state --size 100x20 \
	--keys "Tab o G Enter" "$LINKS"
out_has "false could not open it: exit 1"
# With no way to open it, Enter copies it and says why.
expect_status 0 env -u TMUX -u DISPLAY -u WAYLAND_DISPLAY -u BROWSER \
	TERM=dumb XDG_STATE_HOME="$WORK/clip" "$LECTERN" --no-state \
	--size 200x20 --keys "Tab o Enter" "$LINKS"
out_has "no \$BROWSER and no display to open it on"
ok

# --export-notes: the bookmarks of the reading state, by article in
# corpus order, each with its note, the paragraph it marks and the
# citation; the same as YAML; the state file is not touched.  Bookmarks
# made in a headless session, their times then fixed, against a golden
# digest (tests/data/notes/).
export XDG_STATE_HOME="$WORK/state-notes"
expect_status 0 "$LECTERN" --size 80x24 --keys \
	"3 j Tab 5 j B a b o u t Space L a m b Enter G B Enter q g Tab 1 2 j B r e a d Space * t h i s * Enter" \
	"$CORPUS"
state=$(ls "$XDG_STATE_HOME"/lectern/corpus-*.yaml)
sed 's/^\(        created: \).*/\11764547200/' "$state" >"$WORK/fixed" &&
	cp "$WORK/fixed" "$state"
cksum <"$state" >"$WORK/before"
expect_status 0 env TZ=UTC "$LECTERN" --export-notes "$CORPUS"
sed "s|$CORPUS|CORPUS|g" "$WORK/out" >"$WORK/notes.md"
diff -u "$TOP_SRCDIR/tests/data/notes/notes.md" "$WORK/notes.md" ||
	fail "--export-notes differs from tests/data/notes/notes.md"
expect_status 0 env TZ=UTC "$LECTERN" --export-notes --format=yaml "$CORPUS"
sed "s|$CORPUS|CORPUS|g" "$WORK/out" >"$WORK/notes.yaml"
diff -u "$TOP_SRCDIR/tests/data/notes/notes.yaml" "$WORK/notes.yaml" ||
	fail "--export-notes --format=yaml differs from tests/data/notes/notes.yaml"
cksum <"$state" | cmp -s - "$WORK/before" || fail "--export-notes changed the state"
# E does the same from inside lectern, to a new file (never replacing one).
(cd "$WORK" && env TZ=UTC "$LECTERN" --size 80x24 --keys "E Enter E Enter" "$CORPUS") \
	>"$WORK/out" 2>"$WORK/err" || fail "E failed: $(cat "$WORK/err")"
out_has "notes.md exists: not replaced"
sed "s|$CORPUS|CORPUS|g" "$WORK/notes.md" | diff -u "$TOP_SRCDIR/tests/data/notes/notes.md" - ||
	fail "E saved other notes than --export-notes"
expect_status 2 "$LECTERN" --export-notes --format=pdf "$CORPUS"
err_has "--format"
expect_status 2 "$LECTERN" --export-notes --no-state "$CORPUS"
unset XDG_STATE_HOME
export XDG_STATE_HOME="$WORK/state"
ok

# Bad usage: exit 2 and a message naming the problem.
expect_status 2 "$LECTERN" --no-such-option
err_has "unknown option '--no-such-option'"
err_has "Try 'lectern --help'"
expect_status 2 "$LECTERN" --print
err_has "needs a value"
expect_status 2 "$LECTERN" --print zero
err_has "--print: 'zero' is not a positive number"
expect_status 2 "$LECTERN" --size 80by24 --keys q "$CORPUS"
err_has "--size: '80by24' is not COLSxROWS, like 80x24"
expect_status 2 "$LECTERN" --keys "j Jay Enter" "$CORPUS"
err_has "--keys:1:3: unknown key name 'Jay'"
printf 'j\n  k Foo\n' >"$WORK/keys"
expect_status 2 "$LECTERN" --keys-file "$WORK/keys" "$CORPUS"
err_has "$WORK/keys:2:5: unknown key name 'Foo'"
ok

# Trouble: exit 1, the file named.
expect_status 1 "$LECTERN" --list "$WORK/missing"
err_has "$WORK/missing"
expect_status 1 "$LECTERN" --print 10 "$CORPUS"
err_has "only 9 articles"
mkdir "$WORK/empty"
expect_status 1 "$LECTERN" --list "$WORK/empty"
err_has "no articles"
ok

# Not a terminal: a clear message, not curses' "Error opening terminal".
expect_status 1 "$LECTERN" "$CORPUS" </dev/null
err_has "must be a terminal"
ok

# Headless mode writes the screen to --output.
expect_status 0 "$LECTERN" --size 60x10 --keys "j" -o "$WORK/screen" "$CORPUS"
[ "$(wc -l <"$WORK/screen")" -eq 10 ] || fail "--output screen is not 10 rows"
grep -qF " 2/9 " "$WORK/screen" || fail "--output screen lacks the status line"
ok

# Untrusted text stays inert in --print as well.
mkdir "$WORK/evil"
printf 'Evil\n\nA \033]0;X\007 B \033[2J C\n' >"$WORK/evil/a.txt"
expect_status 0 "$LECTERN" --print 1 "$WORK/evil"
out_has "A ^[]0;X^G B ^[[2J C"
if LC_ALL=C grep -q "$(printf '\033')" "$WORK/out"; then
	fail "--print passed an ESC through"
fi
ok

# ... and in --list and in messages naming files.
printf -- '---\ntitle: "T\\e]0;X\\a\\tY"\n---\nbody\n' >"$WORK/evil/b.md"
expect_status 0 "$LECTERN" --list "$WORK/evil"
out_has "2	T^[]0;X^G^IY	1"
if LC_ALL=C grep -q "$(printf '\033')" "$WORK/out"; then
	fail "--list passed an ESC through"
fi
mkdir "$WORK/evil2"
printf 'x\0y' >"$WORK/evil2/$(printf 'bad\033]0;X\007name').txt"
expect_status 1 "$LECTERN" --list "$WORK/evil2"
err_has "bad^[]0;X^Gname.txt"
if LC_ALL=C grep -q "$(printf '\033')" "$WORK/err"; then
	fail "a message passed an ESC through"
fi
ok

# --grep: like grep -n, for scripts; 0 found, 1 none, 2 error.
expect_status 0 "$LECTERN" --grep 'Semptian' "$CORPUS"
[ "$(grep -c 'match' "$WORK/out")" -eq 1 ] || fail "--grep: one article expected: $(cat "$WORK/out")"
out_has "03-ibm-google-surveillance-jv.md: IBM and Google reportedly swap morals for cash in Chinese surveillance JV ("
grep -qE '^[0-9]+: .*Semptian' "$WORK/out" || fail "--grep printed no numbered line"
line=$(sed -n 2p "$WORK/out" | cut -d: -f1)
[ "$(sed -n "${line}p" "$CORPUS/03-ibm-google-surveillance-jv.md" | grep -c Semptian)" -eq 1 ] ||
	fail "--grep line number $line does not hold the match in the file"
expect_status 0 "$LECTERN" --grep 'huawei' "$CORPUS"
[ "$(grep -c ' matches)$\| match)$' "$WORK/out")" -ge 7 ] || fail "--grep huawei: too few articles"
expect_status 1 "$LECTERN" --grep 'Zanzibar' "$CORPUS"
[ ! -s "$WORK/out" ] || fail "--grep printed something for no match"
expect_status 2 "$LECTERN" --grep 'ab(c' "$CORPUS"
err_has "bad pattern"
expect_status 2 "$LECTERN" --grep 'x' "$WORK/missing"
ok

# --grep searches a file as read before parsing its head, and takes the
# body's matches from that search: the same answers as searching each
# body.  Matches only in the front matter or the title line do not count;
# one running from the front matter into the body sends the body to be
# searched again; ^ is the body's start; a CRLF file is searched with LF.
G="$WORK/g"
mkdir "$G"
printf -- '---\ntitle: Zebra in the title\n---\nNothing here.\n' >"$G/a.md"
printf -- 'Zebra title line\n\nNothing here either.\n' >"$G/b.md"
printf -- '---\ntitle: T\nend: Yak\n---\nYak body line.\n' >"$G/c.md"
printf -- '---\ntitle: T\n---\nBody first, Walrus.\n' >"$G/d.md"
printf -- 'Title\r\n\r\nOne\r\nTwo\r\n' >"$G/e.md"
expect_status 1 "$LECTERN" --grep 'Zebra' "$G"
expect_status 0 "$LECTERN" --grep 'Yak\n---\nYak|Yak body' "$G"
out_has "c.md: T (1 match)"
out_has "5: Yak body line."
expect_status 0 "$LECTERN" --grep '^Body first' "$G"
out_has "d.md: T (1 match)"
expect_status 0 "$LECTERN" --grep 'One\nTwo' "$G"
out_has "e.md: Title (1 match)"
out_has "3: One"
# A file no match is found in is not looked into: no word about its
# broken front matter (grep does not speak of files it does not print).
printf -- '---\ntitle: [x\n---\nQuagga\n\nQuagga again.\n' >"$G/f.md"
expect_status 1 "$LECTERN" --grep 'Zebra' "$G"
[ ! -s "$WORK/err" ] || fail "--grep warned about a file it does not print: $(cat "$WORK/err")"
expect_status 0 "$LECTERN" --grep 'Quagga' "$G"
err_has "f.md"
ok

# With its output thrown away (>/dev/null), --grep searches each file
# only to its first match and prints nothing, as GNU grep does: the same
# exit status and warnings as when it prints.  A match in the head only
# does not count; one in the head and one in the body does.
printf -- '---\ntitle: Gnu in the title\n---\nA Gnu in the body.\n' >"$G/h.md"
quiet_same() {
	set +e
	"$LECTERN" --grep "$1" "$2" >"$WORK/qout" 2>"$WORK/qerr"
	want=$?
	"$LECTERN" --grep "$1" "$2" >/dev/null 2>"$WORK/qerr2"
	got=$?
	set -e
	[ "$got" = "$want" ] || fail "--grep '$1' >/dev/null: status $got, printed $want"
	cmp -s "$WORK/qerr" "$WORK/qerr2" || fail "--grep '$1' >/dev/null: other warnings: $(cat "$WORK/qerr2")"
}
for p in Zebra Gnu 'Yak\n---\nYak|Yak body' '^Body first' 'One\nTwo' Quagga Zanzibar; do
	quiet_same "$p" "$G"
done
quiet_same Semptian "$CORPUS"
quiet_same Zanzibar "$CORPUS"
[ "$want" = 1 ] || fail "no match in the corpus, yet status $want"
# It stops at the first match: a pattern cut short when every match is
# printed (exit 2) has its answer, 0, before it becomes costly.
mkdir "$WORK/first"
awk 'BEGIN { printf "Title\n\nBody\n"; for (i = 0; i < 200000; i++) printf "a"; print "" }' >"$WORK/first/a.txt"
expect_status 2 timeout 20 "$LECTERN" --grep 'Body|\w(?=\w*$)' "$WORK/first"
timeout 20 "$LECTERN" --grep 'Body|\w(?=\w*$)' "$WORK/first" >/dev/null 2>"$WORK/qerr" ||
	fail "--grep >/dev/null did not stop at the first match: $(cat "$WORK/qerr")"
ok

# The reading state: the headless mode keeps it like the terminal UI does
# (in $XDG_STATE_HOME: a fresh one here, the earlier runs kept theirs).
export XDG_STATE_HOME="$WORK/state-kept"
expect_status 0 "$LECTERN" --size 80x24 --keys "j j j" "$CORPUS"
out_has " 4/9 "
expect_status 0 "$LECTERN" --size 80x24 --keys "" "$CORPUS"
out_has " 4/9 "
ls "$XDG_STATE_HOME"/lectern/corpus-*.yaml >/dev/null 2>&1 || fail "no state file"
expect_status 0 "$LECTERN" --no-state --size 80x24 --keys "" "$CORPUS"
out_has " 1/9 "
cp "$XDG_STATE_HOME"/lectern/corpus-*.yaml "$WORK/before"
expect_status 0 "$LECTERN" --no-state --size 80x24 --keys "j" "$CORPUS"
cmp -s "$XDG_STATE_HOME"/lectern/corpus-*.yaml "$WORK/before" || fail "--no-state wrote"
# A corrupt state file: moved aside, a warning, reading goes on.
printf 'version: 1\narticles: [[[\n' >"$(ls "$XDG_STATE_HOME"/lectern/corpus-*.yaml)"
expect_status 0 "$LECTERN" --size 80x24 --keys "" "$CORPUS"
err_has "corrupt"
out_has " 1/9 "
ls "$XDG_STATE_HOME"/lectern/corpus-*.corrupt-* >/dev/null 2>&1 || fail "not moved aside"
ok

# Keyword groups turned off stay off at the next start, and on again.
export XDG_STATE_HOME="$WORK/state-groups"
expect_status 0 "$LECTERN" --size 200x24 --keys "" "$CORPUS"
out_has "organisations 13 places 7"
expect_status 0 "$LECTERN" --size 200x24 --keys "t 1 t 3" "$CORPUS"
expect_status 0 "$LECTERN" --size 200x24 --keys "" "$CORPUS"
out_has " places 7 people 12 institutions 7"
! grep -q "organisations\|technology" "$WORK/out" || fail "groups 1 and 3 back on after a restart: $(tail -n 1 "$WORK/out")"
expect_status 0 "$LECTERN" --size 200x24 --keys "t 1" "$CORPUS"
expect_status 0 "$LECTERN" --size 200x24 --keys "" "$CORPUS"
out_has "organisations 13 places 7 people 12"
ok

# lectern never changes the terminal's palette: it does not even link the
# curses calls that would (init_color and its extended form).
if command -v nm >/dev/null 2>&1; then
	! nm -D "$LECTERN" 2>/dev/null | grep -q 'init_color\|init_extended_color' ||
		fail "lectern links init_color"
	nm -D "$LECTERN" | grep -q ' U alloc_pair\| U init_pair\| U wget_wch' ||
		fail "nm sees no curses symbol at all: the check would be vacuous"
	ok
fi

# A pattern cheap each time but quadratic over a long word (a minute
# before the search budget): cut short in well under a second, said, and
# --grep exits 2 (it cannot say "none"); the same in the search prompt
# and for a keyword group's pattern at start-up.
mkdir "$WORK/word"
awk 'BEGIN { printf "Word\n\n"; for (i = 0; i < 200000; i++) printf "a"; print "" }' >"$WORK/word/a.txt"
expect_status 2 timeout 20 "$LECTERN" --grep '\w(?=\w*$)' "$WORK/word"
err_has "a.txt: --grep: pattern too costly, search cut short; matches may be missing"
expect_status 0 timeout 20 "$LECTERN" --no-state --size 120x10 --keys 'Tab / \ w ( ? = \ w * $ ) Enter' "$WORK/word"
out_has "pattern too costly: search cut short"
printf 'highlight:\n  - name: costly\n    patterns: ["\\\\w(?=\\\\w*$)"]\n' >"$WORK/costly.yaml"
expect_status 0 timeout 20 "$LECTERN" --no-state --config "$WORK/costly.yaml" --keys q "$WORK/word"
ok

# s saves the open article as the pane lays it out, without colours: the
# same text as --print at the pane's width; never over a file or through
# a link; into a folder under the title's name.
mkdir -p "$WORK/save/into"
name=in-china-the-government-controls-everything-except-the-100-0.txt
(cd "$WORK/save" && expect_status 0 "$LECTERN" --no-state --size 100x10 \
	--keys "j Tab s Enter" "$CORPUS")
out_has "saved to $name"
expect_status 0 "$LECTERN" --print 2 --width 67 "$CORPUS"
cmp -s "$WORK/out" "$WORK/save/$name" || fail "the saved article is not what --print gives"
cp "$WORK/save/$name" "$WORK/save.before"
(cd "$WORK/save" && expect_status 0 "$LECTERN" --no-state --size 100x10 \
	--keys "j Tab s Enter" "$CORPUS")
out_has "exists: not"
cmp -s "$WORK/save.before" "$WORK/save/$name" || fail "a file was replaced"
ln -s "$WORK/save/target" "$WORK/save/link.txt"
(cd "$WORK/save" && expect_status 0 "$LECTERN" --no-state --size 100x10 \
	--keys "j Tab s C-u l i n k . t x t Enter" "$CORPUS")
[ ! -e "$WORK/save/target" ] || fail "saved through a link"
(cd "$WORK/save" && expect_status 0 "$LECTERN" --no-state --size 100x10 \
	--keys "j Tab s C-u i n t o Enter" "$CORPUS")
[ -f "$WORK/save/into/$name" ] || fail "not saved into the folder: $(ls "$WORK/save/into")"
ok

echo "cli: $n passed, 0 failed"
