#!/usr/bin/env bash
# Throughput of team mode under load (internal/reliability, TestLoadThroughput):
# 16 applies at once, each making ENI_LOAD_NICS (default 50) NICs attached to
# servers of its own, on one PostgreSQL store, three ways in one run: in 16
# VPCs, in one VPC, and in 16 VPCs on a store that locks the whole region for
# every write (eni_locks=region, as before VPC locks). Prints objects written
# per second for each. Every run is judged as the load test judges it (no
# lost write, no address held twice, no server over its flavor).
# ENI_LOAD_REPEAT runs each way that many times, in turn, and shows medians
# (default 1).
#
#   scripts/bench-load.sh [tofu|terraform|PATH-TO-CLI]
#
# Uses ENI_TEST_POSTGRES_URL, else starts a throwaway PostgreSQL on loopback.
# Not part of CI: it takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

cli=${1:-tofu}
case $cli in
  */*) ;;
  *)
    [ -x "$root/bin/$cli" ] || make --no-print-directory "$root/bin/$cli"
    cli=$root/bin/$cli
    ;;
esac

work=$(mktemp -d)
pg_dir=""
cleanup() {
  [ -n "$pg_dir" ] && ./scripts/pg-stop.sh "$pg_dir" || true
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "${ENI_TEST_POSTGRES_URL:-}" ]; then
  echo "==> starting a throwaway PostgreSQL on loopback"
  pg_dir=$(mktemp -d /tmp/eni-pg.XXXXXX)
  ENI_TEST_POSTGRES_URL=$(./scripts/pg-start.sh "$pg_dir")
  export ENI_TEST_POSTGRES_URL
fi
echo "==> building the provider"
go build -trimpath -o "$work/terraform-provider-eni" .
echo "==> 16 applies at once, three ways"
ENI_RELIABILITY=1 ENI_LOAD_BENCH=1 ENI_LOAD_TABLE="$work/table.md" ENI_RELIABILITY_CLI="$cli" \
  ENI_RELIABILITY_PROVIDER="$work/terraform-provider-eni" \
  go test -count=1 -timeout 30m -run '^TestLoadThroughput$' ./internal/reliability/
echo
cat "$work/table.md"
