package provider

import (
	"regexp"
	"testing"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// A null group ID cannot be converted at apply, so plan refuses it on the
// attribute, for a network interface and for a server alike.
func TestAccSecurityGroupIDs_nullElementRefusedAtPlan(t *testing.T) {
	env := newTestEnv(t)
	for _, hcl := range []string{
		hclResource("eni_network_interface", "test", hclArg{"name", `"data"`}, hclArg{"subnet_id", `"subnet-0123456789abcdef"`},
			hclArg{"security_group_ids", `[null]`}),
		hclResource("eni_server", "test", hclArg{"name", `"web"`}, hclArg{"flavor", `"c7.large.2"`}, hclArg{"availability_zone", `"local-1a"`},
			hclArg{"subnet_id", `"subnet-0123456789abcdef"`}, hclArg{"security_group_ids", `["sg-0123456789abcdef", null]`}),
	} {
		env.test(tfresource.TestCase{Steps: []tfresource.TestStep{{
			Config:      env.config("", hcl),
			PlanOnly:    true,
			ExpectError: atAttr("security_group_ids", `(?i)null\s+value`),
		}}})
	}
}

// A timeout of zero or less would expire before the attach starts.
func TestAccNetworkInterfaceAttachment_nonPositiveTimeoutRefusedAtPlan(t *testing.T) {
	env := newTestEnv(t)
	for _, timeouts := range []string{`{ create = "0s" }`, `{ update = "-5s" }`, `{ delete = "0h" }`} {
		hcl := hclResource("eni_network_interface_attachment", "test",
			hclArg{"network_interface_id", `"eni-0123456789abcdef"`},
			hclArg{"server_id", `"srv-0123456789abcdef"`},
			hclArg{"timeouts", timeouts})
		env.test(tfresource.TestCase{Steps: []tfresource.TestStep{{
			Config:      env.config("", hcl),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid timeout.*timeouts\.(create|update|delete).*above\s+zero`),
		}}})
	}
}
