package enginetest

import (
	"net/netip"
	"reflect"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/ipv6.go: a VPC's /56 of fd00::/8, its subnets' /64s, and
// NICs' IPv6 addresses (named or counted, at most 10, unique in a subnet,
// only where the subnet has IPv6).

func ipv6Region(t *testing.T, f fixture.Factory) (*fixture.Region, engine.VPC, engine.Subnet) {
	r := fixture.NewRegion(t, f, "")
	on := true
	vpc := fixture.Must(r.Eng.UpdateVPC(r.Ctx, r.VPC.ID, engine.VPCUpdate{IPv6Enabled: &on}))(t)
	s := fixture.Must(r.Eng.UpdateSubnet(r.Ctx, r.SubnetA.ID, engine.SubnetUpdate{IPv6Enabled: &on}))(t)
	return r, vpc, s
}

func ipv6RangesNestAndDiffer(t *testing.T, f fixture.Factory) {
	r, vpc, s := ipv6Region(t, f)
	p := netip.MustParsePrefix(vpc.IPv6CIDR)
	if p.Bits() != 56 || !engine.ULARange.Contains(p.Addr()) || p.Masked() != p {
		t.Fatalf("VPC IPv6 range %s is not a /56 of %s", vpc.IPv6CIDR, engine.ULARange)
	}
	other := fixture.Must(r.Eng.CreateVPC(r.Ctx, engine.VPCInput{Name: "v6", CIDR: "172.16.0.0/16", IPv6Enabled: true}))(t)
	if other.IPv6CIDR == "" || other.IPv6CIDR == vpc.IPv6CIDR {
		t.Fatalf("two VPCs got %q and %q", vpc.IPv6CIDR, other.IPv6CIDR)
	}
	sp := netip.MustParsePrefix(s.IPv6CIDR)
	if sp.Bits() != 64 || !p.Contains(sp.Addr()) {
		t.Fatalf("subnet IPv6 range %s is not a /64 of %s", s.IPv6CIDR, vpc.IPv6CIDR)
	}
	next := fixture.Must(r.Eng.CreateSubnet(r.Ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "s6", CIDR: "10.0.50.0/24", AvailabilityZone: "local-1a", IPv6Enabled: true}))(t)
	if next.IPv6CIDR == s.IPv6CIDR || !p.Contains(netip.MustParsePrefix(next.IPv6CIDR).Addr()) {
		t.Fatalf("second subnet got %s after %s", next.IPv6CIDR, s.IPv6CIDR)
	}
	if got := fixture.Must(r.Eng.GetSubnet(r.Ctx, next.ID))(t); got.IPv6CIDR != next.IPv6CIDR {
		t.Fatalf("read back %q, want %q", got.IPv6CIDR, next.IPv6CIDR)
	}
	// Turning IPv6 off is refused while something uses it.
	off := false
	n := fixture.Must(r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "n", IPv6Addresses: engine.AddressRequest{Count: 1}}))(t)
	_, err := r.Eng.UpdateVPC(r.Ctx, vpc.ID, engine.VPCUpdate{IPv6Enabled: &off})
	fixture.ExpectCode(t, err, engine.CodeDependencyViolation, vpc.ID, "2 subnets with IPv6")
	_, err = r.Eng.UpdateSubnet(r.Ctx, s.ID, engine.SubnetUpdate{IPv6Enabled: &off})
	fixture.ExpectCode(t, err, engine.CodeDependencyViolation, s.ID, "1 network interface holding IPv6 addresses")
	if got := engine.FieldOf(err); got != engine.FieldIPv6Enabled {
		t.Errorf("refusal on %q, want %q", got, engine.FieldIPv6Enabled)
	}
	fixture.Must(r.Eng.UpdateNetworkInterface(r.Ctx, n.ID, engine.NetworkInterfaceUpdate{IPv6Addresses: &engine.AddressRequest{Count: 0}}))(t)
	fixture.Must(r.Eng.UpdateSubnet(r.Ctx, s.ID, engine.SubnetUpdate{IPv6Enabled: &off}))(t)
	if err := r.Eng.DeleteSubnet(r.Ctx, next.ID); err != nil {
		t.Fatal(err)
	}
	v := fixture.Must(r.Eng.UpdateVPC(r.Ctx, vpc.ID, engine.VPCUpdate{IPv6Enabled: &off}))(t)
	if v.IPv6CIDR != "" {
		t.Fatalf("VPC kept %s with IPv6 off", v.IPv6CIDR)
	}
}

func ipv6NeedsTheLevelAbove(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	before := r.Snapshot()
	_, err := r.Eng.CreateSubnet(r.Ctx, engine.SubnetInput{VPCID: r.VPC.ID, Name: "s", CIDR: "10.0.60.0/24", AvailabilityZone: "local-1a", IPv6Enabled: true})
	fixture.ExpectCode(t, err, engine.CodeInvalidParameterValue, r.VPC.ID, "has no IPv6 range", "Enable IPv6 on the VPC")
	if got := engine.FieldOf(err); got != engine.FieldIPv6Enabled {
		t.Errorf("refusal on %q, want %q", got, engine.FieldIPv6Enabled)
	}
	on := true
	_, err = r.Eng.UpdateSubnet(r.Ctx, r.SubnetA.ID, engine.SubnetUpdate{IPv6Enabled: &on})
	fixture.ExpectCode(t, err, engine.CodeInvalidParameterValue, "has no IPv6 range")
	_, err = r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", IPv6Addresses: engine.AddressRequest{Count: 1}})
	fixture.ExpectCode(t, err, engine.CodeInvalidParameterValue, r.SubnetA.ID, "cannot have IPv6 addresses")
	if got := engine.FieldOf(err); got != engine.FieldIPv6Addresses {
		t.Errorf("refusal on %q, want %q", got, engine.FieldIPv6Addresses)
	}
	fixture.ExpectCode(t, r.Eng.CheckNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n",
		IPv6Addresses: engine.AddressRequest{Addresses: []string{"fd00::5"}}}), engine.CodeInvalidParameterValue, "cannot have IPv6 addresses")
	r.Unchanged(before)
}

func ipv6PlannedWithTheLevelAbove(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	subnet := engine.SubnetInput{VPCID: r.VPC.ID, Name: "s", CIDR: "10.0.60.0/24", AvailabilityZone: "local-1a", IPv6Enabled: true}
	nic := engine.PlannedNetworkInterface{NetworkInterfaceInput: engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n",
		IPv6Addresses: engine.AddressRequest{Count: 2}}}
	l := engine.NewPlanLedger()
	fixture.ExpectCode(t, r.Eng.CheckPlannedSubnet(r.Ctx, subnet, l), engine.CodeInvalidParameterValue, "has no IPv6 range")
	fixture.ExpectCode(t, r.Eng.CheckPlannedNetworkInterface(r.Ctx, nic, l), engine.CodeInvalidParameterValue, "cannot have IPv6 addresses")
	l.PlanIPv6(r.VPC.ID, true)
	l.PlanIPv6(r.SubnetA.ID, true)
	if err := r.Eng.CheckPlannedSubnet(r.Ctx, subnet, l); err != nil {
		t.Fatalf("a subnet with IPv6 in a VPC the plan gives IPv6 was refused: %v", err)
	}
	if err := r.Eng.CheckPlannedNetworkInterface(r.Ctx, nic, l); err != nil {
		t.Fatalf("IPv6 addresses in a subnet the plan gives IPv6 were refused: %v", err)
	}
	on := true
	fixture.Must(r.Eng.UpdateVPC(r.Ctx, r.VPC.ID, engine.VPCUpdate{IPv6Enabled: &on}))(t)
	l = engine.NewPlanLedger()
	if err := r.Eng.CheckPlannedSubnet(r.Ctx, subnet, l); err != nil {
		t.Fatal(err)
	}
	l.PlanIPv6(r.VPC.ID, false)
	fixture.ExpectCode(t, r.Eng.CheckPlannedSubnet(r.Ctx, subnet, l), engine.CodeInvalidParameterValue, "this plan turns IPv6 off", r.VPC.ID)
}

func ipv6AddressesCountedOrNamed(t *testing.T, f fixture.Factory) {
	r, _, s := ipv6Region(t, f)
	p := netip.MustParsePrefix(s.IPv6CIDR)
	at := func(host byte) string {
		b := p.Addr().As16()
		b[15] = host
		return netip.AddrFrom16(b).String()
	}
	n := fixture.Must(r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "n", IPv6Addresses: engine.AddressRequest{Count: 2}}))(t)
	if want := []string{at(1), at(2)}; !reflect.DeepEqual(n.IPv6Addresses, want) {
		t.Fatalf("allocated %v, want %v", n.IPv6Addresses, want)
	}
	named := fixture.Must(r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "m",
		IPv6Addresses: engine.AddressRequest{Addresses: []string{at(3)}}}))(t)
	// Allocation passes an address asked for by name.
	n = fixture.Must(r.Eng.UpdateNetworkInterface(r.Ctx, n.ID, engine.NetworkInterfaceUpdate{IPv6Addresses: &engine.AddressRequest{Count: 3}}))(t)
	if want := []string{at(1), at(2), at(4)}; !reflect.DeepEqual(n.IPv6Addresses, want) {
		t.Fatalf("grown to %v, want %v", n.IPv6Addresses, want)
	}
	if got := fixture.Must(r.Eng.GetNetworkInterface(r.Ctx, n.ID))(t); !reflect.DeepEqual(got.IPv6Addresses, n.IPv6Addresses) {
		t.Fatalf("read back %v, want %v", got.IPv6Addresses, n.IPv6Addresses)
	}
	before := r.Snapshot()
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = at(byte(100 + i))
	}
	cases := []struct {
		name string
		req  engine.AddressRequest
		code string
		word string
	}{
		{"held by another NIC", engine.AddressRequest{Addresses: []string{named.IPv6Addresses[0]}}, engine.CodeIPAddressInUse, named.ID},
		{"outside the /64", engine.AddressRequest{Addresses: []string{"fd00::1"}}, engine.CodeInvalidParameterValue, "outside subnet"},
		{"subnet-router address", engine.AddressRequest{Addresses: []string{p.Addr().String()}}, engine.CodeInvalidParameterValue, "subnet-router"},
		{"an IPv4 address", engine.AddressRequest{Addresses: []string{"10.0.1.9"}}, engine.CodeInvalidParameterValue, "not an IPv6 address"},
		{"not an address", engine.AddressRequest{Addresses: []string{"fd00::zz"}}, engine.CodeInvalidParameterValue, "Write an IPv6 address in canonical form"},
		// Another spelling would be stored canonical and never match the
		// configuration that asked for it.
		{"upper case", engine.AddressRequest{Addresses: []string{strings.ToUpper(at(7))}}, engine.CodeInvalidParameterValue, `write it as "` + at(7) + `"`},
		{"expanded", engine.AddressRequest{Addresses: []string{expanded(at(7))}}, engine.CodeInvalidParameterValue, `write it as "` + at(7) + `"`},
		{"eleven named", engine.AddressRequest{Addresses: eleven}, engine.CodeInvalidParameterValue, "at most 10"},
		{"eleven counted", engine.AddressRequest{Count: 11}, engine.CodeInvalidParameterValue, "at most 10"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := r.Eng.UpdateNetworkInterface(r.Ctx, n.ID, engine.NetworkInterfaceUpdate{IPv6Addresses: &c.req})
			fixture.ExpectCode(t, err, c.code, c.word)
			err = r.Eng.CheckNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "x", IPv6Addresses: c.req})
			fixture.ExpectCode(t, err, c.code, c.word)
		})
	}
	r.Unchanged(before)
	if err := r.Eng.DeleteNetworkInterface(r.Ctx, named.ID); err != nil {
		t.Fatal(err)
	}
	fixture.Must(r.Eng.UpdateNetworkInterface(r.Ctx, n.ID, engine.NetworkInterfaceUpdate{IPv6Addresses: &engine.AddressRequest{Addresses: []string{at(3), at(1)}}}))(t)
	r.CheckInvariants()
}

// expanded is a written in full, every group four hex digits.
func expanded(a string) string {
	return netip.MustParseAddr(a).StringExpanded()
}
