package enginetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/plan_routes.go: the ledger counts the route tables and
// routes a plan adds (rule 16), refuses one destination twice (17), and
// keeps next hops forwarding as the plan leaves them (19).

func planRoute(r *fixture.Region, l *engine.PlanLedger, id string, in engine.RouteInput) error {
	return r.Eng.CheckPlannedRoute(r.Ctx, engine.PlannedRoute{ID: id, RouteInput: in}, l)
}

func planNewTable(r *fixture.Region, l *engine.PlanLedger, vpcID string) error {
	return r.Eng.CheckPlannedRouteTable(r.Ctx, engine.PlannedRouteTable{RouteTableInput: engine.RouteTableInput{VPCID: vpcID, Name: "t"}}, l)
}

func rule16PlanCountsTablesAndRoutes(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	stored := r.RouteTable(r.VPC.ID)
	r.RouteTable(r.VPC.ID) // 3 of 5 with the default
	l := engine.NewPlanLedger()
	for range 2 {
		if err := planNewTable(r, l, r.VPC.ID); err != nil {
			t.Fatal(err)
		}
	}
	err := planNewTable(r, l, r.VPC.ID)
	fixture.ExpectCode(t, err, engine.CodeRouteTableLimitExceeded, r.VPC.ID, "6 route tables (3 of them created by this plan)", "at most 5")
	if engine.IsRegionConflict(err) {
		t.Errorf("a plan over-filling a VPC is the configuration's fault, not the region's: %v", err)
	}
	l.PlanDestroy(stored.ID)
	if err := planNewTable(r, l, r.VPC.ID); err != nil {
		t.Fatalf("a table the plan destroys left no room: %v", err)
	}
	// At apply each creation is planned again, then made: it counts once.
	apply := engine.NewPlanLedger()
	if err := planNewTable(r, apply, r.VPC.ID); err != nil {
		t.Fatal(err)
	}
	fixture.Must(r.Eng.CreatePlannedRouteTable(r.Ctx, engine.RouteTableInput{VPCID: r.VPC.ID, Name: "made"}, apply))(t)
	if err := planNewTable(r, apply, r.VPC.ID); err != nil {
		t.Fatalf("a created table counted twice: %v", err)
	}

	table := r.VPC.DefaultRouteTableID
	for i := range engine.MaxRoutesPerTable - 1 {
		fixture.Must(addRoute(r, route(table, fmt.Sprintf("172.16.%d.0/24", i), engine.NextHopInternet, "")))(t)
	}
	l = engine.NewPlanLedger()
	if err := planRoute(r, l, "", route(table, "172.17.0.0/24", engine.NextHopInternet, "")); err != nil {
		t.Fatal(err)
	}
	// An update of a stored route, and the same route planned again, add none.
	if err := planRoute(r, l, engine.RouteID(table, "172.16.0.0/24"), route(table, "172.16.0.0/24", engine.NextHopInternet, "")); err != nil {
		t.Fatal(err)
	}
	err = planRoute(r, l, "", route(table, "172.17.1.0/24", engine.NextHopInternet, ""))
	fixture.ExpectCode(t, err, engine.CodeRouteLimitExceeded, table, "201 routes (2 of them added by this plan)", "at most 200")
	l.PlanDestroy(engine.RouteID(table, "172.16.1.0/24"))
	if err := planRoute(r, l, "", route(table, "172.17.1.0/24", engine.NextHopInternet, "")); err != nil {
		t.Fatalf("a route the plan destroys left no room: %v", err)
	}
}

func rule17PlanAddsADestinationOnce(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	table := r.VPC.DefaultRouteTableID
	fixture.Must(addRoute(r, route(table, "0.0.0.0/0", engine.NextHopInternet, "")))(t)
	l := engine.NewPlanLedger()
	if err := planRoute(r, l, "", route(table, "172.16.0.0/12", engine.NextHopInternet, "")); err != nil {
		t.Fatal(err)
	}
	fixture.ExpectCode(t, planRoute(r, l, "", route(table, "172.16.0.0/12", engine.NextHopInternet, "")),
		engine.CodeRouteAlreadyExists, table, "two routes to 172.16.0.0/12", "this plan adds it twice")
	err := planRoute(r, l, "", route(table, "0.0.0.0/0", engine.NextHopInternet, ""))
	fixture.ExpectCode(t, err, engine.CodeRouteAlreadyExists, "already has a route to 0.0.0.0/0")
	if !engine.IsRegionConflict(err) {
		t.Errorf("a route the region holds is a region conflict: %v", err)
	}
	fixture.ExpectCode(t, planRoute(r, l, "", route(table, "10.0.9.0/24", engine.NextHopInternet, "")),
		engine.CodeInvalidParameterValue, "inside VPC "+r.VPC.ID)
	fixture.ExpectCode(t, planRoute(r, l, "", route(table, "10.0.9.1/24", engine.NextHopInternet, "")),
		engine.CodeInvalidParameterValue, "host bits")
	if err := planRoute(r, l, engine.RouteID(table, "0.0.0.0/0"), route(table, "0.0.0.0/0", engine.NextHopInternet, "")); err != nil {
		t.Fatalf("an update of a stored route: %v", err)
	}
	l.PlanDestroy(engine.RouteID(table, "0.0.0.0/0"))
	if err := planRoute(r, l, "", route(table, "0.0.0.0/0", engine.NextHopInternet, "")); err != nil {
		t.Fatalf("a destination the plan frees: %v", err)
	}
	// A route of a table the plan creates is judged on its face only.
	if err := planRoute(r, l, "", route("", "0.0.0.0/0", engine.NextHopInternet, "")); err != nil {
		t.Fatal(err)
	}
}

func rule19PlanKeepsNextHopsForwarding(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	table := r.VPC.DefaultRouteTableID
	router := r.Forwarder(r.SubnetA)
	standby := r.Forwarder(r.SubnetA)
	checked := r.NIC(r.SubnetA)
	vip := r.VIP(r.SubnetA, router.ID)
	fixture.Must(addRoute(r, route(table, "0.0.0.0/0", engine.NextHopNetworkInterface, router.ID)))(t)
	on, off := true, false
	planNIC := func(l *engine.PlanLedger, n engine.NetworkInterface, check *bool) error {
		return r.Eng.CheckPlannedNetworkInterface(r.Ctx, engine.PlannedNetworkInterface{ID: n.ID,
			NetworkInterfaceInput: engine.NetworkInterfaceInput{SubnetID: n.SubnetID, SourceDestCheck: check}}, l)
	}
	planVIP := func(l *engine.PlanLedger, nicID string) error {
		return r.Eng.CheckPlannedVirtualIP(r.Ctx, engine.PlannedVirtualIP{ID: vip.ID,
			VirtualIPInput: engine.VirtualIPInput{SubnetID: vip.SubnetID, NetworkInterfaceID: nicID}}, l)
	}

	// A stored route: its NIC's check stays off.
	err := planNIC(engine.NewPlanLedger(), router, &on)
	fixture.ExpectCode(t, err, engine.CodeSourceDestCheckEnabled, router.ID, "route 0.0.0.0/0 of route table "+table)
	expectField(t, err, engine.FieldSourceDestCheck)
	if err := planNIC(engine.NewPlanLedger(), router, nil); err != nil {
		t.Fatalf("an unknown check was judged on: %v", err)
	}
	l := engine.NewPlanLedger()
	l.PlanDestroy(engine.RouteID(table, "0.0.0.0/0"))
	if err := planNIC(l, router, &on); err != nil {
		t.Fatalf("the route the plan destroys still held the check: %v", err)
	}

	// A route planned to a NIC whose check the plan turns off, or on.
	l = engine.NewPlanLedger()
	if err := planNIC(l, checked, &off); err != nil {
		t.Fatal(err)
	}
	if err := planRoute(r, l, "", route(table, "172.16.0.0/12", engine.NextHopNetworkInterface, checked.ID)); err != nil {
		t.Fatalf("a route to a NIC the plan turns the check off on: %v", err)
	}
	l = engine.NewPlanLedger()
	if err := planNIC(l, standby, &on); err != nil {
		t.Fatal(err)
	}
	fixture.ExpectCode(t, planRoute(r, l, "", route(table, "172.16.0.0/12", engine.NextHopNetworkInterface, standby.ID)),
		engine.CodeSourceDestCheckEnabled, standby.ID)

	// A route planned through the virtual IP, which the plan then moves to a
	// NIC with the check on; and a stored one, likewise.
	l = engine.NewPlanLedger()
	if err := planRoute(r, l, "", route(table, "172.16.0.0/12", engine.NextHopVirtualIP, vip.ID)); err != nil {
		t.Fatal(err)
	}
	fixture.ExpectCode(t, planVIP(l, checked.ID), engine.CodeSourceDestCheckEnabled, checked.ID, "through virtual IP "+vip.ID)
	if err := planVIP(l, standby.ID); err != nil {
		t.Fatal(err)
	}
	fixture.ExpectCode(t, planNIC(l, standby, &on), engine.CodeSourceDestCheckEnabled, standby.ID, "route 172.16.0.0/12")
	if err := planNIC(l, router, &on); err == nil || !strings.Contains(err.Error(), "0.0.0.0/0") || strings.Contains(err.Error(), "172.16.0.0/12") {
		t.Fatalf("the router no longer holds the virtual IP the plan moves away, only its own route: %v", err)
	}
	fixture.Must(addRoute(r, route(table, "172.16.0.0/12", engine.NextHopVirtualIP, vip.ID)))(t)
	fixture.ExpectCode(t, planVIP(engine.NewPlanLedger(), checked.ID), engine.CodeSourceDestCheckEnabled, checked.ID)
	// A virtual IP bound by the plan to a NIC with the check on, then a
	// route planned to it.
	l = engine.NewPlanLedger()
	if err := planNIC(l, standby, &on); err != nil {
		t.Fatal(err)
	}
	fixture.ExpectCode(t, planVIP(l, standby.ID), engine.CodeSourceDestCheckEnabled, standby.ID)
}

func rule19InvariantCheckerReportsADroppingNextHop(t *testing.T, f fixture.Factory) {
	st, r, vpc, s := storeWithOneSubnet(t, f)
	eng := r.Eng
	router := r.Forwarder(s)
	fixture.Must(addRoute(r, route(vpc.DefaultRouteTableID, "0.0.0.0/0", engine.NextHopNetworkInterface, router.ID)))(t)
	r.CheckInvariants()
	err := st.Update(r.Ctx, func(tx engine.Tx) error {
		n, err := tx.GetNetworkInterface(router.ID)
		if err != nil {
			return err
		}
		n.SourceDestCheck = true
		if err := tx.UpdateNetworkInterface(n); err != nil {
			return err
		}
		return tx.InsertRoute(engine.Route{RouteTableID: vpc.DefaultRouteTableID, DestinationCIDR: "172.16.0.0/12",
			NextHopType: engine.NextHopVirtualIP, NextHopID: "vip-gone"})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = eng.Check(r.Ctx)
	fixture.ExpectCode(t, err, engine.CodeSourceDestCheckEnabled, router.ID, "route 0.0.0.0/0")
	if !strings.Contains(err.Error(), "route 172.16.0.0/12 of route table "+vpc.DefaultRouteTableID+" names missing virtual_ip vip-gone") {
		t.Errorf("the checker did not report the route to a missing virtual IP: %v", err)
	}
}

func rule18PlanChecksAssociations(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	acl := fixture.Must(r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: r.VPC.ID, Name: "acl"}))(t)
	foreignACL := fixture.Must(r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: r.OtherVPC.ID, Name: "acl"}))(t)
	foreignTable := r.RouteTable(r.OtherVPC.ID)
	held := fixture.Must(r.Eng.AssociateNetworkACL(r.Ctx, r.SubnetA.ID, acl.ID))(t)
	planACL := func(l *engine.PlanLedger, p engine.PlannedAssociation) error {
		return r.Eng.CheckPlannedNetworkACLAssociation(r.Ctx, p, l)
	}
	before := r.Snapshot()
	l := engine.NewPlanLedger()
	err := planACL(l, engine.PlannedAssociation{SubnetID: r.SubnetA2.ID, TargetID: foreignACL.ID})
	fixture.ExpectCode(t, err, engine.CodeVpcMismatch, "network ACL "+foreignACL.ID)
	if engine.IsRegionConflict(err) || engine.FieldOf(err) != engine.FieldNetworkACLID {
		t.Errorf("an ACL of another VPC is the configuration's fault, on the ACL: %v", err)
	}
	err = r.Eng.CheckPlannedRouteTableAssociation(r.Ctx, engine.PlannedAssociation{SubnetID: r.SubnetA2.ID, TargetID: foreignTable.ID}, l)
	fixture.ExpectCode(t, err, engine.CodeVpcMismatch, "route table "+foreignTable.ID)
	err = planACL(l, engine.PlannedAssociation{SubnetID: r.SubnetA.ID, TargetID: acl.ID})
	fixture.ExpectCode(t, err, engine.CodeAlreadyAssociated, r.SubnetA.ID, held.ID)
	// Switching the held association is no second one; nor is a new one
	// once the plan destroys the held one.
	if err := planACL(l, engine.PlannedAssociation{ID: held.ID, SubnetID: r.SubnetA.ID, TargetID: acl.ID}); err != nil {
		t.Fatalf("a switch was refused: %v", err)
	}
	err = planACL(l, engine.PlannedAssociation{ID: held.ID, SubnetID: r.SubnetA.ID, TargetID: foreignACL.ID})
	fixture.ExpectCode(t, err, engine.CodeVpcMismatch, foreignACL.ID)
	l.PlanDestroy(held.ID)
	if err := planACL(l, engine.PlannedAssociation{SubnetID: r.SubnetA.ID, TargetID: acl.ID}); err != nil {
		t.Fatalf("an association the plan destroys still counted: %v", err)
	}
	err = planACL(l, engine.PlannedAssociation{SubnetID: "subnet-missing", TargetID: acl.ID})
	fixture.ExpectCode(t, err, engine.CodeSubnetNotFound, "subnet-missing")
	r.Unchanged(before)
}
