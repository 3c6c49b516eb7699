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
			newAddressRequestValidator(field),
		},
		PlanModifiers: []planmodifier.Set{newAddressSetFollowsCount(count)},
	}
	countAttr := schema.Int64Attribute{
		MarkdownDescription: fmt.Sprintf("How many %s the network interface has, allocated %s. Set this or `%s`, not both; omitted, it is "+
			"the number of addresses `%s` names. Updatable in place: a larger count adds addresses, a smaller one gives back the highest. "+
			"With neither set, a new network interface has none and an existing one keeps what it holds. %s", what, allocated, set, set, limit),
		CustomType:    wholeNumberType{},
		Optional:      true,
		Computed:      true,
		Validators:    []validator.Int64{newAddressCountValidator(field)},
		PlanModifiers: []planmodifier.Int64{newAddressCountFollowsSet(set)},
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
