package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// keepUnlessServerChanges runs after UseStateForUnknown on an attachment's
// computed values: when the plan moves the interface (another server, or
// another device index for attachment_id), the value kept from state would
// be a promise the move cannot keep, so it is made unknown again.
type keepUnlessServerChanges struct{}

func (keepUnlessServerChanges) Description(context.Context) string {
	return "Becomes unknown when the attachment moves."
}

func (m keepUnlessServerChanges) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepUnlessServerChanges) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if attributeChanges[types.String](ctx, req.Plan, req.State, "server_id") || attributeChanges[wholeNumber](ctx, req.Plan, req.State, "device_index") {
		resp.PlanValue = types.StringUnknown()
	}
}

func (keepUnlessServerChanges) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if req.ConfigValue.IsNull() && attributeChanges[types.String](ctx, req.Plan, req.State, "server_id") {
		resp.PlanValue = types.Int64Unknown()
	}
}

// attributeChanges reports whether an update plans a new value for a
// top-level attribute (an unknown planned value counts as a change).
func attributeChanges[T attr.Value](ctx context.Context, plan tfsdk.Plan, state tfsdk.State, name string) bool {
	if state.Raw.IsNull() || plan.Raw.IsNull() {
		return false
	}
	var planned, current T
	plan.GetAttribute(ctx, path.Root(name), &planned)
	state.GetAttribute(ctx, path.Root(name), &current)
	return !planned.Equal(current)
}
