package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

var _ datasource.DataSource = &availabilityZonesDataSource{}

type availabilityZonesDataSource struct{ dataSourceBase }

type availabilityZonesDataSourceModel struct {
	ID    types.String `tfsdk:"id"`
	Names types.List   `tfsdk:"names"`
}

// NewAvailabilityZonesDataSource is the constructor registered with the provider.
func NewAvailabilityZonesDataSource() datasource.DataSource {
	return &availabilityZonesDataSource{dataSourceBase{name: "availability_zones"}}
}

func (d *availabilityZonesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The availability zones of the region (`" + engine.Region + "`): " + quotedList(engine.AvailabilityZones) + ".",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The region's name, `" + engine.Region + "`.",
				Computed:            true,
			},
			"names": computedStringListAttribute("The zone names, in order."),
		},
	}
}

func (d *availabilityZonesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	tflog.Debug(ctx, "listed availability zones", map[string]any{"region": engine.Region, "count": len(engine.AvailabilityZones)})
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, availabilityZonesDataSourceModel{ID: types.StringValue(engine.Region), Names: stringListValue(engine.AvailabilityZones)})...)
}
