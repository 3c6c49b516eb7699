package engine_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

// benchRegion sizes a region for the reachability benchmark.
type benchRegion struct {
	nics, groups, rulesPerGroup, tables, routesPerTable, acls, aclRules int
}

var (
	smallRegion = benchRegion{nics: 10, groups: 1, rulesPerGroup: 2, tables: 1, routesPerTable: 1, acls: 1, aclRules: 1}
	largeRegion = benchRegion{nics: 1000, groups: 100, rulesPerGroup: 100, tables: 5, routesPerTable: 200, acls: 10, aclRules: 100}
)

// buildBenchRegion makes the region on a fresh SQLite store and returns a
// query between NICs of two subnets, each behind an ACL and a custom
// table, whose every rule matches only at the last rule of each list, so
// that the query reads all the rules on its path.
func buildBenchRegion(b *testing.B, size benchRegion) (*engine.Engine, engine.ReachabilityQuery) {
	ctx := context.Background()
	st := fixture.Must(sqlite.Open(filepath.Join(b.TempDir(), "engine.db")))(b)
	eng := fixture.Must(engine.New(st, engine.Options{}))(b)
	b.Cleanup(func() { _ = eng.Close() })
	vpc := fixture.Must(eng.CreateVPC(ctx, engine.VPCInput{Name: "bench", CIDR: "10.0.0.0/16"}))(b)

	subnetCount := max(2, size.acls, (size.nics+199)/200)
	subnets := make([]engine.Subnet, subnetCount)
	for i := range subnets {
		subnets[i] = fixture.Must(eng.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: fmt.Sprintf("s%d", i),
			CIDR: fmt.Sprintf("10.0.%d.0/24", i), AvailabilityZone: "local-1a"}))(b)
	}
	// Rules that never match the query's traffic (udp), then the two that
	// do, one of each direction, last.
	groups := make([]string, size.groups)
	for i := range groups {
		rules := make([]engine.SecurityGroupRule, 0, size.rulesPerGroup)
		for j := range size.rulesPerGroup - 2 {
			rules = append(rules, engine.SecurityGroupRule{Direction: []string{"ingress", "egress"}[j%2], Protocol: "udp",
				PortRangeMin: 1000 + j, PortRangeMax: 1000 + j, RemoteCIDR: "10.0.0.0/16"})
		}
		for _, d := range []string{"ingress", "egress"} {
			rules = append(rules, engine.SecurityGroupRule{Direction: d, Protocol: "tcp", PortRangeMin: 443, PortRangeMax: 443, RemoteCIDR: "0.0.0.0/0"})
		}
		groups[i] = fixture.Must(eng.CreateSecurityGroup(ctx, engine.SecurityGroupInput{VPCID: vpc.ID, Name: fmt.Sprintf("g%d", i), Rules: rules}))(b).ID
	}
	aclRules := func(last engine.ACLRule) []engine.ACLRule {
		rules := make([]engine.ACLRule, 0, size.aclRules)
		for j := range size.aclRules - 1 {
			rules = append(rules, engine.ACLRule{Action: "deny", Protocol: "udp", PortRangeMin: 2000 + j, PortRangeMax: 2000 + j, RemoteCIDR: "0.0.0.0/0"})
		}
		return append(rules, last)
	}
	allowTCP := engine.ACLRule{Action: "allow", Protocol: "tcp", PortRangeMin: 0, PortRangeMax: 65535, RemoteCIDR: "0.0.0.0/0"}
	for i := range size.acls {
		acl := fixture.Must(eng.CreateNetworkACL(ctx, engine.NetworkACLInput{VPCID: vpc.ID, Name: fmt.Sprintf("acl%d", i),
			Ingress: aclRules(allowTCP), Egress: aclRules(allowTCP)}))(b)
		fixture.Must(eng.AssociateNetworkACL(ctx, subnets[i%len(subnets)].ID, acl.ID))(b)
	}
	for i := range size.tables {
		table := vpc.DefaultRouteTableID
		if i > 0 {
			table = fixture.Must(eng.CreateRouteTable(ctx, engine.RouteTableInput{VPCID: vpc.ID, Name: fmt.Sprintf("rtb%d", i)}))(b).ID
			fixture.Must(eng.AssociateRouteTable(ctx, subnets[i%len(subnets)].ID, table))(b)
		}
		for j := range size.routesPerTable {
			fixture.Must(eng.CreateRoute(ctx, engine.RouteInput{RouteTableID: table, NextHopType: engine.NextHopInternet,
				DestinationCIDR: fmt.Sprintf("172.%d.%d.0/24", 16+j/256, j%256)}))(b)
		}
	}
	var nics []engine.NetworkInterface
	for i := range size.nics {
		// Each NIC holds one of the groups, which admits the query's
		// traffic in and out at its last rules.
		ids := []string{groups[i%len(groups)]}
		nics = append(nics, fixture.Must(eng.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{
			SubnetID: subnets[i%len(subnets)].ID, Name: "nic", SecurityGroupIDs: ids}))(b))
	}
	port := 443
	return eng, engine.ReachabilityQuery{SourceNetworkInterfaceID: nics[1].ID, DestinationIP: nics[2].PrivateIP, Protocol: "tcp", Port: &port}
}

// outQuery is q sent to the internet from a NIC with an EIP, through its
// subnet's route table, whose 200 routes hold no address of the VPC.
func outQuery(b *testing.B, eng *engine.Engine, q engine.ReachabilityQuery) engine.ReachabilityQuery {
	fixture.Must(eng.CreateEIP(context.Background(), engine.EIPInput{BandwidthMbps: 10, NetworkInterfaceID: q.SourceNetworkInterfaceID}))(b)
	out := q
	out.DestinationIP = "172.16.0.9"
	return out
}

// timeQuery is the mean time of one query over n runs, checking that it
// crosses the whole path.
func timeQuery(b *testing.B, eng *engine.Engine, q engine.ReachabilityQuery, n int) time.Duration {
	ctx := context.Background()
	res := fixture.Must(eng.Reachability(ctx, q))(b)
	if !res.Reachable {
		b.Fatalf("benchmark query is blocked by %+v", *res.BlockedBy)
	}
	start := time.Now()
	for range n {
		if _, err := eng.Reachability(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start) / time.Duration(n)
}

// BenchmarkReachability times one query in a large region (1000 NICs, 100
// groups of 100 rules, 5 route tables of 200 routes, 10 ACLs of 100 rules
// per direction) against the same query in a region of 10 NICs, one group
// with a rule of each direction, one route and one ACL rule per direction,
// reporting both and their ratio: the cost of a query grows with the rules
// on its path, and the target is a ratio of at most 3.
func BenchmarkReachability(b *testing.B) {
	smallEng, smallQ := buildBenchRegion(b, smallRegion)
	largeEng, largeQ := buildBenchRegion(b, largeRegion)
	smallOut, largeOut := outQuery(b, smallEng, smallQ), outQuery(b, largeEng, largeQ)
	b.ResetTimer()
	var small, large, smallToInternet, largeToInternet time.Duration
	for b.Loop() {
		small += timeQuery(b, smallEng, smallQ, 1)
		large += timeQuery(b, largeEng, largeQ, 1)
		smallToInternet += timeQuery(b, smallEng, smallOut, 1)
		largeToInternet += timeQuery(b, largeEng, largeOut, 1)
	}
	n := time.Duration(max(b.N, 1))
	b.ReportMetric(float64(large/n), "large-ns/query")
	b.ReportMetric(float64(small/n), "small-ns/query")
	b.ReportMetric(float64(large)/float64(small), "large/small")
	// The same source to the internet, through its subnet's table of 200 routes.
	b.ReportMetric(float64(largeToInternet/n), "large-out-ns/query")
	b.ReportMetric(float64(smallToInternet/n), "small-out-ns/query")
	b.ReportMetric(float64(largeToInternet)/float64(smallToInternet), "large/small-out")
}
