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
	data *providerData
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

func (r *subnetListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataOf(req.ProviderData, &resp.Diagnostics)
}

func (r *subnetListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg subnetListConfig
	if diags := listConfig(ctx, req, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = listStream(ctx, req, r.data, "subnets", func(ctx context.Context, pd *providerData) ([]listedObject, error) {
		var subnets []engine.Subnet
		err := pd.store.View(ctx, func(tx engine.Tx) (err error) {
			subnets, err = tx.ListSubnets(cfg.VPCID.ValueString()) // "" (no filter) lists all
			return err
		})
		objects := make([]listedObject, len(subnets))
		for i, s := range subnets {
			objects[i] = listedObject{id: s.ID, name: s.Name, model: func(context.Context) (any, error) { return subnetModelOf(s), nil }}
		}
		return objects, err
	})
}
