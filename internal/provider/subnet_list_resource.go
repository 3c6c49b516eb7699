package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// NewSubnetListResource is the constructor registered with the provider.
func NewSubnetListResource() list.ListResource {
	return newInVPCList("subnet", "subnets",
		"Lists the subnets of the store, or of one VPC, or those holding some tags.",
		findSubnets)
}

func findSubnets(ctx context.Context, pd *providerData, cfg inVPCListConfig) ([]listedObject, error) {
	subnets, err := pd.engine.ListSubnets(ctx, engine.SubnetFilter{VPCID: cfg.VPCID.ValueString(), Tags: tagsFilter(cfg.Tags)})
	return listedObjects(pd, subnets, func(s engine.Subnet) (string, string) { return s.ID, s.Name },
		func(_ context.Context, s engine.Subnet) (subnetModel, error) { return subnetModelOf(s), nil }), err
}
