#!/bin/sh
# Give a server started by scripts/pg-start.sh a synchronous streaming
# standby, for trying failover on one machine, and print the standby's URL.
#
#   scripts/pg-standby.sh PRIMARY-DIR DIR
#   scripts/pg-standby.sh --promote DIR
#
# The first form copies the primary into DIR (pg_basebackup -R, over TCP
# as user postgres with password $PG_PASSWORD, default secretpw), starts it
# on the first free loopback port from 55432 up, then makes the primary wait
# for it at every commit (synchronous_standby_names = '*') and returns once
# it is the primary's synchronous standby. The standby itself has no
# synchronous_standby_names, so once promoted it takes writes alone.
# The second form promotes the standby in DIR to a primary.
# Stop either server with scripts/pg-stop.sh.
set -eu

usage() {
	echo "usage: $0 PRIMARY-DIR DIR | --promote DIR" >&2
	exit 2
}
[ $# = 2 ] || usage

. "$(dirname "$0")/pg-common.sh"
bindir=$(pg_bindir)

if [ "$1" = --promote ]; then
	as_owner "$bindir/pg_ctl" promote --pgdata="$2" --wait --silent
	exit 0
fi

primary=$(cd "$1" && pwd)
if ! as_owner "$bindir/pg_ctl" status --pgdata="$primary" >/dev/null 2>&1; then
	echo "$0: no server runs in $primary; start it with scripts/pg-start.sh" >&2
	exit 1
fi
primary_port=$(pg_port "$primary")
if [ -e "$2" ] && [ -n "$(ls -A "$2")" ]; then
	echo "$0: $2 is not empty" >&2
	exit 1
fi
mkdir -p "$2"
dir=$(cd "$2" && pwd)
if [ "$(id -u)" = 0 ]; then
	chown postgres: "$dir"
fi
chmod 700 "$dir"

# primary_sql runs SQL on the primary through its socket, as its owner.
primary_sql() {
	as_owner "$bindir/psql" --no-psqlrc --quiet --tuples-only --no-align \
		--host="$primary" --port="$primary_port" --username=postgres --dbname=postgres --command="$1"
}

PGPASSWORD=${PG_PASSWORD:-secretpw} as_owner "$bindir/pg_basebackup" --pgdata="$dir" \
	--host=127.0.0.1 --port="$primary_port" --username=postgres \
	--write-recovery-conf --wal-method=stream --checkpoint=fast --no-sync >"$dir.basebackup.log" 2>&1 || {
	cat "$dir.basebackup.log" >&2
	exit 1
}
rm -f "$dir.basebackup.log"

url=$(PG_PASSWORD=${PG_PASSWORD:-secretpw} "$(dirname "$0")/pg-start.sh" "$dir")

primary_sql "ALTER SYSTEM SET synchronous_standby_names = '*'" >/dev/null
primary_sql "SELECT pg_reload_conf()" >/dev/null
tries=0
until [ "$(primary_sql "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")" = 1 ]; do
	tries=$((tries + 1))
	if [ $tries -ge 300 ]; then
		echo "$0: the standby in $dir did not become the primary's synchronous standby within 30 s" >&2
		exit 1
	fi
	sleep 0.1
done
echo "$url"
