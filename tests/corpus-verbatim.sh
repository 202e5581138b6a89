#!/bin/sh
# Proves that the bundled corpus is the seed text verbatim.
#
# The seed is nine articles, each a title line and its paragraphs, separated
# by blank lines, with no newline after the last line.  Each corpus file is
# front matter (with the title) and then the seed lines after the title,
# byte for byte, except that the section headings got a "## " prefix and the
# last file ends with a newline.  So, for each file in order: the title line
# from the front matter, then the body with the "## " prefixes removed; the
# files joined with one blank line, and the final newline dropped, give the
# seed back exactly.
#
# The seed lives outside the source tree (../shared/seed); when it is not
# there, the reconstruction is checked against tests/data/seed.sha256.
#
# Environment: TOP_SRCDIR, the source tree (default: this script's dir/..).
set -eu

LC_ALL=C
export LC_ALL

TOP_SRCDIR=${TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
corpus=$TOP_SRCDIR/corpus
seed=$TOP_SRCDIR/../shared/seed/000_9d7f759c48deebe7.txt
sumfile=$TOP_SRCDIR/tests/data/seed.sha256

fail() {
	echo "corpus-verbatim: FAIL: $*" >&2
	exit 1
}

# file name|expected title (as in the seed, and in the sidebar): the
# titles' curly quotes are the titles'.
# shellcheck disable=SC1112
expected='01-no-technical-grounds.md|‘No technical grounds’ to ban Huawei says UK Parliament committee
02-china-hackers.md|In China, the government controls everything except the 100,000 hackers attacking Western targets every day
03-ibm-google-surveillance-jv.md|IBM and Google reportedly swap morals for cash in Chinese surveillance JV
04-us-huawei-saga.md|US/Huawei saga enters the realm of ‘who knows what going on?’
05-china-attacks-uk-business.md|China responsible for one in seven attacks on UK business – report
06-study-links-huawei-state.md|Study tenuously links Huawei to the Chinese state
07-ren-huawei-ditch-us.md|Ren’s back to tell us how Huawei is starting to ditch the US
08-trump-huawei-de-escalation.md|Trump’s Huawei de-escalation plans face broad domestic opposition
09-western-businesses-learn-china.md|What can Western businesses learn from China’s digital innovators?'

names=$(printf '%s\n' "$expected" | sed 's/|.*//')

[ -d "$corpus" ] || fail "no corpus folder at $corpus"

# Exactly the nine files, nothing else.
found=$(cd "$corpus" && for f in *; do [ -e "$f" ] && printf '%s\n' "$f"; done)
[ "$found" = "$names" ] || fail "corpus files differ from the nine expected:
$found"

# The title: the front matter's single-quoted "title:" line, unquoted.
title_of() {
	awk 'NR == 1 && $0 != "---" { exit }
	     NR > 1 && ($0 == "---" || $0 == "...") { exit }
	     NR > 1 && /^title: '\''.*'\''$/ {
		t = substr($0, 9, length($0) - 9)
		gsub(/'\'\''/, "'\''", t)
		print t
		exit
	     }' "$1"
}

# The body: everything after the front matter, heading prefixes removed.
body_of() {
	awk 'NR == 1 { if ($0 != "---") exit; next }
	     !done { if ($0 == "---" || $0 == "...") done = 1; next }
	     { sub(/^## /, ""); print }' "$1"
}

# Headings are the only lines allowed to differ from the seed.
headings_of() {
	grep -c '^## ' "$1" || true
}

printf '%s\n' "$expected" | while IFS='|' read -r name want; do
	f=$corpus/$name
	got=$(title_of "$f")
	[ "$got" = "$want" ] || fail "$name: title is '$got', expected '$want'"
	case $name in
	02-*) n=3 ;;
	09-*) n=2 ;;
	*) n=0 ;;
	esac
	[ "$(headings_of "$f")" = "$n" ] ||
		fail "$name: expected $n '## ' heading lines"
done

reconstruct() {
	for name in $names; do
		f=$corpus/$name
		[ "$name" = 01-no-technical-grounds.md ] || echo
		title_of "$f"
		body_of "$f"
	done | awk 'NR > 1 { printf "\n" } { printf "%s", $0 }'
}

want_sum=$(sed -n '1s/[[:space:]].*//p' "$sumfile")
[ -n "$want_sum" ] || fail "no checksum in $sumfile"
got_sum=$(reconstruct | sha256sum | sed 's/[[:space:]].*//')

if [ -r "$seed" ]; then
	if ! reconstruct | cmp -s - "$seed"; then
		reconstruct | diff "$seed" - >&2 || true
		fail "the corpus does not reconstruct $seed"
	fi
	seed_sum=$(sha256sum <"$seed" | sed 's/[[:space:]].*//')
	[ "$seed_sum" = "$want_sum" ] ||
		fail "$sumfile does not match $seed"
	echo "corpus-verbatim: ok (compared with $seed)"
else
	[ "$got_sum" = "$want_sum" ] ||
		fail "the corpus does not reconstruct the seed (sha256 $got_sum, expected $want_sum)"
	echo "corpus-verbatim: ok (checked against $sumfile)"
fi
