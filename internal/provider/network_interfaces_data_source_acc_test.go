package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccNetworkInterfacesDataSource(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	srv := f.server("host", "c7.large.2")
	attached, spare := f.nic(f.subnet.ID, ""), f.nic(f.subnet.ID, "")
	elsewhere := f.nic(f.subnetB.ID, "")
	if err := f.attach(attached.ID, srv.ID, 1); err != nil {
		t.Fatal(err)
	}
	sorted := func(ids ...string) []string { return slices.Sorted(slices.Values(ids)) }
	cases := []struct {
		name, filters string
		want          []string
	}{
		{"all", "", append([]string{srv.PrimaryNetworkInterfaceID, attached.ID}, sorted(spare.ID, elsewhere.ID)...)},
		{"server", fmt.Sprintf("server_id = %q", srv.ID), []string{srv.PrimaryNetworkInterfaceID, attached.ID}},
		{"subnet", fmt.Sprintf("subnet_id = %q", f.subnetB.ID), []string{elsewhere.ID}},
		{"available", `status = "available"`, sorted(spare.ID, elsewhere.ID)},
		{"in_use", `status = "in-use"`, []string{srv.PrimaryNetworkInterfaceID, attached.ID}},
		{"subnet_available", fmt.Sprintf("subnet_id = %q\n  status = \"available\"", f.subnet.ID), []string{spare.ID}},
		{"none", fmt.Sprintf("server_id = %q\n  status = \"available\"", srv.ID), []string{}},
	}
	var hcl string
	var checks []statecheck.StateCheck
	for _, c := range cases {
		hcl += fmt.Sprintf("data \"eni_network_interfaces\" %q {\n  %s\n}\n", c.name, c.filters)
		checks = append(checks, expectValue("data.eni_network_interfaces."+c.name, "ids", knownvalue.ListExact(stringChecks(c.want...))))
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      env.config("", "data \"eni_network_interfaces\" \"bad\" {\n  status = \"attached\"\n}\n"),
				ExpectError: regexp.MustCompile(`value\s+must\s+be\s+one\s+of`),
			},
			{
				Config:            env.config("", hcl),
				ConfigStateChecks: checks,
			},
		},
	})
}
