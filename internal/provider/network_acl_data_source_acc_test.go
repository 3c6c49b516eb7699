package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// TestAccNetworkACLDataSource reads a network ACL by ID and through a
// subnet associated with it: its rules in order, its subnets, its tags.
func TestAccNetworkACLDataSource(t *testing.T) {
	env := newTestEnv(t)
	acl := aclArgs{vpc: "eni_vpc.test.id", name: "edge", description: "the edge", ingress: []aclRule{noSSH, webIn, fromVPC}, egress: []aclRule{anyOut}}
	managed := testAccVPC +
		hclSubnet("a", "eni_vpc.test.id", "10.0.1.0/24", "local-1a") +
		hclSubnet("b", "eni_vpc.test.id", "10.0.2.0/24", "local-1b") +
		acl.hcl() +
		hclACLAssociation("a", "eni_subnet.a.id", "eni_network_acl.test.id") +
		hclACLAssociation("b", "eni_subnet.b.id", "eni_network_acl.test.id")
	config := env.configWithDefaultTags(`{ env = "dev" }`, managed+`
data "eni_network_acl" "by_id" {
  id         = eni_network_acl.test.id
  depends_on = [eni_network_acl_association.a, eni_network_acl_association.b]
}

data "eni_network_acl" "of_b" {
  subnet_id  = eni_subnet.b.id
  depends_on = [eni_network_acl_association.a, eni_network_acl_association.b]
}
`)
	var checks []statecheck.StateCheck
	for _, ds := range []string{"data.eni_network_acl.by_id", "data.eni_network_acl.of_b"} {
		checks = append(checks, sameAttributes(ds, "eni_network_acl.test", "id", "vpc_id", "name", "description", "ingress", "egress")...)
		checks = append(checks,
			expectValue(ds, "ingress", aclRulesCheck(acl.ingress)),
			expectValue(ds, "tags", tagsCheck(map[string]string{"env": "dev"})),
			expectValue(ds, "tags_all", tagsCheck(map[string]string{"env": "dev"})),
			expectValue(ds, "subnet_ids", knownvalue.ListSizeExact(2)),
			statecheck.CompareValueCollection(ds, []tfjsonpath.Path{tfjsonpath.New("subnet_ids")}, "eni_subnet.a", tfjsonpath.New("id"), compare.ValuesSame()),
			statecheck.CompareValueCollection(ds, []tfjsonpath.Path{tfjsonpath.New("subnet_ids")}, "eni_subnet.b", tfjsonpath.New("id"), compare.ValuesSame()),
		)
	}
	checks = append(checks,
		expectValue("data.eni_network_acl.by_id", "subnet_id", knownvalue.Null()),
		statecheck.CompareValuePairs("data.eni_network_acl.of_b", tfjsonpath.New("subnet_id"), "eni_subnet.b", tfjsonpath.New("id"), compare.ValuesSame()),
	)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: checks},
			// A refresh and plan of the same configuration changes nothing.
			{Config: config, ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan())},
		},
	})
}

// A subnet with no network ACL, and an ACL that does not exist, are
// refused on the argument that named them; so is naming both or neither.
func TestAccNetworkACLDataSource_lookupRefusals(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	env.test(resource.TestCase{
		Steps: env.refusedReads("", "eni_network_acl",
			refusedRead{`  subnet_id = "` + f.subnet.ID + `"`,
				atAttr("subnet_id", `Subnet\s+`+f.subnet.ID+`\s+has\s+no\s+network\s+ACL`)},
			refusedRead{`  subnet_id = "subnet-0000000000000000"`,
				atAttr("subnet_id", codePattern(engine.CodeSubnetNotFound))},
			refusedRead{`  id = "acl-0000000000000000"`,
				regexp.MustCompile(`(?s)Cannot read network ACL.*` + atAttr("id", codePattern(engine.CodeNetworkACLNotFound)).String())},
			refusedRead{`  id = "acl-0000000000000000"` + "\n" + `  subnet_id = "` + f.subnet.ID + `"`,
				regexp.MustCompile(`Invalid Attribute Combination`)},
		),
	})
}
