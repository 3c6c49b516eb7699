package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// importByID starts an import from the object's ID, given either as the
// import ID (`terraform import`, an import block's id) or as the id of an
// import block's identity, and returns it. An empty one is refused: it
// would reach Read as a null ID and fail with the framework's conversion
// error, which says nothing about the ID the user should give. The
// identity itself is written by the Read that follows, from the ID.
func importByID(ctx context.Context, idPrefix string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) (string, bool) {
	id, what := req.ID, "import ID"
	if id == "" && req.Identity != nil && !req.Identity.Raw.IsNull() {
		id, what = frameworkfix.IDOf(req.Identity.Raw), "id of the import identity"
	}
	if strings.TrimSpace(id) == "" {
		resp.Diagnostics.AddError("Missing import ID",
			fmt.Sprintf("The %s is empty. Give the object's ID, of the form %s… (for example %s0123456789abcdef).", what, idPrefix, idPrefix))
		return "", false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	return id, !resp.Diagnostics.HasError()
}
