package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

var _ list.ListResourceWithConfigure = &subnetListResource{}

type subnetListResource struct {
	configuredList
}

// subnetListConfig holds the filters of a subnet listing; a tags map will
// join them when subnets have tags.
type subnetListConfig struct {
	VPCID types.String `tfsdk:"vpc_id"`
}

// NewSubnetListResource is the constructor registered with the provider.
func NewSubnetListResource() list.ListResource { return &subnetListResource{} }

func (r *subnetListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_subnet"
}

func (r *subnetListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the subnets of the store, or of one VPC.",
		Attributes: map[string]schema.Attribute{
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "Only the subnets of this VPC.",
				Optional:            true,
			},
		},
	}
}

func (r *subnetListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg subnetListConfig
	r.list(ctx, req, stream, &cfg, "subnets", func(ctx context.Context, pd *providerData) ([]listedObject, error) {
		subnets, err := fromStore(ctx, pd, func(tx engine.Tx) ([]engine.Subnet, error) {
			return tx.ListSubnets(cfg.VPCID.ValueString()) // "" (no filter) lists all
		})
		objects := make([]listedObject, len(subnets))
		for i, s := range subnets {
			objects[i] = listedObject{id: s.ID, name: s.Name, model: func(context.Context) (any, error) { return subnetModelOf(s), nil }}
		}
		return objects, err
	})
}
