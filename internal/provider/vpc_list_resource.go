package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// vpcListConfig holds the filters of a VPC listing.
type vpcListConfig struct {
	Tags types.Map `tfsdk:"tags"`
}

// NewVPCListResource is the constructor registered with the provider.
func NewVPCListResource() list.ListResource {
	return newEngineList("vpc", "VPCs", vpcListResourceSchema, findVPCs)
}

func vpcListResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the VPCs of the store, or those holding some tags.",
		Attributes: map[string]schema.Attribute{
			"tags": tagsListFilterAttribute("VPCs"),
		},
	}
}

func findVPCs(ctx context.Context, pd *providerData, cfg vpcListConfig) ([]listedObject, error) {
	vpcs, err := pd.engine.ListVPCs(ctx, engine.VPCFilter{Tags: tagsFilter(cfg.Tags)})
	return listedObjects(pd, vpcs, func(v engine.VPC) (string, string) { return v.ID, v.Name },
		func(_ context.Context, v engine.VPC) (vpcResourceModel, error) { return vpcModelOf(v), nil }), err
}
