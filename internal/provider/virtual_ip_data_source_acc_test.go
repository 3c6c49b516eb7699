package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

func TestAccVirtualIPDataSource(t *testing.T) {
	env := newTestEnv(t)
	resources := testAccVirtualIPTopology +
		hclVirtualIP("bound", hclArg{"ip_address", quoted("10.0.1.70")}, boundTo("eni_network_interface.a.id")) +
		hclVirtualIP("free", hclArg{"ip_address", quoted("10.0.1.71")})
	lookups := `
data "eni_virtual_ip" "by_id" {
  id = eni_virtual_ip.bound.id
}

data "eni_virtual_ip" "by_address" {
  subnet_id  = eni_virtual_ip.bound.subnet_id
  ip_address = eni_virtual_ip.bound.ip_address
}

data "eni_virtual_ip" "free" {
  subnet_id  = eni_subnet.a.id
  ip_address = eni_virtual_ip.free.ip_address
}
`
	var checks []statecheck.StateCheck
	for _, ds := range []string{"data.eni_virtual_ip.by_id", "data.eni_virtual_ip.by_address"} {
		checks = append(checks, sameAttributes("eni_virtual_ip.bound", ds, "id", "subnet_id", "ip_address", "network_interface_id")...)
	}
	checks = append(checks,
		statecheck.CompareValuePairs("data.eni_virtual_ip.by_id", tfjsonpath.New("network_interface_id"), "eni_network_interface.a", tfjsonpath.New("id"), compare.ValuesSame()),
		statecheck.CompareValuePairs("data.eni_virtual_ip.free", tfjsonpath.New("id"), "eni_virtual_ip.free", tfjsonpath.New("id"), compare.ValuesSame()),
		expectValue("data.eni_virtual_ip.free", "network_interface_id", knownvalue.Null()),
	)
	env.test(resource.TestCase{
		Steps: append([]resource.TestStep{{Config: env.config("", resources+lookups), ConfigStateChecks: checks}},
			env.refusedReads(resources, "eni_virtual_ip",
				refusedRead{"",
					regexp.MustCompile(`(?s)Missing\s+Attribute\s+Configuration.*Exactly\s+one\s+of\s+these\s+attributes`)},
				refusedRead{"  subnet_id = eni_subnet.a.id",
					regexp.MustCompile(`Invalid\s+Attribute\s+Combination`)},
				refusedRead{"  id = \"vip-0000000000000000\"",
					regexp.MustCompile(`(?s)Cannot read virtual IP.*` + codePattern(engine.CodeVirtualIPNotFound) + `.*vip-0000000000000000`)},
				refusedRead{"  subnet_id  = \"subnet-0000000000000000\"\n  ip_address = \"10.0.1.70\"",
					regexp.MustCompile(`(?s)subnet_id\s+=.*` + codePattern(engine.CodeSubnetNotFound))},
				// A NIC's own address is not a virtual IP.
				refusedRead{"  subnet_id  = eni_subnet.a.id\n  ip_address = eni_network_interface.a.private_ip",
					regexp.MustCompile(`(?s)ip_address\s+=.*No\s+virtual\s+IP\s+holds\s+10\.0\.1\.\d+\s+in\s+subnet`)},
			)...),
	})
}
