#!/usr/bin/env bash
# Runs a command with terraform-plugin-testing pointed at OpenTofu: the
# provider address must use OpenTofu's registry host, and OpenTofu needs a
# CLI config file that exists or it prints a warning that breaks the
# version check.
set -euo pipefail
tofu=$1; shift
cfg=$(mktemp)
trap 'rm -f "$cfg"' EXIT
TF_ACC=1 TF_ACC_TERRAFORM_PATH="$tofu" TF_ACC_PROVIDER_HOST=registry.opentofu.org TF_CLI_CONFIG_FILE="$cfg" "$@"
