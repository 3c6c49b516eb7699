package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

var _ list.ListResourceWithConfigure = &vpcListResource{}

// vpcListResource lists every VPC of the store. It has no filter yet: tags,
// when VPCs have them, will be its first.
type vpcListResource struct {
	configuredList
}

// NewVPCListResource is the constructor registered with the provider.
func NewVPCListResource() list.ListResource { return &vpcListResource{} }

func (r *vpcListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpc"
}

func (r *vpcListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the VPCs of the store.",
	}
}

func (r *vpcListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	r.list(ctx, req, stream, nil, "VPCs", func(ctx context.Context, pd *providerData) ([]listedObject, error) {
		vpcs, err := fromStore(ctx, pd, engine.Tx.ListVPCs)
		objects := make([]listedObject, len(vpcs))
		for i, v := range vpcs {
			objects[i] = listedObject{id: v.ID, name: v.Name, model: func(context.Context) (any, error) { return vpcModelOf(v), nil }}
		}
		return objects, err
	})
}
