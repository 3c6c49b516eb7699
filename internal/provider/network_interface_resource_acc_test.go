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
)

// expectNICGroups reports when a NIC in state does not hold exactly groups in the engine.
func (f *computeFixture) expectNICGroups(s *terraform.State, address string, groups ...string) error {
	id, err := idOf(s, address)
	if err != nil {
		return err
	}
	return f.expectGroups(id, groups...)
}

// sameAs checks a string attribute against a value captured while the test runs.
func sameAs(captured *string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		if v != *captured {
			return fmt.Errorf("got %q, want %q", v, *captured)
		}
		return nil
	})
}

func TestAccNetworkInterfaceResource(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	srv := f.server("host", "c7.large.2") // takes 10.0.1.2
	const addr = "eni_network_interface.test"
	base := nicArgs{Subnet: f.subnet.ID, Description: "first", Groups: []string{f.sg(0)}}
	renamed := base
	renamed.Name, renamed.Description = "data-renamed", "second"
	regrouped := renamed
	regrouped.Groups = []string{f.sg(1), f.sg(2)}
	var nicID, mac string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", base.hcl()),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "id", knownvalue.StringRegexp(regexp.MustCompile(`^eni-[0-9a-f]{16}$`))),
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.3")),
					expectValue(addr, "mac_address", knownvalue.StringRegexp(regexp.MustCompile(`^fa:16:3e(:[0-9a-f]{2}){3}$`))),
					expectValue(addr, "vpc_id", knownvalue.StringExact(f.vpc.ID)),
					expectValue(addr, "availability_zone", knownvalue.StringExact("local-1a")),
					expectValue(addr, "description", knownvalue.StringExact("first")),
					expectValue(addr, "status", knownvalue.StringExact("available")),
					expectValue(addr, "server_id", knownvalue.Null()),
					expectValue(addr, "device_index", knownvalue.Null()),
					expectValue(addr, "security_group_ids", knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(f.sg(0))})),
				},
				Check: func(s *terraform.State) error {
					nicID = s.RootModule().Resources[addr].Primary.ID
					mac = s.RootModule().Resources[addr].Primary.Attributes["mac_address"]
					return f.expectNICGroups(s, addr, f.sg(0))
				},
			},
			{
				Config:           env.config("", renamed.hcl()),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "name", knownvalue.StringExact("data-renamed")),
					expectValue(addr, "description", knownvalue.StringExact("second")),
					expectValue(addr, "mac_address", sameAs(&mac)),
				},
			},
			{
				Config:           env.config("", regrouped.hcl()),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "security_group_ids", knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact(f.sg(1)), knownvalue.StringExact(f.sg(2)),
					})),
				},
				Check: func(s *terraform.State) error { return f.expectNICGroups(s, addr, f.sg(1), f.sg(2)) },
			},
			importStep(addr),
			{
				// An attachment made elsewhere is picked up by refresh and is no diff.
				PreConfig: func() {
					if err := f.attach(nicID, srv.ID, 1); err != nil {
						t.Errorf("attaching: %v", err)
					}
				},
				Config:           env.config("", regrouped.hcl()),
				ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "status", knownvalue.StringExact("in-use")),
					expectValue(addr, "server_id", knownvalue.StringExact(srv.ID)),
					expectValue(addr, "device_index", knownvalue.Int64Exact(1)),
				},
			},
			{
				// A change while attached leaves the attachment alone.
				Config:           env.config("", renamed.hcl()),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "status", knownvalue.StringExact("in-use")),
					expectValue(addr, "device_index", knownvalue.Int64Exact(1)),
				},
			},
			{
				// Deleting an attached NIC is refused and leaves it attached.
				Config:      env.config("", ""),
				ExpectError: regexp.MustCompile(`(?s)Cannot delete network interface.*\[InvalidNetworkInterface\.InUse\].*` + srv.ID),
			},
			{
				// Rule 13: deleting the server detaches the NIC, which keeps its address and MAC.
				PreConfig: func() {
					n, err := env.engine.GetNetworkInterface(context.Background(), nicID)
					if err != nil || n.ServerID != srv.ID {
						t.Errorf("after the refused delete the NIC is %+v (%v), want it still on %s", n, err, srv.ID)
					}
					if err := env.engine.DeleteServer(context.Background(), srv.ID); err != nil {
						t.Errorf("deleting the server: %v", err)
					}
				},
				Config:           env.config("", renamed.hcl()),
				ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "status", knownvalue.StringExact("available")),
					expectValue(addr, "server_id", knownvalue.Null()),
					expectValue(addr, "device_index", knownvalue.Null()),
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.3")),
					expectValue(addr, "mac_address", sameAs(&mac)),
				},
				Check: env.checkInvariants,
			},
		},
	})
}

func TestAccNetworkInterfaceResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	cfg := env.config("", nicArgs{Subnet: f.subnet.ID}.hcl())
	env.test(resource.TestCase{
		Steps: disappearsSteps(cfg, "eni_network_interface.test", env.engine.DeleteNetworkInterface),
	})
}

func TestAccNetworkInterfaceResource_privateIP(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	const addr = "eni_network_interface.test"
	config := func(subnetID, ip string) string {
		return env.config("", nicArgs{Subnet: subnetID, PrivateIP: ip}.hcl())
	}
	replace := expectAction(addr, plancheck.ResourceActionDestroyBeforeCreate)
	env.test(resource.TestCase{
		Steps: append(f.privateIPRuleSteps(config),
			resource.TestStep{
				PreConfig: f.expectSeededOnly,
				Config:    config(f.subnet.ID, "10.0.1.30"),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.30")),
				},
			},
			resource.TestStep{
				Config:           config(f.subnet.ID, "10.0.1.31"),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.31")),
				},
			},
			resource.TestStep{
				// Another subnet replaces the NIC; its zone follows the subnet.
				Config:           config(f.subnetB.ID, ""),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "availability_zone", knownvalue.StringExact("local-1b")),
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.2.2")),
				},
				Check: func(*terraform.State) error {
					f.expectNICsIn(f.subnet.ID, 1)
					return nil
				},
			},
		),
	})
}

// A forced replacement (as -replace makes) keeps the requested address: the
// NIC being replaced holds it, and is destroyed before the new one is created.
func TestAccNetworkInterfaceResource_forcedReplaceKeepsIP(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	const addr = "eni_network_interface.test"
	config := func(trigger string) string {
		return env.config("", fmt.Sprintf(`
resource "terraform_data" "trigger" {
  input = %q
}

resource "eni_network_interface" "test" {
  name       = "data"
  subnet_id  = %q
  private_ip = "10.0.1.30"

  lifecycle {
    replace_triggered_by = [terraform_data.trigger]
  }
}
`, trigger, f.subnet.ID))
	}
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            config("one"),
				ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(addr, tfjsonpath.New("id"))},
			},
			{
				Config:           config("two"),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(addr, tfjsonpath.New("id")),
					expectValue(addr, "private_ip", knownvalue.StringExact("10.0.1.30")),
				},
				Check: func(*terraform.State) error {
					f.expectNICsIn(f.subnet.ID, 1)
					return env.checkInvariants(nil)
				},
			},
		},
	})
}

func TestAccNetworkInterfaceResource_securityGroups(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	const addr = "eni_network_interface.test"
	withGroups := func(ids ...string) string {
		return env.config("", nicArgs{Subnet: f.subnet.ID, Groups: append([]string{}, ids...)}.hcl())
	}
	kept := func(s *terraform.State) error { return f.expectNICGroups(s, addr, f.sg(0)) }
	env.test(resource.TestCase{
		Steps: append(f.securityGroupRuleSteps(withGroups, kept),
			resource.TestStep{
				// Omitting the argument keeps the groups the NIC has.
				Config:           env.config("", nicArgs{Subnet: f.subnet.ID}.hcl()),
				ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()),
				Check:            kept,
			},
			resource.TestStep{
				Config:           withGroups(),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "security_group_ids", knownvalue.SetExact([]knownvalue.Check{})),
				},
				Check: func(s *terraform.State) error { return f.expectNICGroups(s, addr) },
			},
		),
	})
}

// A server's primary NIC belongs to its eni_server and cannot be imported.
func TestAccNetworkInterfaceResource_importPrimary(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	srv := f.server("host", "c7.large.2")
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:        env.config("", nicArgs{Subnet: f.subnet.ID}.hcl()),
				ResourceName:  "eni_network_interface.test",
				ImportState:   true,
				ImportStateId: srv.PrimaryNetworkInterfaceID,
				ExpectError:   regexp.MustCompile(`(?s)\[OperationNotPermitted\].*primary\s+NIC\s+of\s+server\s+` + srv.ID + `.*eni_server`),
			},
			{
				Config:        env.config("", nicArgs{Subnet: f.subnet.ID}.hcl()),
				ResourceName:  "eni_network_interface.test",
				ImportState:   true,
				ImportStateId: "eni-0000000000000000",
				ExpectError:   regexp.MustCompile(`Cannot\s+import\s+non-existent\s+remote\s+object`),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			_, err := env.engine.GetNetworkInterface(context.Background(), srv.PrimaryNetworkInterfaceID)
			return err
		},
	})
}
