package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

var _ datasource.DataSource = &flavorsDataSource{}

type flavorsDataSource struct{ dataSourceBase }

type flavorsDataSourceModel struct {
	Kind                 types.String `tfsdk:"kind"`
	MinNetworkInterfaces types.Int64  `tfsdk:"min_network_interfaces"`
	Flavors              types.List   `tfsdk:"flavors"`
}

type flavorModel struct {
	Name                 types.String `tfsdk:"name"`
	Kind                 types.String `tfsdk:"kind"`
	VCPUs                types.Int64  `tfsdk:"vcpus"`
	MemoryGiB            types.Int64  `tfsdk:"memory_gib"`
	MaxNetworkInterfaces types.Int64  `tfsdk:"max_network_interfaces"`
	MaxPrivateIPs        types.Int64  `tfsdk:"max_private_ips_per_interface"`
}

// flavorType is the object type of one element of flavors.
var flavorType = frameworkfix.ObjectTypeOf[flavorModel](context.Background())

// NewFlavorsDataSource is the constructor registered with the provider.
func NewFlavorsDataSource() datasource.DataSource {
	return &flavorsDataSource{dataSourceBase{name: "flavors"}}
}

func (d *flavorsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The server flavors of the built-in catalog, optionally filtered by kind and by how many network interfaces they take. " +
			"Use it to pick a flavor large enough for a multi-NIC server.",
		Attributes: map[string]schema.Attribute{
			"kind": schema.StringAttribute{
				MarkdownDescription: "Only flavors of this server kind: " + quotedList(engine.Kinds) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(engine.Kinds...)},
			},
			"min_network_interfaces": schema.Int64Attribute{
				MarkdownDescription: "Only flavors that take at least this many network interfaces, the primary one included.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"flavors": schema.ListNestedAttribute{
				MarkdownDescription: "The matching flavors, in catalog order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name":       schema.StringAttribute{MarkdownDescription: "The flavor's name, as `flavor` of `eni_server` takes it.", Computed: true},
						"kind":       schema.StringAttribute{MarkdownDescription: "The server kind the flavor is for: " + quotedList(engine.Kinds) + ".", Computed: true},
						"vcpus":      schema.Int64Attribute{MarkdownDescription: "Virtual CPUs.", Computed: true},
						"memory_gib": schema.Int64Attribute{MarkdownDescription: "Memory in GiB.", Computed: true},
						"max_network_interfaces": schema.Int64Attribute{
							MarkdownDescription: "The most network interfaces a server of this flavor takes, the primary one included.",
							Computed:            true,
						},
						"max_private_ips_per_interface": schema.Int64Attribute{
							MarkdownDescription: "The most private IPv4 addresses each network interface of a server of this flavor holds: " +
								"its primary address, secondary addresses and bound virtual IPs together (`provider::eni::max_private_ips`).",
							Computed: true,
						},
					},
				},
			},
		},
	}
}

func (d *flavorsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg flavorsDataSourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found := engine.ListFlavors(cfg.Kind.ValueString(), int(cfg.MinNetworkInterfaces.ValueInt64()))
	flavors := make([]flavorModel, len(found))
	for i, f := range found {
		flavors[i] = flavorModel{
			Name:                 types.StringValue(f.Name),
			Kind:                 types.StringValue(f.Kind),
			VCPUs:                types.Int64Value(int64(f.VCPUs)),
			MemoryGiB:            types.Int64Value(int64(f.MemoryGiB)),
			MaxNetworkInterfaces: types.Int64Value(int64(f.MaxNetworkInterfaces)),
			MaxPrivateIPs:        types.Int64Value(int64(f.MaxPrivateIPsPerInterface)),
		}
	}
	list, diags := types.ListValueFrom(ctx, flavorType, flavors)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Debug(ctx, "listed flavors", map[string]any{"kind": cfg.Kind.ValueString(), "min_network_interfaces": cfg.MinNetworkInterfaces.ValueInt64(), "count": len(flavors)})
	cfg.Flavors = list
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, cfg)...)
}
