#!/usr/bin/env bash
# Runs a command with terraform-plugin-testing pointed at a Terraform or
# OpenTofu CLI: the one way the acceptance tests are launched.
#
#   scripts/with-cli.sh CLI COMMAND...
#
# CLI is a path, or a name in bin/ (see scripts/clis.sh). The CLI gets an
# empty configuration file of its own: the developer's is not read, and
# OpenTofu warns about a TF_CLI_CONFIG_FILE that does not exist, which breaks
# the version check. OpenTofu also needs its registry host in the provider
# address.
set -euo pipefail
cli=$1
shift
case $cli in
  */*) ;;
  *) cli=$(dirname "$0")/../bin/$cli ;;
esac
[ -x "$cli" ] || { echo "with-cli: $cli is missing; run 'make tools' first" >&2; exit 1; }
# go test runs in each package's directory: the path must not be relative.
cli=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")
cfg=$(mktemp)
trap 'rm -f "$cfg"' EXIT
# sed reads the whole output: grep -q would close the pipe on a CLI still
# writing.
name=$(TF_CLI_CONFIG_FILE=$cfg CHECKPOINT_DISABLE=1 "$cli" version 2>/dev/null | sed -n 1p)
host=()
case $name in
  OpenTofu*) host=(TF_ACC_PROVIDER_HOST=registry.opentofu.org) ;;
esac
env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_CLI_CONFIG_FILE="$cfg" "${host[@]}" "$@"
