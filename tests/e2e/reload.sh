#!/bin/sh
# End to end: the config is read again on R and on SIGHUP, not only when
# the file is saved.  The config path is a symbolic link into another
# folder, and the test edits the file it points to: lectern watches the
# link's folder, so only R and SIGHUP can notice the edits.  lectern never
# writes the user's config, whatever it does with it.
. "$(dirname "$0")/lib.sh"

mkdir "$WORK/conf" "$WORK/real"
real="$WORK/real/config.yaml"
cfg="$WORK/conf/config.yaml"
ln -s "$real" "$cfg"
bind() { printf 'keys:\n  pager:\n    scroll-down: %s\n' "$1" >"$real"; }
bind e
cp "$real" "$WORK/first"

E2E_ENV="LECTERN_CONFIG=$cfg" start 160 30 xterm-256color "$CORPUS"
wait_for "Parliament committee"
keys Tab e
wait_for "line 2/"

# R: the new binding is in force (x scrolls, e no longer does).
bind x
keys R
wait_for "config reloaded from $cfg"
keys x
wait_for "line 3/"
keys e
wait_for "e is not bound here"
keys x
wait_for "line 4/"

# SIGHUP: the same, without a key.
bind y
keys g
wait_for "line 1/"
kill -HUP "$(lectern_pid)"
wait_for "config reloaded from $cfg"
keys y
wait_for "line 2/"

# A broken config on R: said, and the one in force stays.
printf 'keys:\n  pager:\n    scrol-down: z\n' >"$real"
cp "$real" "$WORK/last"
keys R
wait_for "unknown action 'scrol-down'"
assert_has "config not reloaded"
keys y
wait_for "line 3/"

# The config going away, or looping on itself, is not a wish for the
# defaults: the config in force stays, and the reason is said.
printf 'keys:\n  pager:\n    scroll-down: y\n' >"$real"
keys R
wait_for "config reloaded from $cfg"
mv "$real" "$WORK/real/moved.yaml"
keys R
wait_for "No such file or directory (config not reloaded)"
keys y
wait_for "line 4/"
rm "$cfg"
keys R
wait_for "No such file or directory; the config in force stays"
keys y
wait_for "line 5/"
ln -s "$cfg" "$cfg"
keys R
wait_for "Too many levels of symbolic links (config not reloaded)"
keys y
wait_for "line 6/"
rm "$cfg"
mv "$WORK/real/moved.yaml" "$real"
ln -s "$real" "$cfg"
cp "$real" "$WORK/last"
quit_and_check

# Never written: the file, the link and their folders are as the test
# left them.
cmp -s "$real" "$WORK/last" || fail "the config file was changed"
[ -L "$cfg" ] || fail "the config link was replaced"
[ "$(ls -A "$WORK/conf")" = config.yaml ] || fail "files added beside the link: $(ls -A "$WORK/conf")"
[ "$(ls -A "$WORK/real")" = config.yaml ] || fail "files added beside the config: $(ls -A "$WORK/real")"
echo "PASS"
