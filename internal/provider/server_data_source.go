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

type serverDataSourceModel struct {
	serverModel
	NetworkInterfaceIDs       types.List  `tfsdk:"network_interface_ids"`
	FreeNetworkInterfaceSlots types.Int64 `tfsdk:"free_network_interface_slots"`
}

// NewServerDataSource is the constructor registered with the provider.
func NewServerDataSource() datasource.DataSource {
	return newEngineDataSource("server", "Cannot read server", serverDataSourceSchema, readServerDataSource)
}

func serverDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads a server with the network interfaces attached to it and the slots its flavor still has free.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The server's ID.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name":                         computedStringAttribute("The server's name."),
			"kind":                         computedStringAttribute("The server kind: " + quotedList(engine.Kinds) + "."),
			"flavor":                       computedStringAttribute("The server's flavor."),
			"availability_zone":            computedStringAttribute("The server's availability zone."),
			"subnet_id":                    computedStringAttribute("The subnet of the primary network interface."),
			"private_ip":                   computedStringAttribute("The primary network interface's private IPv4 address."),
			"security_group_ids":           computedStringSetAttribute("The IDs of the primary network interface's security groups."),
			"vpc_id":                       computedStringAttribute("The server's VPC."),
			"primary_network_interface_id": computedStringAttribute("The ID of the primary network interface."),
			"max_network_interfaces":       computedInt64Attribute("The most network interfaces the flavor takes, primary included."),
			"source_dest_check":            computedBoolAttribute("Whether the primary network interface drops traffic neither from nor to its own addresses."),
			"network_interface_ids":        computedStringListAttribute("Every network interface on the server: the primary one first, then the others by device index."),
			"free_network_interface_slots": computedInt64Attribute("How many more network interfaces the server takes: `max_network_interfaces` minus those attached."),
			"tags":                         tagsDataSourceAttribute("server"),
			"tags_all":                     tagsAllDataSourceAttribute(),
		},
	}
}

func readServerDataSource(ctx context.Context, e *engine.Engine, cfg serverDataSourceModel) (serverDataSourceModel, path.Path, error) {
	s, err := e.GetServer(ctx, cfg.ID.ValueString())
	logDone(ctx, err, "read server", map[string]any{"id": s.ID, "network_interface_ids": s.NetworkInterfaceIDs, "free_network_interface_slots": s.FreeNetworkInterfaceSlots})
	return serverDataSourceModel{
		serverModel:               serverModelOf(s),
		NetworkInterfaceIDs:       stringListValue(s.NetworkInterfaceIDs),
		FreeNetworkInterfaceSlots: types.Int64Value(int64(s.FreeNetworkInterfaceSlots)),
	}, path.Root("id"), err
}
