package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
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

// aclRule is one rule of a network ACL as a test writes it.
type aclRule struct {
	action, protocol string
	from, to         int
	cidr, about      string // about "" leaves the description out
}

// hcl renders the rule as an HCL object, on a line of its own.
func (r aclRule) hcl() string {
	s := fmt.Sprintf("    { action = %q, protocol = %q, port_range_min = %d, port_range_max = %d, remote_cidr = %q", r.action, r.protocol, r.from, r.to, r.cidr)
	if r.about != "" {
		s += fmt.Sprintf(", description = %q", r.about)
	}
	return s + " },\n"
}

// check expects the rule in state, its description "" when left out.
func (r aclRule) check() knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"action":         knownvalue.StringExact(r.action),
		"protocol":       knownvalue.StringExact(r.protocol),
		"port_range_min": knownvalue.Int64Exact(int64(r.from)),
		"port_range_max": knownvalue.Int64Exact(int64(r.to)),
		"remote_cidr":    knownvalue.StringExact(r.cidr),
		"description":    knownvalue.StringExact(r.about),
	})
}

// hclACLRules renders a direction's rules as an HCL argument; nil leaves it out.
func hclACLRules(direction string, rules []aclRule) string {
	if rules == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  %s = [\n", direction)
	for _, r := range rules {
		b.WriteString(r.hcl())
	}
	b.WriteString("  ]\n")
	return b.String()
}

// aclRulesCheck expects exactly rules, in this order.
func aclRulesCheck(rules []aclRule) knownvalue.Check {
	checks := make([]knownvalue.Check, len(rules))
	for i, r := range rules {
		checks[i] = r.check()
	}
	return knownvalue.ListExact(checks)
}

// aclArgs renders an eni_network_acl "test" block in the VPC at vpc (an
// HCL expression).
type aclArgs struct {
	vpc, name, description string
	ingress, egress        []aclRule
}

func (a aclArgs) hcl() string {
	return fmt.Sprintf(`
resource "eni_network_acl" "test" {
  vpc_id      = %s
  name        = %q
  description = %q
%s%s}
`, a.vpc, a.name, a.description, hclACLRules("ingress", a.ingress), hclACLRules("egress", a.egress))
}

var (
	noSSH     = aclRule{"deny", "tcp", 22, 22, "0.0.0.0/0", "no ssh"}
	fromVPC   = aclRule{"allow", "any", 0, 65535, "10.0.0.0/8", ""}
	webIn     = aclRule{"allow", "tcp", 443, 443, "0.0.0.0/0", "web"}
	anyOut    = aclRule{"allow", "any", 0, 65535, "0.0.0.0/0", ""}
	repliesIn = aclRule{"allow", "tcp", 1024, 65535, "0.0.0.0/0", "replies"}
)

// expectACLRules checks a network ACL's rules in state and in the engine,
// both in the order given.
func (e *testEnv) expectACLRules(address string, ingress, egress []aclRule) []statecheck.StateCheck {
	engineRules := func(rules []aclRule) []engine.ACLRule {
		out := make([]engine.ACLRule, len(rules))
		for i, r := range rules {
			out[i] = engine.ACLRule{Action: r.action, Protocol: r.protocol, PortRangeMin: r.from, PortRangeMax: r.to, RemoteCIDR: r.cidr, Description: r.about}
		}
		return out
	}
	return []statecheck.StateCheck{
		expectValue(address, "ingress", aclRulesCheck(ingress)),
		expectValue(address, "egress", aclRulesCheck(egress)),
		expectInEngine("engine holds the rules in order", address, e.engine.GetNetworkACL, func(a engine.NetworkACLDetails) error {
			if fmt.Sprint(a.Ingress) != fmt.Sprint(engineRules(ingress)) || fmt.Sprint(a.Egress) != fmt.Sprint(engineRules(egress)) {
				return fmt.Errorf("engine has ingress %+v and egress %+v", a.Ingress, a.Egress)
			}
			return nil
		}),
	}
}

func TestAccNetworkACLResource(t *testing.T) {
	env := newTestEnv(t)
	const address = "eni_network_acl.test"
	cfg := func(a aclArgs) string { return env.config("", testAccSecurityGroupVPCs+a.hcl()) }
	first := aclArgs{vpc: "eni_vpc.test.id", name: "edge", description: "first",
		ingress: []aclRule{noSSH, fromVPC, webIn}, egress: []aclRule{anyOut}}
	reordered := first
	reordered.ingress = []aclRule{webIn, noSSH, fromVPC}
	renamed := reordered
	renamed.name, renamed.description = "edge-renamed", "second"
	changed := renamed
	changed.ingress, changed.egress = []aclRule{repliesIn}, []aclRule{anyOut, noSSH}
	emptied := renamed
	emptied.ingress, emptied.egress = nil, nil
	moved := changed
	moved.vpc = "eni_vpc.other.id"
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg(first),
				ConfigStateChecks: append([]statecheck.StateCheck{
					expectValue(address, "id", knownvalue.StringRegexp(regexp.MustCompile(`^acl-[0-9a-f]{16}$`))),
					statecheck.CompareValuePairs(address, tfjsonpath.New("vpc_id"), "eni_vpc.test", tfjsonpath.New("id"), compare.ValuesSame()),
					expectValue(address, "name", knownvalue.StringExact("edge")),
					expectValue(address, "description", knownvalue.StringExact("first")),
					expectValue(address, "tags", knownvalue.MapExact(map[string]knownvalue.Check{})),
				}, env.expectACLRules(address, first.ingress, first.egress)...),
			},
			// A refresh and plan of the same configuration changes nothing.
			{Config: cfg(first), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan())},
			// Order is priority: the same rules in another order are a change.
			changeStep(cfg(reordered), address, plancheck.ResourceActionUpdate, env.expectACLRules(address, reordered.ingress, reordered.egress)...),
			changeStep(cfg(renamed), address, plancheck.ResourceActionUpdate,
				expectValue(address, "name", knownvalue.StringExact("edge-renamed")),
				expectValue(address, "description", knownvalue.StringExact("second")),
			),
			importStep(address),
			changeStep(cfg(changed), address, plancheck.ResourceActionUpdate, env.expectACLRules(address, changed.ingress, changed.egress)...),
			// Leaving the rules out goes back to none, in place.
			changeStep(cfg(emptied), address, plancheck.ResourceActionUpdate, env.expectACLRules(address, nil, nil)...),
			{Config: cfg(emptied), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan())},
			changeStep(cfg(moved), address, plancheck.ResourceActionDestroyBeforeCreate,
				statecheck.CompareValuePairs(address, tfjsonpath.New("vpc_id"), "eni_vpc.other", tfjsonpath.New("id"), compare.ValuesSame()),
			),
			importStep(address),
		},
	})
}

func TestAccNetworkACLResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: disappearsSteps(
			env.config("", testAccVPC+aclArgs{vpc: "eni_vpc.test.id", name: "gone", ingress: []aclRule{noSSH}}.hcl()),
			"eni_network_acl.test",
			env.engine.DeleteNetworkACL,
		),
	})
}

// TestAccNetworkACLResource_invalidRules: every malformed rule is refused
// at plan (rule 21) with the engine's code; nothing is created. The CLIs
// show the resource for a diagnostic on a part of a rule, so the part at
// fault (ingress[2].port_range_max) is checked by
// TestNetworkACL_ruleRefusedOnThePartAtFault.
func TestAccNetworkACLResource_invalidRules(t *testing.T) {
	env := newTestEnv(t)
	refused := func(direction string, bad aclRule, message string) resource.TestStep {
		a := aclArgs{vpc: "eni_vpc.test.id", name: "edge", ingress: []aclRule{noSSH, fromVPC}, egress: []aclRule{anyOut}}
		if direction == "ingress" {
			a.ingress = append(a.ingress, bad)
		} else {
			a.egress = append(a.egress, bad)
		}
		return resource.TestStep{
			Config:      env.config("", testAccVPC+a.hcl()),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid network ACL rule.*` + codePattern(engine.CodeInvalidParameterValue) + `.*` + message),
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			refused("ingress", aclRule{"allow", "tcp", 443, 80, "0.0.0.0/0", ""}, `port\s+range\s+443-80\s+is\s+not\s+a\s+range\s+within\s+0-65535`),
			refused("egress", aclRule{"allow", "tcp", -1, 80, "0.0.0.0/0", ""}, `port\s+range\s+-1-80\s+is\s+not`),
			refused("ingress", aclRule{"allow", "tcp", 22, 22, "10.0.0.1/8", ""}, `has\s+host\s+bits\s+set;\s+its\s+network\s+is\s+10\.0\.0\.0/8`),
			refused("ingress", aclRule{"allow", "tcp", 22, 22, "everywhere", ""}, `is\s+not\s+an\s+IPv4\s+CIDR\s+block`),
			refused("egress", aclRule{"allow", "sctp", 22, 22, "0.0.0.0/0", ""}, `protocol\s+"sctp"\s+is\s+not\s+one\s+of\s+tcp,\s+udp,\s+icmp,\s+any`),
			refused("ingress", aclRule{"reject", "tcp", 22, 22, "0.0.0.0/0", ""}, `action\s+"reject"\s+is\s+not\s+one\s+of\s+allow,\s+deny`),
			refused("ingress", aclRule{"deny", "tcp", 22, 22, "0.0.0.0/0", strings.Repeat("x", engine.MaxDescriptionLength+1)}, `description`),
			{
				Config:      env.config("", aclArgs{vpc: `"vpc-0000000000000000"`, name: "orphan"}.hcl()),
				PlanOnly:    true,
				ExpectError: atAttr("vpc_id", codePattern(engine.CodeVpcNotFound)),
			},
			{
				Config:            env.config("", testAccVPC),
				ConfigStateChecks: []statecheck.StateCheck{expectNoNetworkACLs(env)},
			},
		},
	})
}

// expectNoNetworkACLs checks that the store holds no network ACL.
func expectNoNetworkACLs(env *testEnv) statecheck.StateCheck {
	return testAccEngineCheck{"refused plans created no network ACL", func(ctx context.Context, _ *tfjson.State) error {
		acls, err := env.engine.ListNetworkACLs(ctx, engine.NetworkACLFilter{})
		if err == nil && len(acls) != 0 {
			err = fmt.Errorf("store holds network ACLs %+v", acls)
		}
		return err
	}}
}

// testAccACLManyRules is n one-port TCP rules of each direction, written
// as HCL for expressions, the ports of egress counting down so that order
// shows.
func testAccACLManyRules(ingress, egress int) string {
	return fmt.Sprintf(`
resource "eni_network_acl" "test" {
  vpc_id  = eni_vpc.test.id
  name    = "many"
  ingress = [for p in range(%d) : { action = "allow", protocol = "tcp", port_range_min = 1000 + p, port_range_max = 1000 + p, remote_cidr = "10.0.0.0/8" }]
  egress  = [for p in range(%d) : { action = "deny", protocol = "udp", port_range_min = 9000 - p, port_range_max = 9000 - p, remote_cidr = "0.0.0.0/0" }]
}
`, ingress, egress)
}

// TestAccNetworkACLResource_ruleLimit: an ACL holds 100 rules of each
// direction in their order; a 101st is refused at plan on itself, on
// creation and on update, and the refused update leaves the ACL as it was.
func TestAccNetworkACLResource_ruleLimit(t *testing.T) {
	env := newTestEnv(t)
	cfg := func(ingress, egress int) string {
		return env.config("", testAccVPC+testAccACLManyRules(ingress, egress))
	}
	limit := engine.MaxACLRulesPerDirection
	tooMany := func(direction string) *regexp.Regexp {
		return regexp.MustCompile(`(?s)Too many network ACL rules.*` + codePattern(engine.CodeNetworkACLEntryLimitExceeded) +
			`.*101\s+` + direction + `\s+rules\s+were\s+given;\s+a\s+network\s+ACL\s+takes\s+at\s+most\s+100\s+of\s+each\s+direction`)
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: cfg(limit+1, 0), ExpectError: tooMany("ingress")},
			{
				Config: cfg(limit, limit),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("eni_network_acl.test", "ingress", knownvalue.ListSizeExact(limit)),
					statecheck.ExpectKnownValue("eni_network_acl.test", tfjsonpath.New("egress").AtSliceIndex(0).AtMapKey("port_range_min"), knownvalue.Int64Exact(9000)),
					statecheck.ExpectKnownValue("eni_network_acl.test", tfjsonpath.New("egress").AtSliceIndex(limit-1).AtMapKey("port_range_min"), knownvalue.Int64Exact(int64(9000-limit+1))),
				},
			},
			{Config: cfg(limit, limit+1), ExpectError: tooMany("egress")},
			{Config: cfg(limit, limit), PlanOnly: true},
		},
	})
}
