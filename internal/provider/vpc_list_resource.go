package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

var _ list.ListResourceWithConfigure = &vpcListResource{}

// vpcListResource lists the VPCs of the store.
type vpcListResource struct {
	configuredList
}

// vpcListConfig holds the filters of a VPC listing.
type vpcListConfig struct {
	Tags types.Map `tfsdk:"tags"`
}

// NewVPCListResource is the constructor registered with the provider.
func NewVPCListResource() list.ListResource { return &vpcListResource{configuredList{name: "vpc"}} }

func (r *vpcListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the VPCs of the store, or those holding some tags.",
		Attributes: map[string]schema.Attribute{
			"tags": tagsListFilterAttribute("VPCs"),
		},
	}
}

func (r *vpcListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg vpcListConfig
	r.list(ctx, req, stream, &cfg, "VPCs", func(ctx context.Context, pd *providerData) ([]listedObject, error) {
		vpcs, err := pd.engine.ListVPCs(ctx, engine.VPCFilter{Tags: tagsFilter(cfg.Tags)})
		objects := make([]listedObject, len(vpcs))
		for i, v := range vpcs {
			objects[i] = listedObject{id: v.ID, name: v.Name, model: func(context.Context) (any, error) {
				m := vpcModelOf(v)
				m.Tags = pd.defaultTags.importedTags(v.Tags)
				return m, nil
			}}
		}
		return objects, err
	})
}
