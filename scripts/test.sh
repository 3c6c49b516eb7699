#!/usr/bin/env bash
# The whole test run: static checks, unit and conformance tests (SQLite and,
# where PostgreSQL is installed, PostgreSQL), then the acceptance suite once
# with Terraform and once with OpenTofu. Builds the pinned CLIs on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "building pinned CLIs (once; cached in bin/)"
make --no-print-directory tools

pg_dir=""
cleanup() { [ -n "$pg_dir" ] && ./scripts/pg-stop.sh "$pg_dir" || true; }
trap cleanup EXIT
if [ -z "${ENI_TEST_POSTGRES_URL:-}" ] && compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  step "starting a throwaway PostgreSQL on loopback"
  pg_dir=$(mktemp -d /tmp/eni-pg.XXXXXX)
  ENI_TEST_POSTGRES_URL=$(./scripts/pg-start.sh "$pg_dir" "${ENI_TEST_POSTGRES_PORT:-55432}")
  export ENI_TEST_POSTGRES_URL
fi
if [ -z "${ENI_TEST_POSTGRES_URL:-}" ]; then
  echo "PostgreSQL is not installed: its tests will skip (in CI they fail)." >&2
fi

step "vet and formatting"
go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt would change: $unformatted" >&2; exit 1; fi

step "unit and store conformance tests"
go test -count=1 -timeout 20m ./...

step "acceptance tests on Terraform $("$PWD/bin/terraform" version | head -n1)"
# An empty CLI config of our own: a TF_CLI_CONFIG_FILE naming a missing file
# only earns warnings.
cli_config=$(mktemp)
TF_ACC=1 TF_ACC_TERRAFORM_PATH="$PWD/bin/terraform" TF_CLI_CONFIG_FILE="$cli_config" go test -count=1 -timeout 30m ./internal/provider/...
rm -f "$cli_config"

step "acceptance tests on $("$PWD/bin/tofu" version | head -n1)"
./scripts/with-tofu.sh "$PWD/bin/tofu" go test -count=1 -timeout 30m ./internal/provider/...

step "docs/ is current; examples are formatted and valid"
make --no-print-directory check-docs

step "example modules under tofu test, each on a fresh store"
make --no-print-directory test-modules

step "reliability suite on OpenTofu: racing applies, kill -9 crashes and store faults (make reliability runs both CLIs)"
./scripts/reliability.sh tofu

step "all tests passed"
