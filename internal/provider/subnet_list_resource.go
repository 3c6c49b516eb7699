package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// NewSubnetListResource is the constructor registered with the provider.
func NewSubnetListResource() list.ListResource {
	return newEngineList("subnet", "subnets", subnetListResourceSchema, findSubnets)
}

func subnetListResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the subnets of the store, or of one VPC, or those holding some tags.",
		Attributes: map[string]schema.Attribute{
			"vpc_id": listFilterAttribute("Only the subnets of this VPC."),
			"tags":   tagsListFilterAttribute("subnets"),
		},
	}
}

func findSubnets(ctx context.Context, pd *providerData, cfg inVPCListConfig) ([]listedObject, error) {
	subnets, err := pd.engine.ListSubnets(ctx, engine.SubnetFilter{VPCID: cfg.VPCID.ValueString(), Tags: tagsFilter(cfg.Tags)})
	return listedObjects(pd, subnets, func(s engine.Subnet) (string, string) { return s.ID, s.Name },
		func(_ context.Context, s engine.Subnet) (subnetModel, error) { return subnetModelOf(s), nil }), err
}
