package provider

import (
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
		PlanModifiers:       []planmodifier.String{newIPv6CIDRFollowsEnabled()},
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
