# shellcheck shell=sh
# Shared helpers for the command-line tests (cli.sh, cli-config.sh): run
# lectern without a terminal and check its status, output and messages.
set -eu
: "${LECTERN:?}" "${TOP_SRCDIR:?}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck disable=SC2034 # for the scripts that source this
CORPUS="$TOP_SRCDIR/corpus"
# Each test script keeps its reading state apart.
export XDG_STATE_HOME="$WORK/state"
n=0
fail() {
	echo "FAIL: $*"
	exit 1
}
ok() { n=$((n + 1)); }

# expect_status CODE CMD...: runs CMD, output to $WORK/out and $WORK/err.
expect_status() {
	want=$1
	shift
	set +e
	"$@" >"$WORK/out" 2>"$WORK/err"
	got=$?
	set -e
	[ "$got" = "$want" ] ||
		fail "'$*' exited $got, expected $want; stderr: $(cat "$WORK/err")"
}
out_has() { grep -qF -- "$1" "$WORK/out" || fail "stdout lacks '$1': $(cat "$WORK/out")"; }
err_has() { grep -qF -- "$1" "$WORK/err" || fail "stderr lacks '$1': $(cat "$WORK/err")"; }
