package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccAvailabilityZonesDataSource(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", `data "eni_availability_zones" "all" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("data.eni_availability_zones.all", "id", knownvalue.StringExact("local-1")),
					expectValue("data.eni_availability_zones.all", "names", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("local-1a"),
						knownvalue.StringExact("local-1b"),
						knownvalue.StringExact("local-1c"),
					})),
				},
			},
		},
	})
}
