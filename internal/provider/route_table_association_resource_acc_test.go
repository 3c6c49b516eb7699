package provider

import (
	"context"
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

// hclAssociation renders eni_route_table_association.<name> of the subnet
// at subnet with the table at table (HCL expressions).
func hclAssociation(name, subnet, table string) string {
	return hclResource("eni_route_table_association", name, hclArg{"subnet_id", subnet}, hclArg{"route_table_id", table})
}

// subnetUses checks that the subnet at eni_subnet.a reports the table
// whose ID is attr of address as the one in effect.
func subnetUses(address, attr string) statecheck.StateCheck {
	return statecheck.CompareValuePairs("eni_subnet.a", tfjsonpath.New("route_table_id"), address, tfjsonpath.New(attr), compare.ValuesSame())
}

// An association is created beside its subnet, switched to another table
// in place, imported by its ID and by its subnet's, and destroyed, which
// returns the subnet to the default table. The subnet's route_table_id
// follows at each refresh without a plan ever showing a change.
func TestAccRouteTableAssociation_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	tables := testAccMainNetwork + hclRouteTable("blue", "eni_vpc.main") + hclRouteTable("green", "eni_vpc.main")
	with := func(table string) string {
		return env.config("", tables+hclAssociation("a", "eni_subnet.a.id", "eni_route_table."+table+".id"))
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: with("blue"),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("eni_route_table_association.a", "id", knownvalue.StringRegexp(regexp.MustCompile(`^rtbassoc-[0-9a-f]{16}$`))),
				},
			},
			{Config: with("blue"), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()), ConfigStateChecks: []statecheck.StateCheck{subnetUses("eni_route_table.blue", "id")}},
			changeStep(with("green"), "eni_route_table_association.a", plancheck.ResourceActionUpdate),
			{Config: with("green"), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()), ConfigStateChecks: []statecheck.StateCheck{subnetUses("eni_route_table.green", "id")}},
			importStep("eni_route_table_association.a"),
			{
				ResourceName: "eni_route_table_association.a", ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) { return idOf(s, "eni_subnet.a") },
			},
			// A subnet with a name change and an association change in one plan: no inconsistent result.
			{
				Config: env.config("", regexp.MustCompile(`name\s+= "a"`).ReplaceAllString(tables, `name = "a2"`)+
					hclAssociation("a", "eni_subnet.a.id", "eni_route_table.blue.id")),
				ConfigPlanChecks: preApply(plancheck.ExpectResourceAction("eni_subnet.a", plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue("eni_subnet.a", tfjsonpath.New("route_table_id"))),
			},
			{Config: env.config("", tables), ConfigPlanChecks: expectAction("eni_route_table_association.a", plancheck.ResourceActionDestroy)},
			{Config: env.config("", tables), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()), ConfigStateChecks: []statecheck.StateCheck{subnetUses("eni_vpc.main", "default_route_table_id")}},
		},
	})
}

// Rule 18 at plan: a table of another VPC (on route_table_id), a second
// association of the plan for one subnet, and one the region holds (on
// subnet_id); at apply, for a subnet the plan creates, the engine refuses
// both.
func TestAccRouteTableAssociation_rules(t *testing.T) {
	env := newTestEnv(t)
	other := hclResource("eni_vpc", "other", hclArg{"name", `"other"`}, hclArg{"cidr", `"10.9.0.0/16"`}) + hclRouteTable("o", "eni_vpc.other")
	base := testAccMainNetwork + hclRouteTable("blue", "eni_vpc.main") + hclRouteTable("green", "eni_vpc.main") + other
	fresh := hclSubnet("b", "eni_vpc.main.id", "10.0.2.0/24", "local-1a")
	already := codePattern(engine.CodeAlreadyAssociated)
	var outside string
	plan := func(hcl string, refusal *regexp.Regexp) resource.TestStep {
		return resource.TestStep{Config: env.config("", hcl), PlanOnly: true, ExpectError: refusal}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", base)},
			plan(base+hclAssociation("a", "eni_subnet.a.id", "eni_route_table.o.id"), atAttr("route_table_id", codePattern(engine.CodeVpcMismatch))),
			plan(base+hclAssociation("a", "eni_subnet.a.id", "eni_route_table.blue.id")+hclAssociation("b", "eni_subnet.a.id", "eni_route_table.green.id"),
				atAttr("subnet_id", already+`.*this\s+plan\s+adds\s+them\s+both`)),
			{
				PreConfig: func() {
					subnets, err := env.engine.ListSubnets(context.Background(), engine.SubnetFilter{})
					if err != nil {
						t.Fatal(err)
					}
					tables, err := env.engine.ListRouteTables(context.Background(), engine.RouteTableFilter{VPCID: subnets[0].VPCID})
					if err != nil {
						t.Fatal(err)
					}
					a, err := env.engine.AssociateRouteTable(context.Background(), subnets[0].ID, customTables(tables)[0])
					if err != nil {
						t.Fatal(err)
					}
					outside = a.ID
				},
				Config:      env.config("", base+hclAssociation("a", "eni_subnet.a.id", "eni_route_table.blue.id")),
				PlanOnly:    true,
				ExpectError: atAttr("subnet_id", already+`.*destroy\s+-refresh=false`),
			},
			{
				// The plan warns, as asked; the apply refuses.
				Config:      env.configAt("warning", base+hclAssociation("a", "eni_subnet.a.id", "eni_route_table.blue.id")),
				ExpectError: regexp.MustCompile(`Cannot associate route table(.|\n)*` + already),
			},
			{
				PreConfig:   func() { _ = env.engine.DisassociateRouteTable(context.Background(), outside) },
				Config:      env.config("", base+fresh+hclAssociation("a", "eni_subnet.b.id", "eni_route_table.blue.id")+hclAssociation("b", "eni_subnet.b.id", "eni_route_table.green.id")),
				ExpectError: regexp.MustCompile(`Cannot associate route table(.|\n)*` + already),
			},
			{
				Config:      env.config("", base+hclSubnet("c", "eni_vpc.main.id", "10.0.3.0/24", "local-1a")+hclAssociation("c", "eni_subnet.c.id", "eni_route_table.o.id")),
				ExpectError: regexp.MustCompile(`Cannot associate route table(.|\n)*` + codePattern(engine.CodeVpcMismatch)),
			},
			{Config: env.config("", base), Check: env.checkInvariants},
		},
	})
}

// customTables lists the IDs of the custom tables among tables.
func customTables(tables []engine.RouteTable) []string {
	var ids []string
	for _, t := range tables {
		if !t.Default {
			ids = append(ids, t.ID)
		}
	}
	return ids
}
