#!/bin/sh
# Stop a server started by scripts/pg-start.sh.
#
#   scripts/pg-stop.sh DIR [--purge]
#
# --purge also deletes DIR and everything in it.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# = 2 ] && [ "$2" != --purge ]; }; then
	echo "usage: $0 DIR [--purge]" >&2
	exit 2
fi
dir=$1

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
	bindir=$(dirname "$(command -v pg_ctl)")
fi

if [ "$(id -u)" = 0 ]; then
	as_owner() { runuser -u postgres -- "$@"; }
else
	as_owner() { "$@"; }
fi

if [ -f "$dir/PG_VERSION" ] && as_owner "$bindir/pg_ctl" status --pgdata="$dir" >/dev/null 2>&1; then
	as_owner "$bindir/pg_ctl" stop --pgdata="$dir" --mode=fast --wait --silent
fi

if [ "${2:-}" = --purge ]; then
	rm -rf "$dir"
fi
