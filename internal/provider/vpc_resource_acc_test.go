package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func testAccVPCConfig(name, description string) string {
	return `
resource "eni_vpc" "test" {
  name        = "` + name + `"
  cidr        = "10.0.0.0/16"
  description = "` + description + `"
}
`
}

func testAccVPCConfigCIDR(cidr string) string {
	return `
resource "eni_vpc" "test" {
  name = "x"
  cidr = "` + cidr + `"
}
`
}

func TestAccVPCResource(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccVPCConfig("core", "first")),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("eni_vpc.test", "id", knownvalue.StringRegexp(regexp.MustCompile(`^vpc-[0-9a-f]{16}$`))),
					expectValue("eni_vpc.test", "cidr", knownvalue.StringExact("10.0.0.0/16")),
					expectValue("eni_vpc.test", "description", knownvalue.StringExact("first")),
				},
			},
			changeStep(env.config("", testAccVPCConfig("core-renamed", "second")),
				"eni_vpc.test", plancheck.ResourceActionUpdate,
				expectValue("eni_vpc.test", "name", knownvalue.StringExact("core-renamed")),
				expectValue("eni_vpc.test", "description", knownvalue.StringExact("second")),
			),
			importStep("eni_vpc.test"),
		},
	})
}

func TestAccVPCResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: disappearsSteps(
			env.config("", testAccVPCConfig("gone", "")),
			"eni_vpc.test",
			env.engine.DeleteVPC,
		),
	})
}

func TestAccVPCResource_badCIDR(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      env.config("", testAccVPCConfigCIDR("8.8.0.0/16")),
				ExpectError: regexp.MustCompile(`not inside a private range`),
			},
			{
				Config:      env.config("", testAccVPCConfigCIDR("10.0.0.0/8")),
				ExpectError: regexp.MustCompile(`prefix length /8`),
			},
		},
	})
}
