package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
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

// idPrefixOf is the ID form each resource's import names.
var idPrefixOf = map[string]string{
	"eni_vpc":                          "vpc-",
	"eni_subnet":                       "subnet-",
	"eni_security_group":               "sg-",
	"eni_server":                       "srv-",
	"eni_network_interface":            "eni-",
	"eni_network_interface_attachment": "eni-",
	"eni_eip":                          "eip-",
	"eni_virtual_ip":                   "vip-",
}

// An empty import ID is refused with the ID form to give, by every resource.
func TestImportState_emptyIDNamesTheIDForm(t *testing.T) {
	ctx := context.Background()
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "eni"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			var sch resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &sch)
			resp := resource.ImportStateResponse{State: tfsdk.State{
				Schema: sch.Schema,
				Raw:    tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil),
			}}
			r.(resource.ResourceWithImportState).ImportState(ctx, resource.ImportStateRequest{ID: ""}, &resp)
			if !resp.Diagnostics.HasError() {
				t.Fatal("an empty import ID was accepted")
			}
			want := idPrefixOf[meta.TypeName]
			if detail := resp.Diagnostics.Errors()[0].Detail(); want == "" || !strings.Contains(detail, want) {
				t.Errorf("the refusal %q does not name the ID form %q", detail, want)
			}
		})
	}
}
