package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

var testAccEIPTopology = testAccMainNetwork + `
resource "eni_network_interface" "one" {
  subnet_id = eni_subnet.a.id
  name      = "one"
}

resource "eni_network_interface" "two" {
  subnet_id = eni_subnet.a.id
  name      = "two"
}
`

func testAccEIPConfig(bandwidth int, nic string) string {
	binding := ""
	if nic != "" {
		binding = "network_interface_id = eni_network_interface." + nic + ".id"
	}
	return testAccEIPTopology + fmt.Sprintf(`
resource "eni_eip" "test" {
  bandwidth_mbps = %d
  %s
}
`, bandwidth, binding)
}

func TestAccEIPResource(t *testing.T) {
	env := newTestEnv(t)
	const eip = "eni_eip.test"
	samePublicIP := statecheck.CompareValue(compare.ValuesSame())
	boundTo := func(nic string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(eip, tfjsonpath.New("network_interface_id"), "eni_network_interface."+nic, tfjsonpath.New("id"), compare.ValuesSame())
	}
	update := expectAction(eip, plancheck.ResourceActionUpdate)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccEIPConfig(5, "")),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(eip, "id", knownvalue.StringRegexp(regexp.MustCompile(`^eip-[0-9a-f]{16}$`))),
					expectValue(eip, "public_ip", knownvalue.StringRegexp(regexp.MustCompile(`^198\.1[89]\.`))),
					expectValue(eip, "network_interface_id", knownvalue.Null()),
					samePublicIP.AddStateValue(eip, tfjsonpath.New("public_ip")),
				},
			},
			{
				Config:            env.config("", testAccEIPConfig(5, "one")),
				ConfigPlanChecks:  update,
				ConfigStateChecks: []statecheck.StateCheck{boundTo("one"), samePublicIP.AddStateValue(eip, tfjsonpath.New("public_ip"))},
			},
			{
				Config:            env.config("", testAccEIPConfig(100, "two")),
				ConfigPlanChecks:  update,
				ConfigStateChecks: []statecheck.StateCheck{boundTo("two"), expectValue(eip, "bandwidth_mbps", knownvalue.Int64Exact(100)), samePublicIP.AddStateValue(eip, tfjsonpath.New("public_ip"))},
			},
			importStep(eip),
			{
				Config:           env.config("", testAccEIPConfig(100, "")),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(eip, "network_interface_id", knownvalue.Null()),
					samePublicIP.AddStateValue(eip, tfjsonpath.New("public_ip")),
				},
			},
		},
	})
}

func TestAccEIPResource_rules(t *testing.T) {
	env := newTestEnv(t)
	second := `
resource "eni_eip" "second" {
  network_interface_id = eni_network_interface.one.id
  depends_on           = [eni_eip.test]
}
`
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      env.config("", testAccEIPConfig(0, "")),
				ExpectError: regexp.MustCompile(`bandwidth_mbps value must be between 1 and 2000`),
				PlanOnly:    true,
			},
			{
				Config:      env.config("", testAccEIPConfig(5, "one")+second),
				ExpectError: regexp.MustCompile(`Resource\.AlreadyAssociated`),
			},
			{
				// The NIC is deleted under its EIP: the EIP survives, unbound (rule 11).
				Config:             env.config("", testAccEIPConfig(5, "one")),
				Check:              deleteOutside("eni_network_interface.one", env.engine.DeleteNetworkInterface),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: env.config("", testAccEIPConfig(5, "one")),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction("eni_network_interface.one", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("eni_eip.test", plancheck.ResourceActionUpdate),
				),
			},
		},
	})
}

func TestAccEIPResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: disappearsSteps(
			env.config("", testAccEIPConfig(5, "one")),
			"eni_eip.test",
			env.engine.DeleteEIP,
		),
	})
}
