package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// hclRouteTable renders eni_route_table.<name> in the VPC at vpc.
func hclRouteTable(name, vpc string) string {
	return hclResource("eni_route_table", name, hclArg{"vpc_id", vpc + ".id"}, hclArg{"name", quoted(name)})
}

// hclRouteTables renders eni_route_table.many, count of them, in the VPC at vpc.
func hclRouteTables(count int, vpc string) string {
	return hclResource("eni_route_table", "many", hclArg{"count", fmt.Sprint(count)}, hclArg{"vpc_id", vpc + ".id"},
		hclArg{"name", `"many-${count.index}"`})
}

var rtbPattern = regexp.MustCompile(`^rtb-[0-9a-f]{16}$`)

// A custom route table is created, renamed and retagged in place, imported
// by ID, and goes with its destroy; its VPC reports its default table,
// another, which no plan changes.
func TestAccRouteTable_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	table := func(name, description string) string {
		return env.config("", testAccMainNetwork+hclResource("eni_route_table", "custom", hclArg{"vpc_id", "eni_vpc.main.id"},
			hclArg{"name", quoted(name)}, hclArg{"description", quoted(description)}, hclArg{"tags", `{ team = "net" }`}))
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: table("custom", "first"),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("eni_route_table.custom", "id", knownvalue.StringRegexp(rtbPattern)),
					expectValue("eni_vpc.main", "default_route_table_id", knownvalue.StringRegexp(rtbPattern)),
					statecheck.CompareValuePairs("eni_route_table.custom", tfjsonpath.New("vpc_id"), "eni_vpc.main", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("eni_route_table.custom", tfjsonpath.New("id"), "eni_vpc.main", tfjsonpath.New("default_route_table_id"), compare.ValuesDiffer()),
					statecheck.CompareValuePairs("eni_subnet.a", tfjsonpath.New("route_table_id"), "eni_vpc.main", tfjsonpath.New("default_route_table_id"), compare.ValuesSame()),
					expectValue("eni_subnet.a", "network_acl_id", knownvalue.Null()),
					expectValue("eni_route_table.custom", "tags_all", knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("net")})),
				},
			},
			{Config: table("custom", "first"), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan())},
			changeStep(table("renamed", "second"), "eni_route_table.custom", plancheck.ResourceActionUpdate,
				expectValue("eni_route_table.custom", "name", knownvalue.StringExact("renamed")),
				expectValue("eni_route_table.custom", "description", knownvalue.StringExact("second")),
				expectInEngine("the renamed table", "eni_route_table.custom", env.engine.GetRouteTable, func(d engine.RouteTableDetails) error {
					if d.Name != "renamed" || d.Description != "second" || d.Default {
						return fmt.Errorf("engine holds %+v", d.RouteTable)
					}
					return nil
				})),
			importStep("eni_route_table.custom"),
			importStep("eni_vpc.main"),
			{Config: env.config("", testAccMainNetwork), ConfigPlanChecks: expectAction("eni_route_table.custom", plancheck.ResourceActionDestroy)},
		},
	})
}

// Rule 16 at plan counts the tables the plan creates (on vpc_id, naming
// how many the plan adds) and those the region holds, made outside
// Terraform included; at apply, in a VPC the plan creates, it is the
// engine that refuses the sixth.
func TestAccRouteTable_limit(t *testing.T) {
	env := newTestEnv(t)
	limit := codePattern(engine.CodeRouteTableLimitExceeded)
	var outside []string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", testAccMainNetwork+hclRouteTables(2, "eni_vpc.main"))},
			{
				Config:      env.config("", testAccMainNetwork+hclRouteTables(5, "eni_vpc.main")),
				PlanOnly:    true,
				ExpectError: atAttr("vpc_id", limit+`.*would\s+have\s+6\s+route\s+tables\s+\(3\s+of\s+them\s+created\s+by\s+this\s+plan\)`),
			},
			{
				PreConfig: func() {
					vpcs, err := env.engine.ListVPCs(context.Background(), engine.VPCFilter{})
					if err != nil || len(vpcs) != 1 {
						t.Fatalf("listing the VPC: %v %v", vpcs, err)
					}
					for range 2 {
						rt, err := env.engine.CreateRouteTable(context.Background(), engine.RouteTableInput{VPCID: vpcs[0].ID, Name: "outside"})
						if err != nil {
							t.Fatal(err)
						}
						outside = append(outside, rt.ID)
					}
				},
				Config:      env.config("", testAccMainNetwork+hclRouteTables(3, "eni_vpc.main")),
				PlanOnly:    true,
				ExpectError: atAttr("vpc_id", limit+`.*would\s+have\s+6\s+route\s+tables\s+\(1\s+of\s+them`),
			},
			{
				PreConfig: func() {
					for _, id := range outside {
						if err := env.engine.DeleteRouteTable(context.Background(), id); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config:           env.config("", testAccMainNetwork+hclRouteTables(4, "eni_vpc.main")),
				ConfigPlanChecks: preApply(plancheck.ExpectResourceAction("eni_route_table.many[3]", plancheck.ResourceActionCreate)),
			},
			{
				// A VPC of the same plan: its ID is unknown at plan, so the apply refuses.
				Config:      env.config("", testAccVPC+hclRouteTables(5, "eni_vpc.test")),
				ExpectError: regexp.MustCompile(`Cannot create route table(.|\n)*` + limit),
			},
		},
	})
}

// Rule 20 at plan: a VPC's default route table, imported into the
// configuration, goes only with its VPC, so a plan that deletes or replaces
// it is refused, whatever else the plan does; once its VPC is gone, the
// table leaves the state.
func TestAccRouteTable_defaultTableStays(t *testing.T) {
	env := newTestEnv(t)
	vpc := hclResource("eni_vpc", "main", hclArg{"name", `"main"`}, hclArg{"cidr", `"10.0.0.0/16"`})
	other := hclResource("eni_vpc", "other", hclArg{"name", `"other"`}, hclArg{"cidr", `"10.1.0.0/16"`})
	managed := func(in string) string {
		return env.config("", vpc+other+hclResource("eni_route_table", "default", hclArg{"vpc_id", in + ".id"}, hclArg{"name", `"default"`}))
	}
	var vpcID string
	refused := regexp.MustCompile(`Cannot delete route table(.|\n)*` + codePattern(engine.CodeDependencyViolation) + `(.|\n)*default\s+route\s+table\s+of\s+VPC(.|\n)*stop\s+managing`)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", vpc+other), Check: func(s *terraform.State) (err error) { vpcID, err = idOf(s, "eni_vpc.main"); return err }},
			{
				Config: managed("eni_vpc.main"), ResourceName: "eni_route_table.default", ImportState: true, ImportStatePersist: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return s.RootModule().Resources["eni_vpc.main"].Primary.Attributes["default_route_table_id"], nil
				},
			},
			{Config: env.config("", vpc+other), PlanOnly: true, ExpectError: refused},
			{Config: managed("eni_vpc.other"), PlanOnly: true, ExpectError: refused},
			{
				PreConfig: func() {
					if err := env.engine.DeleteVPC(context.Background(), vpcID); err != nil {
						t.Fatal(err)
					}
				},
				Config:           env.config("", vpc+other),
				ConfigPlanChecks: preApply(plancheck.ExpectResourceAction("eni_vpc.main", plancheck.ResourceActionCreate)),
			},
		},
	})
}

// Rule 20: a table that a subnet uses is not deleted; the refusal stands
// until the association made outside Terraform goes.
func TestAccRouteTable_inUse(t *testing.T) {
	env := newTestEnv(t)
	var assoc string
	with := testAccMainNetwork + hclRouteTable("custom", "eni_vpc.main")
	env.test(resource.TestCase{
		Steps: env.blockedDestroySteps(blockedDestroy{
			with:    with,
			without: testAccMainNetwork,
			after:   with,
			refused: regexp.MustCompile(`Cannot delete route table(.|\n)*` + codePattern(engine.CodeDependencyViolation) + `(.|\n)*associated`),
			block: func(s *terraform.State) error {
				subnet, err := idOf(s, "eni_subnet.a")
				if err != nil {
					return err
				}
				table, err := idOf(s, "eni_route_table.custom")
				if err != nil {
					return err
				}
				a, err := env.engine.AssociateRouteTable(context.Background(), subnet, table)
				assoc = a.ID
				return err
			},
			kept: expectInEngine("the table still in use", "eni_route_table.custom", env.engine.GetRouteTable, func(d engine.RouteTableDetails) error {
				if len(d.SubnetIDs) != 1 {
					return fmt.Errorf("the table is used by %v", d.SubnetIDs)
				}
				return nil
			}),
			unblock: func() error { return env.engine.DisassociateRouteTable(context.Background(), assoc) },
		}),
	})
}
