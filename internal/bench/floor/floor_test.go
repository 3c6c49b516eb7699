package floor

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A twin stores a set of addresses with as many as its count asks for, so
// that a plan after the apply shows no change, as with the eni provider.
func TestStorePlanFillsAddressSetsToTheirCount(t *testing.T) {
	set := tftypes.Set{ElementType: tftypes.String}
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "secondary_private_ips": set, "secondary_private_ip_count": tftypes.Number,
		"ipv6_addresses": set, "ipv6_address_count": tftypes.Number, "tags": tftypes.Set{ElementType: tftypes.String},
	}}
	unknownSet := tftypes.NewValue(set, tftypes.UnknownValue)
	plan := tfsdk.Plan{Raw: tftypes.NewValue(typ, map[string]tftypes.Value{
		"id":                         tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"secondary_private_ips":      unknownSet,
		"secondary_private_ip_count": tftypes.NewValue(tftypes.Number, 3),
		"ipv6_addresses":             unknownSet,
		"ipv6_address_count":         tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
		"tags":                       unknownSet,
	})}
	var state tfsdk.State
	var diags diag.Diagnostics
	storePlan(plan, &state, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	var got map[string]tftypes.Value
	if err := state.Raw.As(&got); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{"secondary_private_ips": 3, "ipv6_addresses": 0, "tags": 0} {
		var elems []tftypes.Value
		if err := got[name].As(&elems); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(elems) != want {
			t.Errorf("%s holds %d elements, want %d", name, len(elems), want)
		}
	}
	if !got["id"].IsKnown() || !got["ipv6_address_count"].IsKnown() {
		t.Errorf("unknown values left in %v", state.Raw)
	}
}
