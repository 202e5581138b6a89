#!/bin/sh
# End to end: work over the whole corpus never holds the reader.  A filter
# with a pattern that is costly in every article (each search bounded,
# but forty of them a dozen seconds) stops at Esc, which does nothing
# more, says how far it got, and the keys answer; SIGTERM during such work ends lectern at once, the
# terminal given back.
. "$(dirname "$0")/lib.sh"

mkdir "$WORK/words"
i=0
while [ "$i" -lt 40 ]; do
	awk -v n="$i" 'BEGIN { printf "Word %02d\n\n", n; for (k = 0; k < 150000; k++) printf "a"; print "" }' \
		>"$WORK/words/$i.txt"
	i=$((i + 1))
done

start 100 20 xterm-256color --no-state "$WORK/words"
wait_for "Word 00"
keys F
wait_for "filter:"
keys -l '\w(?=\w*$)'
keys Enter
# The filter is running: Esc stops it.
keys Escape
wait_for "filter stopped ("
# The Esc that stopped it does nothing else: the message stays.
wait_for "articles looked in)"
# Down, not j: lectern may not have read the Esc yet, and an Esc and a
# j read together are Alt-j.
keys Down
wait_for " 2/40 "
quit_and_check

start 100 20 xterm-256color --no-state "$WORK/words"
wait_for "Word 00"
keys F
wait_for "filter:"
keys -l '\w(?=\w*$)'
keys Enter
sleep 0.5 # let the filter start: the signal must come during it
t0=$(date +%s)
kill -TERM "$(lectern_pid)"
wait_for "EXIT:0"
[ $(($(date +%s) - t0)) -le 5 ] || fail "SIGTERM took more than a moment to end lectern"
[ "$(pane_var alternate_on)" = 0 ] || fail "the terminal was not given back"
echo "PASS"
