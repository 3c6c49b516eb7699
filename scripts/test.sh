#!/usr/bin/env bash
# The whole test run: static checks (make lint), unit and conformance tests (SQLite and,
# where PostgreSQL is installed, PostgreSQL), then the acceptance suite on each
# CLI of the matrix (two Terraform and two OpenTofu versions, scripts/clis.sh,
# and a newer terraform on PATH when there is one). Builds the pinned CLIs on
# first use.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/clis.sh

step() { printf '\n==> %s\n' "$*"; }

step "building pinned CLIs (once, side by side; cached in bin/)"
make --no-print-directory -j4 tools
# A binary left from an older pin keeps its name in bin/: refuse to test it.
for pin in "$TERRAFORM_CLI v$TERRAFORM_VERSION" "$TERRAFORM_NEW_CLI v$TERRAFORM_NEW_VERSION" \
  "$TOFU_CLI v$TOFU_VERSION" "$TOFU_NEW_CLI v$TOFU_NEW_VERSION"; do
  read -r cli version <<<"$pin"
  reported=$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "bin/$cli" version 2>/dev/null | sed -n 1p)
  # A CLI built from source reports its version with a -dev suffix.
  case ${reported##* } in
    "$version" | "$version"-*) ;;
    *)
      echo "bin/$cli is \"$reported\", scripts/clis.sh pins $version: remove bin/$cli and run make tools" >&2
      exit 1
      ;;
  esac
done

pg_dir=""
cleanup() { [ -n "$pg_dir" ] && ./scripts/pg-stop.sh "$pg_dir" || true; }
trap cleanup EXIT
if [ -z "${ENI_TEST_POSTGRES_URL:-}" ] && compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  step "starting a throwaway PostgreSQL on loopback"
  pg_dir=$(mktemp -d /tmp/eni-pg.XXXXXX)
  # A free loopback port unless ENI_TEST_POSTGRES_PORT names one.
  ENI_TEST_POSTGRES_URL=$(./scripts/pg-start.sh "$pg_dir" ${ENI_TEST_POSTGRES_PORT:+"$ENI_TEST_POSTGRES_PORT"})
  export ENI_TEST_POSTGRES_URL
fi
if [ -z "${ENI_TEST_POSTGRES_URL:-}" ]; then
  echo "PostgreSQL is not installed: its tests will skip (in CI they fail)." >&2
fi

step "lint: gofmt, vet and golangci-lint"
make --no-print-directory lint

step "unit and store conformance tests"
go test -count=1 -timeout 20m ./...

step "fuzzing reachability for a few seconds"
go test -run '^$' -fuzz FuzzReachability -fuzztime 5s ./internal/engine/

# Each acceptance run keeps its -v output so that the summary can say which
# tests ran and which skipped (tfversion.SkipBelow) on which CLI.
acc_logs=$(mktemp -d /tmp/eni-acc.XXXXXX)
summary=()
acceptance() {
  local cli=$1 name log ran skipped
  # sed reads the whole output: head would close the pipe on a CLI still
  # writing, and pipefail turns its SIGPIPE into a failed run.
  name=$(TF_CLI_CONFIG_FILE=/dev/null "$cli" version 2>/dev/null | sed -n 1p)
  log=$acc_logs/$(basename "$cli").log
  step "acceptance tests on $name ($cli)"
  if ! ./scripts/with-cli.sh "$cli" go test -v -count=1 -timeout 30m ./internal/provider/... >"$log" 2>&1; then
    grep -E -A20 '^(--- FAIL|panic:)' "$log" | head -n 200 >&2 || tail -n 100 "$log" >&2
    echo "acceptance tests failed on $name; full output in $log" >&2
    exit 1
  fi
  ran=$(grep -c '^--- PASS' "$log" || true)
  skipped=$(grep -c '^--- SKIP' "$log" || true)
  grep -E '^(ok|---)' "$log" | grep -v '^--- PASS' || true
  summary+=("$name: $ran passed, $skipped skipped")
}

for cli in "$TERRAFORM_CLI" "$TERRAFORM_NEW_CLI" "$TOFU_CLI" "$TOFU_NEW_CLI"; do
  acceptance "$PWD/bin/$cli"
done
# The terraform on PATH, when it is newer than the pinned ones and asked
# for (ENI_TEST_PATH_TERRAFORM=1): a fifth run would take CI past its budget.
if [ "${ENI_TEST_PATH_TERRAFORM:-}" = 1 ] && path_terraform=$(command -v terraform) && [ "$(readlink -f "$path_terraform")" != "$PWD/bin/$TERRAFORM_CLI" ]; then
  path_version=$("$path_terraform" version | sed -n '1s/^Terraform v//p')
  newest=$TERRAFORM_NEW_VERSION
  if [ -n "$path_version" ] && [ "$(printf '%s\n' "$newest" "$path_version" | sort -V | tail -n1)" != "$newest" ]; then
    acceptance "$path_terraform"
  fi
fi
step "acceptance summary (top-level tests)"
printf '  %s\n' "${summary[@]}"
rm -rf "$acc_logs"

step "docs/ is current; examples are formatted and valid"
make --no-print-directory check-docs

step "example modules under tofu test, each on a fresh store"
make --no-print-directory test-modules

step "reliability suite on OpenTofu: racing applies, kill -9 crashes and store faults (make reliability runs both CLIs)"
./scripts/reliability.sh tofu

step "all tests passed"
