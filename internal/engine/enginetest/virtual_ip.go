package enginetest

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/virtual_ip.go: a floating address of a subnet, bound to
// at most one NIC of that subnet (rule 5), moved between NICs in one
// transaction, counted by rule 15, and keeping its NIC and subnet from
// being deleted (rule 11).

func bindTo(r *fixture.Region, vipID, nicID string) (engine.VirtualIP, error) {
	return r.Eng.UpdateVirtualIP(r.Ctx, vipID, engine.VirtualIPUpdate{NetworkInterfaceID: &nicID})
}

func virtualIPLifecycle(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	one := r.Server("c7.large.2", r.SubnetA)
	two := r.Server("c7.large.2", r.SubnetA)
	v := r.VIP(r.SubnetA, one.PrimaryNetworkInterfaceID)
	if v.IPAddress != "10.0.1.4" || v.NetworkInterfaceID != one.PrimaryNetworkInterfaceID || v.ID[:4] != engine.PrefixVirtualIP {
		t.Fatalf("created %+v", v)
	}
	if got := fixture.Must(r.Eng.GetVirtualIP(r.Ctx, v.ID))(t); got.ID != v.ID || got.IPAddress != v.IPAddress || got.NetworkInterfaceID != v.NetworkInterfaceID {
		t.Fatalf("read back %+v, want %+v", got, v)
	}
	// Failover: the address moves to the other server's NIC and keeps its value.
	moved := fixture.Must(bindTo(r, v.ID, two.PrimaryNetworkInterfaceID))(t)
	if moved.IPAddress != v.IPAddress || moved.NetworkInterfaceID != two.PrimaryNetworkInterfaceID {
		t.Fatalf("moved %+v", moved)
	}
	list := fixture.Must(r.Eng.ListVirtualIPs(r.Ctx, engine.VirtualIPFilter{NetworkInterfaceID: two.PrimaryNetworkInterfaceID}))(t)
	if len(list) != 1 || list[0].ID != v.ID {
		t.Fatalf("virtual IPs on the new NIC: %+v", list)
	}
	if left := fixture.Must(r.Eng.ListVirtualIPs(r.Ctx, engine.VirtualIPFilter{NetworkInterfaceID: one.PrimaryNetworkInterfaceID}))(t); len(left) != 0 {
		t.Fatalf("virtual IPs left on the old NIC: %+v", left)
	}
	unbound := fixture.Must(bindTo(r, v.ID, ""))(t)
	if unbound.NetworkInterfaceID != "" {
		t.Fatalf("unbound %+v", unbound)
	}
	r.CheckInvariants()
	if err := r.Eng.DeleteVirtualIP(r.Ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	_, err := r.Eng.GetVirtualIP(r.Ctx, v.ID)
	fixture.ExpectCode(t, err, engine.CodeVirtualIPNotFound, v.ID)
	again := fixture.Must(r.Eng.CreateVirtualIP(r.Ctx, engine.VirtualIPInput{SubnetID: r.SubnetA.ID, IPAddress: v.IPAddress}))(t)
	if again.IPAddress != v.IPAddress {
		t.Fatalf("a deleted virtual IP's address was not free: %+v", again)
	}
	if err := r.Eng.DeleteSubnet(r.Ctx, r.SubnetB.ID); err != nil { // no virtual IP there
		t.Fatal(err)
	}
}

func rule5VirtualIPStaysInItsSubnet(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, engine.SameVPC)
	here := r.NIC(r.SubnetA)
	there := r.NIC(r.SubnetA2)
	v := r.VIP(r.SubnetA, here.ID)
	before := r.Snapshot()
	_, err := bindTo(r, v.ID, there.ID)
	fixture.ExpectCode(t, err, engine.CodeSubnetMismatch, v.ID, r.SubnetA.ID, there.ID, r.SubnetA2.ID, "network interface of its subnet")
	if got := engine.FieldOf(err); got != engine.FieldNetworkInterfaceID {
		t.Errorf("refusal on %q, want %q", got, engine.FieldNetworkInterfaceID)
	}
	// A new virtual IP is named as such: the ID it would have had is rolled
	// back, and there are no empty parentheses where its address goes.
	_, err = r.Eng.CreateVirtualIP(r.Ctx, engine.VirtualIPInput{SubnetID: r.SubnetA.ID, NetworkInterfaceID: there.ID})
	fixture.ExpectCode(t, err, engine.CodeSubnetMismatch, "the new virtual IP 10.0.1.", "is in subnet "+r.SubnetA.ID, there.ID)
	expectNamesNoVirtualIP(t, err)
	err = r.Eng.CheckPlannedVirtualIP(r.Ctx, engine.PlannedVirtualIP{VirtualIPInput: engine.VirtualIPInput{SubnetID: r.SubnetA.ID, NetworkInterfaceID: there.ID}}, engine.NewPlanLedger())
	fixture.ExpectCode(t, err, engine.CodeSubnetMismatch, "the new virtual IP is in subnet "+r.SubnetA.ID, there.ID)
	expectNamesNoVirtualIP(t, err)
	err = r.Eng.CheckPlannedVirtualIP(r.Ctx, engine.PlannedVirtualIP{VirtualIPInput: engine.VirtualIPInput{SubnetID: r.SubnetA.ID, IPAddress: "10.0.1.77", NetworkInterfaceID: there.ID}}, engine.NewPlanLedger())
	fixture.ExpectCode(t, err, engine.CodeSubnetMismatch, "the new virtual IP 10.0.1.77 is in subnet "+r.SubnetA.ID)
	r.Unchanged(before) // the refused move left it on its NIC
	if got := fixture.Must(r.Eng.GetVirtualIP(r.Ctx, v.ID))(t); got.NetworkInterfaceID != here.ID {
		t.Fatalf("a refused move moved the address to %q", got.NetworkInterfaceID)
	}
}

func rule8RequestedVirtualIP(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	n := r.NICWith(r.SubnetA, 1)
	before := r.Snapshot()
	cases := []struct {
		ip, code string
		words    []string
	}{
		{"10.0.3.9", engine.CodeInvalidParameterValue, []string{"virtual IP address 10.0.3.9", "outside subnet"}},
		{"10.0.1.1", engine.CodeInvalidParameterValue, []string{"reserved", "gateway"}},
		{"x", engine.CodeInvalidParameterValue, []string{"not an IPv4 address"}},
		{n.PrivateIP, engine.CodeIPAddressInUse, []string{n.ID}},
		{n.SecondaryPrivateIPs[0], engine.CodeIPAddressInUse, []string{n.ID, "secondary"}},
	}
	for _, c := range cases {
		_, err := r.Eng.CreateVirtualIP(r.Ctx, engine.VirtualIPInput{SubnetID: r.SubnetA.ID, IPAddress: c.ip})
		fixture.ExpectCode(t, err, c.code, c.words...)
		if got := engine.FieldOf(err); got != engine.FieldIPAddress {
			t.Errorf("%s: refusal on %q, want %q", c.ip, got, engine.FieldIPAddress)
		}
		err = r.Eng.CheckPlannedVirtualIP(r.Ctx, engine.PlannedVirtualIP{VirtualIPInput: engine.VirtualIPInput{SubnetID: r.SubnetA.ID, IPAddress: c.ip}}, engine.NewPlanLedger())
		fixture.ExpectCode(t, err, c.code, c.words...)
	}
	r.Unchanged(before)
	v := fixture.Must(r.Eng.CreateVirtualIP(r.Ctx, engine.VirtualIPInput{SubnetID: r.SubnetA.ID, IPAddress: "10.0.1.77"}))(t)
	_, err := secondaries(r, n.ID, engine.AddressRequest{Addresses: []string{v.IPAddress}})
	fixture.ExpectCode(t, err, engine.CodeIPAddressInUse, "virtual IP "+v.ID)
	_, err = r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: v.IPAddress})
	fixture.ExpectCode(t, err, engine.CodeIPAddressInUse, "virtual IP "+v.ID)
}

func rule11BoundVirtualIPKeepsItsNIC(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.NIC(r.SubnetA)
	onNIC := r.VIP(r.SubnetA, n.ID)
	onPrimary := r.VIP(r.SubnetA, srv.PrimaryNetworkInterfaceID)
	before := r.Snapshot()
	fixture.ExpectCode(t, r.Eng.DeleteNetworkInterface(r.Ctx, n.ID), engine.CodeDependencyViolation, n.ID, "1 virtual IP", onNIC.ID, "unbind")
	fixture.ExpectCode(t, r.Eng.DeleteServer(r.Ctx, srv.ID), engine.CodeDependencyViolation, srv.ID, onPrimary.ID)
	fixture.ExpectCode(t, r.Eng.DeleteSubnet(r.Ctx, r.SubnetA.ID), engine.CodeDependencyViolation, r.SubnetA.ID)
	r.Unchanged(before)
	fixture.Must(bindTo(r, onNIC.ID, ""))(t)
	if err := r.Eng.DeleteNetworkInterface(r.Ctx, n.ID); err != nil {
		t.Fatalf("an unbound NIC stayed: %v", err)
	}
	if err := r.Eng.DeleteVirtualIP(r.Ctx, onPrimary.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.Eng.DeleteServer(r.Ctx, srv.ID); err != nil {
		t.Fatal(err)
	}
	// Only virtual IPs hold the subnet now.
	fixture.ExpectCode(t, r.Eng.DeleteSubnet(r.Ctx, r.SubnetA.ID), engine.CodeDependencyViolation, "1 virtual IP")
	if err := r.Eng.DeleteVirtualIP(r.Ctx, onNIC.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.Eng.DeleteSubnet(r.Ctx, r.SubnetA.ID); err != nil {
		t.Fatal(err)
	}
}

// planMove records in l a plan that moves v to nicID ("" unbinds).
func planMove(t *testing.T, r *fixture.Region, l *engine.PlanLedger, v engine.VirtualIP, nicID string) {
	t.Helper()
	p := engine.PlannedVirtualIP{ID: v.ID, VirtualIPInput: engine.VirtualIPInput{SubnetID: v.SubnetID, IPAddress: v.IPAddress, NetworkInterfaceID: nicID}}
	if err := r.Eng.CheckPlannedVirtualIP(r.Ctx, p, l); err != nil {
		t.Fatal(err)
	}
}

// A NIC deleted by a plan that moves its virtual IPs away: the deletion
// moves those the plan moves and deletes the NIC in one transaction, and
// one the plan leaves bound (another configuration's) refuses it all.
func rule11DeletionMovesPlannedVirtualIPs(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	old, target := r.NIC(r.SubnetA), r.NIC(r.SubnetA)
	moved, unbound, stays := r.VIP(r.SubnetA, old.ID), r.VIP(r.SubnetA, old.ID), r.VIP(r.SubnetA, old.ID)
	l := engine.NewPlanLedger()
	planMove(t, r, l, moved, target.ID)
	planMove(t, r, l, unbound, "")
	start := time.Now()
	departures := fixture.Must(r.Eng.VirtualIPDepartures(r.Ctx, old.ID, l, 50*time.Millisecond))(t)
	if waited := time.Since(start); waited < 50*time.Millisecond || waited > 5*time.Second {
		t.Errorf("waited %v for a virtual IP nothing plans, want the 50ms bound", waited)
	}
	want := map[string]string{moved.ID: target.ID, unbound.ID: ""}
	if !reflect.DeepEqual(departures, want) {
		t.Fatalf("departures %v, want %v", departures, want)
	}
	before := r.Snapshot()
	err := r.Eng.DeleteNetworkInterfaceMovingVirtualIPs(r.Ctx, old.ID, departures)
	fixture.ExpectCode(t, err, engine.CodeDependencyViolation, old.ID, "1 virtual IP", stays.ID)
	if e := engine.AsError(err); !reflect.DeepEqual(e.Blocking, []string{stays.ID}) {
		t.Errorf("blocking %v, want %v", e.Blocking, []string{stays.ID})
	}
	r.Unchanged(before) // the moves are undone with the refused deletion
	if err := r.Eng.DeleteVirtualIP(r.Ctx, stays.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.Eng.DeleteNetworkInterfaceMovingVirtualIPs(r.Ctx, old.ID, departures); err != nil {
		t.Fatal(err)
	}
	for id, nic := range want {
		if got := fixture.Must(r.Eng.GetVirtualIP(r.Ctx, id))(t); got.NetworkInterfaceID != nic {
			t.Errorf("%s is bound to %q, want %q", id, got.NetworkInterfaceID, nic)
		}
	}
	_, err = r.Eng.GetNetworkInterface(r.Ctx, old.ID)
	fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceNotFound, old.ID)
	r.CheckInvariants()
}

// A NIC's destroy plan made before the plans of its virtual IPs waits for
// them, and a virtual IP the plan keeps where it is does not depart.
func planOfANICDeletionWaitsForItsVirtualIPs(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	old, target := r.NIC(r.SubnetA), r.NIC(r.SubnetA)
	moved, kept := r.VIP(r.SubnetA, old.ID), r.VIP(r.SubnetA, old.ID)
	l := engine.NewPlanLedger()
	go func() {
		time.Sleep(20 * time.Millisecond)
		l.PlanVirtualIPKept(kept.ID, old.ID)
		time.Sleep(20 * time.Millisecond)
		p := engine.PlannedVirtualIP{ID: moved.ID, VirtualIPInput: engine.VirtualIPInput{SubnetID: moved.SubnetID, NetworkInterfaceID: target.ID}}
		if err := r.Eng.CheckPlannedVirtualIP(r.Ctx, p, l); err != nil {
			t.Error(err) // not Fatal: this is not the test's goroutine
		}
	}()
	start := time.Now()
	departures := fixture.Must(r.Eng.VirtualIPDepartures(r.Ctx, old.ID, l, time.Minute))(t)
	if waited := time.Since(start); waited > 30*time.Second {
		t.Errorf("waited %v although every virtual IP was planned", waited)
	}
	if want := map[string]string{moved.ID: target.ID}; !reflect.DeepEqual(departures, want) {
		t.Fatalf("departures %v, want %v", departures, want)
	}
}

// A move the deletion makes meets rule 15 on its target like any move; a
// refused one leaves the NIC and every virtual IP where they were.
func rule15DeletionMovesOnlyWhereThereIsRoom(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	small := r.Server("s6.small.1", r.SubnetA)
	r.VIP(r.SubnetA, small.PrimaryNetworkInterfaceID) // its last room
	old := r.NIC(r.SubnetA)
	v := r.VIP(r.SubnetA, old.ID)
	before := r.Snapshot()
	err := r.Eng.DeleteNetworkInterfaceMovingVirtualIPs(r.Ctx, old.ID, map[string]string{v.ID: small.PrimaryNetworkInterfaceID})
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, small.PrimaryNetworkInterfaceID)
	r.Unchanged(before)
}

func rule12UnknownVirtualIP(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	n := r.NIC(r.SubnetA)
	v := r.VIP(r.SubnetA, "")
	expectRefusals(t, r, []refusal{
		{"get", func() error { _, err := r.Eng.GetVirtualIP(r.Ctx, "vip-missing"); return err }, engine.CodeVirtualIPNotFound, "virtual IP vip-missing does not exist"},
		{"update", func() error { _, err := bindTo(r, "vip-missing", n.ID); return err }, engine.CodeVirtualIPNotFound, "vip-missing"},
		{"delete", func() error { return r.Eng.DeleteVirtualIP(r.Ctx, "vip-missing") }, engine.CodeVirtualIPNotFound, "vip-missing"},
		{"bind to a missing NIC", func() error { _, err := bindTo(r, v.ID, "eni-missing"); return err }, engine.CodeNetworkInterfaceNotFound, "eni-missing"},
		{"in a missing subnet", func() error {
			_, err := r.Eng.CreateVirtualIP(r.Ctx, engine.VirtualIPInput{SubnetID: "subnet-missing"})
			return err
		}, engine.CodeSubnetNotFound, "subnet-missing"},
		{"plan a missing one", func() error {
			return r.Eng.CheckPlannedVirtualIP(r.Ctx, engine.PlannedVirtualIP{ID: "vip-missing", VirtualIPInput: engine.VirtualIPInput{SubnetID: r.SubnetA.ID}}, engine.NewPlanLedger())
		}, engine.CodeVirtualIPNotFound, "vip-missing"},
	})
}

// expectNamesNoVirtualIP fails when a refusal names a virtual IP by ID or
// leaves empty parentheses.
func expectNamesNoVirtualIP(t *testing.T, err error) {
	t.Helper()
	if e := engine.AsError(err); e != nil && (strings.Contains(e.Message, "vip-") || strings.Contains(e.Message, "()")) {
		t.Errorf("refusal %q names a virtual IP that does not exist", e.Message)
	}
}
