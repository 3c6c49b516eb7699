package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// serverFilters are the filters of a server listing, of the servers data
// source and the server list resource alike.
type serverFilters struct {
	VPCID    types.String `tfsdk:"vpc_id"`
	SubnetID types.String `tfsdk:"subnet_id"`
	Tags     types.Map    `tfsdk:"tags"`
}

// engineFilter is the engine's filter for the filters set.
func (f serverFilters) engineFilter() engine.ServerFilter {
	return engine.ServerFilter{VPCID: f.VPCID.ValueString(), SubnetID: f.SubnetID.ValueString(), Tags: tagsFilter(f.Tags)}
}

// NewServerListResource is the constructor registered with the provider.
func NewServerListResource() list.ListResource {
	return newEngineList("server", "servers", serverListResourceSchema, findServers)
}

func serverListResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the servers of the store, or of one VPC or subnet (the subnet of their primary network interface), or those holding some tags.",
		Attributes: map[string]schema.Attribute{
			"vpc_id":    listFilterAttribute("Only the servers in this VPC."),
			"subnet_id": listFilterAttribute("Only the servers whose primary network interface is in this subnet."),
			"tags":      tagsListFilterAttribute("servers"),
		},
	}
}

func findServers(ctx context.Context, pd *providerData, filters serverFilters) ([]listedObject, error) {
	servers, err := pd.engine.ListServers(ctx, filters.engineFilter())
	return listedObjects(pd, servers, func(s engine.Server) (string, string) { return s.ID, s.Name },
		func(ctx context.Context, s engine.Server) (serverModel, error) {
			d, err := pd.engine.GetServer(ctx, s.ID)
			return serverModelOf(d), err
		}), err
}
