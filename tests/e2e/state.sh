#!/bin/sh
# End to end: the reading state survives a restart.  Read an article
# halfway, quit, start again: the same article at the same place; a
# bookmark and its note survive; the sort order survives; --no-state
# starts fresh and keeps nothing.
. "$(dirname "$0")/lib.sh"

E2E_STATE="$WORK/kept"
mkdir -p "$E2E_STATE"
export E2E_STATE

start 100 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
# Article 3, paged down twice: the place is the paragraph at the top.
keys j j Enter Space Space
wait_for "line 57/"
top=$(screen | sed -n 1p | sed 's/^[^│┃]*[│┃] //' | cut -c1-40)
[ -n "$top" ] || fail "no text at the top"
# A bookmark with a note, and a sort by title.
keys B
wait_for "bookmark note:"
keys -l "worth quoting"
keys Enter
wait_for "bookmarked"
keys Tab s
wait_for "sorted by title"
keys m
wait_for "marked read"
quit_and_check
t kill-server
[ -n "$(ls "$E2E_STATE"/lectern/*.yaml 2>/dev/null)" ] || fail "no state file written"

start 100 30 xterm-256color "$CORPUS"
wait_for "line 57/"
screen | sed -n 1p | grep -qF "$top" || fail "not back at the same place: wanted '$top'"
assert_has ">IBM and Google report"
# The read mark: one article fewer unread.
assert_has "(8 unread)"
# Sorted by title: "China responsible" comes first.
screen | sed -n 1p | grep -qF "China responsible" || fail "sort order lost"
keys "'"
wait_for "Bookmarks:"
assert_has "worth quoting"
keys Enter
wait_for "bookmark 1/1: worth quoting"
quit_and_check
t kill-server

# --no-state: nothing read, nothing written.
before=$(cat "$E2E_STATE"/lectern/*.yaml)
start 100 30 xterm-256color --no-state "$CORPUS"
wait_for "Parliament committee"
assert_has ">‘No technical"
keys j j j
wait_for " 4/9 "
quit_and_check
[ "$(cat "$E2E_STATE"/lectern/*.yaml)" = "$before" ] || fail "--no-state wrote the state"
echo "PASS"
