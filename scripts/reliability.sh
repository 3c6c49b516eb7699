#!/usr/bin/env bash
# The reliability suite (internal/reliability): eight applies racing on one
# store, kill -9 of applies at random points, kill -9 of a CLI alone (its
# provider must follow within 10 s), store faults, no -wal/-shm left after
# a command and foreign SQLite files refused untouched, all through real CLI
# processes. Runs on SQLite and, when ENI_TEST_POSTGRES_URL is set
# (scripts/pg-start.sh prints one), on PostgreSQL too. Then, once, on the
# first CLI and that PostgreSQL, the load test: 16 applies at once, each of
# ENI_LOAD_NICS (default 50) NICs attached to its servers, in 4 VPCs, and
# racing for a server each VPC shares (about a minute on 2 cores at the
# default size). Then, once and with no CLI, the failover test: a PostgreSQL primary and its synchronous
# standby started here (scripts/pg-standby.sh), the primary killed in the
# middle of 100 NIC creations and the standby promoted. It needs
# PostgreSQL's programs (PG_BINDIR, else /usr/lib/postgresql/*/bin); without
# them it skips, except with CI=true, where it fails.
#
#   scripts/reliability.sh [both|tofu|terraform|PATH-TO-CLI] [go test flags...]
#
# Default: both pinned CLIs, built into bin/ on first use. The provider is
# built once for all runs. The figures of every run are printed at the end.
# Without ENI_TEST_POSTGRES_URL the PostgreSQL variants skip, except with
# CI=true, where they fail.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

which=${1:-both}
[ $# -gt 0 ] && shift
case $which in
  both) clis=("$root/bin/tofu" "$root/bin/terraform") ;;
  tofu | terraform) clis=("$root/bin/$which") ;;
  *) clis=("$which") ;;
esac
for cli in "${clis[@]}"; do
  case $cli in
    "$root"/bin/tofu | "$root"/bin/terraform) [ -x "$cli" ] || make --no-print-directory "$cli" ;;
  esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "==> building the provider"
go build -trimpath -o "$work/terraform-provider-eni" .
summary=$work/summary.txt
: >"$summary"
if [ -z "${ENI_TEST_POSTGRES_URL:-}" ]; then
  echo "ENI_TEST_POSTGRES_URL is not set: the PostgreSQL variants will skip (in CI they fail)." >&2
fi

status=0
for cli in "${clis[@]}"; do
  echo "==> reliability suite on $("$cli" version 2>/dev/null | sed -n 1p)"
  ENI_RELIABILITY=1 ENI_RELIABILITY_CLI="$cli" ENI_RELIABILITY_PROVIDER="$work/terraform-provider-eni" \
    ENI_RELIABILITY_SUMMARY="$summary" go test -count=1 -timeout 15m -skip '^(TestFailover|TestLoad|TestLoadThroughput)$' "$@" ./internal/reliability/ || status=1
done

echo "==> load: 16 applies at once in 4 VPCs of one PostgreSQL store"
ENI_RELIABILITY=1 ENI_RELIABILITY_CLI="${clis[0]}" ENI_RELIABILITY_PROVIDER="$work/terraform-provider-eni" \
  ENI_RELIABILITY_SUMMARY="$summary" go test -count=1 -timeout 15m "$@" -run '^TestLoad$' ./internal/reliability/ || status=1

echo "==> failover of a PostgreSQL primary to its synchronous standby"
ENI_RELIABILITY=1 ENI_RELIABILITY_CLI="${clis[0]}" ENI_RELIABILITY_PROVIDER="$work/terraform-provider-eni" \
  ENI_RELIABILITY_SUMMARY="$summary" go test -count=1 -timeout 5m "$@" -run '^TestFailover$' ./internal/reliability/ || status=1

echo
echo "==> figures"
cat "$summary"
exit $status
