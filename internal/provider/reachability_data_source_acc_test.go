package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// testAccReachabilityRegion is a public subnet with a web interface (an
// EIP, HTTPS in) and a jump host, a management subnet behind an ACL that
// takes SSH from the public subnet only, with an admin interface, and the
// default route table out to the internet.
var testAccReachabilityRegion = testAccVPC +
	hclSubnet("pub", "eni_vpc.test.id", "10.0.1.0/24", "local-1a") +
	hclSubnet("mgmt", "eni_vpc.test.id", "10.0.2.0/24", "local-1a") +
	hclRouteTable("mgmt", "eni_vpc.test") +
	hclAssociation("mgmt", "eni_subnet.mgmt.id", "eni_route_table.mgmt.id") +
	hclOpenOutGroup("web", 443, "0.0.0.0/0") +
	hclOpenOutGroup("ssh", 22, "10.0.1.0/24") + `
resource "eni_network_acl" "mgmt" {
  vpc_id = eni_vpc.test.id
  name   = "mgmt"
  ingress = [
    { action = "allow", protocol = "tcp", port_range_min = 22, port_range_max = 22, remote_cidr = "10.0.1.0/24" },
  ]
  egress = [
    { action = "allow", protocol = "tcp", port_range_min = 1024, port_range_max = 65535, remote_cidr = "10.0.1.0/24" },
    { action = "allow", protocol = "icmp", port_range_min = 0, port_range_max = 0, remote_cidr = "0.0.0.0/0" },
  ]
}
` + hclACLAssociation("mgmt", "eni_subnet.mgmt.id", "eni_network_acl.mgmt.id") +
	hclNICInGroup("web", "eni_subnet.pub.id", "eni_security_group.web.id") +
	hclNICInGroup("jump", "eni_subnet.pub.id", "eni_security_group.web.id") +
	hclNICInGroup("admin", "eni_subnet.mgmt.id", "eni_security_group.ssh.id") + `
resource "eni_eip" "web" {
  network_interface_id = eni_network_interface.web.id
}
` + hclRoute("internet", "eni_vpc.test.default_route_table_id", "0.0.0.0/0", engine.NextHopInternet, "")

// hclOpenOutGroup renders eni_security_group.<name> of eni_vpc.test, which
// admits tcp to port from cidr and lets everything out.
func hclOpenOutGroup(name string, port int, cidr string) string {
	return fmt.Sprintf(`
resource "eni_security_group" %[1]q {
  vpc_id = eni_vpc.test.id
  name   = %[1]q
  rules = [
    { direction = "ingress", protocol = "tcp", port_range_min = %[2]d, port_range_max = %[2]d, remote_cidr = %[3]q },
    { direction = "egress", protocol = "any", port_range_min = 0, port_range_max = 65535, remote_cidr = "0.0.0.0/0" },
  ]
}
`, name, port, cidr)
}

// hclReachability is a reachability query named name, read once the
// region's routing, ACL and EIP are in place.
func hclReachability(name, args string) string {
	return `
data "eni_reachability" "` + name + `" {
` + args + `
  depends_on = [eni_eip.web, eni_route.internet, eni_network_acl_association.mgmt, eni_route_table_association.mgmt]
}
`
}

// TestAccReachability asks paths of a small region: open ones, and ones
// stopped by a security group, an ACL, a route table and a missing EIP,
// each blocked_by naming the object; a check block asserts on one.
func TestAccReachability(t *testing.T) {
	env := newTestEnv(t)
	config := env.config("", testAccReachabilityRegion+
		hclReachability("https_in", `  source_ip = "203.0.113.10"
  destination_network_interface_id = eni_network_interface.web.id
  protocol = "tcp"
  port = 443`)+
		hclReachability("ssh_to_web", `  source_ip = "203.0.113.10"
  destination_network_interface_id = eni_network_interface.web.id
  protocol = "tcp"
  port = 22`)+
		hclReachability("ssh_to_admin_from_internet", `  source_ip = "203.0.113.10"
  destination_network_interface_id = eni_network_interface.admin.id
  protocol = "tcp"
  port = 22`)+
		hclReachability("jump_to_admin", `  source_network_interface_id = eni_network_interface.jump.id
  destination_ip = eni_network_interface.admin.private_ip
  protocol = "tcp"
  port = 22`)+
		hclReachability("rdp_to_admin", `  source_network_interface_id = eni_network_interface.jump.id
  destination_network_interface_id = eni_network_interface.admin.id
  protocol = "tcp"
  port = 3389`)+
		hclReachability("web_out", `  source_network_interface_id = eni_network_interface.web.id
  destination_ip = "198.51.100.7"
  protocol = "tcp"
  port = 443`)+
		hclReachability("admin_out", `  source_network_interface_id = eni_network_interface.admin.id
  destination_ip = "198.51.100.7"
  protocol = "icmp"`))
	// A check block's data source is read at every apply, so its plan is
	// never empty; it passes here, and a broken path would warn.
	withCheck := config + `
check "web_reachable" {
  data "eni_reachability" "in_check" {
    source_ip                        = "203.0.113.10"
    destination_network_interface_id = eni_network_interface.web.id
    protocol                         = "tcp"
    port                             = 443
    depends_on                       = [eni_eip.web, eni_route.internet]
  }
  assert {
    condition     = data.eni_reachability.in_check.reachable && data.eni_reachability.in_check.blocked_by == null
    error_message = "HTTPS to the web interface is blocked"
  }
}
`
	ds := func(name string) string { return "data.eni_reachability." + name }
	reachable := func(name string, hops int) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			expectValue(ds(name), "reachable", knownvalue.Bool(true)),
			expectValue(ds(name), "blocked_by", knownvalue.Null()),
			expectValue(ds(name), "hops", knownvalue.ListSizeExact(hops)),
			expectValue(ds(name), "path", knownvalue.ListSizeExact(hops)),
		}
	}
	blocked := func(name, component, direction, detail string, idOf string, idAttr string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			expectValue(ds(name), "reachable", knownvalue.Bool(false)),
			statecheck.ExpectKnownValue(ds(name), tfjsonpath.New("blocked_by").AtMapKey("component"), knownvalue.StringExact(component)),
			statecheck.ExpectKnownValue(ds(name), tfjsonpath.New("blocked_by").AtMapKey("direction"), knownvalue.StringExact(direction)),
			statecheck.ExpectKnownValue(ds(name), tfjsonpath.New("blocked_by").AtMapKey("verdict"), knownvalue.StringExact(engine.VerdictDeny)),
			statecheck.ExpectKnownValue(ds(name), tfjsonpath.New("blocked_by").AtMapKey("detail"), knownvalue.StringRegexp(regexp.MustCompile(detail))),
			statecheck.CompareValuePairs(ds(name), tfjsonpath.New("blocked_by").AtMapKey("id"), idOf, tfjsonpath.New(idAttr), compare.ValuesSame()),
		}
	}
	var checks []statecheck.StateCheck
	// internet gateway, EIP, route back, network interface, security group
	checks = append(checks, reachable("https_in", 5)...)
	checks = append(checks, blocked("ssh_to_web", "security_group", "ingress", `no ingress rule of sg-\S+ matches tcp 22 from 203\.0\.113\.10`, "eni_security_group.web", "id")...)
	checks = append(checks, blocked("ssh_to_admin_from_internet", "eip", "ingress", `has no EIP`, "eni_network_interface.admin", "id")...)
	// security group out, route, ACL in, interface, security group in, ACL reply out
	checks = append(checks, reachable("jump_to_admin", 6)...)
	checks = append(checks, blocked("rdp_to_admin", "network_acl", "ingress", `no ingress rule matches tcp 3389 from 10\.0\.1\.\d+: implicit deny`, "eni_network_acl.mgmt", "id")...)
	// security group out, route, EIP, internet gateway
	checks = append(checks, reachable("web_out", 4)...)
	checks = append(checks, blocked("admin_out", "route_table", "egress", `no route of rtb-\S+ matches the request to 198\.51\.100\.7`, "eni_route_table.mgmt", "id")...)
	checks = append(checks,
		statecheck.ExpectKnownValue(ds("https_in"), tfjsonpath.New("hops").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"component": knownvalue.StringExact("eip"), "verdict": knownvalue.StringExact("allow"),
		})),
		statecheck.CompareValuePairs(ds("https_in"), tfjsonpath.New("hops").AtSliceIndex(1).AtMapKey("id"), "eni_eip.web", tfjsonpath.New("id"), compare.ValuesSame()),
		// path says each hop on one line, the blocking one last.
		statecheck.ExpectKnownValue(ds("rdp_to_admin"), tfjsonpath.New("path"), knownvalue.ListPartial(map[int]knownvalue.Check{
			0: knownvalue.StringRegexp(regexp.MustCompile(`^security_group sg-\S+ egress allow: `)),
			2: knownvalue.StringRegexp(regexp.MustCompile(`^network_acl acl-\S+ ingress deny: no ingress rule matches tcp 3389 from 10\.0\.1\.\d+: implicit deny$`)),
		})),
		expectValue(ds("rdp_to_admin"), "path", knownvalue.ListSizeExact(3)),
	)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: checks},
			// Read again with everything in place: the same answers, no change.
			{Config: config, ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()), ConfigStateChecks: checks},
			{Config: withCheck, ExpectNonEmptyPlan: true, ConfigStateChecks: checks},
		},
	})
}

// TestAccReachability_refusals: a query that names both or neither of a
// pair, a port for icmp, a port out of range or none for tcp is refused at
// validate on its argument, with the engine's code; an interface that does
// not exist is refused when read.
func TestAccReachability_refusals(t *testing.T) {
	env := newTestEnv(t)
	code := codePattern(engine.CodeInvalidParameterValue)
	env.test(resource.TestCase{
		Steps: env.refusedReads("", "eni_reachability",
			refusedRead{`  source_network_interface_id = "eni-0000000000000000"
  source_ip = "10.0.1.5"
  destination_ip = "10.0.1.6"
  protocol = "icmp"`,
				atAttr("source_ip", code+`\s+both\s+a\s+source\s+network\s+interface`)},
			refusedRead{`  source_ip = "10.0.1.5"
  protocol = "icmp"`,
				regexp.MustCompile(`(?s)Invalid reachability query.*` + code + `\s+no\s+destination\s+was\s+given`)},
			refusedRead{`  source_ip = "10.0.1.5"
  destination_ip = "10.0.1.6"
  protocol = "icmp"
  port = 8`,
				atAttr("port", code+`\s+port\s+8\s+was\s+given\s+for\s+icmp`)},
			refusedRead{`  source_ip = "10.0.1.5"
  destination_ip = "10.0.1.6"
  protocol = "tcp"
  port = 70000`,
				atAttr("port", code+`\s+port\s+70000\s+is\s+not\s+within\s+1-65535`)},
			refusedRead{`  source_ip = "10.0.1.5"
  destination_ip = "10.0.1.6"
  protocol = "tcp"`,
				regexp.MustCompile(`(?s)Invalid reachability query.*` + code + `\s+protocol\s+tcp\s+needs\s+a\s+port`)},
			refusedRead{`  source_ip = "10.0.1.5"
  destination_ip = "10.0.1.6"
  protocol = "gre"`,
				atAttr("protocol", code+`\s+protocol\s+"gre"\s+is\s+not\s+one\s+of\s+tcp,\s+udp,\s+icmp`)},
			refusedRead{`  source_network_interface_id = "eni-0000000000000000"
  destination_ip = "10.0.1.6"
  protocol = "icmp"`,
				regexp.MustCompile(`(?s)Cannot answer reachability query.*` +
					atAttr("source_network_interface_id", codePattern(engine.CodeNetworkInterfaceNotFound)).String())},
		),
	})
}
