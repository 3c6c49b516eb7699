package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Every attribute plan modifier of the provider's own: each plans a
// computed value as the apply will set it, so a plan shows no change the
// apply would not make and no unknown it could have known.

// keepUnlessServerChanges runs after UseStateForUnknown on an attachment's
// computed values: when the plan moves the interface (another server, or
// another device index for attachment_id), the value kept from state would
// be a promise the move cannot keep, so it is made unknown again.
type keepUnlessServerChanges struct{ describedAs }

// newKeepUnlessServerChanges is keepUnlessServerChanges, described.
func newKeepUnlessServerChanges() keepUnlessServerChanges {
	return keepUnlessServerChanges{"Becomes unknown when the attachment moves."}
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

// ipv6CIDRFollowsEnabled plans ipv6_cidr from ipv6_enabled: null when off,
// the state's range while it stays on, unknown when it turns on.
type ipv6CIDRFollowsEnabled struct{ describedAs }

// newIPv6CIDRFollowsEnabled is ipv6CIDRFollowsEnabled, described.
func newIPv6CIDRFollowsEnabled() ipv6CIDRFollowsEnabled {
	return ipv6CIDRFollowsEnabled{"Null while ipv6_enabled is false, kept while it stays true, unknown when it turns true."}
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

var _ planmodifier.String = ipv6CIDRFollowsEnabled{}

// A NIC's addresses of one kind (secondary private IPv4, or IPv6) are asked
// for either by a set of addresses or by a count; the user sets at most one
// and the other is computed. The two modifiers below plan the computed one
// so that it never shows a diff the apply would not make (the perpetual
// diffs of other providers): it keeps its state value while the other
// still asks for what the NIC holds, becomes known from the other when it
// can be (a count is the size of a known set), and is unknown only when
// the addresses really change. With neither set, a new NIC gets none and an
// existing one keeps what it holds.

// addressSetFollowsCount plans the set of addresses when the config leaves
// it to the count attribute named count.
type addressSetFollowsCount struct {
	describedAs
	count string
}

// newAddressSetFollowsCount is addressSetFollowsCount for count, described.
func newAddressSetFollowsCount(count string) addressSetFollowsCount {
	return addressSetFollowsCount{describedAs("Kept from state while " + count + " asks for as many addresses as the network interface holds; unknown when it asks for another number."), count}
}

func (m addressSetFollowsCount) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var count wholeNumber
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(m.count), &count)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.PlanValue = plannedAddressSet(req.StateValue, req.State.Raw.IsNull(), count.Int64Value)
}

// plannedAddressSet is the set planned for a count the user set (or left
// null); created tells a new NIC from an update.
func plannedAddressSet(state types.Set, created bool, count types.Int64) types.Set {
	switch {
	case created && count.IsNull():
		return stringSetValue(nil)
	case created, count.IsUnknown():
		return types.SetUnknown(types.StringType)
	case count.IsNull(), !state.IsUnknown() && count.ValueInt64() == int64(len(state.Elements())):
		return state
	default:
		return types.SetUnknown(types.StringType)
	}
}

// addressCountFollowsSet plans the count when the config leaves it to the
// set attribute named set.
type addressCountFollowsSet struct {
	describedAs
	set string
}

// newAddressCountFollowsSet is addressCountFollowsSet for set, described.
func newAddressCountFollowsSet(set string) addressCountFollowsSet {
	return addressCountFollowsSet{describedAs("The number of addresses " + set + " names, or the state's while the network interface keeps them."), set}
}

func (m addressCountFollowsSet) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var set types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(m.set), &set)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.PlanValue = plannedAddressCount(req.StateValue, req.State.Raw.IsNull(), set)
}

// plannedAddressCount is the count planned for a set the user set (or left
// null); created tells a new NIC from an update.
func plannedAddressCount(state types.Int64, created bool, set types.Set) types.Int64 {
	switch {
	case set.IsNull() && created:
		return types.Int64Value(0)
	case set.IsNull():
		return state
	}
	if _, known := knownStrings(context.Background(), set); !known {
		return types.Int64Unknown()
	}
	return types.Int64Value(int64(len(set.Elements())))
}

var (
	_ planmodifier.Set   = addressSetFollowsCount{}
	_ planmodifier.Int64 = addressCountFollowsSet{}
)

// rulesKeepOrderOfState plans the rules of state when the configuration
// holds the same rules (Terraform accepts the prior value in place of a
// configured one it stands for).
type rulesKeepOrderOfState struct{ describedAs }

// newRulesKeepOrderOfState is rulesKeepOrderOfState, described.
func newRulesKeepOrderOfState() rulesKeepOrderOfState {
	return rulesKeepOrderOfState{"The same rules in another order plan no change."}
}

var _ planmodifier.List = rulesKeepOrderOfState{}

func (rulesKeepOrderOfState) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if sameRules(req.PlanValue, req.StateValue) {
		resp.PlanValue = req.StateValue
	}
}

// maxNetworkInterfacesOfFlavor plans max_network_interfaces from the
// catalog entry of the planned flavor, so a resize shows the new limit.
type maxNetworkInterfacesOfFlavor struct{ describedAs }

// newMaxNetworkInterfacesOfFlavor is maxNetworkInterfacesOfFlavor, described.
func newMaxNetworkInterfacesOfFlavor() maxNetworkInterfacesOfFlavor {
	return maxNetworkInterfacesOfFlavor{"Set at plan time from the flavor's catalog entry."}
}

var _ planmodifier.Int64 = maxNetworkInterfacesOfFlavor{}

func (maxNetworkInterfacesOfFlavor) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var flavor types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("flavor"), &flavor)...)
	if flavor.IsNull() || flavor.IsUnknown() {
		return
	}
	if f, ok := engine.LookupFlavor(flavor.ValueString()); ok {
		resp.PlanValue = types.Int64Value(int64(f.MaxNetworkInterfaces))
	}
}
