package provider

import (
	"fmt"
	"net/netip"
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

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// dualStack renders eni_vpc.test and, unless subnet is "", eni_subnet.test
// in it, with the ipv6_enabled values given ("" leaves it out), and a data
// source reading the subnet.
func dualStack(vpc, subnet string) string {
	hcl := hclResource("eni_vpc", "test", hclArg{"name", `"net"`}, hclArg{"cidr", `"10.0.0.0/16"`}, hclArg{"ipv6_enabled", vpc})
	if subnet != "" {
		hcl += hclResource("eni_subnet", "test", hclArg{"vpc_id", "eni_vpc.test.id"}, hclArg{"name", `"a"`}, hclArg{"cidr", `"10.0.1.0/24"`},
			hclArg{"availability_zone", `"local-1a"`}, hclArg{"ipv6_enabled", subnet}) + `
data "eni_subnet" "test" {
  id = eni_subnet.test.id
}
`
	}
	return hcl
}

// ula56 matches a /56 of fd00::/8 as the engine writes it. A pattern
// cannot: a random /56 whose last group or groups are zero is written
// shorter ("fdb1:a376:4e87::/56"), about one VPC in 256.
var ula56 knownvalue.Check = ula56Check{}

type ula56Check struct{}

func (ula56Check) CheckValue(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("expected a string, got %T", v)
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || p.Bits() != 56 || !p.Addr().Is6() || p.Addr().As16()[0] != 0xfd || p.Masked() != p || p.String() != s {
		return fmt.Errorf("%q is not a /56 of fd00::/8 in canonical form", s)
	}
	return nil
}

func (ula56Check) String() string { return "a /56 of fd00::/8 in canonical form" }

func expectIPv6(address string, enabled bool, cidr knownvalue.Check) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		expectValue(address, "ipv6_enabled", knownvalue.Bool(enabled)),
		expectValue(address, "ipv6_cidr", cidr),
	}
}

// subnetTakesFirst64 checks that the subnet's /64 is the first of its VPC's /56.
func subnetTakesFirst64(s *terraform.State) error {
	vpc := s.RootModule().Resources["eni_vpc.test"].Primary.Attributes["ipv6_cidr"]
	subnet := s.RootModule().Resources["eni_subnet.test"].Primary.Attributes["ipv6_cidr"]
	if want := strings.TrimSuffix(vpc, "/56") + "/64"; subnet != want {
		return fmt.Errorf("subnet ipv6_cidr %q, want %q (the first /64 of %q)", subnet, want, vpc)
	}
	return nil
}

// IPv6 on a VPC and its subnet: off by default, on and off in place, the
// ranges computed and kept, imported; turning the VPC's off while a subnet
// has IPv6 is refused at plan; both turned on in one plan.
func TestAccVPCResource_ipv6(t *testing.T) {
	env := newTestEnv(t)
	const vpc, subnet = "eni_vpc.test", "eni_subnet.test"
	var first string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            env.config("", dualStack("", "")),
				ConfigStateChecks: expectIPv6(vpc, false, knownvalue.Null()),
			},
			{
				Config: env.config("", dualStack("true", "")),
				ConfigPlanChecks: preApply(plancheck.ExpectResourceAction(vpc, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(vpc, tfjsonpath.New("ipv6_cidr"))),
				ConfigStateChecks: expectIPv6(vpc, true, ula56),
				Check: func(s *terraform.State) error {
					first = s.RootModule().Resources[vpc].Primary.Attributes["ipv6_cidr"]
					return nil
				},
			},
			{Config: env.config("", dualStack("true", "")), ConfigPlanChecks: emptyPlan},
			importStep(vpc),
			{
				Config:            env.config("", dualStack("true", "true")),
				ConfigStateChecks: append(expectIPv6(subnet, true, knownvalue.NotNull()), expectIPv6("data.eni_subnet.test", true, knownvalue.NotNull())...),
				Check: resource.ComposeTestCheckFunc(subnetTakesFirst64,
					resource.TestCheckResourceAttrWith(vpc, "ipv6_cidr", func(v string) error {
						if v != first {
							return fmt.Errorf("the VPC's range changed from %q to %q", first, v)
						}
						return nil
					}),
					resource.TestCheckResourceAttrPair("data.eni_subnet.test", "ipv6_cidr", subnet, "ipv6_cidr")),
			},
			{Config: env.config("", dualStack("true", "true")), ConfigPlanChecks: emptyPlan},
			importStep(subnet),
			{
				Config:      env.config("", dualStack("false", "true")),
				PlanOnly:    true,
				ExpectError: atAttr("ipv6_enabled", codePattern(engine.CodeDependencyViolation)+`.*1\s+subnet\s+with\s+IPv6`),
			},
			{
				Config:            env.config("", dualStack("true", "false")),
				ConfigPlanChecks:  expectAction(subnet, plancheck.ResourceActionUpdate),
				ConfigStateChecks: append(expectIPv6(subnet, false, knownvalue.Null()), expectIPv6("data.eni_subnet.test", false, knownvalue.Null())...),
			},
			{
				Config:            env.config("", dualStack("false", "false")),
				ConfigPlanChecks:  expectAction(vpc, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expectIPv6(vpc, false, knownvalue.Null()),
			},
			{
				// Both on in one plan: the subnet is judged with the VPC's IPv6 as the plan leaves it.
				Config:            env.config("", dualStack("true", "true")),
				ConfigStateChecks: append(expectIPv6(vpc, true, ula56), expectIPv6(subnet, true, knownvalue.NotNull())...),
				Check:             resource.ComposeTestCheckFunc(subnetTakesFirst64, env.checkInvariants),
			},
		},
	})
}

// A subnet's IPv6 needs its VPC's: at apply when the VPC comes with the
// same plan, else at plan on ipv6_enabled, whether the subnet is new or
// turns it on; turning it off while a NIC holds IPv6 addresses is refused
// at plan.
func TestAccSubnetResource_ipv6Refused(t *testing.T) {
	env := newTestEnv(t)
	refused := atAttr("ipv6_enabled", `\[InvalidParameterValue\].*has\s+no\s+IPv6\s+range`)
	withNIC := dualStack("true", "true") + hclResource("eni_network_interface", "test", hclArg{"name", `"v6"`},
		hclArg{"subnet_id", "eni_subnet.test.id"}, hclArg{"ipv6_address_count", "1"})
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				// The VPC comes with the same plan: its IPv6 is known only at apply, which refuses the subnet.
				Config:      env.config("", dualStack("false", "true")),
				ExpectError: regexp.MustCompile(`(?s)Cannot\s+create\s+subnet.*\[InvalidParameterValue\].*has\s+no\s+IPv6\s+range`),
			},
			{Config: env.config("", dualStack("false", ""))},
			{Config: env.config("", dualStack("false", "true")), PlanOnly: true, ExpectError: refused},
			{Config: env.config("", dualStack("false", "false"))},
			{Config: env.config("", dualStack("false", "true")), PlanOnly: true, ExpectError: refused},
			{
				Config: env.config("", withNIC),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(testNIC, "ipv6_addresses", knownvalue.SetSizeExact(1)),
					statecheck.CompareValuePairs("data.eni_subnet.test", tfjsonpath.New("ipv6_cidr"), "eni_subnet.test", tfjsonpath.New("ipv6_cidr"), compare.ValuesSame()),
				},
			},
			{
				Config:      env.config("", strings.Replace(withNIC, `ipv6_enabled = true`+"\n}\n\ndata", `ipv6_enabled = false`+"\n}\n\ndata", 1)),
				PlanOnly:    true,
				ExpectError: atAttr("ipv6_enabled", codePattern(engine.CodeDependencyViolation)+`.*holding\s+IPv6\s+addresses`),
			},
		},
	})
}
