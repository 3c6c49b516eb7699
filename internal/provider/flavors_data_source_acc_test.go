package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// testAccFlavorTable is DESIGN.md's flavor table with the private-IP caps of
// its Version 2 (ips), written out here rather
// than taken from the engine so that the test holds the catalog to the contract.
var testAccFlavorTable = []struct {
	name, kind                  string
	vcpus, memoryGiB, nics, ips int64
}{
	{"s6.small.1", "ecs", 1, 1, 1, 2},
	{"s6.large.2", "ecs", 2, 4, 2, 4},
	{"c7.large.2", "ecs", 2, 4, 3, 10},
	{"c7.xlarge.2", "ecs", 4, 8, 3, 10},
	{"c7.2xlarge.2", "ecs", 8, 16, 4, 15},
	{"c7.4xlarge.2", "ecs", 16, 32, 6, 15},
	{"c7.8xlarge.2", "ecs", 32, 64, 8, 30},
	{"m7.16xlarge.8", "ecs", 64, 512, 12, 50},
	{"physical.s4.large", "bms", 32, 192, 2, 10},
	{"physical.c7.4xlarge", "bms", 96, 384, 8, 30},
}

// testAccFlavorsWhere lists, in table order, the rows a filter keeps.
func testAccFlavorsWhere(keep func(kind string, nics int64) bool) knownvalue.Check {
	rows := []knownvalue.Check{}
	for _, f := range testAccFlavorTable {
		if !keep(f.kind, f.nics) {
			continue
		}
		rows = append(rows, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"name":                          knownvalue.StringExact(f.name),
			"kind":                          knownvalue.StringExact(f.kind),
			"vcpus":                         knownvalue.Int64Exact(f.vcpus),
			"memory_gib":                    knownvalue.Int64Exact(f.memoryGiB),
			"max_network_interfaces":        knownvalue.Int64Exact(f.nics),
			"max_private_ips_per_interface": knownvalue.Int64Exact(f.ips),
		}))
	}
	return knownvalue.ListExact(rows)
}

func TestAccFlavorsDataSource(t *testing.T) {
	env := newTestEnv(t)
	flavors := tfjsonpath.New("flavors")
	env.test(resource.TestCase{
		// The valid step comes last: the final destroy runs the last configuration.
		Steps: append(env.refusedReads("", "eni_flavors",
			refusedRead{`  kind = "vm"`, regexp.MustCompile(`value must be one of:(.|\n)*"ecs"`)},
			refusedRead{`  min_network_interfaces = 0`, regexp.MustCompile(`must be at least 1`)},
		),
			resource.TestStep{
				Config: env.config("", `
data "eni_flavors" "all" {}

data "eni_flavors" "bms" {
  kind = "bms"
}

data "eni_flavors" "six_nics" {
  min_network_interfaces = 6
}

data "eni_flavors" "ecs_four_nics" {
  kind                   = "ecs"
  min_network_interfaces = 4
}

data "eni_flavors" "none" {
  min_network_interfaces = 13
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.eni_flavors.all", flavors, knownvalue.ListSizeExact(10)),
					statecheck.ExpectKnownValue("data.eni_flavors.all", flavors,
						testAccFlavorsWhere(func(string, int64) bool { return true })),
					statecheck.ExpectKnownValue("data.eni_flavors.bms", flavors,
						testAccFlavorsWhere(func(kind string, _ int64) bool { return kind == "bms" })),
					statecheck.ExpectKnownValue("data.eni_flavors.six_nics", flavors,
						testAccFlavorsWhere(func(_ string, nics int64) bool { return nics >= 6 })),
					statecheck.ExpectKnownValue("data.eni_flavors.ecs_four_nics", flavors,
						testAccFlavorsWhere(func(kind string, nics int64) bool { return kind == "ecs" && nics >= 4 })),
					statecheck.ExpectKnownValue("data.eni_flavors.ecs_four_nics", flavors.AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("c7.2xlarge.2")),
					statecheck.ExpectKnownValue("data.eni_flavors.none", flavors, knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
		),
	})
}
