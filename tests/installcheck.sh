#!/bin/sh
# make installcheck (make distcheck runs it on its own install): the
# installed lectern finds the installed corpus; an installed corpus that
# holds no article never hides ./corpus; the installed man pages name the
# configured data folder; the shell completions are installed.
#
# Environment (from Makefile.am): LECTERN, the installed binary; PKGDATADIR,
# where the data was installed; INSTALLED_PKGDATADIR, the folder lectern
# was built to look in (the same unless DESTDIR was used); MANDIR;
# BASHCOMPDIR and ZSHCOMPDIR, the completions' folders.
set -eu
: "${LECTERN:?}" "${PKGDATADIR:?}" "${INSTALLED_PKGDATADIR:?}" "${MANDIR:?}"
unset LECTERN_CORPUS LECTERN_CONFIG
WORK=$(mktemp -d)
trap 'restore; rm -rf "$WORK"' EXIT
fail() {
	echo "FAIL: installcheck: $*"
	exit 1
}
moved=
restore() {
	if [ -n "$moved" ]; then
		mv "$WORK/saved/"* "$PKGDATADIR/corpus/"
		moved=
	fi
}

[ -x "$LECTERN" ] || fail "no installed lectern at $LECTERN"
"$LECTERN" --version >/dev/null || fail "--version"

for page in man1/lectern.1 man5/lectern.5 man5/lectern-config.5; do
	f=$MANDIR/$page
	[ -f "$f" ] || fail "$page not installed"
	grep -q "$INSTALLED_PKGDATADIR" "$f" || [ "$page" = man5/lectern.5 ] ||
		fail "$page does not name $INSTALLED_PKGDATADIR"
	if [ "$INSTALLED_PKGDATADIR" != /usr/local/share/lectern ] &&
		grep -q /usr/local/share/lectern "$f"; then
		fail "$page still names /usr/local/share/lectern"
	fi
done

# The shell completions, where bash-completion and zsh look for them.
if [ -n "${BASHCOMPDIR:-}" ]; then
	[ -f "$BASHCOMPDIR/lectern" ] || fail "no bash completion in $BASHCOMPDIR"
	[ -f "$ZSHCOMPDIR/_lectern" ] || fail "no zsh completion in $ZSHCOMPDIR"
fi

if [ "$PKGDATADIR" != "$INSTALLED_PKGDATADIR" ]; then
	echo "installcheck: installed with DESTDIR, corpus checks skipped"
	exit 0
fi

# From a folder with no ./corpus, the installed corpus is read.
mkdir "$WORK/empty" "$WORK/here" "$WORK/here/corpus" "$WORK/saved"
cd "$WORK/empty"
"$LECTERN" --grep Huawei >"$WORK/out" || fail "--grep with no PATH"
grep -q "^$PKGDATADIR/corpus/" "$WORK/out" ||
	fail "the installed corpus was not read: $(head -n 3 "$WORK/out")"
[ "$("$LECTERN" --list | wc -l)" = 9 ] || fail "--list: not 9 articles"

# An installed corpus folder with no article in it does not hide ./corpus.
printf 'Local article\n\nText.\n' >"$WORK/here/corpus/a.txt"
mv "$PKGDATADIR/corpus/"* "$WORK/saved/"
moved=1
cd "$WORK/here"
"$LECTERN" --list >"$WORK/out" 2>"$WORK/err" ||
	fail "--list with an empty installed corpus: $(cat "$WORK/err")"
grep -q "Local article" "$WORK/out" ||
	fail "./corpus not read: $(cat "$WORK/out" "$WORK/err")"
restore
echo "installcheck: ok"
