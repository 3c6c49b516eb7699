package enginetest

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/address.go: a NIC's secondary private IPs (named or
// counted, rule 8 on each, one holder per address with primaries and
// virtual IPs) and rule 15, which caps a NIC's private IPv4 addresses by
// its server's flavor.

func secondaries(r *fixture.Region, id string, req engine.AddressRequest) (engine.NetworkInterface, error) {
	return r.Eng.UpdateNetworkInterface(r.Ctx, id, engine.NetworkInterfaceUpdate{SecondaryPrivateIPs: &req})
}

func wantAddresses(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: %v, want %v", what, got, want)
	}
}

func secondaryIPsCountedOrNamed(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	n := r.NICWith(r.SubnetA, 2) // .2 primary, .3 and .4 secondary
	wantAddresses(t, "counted at create", n.SecondaryPrivateIPs, []string{"10.0.1.3", "10.0.1.4"})
	wantAddresses(t, "read back", fixture.Must(r.Eng.GetNetworkInterface(r.Ctx, n.ID))(t).SecondaryPrivateIPs, n.SecondaryPrivateIPs)
	named := fixture.Must(r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n",
		SecondaryPrivateIPs: engine.AddressRequest{Addresses: []string{"10.0.1.100", "10.0.1.20", "10.0.1.100"}}}))(t)
	wantAddresses(t, "named, sorted by address, once each", named.SecondaryPrivateIPs, []string{"10.0.1.20", "10.0.1.100"})

	// Updates in place: a count grows from the lowest free address and
	// shrinks from the highest; a set adds and removes what differs.
	n = fixture.Must(secondaries(r, n.ID, engine.AddressRequest{Count: 4}))(t)
	wantAddresses(t, "grown", n.SecondaryPrivateIPs, []string{"10.0.1.3", "10.0.1.4", "10.0.1.6", "10.0.1.7"})
	n = fixture.Must(secondaries(r, n.ID, engine.AddressRequest{Count: 1}))(t)
	wantAddresses(t, "shrunk", n.SecondaryPrivateIPs, []string{"10.0.1.3"})
	n = fixture.Must(secondaries(r, n.ID, engine.AddressRequest{Addresses: []string{"10.0.1.3", "10.0.1.50"}}))(t)
	wantAddresses(t, "set", n.SecondaryPrivateIPs, []string{"10.0.1.3", "10.0.1.50"})
	n = fixture.Must(secondaries(r, n.ID, engine.AddressRequest{Addresses: []string{}}))(t)
	wantAddresses(t, "emptied", n.SecondaryPrivateIPs, nil)
	r.CheckInvariants()

	// An address given back is free for anyone: named, or allocated once
	// the cursor has come round.
	other := fixture.Must(r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: "10.0.1.50"}))(t)
	if other.PrivateIP != "10.0.1.50" {
		t.Fatalf("a released secondary was not reusable: %s", other.PrivateIP)
	}
}

func secondaryIPsStayWithTheNIC(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	one := r.Server("c7.large.2", r.SubnetA)
	two := r.Server("c7.large.2", r.SubnetA)
	n := r.NICWith(r.SubnetA, 3)
	held := n.SecondaryPrivateIPs
	n = r.Attach(n, one)
	n = fixture.Must(r.Eng.MoveNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: two.ID}))(t)
	wantAddresses(t, "after a move", n.SecondaryPrivateIPs, held)
	n = fixture.Must(r.Eng.DetachNetworkInterface(r.Ctx, n.ID))(t)
	wantAddresses(t, "after a detach", n.SecondaryPrivateIPs, held)
	if err := r.Eng.DeleteServer(r.Ctx, two.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.Eng.DeleteNetworkInterface(r.Ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	for _, a := range held {
		fixture.Must(r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: a}))(t)
	}
	r.CheckInvariants()
}

func secondaryIPFindsItsNIC(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	n := r.NICWith(r.SubnetA, 1)
	got := fixture.Must(r.Eng.FindNetworkInterfaceByIP(r.Ctx, r.SubnetA.ID, n.SecondaryPrivateIPs[0]))(t)
	if got.ID != n.ID {
		t.Fatalf("found %s by its secondary IP, want %s", got.ID, n.ID)
	}
	v := r.VIP(r.SubnetA, "")
	_, err := r.Eng.FindNetworkInterfaceByIP(r.Ctx, r.SubnetA.ID, v.IPAddress)
	fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceNotFound, v.IPAddress)
}

func rule8EachSecondaryIP(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	holder := r.NICWith(r.SubnetA, 1) // .2, secondary .3
	vip := r.VIP(r.SubnetA, "")       // .4
	n := r.NIC(r.SubnetA)             // .5
	before := r.Snapshot()
	cases := []struct {
		ip, code string
		words    []string
	}{
		{"10.0.9.5", engine.CodeInvalidParameterValue, []string{"secondary private IP 10.0.9.5", "outside subnet"}},
		{"10.0.1.1", engine.CodeInvalidParameterValue, []string{"reserved", "gateway"}},
		{"10.0.1.255", engine.CodeInvalidParameterValue, []string{"reserved", "broadcast"}},
		{"fd00::1", engine.CodeInvalidParameterValue, []string{"not an IPv4 address"}},
		{holder.PrivateIP, engine.CodeIPAddressInUse, []string{holder.PrivateIP, holder.ID}},
		{holder.SecondaryPrivateIPs[0], engine.CodeIPAddressInUse, []string{holder.ID, "as a secondary IP"}},
		{vip.IPAddress, engine.CodeIPAddressInUse, []string{"virtual IP " + vip.ID}},
		{n.PrivateIP, engine.CodeIPAddressInUse, []string{n.PrivateIP}}, // n's own: see rule8NotTheNICsOwnPrimary
	}
	for _, c := range cases {
		t.Run(c.ip, func(t *testing.T) {
			_, err := secondaries(r, n.ID, engine.AddressRequest{Addresses: []string{"10.0.1.99", c.ip}})
			fixture.ExpectCode(t, err, c.code, c.words...)
			if got := engine.FieldOf(err); got != engine.FieldSecondaryPrivateIPs {
				t.Errorf("refusal on %q, want %q", got, engine.FieldSecondaryPrivateIPs)
			}
			_, err = r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n",
				SecondaryPrivateIPs: engine.AddressRequest{Addresses: []string{c.ip}}})
			fixture.ExpectCode(t, err, c.code, c.words...)
			err = r.Eng.CheckNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n",
				SecondaryPrivateIPs: engine.AddressRequest{Addresses: []string{c.ip}}})
			fixture.ExpectCode(t, err, c.code, c.words...)
		})
	}
	_, err := secondaries(r, n.ID, engine.AddressRequest{Count: -1})
	fixture.ExpectCode(t, err, engine.CodeInvalidParameterValue, "-1 addresses")
	if got := engine.FieldOf(err); got != engine.FieldSecondaryPrivateIPCount {
		t.Errorf("refusal on %q, want %q", got, engine.FieldSecondaryPrivateIPCount)
	}
	r.Unchanged(before)
}

// A NIC's own primary IP is no secondary IP of it. The refusal names no
// NIC: at create, the one asking is rolled back and never exists.
func rule8NotTheNICsOwnPrimary(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	n := r.NIC(r.SubnetA) // .2
	before := r.Snapshot()
	own := []string{"10.0.1.99", n.PrivateIP}
	expect := func(t *testing.T, err error) {
		t.Helper()
		fixture.ExpectCode(t, err, engine.CodeIPAddressInUse, n.PrivateIP+" is already used by this network interface as its primary IP")
		if e := engine.AsError(err); e != nil && strings.Contains(e.Message, "eni-") {
			t.Errorf("refusal %q names a network interface", e.Message)
		}
		if got := engine.FieldOf(err); got != engine.FieldSecondaryPrivateIPs {
			t.Errorf("refusal on %q, want %q", got, engine.FieldSecondaryPrivateIPs)
		}
	}
	t.Run("update", func(t *testing.T) {
		_, err := secondaries(r, n.ID, engine.AddressRequest{Addresses: own})
		expect(t, err)
	})
	t.Run("create asking for the primary", func(t *testing.T) {
		in := engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: "10.0.1.50",
			SecondaryPrivateIPs: engine.AddressRequest{Addresses: []string{"10.0.1.50"}}}
		_, err := r.Eng.CreateNetworkInterface(r.Ctx, in)
		expect2 := func(err error) {
			fixture.ExpectCode(t, err, engine.CodeIPAddressInUse, "10.0.1.50 is already used by this network interface as its primary IP")
			if got := engine.FieldOf(err); got != engine.FieldSecondaryPrivateIPs {
				t.Errorf("refusal on %q, want %q", got, engine.FieldSecondaryPrivateIPs)
			}
			if engine.IsRegionConflict(err) {
				t.Error("the configuration's own mistake is marked as what the region holds")
			}
		}
		expect2(err)
		expect2(r.Eng.CheckNetworkInterface(r.Ctx, in))
		expect2(engine.ValidateSecondaryIPs(in.PrivateIP, in.SecondaryPrivateIPs))
	})
	t.Run("create with the primary allocated", func(t *testing.T) {
		// The lowest free address, .3, goes to the primary before the
		// secondary IPs are taken.
		_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n",
			SecondaryPrivateIPs: engine.AddressRequest{Addresses: []string{"10.0.1.3"}}})
		fixture.ExpectCode(t, err, engine.CodeIPAddressInUse, "10.0.1.3 is already used by this network interface as its primary IP")
		if e := engine.AsError(err); e != nil && strings.Contains(e.Message, "eni-") {
			t.Errorf("refusal %q names a network interface that was never created", e.Message)
		}
	})
	r.Unchanged(before)
}

func rule9SecondaryIPsFillASubnet(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	tiny := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a") // 13 addresses
	n := r.NICWith(tiny, 10)
	before := r.Snapshot()
	_, err := secondaries(r, n.ID, engine.AddressRequest{Count: 13})
	fixture.ExpectCode(t, err, engine.CodeInsufficientFreeAddresses, tiny.ID)
	if got := engine.FieldOf(err); got != engine.FieldSecondaryPrivateIPCount {
		t.Errorf("refusal on %q, want %q", got, engine.FieldSecondaryPrivateIPCount)
	}
	r.Unchanged(before)
	fixture.Must(secondaries(r, n.ID, engine.AddressRequest{Count: 12}))(t)
	if got := fixture.Must(r.Eng.GetSubnet(r.Ctx, tiny.ID))(t); got.AvailableIPCount != 0 {
		t.Fatalf("a subnet full of secondary IPs counts %d free", got.AvailableIPCount)
	}
	_, err = r.Eng.CreateVirtualIP(r.Ctx, engine.VirtualIPInput{SubnetID: tiny.ID})
	fixture.ExpectCode(t, err, engine.CodeInsufficientFreeAddresses, tiny.ID)
}

func sourceDestCheckIsOnUnlessTurnedOff(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	n := r.NIC(r.SubnetA)
	srv := r.Server("c7.large.2", r.SubnetA)
	primary := fixture.Must(r.Eng.GetNetworkInterface(r.Ctx, srv.PrimaryNetworkInterfaceID))(t)
	if !n.SourceDestCheck || !primary.SourceDestCheck {
		t.Fatalf("source/dest check off by default: %v, primary %v", n.SourceDestCheck, primary.SourceDestCheck)
	}
	off := false
	fixture.Must(r.Eng.UpdateNetworkInterface(r.Ctx, n.ID, engine.NetworkInterfaceUpdate{SourceDestCheck: &off}))(t)
	if got := fixture.Must(r.Eng.GetNetworkInterface(r.Ctx, n.ID))(t); got.SourceDestCheck {
		t.Fatal("source/dest check still on after turning it off")
	}
	router := fixture.Must(r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "nat", SourceDestCheck: &off}))(t)
	if got := fixture.Must(r.Eng.GetNetworkInterface(r.Ctx, router.ID))(t); got.SourceDestCheck {
		t.Fatal("source/dest check on though created off")
	}
}

// Rule 15.

func rule15AssignWithinTheCap(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("s6.large.2", r.SubnetA) // 4 private IPs per NIC
	n := r.Attach(r.NIC(r.SubnetA), srv)
	n = fixture.Must(secondaries(r, n.ID, engine.AddressRequest{Count: 3}))(t)
	before := r.Snapshot()
	_, err := secondaries(r, n.ID, engine.AddressRequest{Count: 4})
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, n.ID, srv.ID, "s6.large.2", "at most 4 private IPv4 addresses",
		"would hold 5: its primary IP, 4 secondary and 0 virtual", "fewer secondary or virtual IPs")
	if got := engine.FieldOf(err); got != engine.FieldSecondaryPrivateIPCount {
		t.Errorf("refusal on %q, want %q", got, engine.FieldSecondaryPrivateIPCount)
	}
	_, err = secondaries(r, n.ID, engine.AddressRequest{Addresses: []string{"10.0.1.100", "10.0.1.101", "10.0.1.102", "10.0.1.103"}})
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, "at most 4")
	if got := engine.FieldOf(err); got != engine.FieldSecondaryPrivateIPs {
		t.Errorf("refusal on %q, want %q", got, engine.FieldSecondaryPrivateIPs)
	}
	r.Unchanged(before)

	// On no server a NIC holds at most 50, as on the largest flavor, so a
	// count or set beyond 49 secondary IPs is refused before any subnet is
	// looked at: no NIC anywhere could hold it.
	for _, req := range []engine.AddressRequest{{Count: 50}, {Count: math.MaxInt}, {Addresses: hostsOf("10.0.1.", 100, 50)}} {
		field := engine.FieldSecondaryPrivateIPCount
		if req.Explicit() {
			field = engine.FieldSecondaryPrivateIPs
		}
		in := engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", SecondaryPrivateIPs: req}
		_, err = r.Eng.CreateNetworkInterface(r.Ctx, in)
		fixture.ExpectCode(t, err, engine.CodeInvalidParameterValue, "secondary private IPv4 addresses were asked for", "at most 49 besides its primary IP")
		if got := engine.FieldOf(err); got != field {
			t.Errorf("refusal on %q, want %q", got, field)
		}
		fixture.ExpectCode(t, r.Eng.CheckNetworkInterface(r.Ctx, in), engine.CodeInvalidParameterValue, "at most 49")
		fixture.ExpectCode(t, engine.ValidateAddressRequest(engine.FieldSecondaryPrivateIPs, req), engine.CodeInvalidParameterValue, "at most 49")
	}
	r.Unchanged(before)
	r.NICWith(r.SubnetA, 49)
	r.CheckInvariants()
}

func rule15AttachAndMoveWithinTheCap(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	small := r.Server("s6.large.2", r.SubnetA) // 4 per NIC
	big := r.Server("c7.large.2", r.SubnetA)   // 10 per NIC
	n := r.NICWith(r.SubnetA, 4)               // 5 in all
	before := r.Snapshot()
	_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: small.ID})
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, n.ID, small.ID, "at most 4", "would hold 5")
	if got := engine.FieldOf(err); got != engine.FieldServerID {
		t.Errorf("refusal on %q, want %q", got, engine.FieldServerID)
	}
	r.Unchanged(before)
	n = r.Attach(n, big)
	before = r.Snapshot()
	_, err = r.Eng.MoveNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: small.ID})
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, small.ID, "at most 4")
	r.Unchanged(before) // still on big
}

func rule15ResizeLeavesRoomForTheIPs(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.Attach(r.NICWith(r.SubnetA, 4), srv)
	small := "s6.large.2"
	before := r.Snapshot()
	_, err := r.Eng.UpdateServer(r.Ctx, srv.ID, engine.ServerUpdate{Flavor: &small})
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, n.ID, "s6.large.2", "at most 4", "would hold 5")
	if got := engine.FieldOf(err); got != engine.FieldFlavor {
		t.Errorf("refusal on %q, want %q", got, engine.FieldFlavor)
	}
	fixture.ExpectCode(t, r.Eng.CheckResize(r.Ctx, srv.ID, small), engine.CodePrivateIPAddressLimitExceeded, "at most 4")
	r.Unchanged(before)
	fixture.Must(secondaries(r, n.ID, engine.AddressRequest{Count: 3}))(t)
	fixture.Must(r.Eng.UpdateServer(r.Ctx, srv.ID, engine.ServerUpdate{Flavor: &small}))(t)
	r.CheckInvariants()
}

func rule15BindWithinTheCap(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("s6.large.2", r.SubnetA)
	n := r.Attach(r.NICWith(r.SubnetA, 2), srv) // 3 of 4
	first := r.VIP(r.SubnetA, n.ID)             // 4 of 4
	second := r.VIP(r.SubnetA, "")
	before := r.Snapshot()
	bind := n.ID
	_, err := r.Eng.UpdateVirtualIP(r.Ctx, second.ID, engine.VirtualIPUpdate{NetworkInterfaceID: &bind})
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, n.ID, "at most 4", "would hold 5: its primary IP, 2 secondary and 2 virtual")
	if got := engine.FieldOf(err); got != engine.FieldNetworkInterfaceID {
		t.Errorf("refusal on %q, want %q", got, engine.FieldNetworkInterfaceID)
	}
	_, err = r.Eng.CreateVirtualIP(r.Ctx, engine.VirtualIPInput{SubnetID: r.SubnetA.ID, NetworkInterfaceID: n.ID})
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, "at most 4")
	_, err = secondaries(r, n.ID, engine.AddressRequest{Count: 3})
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, "would hold 5: its primary IP, 3 secondary and 1 virtual")
	r.Unchanged(before)
	// Rebinding the same address is no new address.
	again := first.NetworkInterfaceID
	fixture.Must(r.Eng.UpdateVirtualIP(r.Ctx, first.ID, engine.VirtualIPUpdate{NetworkInterfaceID: &again}))(t)
}

// rule15InvariantCheckerReportsAnOverfullNIC writes past the cap straight
// into the store, as a bug would, and expects the checker to say so.
func rule15InvariantCheckerReportsAnOverfullNIC(t *testing.T, f fixture.Factory) {
	st, r, _, s := storeWithOneSubnet(t, f)
	eng := r.Eng
	srv := r.Server("s6.large.2", s)
	err := st.Update(r.Ctx, func(tx engine.Tx) error {
		for _, a := range []string{"10.0.1.100", "10.0.1.101", "10.0.1.102", "10.0.1.103"} {
			if err := tx.InsertAddress(engine.HeldAddress{SubnetID: s.ID, Address: a, Holder: srv.PrimaryNetworkInterfaceID, Kind: engine.AddressSecondary}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fixture.ExpectCode(t, eng.Check(r.Ctx), engine.CodePrivateIPAddressLimitExceeded, srv.PrimaryNetworkInterfaceID, "at most 4")
}

// storeWithOneSubnet is a store with one VPC (10.0.0.0/16) and one subnet
// (10.0.1.0/24), and the region on it, for tests that break the store's
// state behind the engine's back.
func storeWithOneSubnet(t *testing.T, f fixture.Factory) (engine.Store, *fixture.Region, engine.VPC, engine.Subnet) {
	st := f(t)
	eng := fixture.Must(engine.New(st, engine.Options{}))(t)
	t.Cleanup(func() { _ = eng.Close() })
	r := &fixture.Region{T: t, Ctx: t.Context(), Eng: eng}
	vpc := fixture.Must(eng.CreateVPC(r.Ctx, engine.VPCInput{Name: "v", CIDR: "10.0.0.0/16"}))(t)
	return st, r, vpc, r.Subnet(vpc.ID, "10.0.1.0/24", "local-1a")
}

// hostsOf is n addresses prefix+first, prefix+first+1, ...
func hostsOf(prefix string, first, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + strconv.Itoa(first+i)
	}
	return out
}
