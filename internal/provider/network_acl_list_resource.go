package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// NewNetworkACLListResource is the constructor registered with the provider.
func NewNetworkACLListResource() list.ListResource {
	return newInVPCList("network_acl", "network ACLs",
		"Lists the network ACLs of the store, or of one VPC, or those holding some tags.",
		findNetworkACLs)
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
