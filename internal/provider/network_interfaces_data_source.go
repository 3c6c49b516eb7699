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

var _ datasource.DataSourceWithConfigure = &networkInterfacesDataSource{}

// networkInterfaceStatuses lists the statuses, for the filter's validator and description.
var networkInterfaceStatuses = []string{engine.StatusAvailable, engine.StatusInUse}

type networkInterfacesDataSource struct {
	engine *engine.Engine
}

type networkInterfacesDataSourceModel struct {
	ServerID types.String `tfsdk:"server_id"`
	SubnetID types.String `tfsdk:"subnet_id"`
	Status   types.String `tfsdk:"status"`
	IDs      types.List   `tfsdk:"ids"`
	Tags     types.Map    `tfsdk:"tags"`
}

// NewNetworkInterfacesDataSource is the constructor registered with the provider.
func NewNetworkInterfacesDataSource() datasource.DataSource { return &networkInterfacesDataSource{} }

func (d *networkInterfacesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network_interfaces"
}

func (d *networkInterfacesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the IDs of network interfaces, servers' primary network interfaces included, matching every filter given.",
		Attributes: map[string]schema.Attribute{
			"server_id": schema.StringAttribute{
				MarkdownDescription: "Only network interfaces attached to this server.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"subnet_id": schema.StringAttribute{
				MarkdownDescription: "Only network interfaces in this subnet.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Only network interfaces in this status: " + quotedList(networkInterfaceStatuses) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(networkInterfaceStatuses...)},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "The matching network interfaces' IDs: primary ones first, then attached ones by device index, then the rest by ID.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"tags": tagsFilterAttribute("network interfaces"),
		},
	}
}

func (d *networkInterfacesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.engine = engineFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *networkInterfacesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg networkInterfacesDataSourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := engine.NetworkInterfaceFilter{
		ServerID: cfg.ServerID.ValueString(),
		SubnetID: cfg.SubnetID.ValueString(),
		Status:   cfg.Status.ValueString(),
		Tags:     tagsFilter(cfg.Tags),
	}
	list, err := d.engine.ListNetworkInterfaces(ctx, f)
	if err != nil {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot list network interfaces", err)
		return
	}
	ids := make([]string, len(list))
	for i, n := range list {
		ids[i] = n.ID
	}
	tflog.Debug(ctx, "listed network interfaces", map[string]any{"server_id": f.ServerID, "subnet_id": f.SubnetID, "status": f.Status, "tags": f.Tags, "count": len(ids)})
	cfg.IDs = stringListValue(ids)
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, cfg)...)
}
