package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// routingNet is the main network with a custom route table, an appliance
// NIC eni_network_interface.fw (source/destination check off unless
// fwCheckOn), a NIC eni_network_interface.plain (check on unless
// plainCheckOff) and a virtual IP eni_virtual_ip.vip, bound to fw (to
// plain with vipOnPlain).
type routingNet struct{ fwCheckOn, plainCheckOff, vipOnPlain bool }

func (n routingNet) hcl() string {
	vipOn := fwNIC
	if n.vipOnPlain {
		vipOn = plainNIC
	}
	return testAccMainNetwork + hclRouteTable("custom", "eni_vpc.main") +
		hclResource("eni_network_interface", "fw", hclArg{"subnet_id", "eni_subnet.a.id"}, hclArg{"name", `"fw"`},
			hclArg{"source_dest_check", fmt.Sprint(n.fwCheckOn)}) +
		hclResource("eni_network_interface", "plain", hclArg{"subnet_id", "eni_subnet.a.id"}, hclArg{"name", `"plain"`},
			hclArg{"source_dest_check", fmt.Sprint(!n.plainCheckOff)}) +
		hclResource("eni_virtual_ip", "vip", hclArg{"subnet_id", "eni_subnet.a.id"}, hclArg{"network_interface_id", vipOn})
}

// hclRoute renders eni_route.<name> in the table at table (an HCL
// expression) to destination, with its next hop (hopID an HCL expression,
// "" for none).
func hclRoute(name, table, destination, hopType, hopID string) string {
	return hclResource("eni_route", name, hclArg{"route_table_id", table}, hclArg{"destination_cidr", quoted(destination)},
		hclArg{"next_hop_type", quoted(hopType)}, hclArg{"next_hop_id", hopID})
}

const (
	customTable  = "eni_route_table.custom.id"
	defaultTable = "eni_vpc.main.default_route_table_id"
	fwNIC        = "eni_network_interface.fw.id"
	plainNIC     = "eni_network_interface.plain.id"
	vipHop       = "eni_virtual_ip.vip.id"
)

// A route in a VPC's default table and one in a custom table: created,
// named by table and destination, their next hop changed in place (to a
// virtual IP, to the internet), imported, and no plan of the unchanged
// configuration shows a change.
func TestAccRoute_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	routes := func(hopType, hopID string) string {
		return env.config("", routingNet{}.hcl()+
			hclRoute("out", defaultTable, "0.0.0.0/0", engine.NextHopInternet, "")+
			hclRoute("onprem", customTable, "192.168.0.0/16", hopType, hopID))
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: routes(engine.NextHopNetworkInterface, fwNIC),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("eni_route.out", "id", knownvalue.StringRegexp(regexp.MustCompile(`^rtb-[0-9a-f]{16}:0\.0\.0\.0/0$`))),
					expectValue("eni_route.out", "next_hop_id", knownvalue.Null()),
					expectValue("eni_route.onprem", "id", knownvalue.StringRegexp(regexp.MustCompile(`^rtb-[0-9a-f]{16}:192\.168\.0\.0/16$`))),
					statecheck.CompareValuePairs("eni_route.onprem", tfjsonpath.New("next_hop_id"), "eni_network_interface.fw", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("eni_route.out", tfjsonpath.New("route_table_id"), "eni_vpc.main", tfjsonpath.New("default_route_table_id"), compare.ValuesSame()),
				},
			},
			{Config: routes(engine.NextHopNetworkInterface, fwNIC), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan())},
			changeStep(routes(engine.NextHopVirtualIP, vipHop), "eni_route.onprem", plancheck.ResourceActionUpdate,
				expectInEngine("the route through the virtual IP", "eni_route.onprem", env.getRoute, func(r engine.Route) error {
					if r.NextHopType != engine.NextHopVirtualIP || !strings.HasPrefix(r.NetworkInterfaceID, engine.PrefixNetworkInterface) {
						return fmt.Errorf("engine holds %+v", r)
					}
					return nil
				})),
			importStep("eni_route.onprem"),
			importStep("eni_route.out"),
			changeStep(routes(engine.NextHopInternet, ""), "eni_route.onprem", plancheck.ResourceActionUpdate,
				expectValue("eni_route.onprem", "next_hop_id", knownvalue.Null())),
			{Config: routes(engine.NextHopInternet, ""), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan())},
			{
				Config:           env.config("", routingNet{}.hcl()+hclRoute("out", defaultTable, "0.0.0.0/0", engine.NextHopInternet, "")),
				ConfigPlanChecks: expectAction("eni_route.onprem", plancheck.ResourceActionDestroy),
			},
		},
	})
}

// On the CLIs that store identities, a route's is its table and
// destination, and an import block by that identity finds it.
func TestAccRoute_identity(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.config("", testAccMainNetwork+hclRoute("out", defaultTable, "0.0.0.0/0", engine.NextHopInternet, ""))
	env.test(resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("eni_route.out", map[string]knownvalue.Check{
						"route_table_id":   knownvalue.StringRegexp(rtbPattern),
						"destination_cidr": knownvalue.StringExact("0.0.0.0/0"),
					}),
					statecheck.ExpectIdentityValueMatchesState("eni_route.out", tfjsonpath.New("route_table_id")),
				},
			},
			identityImportStep("eni_route.out"),
		},
	})
}

// A route's arguments are judged on their face at validation: a next hop
// ID that does not fit its type, a destination with host bits set (not
// silently made its network), and at plan one inside the VPC.
func TestAccRoute_invalidArguments(t *testing.T) {
	env := newTestEnv(t)
	invalid := codePattern(engine.CodeInvalidParameterValue)
	step := func(route string, refusal *regexp.Regexp) resource.TestStep {
		return resource.TestStep{Config: env.config("", routingNet{}.hcl()+route), PlanOnly: true, ExpectError: refusal}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", routingNet{}.hcl())},
			step(hclRoute("r", customTable, "0.0.0.0/0", engine.NextHopInternet, fwNIC), atAttr("next_hop_id", invalid+`.*names\s+no\s+next\s+hop\s+ID`)),
			step(hclRoute("r", customTable, "0.0.0.0/0", engine.NextHopNetworkInterface, ""), regexp.MustCompile(invalid+`(?s).*names\s+the\s+ID\s+of\s+a\s+network\s+interface`)),
			step(hclRoute("r", customTable, "0.0.0.0/0", engine.NextHopVirtualIP, fwNIC), atAttr("next_hop_id", invalid+`.*virtual\s+IP`)),
			step(hclRoute("r", customTable, "192.168.1.0/16", engine.NextHopInternet, ""), atAttr("destination_cidr", `host\s+bits`)),
			step(hclRoute("r", customTable, "10.0.8.0/24", engine.NextHopInternet, ""), atAttr("destination_cidr", invalid+`.*inside\s+VPC`)),
			step(hclRoute("r", customTable, "0.0.0.0/0", "gateway", ""), atAttr("next_hop_type", `must\s+be\s+one\s+of`)),
			{Config: env.config("", routingNet{}.hcl()), PlanOnly: true}, // the destroy's configuration
		},
	})
}

// Rules 17 to 19 on routes at plan, counted across the plan, each on the
// argument at fault.
func TestAccRoute_rulesAtPlan(t *testing.T) {
	env := newTestEnv(t)
	viaVIP := hclRoute("via_vip", customTable, "172.16.0.0/12", engine.NextHopVirtualIP, vipHop)
	other := hclResource("eni_vpc", "other", hclArg{"name", `"other"`}, hclArg{"cidr", `"10.9.0.0/16"`}) +
		hclSubnet("o", "eni_vpc.other.id", "10.9.1.0/24", "local-1a") +
		hclResource("eni_network_interface", "o", hclArg{"subnet_id", "eni_subnet.o.id"}, hclArg{"name", `"o"`}, hclArg{"source_dest_check", "false"})
	base := routingNet{}.hcl() + viaVIP + other
	plan := func(hcl string, refusal *regexp.Regexp) resource.TestStep {
		return resource.TestStep{Config: env.config("", hcl), PlanOnly: true, ExpectError: refusal}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", base)},
			// Rule 17: two routes of the plan to one destination in one table.
			plan(base+hclRoute("a", customTable, "0.0.0.0/0", engine.NextHopInternet, "")+hclRoute("b", customTable, "0.0.0.0/0", engine.NextHopNetworkInterface, fwNIC),
				atAttr("destination_cidr", codePattern(engine.CodeRouteAlreadyExists)+`.*this\s+plan\s+adds\s+it\s+twice`)),
			// Rule 18: a next hop of another VPC.
			plan(base+hclRoute("a", customTable, "0.0.0.0/0", engine.NextHopNetworkInterface, "eni_network_interface.o.id"),
				atAttr("next_hop_id", codePattern(engine.CodeVpcMismatch))),
			// Rule 19: a route to a NIC with its check on.
			plan(base+hclRoute("a", customTable, "0.0.0.0/0", engine.NextHopNetworkInterface, plainNIC),
				atAttr("next_hop_id", codePattern(engine.CodeSourceDestCheckEnabled)+`.*network\s+interface\s+eni-`)),
			// Rule 19: the check turned on under a route that names the NIC's virtual IP.
			plan(routingNet{fwCheckOn: true}.hcl()+viaVIP+other,
				atAttr("source_dest_check", codePattern(engine.CodeSourceDestCheckEnabled)+`.*through\s+virtual\s+IP`)),
			// Rule 19: the virtual IP a route names moved to a NIC with the check on.
			plan(routingNet{vipOnPlain: true}.hcl()+viaVIP+other,
				atAttr("network_interface_id", codePattern(engine.CodeSourceDestCheckEnabled))),
			// A plan that turns the check off and routes to the NIC in one go passes.
			{
				Config: env.config("", routingNet{plainCheckOff: true}.hcl()+viaVIP+other+hclRoute("a", customTable, "0.0.0.0/0", engine.NextHopNetworkInterface, plainNIC)),
				Check:  env.checkInvariants,
			},
		},
	})
}

// Rule 19 across the plan: a new route to a NIC whose check the same plan
// turns on is refused on the route.
func TestAccRoute_checkTurnedOnWithTheRoute(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", routingNet{}.hcl())},
			{
				Config:      env.config("", routingNet{fwCheckOn: true}.hcl()+hclRoute("a", customTable, "0.0.0.0/0", engine.NextHopNetworkInterface, fwNIC)),
				PlanOnly:    true,
				ExpectError: atAttr("next_hop_id", codePattern(engine.CodeSourceDestCheckEnabled)),
			},
		},
	})
}

// Rules 16 and 17 against what the region holds: 200 routes made outside
// Terraform leave no room at plan; with a next hop the plan creates, whose
// ID the plan does not know, the apply refuses the 201st route and a
// second route to one destination. Rules 18 and 19 at apply likewise.
func TestAccRoute_rulesAgainstTheRegion(t *testing.T) {
	env := newTestEnv(t)
	base := routingNet{}.hcl() + hclRoute("keep", defaultTable, "0.0.0.0/0", engine.NextHopInternet, "")
	newNIC := func(check bool, subnet string) string {
		return hclResource("eni_network_interface", "new", hclArg{"subnet_id", subnet}, hclArg{"name", `"new"`}, hclArg{"source_dest_check", fmt.Sprint(check)})
	}
	toNew := hclRoute("a", customTable, "10.200.0.0/16", engine.NextHopNetworkInterface, "eni_network_interface.new.id")
	other := hclResource("eni_vpc", "other", hclArg{"name", `"other"`}, hclArg{"cidr", `"10.9.0.0/16"`}) +
		hclSubnet("o", "eni_vpc.other.id", "10.9.1.0/24", "local-1a")
	var table string
	fill := func(n int) {
		for i := range n {
			if _, err := env.engine.CreateRoute(context.Background(), engine.RouteInput{RouteTableID: table,
				DestinationCIDR: fmt.Sprintf("100.%d.%d.0/24", i/256, i%256), NextHopType: engine.NextHopInternet}); err != nil {
				t.Fatal(err)
			}
		}
	}
	empty := func() {
		routes, err := env.engine.ListRoutes(context.Background(), table)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range routes {
			if !r.Local() {
				if err := env.engine.DeleteRoute(context.Background(), table, r.DestinationCIDR); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", base),
				Check: func(s *terraform.State) (err error) {
					table, err = idOf(s, "eni_route_table.custom")
					return err
				},
			},
			{
				PreConfig:   func() { fill(engine.MaxRoutesPerTable) },
				Config:      env.config("", base+hclRoute("a", customTable, "10.200.0.0/16", engine.NextHopInternet, "")),
				PlanOnly:    true,
				ExpectError: atAttr("destination_cidr", codePattern(engine.CodeRouteLimitExceeded)+`.*would\s+have\s+201\s+routes`),
			},
			{
				Config:      env.config("", base+newNIC(false, "eni_subnet.a.id")+toNew),
				ExpectError: regexp.MustCompile(`Cannot create route(.|\n)*` + codePattern(engine.CodeRouteLimitExceeded)),
			},
			{
				PreConfig: func() {
					empty()
					if _, err := env.engine.CreateRoute(context.Background(), engine.RouteInput{RouteTableID: table, DestinationCIDR: "10.200.0.0/16",
						NextHopType: engine.NextHopInternet}); err != nil {
						t.Fatal(err)
					}
				},
				Config:      env.config("", base+newNIC(false, "eni_subnet.a.id")+toNew),
				ExpectError: regexp.MustCompile(`Cannot create route(.|\n)*` + codePattern(engine.CodeRouteAlreadyExists)),
			},
			{
				PreConfig:   empty,
				Config:      env.config("", base+newNIC(true, "eni_subnet.a.id")+toNew),
				ExpectError: regexp.MustCompile(`Cannot create route(.|\n)*` + codePattern(engine.CodeSourceDestCheckEnabled)),
			},
			{
				Config:      env.config("", base+other+newNIC(false, "eni_subnet.o.id")+toNew),
				ExpectError: regexp.MustCompile(`Cannot create route(.|\n)*` + codePattern(engine.CodeVpcMismatch)),
			},
			{Config: env.config("", base), Check: env.checkInvariants},
		},
	})
}
