#!/bin/sh
# End to end: idle means idle.  Once lectern has drawn its screen (and
# counted every article's keyword hits in the background), it uses no CPU
# and writes nothing to the terminal until a key arrives: no polling loop.
. "$(dirname "$0")/lib.sh"

start 100 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
# The sidebar counts appear once the background counting is done.
wait_for "What can Western business… 61"
shell=$(pane_var pane_pid)
# The pane's shell runs lectern as its child (no pgrep: procps may be
# missing on a minimal machine).
pid=
for st in /proc/[0-9]*/stat; do
	set -- $(cat "$st" 2>/dev/null) x x x x
	[ "$4" = "$shell" ] && [ "$2" = "(lectern)" ] && pid=$1
done
[ -n "$pid" ] || fail "no lectern process under the pane"

# CPU ticks (utime + stime) and bytes written, from /proc.
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
written() { awk '/^wchar:/ { print $2 }' "/proc/$pid/io"; }

t0=$(ticks)
w0=$(written)
# The measurement window itself: nothing is awaited here, nothing should
# happen in it.
sleep 2
t1=$(ticks)
w1=$(written)
[ "$w1" = "$w0" ] || fail "wrote $((w1 - w0)) bytes while idle"
[ $((t1 - t0)) -le 1 ] || fail "used $((t1 - t0)) CPU ticks while idle"

# And a key still gets an answer.
keys j
wait_for " 2/9 "
quit_and_check
echo "PASS"
