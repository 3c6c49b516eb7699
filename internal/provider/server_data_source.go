package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

var _ datasource.DataSourceWithConfigure = &serverDataSource{}

type serverDataSource struct {
	engine *engine.Engine
}

type serverDataSourceModel struct {
	serverModel
	NetworkInterfaceIDs       types.List  `tfsdk:"network_interface_ids"`
	FreeNetworkInterfaceSlots types.Int64 `tfsdk:"free_network_interface_slots"`
}

// NewServerDataSource is the constructor registered with the provider.
func NewServerDataSource() datasource.DataSource { return &serverDataSource{} }

func (d *serverDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_server"
}

func (d *serverDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a server with the network interfaces attached to it and the slots its flavor still has free.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The server's ID.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name":              computed("The server's name."),
			"kind":              computed("The server kind: " + quotedList(engine.Kinds) + "."),
			"flavor":            computed("The server's flavor."),
			"availability_zone": computed("The server's availability zone."),
			"subnet_id":         computed("The subnet of the primary network interface."),
			"private_ip":        computed("The primary network interface's private IPv4 address."),
			"security_group_ids": schema.SetAttribute{
				MarkdownDescription: "The IDs of the primary network interface's security groups.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"vpc_id":                       computed("The server's VPC."),
			"primary_network_interface_id": computed("The ID of the primary network interface."),
			"max_network_interfaces": schema.Int64Attribute{
				MarkdownDescription: "The most network interfaces the flavor takes, primary included.",
				Computed:            true,
			},
			"network_interface_ids": schema.ListAttribute{
				MarkdownDescription: "Every network interface on the server: the primary one first, then the others by device index.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"free_network_interface_slots": schema.Int64Attribute{
				MarkdownDescription: "How many more network interfaces the server takes: `max_network_interfaces` minus those attached.",
				Computed:            true,
			},
			"tags":     tagsDataSourceAttribute("server"),
			"tags_all": tagsAllDataSourceAttribute(),
		},
	}
}

func (d *serverDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.engine = engineFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *serverDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg serverDataSourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, err := d.engine.GetServer(ctx, cfg.ID.ValueString())
	if err != nil {
		addEngineError(&resp.Diagnostics, path.Root("id"), "Cannot read server", err)
		return
	}
	tflog.Debug(ctx, "read server", map[string]any{"id": s.ID, "network_interface_ids": s.NetworkInterfaceIDs, "free_network_interface_slots": s.FreeNetworkInterfaceSlots})
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, serverDataSourceModel{
		serverModel:               serverModelOf(s),
		NetworkInterfaceIDs:       stringListValue(s.NetworkInterfaceIDs),
		FreeNetworkInterfaceSlots: types.Int64Value(int64(s.FreeNetworkInterfaceSlots)),
	})...)
}
