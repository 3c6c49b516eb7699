package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

var _ list.ListResourceWithConfigure = &serverListResource{}

type serverListResource struct {
	configuredList
}

// serverListConfig holds the filters of a server listing; a tags map will
// join them when servers have tags.
type serverListConfig struct {
	VPCID    types.String `tfsdk:"vpc_id"`
	SubnetID types.String `tfsdk:"subnet_id"`
}

// NewServerListResource is the constructor registered with the provider.
func NewServerListResource() list.ListResource { return &serverListResource{} }

func (r *serverListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_server"
}

func (r *serverListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the servers of the store, or of one VPC or subnet (the subnet of their primary network interface).",
		Attributes: map[string]schema.Attribute{
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "Only the servers in this VPC.",
				Optional:            true,
			},
			"subnet_id": schema.StringAttribute{
				MarkdownDescription: "Only the servers whose primary network interface is in this subnet.",
				Optional:            true,
			},
		},
	}
}

func (r *serverListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg serverListConfig
	r.list(ctx, req, stream, &cfg, "servers", func(ctx context.Context, pd *providerData) ([]listedObject, error) {
		servers, err := fromStore(ctx, pd, func(tx engine.Tx) ([]engine.Server, error) {
			return tx.ListServers(cfg.SubnetID.ValueString()) // "" (no filter) lists all
		})
		var objects []listedObject
		for _, s := range servers {
			if !matches(cfg.VPCID, s.VPCID) { // the store lists by subnet only
				continue
			}
			objects = append(objects, listedObject{id: s.ID, name: s.Name, model: func(ctx context.Context) (any, error) {
				d, err := pd.engine.GetServer(ctx, s.ID)
				return serverModelOf(d), err
			}})
		}
		return objects, err
	})
}
