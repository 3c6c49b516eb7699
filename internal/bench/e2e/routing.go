package main

import (
	"fmt"
	"strings"
)

// styleRouting is the routing configuration: N routes spread evenly over
// the five route tables a VPC may have (its default one and four custom
// ones), and network ACLs full to their limit of rules, with the
// associations of a few subnets to both. It has no servers: N counts
// routes, not NICs.
const styleRouting = "routing"

// The shape of the routing configuration, at the contract's limits (rules
// 16 and 21): five tables of at most 200 routes, 100 ACL rules per
// direction.
const (
	routingTables   = 5   // the VPC's default table and four custom ones
	routesPerTable  = 200 // so N is at most 1000
	routesPerACL    = 100 // one ACL of full ingress and egress lists per 100 routes
	aclRules        = 100 // per direction
	routingSubnets  = 5   // subnet 0 keeps the default table, subnet j>0 takes custom table j-1
	routingHopNICs  = 3   // appliances' NICs with the source/dest check off
	routingHopVIPs  = 2   // virtual IPs bound to the first appliances
	routingMaxRoute = routingTables * routesPerTable
)

// routeDestinations is where every route and ACL rule points: /24s of a
// range outside the VPC's 10.0.0.0/16, one per index.
const routeDestinations = `"172.16.0.0/12"`

var routingTopology = topology{style: styleRouting, subnets: routingSubnets}

// routeSplit is how many of n routes go via the internet, via the
// appliances' NICs and via their virtual IPs: a third each, the rest via
// the internet.
func routeSplit(n int) (internet, nics, vips int) {
	nics, vips = n/3, n/3
	return n - nics - vips, nics, vips
}

// routingACLs is how many ACLs a configuration of n routes has: 10 at
// 1000 routes, as the benchmark target names.
func routingACLs(n int) int { return (n + routesPerACL - 1) / routesPerACL }

// describeRouting says what the routing configuration of n routes holds.
func describeRouting(n int) string {
	internet, nics, vips := routeSplit(n)
	return fmt.Sprintf("%d routes over %d tables (%d via the internet, %d via %d NICs, %d via %d VIPs), %d ACLs of %d rules each way, %d subnets",
		n, routingTables, internet, nics, routingHopNICs, vips, routingHopVIPs, routingACLs(n), aclRules, routingSubnets)
}

// routing writes the routing configuration of n routes after the VPC and
// its subnets. Route i (counted over the three blocks) is in table i mod
// 5 and goes to the i-th /24 of routeDestinations, so every table gets
// n/5 routes and no two routes share a destination.
func (d dialect) routing(b *strings.Builder, n int) {
	d.resource(b, "network_interface", "hop", fmt.Sprintf("count = %d", routingHopNICs),
		attr{"name", `"hop-${count.index}"`},
		attr{"subnet_id", d.ref("subnet", "s", "[0]")},
		attr{"source_dest_check", "false"})
	d.resource(b, "virtual_ip", "hop", fmt.Sprintf("count = %d", routingHopVIPs),
		attr{"subnet_id", d.ref("subnet", "s", "[0]")},
		attr{"network_interface_id", d.ref("network_interface", "hop", "[count.index]")})
	d.resource(b, "route_table", "t", fmt.Sprintf("count = %d", routingTables-1),
		attr{"vpc_id", d.ref("vpc", "v", "")},
		attr{"name", `"bench-${count.index}"`})
	tables := []string{d.attrRef("vpc", "v", "", "default_route_table_id")}
	for i := range routingTables - 1 {
		tables = append(tables, d.ref("route_table", "t", fmt.Sprintf("[%d]", i)))
	}
	fmt.Fprintf(b, "\nlocals {\n  route_tables = [\n    %s,\n  ]\n}\n", strings.Join(tables, ",\n    "))

	internet, nics, vips := routeSplit(n)
	route := func(name string, first, count int, hop ...attr) {
		index := fmt.Sprintf("%d + count.index", first)
		attrs := []attr{
			{"route_table_id", fmt.Sprintf("local.route_tables[(%s) %% %d]", index, routingTables)},
			{"destination_cidr", fmt.Sprintf("cidrsubnet(%s, 12, %s)", routeDestinations, index)},
		}
		d.resource(b, "route", name, fmt.Sprintf("count = %d", count), append(attrs, hop...)...)
	}
	route("internet", 0, internet,
		attr{"next_hop_type", `"internet"`})
	route("nic", internet, nics,
		attr{"next_hop_type", `"network_interface"`},
		attr{"next_hop_id", d.ref("network_interface", "hop", fmt.Sprintf("[count.index %% %d]", routingHopNICs))})
	route("vip", internet+nics, vips,
		attr{"next_hop_type", `"virtual_ip"`},
		attr{"next_hop_id", d.ref("virtual_ip", "hop", fmt.Sprintf("[count.index %% %d]", routingHopVIPs))})

	d.resource(b, "network_acl", "a", fmt.Sprintf("count = %d", routingACLs(n)),
		attr{"vpc_id", d.ref("vpc", "v", "")},
		attr{"name", `"bench-${count.index}"`},
		attr{"ingress", aclRuleList("tcp")},
		attr{"egress", aclRuleList("udp")})
	d.resource(b, "route_table_association", "a", fmt.Sprintf("count = %d", routingTables-1),
		attr{"subnet_id", d.ref("subnet", "s", "[count.index + 1]")},
		attr{"route_table_id", d.ref("route_table", "t", "[count.index]")})
	d.resource(b, "network_acl_association", "a", fmt.Sprintf("count = %d", routingSubnets),
		attr{"subnet_id", d.ref("subnet", "s", "[count.index]")},
		attr{"network_acl_id", d.ref("network_acl", "a", fmt.Sprintf("[count.index %% %d]", routingACLs(n)))})
}

// aclRuleList is the expression of one direction's rules of ACL
// count.index: aclRules single-port rules of protocol, every tenth a deny,
// each from its own /24.
func aclRuleList(protocol string) string {
	return fmt.Sprintf(`[for i in range(%[1]d) : { action = i %% 10 == 9 ? "deny" : "allow", protocol = %[2]q, port_range_min = 1000 + i, port_range_max = 1000 + i, remote_cidr = cidrsubnet(%[3]s, 12, count.index * %[1]d + i) }]`,
		aclRules, protocol, routeDestinations)
}
