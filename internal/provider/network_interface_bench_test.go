package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// computedHalves are, per resource type, the arguments a configuration
// leaves to be computed from another one it sets (ConflictsWith pairs), so
// that configOf does not set both halves of a pair.
var computedHalves = map[string][]string{
	"eni_network_interface": {"secondary_private_ips", "ipv6_addresses"},
}

// BenchmarkNetworkInterfaceSecondaryIPs measures what two secondary IPs per
// NIC cost the provider per resource in a region of N NICs: each iteration
// creates N NICs through the protocol (plan and apply), then refreshes and
// plans each of them with no change, once with secondary_private_ip_count =
// 2 and once without, each on a fresh store, in alternating order so that
// drift in the machine's load falls on both alike. It reports, per NIC,
// the create and the refresh+plan time of each, and their ratios with/without.
//
//	go test ./internal/provider -run '^$' -bench NetworkInterfaceSecondaryIPs -benchtime 3x
func BenchmarkNetworkInterfaceSecondaryIPs(b *testing.B) {
	const n = 1000
	var create, refresh [2]time.Duration // [0] without, [1] with two secondary IPs
	for i := range b.N {
		for k := range 2 {
			with := (i+k)%2 == 1
			c, r := nicRegionCost(b, n, with)
			w := 0
			if with {
				w = 1
			}
			create[w] += c
			refresh[w] += r
		}
	}
	perNIC := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N*n) }
	b.ReportMetric(perNIC(create[0]), "create-ns/nic")
	b.ReportMetric(perNIC(create[1]), "create-2ips-ns/nic")
	b.ReportMetric(perNIC(refresh[0]), "refresh+plan-ns/nic")
	b.ReportMetric(perNIC(refresh[1]), "refresh+plan-2ips-ns/nic")
	b.ReportMetric(float64(create[1])/float64(create[0]), "create-ratio")
	b.ReportMetric(float64(refresh[1])/float64(refresh[0]), "refresh+plan-ratio")
	b.ReportMetric(float64(create[1]+refresh[1])/float64(create[0]+refresh[0]), "total-ratio")
}

// nicRegionCost creates n NICs (with two secondary IPs each, or none) on a
// fresh store and then refreshes and plans each with no change, returning
// the time of each phase.
func nicRegionCost(b *testing.B, n int, withSecondaries bool) (create, refreshPlan time.Duration) {
	b.Helper()
	ctx := context.Background()
	s := newProtoServer(b, New("bench")(), map[string]tftypes.Value{"store": str(filepath.Join(b.TempDir(), fmt.Sprintf("engine-%v.db", withSecondaries)))})
	vpc := s.create("eni_vpc", map[string]tftypes.Value{"name": str("bench"), "cidr": str("10.0.0.0/16")})
	subnet := s.create("eni_subnet", map[string]tftypes.Value{"vpc_id": s.attr("eni_vpc", vpc, "id"), "name": str("bench"),
		"cidr": str("10.0.0.0/20"), "availability_zone": str("local-1a")})
	subnetID := s.attr("eni_subnet", subnet, "id")
	nics := make([]tfprotov6.DynamicValue, n)
	start := time.Now()
	for i := range nics {
		config := map[string]tftypes.Value{"name": str(fmt.Sprintf("nic-%d", i)), "subnet_id": subnetID}
		if withSecondaries {
			config["secondary_private_ip_count"] = tftypes.NewValue(tftypes.Number, 2)
		}
		nics[i] = s.create("eni_network_interface", config)
	}
	create = time.Since(start)
	configs := make([]tfprotov6.DynamicValue, n)
	for i, state := range nics {
		configs[i] = s.configOf("eni_network_interface", state)
		if !withSecondaries {
			continue
		}
		// The user sets the count, not the addresses.
		var ips []tftypes.Value
		if err := s.attr("eni_network_interface", state, "secondary_private_ips").As(&ips); err != nil || len(ips) != 2 {
			b.Fatalf("NIC %d holds secondary IPs %v (%v), want 2", i, ips, err)
		}
	}
	planned := make([]*tfprotov6.DynamicValue, n)
	start = time.Now()
	for i := range nics {
		r, err := s.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "eni_network_interface", CurrentState: &nics[i]})
		if err != nil || diagsFail(r.Diagnostics) {
			b.Fatal(err, r.Diagnostics)
		}
		p, err := s.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "eni_network_interface",
			PriorState: r.NewState, ProposedNewState: r.NewState, Config: &configs[i]})
		if err != nil || diagsFail(p.Diagnostics) {
			b.Fatal(err, p.Diagnostics)
		}
		planned[i] = p.PlannedState
	}
	refreshPlan = time.Since(start)
	// What was timed must be a plan with nothing to do.
	typ := s.schemas["eni_network_interface"].ValueType()
	for i := range nics {
		before, err1 := nics[i].Unmarshal(typ)
		after, err2 := planned[i].Unmarshal(typ)
		if err1 != nil || err2 != nil || !before.Equal(after) {
			b.Fatalf("NIC %d: the plan with no change is not empty: %v → %v (%v %v)", i, before, after, err1, err2)
		}
	}
	return create, refreshPlan
}
