package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// TestAccListResources runs `terraform query` (Terraform 1.14 on) over NICs
// made outside Terraform and one made by it, filtered by subnet and status,
// and over network ACLs, filtered by VPC.
func TestAccListResources(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	seeded := f.nic(f.subnet.ID, "10.0.1.20")
	other := f.nic(f.subnetB.ID, "10.0.2.20")
	acl, err := env.engine.CreateNetworkACL(t.Context(), engine.NetworkACLInput{VPCID: f.vpc.ID, Name: "seeded"})
	if err != nil {
		t.Fatal(err)
	}
	table, err := env.engine.CreateRouteTable(t.Context(), engine.RouteTableInput{VPCID: f.vpc.ID, Name: "seeded"})
	if err != nil {
		t.Fatal(err)
	}
	managed := env.config("", nicArgs{Subnet: f.subnet.ID, Name: "managed"}.hcl())
	query := env.config("", `
list "eni_network_interface" "a" {
  provider = eni
  config {
    subnet_id = "`+f.subnet.ID+`"
    status    = "available"
  }
}

list "eni_network_interface" "b" {
  provider = eni
  config {
    subnet_id = "`+f.subnetB.ID+`"
  }
}

list "eni_vpc" "all" {
  provider = eni
}

list "eni_network_acl" "in_vpc" {
  provider = eni
  config {
    vpc_id = "`+f.vpc.ID+`"
  }
}

list "eni_route_table" "in_vpc" {
  provider = eni
  config {
    vpc_id = "`+f.vpc.ID+`"
  }
}
`)
	env.test(resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{Config: managed},
			{
				Query:  true,
				Config: query,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("eni_network_interface.a", 2), // seeded and managed
					querycheck.ExpectIdentity("eni_network_interface.a", map[string]knownvalue.Check{"id": knownvalue.StringExact(seeded.ID)}),
					querycheck.ExpectResourceDisplayName("eni_network_interface.a",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(seeded.ID)}),
						knownvalue.StringExact("seeded ("+seeded.ID+")")),
					querycheck.ExpectLength("eni_network_interface.b", 1),
					querycheck.ExpectIdentity("eni_network_interface.b", map[string]knownvalue.Check{"id": knownvalue.StringExact(other.ID)}),
					querycheck.ExpectLength("eni_vpc.all", 2), // the fixture's two VPCs
					querycheck.ExpectIdentity("eni_vpc.all", map[string]knownvalue.Check{"id": knownvalue.StringExact(f.vpc.ID)}),
					querycheck.ExpectLength("eni_network_acl.in_vpc", 1),
					querycheck.ExpectResourceDisplayName("eni_network_acl.in_vpc",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(acl.ID)}),
						knownvalue.StringExact("seeded ("+acl.ID+")")),
					querycheck.ExpectLength("eni_route_table.in_vpc", 1), // the custom one: the VPC's default belongs to it
					querycheck.ExpectIdentity("eni_route_table.in_vpc", map[string]knownvalue.Check{"id": knownvalue.StringExact(table.ID)}),
				},
			},
		},
	})
}
