package provider

import (
	"context"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// routeCheck expects one route of a table as the data source reads it;
// hop and nic "" expect null.
func routeCheck(destination, hopType, hop, nic, description string) knownvalue.Check {
	optional := func(s string) knownvalue.Check {
		if s == "" {
			return knownvalue.Null()
		}
		return knownvalue.StringExact(s)
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"destination_cidr":     knownvalue.StringExact(destination),
		"next_hop_type":        knownvalue.StringExact(hopType),
		"next_hop_id":          optional(hop),
		"network_interface_id": optional(nic),
		"description":          knownvalue.StringExact(description),
		"local":                knownvalue.Bool(hopType == engine.NextHopLocal),
	})
}

// TestAccRouteTableDataSource reads a VPC's default route table by ID and
// through a subnet that uses it, and a custom table made outside
// Terraform, with its routes, through the subnet associated with it.
func TestAccRouteTableDataSource(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	ctx := context.Background()
	off := false
	router, err := env.engine.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: f.subnet.ID, Name: "router", SourceDestCheck: &off})
	if err != nil {
		t.Fatal(err)
	}
	custom, err := env.engine.CreateRouteTable(ctx, engine.RouteTableInput{VPCID: f.vpc.ID, Name: "private", Description: "via the router",
		Tags: map[string]string{"tier": "private"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []engine.RouteInput{
		{RouteTableID: custom.ID, DestinationCIDR: "172.16.0.0/12", NextHopType: engine.NextHopNetworkInterface, NextHopID: router.ID, Description: "partners"},
		{RouteTableID: custom.ID, DestinationCIDR: "0.0.0.0/0", NextHopType: engine.NextHopInternet},
	} {
		if _, err := env.engine.CreateRoute(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := env.engine.AssociateRouteTable(ctx, f.subnetB.ID, custom.ID); err != nil {
		t.Fatal(err)
	}
	config := env.config("", `
data "eni_route_table" "default" {
  id = "`+f.vpc.DefaultRouteTableID+`"
}

data "eni_route_table" "of_a" {
  subnet_id = "`+f.subnet.ID+`"
}

data "eni_route_table" "of_b" {
  subnet_id = "`+f.subnetB.ID+`"
}
`)
	local := routeCheck("10.0.0.0/16", engine.NextHopLocal, "", "", "")
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue("data.eni_route_table.default", "vpc_id", knownvalue.StringExact(f.vpc.ID)),
					expectValue("data.eni_route_table.default", "name", knownvalue.StringExact(engine.DefaultRouteTableName)),
					expectValue("data.eni_route_table.default", "default", knownvalue.Bool(true)),
					expectValue("data.eni_route_table.default", "subnet_id", knownvalue.Null()),
					expectValue("data.eni_route_table.default", "subnet_ids", knownvalue.ListExact(stringChecks(slices.Sorted(slices.Values([]string{f.subnet.ID, f.tiny.ID}))...))),
					expectValue("data.eni_route_table.default", "routes", knownvalue.ListExact([]knownvalue.Check{local})),
					expectValue("data.eni_route_table.of_a", "id", knownvalue.StringExact(f.vpc.DefaultRouteTableID)),
					expectValue("data.eni_route_table.of_a", "subnet_id", knownvalue.StringExact(f.subnet.ID)),
					expectValue("data.eni_route_table.of_b", "id", knownvalue.StringExact(custom.ID)),
					expectValue("data.eni_route_table.of_b", "name", knownvalue.StringExact("private")),
					expectValue("data.eni_route_table.of_b", "description", knownvalue.StringExact("via the router")),
					expectValue("data.eni_route_table.of_b", "default", knownvalue.Bool(false)),
					expectValue("data.eni_route_table.of_b", "subnet_ids", knownvalue.ListExact(stringChecks(f.subnetB.ID))),
					expectValue("data.eni_route_table.of_b", "tags", tagsCheck(map[string]string{"tier": "private"})),
					expectValue("data.eni_route_table.of_b", "tags_all", tagsCheck(map[string]string{"tier": "private"})),
					// Local first, then by destination.
					expectValue("data.eni_route_table.of_b", "routes", knownvalue.ListExact([]knownvalue.Check{
						local,
						routeCheck("0.0.0.0/0", engine.NextHopInternet, "", "", ""),
						routeCheck("172.16.0.0/12", engine.NextHopNetworkInterface, router.ID, router.ID, "partners"),
					})),
				},
			},
			// A refresh and plan of the same configuration changes nothing.
			{Config: config, ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan())},
		},
	})
}

// A route table is read by exactly one of id and subnet_id; one that does
// not exist is refused with its code on the argument that named it.
func TestAccRouteTableDataSource_lookupRefusals(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	env.test(resource.TestCase{
		Steps: env.refusedReads("", "eni_route_table",
			refusedRead{`  id = "rtb-0000000000000000"`,
				regexp.MustCompile(`(?s)Cannot read route table.*` + atAttr("id", codePattern(engine.CodeRouteTableNotFound)+`.*rtb-0000000000000000`).String())},
			refusedRead{`  subnet_id = "subnet-0000000000000000"`,
				atAttr("subnet_id", codePattern(engine.CodeSubnetNotFound))},
			refusedRead{`  id = "` + f.vpc.DefaultRouteTableID + `"` + "\n" + `  subnet_id = "` + f.subnet.ID + `"`,
				regexp.MustCompile(`Invalid Attribute Combination`)},
			refusedRead{"",
				regexp.MustCompile(`Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[id,subnet_id\]`)},
		),
	})
}
