package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

const testAccSubnetDataSourceConfig = testAccVPC + `
resource "eni_subnet" "test" {
  vpc_id            = eni_vpc.test.id
  name              = "small"
  description       = "a /28"
  cidr              = "10.0.1.0/28"
  availability_zone = "local-1b"
}

data "eni_subnet" "test" {
  id = eni_subnet.test.id
}
`

func TestAccSubnetDataSource(t *testing.T) {
	env := newTestEnv(t)
	var subnetID string
	addNICs := func(n int) func() {
		return func() {
			for range n {
				if _, err := env.engine.CreateNetworkInterface(context.Background(), engine.NetworkInterfaceInput{SubnetID: subnetID, Name: "outside"}); err != nil {
					t.Fatalf("creating a NIC: %v", err)
				}
			}
		}
	}
	same := sameAttributes("data.eni_subnet.test", "eni_subnet.test", "id", "vpc_id", "name", "cidr", "availability_zone", "gateway_ip", "description")
	count := func(n int64) statecheck.StateCheck {
		return expectValue("data.eni_subnet.test", "available_ip_count", knownvalue.Int64Exact(n))
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccSubnetDataSourceConfig),
				// A /28 has 14 host addresses; the gateway takes one.
				ConfigStateChecks: append(same,
					count(13),
					expectValue("data.eni_subnet.test", "gateway_ip", knownvalue.StringExact("10.0.1.1")),
					expectValue("data.eni_subnet.test", "description", knownvalue.StringExact("a /28")),
				),
				Check: func(s *terraform.State) (err error) {
					subnetID, err = idOf(s, "eni_subnet.test")
					return err
				},
			},
			{
				PreConfig:         addNICs(1),
				Config:            env.config("", testAccSubnetDataSourceConfig),
				ConfigStateChecks: []statecheck.StateCheck{count(12)},
			},
			{
				PreConfig:         addNICs(12),
				Config:            env.config("", testAccSubnetDataSourceConfig),
				ConfigStateChecks: []statecheck.StateCheck{count(0)},
			},
			{
				Config: env.config("", testAccSubnetDataSourceConfig+`
data "eni_subnet" "missing" {
  id = "subnet-0000000000000000"
}
`),
				ExpectError: regexp.MustCompile(`InvalidSubnetID\.NotFound`),
			},
			{
				// Free the subnet so that the test can destroy it.
				PreConfig: func() {
					ctx := context.Background()
					nics, err := env.engine.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{SubnetID: subnetID})
					if err != nil {
						t.Fatal(err)
					}
					for _, n := range nics {
						if err := env.engine.DeleteNetworkInterface(ctx, n.ID); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config:            env.config("", testAccSubnetDataSourceConfig),
				ConfigStateChecks: []statecheck.StateCheck{count(13)},
			},
		},
	})
}
