package main

import (
	"fmt"
	"io"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// routeBlock matches one eni_route block of the routing configuration:
// name, count, the index of its first route (in the table expression and
// the destination) and its next-hop type.
var routeBlock = regexp.MustCompile(`resource "eni_route" "([a-z]+)" \{
  count = (\d+)
  route_table_id = local\.route_tables\[\((\d+) \+ count\.index\) % 5\]
  destination_cidr = cidrsubnet\("172\.16\.0\.0/12", 12, (\d+) \+ count\.index\)
  next_hop_type = "([a-z_]+)"
`)

// expandedRoute is one route the configuration makes: its table's index in
// local.route_tables, its destination and its next-hop type.
type expandedRoute struct {
	table       int
	destination netip.Prefix
	hop         string
}

// expandRoutes lists every route of a routing configuration, as the CLI
// would expand the counts.
func expandRoutes(t *testing.T, main string) []expandedRoute {
	t.Helper()
	var out []expandedRoute
	for _, m := range routeBlock.FindAllStringSubmatch(main, -1) {
		var count, first, destFirst int
		if _, err := fmt.Sscan(m[2]+" "+m[3]+" "+m[4], &count, &first, &destFirst); err != nil {
			t.Fatalf("route block %s: %v", m[1], err)
		}
		if first != destFirst {
			t.Errorf("route block %s: table index from %d, destination index from %d", m[1], first, destFirst)
		}
		for i := range count {
			// cidrsubnet("172.16.0.0/12", 12, k) is the k-th /24 from 172.16.0.0.
			k := first + i
			dest := netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 16 + byte(k>>8), byte(k), 0}), 24)
			out = append(out, expandedRoute{table: k % routingTables, destination: dest, hop: m[5]})
		}
	}
	return out
}

// TestRoutingRoutes: N routes, spread evenly over the VPC's five tables
// (never more than 200 to one), each to a destination of its own outside
// the VPC, a third via the internet, a third via NICs, a third via VIPs.
func TestRoutingRoutes(t *testing.T) {
	vpc := netip.MustParsePrefix("10.0.0.0/16")
	for _, n := range []int{37, 998, 1000} {
		main := configFor(kindENI, routingTopology, n)["main.tf"]
		routes := expandRoutes(t, main)
		if len(routes) != n {
			t.Fatalf("N=%d: %d routes in\n%s", n, len(routes), main)
		}
		perTable := make([]int, routingTables)
		perHop := map[string]int{}
		seen := map[netip.Prefix]bool{}
		for _, r := range routes {
			perTable[r.table]++
			perHop[r.hop]++
			if seen[r.destination] {
				t.Errorf("N=%d: destination %s twice", n, r.destination)
			}
			seen[r.destination] = true
			if r.destination.Overlaps(vpc) {
				t.Errorf("N=%d: destination %s inside the VPC", n, r.destination)
			}
		}
		for table, got := range perTable {
			if got > routesPerTable || got < n/routingTables {
				t.Errorf("N=%d: table %d holds %d routes, want %d or %d", n, table, got, n/routingTables, n/routingTables+1)
			}
		}
		internet, nics, vips := routeSplit(n)
		if perHop["internet"] != internet || perHop["network_interface"] != nics || perHop["virtual_ip"] != vips || nics != n/3 || vips != n/3 {
			t.Errorf("N=%d: next hops %v, want %d internet, %d NICs, %d VIPs", n, perHop, internet, nics, vips)
		}
	}
}

// TestRoutingTablesAndHops: the five tables are the VPC's default one and
// four custom ones; every next hop is a NIC with the source/dest check off
// or a VIP bound to one (rule 19), and internet routes name none.
func TestRoutingTablesAndHops(t *testing.T) {
	main := configFor(kindENI, routingTopology, 1000)["main.tf"]
	for _, want := range []string{
		"resource \"eni_route_table\" \"t\" {\n  count = 4\n",
		"    eni_vpc.v.default_route_table_id,\n    eni_route_table.t[0].id,\n    eni_route_table.t[1].id,\n    eni_route_table.t[2].id,\n    eni_route_table.t[3].id,\n  ]",
		"resource \"eni_network_interface\" \"hop\" {\n  count = 3\n  name = \"hop-${count.index}\"\n  subnet_id = eni_subnet.s[0].id\n  source_dest_check = false\n}",
		"resource \"eni_virtual_ip\" \"hop\" {\n  count = 2\n  subnet_id = eni_subnet.s[0].id\n  network_interface_id = eni_network_interface.hop[count.index].id\n}",
		"  next_hop_type = \"network_interface\"\n  next_hop_id = eni_network_interface.hop[count.index % 3].id\n}",
		"  next_hop_type = \"virtual_ip\"\n  next_hop_id = eni_virtual_ip.hop[count.index % 2].id\n}",
		"  next_hop_type = \"internet\"\n}",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("the routing configuration lacks\n%s\nin\n%s", want, main)
		}
	}
	if got := strings.Count(main, `resource "eni_route" `); got != 3 {
		t.Errorf("%d route blocks, want one per next-hop type", got)
	}
}

// TestRoutingACLs: one ACL per 100 routes (ten at 1000), each with the
// most rules a direction may have, and the associations of the five
// subnets: four to the custom tables (subnet 0 keeps the default one) and
// five to ACLs.
func TestRoutingACLs(t *testing.T) {
	for n, acls := range map[int]int{1000: 10, 950: 10, 37: 1} {
		main := configFor(kindENI, routingTopology, n)["main.tf"]
		for _, want := range []string{
			fmt.Sprintf("resource \"eni_network_acl\" \"a\" {\n  count = %d\n", acls),
			"  ingress = [for i in range(100) : { ",
			"  egress = [for i in range(100) : { ",
			"resource \"eni_route_table_association\" \"a\" {\n  count = 4\n  subnet_id = eni_subnet.s[count.index + 1].id\n  route_table_id = eni_route_table.t[count.index].id\n}",
			fmt.Sprintf("resource \"eni_network_acl_association\" \"a\" {\n  count = 5\n  subnet_id = eni_subnet.s[count.index].id\n  network_acl_id = eni_network_acl.a[count.index %% %d].id\n}", acls),
			"resource \"eni_subnet\" \"s\" {\n  count = 5\n",
		} {
			if !strings.Contains(main, want) {
				t.Errorf("N=%d: the routing configuration lacks\n%s\nin\n%s", n, want, main)
			}
		}
	}
}

// TestRoutingFloorsEncodeRuleLists: the floors of one string argument
// carry the ACLs' rule lists as JSON, and the default table as the VPC's
// ID, which they have; the schema floor keeps the lists as they are.
func TestRoutingFloorsEncodeRuleLists(t *testing.T) {
	for _, kind := range []string{kindCore, kindFloor} {
		main := configFor(kind, routingTopology, 100)["main.tf"]
		if got := strings.Count(main, "${jsonencode([for i in range(100) : { "); got != 2 {
			t.Errorf("%s: %d rule lists encoded as JSON, want 2:\n%s", kind, got, main)
		}
		if strings.Contains(main, "default_route_table_id") {
			t.Errorf("%s names an attribute its resources lack:\n%s", kind, main)
		}
	}
	twin := configFor(kindTwin, routingTopology, 100)["main.tf"]
	if !strings.Contains(twin, "  ingress = [for i in range(100)") || !strings.Contains(twin, "floor_vpc.v.default_route_table_id") {
		t.Errorf("the schema floor's configuration differs from eni's in more than its types:\n%s", twin)
	}
}

// TestRoutingTopologyIsNamedAlone: "routing" takes no NICs per server,
// subnets or secondary IPs, reads back as itself, and sits out counts of
// more routes than five tables hold, which leaves nothing to run when it is
// the only topology.
func TestRoutingTopologyIsNamedAlone(t *testing.T) {
	topo, err := parseTopology("routing")
	if err != nil || topo != routingTopology || topo.String() != "routing" {
		t.Errorf("routing: %+v %v, named %q", topo, err, topo.String())
	}
	for _, bad := range []string{"routing/10/1", "routing+2ip", "routing/1"} {
		if _, err := parseTopology(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := topo.describe(1000); got != "1000 routes over 5 tables (334 via the internet, 333 via 3 NICs, 333 via 2 VIPs), 10 ACLs of 100 rules each way, 5 subnets" {
		t.Errorf("describe: %q", got)
	}
	nics, _ := parseTopology("count/10/1")
	var notes strings.Builder
	cfg := &config{ns: []int{1000, 5000}, topologies: []topology{nics, routingTopology}}
	if err := checkPairs(cfg, &notes); err != nil {
		t.Errorf("1000 and 5000 with NICs and routing refused: %v", err)
	}
	if want := []pair{{1000, nics}, {1000, routingTopology}, {5000, nics}}; !slices.Equal(cfg.pairs(), want) {
		t.Errorf("pairs %v, want %v", cfg.pairs(), want)
	}
	if got := notes.String(); got != "bench: routing skipped at N=5000: it holds at most 1000 routes (5 tables of 200)\n" {
		t.Errorf("notes %q", got)
	}
	err = checkPairs(&config{ns: []int{1001}, topologies: []topology{routingTopology}}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "nothing to run: the routing topology holds at most 1000 routes") {
		t.Errorf("routing alone at 1001: %v", err)
	}
}
