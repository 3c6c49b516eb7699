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

// expectPrimaryGroups reports when a server's primary NIC does not hold exactly groups.
func (f *computeFixture) expectPrimaryGroups(s *terraform.State, address string, groups ...string) error {
	id, err := idOf(s, address)
	if err != nil {
		return err
	}
	d, err := f.env.engine.GetServer(context.Background(), id)
	if err != nil {
		return err
	}
	return f.expectGroups(d.PrimaryNetworkInterfaceID, groups...)
}

func TestAccServerResource(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	const addr = "eni_server.test"
	base := serverArgs{Subnet: f.subnet.ID, Groups: []string{f.sg(0)}}
	renamed := base
	renamed.Name = "web-renamed"
	resized := renamed
	resized.Flavor = "c7.4xlarge.2"
	regrouped := resized
	regrouped.Groups = []string{f.sg(0), f.sg(1)}
	ungrouped := resized
	ungrouped.Groups = []string{}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", base.hcl()),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("max_network_interfaces"), knownvalue.Int64Exact(3)),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("kind"), knownvalue.StringExact("ecs")),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "id", knownvalue.StringRegexp(regexp.MustCompile(`^srv-[0-9a-f]{16}$`))),
					expectValue(addr, "kind", knownvalue.StringExact("ecs")),
					expectValue(addr, "vpc_id", knownvalue.StringExact(f.vpc.ID)),
					expectValue(addr, "primary_network_interface_id", knownvalue.StringRegexp(regexp.MustCompile(`^eni-[0-9a-f]{16}$`))),
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.2")),
					expectValue(addr, "max_network_interfaces", knownvalue.Int64Exact(3)),
					expectValue(addr, "security_group_ids", knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(f.sg(0))})),
				},
				Check: func(s *terraform.State) error { return f.expectPrimaryGroups(s, addr, f.sg(0)) },
			},
			{
				Config:           env.config("", renamed.hcl()),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "name", knownvalue.StringExact("web-renamed")),
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.2")),
				},
			},
			{
				// A resize is an update in place whose plan already shows the new limit.
				Config: env.config("", resized.hcl()),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("max_network_interfaces"), knownvalue.Int64Exact(6)),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "flavor", knownvalue.StringExact("c7.4xlarge.2")),
					expectValue(addr, "max_network_interfaces", knownvalue.Int64Exact(6)),
				},
			},
			{
				Config:           env.config("", regrouped.hcl()),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "security_group_ids", knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact(f.sg(0)), knownvalue.StringExact(f.sg(1)),
					})),
				},
				Check: func(s *terraform.State) error { return f.expectPrimaryGroups(s, addr, f.sg(0), f.sg(1)) },
			},
			{
				Config:           env.config("", ungrouped.hcl()),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "security_group_ids", knownvalue.SetExact([]knownvalue.Check{})),
				},
				Check: func(s *terraform.State) error { return f.expectPrimaryGroups(s, addr) },
			},
			importStep(addr),
		},
	})
}

// A kind change replaces the server; a requested address held by the
// server being replaced is not "taken" for its replacement.
func TestAccServerResource_kindAndPrivateIP(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	const addr = "eni_server.test"
	bms := serverArgs{Subnet: f.subnet.ID, Kind: "bms", Flavor: "physical.s4.large", PrivateIP: "10.0.1.50"}
	ecs := serverArgs{Subnet: f.subnet.ID, Kind: "ecs", Flavor: "c7.large.2", PrivateIP: "10.0.1.50"}
	moved := ecs
	moved.PrivateIP = "10.0.1.51"
	replace := expectAction(addr, plancheck.ResourceActionDestroyBeforeCreate)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", bms.hcl()),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "kind", knownvalue.StringExact("bms")),
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.50")),
					expectValue(addr, "max_network_interfaces", knownvalue.Int64Exact(2)),
					expectValue(addr, "security_group_ids", knownvalue.SetExact([]knownvalue.Check{})),
				},
			},
			{
				Config:           env.config("", ecs.hcl()),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "kind", knownvalue.StringExact("ecs")),
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.50")),
					expectValue(addr, "max_network_interfaces", knownvalue.Int64Exact(3)),
				},
			},
			{
				Config:           env.config("", moved.hcl()),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.51")),
				},
				Check: func(*terraform.State) error {
					f.expectNICsIn(f.subnet.ID, 1) // the replaced server's primary NIC went with it
					return env.checkInvariants(nil)
				},
			},
			importStep(addr),
		},
	})
}

func TestAccServerResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	cfg := env.config("", serverArgs{Subnet: f.subnet.ID}.hcl())
	env.test(resource.TestCase{
		Steps: disappearsSteps(cfg, "eni_server.test", env.engine.DeleteServer),
	})
}

// Flavor rules are judged at validate time, before anything is planned.
func TestAccServerResource_flavorRules(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      env.config("", serverArgs{Subnet: f.subnet.ID, Flavor: "c7.huge.9"}.hcl()),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`flavor\s+"c7.huge.9"\s+does\s+not\s+exist`),
			},
			{
				Config:      env.config("", serverArgs{Subnet: f.subnet.ID, Flavor: "physical.s4.large"}.hcl()),
				PlanOnly:    true,
				ExpectError: atAttr("flavor", `\[InvalidParameterValue\].*is\s+of\s+kind\s+bms.*server\s+of\s+kind\s+ecs`),
			},
			{
				PreConfig:   func() { f.expectNICsIn(f.subnet.ID, 0) },
				Config:      env.config("", serverArgs{Subnet: f.subnet.ID, Kind: "bms", Flavor: "c7.large.2"}.hcl()),
				PlanOnly:    true,
				ExpectError: atAttr("flavor", `\[InvalidParameterValue\].*is\s+of\s+kind\s+ecs.*server\s+of\s+kind\s+bms`),
			},
			{
				PreConfig:   func() { f.expectNICsIn(f.subnet.ID, 0) },
				Config:      env.config("", serverArgs{Subnet: f.subnet.ID, Kind: "vm"}.hcl()),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`value\s+must\s+be\s+one\s+of`),
			},
		},
	})
}

// A resize below the NICs attached is refused at plan, on flavor, and
// deleting the server detaches its extension NICs, which keep IP and MAC.
func TestAccServerResource_resizeBelowAttached(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	const addr = "eni_server.test"
	extra := []engine.NetworkInterface{f.nic(f.subnet.ID, ""), f.nic(f.subnet.ID, "")}
	base := serverArgs{Subnet: f.subnet.ID, Flavor: "c7.large.2"}
	shrunk := base
	shrunk.Flavor = "s6.large.2"
	grown := base
	grown.Flavor = "c7.2xlarge.2"
	env.test(resource.TestCase{
		CheckDestroy: func(s *terraform.State) error {
			if err := env.checkDestroyed(s); err != nil {
				return err
			}
			// Rule 13: the extension NICs outlive the server, available, with their address and MAC.
			for _, want := range extra {
				got, err := env.engine.GetNetworkInterface(context.Background(), want.ID)
				if err != nil {
					return fmt.Errorf("extension NIC %s did not survive its server: %w", want.ID, err)
				}
				if got.Status() != engine.StatusAvailable || got.ServerID != "" || got.PrivateIP != want.PrivateIP || got.MACAddress != want.MACAddress {
					return fmt.Errorf("after its server was deleted NIC %s is %s on %q with %s/%s, want available with %s/%s",
						got.ID, got.Status(), got.ServerID, got.PrivateIP, got.MACAddress, want.PrivateIP, want.MACAddress)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: env.config("", base.hcl()),
				Check: func(s *terraform.State) error {
					id, err := idOf(s, addr)
					if err != nil {
						return err
					}
					for i, n := range extra {
						if err := f.attach(n.ID, id, i+1); err != nil {
							return err
						}
					}
					return nil
				},
			},
			{
				Config:      env.config("", shrunk.hcl()),
				ExpectError: atAttr("flavor", `\[AttachmentLimitExceeded\].*flavor\s+s6.large.2\s+takes\s+at\s+most\s+2`),
			},
			{
				// The refused resize left the server as it was.
				Config:           env.config("", base.hcl()),
				ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "flavor", knownvalue.StringExact("c7.large.2")),
					expectValue(addr, "max_network_interfaces", knownvalue.Int64Exact(3)),
				},
			},
			{
				Config: env.config("", grown.hcl()),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("max_network_interfaces"), knownvalue.Int64Exact(4)),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "max_network_interfaces", knownvalue.Int64Exact(4)),
				},
				Check: env.checkInvariants,
			},
		},
	})
}

func TestAccServerResource_zoneMismatch(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	env.test(resource.TestCase{
		CheckDestroy: func(s *terraform.State) error {
			f.expectNICsIn(f.subnet.ID, 0)
			return env.checkDestroyed(s)
		},
		Steps: []resource.TestStep{
			{
				Config:      env.config("", serverArgs{Subnet: f.subnet.ID, Zone: "local-1b"}.hcl()),
				ExpectError: atAttr("availability_zone", `\[AvailabilityZoneMismatch\].*local-1a`),
			},
			{
				Config:      env.config("", serverArgs{Subnet: f.subnet.ID, Zone: "local-9z"}.hcl()),
				ExpectError: regexp.MustCompile(`does\s+not\s+exist\s+in\s+region`),
			},
			{
				Config:      env.config("", serverArgs{Subnet: "subnet-0000000000000000"}.hcl()),
				ExpectError: atAttr("subnet_id", codePattern(engine.CodeSubnetNotFound)),
			},
		},
	})
}

func TestAccServerResource_privateIPRules(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	config := func(subnetID, ip string) string {
		return env.config("", serverArgs{Subnet: subnetID, PrivateIP: ip}.hcl())
	}
	env.test(resource.TestCase{
		Steps: append(f.privateIPRuleSteps(config), resource.TestStep{
			PreConfig: f.expectSeededOnly,
			Config:    config(f.subnet.ID, "10.0.1.20"),
			ConfigStateChecks: []statecheck.StateCheck{
				expectValue("eni_server.test", "private_ip", knownvalue.StringExact("10.0.1.20")),
			},
		}),
	})
}

func TestAccServerResource_securityGroupRules(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	const addr = "eni_server.test"
	withGroups := func(ids ...string) string {
		return env.config("", serverArgs{Subnet: f.subnet.ID, Groups: append([]string{}, ids...)}.hcl())
	}
	expectKept := func(s *terraform.State) error { return f.expectPrimaryGroups(s, addr, f.sg(0)) }
	env.test(resource.TestCase{
		Steps: append(f.securityGroupRuleSteps(withGroups, expectKept),
			resource.TestStep{
				Config:           withGroups(f.sg(0)),
				ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()),
				Check:            expectKept,
			},
			resource.TestStep{
				Config:           withGroups(f.sgs(5)...),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				Check: func(s *terraform.State) error {
					return f.expectPrimaryGroups(s, addr, f.sgs(5)...)
				},
			},
		),
	})
}

func testAccServerNetworkConfig(extraGroup bool) string {
	groups := "[eni_security_group.web.id]"
	extra := ""
	if extraGroup {
		groups = "[eni_security_group.web.id, eni_security_group.extra.id]"
		extra = `
resource "eni_security_group" "extra" {
  vpc_id = eni_vpc.net.id
  name   = "extra"
}
`
	}
	return `
resource "eni_vpc" "net" {
  name = "net"
  cidr = "10.20.0.0/16"
}
` + hclSubnet("a", "eni_vpc.net.id", "10.20.1.0/24", "local-1a") + `
resource "eni_security_group" "web" {
  vpc_id = eni_vpc.net.id
  name   = "web"
}
` + extra + `
resource "eni_server" "test" {
  name               = "web"
  flavor             = "c7.large.2"
  availability_zone  = eni_subnet.a.availability_zone
  subnet_id          = eni_subnet.a.id
  security_group_ids = ` + groups + `
}

resource "eni_network_interface" "test" {
  name               = "data"
  subnet_id          = eni_subnet.a.id
  security_group_ids = ` + groups + `
}
`
}

// Everything in one configuration: IDs unknown at plan time skip the plan
// checks they feed, and the engine still judges them at apply.
func TestAccServerResource_wholeNetworkInHCL(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccServerNetworkConfig(false)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("eni_server.test", tfjsonpath.New("vpc_id"), "eni_vpc.net", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("eni_network_interface.test", tfjsonpath.New("vpc_id"), "eni_vpc.net", tfjsonpath.New("id"), compare.ValuesSame()),
					// Created in parallel, they share the subnet's first two addresses.
					expectValue("eni_server.test", "private_ip", knownvalue.StringRegexp(regexp.MustCompile(`^10\.20\.1\.[23]$`))),
					expectValue("eni_network_interface.test", "private_ip", knownvalue.StringRegexp(regexp.MustCompile(`^10\.20\.1\.[23]$`))),
					statecheck.CompareValuePairs("eni_server.test", tfjsonpath.New("private_ip"), "eni_network_interface.test", tfjsonpath.New("private_ip"), compare.ValuesDiffer()),
				},
			},
			{
				Config: env.config("", testAccServerNetworkConfig(true)),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction("eni_server.test", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("eni_network_interface.test", plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue("eni_network_interface.test", tfjsonpath.New("status")),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("eni_server.test", "security_group_ids", knownvalue.SetSizeExact(2)),
					expectValue("eni_network_interface.test", "security_group_ids", knownvalue.SetSizeExact(2)),
					expectValue("eni_network_interface.test", "status", knownvalue.StringExact("available")),
				},
				Check: env.checkInvariants,
			},
		},
	})
}

// TestAccServerResource_sourceDestCheck turns the primary NIC's check off
// so that a route may send traffic through the server (a NAT or firewall
// instance), and refuses at plan turning it on again under such a route
// (rule 19).
func TestAccServerResource_sourceDestCheck(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	const addr = "eni_server.test"
	forwarding := serverArgs{Subnet: f.subnet.ID, SourceDestCheck: "false"}
	checking := forwarding
	checking.SourceDestCheck = "true"
	primaryCheck := func(want bool) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id, err := idOf(s, addr)
			if err != nil {
				return err
			}
			d, err := env.engine.GetServer(context.Background(), id)
			if err != nil {
				return err
			}
			n, err := env.engine.GetNetworkInterface(context.Background(), d.PrimaryNetworkInterfaceID)
			if err != nil || n.SourceDestCheck != want {
				return fmt.Errorf("primary network interface %s: check %v (%v), want %v", d.PrimaryNetworkInterfaceID, n.SourceDestCheck, err, want)
			}
			return nil
		}
	}
	var primaryID string
	table := f.vpc.DefaultRouteTableID
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            env.config("", forwarding.hcl()),
				ConfigStateChecks: []statecheck.StateCheck{expectValue(addr, "source_dest_check", knownvalue.Bool(false))},
				Check: resource.ComposeTestCheckFunc(primaryCheck(false), func(s *terraform.State) error {
					primaryID = s.RootModule().Resources[addr].Primary.Attributes["primary_network_interface_id"]
					return nil
				}),
			},
			{
				// A route made outside this configuration now sends traffic
				// through the server.
				PreConfig: func() {
					if _, err := env.engine.CreateRoute(context.Background(), engine.RouteInput{RouteTableID: table, DestinationCIDR: "0.0.0.0/0",
						NextHopType: engine.NextHopNetworkInterface, NextHopID: primaryID}); err != nil {
						t.Fatal(err)
					}
				},
				Config:      env.config("", checking.hcl()),
				ExpectError: atAttr("source_dest_check", codePattern(engine.CodeSourceDestCheckEnabled)+`(?s).*route 0\.0\.0\.0/0`),
			},
			{
				PreConfig: func() {
					if err := env.engine.DeleteRoute(context.Background(), table, "0.0.0.0/0"); err != nil {
						t.Fatal(err)
					}
				},
				Config:            env.config("", checking.hcl()),
				ConfigPlanChecks:  expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{expectValue(addr, "source_dest_check", knownvalue.Bool(true))},
				Check:             primaryCheck(true),
			},
			importStep(addr),
		},
	})
}
