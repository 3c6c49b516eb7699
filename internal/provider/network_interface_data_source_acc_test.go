package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

func TestAccNetworkInterfaceDataSource(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	srv := f.server("host", "c7.large.2")
	byID := `
data "eni_network_interface" "by_id" {
  id = eni_network_interface.test.id
}
`
	byIP := `
data "eni_network_interface" "by_ip" {
  subnet_id  = eni_network_interface.test.subnet_id
  private_ip = eni_network_interface.test.private_ip
}
`
	primary := fmt.Sprintf(`
data "eni_network_interface" "primary" {
  subnet_id  = %q
  private_ip = %q
}
`, f.subnet.ID, srv.PrivateIP)
	resourceHCL := nicArgs{Subnet: f.subnet.ID, Description: "lookup", PrivateIP: "10.0.1.40", Groups: []string{f.sg(0)}}.hcl()
	var checks []statecheck.StateCheck
	for _, ds := range []string{"data.eni_network_interface.by_id", "data.eni_network_interface.by_ip"} {
		checks = append(checks, sameAttributes("eni_network_interface.test", ds, "id", "subnet_id", "name", "description", "private_ip",
			"security_group_ids", "vpc_id", "availability_zone", "mac_address", "status", "server_id", "device_index")...)
	}
	const p = "data.eni_network_interface.primary"
	checks = append(checks,
		expectValue(p, "id", knownvalue.StringExact(srv.PrimaryNetworkInterfaceID)),
		expectValue(p, "status", knownvalue.StringExact("in-use")),
		expectValue(p, "server_id", knownvalue.StringExact(srv.ID)),
		expectValue(p, "device_index", knownvalue.Int64Exact(0)),
	)
	valid := resource.TestStep{Config: env.config("", resourceHCL+byID+byIP+primary), ConfigStateChecks: checks}
	env.test(resource.TestCase{
		// The run ends on a valid configuration for the final destroy.
		Steps: slices.Concat([]resource.TestStep{valid}, env.refusedReads("", "eni_network_interface",
			refusedRead{"",
				regexp.MustCompile(`(?s)Missing\s+Attribute\s+Configuration.*Exactly\s+one\s+of\s+these\s+attributes`)},
			refusedRead{fmt.Sprintf("  id = %q\n  subnet_id = %q\n  private_ip = \"10.0.1.2\"", srv.PrimaryNetworkInterfaceID, f.subnet.ID),
				regexp.MustCompile(`Invalid\s+Attribute\s+Combination`)},
			refusedRead{fmt.Sprintf("  subnet_id = %q", f.subnet.ID),
				regexp.MustCompile(`Invalid\s+Attribute\s+Combination`)},
			refusedRead{fmt.Sprintf("  id = %q\n  private_ip = \"10.0.1.2\"", srv.PrimaryNetworkInterfaceID),
				regexp.MustCompile(`Invalid\s+Attribute\s+Combination`)},
			refusedRead{"  id = \"eni-0000000000000000\"",
				matchCode(engine.CodeNetworkInterfaceNotFound)},
			refusedRead{fmt.Sprintf("  subnet_id = %q\n  private_ip = \"10.0.1.99\"", f.subnet.ID),
				regexp.MustCompile(`(?s)\[InvalidNetworkInterfaceID\.NotFound\].*network\s+interface\s+holding\s+10.0.1.99.*does\s+not\s+exist`)},
			refusedRead{"  subnet_id = \"subnet-0000000000000000\"\n  private_ip = \"10.0.1.2\"",
				matchCode(engine.CodeSubnetNotFound)},
		), []resource.TestStep{valid}),
	})
}
