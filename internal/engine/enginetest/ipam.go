package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of the rules engine/ipam.go applies to addresses: 8 (an address
// asked for), 9 (a full subnet says so), how a subnet hands out addresses
// once some are given back, and its CIDR checks.

func rule8RequestedIPInsideFreeAndNotReserved(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	taken := r.NIC(r.SubnetA)
	before := r.Snapshot()
	cases := []struct {
		ip, code string
		words    []string
	}{
		{"10.0.9.5", engine.CodeInvalidParameterValue, []string{"10.0.9.5", "outside subnet", "10.0.1.0/24"}},
		{"10.0.1.0", engine.CodeInvalidParameterValue, []string{"reserved", "network"}},
		{"10.0.1.1", engine.CodeInvalidParameterValue, []string{"reserved", "gateway (10.0.1.1)"}},
		{"10.0.1.255", engine.CodeInvalidParameterValue, []string{"reserved", "broadcast"}},
		{"not-an-ip", engine.CodeInvalidParameterValue, []string{"not an IPv4 address"}},
		{taken.PrivateIP, engine.CodeIPAddressInUse, []string{taken.PrivateIP, taken.ID}},
	}
	for _, c := range cases {
		_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: c.ip})
		fixture.ExpectCode(t, err, c.code, c.words...)
		_, err = r.Eng.CreateServer(r.Ctx, engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: r.SubnetA.ID, PrivateIP: c.ip})
		fixture.ExpectCode(t, err, c.code, c.words...)
	}
	r.Unchanged(before)
	got := fixture.Must(r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: "10.0.1.200"}))(t)
	if got.PrivateIP != "10.0.1.200" {
		t.Fatalf("got %s", got.PrivateIP)
	}
}

func rule9FullSubnetSaysSo(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	tiny := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a") // 14 hosts minus the gateway
	for i := 0; i < 13; i++ {
		r.NIC(tiny)
	}
	before := r.Snapshot()
	_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: tiny.ID, Name: "n"})
	fixture.ExpectCode(t, err, engine.CodeInsufficientFreeAddresses, tiny.ID, "10.0.9.0/28", "13 usable addresses")
	_, err = r.Eng.CreateServer(r.Ctx, engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: tiny.ID})
	fixture.ExpectCode(t, err, engine.CodeInsufficientFreeAddresses, tiny.ID)
	r.Unchanged(before)
	if d := fixture.Must(r.Eng.GetSubnet(r.Ctx, tiny.ID))(t); d.AvailableIPCount != 0 {
		t.Fatalf("available %d, want 0", d.AvailableIPCount)
	}
}

// The IP reuse tests: the cursor keeps going forward while fresh addresses
// last, then the released ones are reused lowest first, whoever gave them
// back. Each works in a /28 (hosts .1-.14, gateway .1) so that it fills.

func reuseFreshFirstThenReleasedLowestFirst(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	s := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
	a, b := r.NIC(s), r.NIC(s) // .2, .3
	deleteNIC(t, r, a)
	wantIP(t, r, s, "10.0.9.4") // .2 waits until the fresh addresses run out
	held := fill(t, r, s)
	if len(held) != 11 || held[9].PrivateIP != "10.0.9.14" || held[10].PrivateIP != "10.0.9.2" {
		t.Fatalf("filled %d more addresses ending %s, want 11: .5 to .14, then the released .2", len(held), held[len(held)-1].PrivateIP)
	}
	deleteNIC(t, r, holding(t, held, "10.0.9.9"))
	deleteNIC(t, r, b)
	wantIP(t, r, s, "10.0.9.3")
	wantIP(t, r, s, "10.0.9.9")
	wantFull(t, r, s)
}

func reuseSkipsAnAddressAskedForByName(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	s := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
	held := fill(t, r, s)
	deleteNIC(t, r, holding(t, held, "10.0.9.6"))
	deleteNIC(t, r, holding(t, held, "10.0.9.12"))
	fixture.Must(createIn(r, s, "10.0.9.6"))(t)
	wantIP(t, r, s, "10.0.9.12")
	wantFull(t, r, s)
}

func reuseADeletedServersPrimaryAddress(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	s := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
	srv := r.Server("c7.large.2", s) // primary NIC at .2
	fill(t, r, s)
	if err := r.Eng.DeleteServer(r.Ctx, srv.ID); err != nil {
		t.Fatal(err)
	}
	wantIP(t, r, s, "10.0.9.2")
	r.CheckInvariants()
}

func reuseLeavesTheSubnetDeletable(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	s := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
	for _, n := range fill(t, r, s) {
		deleteNIC(t, r, n)
	}
	if err := r.Eng.DeleteSubnet(r.Ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	r.CheckInvariants()
}

// createIn creates a NIC in s at ip, or at an allocated address for "".
func createIn(r *fixture.Region, s engine.Subnet, ip string) (engine.NetworkInterface, error) {
	return r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "nic", PrivateIP: ip})
}

// fill allocates until the subnet is full, returning the NICs in order.
func fill(t *testing.T, r *fixture.Region, s engine.Subnet) []engine.NetworkInterface {
	t.Helper()
	var held []engine.NetworkInterface
	for {
		n, err := createIn(r, s, "")
		if engine.CodeOf(err) == engine.CodeInsufficientFreeAddresses {
			return held
		}
		held = append(held, fixture.Must(n, err)(t))
	}
}

func holding(t *testing.T, nics []engine.NetworkInterface, ip string) engine.NetworkInterface {
	t.Helper()
	for _, n := range nics {
		if n.PrivateIP == ip {
			return n
		}
	}
	t.Fatalf("no NIC holds %s", ip)
	return engine.NetworkInterface{}
}

func deleteNIC(t *testing.T, r *fixture.Region, n engine.NetworkInterface) {
	t.Helper()
	if err := r.Eng.DeleteNetworkInterface(r.Ctx, n.ID); err != nil {
		t.Fatal(err)
	}
}

func wantIP(t *testing.T, r *fixture.Region, s engine.Subnet, want string) {
	t.Helper()
	if n := fixture.Must(createIn(r, s, ""))(t); n.PrivateIP != want {
		t.Fatalf("allocated %s, want %s", n.PrivateIP, want)
	}
}

// wantFull checks that the subnet has no address left to allocate and
// that the store is consistent.
func wantFull(t *testing.T, r *fixture.Region, s engine.Subnet) {
	t.Helper()
	_, err := createIn(r, s, "")
	fixture.ExpectCode(t, err, engine.CodeInsufficientFreeAddresses, s.ID)
	r.CheckInvariants()
}

// badCIDRs are the ways a VPC's CIDR may be wrong.
func badCIDRs(r *fixture.Region) []refusal {
	create := func(cidr string) func() error {
		return func() error {
			_, err := r.Eng.CreateVPC(r.Ctx, engine.VPCInput{Name: "a", CIDR: cidr})
			return err
		}
	}
	return []refusal{
		{"malformed CIDR", create("10.1.0.0"), engine.CodeInvalidParameterValue, "not an IPv4 CIDR"},
		{"host bits", create("10.1.0.1/16"), engine.CodeInvalidParameterValue, "its network is 10.1.0.0/16"},
		{"public CIDR", create("8.8.0.0/16"), engine.CodeInvalidParameterValue, "private range"},
		{"too large", create("10.0.0.0/8"), engine.CodeInvalidParameterValue, "/16 and /28"},
		{"IPv6", create("fd00::/64"), engine.CodeInvalidParameterValue, "IPv4"},
	}
}
