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
	objects := make([]listedObject, len(subnets))
	for i, s := range subnets {
		objects[i] = listedObject{id: s.ID, name: s.Name, model: func(context.Context) (any, error) {
			m := subnetModelOf(s)
			m.Tags = pd.defaultTags.importedTags(s.Tags)
			return m, nil
		}}
	}
	return objects, err
}
