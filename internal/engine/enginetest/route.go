package enginetest

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/route_table.go, route.go and association.go: route
// tables and their limits (rule 16), destinations (17), one VPC (18),
// forwarding next hops (19) and what stays while routes or associations
// name it (20).

func route(tableID, cidr, hopType, hopID string) engine.RouteInput {
	return engine.RouteInput{RouteTableID: tableID, DestinationCIDR: cidr, NextHopType: hopType, NextHopID: hopID}
}

func addRoute(r *fixture.Region, in engine.RouteInput) (engine.Route, error) {
	return r.Eng.CreateRoute(r.Ctx, in)
}

func setCheck(r *fixture.Region, nicID string, on bool) (engine.NetworkInterface, error) {
	return r.Eng.UpdateNetworkInterface(r.Ctx, nicID, engine.NetworkInterfaceUpdate{SourceDestCheck: &on})
}

func expectField(t *testing.T, err error, want engine.Field) {
	t.Helper()
	if got := engine.FieldOf(err); got != want {
		t.Errorf("refusal %v on %q, want %q", err, got, want)
	}
}

func routeTableLifecycle(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	if r.VPC.DefaultRouteTableID == "" || r.VPC.DefaultRouteTableID[:4] != engine.PrefixRouteTable {
		t.Fatalf("VPC made without a default route table: %+v", r.VPC)
	}
	def := fixture.Must(r.Eng.GetRouteTable(r.Ctx, r.VPC.DefaultRouteTableID))(t)
	local := engine.Route{RouteTableID: def.ID, DestinationCIDR: "10.0.0.0/16", NextHopType: engine.NextHopLocal}
	if !def.Default || def.VPCID != r.VPC.ID || !reflect.DeepEqual(def.Routes, []engine.Route{local}) ||
		!reflect.DeepEqual(def.SubnetIDs, sortedIDs(r.SubnetA.ID, r.SubnetA2.ID, r.SubnetB.ID)) {
		t.Fatalf("default route table %+v", def)
	}
	if s := fixture.Must(r.Eng.GetSubnet(r.Ctx, r.SubnetA.ID))(t); s.RouteTableID != def.ID || s.NetworkACLID != "" {
		t.Fatalf("subnet uses %q and ACL %q, want the default table %s and none", s.RouteTableID, s.NetworkACLID, def.ID)
	}
	custom := r.RouteTable(r.VPC.ID)
	nat := r.Forwarder(r.SubnetA)
	out := fixture.Must(addRoute(r, route(custom.ID, "0.0.0.0/0", engine.NextHopInternet, "")))(t)
	toNAT := fixture.Must(addRoute(r, route(custom.ID, "172.16.0.0/12", engine.NextHopNetworkInterface, nat.ID)))(t)
	if toNAT.NetworkInterfaceID != nat.ID || out.NetworkInterfaceID != "" {
		t.Fatalf("routes resolve to %q and %q", toNAT.NetworkInterfaceID, out.NetworkInterfaceID)
	}
	// Switching a subnet's table is one step each way, and leaving the
	// association returns it to the default table.
	assoc := fixture.Must(r.Eng.AssociateRouteTable(r.Ctx, r.SubnetA.ID, custom.ID))(t)
	if assoc.ID[:len(engine.PrefixRouteTableAssociation)] != engine.PrefixRouteTableAssociation {
		t.Fatalf("association %+v", assoc)
	}
	effective := fixture.Must(r.Eng.GetRouteTableOfSubnet(r.Ctx, r.SubnetA.ID))(t)
	if effective.ID != custom.ID || len(effective.Routes) != 3 || effective.Routes[0] != (engine.Route{RouteTableID: custom.ID, DestinationCIDR: "10.0.0.0/16", NextHopType: engine.NextHopLocal}) ||
		effective.Routes[1].DestinationCIDR != "0.0.0.0/0" || effective.Routes[2].DestinationCIDR != "172.16.0.0/12" {
		t.Fatalf("table in effect %+v", effective)
	}
	other := r.RouteTable(r.VPC.ID)
	fixture.Must(r.Eng.ReplaceRouteTableAssociation(r.Ctx, assoc.ID, other.ID))(t)
	subnets := fixture.Must(r.Eng.ListSubnets(r.Ctx, engine.SubnetFilter{VPCID: r.VPC.ID}))(t)
	for _, s := range subnets {
		if want := map[bool]string{true: other.ID, false: def.ID}[s.ID == r.SubnetA.ID]; s.RouteTableID != want {
			t.Fatalf("listed subnet %s uses %s, want %s", s.ID, s.RouteTableID, want)
		}
	}
	r.CheckInvariants()
	fixture.Must(r.Eng.GetRouteTableAssociation(r.Ctx, assoc.ID))(t)
	if err := r.Eng.DisassociateRouteTable(r.Ctx, assoc.ID); err != nil {
		t.Fatal(err)
	}
	if s := fixture.Must(r.Eng.GetSubnet(r.Ctx, r.SubnetA.ID))(t); s.RouteTableID != def.ID {
		t.Fatalf("a disassociated subnet uses %s, want the default %s", s.RouteTableID, def.ID)
	}
	_, err := r.Eng.GetRouteTableAssociation(r.Ctx, assoc.ID)
	fixture.ExpectCode(t, err, engine.CodeAssociationNotFound, assoc.ID)
	// A route changes its next hop in place; deleting a table takes its routes.
	fixture.Must(r.Eng.UpdateRoute(r.Ctx, route(custom.ID, "172.16.0.0/12", engine.NextHopInternet, "")))(t)
	if got := fixture.Must(r.Eng.GetRoute(r.Ctx, custom.ID, "172.16.0.0/12"))(t); got.NextHopType != engine.NextHopInternet || got.NextHopID != "" {
		t.Fatalf("updated route %+v", got)
	}
	if err := r.Eng.DeleteRoute(r.Ctx, custom.ID, "0.0.0.0/0"); err != nil {
		t.Fatal(err)
	}
	_, err = r.Eng.GetRoute(r.Ctx, custom.ID, "0.0.0.0/0")
	fixture.ExpectCode(t, err, engine.CodeRouteNotFound, custom.ID+":0.0.0.0/0")
	for _, id := range []string{custom.ID, other.ID} {
		if err := r.Eng.DeleteRouteTable(r.Ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	_, err = r.Eng.GetRouteTable(r.Ctx, custom.ID)
	fixture.ExpectCode(t, err, engine.CodeRouteTableNotFound, custom.ID)
	r.CheckInvariants()
}

// associationsOfEitherKind drives both kinds of association through the
// calls that take an AssociationKind, which answer as the calls of each
// kind do, and which find an association only under its own kind.
func associationsOfEitherKind(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	table := func(name string) string {
		return fixture.Must(r.Eng.CreateRouteTable(r.Ctx, engine.RouteTableInput{VPCID: r.VPC.ID, Name: name}))(t).ID
	}
	acl := func(name string) string {
		return fixture.Must(r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: r.VPC.ID, Name: name}))(t).ID
	}
	for _, tc := range []struct {
		kind, other    engine.AssociationKind
		first, second  string
		targetOfSubnet func(engine.SubnetDetails) string
	}{
		{engine.RouteTableAssociations, engine.NetworkACLAssociations, table("one"), table("two"),
			func(s engine.SubnetDetails) string { return s.RouteTableID }},
		{engine.NetworkACLAssociations, engine.RouteTableAssociations, acl("one"), acl("two"),
			func(s engine.SubnetDetails) string { return s.NetworkACLID }},
	} {
		a := fixture.Must(r.Eng.Associate(r.Ctx, tc.kind, r.SubnetA.ID, tc.first))(t)
		if a.SubnetID != r.SubnetA.ID || a.TargetID != tc.first {
			t.Fatalf("associated %+v", a)
		}
		if got := fixture.Must(r.Eng.GetAssociation(r.Ctx, tc.kind, a.ID))(t); got != a {
			t.Fatalf("read back %+v, want %+v", got, a)
		}
		if _, err := r.Eng.GetAssociation(r.Ctx, tc.other, a.ID); err == nil {
			t.Fatalf("association %s read as the other kind", a.ID)
		}
		switched := fixture.Must(r.Eng.ReplaceAssociation(r.Ctx, tc.kind, a.ID, tc.second))(t)
		if found := fixture.Must(r.Eng.FindAssociation(r.Ctx, tc.kind, r.SubnetA.ID))(t); found != switched || switched.TargetID != tc.second {
			t.Fatalf("found %+v after switching to %s", found, tc.second)
		}
		if s := fixture.Must(r.Eng.GetSubnet(r.Ctx, r.SubnetA.ID))(t); tc.targetOfSubnet(s) != tc.second {
			t.Fatalf("subnet %+v does not use %s", s, tc.second)
		}
		if err := r.Eng.CheckPlannedAssociation(r.Ctx, tc.kind, engine.PlannedAssociation{SubnetID: r.SubnetA.ID, TargetID: tc.first},
			engine.NewPlanLedger()); err == nil {
			t.Fatal("a second association of the subnet passed the plan check")
		}
		if err := r.Eng.Disassociate(r.Ctx, tc.kind, a.ID); err != nil {
			t.Fatal(err)
		}
		_, err := r.Eng.FindAssociation(r.Ctx, tc.kind, r.SubnetA.ID)
		fixture.ExpectCode(t, err, engine.CodeAssociationNotFound, r.SubnetA.ID)
	}
}

func sortedIDs(ids ...string) []string {
	out := append([]string(nil), ids...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func rule16RouteTablesAndRoutesWithinLimits(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	for range engine.MaxRouteTablesPerVPC - 1 {
		r.RouteTable(r.VPC.ID)
	}
	before := r.Snapshot()
	_, err := r.Eng.CreateRouteTable(r.Ctx, engine.RouteTableInput{VPCID: r.VPC.ID, Name: "sixth"})
	fixture.ExpectCode(t, err, engine.CodeRouteTableLimitExceeded, r.VPC.ID, "6 route tables", "at most 5", "default one included")
	expectField(t, err, engine.FieldVPCID)
	r.Unchanged(before)
	// Another VPC has room of its own.
	r.RouteTable(r.OtherVPC.ID)

	table := r.VPC.DefaultRouteTableID
	for i := range engine.MaxRoutesPerTable {
		fixture.Must(addRoute(r, route(table, fmt.Sprintf("172.16.%d.0/24", i), engine.NextHopInternet, "")))(t)
	}
	before = r.Snapshot()
	_, err = addRoute(r, route(table, "172.17.0.0/24", engine.NextHopInternet, ""))
	fixture.ExpectCode(t, err, engine.CodeRouteLimitExceeded, table, "201 routes", "at most 200")
	r.Unchanged(before)
	if err := r.Eng.DeleteRoute(r.Ctx, table, "172.16.0.0/24"); err != nil {
		t.Fatal(err)
	}
	fixture.Must(addRoute(r, route(table, "172.17.0.0/24", engine.NextHopInternet, "")))(t)
	r.CheckInvariants()
}

func rule17DestinationsOutsideTheVPCOncePerTable(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	table := r.VPC.DefaultRouteTableID
	fixture.Must(addRoute(r, route(table, "10.0.0.0/8", engine.NextHopInternet, "")))(t) // wider than the VPC: allowed
	v6 := true
	fixture.Must(r.Eng.UpdateVPC(r.Ctx, r.VPC.ID, engine.VPCUpdate{IPv6Enabled: &v6}))(t)
	vpc := fixture.Must(r.Eng.GetVPC(r.Ctx, r.VPC.ID))(t)
	expectNamedRefusals(t, r, []namedRefusal{
		{"host bits", func() error {
			_, err := addRoute(r, route(table, "172.16.0.1/12", engine.NextHopInternet, ""))
			return err
		},
			engine.CodeInvalidParameterValue, []string{"host bits set; its network is 172.16.0.0/12"}},
		{"not IPv4", func() error { _, err := addRoute(r, route(table, "fd00::/8", engine.NextHopInternet, "")); return err },
			engine.CodeInvalidParameterValue, []string{"not an IPv4 CIDR"}},
		{"inside the VPC", func() error {
			_, err := addRoute(r, route(table, "10.0.5.0/24", engine.NextHopInternet, ""))
			return err
		},
			engine.CodeInvalidParameterValue, []string{"10.0.5.0/24 is inside VPC " + r.VPC.ID, "local route"}},
		{"the VPC's own CIDR", func() error {
			_, err := addRoute(r, route(table, "10.0.0.0/16", engine.NextHopInternet, ""))
			return err
		},
			engine.CodeInvalidParameterValue, []string{"cannot be replaced or removed"}},
		{"twice", func() error {
			_, err := addRoute(r, route(table, "10.0.0.0/8", engine.NextHopInternet, ""))
			return err
		},
			engine.CodeRouteAlreadyExists, []string{table, "already has a route to 10.0.0.0/8"}},
		{"remove the local route", func() error { return r.Eng.DeleteRoute(r.Ctx, table, "10.0.0.0/16") },
			engine.CodeInvalidParameterValue, []string{"local route"}},
		{"remove the IPv6 local route", func() error { return r.Eng.DeleteRoute(r.Ctx, table, vpc.IPv6CIDR) },
			engine.CodeInvalidParameterValue, []string{"IPv6 CIDR"}},
		{"bad next hop type", func() error { _, err := addRoute(r, route(table, "172.16.0.0/12", "gateway", "")); return err },
			engine.CodeInvalidParameterValue, []string{`next hop type "gateway"`, "network_interface, virtual_ip, internet"}},
		{"internet with an ID", func() error {
			_, err := addRoute(r, route(table, "172.16.0.0/12", engine.NextHopInternet, "eni-1"))
			return err
		}, engine.CodeInvalidParameterValue, []string{"names no next hop ID"}},
		{"a NIC hop without its ID", func() error {
			_, err := addRoute(r, route(table, "172.16.0.0/12", engine.NextHopNetworkInterface, "vip-1"))
			return err
		}, engine.CodeInvalidParameterValue, []string{"network interface (eni-…)"}},
		{"missing table", func() error {
			_, err := addRoute(r, route("rtb-missing", "172.16.0.0/12", engine.NextHopInternet, ""))
			return err
		},
			engine.CodeRouteTableNotFound, []string{"rtb-missing"}},
		{"missing NIC", func() error {
			_, err := addRoute(r, route(table, "172.16.0.0/12", engine.NextHopNetworkInterface, "eni-missing"))
			return err
		}, engine.CodeNetworkInterfaceNotFound, []string{"eni-missing"}},
	})
	routes := fixture.Must(r.Eng.ListRoutes(r.Ctx, table))(t)
	if len(routes) != 3 || routes[1].DestinationCIDR != vpc.IPv6CIDR || !routes[1].Local() || routes[2].DestinationCIDR != "10.0.0.0/8" {
		t.Fatalf("routes with IPv6 on: %+v", routes)
	}
}

func rule18OneVPCAndOneAssociation(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	otherSubnet := r.Subnet(r.OtherVPC.ID, "192.168.1.0/24", "local-1a")
	foreignNIC := r.Forwarder(otherSubnet)
	foreignVIP := r.VIP(otherSubnet, "")
	foreignTable := r.RouteTable(r.OtherVPC.ID)
	foreignACL := fixture.Must(r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: r.OtherVPC.ID, Name: "acl"}))(t)
	table := r.RouteTable(r.VPC.ID)
	acl := fixture.Must(r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: r.VPC.ID, Name: "acl"}))(t)
	assoc := fixture.Must(r.Eng.AssociateRouteTable(r.Ctx, r.SubnetA.ID, table.ID))(t)
	aclAssoc := fixture.Must(r.Eng.AssociateNetworkACL(r.Ctx, r.SubnetA.ID, acl.ID))(t)
	if s := fixture.Must(r.Eng.GetSubnet(r.Ctx, r.SubnetA.ID))(t); s.RouteTableID != table.ID || s.NetworkACLID != acl.ID {
		t.Fatalf("associated subnet uses %q and %q", s.RouteTableID, s.NetworkACLID)
	}
	expectNamedRefusals(t, r, []namedRefusal{
		{"NIC of another VPC", func() error {
			_, err := addRoute(r, route(table.ID, "0.0.0.0/0", engine.NextHopNetworkInterface, foreignNIC.ID))
			return err
		}, engine.CodeVpcMismatch, []string{"network interface " + foreignNIC.ID + " is in VPC " + r.OtherVPC.ID, "route table " + table.ID + " is in VPC " + r.VPC.ID}},
		{"virtual IP of another VPC", func() error {
			_, err := addRoute(r, route(table.ID, "0.0.0.0/0", engine.NextHopVirtualIP, foreignVIP.ID))
			return err
		}, engine.CodeVpcMismatch, []string{"virtual IP " + foreignVIP.ID}},
		{"table of another VPC", func() error { _, err := r.Eng.AssociateRouteTable(r.Ctx, r.SubnetA2.ID, foreignTable.ID); return err },
			engine.CodeVpcMismatch, []string{"subnet " + r.SubnetA2.ID, "route table " + foreignTable.ID}},
		{"switch to a table of another VPC", func() error {
			_, err := r.Eng.ReplaceRouteTableAssociation(r.Ctx, assoc.ID, foreignTable.ID)
			return err
		}, engine.CodeVpcMismatch, []string{foreignTable.ID}},
		{"ACL of another VPC", func() error { _, err := r.Eng.AssociateNetworkACL(r.Ctx, r.SubnetA2.ID, foreignACL.ID); return err },
			engine.CodeVpcMismatch, []string{"network ACL " + foreignACL.ID}},
		{"second route table", func() error {
			_, err := r.Eng.AssociateRouteTable(r.Ctx, r.SubnetA.ID, r.VPC.DefaultRouteTableID)
			return err
		}, engine.CodeAlreadyAssociated, []string{r.SubnetA.ID, assoc.ID, table.ID, "Change the route table"}},
		{"second ACL", func() error { _, err := r.Eng.AssociateNetworkACL(r.Ctx, r.SubnetA.ID, acl.ID); return err },
			engine.CodeAlreadyAssociated, []string{aclAssoc.ID}},
		{"an ACL association is no route table association", func() error {
			_, err := r.Eng.ReplaceRouteTableAssociation(r.Ctx, aclAssoc.ID, table.ID)
			return err
		}, engine.CodeAssociationNotFound, []string{aclAssoc.ID}},
	})
	expectField(t, func() error { _, err := r.Eng.AssociateRouteTable(r.Ctx, r.SubnetA2.ID, foreignTable.ID); return err }(), engine.FieldRouteTableID)
	expectField(t, func() error {
		_, err := addRoute(r, route(table.ID, "0.0.0.0/0", engine.NextHopNetworkInterface, foreignNIC.ID))
		return err
	}(), engine.FieldNextHopID)
	// Deleting the subnet takes its associations.
	if err := r.Eng.DeleteSubnet(r.Ctx, r.SubnetA2.ID); err != nil {
		t.Fatal(err)
	}
	fixture.Must(r.Eng.AssociateRouteTable(r.Ctx, r.SubnetB.ID, table.ID))(t)
	if err := r.Eng.DeleteSubnet(r.Ctx, r.SubnetB.ID); err != nil {
		t.Fatal(err)
	}
	if d := fixture.Must(r.Eng.GetRouteTable(r.Ctx, table.ID))(t); !reflect.DeepEqual(d.SubnetIDs, []string{r.SubnetA.ID}) {
		t.Fatalf("table's subnets after the subnet went: %v", d.SubnetIDs)
	}
	r.CheckInvariants()
}

func rule19NextHopsForward(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	table := r.VPC.DefaultRouteTableID
	checked := r.NIC(r.SubnetA)
	router := r.Forwarder(r.SubnetA)
	standby := r.Forwarder(r.SubnetA)
	vip := r.VIP(r.SubnetA, router.ID)
	expectNamedRefusals(t, r, []namedRefusal{
		{"route to a NIC with the check on", func() error {
			_, err := addRoute(r, route(table, "0.0.0.0/0", engine.NextHopNetworkInterface, checked.ID))
			return err
		}, engine.CodeSourceDestCheckEnabled, []string{"network interface " + checked.ID + " has its source/destination check on", "route 0.0.0.0/0 of route table " + table, "source_dest_check off"}},
	})
	fixture.Must(addRoute(r, route(table, "0.0.0.0/0", engine.NextHopNetworkInterface, router.ID)))(t)
	via := fixture.Must(addRoute(r, route(table, "172.16.0.0/12", engine.NextHopVirtualIP, vip.ID)))(t)
	if via.NetworkInterfaceID != router.ID {
		t.Fatalf("route through %s resolves to %q, want %s", vip.ID, via.NetworkInterfaceID, router.ID)
	}
	expectNamedRefusals(t, r, []namedRefusal{
		{"turn the check on under a route", func() error { _, err := setCheck(r, router.ID, true); return err },
			engine.CodeSourceDestCheckEnabled, []string{router.ID, "route 0.0.0.0/0", "route 172.16.0.0/12 of route table " + table + " (through virtual IP " + vip.ID + ")"}},
		{"move the routed virtual IP to a NIC with the check on", func() error { _, err := bindTo(r, vip.ID, checked.ID); return err },
			engine.CodeSourceDestCheckEnabled, []string{checked.ID, "through virtual IP " + vip.ID}},
		{"update a route to a NIC with the check on", func() error {
			_, err := r.Eng.UpdateRoute(r.Ctx, route(table, "0.0.0.0/0", engine.NextHopNetworkInterface, checked.ID))
			return err
		}, engine.CodeSourceDestCheckEnabled, []string{checked.ID}},
	})
	_, err := setCheck(r, router.ID, true)
	expectField(t, err, engine.FieldSourceDestCheck)
	_, err = bindTo(r, vip.ID, checked.ID)
	expectField(t, err, engine.FieldNetworkInterfaceID)
	// Failover: the virtual IP moves and the route follows it, unchanged.
	fixture.Must(bindTo(r, vip.ID, standby.ID))(t)
	if got := fixture.Must(r.Eng.GetRoute(r.Ctx, table, "172.16.0.0/12"))(t); got.NextHopID != vip.ID || got.NetworkInterfaceID != standby.ID {
		t.Fatalf("route after failover %+v, want it through %s to %s", got, vip.ID, standby.ID)
	}
	_, err = setCheck(r, standby.ID, true)
	fixture.ExpectCode(t, err, engine.CodeSourceDestCheckEnabled, standby.ID, "through virtual IP "+vip.ID)
	// The old holder no longer forwards for it, so its check may go back on
	// once its own route is gone.
	if err := r.Eng.DeleteRoute(r.Ctx, table, "0.0.0.0/0"); err != nil {
		t.Fatal(err)
	}
	fixture.Must(setCheck(r, router.ID, true))(t)
	// An unbound virtual IP forwards to no NIC, so any NIC may take it only
	// with the check off.
	fixture.Must(bindTo(r, vip.ID, ""))(t)
	_, err = bindTo(r, vip.ID, router.ID)
	fixture.ExpectCode(t, err, engine.CodeSourceDestCheckEnabled, router.ID)
	r.CheckInvariants()
}

func rule20WhatRoutesAndAssociationsNameStays(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	table := r.RouteTable(r.VPC.ID)
	acl := fixture.Must(r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: r.VPC.ID, Name: "acl"}))(t)
	assoc := fixture.Must(r.Eng.AssociateRouteTable(r.Ctx, r.SubnetA.ID, table.ID))(t)
	aclAssoc := fixture.Must(r.Eng.AssociateNetworkACL(r.Ctx, r.SubnetA.ID, acl.ID))(t)
	router := r.Forwarder(r.SubnetA)
	vip := r.VIP(r.SubnetA, "")
	off := false
	srv := r.Server("c7.large.2", r.SubnetA)
	fixture.Must(r.Eng.UpdateNetworkInterface(r.Ctx, srv.PrimaryNetworkInterfaceID, engine.NetworkInterfaceUpdate{SourceDestCheck: &off}))(t)
	fixture.Must(addRoute(r, route(table.ID, "0.0.0.0/0", engine.NextHopNetworkInterface, router.ID)))(t)
	fixture.Must(addRoute(r, route(table.ID, "172.16.0.0/12", engine.NextHopVirtualIP, vip.ID)))(t)
	fixture.Must(addRoute(r, route(r.VPC.DefaultRouteTableID, "192.0.2.0/24", engine.NextHopNetworkInterface, srv.PrimaryNetworkInterfaceID)))(t)
	expectNamedRefusals(t, r, []namedRefusal{
		{"table with a subnet", func() error { return r.Eng.DeleteRouteTable(r.Ctx, table.ID) },
			engine.CodeDependencyViolation, []string{"route table " + table.ID, "1 subnet (" + r.SubnetA.ID + ")"}},
		{"default table", func() error { return r.Eng.DeleteRouteTable(r.Ctx, r.VPC.DefaultRouteTableID) },
			engine.CodeDependencyViolation, []string{"default route table of VPC " + r.VPC.ID}},
		{"ACL with a subnet", func() error { return r.Eng.DeleteNetworkACL(r.Ctx, acl.ID) },
			engine.CodeDependencyViolation, []string{"network ACL " + acl.ID, r.SubnetA.ID}},
		{"routed NIC", func() error { return r.Eng.DeleteNetworkInterface(r.Ctx, router.ID) },
			engine.CodeDependencyViolation, []string{router.ID, "route 0.0.0.0/0 of route table " + table.ID}},
		{"routed virtual IP", func() error { return r.Eng.DeleteVirtualIP(r.Ctx, vip.ID) },
			engine.CodeDependencyViolation, []string{vip.ID, "route 172.16.0.0/12"}},
		{"server of a routed primary NIC", func() error { return r.Eng.DeleteServer(r.Ctx, srv.ID) },
			engine.CodeDependencyViolation, []string{srv.ID, "route 192.0.2.0/24"}},
	})
	if e := engine.AsError(r.Eng.DeleteNetworkInterface(r.Ctx, router.ID)); e == nil || !reflect.DeepEqual(e.Blocking, []string{table.ID + ":0.0.0.0/0"}) {
		t.Fatalf("the refusal names as blocking %+v", e)
	}
	// A VPC with nothing but routing left is still in use.
	for _, id := range []string{table.ID + ":0.0.0.0/0", table.ID + ":172.16.0.0/12", r.VPC.DefaultRouteTableID + ":192.0.2.0/24"} {
		tableID, cidr := id[:len(table.ID)], id[len(table.ID)+1:]
		if err := r.Eng.DeleteRoute(r.Ctx, tableID, cidr); err != nil {
			t.Fatal(err)
		}
	}
	for _, err := range []error{r.Eng.DeleteNetworkInterface(r.Ctx, router.ID), r.Eng.DeleteVirtualIP(r.Ctx, vip.ID), r.Eng.DeleteServer(r.Ctx, srv.ID)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []string{r.SubnetA.ID, r.SubnetA2.ID, r.SubnetB.ID} {
		if err := r.Eng.DeleteSubnet(r.Ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for _, g := range []string{r.SG1.ID, r.SG2.ID} {
		if err := r.Eng.DeleteSecurityGroup(r.Ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	fixture.ExpectCode(t, r.Eng.DeleteVPC(r.Ctx, r.VPC.ID), engine.CodeDependencyViolation, "1 custom route table ("+table.ID+")", "1 network ACL ("+acl.ID+")")
	_, err := r.Eng.GetRouteTableAssociation(r.Ctx, assoc.ID)
	fixture.ExpectCode(t, err, engine.CodeAssociationNotFound) // went with its subnet
	_, err = r.Eng.GetNetworkACLAssociation(r.Ctx, aclAssoc.ID)
	fixture.ExpectCode(t, err, engine.CodeAssociationNotFound)
	if err := r.Eng.DeleteRouteTable(r.Ctx, table.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.Eng.DeleteNetworkACL(r.Ctx, acl.ID); err != nil {
		t.Fatal(err)
	}
	fixture.Must(addRoute(r, route(r.VPC.DefaultRouteTableID, "0.0.0.0/0", engine.NextHopInternet, "")))(t)
	if err := r.Eng.DeleteVPC(r.Ctx, r.VPC.ID); err != nil {
		t.Fatalf("a VPC with only its default route table stayed: %v", err)
	}
	_, err = r.Eng.GetRouteTable(r.Ctx, r.VPC.DefaultRouteTableID)
	fixture.ExpectCode(t, err, engine.CodeRouteTableNotFound)
	r.CheckInvariants()
}

// rule19ServerPrimaryForwards: a server's primary NIC forwards as its
// server says: created with the check off it may be a next hop, and the
// server cannot turn the check back on under the route, at apply or at plan.
func rule19ServerPrimaryForwards(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	table := r.VPC.DefaultRouteTableID
	off, on := false, true
	srv := fixture.Must(r.Eng.CreateServer(r.Ctx, engine.ServerInput{Name: "nat", Flavor: "c7.large.2",
		AvailabilityZone: r.SubnetA.AvailabilityZone, SubnetID: r.SubnetA.ID, SourceDestCheck: &off}))(t)
	if srv.SourceDestCheck {
		t.Fatalf("server created with the check off reads it on: %+v", srv)
	}
	if n := fixture.Must(r.Eng.GetNetworkInterface(r.Ctx, srv.PrimaryNetworkInterfaceID))(t); n.SourceDestCheck {
		t.Fatalf("primary NIC of a server created with the check off has it on: %+v", n)
	}
	fixture.Must(addRoute(r, route(table, "0.0.0.0/0", engine.NextHopNetworkInterface, srv.PrimaryNetworkInterfaceID)))(t)
	before := r.Snapshot()
	_, err := r.Eng.UpdateServer(r.Ctx, srv.ID, engine.ServerUpdate{SourceDestCheck: &on})
	fixture.ExpectCode(t, err, engine.CodeSourceDestCheckEnabled, srv.PrimaryNetworkInterfaceID, "route 0.0.0.0/0 of route table "+table)
	expectField(t, err, engine.FieldSourceDestCheck)
	r.Unchanged(before)
	err = r.Eng.CheckPlannedSourceDestCheck(r.Ctx, srv.PrimaryNetworkInterfaceID, true, engine.NewPlanLedger())
	fixture.ExpectCode(t, err, engine.CodeSourceDestCheckEnabled, srv.PrimaryNetworkInterfaceID)
	// Planned off, a route planned after it may name the primary NIC.
	l := engine.NewPlanLedger()
	if err := r.Eng.CheckPlannedSourceDestCheck(r.Ctx, srv.PrimaryNetworkInterfaceID, false, l); err != nil {
		t.Fatal(err)
	}
	if err := planRoute(r, l, "", route(table, "172.16.0.0/12", engine.NextHopNetworkInterface, srv.PrimaryNetworkInterfaceID)); err != nil {
		t.Fatalf("a route to a primary NIC the plan leaves forwarding: %v", err)
	}
	// With the route gone, the check goes back on.
	if err := r.Eng.DeleteRoute(r.Ctx, table, "0.0.0.0/0"); err != nil {
		t.Fatal(err)
	}
	if d := fixture.Must(r.Eng.UpdateServer(r.Ctx, srv.ID, engine.ServerUpdate{SourceDestCheck: &on}))(t); !d.SourceDestCheck {
		t.Fatalf("server's check after turning it on: %+v", d)
	}
	r.CheckInvariants()
}
