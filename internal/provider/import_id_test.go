package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

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
	"eni_route_table":                  "rtb-",
	"eni_route":                        "rtb-0123456789abcdef:10.0.0.0/8",
	"eni_route_table_association":      "rtbassoc-",
	"eni_network_acl":                  "acl-",
	"eni_network_acl_association":      "aclassoc-",
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
