package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The ipv6_enabled and ipv6_cidr of eni_vpc and eni_subnet: IPv6 turns on
// and off in place, and the range follows.

func ipv6EnabledAttribute(description string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(false),
	}
}

func ipv6CIDRAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{ipv6CIDRFollowsEnabled{}},
	}
}

// ipv6CIDRFollowsEnabled plans ipv6_cidr from ipv6_enabled: null when off,
// the state's range while it stays on, unknown when it turns on.
type ipv6CIDRFollowsEnabled struct{}

func (ipv6CIDRFollowsEnabled) Description(context.Context) string {
	return "Null while ipv6_enabled is false, kept while it stays true, unknown when it turns true."
}

func (m ipv6CIDRFollowsEnabled) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (ipv6CIDRFollowsEnabled) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var planned, current types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("ipv6_enabled"), &planned)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("ipv6_enabled"), &current)...)
	}
	resp.PlanValue = plannedIPv6CIDR(planned, current, req.StateValue)
}

// plannedIPv6CIDR is the range planned for ipv6_enabled going from current
// (null for a new object) to planned.
func plannedIPv6CIDR(planned, current types.Bool, state types.String) types.String {
	switch {
	case planned.IsUnknown():
		return types.StringUnknown()
	case !planned.ValueBool():
		return types.StringNull()
	case current.ValueBool() && !state.IsNull() && !state.IsUnknown():
		return state
	default:
		return types.StringUnknown()
	}
}

// ipv6CIDRValue is an object's IPv6 range as state holds it: null when off.
func ipv6CIDRValue(cidr string) types.String {
	if cidr == "" {
		return types.StringNull()
	}
	return types.StringValue(cidr)
}

// ipv6Change is the planned change of ipv6_enabled, or nil when the plan
// keeps it (or does not know it yet).
func ipv6Change(planned, current types.Bool) *bool {
	if planned.IsUnknown() || planned.Equal(current) {
		return nil
	}
	on := planned.ValueBool()
	return &on
}

var _ planmodifier.String = ipv6CIDRFollowsEnabled{}
