package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// testAccEveryResource has one resource of each type whose identity is its
// ID, the NIC attached to the server and holding the EIP (a route, named
// by its table and destination, has its own test).
var testAccEveryResource = testAccMainNetwork + `
resource "eni_security_group" "web" {
  vpc_id = eni_vpc.main.id
  name   = "web"
}
` + hclServerInA("host", "c7.large.2") +
	hclNICInGroup("data", "eni_subnet.a.id", "eni_security_group.web.id") +
	testAccAttach("data", "eni_network_interface.data.id", "host") + `
resource "eni_eip" "data" {
  network_interface_id = eni_network_interface.data.id
}
` + hclRouteTable("data", "eni_vpc.main") +
	hclAssociation("a", "eni_subnet.a.id", "eni_route_table.data.id") +
	hclResource("eni_network_acl", "edge", hclArg{"vpc_id", "eni_vpc.main.id"}, hclArg{"name", quoted("edge")}) +
	hclACLAssociation("a", "eni_subnet.a.id", "eni_network_acl.edge.id")

// identityAddresses are the resources of testAccEveryResource with the
// pattern of their IDs.
var identityAddresses = map[string]string{
	"eni_vpc.main":                          `^vpc-[0-9a-f]{16}$`,
	"eni_subnet.a":                          `^subnet-[0-9a-f]{16}$`,
	"eni_security_group.web":                `^sg-[0-9a-f]{16}$`,
	"eni_server.host":                       `^srv-[0-9a-f]{16}$`,
	"eni_network_interface.data":            `^eni-[0-9a-f]{16}$`,
	"eni_network_interface_attachment.data": `^eni-[0-9a-f]{16}$`,
	"eni_eip.data":                          `^eip-[0-9a-f]{16}$`,
	"eni_route_table.data":                  `^rtb-[0-9a-f]{16}$`,
	"eni_route_table_association.a":         `^rtbassoc-[0-9a-f]{16}$`,
	"eni_network_acl.edge":                  `^acl-[0-9a-f]{16}$`,
	"eni_network_acl_association.a":         `^aclassoc-[0-9a-f]{16}$`,
}

// identityChecks expect every resource's identity to be { id } with its ID.
func identityChecks() []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for address, pattern := range identityAddresses {
		checks = append(checks,
			statecheck.ExpectIdentity(address, map[string]knownvalue.Check{
				"id": knownvalue.StringRegexp(regexp.MustCompile(pattern)),
			}),
			statecheck.ExpectIdentityValueMatchesState(address, tfjsonpath.New("id")),
		)
	}
	return checks
}

// identityImportStep imports address by its identity in an import block and
// expects the plan to be no change beyond the import.
func identityImportStep(address string) resource.TestStep {
	return resource.TestStep{
		ResourceName:    address,
		ImportState:     true,
		ImportStateKind: resource.ImportBlockWithResourceIdentity,
	}
}

// TestAccResourceIdentity: on the CLIs that store identities (Terraform
// and OpenTofu 1.12 on), every resource's identity is its ID from the
// create on, stays so through an update, and imports by identity give the
// same object back.
func TestAccResourceIdentity(t *testing.T) {
	env := newTestEnv(t)
	renamed := regexp.MustCompile(`name(\s+)= "data"`).ReplaceAllString(testAccEveryResource, `name${1}= "data-renamed"`)
	steps := []resource.TestStep{
		{
			Config:            env.config("", testAccEveryResource),
			ConfigStateChecks: identityChecks(),
		},
		{
			Config:            env.config("", renamed),
			ConfigPlanChecks:  expectAction("eni_network_interface.data", plancheck.ResourceActionUpdate),
			ConfigStateChecks: identityChecks(),
		},
	}
	for address := range identityAddresses {
		steps = append(steps, identityImportStep(address))
	}
	env.test(resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps:                  steps,
	})
}

// TestAccResourceIdentity_importByIdentity imports a NIC made outside
// Terraform with `import { to = …, identity = { id = "eni-…" } }`.
func TestAccResourceIdentity_importByIdentity(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	nic := f.nic(f.subnet.ID, "10.0.1.20")
	cfg := env.config("", `
import {
  to       = eni_network_interface.x
  identity = { id = "`+nic.ID+`" }
}

resource "eni_network_interface" "x" {
  subnet_id = "`+f.subnet.ID+`"
  name      = "seeded"
}
`)
	env.test(resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		// The NIC was there before the test: destroying it is the test's
		// own last step, not something CheckDestroy should find undone.
		CheckDestroy: func(_ *terraform.State) error {
			return testAccExpectGone(nic.ID, lookup(env.engine.GetNetworkInterface)(t.Context(), nic.ID))
		},
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				ConfigPlanChecks: preApply(plancheck.ExpectResourceAction("eni_network_interface.x", plancheck.ResourceActionNoop)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("eni_network_interface.x", map[string]knownvalue.Check{"id": knownvalue.StringExact(nic.ID)}),
					expectValue("eni_network_interface.x", "private_ip", knownvalue.StringExact("10.0.1.20")),
					expectValue("eni_network_interface.x", "mac_address", knownvalue.StringExact(nic.MACAddress)),
				},
			},
			{
				Config:           cfg,
				ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()),
			},
		},
	})
}
