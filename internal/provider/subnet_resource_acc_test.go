package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
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

// testAccSubnetIDs lists the IDs of the subnets the store holds in a VPC.
func (e *testEnv) testAccSubnetIDs(ctx context.Context, vpcID string) ([]string, error) {
	st, err := sharedStore(ctx, e.store)
	if err != nil {
		return nil, err
	}
	var ids []string
	err = st.View(ctx, func(tx engine.Tx) error {
		subnets, err := tx.ListSubnets(vpcID)
		for _, s := range subnets {
			ids = append(ids, s.ID)
		}
		return err
	})
	slices.Sort(ids)
	return ids, err
}

func testAccSubnetResourceConfig(name, description, cidr, zone, gateway string) string {
	gw := ""
	if gateway != "" {
		gw = fmt.Sprintf("  gateway_ip        = %q\n", gateway)
	}
	return testAccVPC + fmt.Sprintf(`
resource "eni_subnet" "test" {
  vpc_id            = eni_vpc.test.id
  name              = %q
  description       = %q
  cidr              = %q
  availability_zone = %q
%s}
`, name, description, cidr, zone, gw)
}

func TestAccSubnetResource(t *testing.T) {
	env := newTestEnv(t)
	subnetID := regexp.MustCompile(`^subnet-[0-9a-f]{16}$`)
	// subnet configures eni_subnet.test with these arguments.
	subnet := func(name, description, cidr, zone, gateway string) string {
		return env.config("", testAccSubnetResourceConfig(name, description, cidr, zone, gateway))
	}
	// has checks that eni_subnet.test holds value in attr.
	has := func(attr, value string) statecheck.StateCheck {
		return expectValue("eni_subnet.test", attr, knownvalue.StringExact(value))
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: subnet("app", "first", "10.0.1.0/24", "local-1a", ""),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction("eni_subnet.test", plancheck.ResourceActionCreate),
					// The default gateway is known at plan time.
					plancheck.ExpectKnownValue("eni_subnet.test", tfjsonpath.New("gateway_ip"), knownvalue.StringExact("10.0.1.1")),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("eni_subnet.test", "id", knownvalue.StringRegexp(subnetID)),
					statecheck.CompareValuePairs("eni_subnet.test", tfjsonpath.New("vpc_id"), "eni_vpc.test", tfjsonpath.New("id"), compare.ValuesSame()),
					has("name", "app"),
					has("description", "first"),
					has("cidr", "10.0.1.0/24"),
					has("availability_zone", "local-1a"),
					has("gateway_ip", "10.0.1.1"),
				},
			},
			changeStep(subnet("app-renamed", "first", "10.0.1.0/24", "local-1a", ""), "eni_subnet.test", plancheck.ResourceActionUpdate, has("name", "app-renamed")),
			changeStep(subnet("app-renamed", "second", "10.0.1.0/24", "local-1a", ""),
				"eni_subnet.test", plancheck.ResourceActionUpdate,
				has("description", "second"),
				expectInEngine("engine holds the renamed subnet", "eni_subnet.test", env.engine.GetSubnet, func(d engine.SubnetDetails) error {
					if d.Name != "app-renamed" || d.Description != "second" {
						return fmt.Errorf("engine has name %q, description %q", d.Name, d.Description)
					}
					return nil
				}),
			),
			importStep("eni_subnet.test"),
			{
				// A new CIDR replaces the subnet, and the default gateway follows it.
				Config: subnet("app-renamed", "second", "10.0.2.0/24", "local-1a", ""),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction("eni_subnet.test", plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue("eni_subnet.test", tfjsonpath.New("gateway_ip"), knownvalue.StringExact("10.0.2.1")),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					has("cidr", "10.0.2.0/24"),
					has("gateway_ip", "10.0.2.1"),
				},
			},
			// Moving the same CIDR to another zone overlaps only the
			// subnet being replaced, which the plan-time check must allow.
			changeStep(subnet("app-renamed", "second", "10.0.2.0/24", "local-1b", ""), "eni_subnet.test", plancheck.ResourceActionDestroyBeforeCreate, has("availability_zone", "local-1b")),
			changeStep(subnet("app-renamed", "second", "10.0.2.0/24", "local-1b", "10.0.2.254"), "eni_subnet.test", plancheck.ResourceActionDestroyBeforeCreate, has("gateway_ip", "10.0.2.254")),
			importStep("eni_subnet.test"),
		},
	})
}

func TestAccSubnetResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: disappearsSteps(
			env.config("", testAccSubnetResourceConfig("gone", "", "10.0.1.0/24", "local-1a", "")),
			"eni_subnet.test",
			env.engine.DeleteSubnet,
			plancheck.ExpectResourceAction("eni_vpc.test", plancheck.ResourceActionNoop),
		),
	})
}

func testAccSubnetReplaceTriggeredConfig(trigger string) string {
	return testAccVPC + fmt.Sprintf(`
resource "terraform_data" "trigger" {
  input = %q
}

resource "eni_subnet" "test" {
  vpc_id            = eni_vpc.test.id
  name              = "app"
  cidr              = "10.0.1.0/24"
  availability_zone = "local-1a"

  lifecycle {
    replace_triggered_by = [terraform_data.trigger]
  }
}
`, trigger)
}

// TestAccSubnetResource_forcedReplace replaces a subnet without changing any
// of its arguments (as -replace does): the new subnet has the very CIDR of
// the one it replaces, which the plan-time overlap check must not count.
func TestAccSubnetResource_forcedReplace(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccSubnetReplaceTriggeredConfig("one")),
			},
			changeStep(env.config("", testAccSubnetReplaceTriggeredConfig("two")),
				"eni_subnet.test", plancheck.ResourceActionDestroyBeforeCreate,
				expectValue("eni_subnet.test", "cidr", knownvalue.StringExact("10.0.1.0/24")),
				env.testAccExpectOnlySubnet(),
			),
		},
	})
}

func testAccSubnetSecondConfig(cidr, zone, gateway string) string {
	gw := ""
	if gateway != "" {
		gw = fmt.Sprintf("  gateway_ip        = %q\n", gateway)
	}
	return testAccSubnetResourceConfig("first", "", "10.0.1.0/24", "local-1a", "") + fmt.Sprintf(`
resource "eni_subnet" "second" {
  vpc_id            = eni_vpc.test.id
  name              = "second"
  cidr              = %q
  availability_zone = %q
%s}
`, cidr, zone, gw)
}

// testAccExpectOnlySubnet asserts that the VPC in state holds exactly the
// subnet eni_subnet.test, nothing a refused plan or apply left behind.
func (e *testEnv) testAccExpectOnlySubnet() statecheck.StateCheck {
	return testAccEngineCheck{"engine still holds only the first subnet", func(ctx context.Context, state *tfjson.State) error {
		vpcID, err := testAccStateID(state, "eni_vpc.test")
		if err != nil {
			return err
		}
		subnetID, err := testAccStateID(state, "eni_subnet.test")
		if err != nil {
			return err
		}
		ids, err := e.testAccSubnetIDs(ctx, vpcID)
		if err != nil {
			return err
		}
		if !slices.Equal(ids, []string{subnetID}) {
			return fmt.Errorf("VPC %s holds subnets %v, want [%s]", vpcID, ids, subnetID)
		}
		return e.engine.Check(ctx)
	}}
}

// onlyFirstSubnetStep follows refused steps: the first subnet is all they
// left, in state and in the engine.
func (e *testEnv) onlyFirstSubnetStep() resource.TestStep {
	return resource.TestStep{
		Config:            e.config("", testAccSubnetResourceConfig("first", "", "10.0.1.0/24", "local-1a", "")),
		ConfigPlanChecks:  preApply(plancheck.ExpectEmptyPlan()),
		ConfigStateChecks: []statecheck.StateCheck{e.testAccExpectOnlySubnet()},
	}
}

// TestAccSubnetResource_rules covers every subnet rule, each refused at plan
// time on the argument at fault, leaving the engine as it was.
func TestAccSubnetResource_rules(t *testing.T) {
	env := newTestEnv(t)
	// refusedSecond is the step in which a second subnet of cidr, zone and
	// gateway is refused with message, at plan when planOnly.
	refusedSecond := func(planOnly bool, cidr, zone, gateway, message string) resource.TestStep {
		return resource.TestStep{
			Config:      env.config("", testAccSubnetSecondConfig(cidr, zone, gateway)),
			PlanOnly:    planOnly,
			ExpectError: regexp.MustCompile(message),
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				// With the VPC still to be created only the gateway can be judged.
				Config:      env.config("", testAccSubnetResourceConfig("early", "", "10.0.1.0/24", "local-1a", "10.0.2.1")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)gateway_ip += "10\.0\.2\.1".*InvalidParameterValue\] gateway IP 10\.0\.2\.1 is not a host address`),
			},
			{
				Config: env.config("", testAccVPC),
				ConfigStateChecks: []statecheck.StateCheck{
					testAccEngineCheck{"the refused plan created nothing", func(ctx context.Context, _ *tfjson.State) error {
						if n, err := env.testAccVPCCount(ctx); err != nil || n != 1 {
							return fmt.Errorf("store holds %d VPCs (%v), want only this step's", n, err)
						}
						return nil
					}},
				},
			},
			{
				Config: env.config("", testAccSubnetResourceConfig("first", "", "10.0.1.0/24", "local-1a", "")),
			},
			refusedSecond(true, "192.168.0.0/24", "local-1a", "", `(?s)cidr += "192\.168\.0\.0/24".*InvalidSubnet\.Range`),
			refusedSecond(true, "10.0.1.128/25", "local-1b", "", `(?s)cidr += "10\.0\.1\.128/25".*InvalidSubnet\.Conflict`),
			refusedSecond(true, "10.0.0.0/16", "local-1a", "", `InvalidSubnet\.Conflict`),
			refusedSecond(true, "10.0.2.0/24", "local-1a", "10.0.3.1", `(?s)gateway_ip += "10\.0\.3\.1".*InvalidParameterValue\] gateway IP 10\.0\.3\.1 is not a host address`),
			// The broadcast address is not a host address either.
			refusedSecond(true, "10.0.2.0/24", "local-1a", "10.0.2.255", `InvalidParameterValue\] gateway IP 10\.0\.2\.255`),
			refusedSecond(false, "10.0.2.0/24", "local-1z", "", `InvalidParameterValue(.|\n)*availability\s+zone\s+"local-1z"\s+does\s+not\s+exist\s+in\s+region\s+local-1`),
			refusedSecond(false, "10.0.2.0/33", "local-1a", "", `not an IPv4 CIDR block`),
			refusedSecond(false, "10.0.2.0/24", "local-1a", "10.0.2", `is not an IPv4 address`),
			env.onlyFirstSubnetStep(),
		},
	})
}

// TestAccSubnetResource_conflictAtApply plans two overlapping subnets that
// the plan cannot judge against each other: the engine refuses the second at
// apply and keeps the first.
func TestAccSubnetResource_conflictAtApply(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccVPC),
			},
			{
				Config: env.config("", testAccSubnetResourceConfig("first", "", "10.0.1.0/24", "local-1a", "")+`
resource "eni_subnet" "second" {
  vpc_id            = eni_vpc.test.id
  name              = "second"
  cidr              = "10.0.1.0/25"
  availability_zone = "local-1a"
  depends_on        = [eni_subnet.test]
}
`),
				ExpectError: regexp.MustCompile(`InvalidSubnet\.Conflict`),
			},
			env.onlyFirstSubnetStep(),
		},
	})
}

// TestAccSubnetResource_vpcInUse removes a VPC from the configuration while a
// subnet made outside Terraform still uses it (rule 11).
func TestAccSubnetResource_vpcInUse(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: env.vpcInUseSteps(vpcInUse{
			with:    testAccSubnetResourceConfig("managed", "", "10.0.1.0/24", "local-1a", ""),
			managed: "eni_subnet.test",
			what:    "subnet",
			makeBlocker: func(ctx context.Context, vpcID string) (string, error) {
				s, err := env.engine.CreateSubnet(ctx, engine.SubnetInput{
					VPCID: vpcID, Name: "outside", CIDR: "10.0.9.0/24", AvailabilityZone: "local-1c",
				})
				return s.ID, err
			},
			blockerKept: func(ctx context.Context, vpcID, blockerID string) error {
				ids, err := env.testAccSubnetIDs(ctx, vpcID)
				if err != nil {
					return err
				}
				if !slices.Equal(ids, []string{blockerID}) {
					return fmt.Errorf("VPC %s holds subnets %v, want only the blocker %s", vpcID, ids, blockerID)
				}
				return nil
			},
			get: lookup(env.engine.GetSubnet),
			del: env.engine.DeleteSubnet,
		}),
	})
}

// TestAccSubnetResource_inUse destroys a subnet that a network interface made
// outside Terraform still uses (rule 11).
func TestAccSubnetResource_inUse(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: env.nicInUseSteps(nicInUse{
			with:    testAccSubnetResourceConfig("busy", "", "10.0.1.0/24", "local-1a", ""),
			without: testAccVPC,
			managed: "eni_subnet.test",
			what:    "subnet",
			nic: func(subnetID, _ string) engine.NetworkInterfaceInput {
				return engine.NetworkInterfaceInput{SubnetID: subnetID, Name: "outside"}
			},
			get: lookup(env.engine.GetSubnet),
			uses: func(n engine.NetworkInterface, subnetID string) error {
				if n.SubnetID != subnetID {
					return fmt.Errorf("NIC %s is in subnet %s, want %s", n.ID, n.SubnetID, subnetID)
				}
				return nil
			},
		}),
	})
}
