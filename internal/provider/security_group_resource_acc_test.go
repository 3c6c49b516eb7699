package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

const testAccSecurityGroupVPCs = testAccVPC + `
resource "eni_vpc" "other" {
  name = "other"
  cidr = "172.16.0.0/16"
}
`

func testAccSecurityGroupResourceConfig(vpc, name, description, rules string) string {
	return testAccSecurityGroupVPCs + fmt.Sprintf(`
resource "eni_security_group" "test" {
  vpc_id      = eni_vpc.%s.id
  name        = %q
  description = %q
%s}
`, vpc, name, description, rules)
}

const testAccSecurityGroupTwoRules = `
  rules = [
    { direction = "ingress", protocol = "tcp", port_range_min = 22, port_range_max = 22, remote_cidr = "10.0.0.0/8" },
    { direction = "egress", protocol = "any", port_range_min = 0, port_range_max = 65535, remote_cidr = "0.0.0.0/0" },
  ]
`

const testAccSecurityGroupChangedRules = `
  rules = [
    { direction = "ingress", protocol = "tcp", port_range_min = 443, port_range_max = 443, remote_cidr = "0.0.0.0/0" },
    { direction = "egress", protocol = "any", port_range_min = 0, port_range_max = 65535, remote_cidr = "0.0.0.0/0" },
    { direction = "ingress", protocol = "udp", port_range_min = 5000, port_range_max = 5100, remote_cidr = "192.168.0.0/16" },
  ]
`

// testAccSecurityGroupChangedRulesReordered is the same rules as
// testAccSecurityGroupChangedRules in another order, one of them twice.
const testAccSecurityGroupChangedRulesReordered = `
  rules = [
    { direction = "ingress", protocol = "udp", port_range_min = 5000, port_range_max = 5100, remote_cidr = "192.168.0.0/16" },
    { direction = "egress", protocol = "any", port_range_min = 0, port_range_max = 65535, remote_cidr = "0.0.0.0/0" },
    { direction = "ingress", protocol = "tcp", port_range_min = 443, port_range_max = 443, remote_cidr = "0.0.0.0/0" },
    { direction = "egress", protocol = "any", port_range_min = 0, port_range_max = 65535, remote_cidr = "0.0.0.0/0" },
  ]
`

func testAccSecurityGroupRule(direction, protocol string, from, to int64, cidr string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"direction":      knownvalue.StringExact(direction),
		"protocol":       knownvalue.StringExact(protocol),
		"port_range_min": knownvalue.Int64Exact(from),
		"port_range_max": knownvalue.Int64Exact(to),
		"remote_cidr":    knownvalue.StringExact(cidr),
	})
}

func TestAccSecurityGroupResource(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccSecurityGroupResourceConfig("test", "web", "first", "")),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("eni_security_group.test", "id", knownvalue.StringRegexp(regexp.MustCompile(`^sg-[0-9a-f]{16}$`))),
					statecheck.CompareValuePairs("eni_security_group.test", tfjsonpath.New("vpc_id"), "eni_vpc.test", tfjsonpath.New("id"), compare.ValuesSame()),
					expectValue("eni_security_group.test", "name", knownvalue.StringExact("web")),
					expectValue("eni_security_group.test", "description", knownvalue.StringExact("first")),
					expectValue("eni_security_group.test", "rules", knownvalue.SetExact([]knownvalue.Check{})),
				},
			},
			changeStep(env.config("", testAccSecurityGroupResourceConfig("test", "web", "first", testAccSecurityGroupTwoRules)),
				"eni_security_group.test", plancheck.ResourceActionUpdate,
				expectValue("eni_security_group.test", "rules", knownvalue.SetExact([]knownvalue.Check{
					testAccSecurityGroupRule("ingress", "tcp", 22, 22, "10.0.0.0/8"),
					testAccSecurityGroupRule("egress", "any", 0, 65535, "0.0.0.0/0"),
				})),
			),
			changeStep(env.config("", testAccSecurityGroupResourceConfig("test", "web", "first", testAccSecurityGroupChangedRules)),
				"eni_security_group.test", plancheck.ResourceActionUpdate,
				expectValue("eni_security_group.test", "rules", knownvalue.SetExact([]knownvalue.Check{
					testAccSecurityGroupRule("ingress", "tcp", 443, 443, "0.0.0.0/0"),
					testAccSecurityGroupRule("egress", "any", 0, 65535, "0.0.0.0/0"),
					testAccSecurityGroupRule("ingress", "udp", 5000, 5100, "192.168.0.0/16"),
				})),
				expectInEngine("engine holds the new rules", "eni_security_group.test", env.engine.GetSecurityGroup, func(g engine.SecurityGroup) error {
					if len(g.Rules) != 3 {
						return fmt.Errorf("engine has rules %+v, want 3", g.Rules)
					}
					return nil
				}),
			),
			{
				// Order does not matter and identical rules count once: no change.
				Config:           env.config("", testAccSecurityGroupResourceConfig("test", "web", "first", testAccSecurityGroupChangedRulesReordered)),
				ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()),
			},
			changeStep(env.config("", testAccSecurityGroupResourceConfig("test", "web-renamed", "first", testAccSecurityGroupChangedRules)),
				"eni_security_group.test", plancheck.ResourceActionUpdate,
				expectValue("eni_security_group.test", "name", knownvalue.StringExact("web-renamed")),
			),
			changeStep(env.config("", testAccSecurityGroupResourceConfig("test", "web-renamed", "second", testAccSecurityGroupChangedRules)),
				"eni_security_group.test", plancheck.ResourceActionUpdate,
				expectValue("eni_security_group.test", "description", knownvalue.StringExact("second")),
			),
			importStep("eni_security_group.test"),
			// Leaving rules out goes back to no rules, in place.
			changeStep(env.config("", testAccSecurityGroupResourceConfig("test", "web-renamed", "second", "")),
				"eni_security_group.test", plancheck.ResourceActionUpdate,
				expectValue("eni_security_group.test", "rules", knownvalue.SetExact([]knownvalue.Check{})),
			),
			changeStep(env.config("", testAccSecurityGroupResourceConfig("other", "web-renamed", "second", testAccSecurityGroupTwoRules)),
				"eni_security_group.test", plancheck.ResourceActionDestroyBeforeCreate,
				statecheck.CompareValuePairs("eni_security_group.test", tfjsonpath.New("vpc_id"), "eni_vpc.other", tfjsonpath.New("id"), compare.ValuesSame()),
			),
			importStep("eni_security_group.test"),
		},
	})
}

func TestAccSecurityGroupResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: disappearsSteps(
			env.config("", testAccSecurityGroupResourceConfig("test", "gone", "", testAccSecurityGroupTwoRules)),
			"eni_security_group.test",
			env.engine.DeleteSecurityGroup,
		),
	})
}

func testAccSecurityGroupOneRule(direction, protocol string, from, to int, cidr string) string {
	return fmt.Sprintf(`
  rules = [
    { direction = %q, protocol = %q, port_range_min = %d, port_range_max = %d, remote_cidr = %q },
  ]
`, direction, protocol, from, to, cidr)
}

func TestAccSecurityGroupResource_validation(t *testing.T) {
	env := newTestEnv(t)
	// refused is the step in which a group of the one rule the arguments
	// make is refused with message.
	refused := func(direction, protocol string, from, to int, cidr, message string) resource.TestStep {
		return resource.TestStep{
			Config:      env.config("", testAccSecurityGroupResourceConfig("test", "web", "", testAccSecurityGroupOneRule(direction, protocol, from, to, cidr))),
			ExpectError: regexp.MustCompile(message),
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			refused("sideways", "tcp", 22, 22, "0.0.0.0/0", `InvalidParameterValue(.|\n)*direction\s+"sideways"\s+is\s+not\s+one\s+of\s+ingress,\s+egress`),
			refused("ingress", "sctp", 22, 22, "0.0.0.0/0", `protocol\s+"sctp"\s+is\s+not\s+one\s+of\s+tcp,\s+udp,\s+icmp,\s+any`),
			refused("ingress", "tcp", 22, 70000, "0.0.0.0/0", `port\s+range\s+22-70000\s+is\s+not\s+a\s+range\s+within\s+0-65535`),
			refused("ingress", "tcp", -1, 22, "0.0.0.0/0", `port\s+range\s+-1-22\s+is\s+not`),
			refused("ingress", "tcp", 443, 80, "0.0.0.0/0", `port\s+range\s+443-80\s+is\s+not`),
			refused("ingress", "tcp", 22, 22, "10.0.0.1/8", `InvalidParameterValue(.|\n)*has\s+host\s+bits\s+set;\s+its\s+network\s+is\s+10\.0\.0\.0/8`),
			refused("ingress", "tcp", 22, 22, "everywhere", `is\s+not\s+an\s+IPv4\s+CIDR\s+block`),
			{
				Config: env.config("", `
resource "eni_security_group" "test" {
  vpc_id = "vpc-0000000000000000"
  name   = "orphan"
}
`),
				ExpectError: regexp.MustCompile(`InvalidVpcID\.NotFound`),
			},
			{
				Config: env.config("", testAccSecurityGroupVPCs),
				ConfigStateChecks: []statecheck.StateCheck{
					testAccEngineCheck{"refused plans created nothing", func(ctx context.Context, _ *tfjson.State) error {
						if n, err := env.testAccVPCCount(ctx); err != nil || n != 2 {
							return fmt.Errorf("store holds %d VPCs (%v), want this step's 2", n, err)
						}
						return nil
					}},
				},
			},
		},
	})
}

// testAccSecurityGroupManyRules is ingress and egress one-port TCP rules,
// written as HCL for expressions.
func testAccSecurityGroupManyRules(ingress, egress int) string {
	return fmt.Sprintf(`
  rules = concat(
    [for p in range(%d) : { direction = "ingress", protocol = "tcp", port_range_min = 1000 + p, port_range_max = 1000 + p, remote_cidr = "10.0.0.0/8" }],
    [for p in range(%d) : { direction = "egress", protocol = "tcp", port_range_min = 1000 + p, port_range_max = 1000 + p, remote_cidr = "10.0.0.0/8" }],
  )
`, ingress, egress)
}

// TestAccSecurityGroupResource_ruleLimit: a group holds 100 rules of each
// direction; one more is refused at plan, on creation and on update, and
// the refused update leaves the group as it was.
func TestAccSecurityGroupResource_ruleLimit(t *testing.T) {
	env := newTestEnv(t)
	cfg := func(ingress, egress int) string {
		return env.config("", testAccSecurityGroupResourceConfig("test", "web", "", testAccSecurityGroupManyRules(ingress, egress)))
	}
	limit := engine.MaxRulesPerDirection
	tooMany := func(direction string) *regexp.Regexp {
		return regexp.MustCompile(`RulesPerSecurityGroupLimitExceeded(.|\n)*101\s+` + direction + `\s+rules\s+were\s+given;\s+a\s+security\s+group\s+takes\s+at\s+most\s+100`)
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      cfg(limit+1, 0),
				ExpectError: tooMany("ingress"),
			},
			{
				Config: cfg(limit, limit),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("eni_security_group.test", "rules", knownvalue.SetSizeExact(2*limit)),
				},
			},
			{
				Config:      cfg(limit, limit+1),
				ExpectError: tooMany("egress"),
			},
			{
				Config:   cfg(limit, limit),
				PlanOnly: true,
			},
		},
	})
}

// TestAccSecurityGroupResource_vpcInUse removes a VPC from the configuration
// while a security group made outside Terraform still uses it (rule 11).
func TestAccSecurityGroupResource_vpcInUse(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: env.vpcInUseSteps(vpcInUse{
			with:    testAccSecurityGroupResourceConfig("test", "managed", "", ""),
			managed: "eni_security_group.test",
			what:    "security group",
			makeBlocker: func(ctx context.Context, vpcID string) (string, error) {
				g, err := env.engine.CreateSecurityGroup(ctx, engine.SecurityGroupInput{VPCID: vpcID, Name: "outside"})
				return g.ID, err
			},
			blockerKept: func(ctx context.Context, vpcID, blockerID string) error {
				if g, err := env.engine.GetSecurityGroup(ctx, blockerID); err != nil || g.VPCID != vpcID {
					return fmt.Errorf("blocker %s: %+v, %v", blockerID, g, err)
				}
				return nil
			},
			get: lookup(env.engine.GetSecurityGroup),
			del: env.engine.DeleteSecurityGroup,
		}),
	})
}

// TestAccSecurityGroupResource_inUse destroys a group that a network
// interface made outside Terraform still uses (rule 11).
func TestAccSecurityGroupResource_inUse(t *testing.T) {
	env := newTestEnv(t)
	base := testAccSecurityGroupVPCs + `
resource "eni_subnet" "test" {
  vpc_id            = eni_vpc.test.id
  name              = "app"
  cidr              = "10.0.1.0/24"
  availability_zone = "local-1a"
}
`
	env.test(resource.TestCase{
		Steps: env.nicInUseSteps(nicInUse{
			with: base + `
resource "eni_security_group" "test" {
  vpc_id = eni_vpc.test.id
  name   = "busy"
}
`,
			without: base,
			managed: "eni_security_group.test",
			what:    "security group",
			nic: func(subnetID, groupID string) engine.NetworkInterfaceInput {
				return engine.NetworkInterfaceInput{SubnetID: subnetID, Name: "outside", SecurityGroupIDs: []string{groupID}}
			},
			get: lookup(env.engine.GetSecurityGroup),
			uses: func(n engine.NetworkInterface, groupID string) error {
				if len(n.SecurityGroupIDs) != 1 || n.SecurityGroupIDs[0] != groupID {
					return fmt.Errorf("NIC %s has groups %v, want [%s]", n.ID, n.SecurityGroupIDs, groupID)
				}
				return nil
			},
		}),
	})
}
