#!/usr/bin/env bash
# Renders docs/ from templates/, examples/ and the provider's schema with the
# tfplugindocs pinned in this directory's go.mod. Run through `go generate`
# (make docs) from the repository root.
#
# Nothing is downloaded: tfplugindocs builds the provider, installs it from a
# local plugin directory and asks the first terraform on PATH for its schema,
# which is the pinned bin/terraform that `make tools` builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bin=$root/bin

if [ ! -x "$bin/terraform" ]; then
  echo "generate: $bin/terraform is missing; run 'make tools' first" >&2
  exit 1
fi

# Build the pinned tfplugindocs once, and again whenever the pin changes.
if [ ! -x "$bin/tfplugindocs" ] || [ tools/docs/go.mod -nt "$bin/tfplugindocs" ] || [ tools/docs/go.sum -nt "$bin/tfplugindocs" ]; then
  echo "generate: building tfplugindocs $(cd tools/docs && go list -m -f '{{.Version}}' github.com/hashicorp/terraform-plugin-docs)"
  (cd tools/docs && go build -trimpath -o "$bin/tfplugindocs" github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs)
fi

# An empty CLI configuration keeps a developer's own provider_installation
# settings (dev_overrides, mirrors) out of tfplugindocs' terraform init.
cli_config=$(mktemp)
trap 'rm -f "$cli_config"' EXIT

"$bin/terraform" fmt -recursive examples >/dev/null
PATH="$bin:$PATH" CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=$cli_config \
  "$bin/tfplugindocs" generate --provider-name eni
