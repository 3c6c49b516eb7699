package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

type serversDataSourceModel struct {
	serverFilters
	IDs types.List `tfsdk:"ids"`
}

// NewServersDataSource is the constructor registered with the provider.
func NewServersDataSource() datasource.DataSource {
	return newEngineDataSource("servers", "Cannot list servers", serversDataSourceSchema, readServersDataSource)
}

func serversDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the IDs of servers matching every filter given: all the servers of the store when none is.",
		Attributes: map[string]schema.Attribute{
			"vpc_id":    filterIDAttribute("Only servers in this VPC."),
			"subnet_id": filterIDAttribute("Only servers whose primary network interface is in this subnet."),
			"tags":      tagsFilterAttribute("servers"),
			"ids":       computedStringListAttribute("The matching servers' IDs, sorted."),
		},
	}
}

func readServersDataSource(ctx context.Context, e *engine.Engine, cfg serversDataSourceModel) (serversDataSourceModel, path.Path, error) {
	f := cfg.engineFilter()
	servers, err := e.ListServers(ctx, f)
	cfg.IDs = idsOf(servers, func(s engine.Server) string { return s.ID })
	logDone(ctx, err, "listed servers", map[string]any{"vpc_id": f.VPCID, "subnet_id": f.SubnetID, "tags": f.Tags, "count": len(servers)})
	return cfg, path.Empty(), err
}
