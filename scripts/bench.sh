#!/usr/bin/env bash
# The end-to-end benchmark (internal/bench/e2e): for each topology and
# count N, applies N network interfaces attached to servers, plans again with
# nothing to change and destroys it all; then the same configuration on three
# floors with the same dependency graph, on the same CLI in the same run:
# twins of the eni resources with their schemas doing no work (the schema
# floor), terraform_data (the core floor) and a one-argument framework
# resource (the plugin floor). Prints, per topology and in a summary, median
# wall seconds, the ratios to each floor against the targets, CPU seconds and
# the providers' peak RSS.
#
# A topology is style/NICs per server/subnets; styles name each attachment's
# server by count.index % S (count), a for_each map keyed by server
# (foreach), one module instance per server (module), or one block per
# resource (blocks). A topology ending in +Kip gives every NIC K secondary
# private IPs (count/10/1+2ip); the baseline runs without them, being "what
# a NIC cost before it could have any". The topology "routing" is N routes
# (at most 1000) over a VPC's five route tables, via the internet, NICs and
# VIPs, with N/100 ACLs of 100 rules each way and five subnets' associations.
#
#   BENCH_N           counts of NICs, or of routes for "routing" (default "1000")
#   BENCH_TOPOLOGIES  topologies (default: the sweep, see -h)
#   BENCH_REPEAT      runs per topology, count and kind; tables show medians (default 3)
#   BENCH_CLI         a CLI in bin/ (tofu, the default, or another name of scripts/clis.sh) or a path
#   BENCH_KINDS       which runs: eni floor core twin (default all four)
#
# A quick run: BENCH_N=50 BENCH_REPEAT=1 BENCH_TOPOLOGIES=count/10/1 make bench
# Extra arguments go to the program (go run ./internal/bench/e2e -h lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

cli=${BENCH_CLI:-tofu}
case "$cli" in
*/*) ;;
*)
  if [ ! -x "$root/bin/$cli" ]; then
    echo "==> building the pinned $cli into bin/ (once)" >&2
    make --no-print-directory "$root/bin/$cli" >/dev/null
  fi
  ;;
esac
export BENCH_CLI=$cli
exec go run ./internal/bench/e2e "$@"
