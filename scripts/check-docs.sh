#!/usr/bin/env bash
# Fails when docs/ is not what `make docs` renders from templates/, examples/
# and the provider's schema, or when an example is not formatted or not valid
# against the provider's schema. Expects the pinned CLIs of scripts/clis.sh in
# bin/ (make tools). The oldest Terraform cannot parse provider function calls,
# so the function examples are checked with the newer Terraform and OpenTofu
# instead; nor import blocks by identity, so each resource's
# import-by-identity.tf is checked apart, with its resource.tf, by the newer
# OpenTofu.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/clis.sh
root=$PWD
bin=$root/bin

fail() { echo "check-docs: $*" >&2; exit 1; }
started=$SECONDS
step() { printf -- '--> [%3ds] %s\n' "$((SECONDS - started))" "$*"; }

for cli in "$TERRAFORM_CLI" "$TERRAFORM_NEW_CLI" "$TOFU_CLI" "$TOFU_NEW_CLI"; do
  [ -x "$bin/$cli" ] || fail "$bin/$cli is missing; run 'make tools' first"
done

work=$(mktemp -d /tmp/eni-check-docs.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CHECKPOINT_DISABLE=1
# Every CLI run below uses this configuration, not the developer's own.
cli_config=$work/cli.tfrc
: >"$cli_config"
export TF_CLI_CONFIG_FILE=$cli_config

step "examples are formatted ($TERRAFORM_NEW_CLI fmt, and $TOFU_CLI fmt for the .tftest.hcl files)"
for cli in "$TERRAFORM_NEW_CLI" "$TOFU_CLI"; do
  if ! "$bin/$cli" fmt -check -recursive examples >"$work/fmt.log" 2>&1; then
    cat "$work/fmt.log" >&2
    fail "$cli fmt would change the files above; run 'bin/$cli fmt -recursive examples'"
  fi
done

step "building the provider"
mkdir -p "$work/plugins"
go build -o "$work/plugins/terraform-provider-eni" .

step "rendering docs/ (go generate)"
ENI_PROVIDER_BIN=$work/plugins/terraform-provider-eni go generate ./... >"$work/generate.log" 2>&1 ||
  { cat "$work/generate.log" >&2; fail "go generate failed"; }

# Examples without a required_providers block use the provider's implied
# address, hashicorp/eni; serve it too.
cat >"$cli_config" <<HCL
provider_installation {
  dev_overrides {
    "registry.terraform.io/eni/eni"       = "$work/plugins"
    "registry.terraform.io/hashicorp/eni" = "$work/plugins"
    "registry.opentofu.org/eni/eni"       = "$work/plugins"
    "registry.opentofu.org/hashicorp/eni" = "$work/plugins"
  }
  direct {}
}
HCL

step "examples are valid against the provider's schema (terraform validate; tofu validate for modules)"
dirs=(examples/provider examples/resources/* examples/data-sources/* examples/functions/*
  examples/quickstart examples/modules/* examples/modules/*/tests/*/)
for dir in "${dirs[@]}"; do
  dir=${dir%/}
  compgen -G "$dir/*.tf" >/dev/null || continue
  if [ -f "$dir/import-by-identity.tf" ]; then
    by_identity=$work/by-identity/$dir
    mkdir -p "$by_identity"
    cp "$dir/resource.tf" "$dir/import-by-identity.tf" "$by_identity/"
    if ! (cd "$by_identity" && TF_DATA_DIR=$work/data/${dir//\//_}-identity "$bin/$TOFU_NEW_CLI" validate -no-color) >"$work/validate.log" 2>&1; then
      cat "$work/validate.log" >&2
      fail "$dir/import-by-identity.tf is not valid for $TOFU_NEW_CLI"
    fi
    # The other examples of the directory, without it, for the CLIs below.
    plain=$work/plain/$dir
    mkdir -p "$plain"
    cp "$dir"/*.tf "$plain/"
    rm "$plain/import-by-identity.tf"
    dir=$plain
  fi
  data=$work/data/${dir//\//_}
  # Every example with the oldest pinned Terraform; the modules, which `tofu
  # test` exercises, with OpenTofu too, which also validates their tests; the
  # function examples with the CLIs that have provider functions.
  clis=("$TERRAFORM_CLI")
  case $dir in
    examples/modules/*) clis+=("$TOFU_CLI") ;;
    examples/functions/*) clis=("$TERRAFORM_NEW_CLI" "$TOFU_CLI") ;;
  esac
  for cli in "${clis[@]}"; do
    if ! (
      cd "$dir"
      export TF_DATA_DIR=$data
      # tofu also validates a module's tests, which need their helper modules.
      if [ "$cli" = "$TOFU_CLI" ] && compgen -G "tests/*.tftest.hcl" >/dev/null; then
        "$bin/$TOFU_CLI" get -no-color
      fi
      "$bin/$cli" validate -no-color
    ) >"$work/validate.log" 2>&1; then
      cat "$work/validate.log" >&2
      fail "$dir is not valid for $cli"
    fi
  done
done

step "docs/, templates/ and examples/ are committed as generated"
if ! git diff --exit-code --stat -- docs templates examples; then
  fail "docs/, templates/ or examples/ changed when regenerated; run 'make docs' and commit the result"
fi
untracked=$(git ls-files --others --exclude-standard -- docs)
[ -z "$untracked" ] || fail "untracked files in docs/ after generation: $untracked; run 'make docs' and commit them"

echo "check-docs: docs/ is current and every example is formatted and valid"
