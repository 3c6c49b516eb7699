package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

func testAccServerDataSourceConfig(id string) string {
	return fmt.Sprintf("data \"eni_server\" \"test\" {\n  id = %q\n}\n", id)
}

// free_network_interface_slots counts down as NICs attach, and
// network_interface_ids lists the primary NIC first, then by device index.
func TestAccServerDataSource(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	srv := f.server("host", "c7.large.2")
	nicA, nicB := f.nic(f.subnet.ID, ""), f.nic(f.subnet.ID, "")
	const addr = "data.eni_server.test"
	cfg := env.config("", testAccServerDataSourceConfig(srv.ID))
	attach := func(nicID string, index int) func() {
		return func() {
			if err := f.attach(nicID, srv.ID, index); err != nil {
				t.Errorf("attaching %s: %v", nicID, err)
			}
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "name", knownvalue.StringExact("host")),
					expectValue(addr, "kind", knownvalue.StringExact("ecs")),
					expectValue(addr, "flavor", knownvalue.StringExact("c7.large.2")),
					expectValue(addr, "availability_zone", knownvalue.StringExact("local-1a")),
					expectValue(addr, "subnet_id", knownvalue.StringExact(f.subnet.ID)),
					expectValue(addr, "vpc_id", knownvalue.StringExact(f.vpc.ID)),
					expectValue(addr, "private_ip", knownvalue.StringExact(srv.PrivateIP)),
					expectValue(addr, "security_group_ids", knownvalue.SetExact([]knownvalue.Check{})),
					expectValue(addr, "primary_network_interface_id", knownvalue.StringExact(srv.PrimaryNetworkInterfaceID)),
					expectValue(addr, "max_network_interfaces", knownvalue.Int64Exact(3)),
					expectValue(addr, "free_network_interface_slots", knownvalue.Int64Exact(2)),
					expectValue(addr, "network_interface_ids", knownvalue.ListExact(stringChecks(srv.PrimaryNetworkInterfaceID))),
				},
			},
			{
				PreConfig: attach(nicA.ID, 2),
				Config:    cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "free_network_interface_slots", knownvalue.Int64Exact(1)),
					expectValue(addr, "network_interface_ids", knownvalue.ListExact(stringChecks(srv.PrimaryNetworkInterfaceID, nicA.ID))),
				},
			},
			{
				PreConfig: attach(nicB.ID, 1),
				Config:    cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(addr, "free_network_interface_slots", knownvalue.Int64Exact(0)),
					expectValue(addr, "network_interface_ids", knownvalue.ListExact(stringChecks(srv.PrimaryNetworkInterfaceID, nicB.ID, nicA.ID))),
				},
			},
			{
				Config:      env.config("", testAccServerDataSourceConfig("srv-0000000000000000")),
				ExpectError: matchCode(engine.CodeServerNotFound),
			},
		},
	})
}

// The data source reads back every attribute of an eni_server it points at.
func TestAccServerDataSource_matchesResource(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	cfg := env.config("", serverArgs{Subnet: f.subnet.ID, Flavor: "c7.4xlarge.2", Groups: []string{f.sg(0), f.sg(1)}}.hcl()+`
data "eni_server" "test" {
  id = eni_server.test.id
}
`)
	checks := sameAttributes("eni_server.test", "data.eni_server.test", "id", "name", "kind", "flavor", "availability_zone", "subnet_id",
		"private_ip", "security_group_ids", "vpc_id", "primary_network_interface_id", "max_network_interfaces")
	checks = append(checks, expectValue("data.eni_server.test", "free_network_interface_slots", knownvalue.Int64Exact(5)))
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: checks},
		},
	})
}

func TestAccServerDataSource_requiresID(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      env.config("", "data \"eni_server\" \"test\" {}\n"),
				ExpectError: regexp.MustCompile(`argument\s+"id"\s+is\s+required`),
			},
		},
	})
}
