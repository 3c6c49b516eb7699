#!/usr/bin/env bash
# The end-to-end benchmark (internal/bench/e2e): for each count N, applies N
# network interfaces with N attachments, plans again with nothing to change,
# moves 10% of the interfaces and destroys it all; then the same counts of a
# no-op framework provider's resources (the plugin floor), of terraform_data
# (the core floor) and of twins of the eni resources that have their schemas
# and do no work (the schema floor), on the same CLI in the same run. Prints
# tables of median wall and CPU seconds, ratios to the floors and the
# provider's peak RSS.
#
#   BENCH_N       counts to run (default "100 1000 5000")
#   BENCH_REPEAT  runs per count and kind; the table shows medians (default 3)
#   BENCH_CLI     tofu (default), terraform, or a path to either
#   BENCH_KINDS   which runs: eni floor core twin (default all four)
#
# Extra arguments go to the program (go run ./internal/bench/e2e -h lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

cli=${BENCH_CLI:-tofu}
case "$cli" in
tofu | terraform)
  if [ ! -x "$root/bin/$cli" ]; then
    echo "==> building the pinned $cli into bin/ (once)" >&2
    make --no-print-directory "$root/bin/$cli" >/dev/null
  fi
  ;;
esac
export BENCH_CLI=$cli
exec go run ./internal/bench/e2e "$@"
