#!/bin/sh
# Stop a server started by scripts/pg-start.sh (or scripts/pg-standby.sh).
#
#   scripts/pg-stop.sh DIR [--purge|--immediate]
#
# --purge also deletes DIR and everything in it. --immediate stops the
# server the way a crash would (pg_ctl stop -m immediate): its clients lose
# their connections at once, with no shutdown checkpoint.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# = 2 ] && [ "$2" != --purge ] && [ "$2" != --immediate ]; }; then
	echo "usage: $0 DIR [--purge|--immediate]" >&2
	exit 2
fi
dir=$1
mode=fast
[ "${2:-}" = --immediate ] && mode=immediate

. "$(dirname "$0")/pg-common.sh"
bindir=$(pg_bindir)

if [ -f "$dir/PG_VERSION" ] && as_owner "$bindir/pg_ctl" status --pgdata="$dir" >/dev/null 2>&1; then
	as_owner "$bindir/pg_ctl" stop --pgdata="$dir" --mode=$mode --wait --silent
fi

if [ "${2:-}" = --purge ]; then
	rm -rf "$dir"
fi
