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

var _ datasource.DataSourceWithConfigure = &serversDataSource{}

type serversDataSource struct{ dataSourceBase }

type serversDataSourceModel struct {
	VPCID    types.String `tfsdk:"vpc_id"`
	SubnetID types.String `tfsdk:"subnet_id"`
	Tags     types.Map    `tfsdk:"tags"`
	IDs      types.List   `tfsdk:"ids"`
}

// NewServersDataSource is the constructor registered with the provider.
func NewServersDataSource() datasource.DataSource {
	return &serversDataSource{dataSourceBase{name: "servers"}}
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

func (d *serversDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readData(ctx, req, resp, "Cannot list servers", func(ctx context.Context, cfg serversDataSourceModel) (serversDataSourceModel, path.Path, error) {
		f := engine.ServerFilter{VPCID: cfg.VPCID.ValueString(), SubnetID: cfg.SubnetID.ValueString(), Tags: tagsFilter(cfg.Tags)}
		servers, err := d.engine.ListServers(ctx, f)
		cfg.IDs = idsOf(servers, func(s engine.Server) string { return s.ID })
		logDone(ctx, err, "listed servers", map[string]any{"vpc_id": f.VPCID, "subnet_id": f.SubnetID, "tags": f.Tags, "count": len(servers)})
		return cfg, path.Empty(), err
	})
}
