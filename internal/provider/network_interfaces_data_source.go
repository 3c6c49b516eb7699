package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// networkInterfaceStatuses lists the statuses, for the filter's validator and description.
var networkInterfaceStatuses = []string{engine.StatusAvailable, engine.StatusInUse}

type networkInterfacesDataSourceModel struct {
	ServerID types.String `tfsdk:"server_id"`
	SubnetID types.String `tfsdk:"subnet_id"`
	Status   types.String `tfsdk:"status"`
	IDs      types.List   `tfsdk:"ids"`
	Tags     types.Map    `tfsdk:"tags"`
}

// NewNetworkInterfacesDataSource is the constructor registered with the provider.
func NewNetworkInterfacesDataSource() datasource.DataSource {
	return newEngineDataSource("network_interfaces", "Cannot list network interfaces", networkInterfacesDataSourceSchema, readNetworkInterfacesDataSource)
}

func networkInterfacesDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the IDs of network interfaces, servers' primary network interfaces included, matching every filter given.",
		Attributes: map[string]schema.Attribute{
			"server_id": filterIDAttribute("Only network interfaces attached to this server."),
			"subnet_id": filterIDAttribute("Only network interfaces in this subnet."),
			"status": schema.StringAttribute{
				MarkdownDescription: "Only network interfaces in this status: " + quotedList(networkInterfaceStatuses) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(networkInterfaceStatuses...)},
			},
			"ids":  computedStringListAttribute("The matching network interfaces' IDs: primary ones first, then attached ones by device index, then the rest by ID."),
			"tags": tagsFilterAttribute("network interfaces"),
		},
	}
}

func readNetworkInterfacesDataSource(ctx context.Context, e *engine.Engine, cfg networkInterfacesDataSourceModel) (networkInterfacesDataSourceModel, path.Path, error) {
	f := engine.NetworkInterfaceFilter{
		ServerID: cfg.ServerID.ValueString(),
		SubnetID: cfg.SubnetID.ValueString(),
		Status:   cfg.Status.ValueString(),
		Tags:     tagsFilter(cfg.Tags),
	}
	nics, err := e.ListNetworkInterfaces(ctx, f)
	cfg.IDs = idsOf(nics, func(n engine.NetworkInterface) string { return n.ID })
	logDone(ctx, err, "listed network interfaces", map[string]any{"server_id": f.ServerID, "subnet_id": f.SubnetID, "status": f.Status, "tags": f.Tags, "count": len(nics)})
	return cfg, path.Empty(), err
}
