package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

var (
	twoAddrs   = stringSetValue([]string{"10.0.1.3", "10.0.1.4"})
	unknownSet = types.SetUnknown(types.StringType)
	halfKnown  = types.SetValueMust(types.StringType, []attr.Value{types.StringValue("10.0.1.3"), types.StringUnknown()})
)

// The set planned while the user sets the count (or neither): it never
// differs from state unless the count asks for another number.
func TestPlannedAddressSet(t *testing.T) {
	cases := []struct {
		name    string
		state   types.Set
		created bool
		count   types.Int64
		want    types.Set
	}{
		{"new, neither set: none", types.SetNull(types.StringType), true, types.Int64Null(), stringSetValue(nil)},
		{"new, count set: allocated at apply", types.SetNull(types.StringType), true, types.Int64Value(2), unknownSet},
		{"new, count unknown", types.SetNull(types.StringType), true, types.Int64Unknown(), unknownSet},
		{"update, neither set: kept", twoAddrs, false, types.Int64Null(), twoAddrs},
		{"update, same count: kept", twoAddrs, false, types.Int64Value(2), twoAddrs},
		{"update, count grows", twoAddrs, false, types.Int64Value(3), unknownSet},
		{"update, count shrinks", twoAddrs, false, types.Int64Value(1), unknownSet},
		{"update, count unknown", twoAddrs, false, types.Int64Unknown(), unknownSet},
		{"update, zero count on none: kept", stringSetValue(nil), false, types.Int64Value(0), stringSetValue(nil)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := plannedAddressSet(c.state, c.created, c.count); !got.Equal(c.want) {
				t.Errorf("plannedAddressSet = %v, want %v", got, c.want)
			}
		})
	}
}

// The count planned while the user sets the addresses (or neither): the
// size of a known set, so it is known at plan whenever the set is.
func TestPlannedAddressCount(t *testing.T) {
	cases := []struct {
		name    string
		state   types.Int64
		created bool
		set     types.Set
		want    types.Int64
	}{
		{"new, neither set: none", types.Int64Null(), true, types.SetNull(types.StringType), types.Int64Value(0)},
		{"new, set given", types.Int64Null(), true, twoAddrs, types.Int64Value(2)},
		{"new, set unknown", types.Int64Null(), true, unknownSet, types.Int64Unknown()},
		{"new, an element unknown", types.Int64Null(), true, halfKnown, types.Int64Unknown()},
		{"update, neither set: kept", types.Int64Value(3), false, types.SetNull(types.StringType), types.Int64Value(3)},
		{"update, set of the same size", types.Int64Value(2), false, twoAddrs, types.Int64Value(2)},
		{"update, set of another size", types.Int64Value(5), false, twoAddrs, types.Int64Value(2)},
		{"update, emptied", types.Int64Value(2), false, stringSetValue(nil), types.Int64Value(0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := plannedAddressCount(c.state, c.created, c.set); !got.Equal(c.want) {
				t.Errorf("plannedAddressCount = %v, want %v", got, c.want)
			}
		})
	}
}

// What Create and the plan-time check ask of the engine for a new NIC.
func TestAddressRequestOf(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		set    types.Set
		count  types.Int64
		want   engine.AddressRequest
		wantOK bool
	}{
		{"named", twoAddrs, types.Int64Value(2), engine.AddressRequest{Addresses: []string{"10.0.1.3", "10.0.1.4"}}, true},
		{"none named: exactly none", stringSetValue(nil), types.Int64Value(0), engine.AddressRequest{Addresses: []string{}}, true},
		{"counted", unknownSet, types.Int64Value(3), engine.AddressRequest{Count: 3}, true},
		{"unknown both", unknownSet, types.Int64Unknown(), engine.AddressRequest{}, false},
		{"an element unknown, count unknown", halfKnown, types.Int64Unknown(), engine.AddressRequest{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := addressRequestOf(ctx, c.set, wholeNumberOf(c.count))
			if ok != c.wantOK || !reflect.DeepEqual(got, c.want) {
				t.Errorf("addressRequestOf = %+v, %v; want %+v, %v", got, ok, c.want, c.wantOK)
			}
		})
	}
}

// What Update and the plan-time check ask of the engine for a change.
func TestAddressChangeOf(t *testing.T) {
	ctx := context.Background()
	oneAddr := stringSetValue([]string{"10.0.1.3"})
	cases := []struct {
		name                  string
		planSet, stateSet     types.Set
		planCount, stateCount types.Int64
		want                  *engine.AddressRequest
		wantOK                bool
	}{
		{"unchanged", twoAddrs, twoAddrs, types.Int64Value(2), types.Int64Value(2), nil, true},
		{"other addresses named", oneAddr, twoAddrs, types.Int64Value(1), types.Int64Value(2), &engine.AddressRequest{Addresses: []string{"10.0.1.3"}}, true},
		{"all given back by name", stringSetValue(nil), twoAddrs, types.Int64Value(0), types.Int64Value(2), &engine.AddressRequest{Addresses: []string{}}, true},
		{"count changed", unknownSet, twoAddrs, types.Int64Value(4), types.Int64Value(2), &engine.AddressRequest{Count: 4}, true},
		{"not known yet", unknownSet, twoAddrs, types.Int64Unknown(), types.Int64Value(2), nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := addressChangeOf(ctx, c.planSet, c.stateSet, wholeNumberOf(c.planCount), wholeNumberOf(c.stateCount))
			if ok != c.wantOK || !reflect.DeepEqual(got, c.want) {
				t.Errorf("addressChangeOf = %+v, %v; want %+v, %v", got, ok, c.want, c.wantOK)
			}
		})
	}
}

// ipv6_cidr follows ipv6_enabled: known null when off, kept while on.
func TestPlannedIPv6CIDR(t *testing.T) {
	const cidr = "fd12:3456:789a:bc00::/56"
	cases := []struct {
		name             string
		planned, current types.Bool
		state, want      types.String
	}{
		{"new, off", types.BoolValue(false), types.BoolNull(), types.StringNull(), types.StringNull()},
		{"new, on", types.BoolValue(true), types.BoolNull(), types.StringNull(), types.StringUnknown()},
		{"stays on", types.BoolValue(true), types.BoolValue(true), types.StringValue(cidr), types.StringValue(cidr)},
		{"turns on", types.BoolValue(true), types.BoolValue(false), types.StringNull(), types.StringUnknown()},
		{"turns off", types.BoolValue(false), types.BoolValue(true), types.StringValue(cidr), types.StringNull()},
		{"unknown", types.BoolUnknown(), types.BoolValue(true), types.StringValue(cidr), types.StringUnknown()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := plannedIPv6CIDR(c.planned, c.current, c.state); !got.Equal(c.want) {
				t.Errorf("plannedIPv6CIDR = %v, want %v", got, c.want)
			}
		})
	}
}

// A NIC's count (a wholeNumber) and its set, both set, are refused on
// each; a count left out or not known yet is not. The frameworkfix tests
// hold CheckConflictingPair to ConflictsWith on every other case.
func TestCheckAddressPairConfig(t *testing.T) {
	cases := []struct {
		name  string
		count types.Int64
		want  int
	}{
		{"both", types.Int64Value(2), 2},
		{"set only", types.Int64Null(), 0},
		{"count unknown", types.Int64Unknown(), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var diags diag.Diagnostics
			frameworkfix.CheckConflictingPair(&diags, twoAddrs, wholeNumberOf(c.count), "ipv6_addresses", "ipv6_address_count")
			if diags.ErrorsCount() != c.want {
				t.Fatalf("got %d errors (%v), want %d", diags.ErrorsCount(), diags, c.want)
			}
			for _, d := range diags {
				if !strings.Contains(d.Detail(), "cannot be specified when") {
					t.Errorf("detail %q does not say why", d.Detail())
				}
			}
		})
	}
}
