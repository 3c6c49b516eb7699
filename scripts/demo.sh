#!/usr/bin/env bash
# Applies examples/quickstart with the freshly built provider (through a
# dev_overrides CLI config) against the default embedded store, then prints
# what was made. Uses tofu or terraform from PATH, else the pinned OpenTofu.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

cli=$(command -v tofu || command -v terraform || true)
if [ -z "$cli" ]; then
  echo "==> no tofu or terraform on PATH: building the pinned OpenTofu (a few minutes, once)"
  make --no-print-directory "$root/bin/tofu" >/dev/null
  cli=$root/bin/tofu
fi

# Kept in bin/ so the same overrides serve later commands by hand.
cfg=$root/bin/dev_overrides.tfrc
mkdir -p "$root/bin"
cat >"$cfg" <<HCL
provider_installation {
  dev_overrides {
    "registry.terraform.io/eni/eni"  = "$root/bin"
    "registry.opentofu.org/eni/eni"  = "$root/bin"
  }
  direct {}
}
HCL
export TF_CLI_CONFIG_FILE=$cfg

cd examples/quickstart
echo "==> $("$cli" version 2>/dev/null | sed -n 1p): applying examples/quickstart (store: ${ENI_STORE:-the default, ~/.local/share/eni/engine.db})"
"$cli" apply -auto-approve -input=false "$@"
echo
echo "==> what was made"
"$cli" output
echo
echo "Move the floating interface between the servers (its IP, MAC and EIP stay) with:"
echo "  make demo ARGS='-var active=standby'    # or active=primary"
echo "or by hand: (cd examples/quickstart && TF_CLI_CONFIG_FILE=$cfg $(basename "$cli") apply -var active=standby)"
