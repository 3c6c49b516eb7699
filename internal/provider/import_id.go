package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// importByID passes a non-empty import ID through to id. An empty one would
// reach Read as a null ID and fail with the framework's conversion error,
// which says nothing about the ID the user should give.
func importByID(ctx context.Context, idPrefix string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	if strings.TrimSpace(req.ID) == "" {
		resp.Diagnostics.AddError("Missing import ID",
			fmt.Sprintf("The import ID is empty. Give the object's ID, of the form %s… (for example %s0123456789abcdef).", idPrefix, idPrefix))
		return false
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
	return true
}
