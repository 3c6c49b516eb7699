# The pinned CLIs of the acceptance matrix: the one place their versions are
# written. `make tools` builds each into bin/ under its *_CLI name. GNUmakefile
# includes this file and the scripts source it, so it holds only NAME=value
# lines and ${NAME} references, which make and the shell read alike.
# OpenTofu is built from tools/opentofu*/go.mod, which must require the same
# version (make checks it).

# The oldest Terraform the provider supports.
TERRAFORM_VERSION=1.5.7
TERRAFORM_CLI=terraform
# The newest Terraform that `go install` accepts; it has provider functions.
TERRAFORM_NEW_VERSION=1.8.5
TERRAFORM_NEW_CLI=terraform-${TERRAFORM_NEW_VERSION}
# The oldest OpenTofu the provider supports (tools/opentofu).
TOFU_VERSION=1.10.10
TOFU_CLI=tofu
# OpenTofu with identity import and provider functions (tools/opentofu-1.12);
# it reads the schema that docs/ is rendered from.
TOFU_NEW_VERSION=1.12.6
TOFU_NEW_CLI=tofu-${TOFU_NEW_VERSION}
