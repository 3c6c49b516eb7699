package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// NewNetworkACLListResource is the constructor registered with the provider.
func NewNetworkACLListResource() list.ListResource {
	return newEngineList("network_acl", "network ACLs", networkACLListResourceSchema, findNetworkACLs)
}

func networkACLListResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the network ACLs of the store, or of one VPC, or those holding some tags.",
		Attributes: map[string]schema.Attribute{
			"vpc_id": listFilterAttribute("Only the network ACLs of this VPC."),
			"tags":   tagsListFilterAttribute("network ACLs"),
		},
	}
}

func findNetworkACLs(ctx context.Context, pd *providerData, cfg inVPCListConfig) ([]listedObject, error) {
	acls, err := pd.engine.ListNetworkACLs(ctx, engine.NetworkACLFilter{VPCID: cfg.VPCID.ValueString(), Tags: tagsFilter(cfg.Tags)})
	return listedObjects(pd, acls, func(a engine.NetworkACL) (string, string) { return a.ID, a.Name },
		func(ctx context.Context, a engine.NetworkACL) (networkACLModel, error) {
			var diags diag.Diagnostics
			m := networkACLModelOf(ctx, a, &diags)
			return m, errorOf(nil, diags)
		}), err
}
