#!/bin/sh
# End to end: idle means idle.  Once lectern has drawn its screen (and
# counted every article's keyword hits in the background), it uses no CPU,
# writes nothing and does not wake up until a key arrives: no polling
# loop, however slow.
. "$(dirname "$0")/lib.sh"

start 100 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
# The sidebar counts appear once the background counting is done.
wait_for "What can Western business… 61"
pid=$(lectern_pid)

# CPU ticks (utime + stime), bytes written, and wake-ups: the times any
# thread went to sleep of its own accord (a timer or a poll timeout wakes
# it and it sleeps again), from /proc.  A process blocked on its terminal
# wakes up for nothing, however loaded the machine is.
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
written() { awk '/^wchar:/ { print $2 }' "/proc/$pid/io"; }
wakeups() {
	cat /proc/"$pid"/task/*/status |
		awk '/^voluntary_ctxt_switches:/ { n += $2 } END { print n }'
}

t0=$(ticks)
w0=$(written)
s0=$(wakeups)
# The measurement window itself: nothing is awaited here, nothing should
# happen in it.
sleep 2
t1=$(ticks)
w1=$(written)
s1=$(wakeups)
[ "$w1" = "$w0" ] || fail "wrote $((w1 - w0)) bytes while idle"
[ $((t1 - t0)) -le 1 ] || fail "used $((t1 - t0)) CPU ticks while idle"
# A polling loop at even 1 Hz wakes twice in 2 s; allow one stray.
[ $((s1 - s0)) -le 1 ] || fail "woke up $((s1 - s0)) times in 2 s while idle"

# And a key still gets an answer.
keys j
wait_for " 2/9 "
quit_and_check
echo "PASS"
