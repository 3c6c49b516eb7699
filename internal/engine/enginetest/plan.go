package enginetest

import (
	"slices"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/plan_*.go, which apply at plan time the rules an attach
// or a move would meet at apply: 1 and 2 (whose the NIC is), 3 and 5
// (where it is), 6 (room on the server as the whole plan leaves it) and 12.

// checkPlanned checks attaching nic to srv (moving it from from, if set)
// as one change of the plan l tracks: a new attachment, or a move of one.
func checkPlanned(r *fixture.Region, l *engine.PlanLedger, nic, srv, from string) error {
	return r.Eng.CheckPlannedAttachment(r.Ctx, engine.PlannedAttachment{
		AttachInput: engine.AttachInput{NetworkInterfaceID: nic, ServerID: srv}, From: from, Creates: from == ""}, l)
}

func rule1PlanKeepsAPrimaryNIC(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	other := r.Server("c7.large.2", r.SubnetA)
	fixture.ExpectCode(t, checkPlanned(r, engine.NewPlanLedger(), srv.PrimaryNetworkInterfaceID, other.ID, ""), engine.CodeOperationNotPermitted)
}

func rule2PlanMovesAnAttachedNICOnly(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	other := r.Server("c7.large.2", r.SubnetA)
	l := engine.NewPlanLedger()
	busy := r.Attach(r.NIC(r.SubnetA), srv)
	fixture.ExpectCode(t, checkPlanned(r, l, busy.ID, other.ID, ""), engine.CodeNetworkInterfaceInUse)
	if err := checkPlanned(r, l, busy.ID, other.ID, srv.ID); err != nil {
		t.Fatalf("a planned move was refused: %v", err)
	}
}

func rule2PlanAttachesANICOnce(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	one := r.Server("c7.large.2", r.SubnetA)
	two := r.Server("c7.large.2", r.SubnetA)
	n := r.NIC(r.SubnetA)
	l := engine.NewPlanLedger()
	if err := checkPlanned(r, l, n.ID, one.ID, ""); err != nil {
		t.Fatal(err)
	}
	fixture.ExpectCode(t, checkPlanned(r, l, n.ID, two.ID, ""), engine.CodeNetworkInterfaceInUse, "this plan already attaches", n.ID, one.ID)
	// Two new attachments of one NIC to the same server: apply would
	// refuse the second, so the plan does.
	fixture.ExpectCode(t, checkPlanned(r, l, n.ID, one.ID, ""), engine.CodeNetworkInterfaceInUse, "this plan already attaches", n.ID, one.ID)
}

func rule3PlanInTheServersZone(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	fixture.ExpectCode(t, checkPlanned(r, engine.NewPlanLedger(), r.NIC(r.SubnetB).ID, srv.ID, ""), engine.CodeAvailabilityZoneMismatch)
}

func rule5PlanInTheServersSubnet(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	fixture.ExpectCode(t, checkPlanned(r, engine.NewPlanLedger(), r.NIC(r.SubnetA2).ID, srv.ID, ""), engine.CodeSubnetMismatch)
}

func rule6PlanCountsItsAttachments(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA) // 3 NICs: 2 free slots
	nics := []engine.NetworkInterface{r.NIC(r.SubnetA), r.NIC(r.SubnetA)}
	third := r.NIC(r.SubnetA)
	before := r.Snapshot()
	l := engine.NewPlanLedger()
	for _, n := range nics {
		if err := checkPlanned(r, l, n.ID, srv.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	err := checkPlanned(r, l, third.ID, srv.ID, "")
	fixture.ExpectCode(t, err, engine.CodeAttachmentLimitExceeded, srv.ID, "it holds 1", "this plan already attaches 2 more", third.ID)
	r.Unchanged(before)
}

func rule6PlanCountsNICsItCreates(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	l := engine.NewPlanLedger()
	for i := 0; i < 2; i++ {
		if err := checkPlanned(r, l, "", srv.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	fixture.ExpectCode(t, checkPlanned(r, l, "", srv.ID, ""), engine.CodeAttachmentLimitExceeded, "a network interface this plan creates", "NIC #1 created by this plan")
}

func rule6PlanReusesAFreedSlot(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	full := r.Server("s6.large.2", r.SubnetA) // 2 NICs: full with one extension
	other := r.Server("c7.large.2", r.SubnetA)
	leaving := r.Attach(r.NIC(r.SubnetA), full)
	incoming := r.NIC(r.SubnetA)
	before := r.Snapshot()

	err := checkPlanned(r, engine.NewPlanLedger(), incoming.ID, full.ID, "")
	fixture.ExpectCode(t, err, engine.CodeAttachmentLimitExceeded, "it holds 2")
	if e := engine.AsError(err); !slices.Contains(e.Blocking, leaving.ID) {
		t.Errorf("the refusal names %v as what would make room, not %s", e.Blocking, leaving.ID)
	}

	l := engine.NewPlanLedger()
	if err := checkPlanned(r, l, leaving.ID, other.ID, full.ID); err != nil { // the move away, planned first
		t.Fatal(err)
	}
	if err := checkPlanned(r, l, incoming.ID, full.ID, ""); err != nil {
		t.Fatalf("slot freed by a planned move not reused: %v", err)
	}
	l = engine.NewPlanLedger()
	l.PlanDeparture(full.ID, leaving.ID) // a destroyed attachment frees its slot too
	if err := checkPlanned(r, l, incoming.ID, full.ID, ""); err != nil {
		t.Fatalf("slot freed by a planned detach not reused: %v", err)
	}
	r.Unchanged(before)
}

func rule6PlanResizesFirst(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv, third := fullServer(r)
	l := engine.NewPlanLedger()
	fixture.ExpectCode(t, checkPlanned(r, l, third.ID, srv.ID, ""), engine.CodeAttachmentLimitExceeded)
	l.PlanResize(srv.ID, "c7.2xlarge.2")
	if err := checkPlanned(r, l, third.ID, srv.ID, ""); err != nil {
		t.Fatalf("attachment refused though the plan grows the flavor: %v", err)
	}
}

func rule6PlanCountsAnApplyOnce(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	a, b := r.NIC(r.SubnetA), r.NIC(r.SubnetA)
	l := engine.NewPlanLedger()
	if err := checkPlanned(r, l, a.ID, srv.ID, ""); err != nil {
		t.Fatal(err)
	}
	r.Attach(a, srv) // applied; the ledger still lists it as arriving
	if err := checkPlanned(r, l, b.ID, srv.ID, ""); err != nil {
		t.Fatalf("an applied arrival was counted twice: %v", err)
	}
}

func rule12PlanNamesWhatIsMissing(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	l := engine.NewPlanLedger()
	fixture.ExpectCode(t, checkPlanned(r, l, "eni-missing", srv.ID, ""), engine.CodeNetworkInterfaceNotFound)
	busy := r.Attach(r.NIC(r.SubnetA), srv) // even for a NIC in use, the missing server is what is refused
	fixture.ExpectCode(t, checkPlanned(r, l, busy.ID, "srv-missing", ""), engine.CodeServerNotFound)
}

func rule7PlanGivesAnIndexOnce(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.2xlarge.2", r.SubnetA)
	first, second := r.NIC(r.SubnetA), r.NIC(r.SubnetA)
	l := engine.NewPlanLedger()
	one := 1
	plan := func(nic string, creates bool) error {
		return r.Eng.CheckPlannedAttachment(r.Ctx, engine.PlannedAttachment{
			AttachInput: engine.AttachInput{NetworkInterfaceID: nic, ServerID: srv.ID, DeviceIndex: &one}, Creates: creates}, l)
	}
	// Terraform plans a replacement as a change of the attachment in state,
	// then again as a new one.
	if err := plan(first.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := plan(first.ID, true); err != nil {
		t.Fatalf("replanning the same attachment was refused: %v", err)
	}
	fixture.ExpectCode(t, plan(second.ID, true), engine.CodeInvalidParameterValue, "device index 1", srv.ID, "this plan already attaches", first.ID)
}

func rule7PlanReplanFreesAnIndex(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.2xlarge.2", r.SubnetA)
	first, second := r.NIC(r.SubnetA), r.NIC(r.SubnetA)
	l := engine.NewPlanLedger()
	plan := func(nic string, index int) error {
		return r.Eng.CheckPlannedAttachment(r.Ctx, engine.PlannedAttachment{
			AttachInput: engine.AttachInput{NetworkInterfaceID: nic, ServerID: srv.ID, DeviceIndex: &index}}, l)
	}
	if err := plan(first.ID, 1); err != nil {
		t.Fatal(err)
	}
	// The same attachment planned again with another index (its config
	// became known) gives up index 1 and holds index 2.
	if err := plan(first.ID, 2); err != nil {
		t.Fatalf("replanning with another index was refused: %v", err)
	}
	if err := plan(second.ID, 1); err != nil {
		t.Fatalf("index 1, given up by a replan, was refused: %v", err)
	}
	fixture.ExpectCode(t, plan(second.ID, 2), engine.CodeInvalidParameterValue, "device index 2", "this plan already attaches", first.ID)
}

// Rule 15 at plan: the ledger counts the secondary IPs and virtual IPs the
// plan gives each NIC, wherever the plan puts it.

func planSecondaries(r *fixture.Region, l *engine.PlanLedger, n engine.NetworkInterface, count int) error {
	return r.Eng.CheckPlannedNetworkInterface(r.Ctx, engine.PlannedNetworkInterface{ID: n.ID, NetworkInterfaceInput: engine.NetworkInterfaceInput{
		SubnetID: n.SubnetID, Name: n.Name, SecondaryPrivateIPs: engine.AddressRequest{Count: count}}}, l)
}

func planBind(r *fixture.Region, l *engine.PlanLedger, vipID string, subnet engine.Subnet, nicID string) error {
	return r.Eng.CheckPlannedVirtualIP(r.Ctx, engine.PlannedVirtualIP{ID: vipID, VirtualIPInput: engine.VirtualIPInput{
		SubnetID: subnet.ID, NetworkInterfaceID: nicID}}, l)
}

func rule15PlanCountsSecondaryAndVirtualIPs(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("s6.large.2", r.SubnetA) // 4 per NIC
	n := r.Attach(r.NICWith(r.SubnetA, 1), srv)
	before := r.Snapshot()
	l := engine.NewPlanLedger()
	if err := planSecondaries(r, l, n, 2); err != nil { // 3 of 4
		t.Fatal(err)
	}
	if err := planBind(r, l, "", r.SubnetA, n.ID); err != nil { // 4 of 4
		t.Fatal(err)
	}
	err := planBind(r, l, "", r.SubnetA, n.ID)
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, n.ID, "with the changes of this plan", "would hold 5: its primary IP, 2 secondary and 2 virtual")
	if got := engine.FieldOf(err); got != engine.FieldNetworkInterfaceID {
		t.Errorf("refusal on %q, want %q", got, engine.FieldNetworkInterfaceID)
	}
	err = planSecondaries(r, l, n, 3)
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, "3 secondary and 1 virtual")
	if got := engine.FieldOf(err); got != engine.FieldSecondaryPrivateIPCount {
		t.Errorf("refusal on %q, want %q", got, engine.FieldSecondaryPrivateIPCount)
	}
	r.Unchanged(before)
}

func rule15PlanMovesAVirtualIPAway(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("s6.large.2", r.SubnetA)
	n := r.Attach(r.NICWith(r.SubnetA, 2), srv) // 3 of 4
	other := r.NIC(r.SubnetA)
	v := r.VIP(r.SubnetA, n.ID) // 4 of 4
	l := engine.NewPlanLedger()
	fixture.ExpectCode(t, planSecondaries(r, l, n, 3), engine.CodePrivateIPAddressLimitExceeded, "at most 4")
	if err := planBind(r, l, v.ID, r.SubnetA, other.ID); err != nil { // the plan moves it away first
		t.Fatal(err)
	}
	if err := planSecondaries(r, l, n, 3); err != nil {
		t.Fatalf("the room a planned move frees was not counted: %v", err)
	}
	l = engine.NewPlanLedger()
	l.PlanDestroy(v.ID) // destroyed by the plan
	if err := planSecondaries(r, l, n, 3); err != nil {
		t.Fatalf("the room a planned destroy frees was not counted: %v", err)
	}
}

// An apply plans each new virtual IP again just before creating it: once
// created, a virtual IP counts on its NIC once, not as stored and as the
// placeholder of its plan.
func rule15PlanCountsACreatedVirtualIPOnce(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("s6.large.2", r.SubnetA) // 4 per NIC
	n := r.Attach(r.NIC(r.SubnetA), srv)
	l := engine.NewPlanLedger()
	for i := range 3 { // the apply of three new virtual IPs filling n: plan one, create it, plan the next
		if err := planBind(r, l, "", r.SubnetA, n.ID); err != nil {
			t.Fatalf("planning virtual IP %d of 3: %v", i+1, err)
		}
		l.AppliedVirtualIPCreate(r.VIP(r.SubnetA, n.ID))
	}
	fixture.ExpectCode(t, planBind(r, l, "", r.SubnetA, n.ID), engine.CodePrivateIPAddressLimitExceeded, "would hold 5: its primary IP, 0 secondary and 4 virtual")
}

func rule15PlanAttachCountsPlannedSecondaries(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	small := r.Server("s6.large.2", r.SubnetA)
	n := r.NICWith(r.SubnetA, 1)
	l := engine.NewPlanLedger()
	if err := planSecondaries(r, l, n, 4); err != nil { // 5 on no server is fine
		t.Fatal(err)
	}
	err := checkPlanned(r, l, n.ID, small.ID, "")
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, n.ID, small.ID, "at most 4", "would hold 5")
	if got := engine.FieldOf(err); got != engine.FieldServerID {
		t.Errorf("refusal on %q, want %q", got, engine.FieldServerID)
	}
	if err := checkPlanned(r, engine.NewPlanLedger(), n.ID, small.ID, ""); err != nil {
		t.Fatalf("without the plan's secondaries the attachment fits: %v", err)
	}
}

func rule15PlanJudgesANewNICAlone(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	for range 3 {
		r.VIP(r.SubnetA, "") // unbound: no NIC's load
	}
	in := engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", SecondaryPrivateIPs: engine.AddressRequest{Count: 49}}
	if err := r.Eng.CheckPlannedNetworkInterface(r.Ctx, engine.PlannedNetworkInterface{NetworkInterfaceInput: in}, engine.NewPlanLedger()); err != nil {
		t.Fatalf("a new NIC was charged with virtual IPs it does not hold: %v", err)
	}
}

func rule15PlanResizeCountsArrivals(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.NICWith(r.SubnetA, 4) // 5
	l := engine.NewPlanLedger()
	if err := checkPlanned(r, l, n.ID, srv.ID, ""); err != nil {
		t.Fatal(err)
	}
	fixture.ExpectCode(t, r.Eng.CheckPlannedResize(r.Ctx, srv.ID, "s6.large.2", l), engine.CodePrivateIPAddressLimitExceeded, n.ID, "at most 4")
}

func rule15PlanResizeCountsTheIPs(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.Attach(r.NICWith(r.SubnetA, 4), srv) // 5
	l := engine.NewPlanLedger()
	err := r.Eng.CheckPlannedResize(r.Ctx, srv.ID, "s6.large.2", l)
	fixture.ExpectCode(t, err, engine.CodePrivateIPAddressLimitExceeded, n.ID, "s6.large.2", "at most 4")
	if got := engine.FieldOf(err); got != engine.FieldFlavor {
		t.Errorf("refusal on %q, want %q", got, engine.FieldFlavor)
	}
	if err := planSecondaries(r, l, n, 3); err != nil {
		t.Fatal(err)
	}
	if err := r.Eng.CheckPlannedResize(r.Ctx, srv.ID, "s6.large.2", l); err != nil {
		t.Fatalf("resize refused though the plan drops a secondary IP first: %v", err)
	}
	// The plan's later checks see the smaller flavor.
	fixture.ExpectCode(t, planSecondaries(r, l, n, 4), engine.CodePrivateIPAddressLimitExceeded, "s6.large.2", "at most 4")
	fixture.ExpectCode(t, r.Eng.CheckPlannedResize(r.Ctx, srv.ID, "s6.small.1", engine.NewPlanLedger()), engine.CodeAttachmentLimitExceeded)
}

// What a plan destroys (deletes or replaces) is out of the way of the
// checks planned after it: the addresses its NIC, server or virtual IP
// held, a subnet's range. Nothing else is: another holder still refuses.
func rule8PlanFreesWhatItDestroys(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	n := r.NICWith(r.SubnetA, 1)
	srv := r.Server("c7.large.2", r.SubnetA)
	v := r.VIP(r.SubnetA, "")
	sub := fixture.Must(r.Eng.CreateSubnet(r.Ctx, engine.SubnetInput{VPCID: r.VPC.ID, Name: "s", CIDR: "10.0.60.0/24", AvailabilityZone: "local-1a"}))(t)
	newNIC := func(ip string, secondary ...string) engine.PlannedNetworkInterface {
		return engine.PlannedNetworkInterface{NetworkInterfaceInput: engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: ip,
			SecondaryPrivateIPs: engine.AddressRequest{Addresses: secondary}}}
	}
	newServer := engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: r.SubnetA.ID, PrivateIP: srv.PrivateIP}
	newVIP := engine.PlannedVirtualIP{VirtualIPInput: engine.VirtualIPInput{SubnetID: r.SubnetA.ID, IPAddress: v.IPAddress}}
	newSubnet := engine.SubnetInput{VPCID: r.VPC.ID, Name: "s", CIDR: sub.CIDR, AvailabilityZone: "local-1a"}
	before := r.Snapshot()

	l := engine.NewPlanLedger()
	fixture.ExpectCode(t, r.Eng.CheckPlannedNetworkInterface(r.Ctx, newNIC(n.PrivateIP), l), engine.CodeIPAddressInUse, n.ID)
	fixture.ExpectCode(t, r.Eng.CheckPlannedServer(r.Ctx, newServer, l), engine.CodeIPAddressInUse, srv.PrimaryNetworkInterfaceID)
	fixture.ExpectCode(t, r.Eng.CheckPlannedVirtualIP(r.Ctx, newVIP, l), engine.CodeIPAddressInUse, v.ID)
	fixture.ExpectCode(t, r.Eng.CheckPlannedSubnet(r.Ctx, newSubnet, l), engine.CodeSubnetConflict, sub.ID)

	l.PlanDestroy(srv.ID) // its primary NIC goes with it, not the other NIC
	fixture.ExpectCode(t, r.Eng.CheckPlannedNetworkInterface(r.Ctx, newNIC(n.PrivateIP), l), engine.CodeIPAddressInUse, n.ID)
	if err := r.Eng.CheckPlannedServer(r.Ctx, newServer, l); err != nil {
		t.Errorf("the address of a server the plan destroys was refused: %v", err)
	}
	for _, id := range []string{n.ID, v.ID, sub.ID} {
		l.PlanDestroy(id)
	}
	if err := r.Eng.CheckPlannedNetworkInterface(r.Ctx, newNIC(n.PrivateIP, n.SecondaryPrivateIPs...), l); err != nil {
		t.Errorf("the addresses of a NIC the plan destroys were refused: %v", err)
	}
	if err := r.Eng.CheckPlannedVirtualIP(r.Ctx, newVIP, l); err != nil {
		t.Errorf("the address of a virtual IP the plan destroys was refused: %v", err)
	}
	if err := r.Eng.CheckPlannedSubnet(r.Ctx, newSubnet, l); err != nil {
		t.Errorf("the range of a subnet the plan destroys was refused: %v", err)
	}
	if err := r.Eng.CheckServer(r.Ctx, newServer); engine.CodeOf(err) != engine.CodeIPAddressInUse {
		t.Errorf("without a plan the server's address is in use: got %v", err)
	}
	r.Unchanged(before)
}
