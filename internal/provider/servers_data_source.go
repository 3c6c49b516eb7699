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

var _ datasource.DataSourceWithConfigure = &serversDataSource{}

type serversDataSource struct {
	engine *engine.Engine
}

type serversDataSourceModel struct {
	VPCID    types.String `tfsdk:"vpc_id"`
	SubnetID types.String `tfsdk:"subnet_id"`
	Tags     types.Map    `tfsdk:"tags"`
	IDs      types.List   `tfsdk:"ids"`
}

// NewServersDataSource is the constructor registered with the provider.
func NewServersDataSource() datasource.DataSource { return &serversDataSource{} }

func (d *serversDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_servers"
}

func (d *serversDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the IDs of servers matching every filter given: all the servers of the store when none is.",
		Attributes: map[string]schema.Attribute{
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "Only servers in this VPC.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"subnet_id": schema.StringAttribute{
				MarkdownDescription: "Only servers whose primary network interface is in this subnet.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tags": tagsFilterAttribute("servers"),
			"ids": schema.ListAttribute{
				MarkdownDescription: "The matching servers' IDs, sorted.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
}

func (d *serversDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.engine = engineFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *serversDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg serversDataSourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := engine.ServerFilter{VPCID: cfg.VPCID.ValueString(), SubnetID: cfg.SubnetID.ValueString(), Tags: tagsFilter(cfg.Tags)}
	servers, err := d.engine.ListServers(ctx, f)
	if err != nil {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot list servers", err)
		return
	}
	ids := make([]string, len(servers))
	for i, s := range servers {
		ids[i] = s.ID
	}
	tflog.Debug(ctx, "listed servers", map[string]any{"vpc_id": f.VPCID, "subnet_id": f.SubnetID, "tags": f.Tags, "count": len(ids)})
	cfg.IDs = stringListValue(ids)
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, cfg)...)
}
