package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

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
type addressSetFollowsCount struct{ count string }

func (m addressSetFollowsCount) Description(context.Context) string {
	return "Kept from state while " + m.count + " asks for as many addresses as the network interface holds; unknown when it asks for another number."
}

func (m addressSetFollowsCount) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
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
type addressCountFollowsSet struct{ set string }

func (m addressCountFollowsSet) Description(context.Context) string {
	return "The number of addresses " + m.set + " names, or the state's while the network interface keeps them."
}

func (m addressCountFollowsSet) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
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

// addressPairAttributes are the set and count attributes of one kind of a
// NIC's addresses (secondary private IPv4 when ipv6 is false), for the
// resource: either one may be set, the other follows; both update in place.
func addressPairAttributes(set, count string, ipv6 bool) (schema.SetAttribute, schema.Int64Attribute) {
	reserved, allocated := "neither its network, gateway nor broadcast address", "lowest free first"
	field, what, limit := engine.FieldSecondaryPrivateIPs, "secondary private IPv4 addresses", fmt.Sprintf(
		"Rule 15 caps a network interface's private IPv4 addresses (primary, secondary and bound virtual IPs) at %d on no server, "+
			"or at its server flavor's `max_private_ips_per_interface`; a plan beyond it fails on this argument.", engine.MaxPrivateIPsUnattached)
	if ipv6 {
		field, what, limit = engine.FieldIPv6Addresses, "IPv6 addresses", fmt.Sprintf(
			"At most %d, and only in a subnet with `ipv6_enabled`.", engine.MaxIPv6AddressesPerInterface)
		reserved, allocated = "inside its `ipv6_cidr` and not its subnet-router address", "in order, never reusing an address handed out before"
	}
	setAttr := schema.SetAttribute{
		MarkdownDescription: fmt.Sprintf("The %s of the network interface. Set this or `%s`, not both: given here, each address must be inside the subnet, "+
			"%s, and held by nothing else (checked at plan); omitted, it lists the addresses `%s` allocated. "+
			"Updatable in place: addresses kept stay, others are added or given back. %s", what, count, reserved, count, limit),
		ElementType: types.StringType,
		Optional:    true,
		Computed:    true,
		Validators: []validator.Set{
			setvalidator.NoNullValues(),
			addressRequestValidator{field},
		},
		PlanModifiers: []planmodifier.Set{addressSetFollowsCount{count}},
	}
	countAttr := schema.Int64Attribute{
		MarkdownDescription: fmt.Sprintf("How many %s the network interface has, allocated %s. Set this or `%s`, not both; omitted, it is "+
			"the number of addresses `%s` names. Updatable in place: a larger count adds addresses, a smaller one gives back the highest. "+
			"With neither set, a new network interface has none and an existing one keeps what it holds. %s", what, allocated, set, set, limit),
		CustomType:    wholeNumberType{},
		Optional:      true,
		Computed:      true,
		Validators:    []validator.Int64{addressCountValidator{field}},
		PlanModifiers: []planmodifier.Int64{addressCountFollowsSet{set}},
	}
	return setAttr, countAttr
}

// checkSecondaryIPsConfig refuses secondary_private_ips that repeat
// private_ip, when the configuration gives both: an address has one holder
// once, and the NIC's own primary IP is no secondary IP of it.
func checkSecondaryIPsConfig(ctx context.Context, diags *diag.Diagnostics, primary types.String, set types.Set) {
	addrs, known := knownStrings(ctx, set)
	if primary.IsNull() || primary.IsUnknown() || !known {
		return
	}
	if err := engine.ValidateSecondaryIPs(primary.ValueString(), engine.AddressRequest{Addresses: addrs}); err != nil {
		addEngineError(diags, path.Root("secondary_private_ips"), "Invalid secondary_private_ips", err)
	}
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// addressRequestOf is the request a new NIC's planned set and count make:
// the set when it is known (named by the user, or empty when neither is
// set), else the count. ok is false while both are unknown.
func addressRequestOf(ctx context.Context, set types.Set, count wholeNumber) (engine.AddressRequest, bool) {
	if addrs, known := knownStrings(ctx, set); known && !set.IsNull() {
		return engine.AddressRequest{Addresses: nonNilStrings(addrs)}, true
	}
	if count.IsUnknown() || count.IsNull() {
		return engine.AddressRequest{}, false
	}
	return engine.AddressRequest{Count: int(count.ValueInt64())}, true
}

// addressChangeOf is what an update asks of a NIC's addresses of one kind:
// nil when the plan keeps them; the planned set when it names other
// addresses, else the planned count. ok is false while the change is not
// known yet (at plan, when what it depends on is unknown).
func addressChangeOf(ctx context.Context, planSet, stateSet types.Set, planCount, stateCount wholeNumber) (req *engine.AddressRequest, ok bool) {
	if addrs, known := knownStrings(ctx, planSet); known && !planSet.IsNull() {
		if planSet.Equal(stateSet) {
			return nil, true
		}
		return &engine.AddressRequest{Addresses: nonNilStrings(addrs)}, true
	}
	if planCount.IsUnknown() || planCount.IsNull() {
		return nil, false
	}
	if planCount.Equal(stateCount) {
		return nil, true
	}
	return &engine.AddressRequest{Count: int(planCount.ValueInt64())}, true
}
