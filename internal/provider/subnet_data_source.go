package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

var _ datasource.DataSourceWithConfigure = &subnetDataSource{}

type subnetDataSource struct {
	engine *engine.Engine
}

type subnetDataSourceModel struct {
	subnetModel
	AvailableIPCount types.Int64 `tfsdk:"available_ip_count"`
}

// NewSubnetDataSource is the constructor registered with the provider.
func NewSubnetDataSource() datasource.DataSource { return &subnetDataSource{} }

func (d *subnetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_subnet"
}

func (d *subnetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A subnet looked up by ID, with the number of addresses it can still hand out.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The subnet's ID.",
				Required:            true,
			},
			"vpc_id": computed("The ID of the VPC the subnet belongs to."),
			"name":   computed("The subnet's name."),
			"cidr":   computed("The subnet's IPv4 CIDR block."),
			"ipv6_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the subnet has an IPv6 range.",
				Computed:            true,
			},
			"ipv6_cidr":         computed("The subnet's IPv6 /64; null while it has none."),
			"availability_zone": computed("The subnet's availability zone, one of " + quotedList(engine.AvailabilityZones) + "."),
			"gateway_ip":        computed("The subnet's gateway address."),
			"description":       computed("The subnet's description."),
			"available_ip_count": schema.Int64Attribute{
				MarkdownDescription: "How many addresses the subnet can still assign: its host addresses minus the gateway and every address a network interface holds.",
				Computed:            true,
			},
			"tags":     tagsDataSourceAttribute("subnet"),
			"tags_all": tagsAllDataSourceAttribute(),
		},
	}
}

func (d *subnetDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.engine = engineFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *subnetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg subnetDataSourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, err := d.engine.GetSubnet(ctx, cfg.ID.ValueString())
	if err != nil {
		addEngineError(&resp.Diagnostics, path.Root("id"), "Cannot read subnet", err)
		return
	}
	tflog.Debug(ctx, "read subnet", map[string]any{"id": s.ID, "available_ip_count": s.AvailableIPCount})
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, subnetDataSourceModel{
		subnetModel:      subnetModelOf(s.Subnet),
		AvailableIPCount: types.Int64Value(int64(s.AvailableIPCount)),
	})...)
}
