#!/usr/bin/env bash
# Renders docs/ from templates/, examples/ and the provider's schema with the
# tfplugindocs pinned in this directory's go.mod, then validates the result.
# Run through `go generate ./...` (make docs) from the repository root.
#
# Nothing is downloaded. The schema comes from the newer pinned OpenTofu in bin/
# (scripts/clis.sh, built by `make tools`; the pinned Terraform versions leave
# resource identities out of it, and the older one provider functions too), which
# loads a fresh build of the provider through a dev_overrides CLI
# configuration; tfplugindocs reads it from a file and so neither builds the
# provider nor looks for a terraform of its own. No CLI built here reports
# list resource schemas (Terraform 1.14 does), so internal/provider/listschemas
# adds them, asked of the provider itself.
# Set ENI_PROVIDER_BIN to a provider binary built from this tree to skip the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source scripts/clis.sh
bin=$root/bin

# ENI_DOCS_TERRAFORM may name another CLI (Terraform >= 1.12, OpenTofu >= 1.12)
# to read the schema with.
terraform=${ENI_DOCS_TERRAFORM:-$bin/$TOFU_NEW_CLI}
if [ ! -x "$terraform" ]; then
  echo "generate: $terraform is missing; run 'make tools' first" >&2
  exit 1
fi

# Build the pinned tfplugindocs once, and again whenever the pin changes.
if [ ! -x "$bin/tfplugindocs" ] || [ tools/docs/go.mod -nt "$bin/tfplugindocs" ] || [ tools/docs/go.sum -nt "$bin/tfplugindocs" ]; then
  echo "generate: building tfplugindocs $(cd tools/docs && go list -m -f '{{.Version}}' github.com/hashicorp/terraform-plugin-docs)"
  (cd tools/docs && go build -trimpath -o "$bin/tfplugindocs" github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugins" "$work/config"

if [ -n "${ENI_PROVIDER_BIN:-}" ]; then
  ln -s "$ENI_PROVIDER_BIN" "$work/plugins/terraform-provider-eni"
else
  go build -o "$work/plugins/terraform-provider-eni" .
fi

cat >"$work/cli.tfrc" <<HCL
provider_installation {
  dev_overrides {
    "registry.terraform.io/eni/eni" = "$work/plugins"
    "registry.opentofu.org/eni/eni" = "$work/plugins"
  }
  direct {}
}
HCL
cat >"$work/config/main.tf" <<'HCL'
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}
HCL
(
  cd "$work/config"
  TF_CLI_CONFIG_FILE=$work/cli.tfrc CHECKPOINT_DISABLE=1 "$terraform" providers schema -json >"$work/schema.raw.json" 2>"$work/schema.log" ||
    { cat "$work/schema.log" >&2; exit 1; }
)
# tfplugindocs looks the provider up by its short name.
sed -E 's#"registry\.(terraform\.io|opentofu\.org)/eni/eni":#"eni":#' "$work/schema.raw.json" >"$work/schema.cli.json"
go run ./internal/provider/listschemas "$work/schema.cli.json" >"$work/schema.json"

"$bin/$TERRAFORM_NEW_CLI" fmt -recursive examples >/dev/null
# The rules guide and the flavor table are rendered from the engine's tables.
go run ./internal/docgen/render
"$bin/tfplugindocs" generate --provider-name eni --providers-schema "$work/schema.json"
if ! "$bin/tfplugindocs" validate --provider-name eni --providers-schema "$work/schema.json" >"$work/validate.log" 2>&1; then
  grep -v '\[DEBUG\]' "$work/validate.log" >&2
  exit 1
fi
echo "generate: docs/ rendered and validated"
