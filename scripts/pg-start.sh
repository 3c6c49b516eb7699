#!/bin/sh
# Start a throwaway PostgreSQL server for tests and print its URL.
#
#   scripts/pg-start.sh DIR [PORT]
#
# DIR becomes the data directory (created with initdb on first use; the
# server's socket and log live there too). Without PORT the server takes the
# first free loopback port from 55432 up, so that another PostgreSQL (or
# anything else) listening there does not stop the tests; a PORT given is
# used as is, and its being taken is an error. The server
# listens on 127.0.0.1 only, runs without fsync, and accepts user postgres
# with password $PG_PASSWORD (default secretpw) over TCP.
# Run as root, it runs the server as the postgres user.
# Stop it with scripts/pg-stop.sh DIR.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 DIR [PORT]" >&2
	exit 2
fi
port=${2:-}
password=${PG_PASSWORD:-secretpw}

. "$(dirname "$0")/pg-common.sh"
bindir=$(pg_bindir)

mkdir -p "$1"
dir=$(cd "$1" && pwd)

if [ "$(id -u)" = 0 ]; then
	chown postgres: "$dir"
	chmod 700 "$dir"
	if ! as_owner test -w "$dir"; then
		echo "$0: user postgres cannot write $dir; make its parent directories traversable (chmod o+x)" >&2
		exit 1
	fi
else
	chmod 700 "$dir"
fi

if [ ! -f "$dir/PG_VERSION" ]; then
	pwfile=$(mktemp)
	trap 'rm -f "$pwfile"' EXIT
	printf '%s\n' "$password" >"$pwfile"
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$pwfile" # initdb, run as postgres, reads it
	fi
	as_owner "$bindir/initdb" --pgdata="$dir" --username=postgres --pwfile="$pwfile" \
		--auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-sync >"$dir.initdb.log" 2>&1 || {
		cat "$dir.initdb.log" >&2
		exit 1
	}
	rm -f "$dir.initdb.log"
fi

# start_on PORT starts the server on PORT; it fails with status 3 when the
# port is taken, and with status 1 on any other failure.
start_on() {
	rm -f "$dir/server.log" "$dir.pg_ctl.err"
	if as_owner "$bindir/pg_ctl" start --pgdata="$dir" --wait --silent --log="$dir/server.log" \
		--options="-p $1 -k $dir -c listen_addresses=127.0.0.1 -F -c max_connections=200" 2>"$dir.pg_ctl.err"; then
		rm -f "$dir.pg_ctl.err"
		return 0
	fi
	if grep -q 'Address already in use' "$dir/server.log" 2>/dev/null; then
		rm -f "$dir.pg_ctl.err"
		return 3
	fi
	cat "$dir.pg_ctl.err" "$dir/server.log" >&2
	rm -f "$dir.pg_ctl.err"
	return 1
}

if ! as_owner "$bindir/pg_ctl" status --pgdata="$dir" >/dev/null 2>&1; then
	if [ -n "$port" ]; then
		start_on "$port" || {
			[ $? = 3 ] && echo "$0: port $port on 127.0.0.1 is taken; name another, or none to take a free one" >&2
			exit 1
		}
	else
		port=55432
		while :; do
			status=0
			start_on "$port" || status=$?
			[ "$status" = 0 ] && break
			[ "$status" = 3 ] && [ "$port" -lt 55531 ] || exit 1
			port=$((port + 1))
		done
	fi
fi
# The server may have been running already: its port is in postmaster.pid.
port=$(pg_port "$dir")

echo "postgres://postgres:$password@127.0.0.1:$port/postgres?sslmode=disable"
