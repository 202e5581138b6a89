#!/bin/sh
# Stands in for the unit tests when configure did not find criterion, so
# that `make check` fails instead of passing with no unit test run.
echo "criterion (libcriterion-dev) was not found by configure:" \
	"the unit tests cannot run. Install it and run configure again." >&2
exit 1
