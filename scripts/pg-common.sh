# Sourced by the pg-*.sh scripts: where PostgreSQL's programs are, and how
# to run them as the user who owns a server.

# pg_bindir prints the directory of PostgreSQL's programs: PG_BINDIR, else
# the newest /usr/lib/postgresql/*/bin, else wherever PATH finds initdb.
pg_bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then
		echo "$PG_BINDIR"
		return
	fi
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$d" ] && [ -x "$d/initdb" ]; then
		echo "$d"
	elif command -v initdb >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
	else
		echo "$0: PostgreSQL's programs not found; install PostgreSQL (apt-get install postgresql) or set PG_BINDIR" >&2
		return 1
	fi
}

# as_owner runs a command as the user who owns the servers: postgres when
# we are root (PostgreSQL refuses to run as root), else ourselves.
if [ "$(id -u)" = 0 ]; then
	as_owner() { runuser -u postgres -- "$@"; }
else
	as_owner() { "$@"; }
fi

# pg_port prints the port of the server running in data directory $1.
pg_port() { sed -n 4p "$1/postmaster.pid"; }
