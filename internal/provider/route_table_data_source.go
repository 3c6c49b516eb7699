package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

type routeTableDataSourceModel struct {
	ID          types.String `tfsdk:"id"`
	SubnetID    types.String `tfsdk:"subnet_id"`
	VPCID       types.String `tfsdk:"vpc_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Default     types.Bool   `tfsdk:"default"`
	SubnetIDs   types.List   `tfsdk:"subnet_ids"`
	Routes      types.List   `tfsdk:"routes"`
	resourceTags
}

// readRouteModel is one route of a table as a data source reads it.
type readRouteModel struct {
	DestinationCIDR    types.String `tfsdk:"destination_cidr"`
	NextHopType        types.String `tfsdk:"next_hop_type"`
	NextHopID          types.String `tfsdk:"next_hop_id"`
	NetworkInterfaceID types.String `tfsdk:"network_interface_id"`
	Description        types.String `tfsdk:"description"`
	Local              types.Bool   `tfsdk:"local"`
}

// readRouteType is the object type of one element of routes.
var readRouteType = frameworkfix.ObjectTypeOf[readRouteModel](context.Background())

// NewRouteTableDataSource is the constructor registered with the provider.
func NewRouteTableDataSource() datasource.DataSource {
	return newEngineDataSource("route_table", "Cannot read route table", routeTableDataSourceSchema, readRouteTableDataSource,
		lookupByIDOrSubnet()...)
}

func routeTableDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one route table with all its routes, its local ones included, either by `id` or by `subnet_id`: " +
			"the table in effect in that subnet, the one it is associated with or else its VPC's default one.",
		Attributes: map[string]schema.Attribute{
			"id":          lookupIDAttribute("The route table's ID. Set either this or `subnet_id`."),
			"subnet_id":   filterIDAttribute("The subnet whose route table in effect to read. Set either this or `id`."),
			"vpc_id":      computedStringAttribute("The ID of the VPC the route table belongs to."),
			"name":        computedStringAttribute("The route table's name."),
			"description": computedStringAttribute("The route table's description."),
			"default": schema.BoolAttribute{
				MarkdownDescription: "Whether this is its VPC's default route table, made with the VPC and used by every subnet associated with no other.",
				Computed:            true,
			},
			"subnet_ids": computedStringListAttribute("The IDs of the subnets that use the route table: those associated with it and, for the default table, " +
				"every subnet of the VPC associated with no other; sorted."),
			"routes": schema.ListNestedAttribute{
				MarkdownDescription: "The route table's routes: the local ones first (the VPC's CIDR, and its IPv6 CIDR when it has one), then by destination. " +
					"The most specific destination that covers an address wins.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"destination_cidr": computedStringAttribute("The destination CIDR block."),
						"next_hop_type": computedStringAttribute("Where the traffic goes: `" + engine.NextHopLocal + "` (inside the VPC) or one of " +
							quotedList(engine.NextHopTypes) + "."),
						"next_hop_id": computedStringAttribute("The network interface or virtual IP the traffic goes to; null for `" + engine.NextHopLocal +
							"` and `" + engine.NextHopInternet + "`."),
						"network_interface_id": computedStringAttribute("The network interface the traffic reaches now: the next hop itself, or the one its virtual IP is bound to; " +
							"null when there is none."),
						"description": computedStringAttribute("The route's description."),
						"local": schema.BoolAttribute{
							MarkdownDescription: "Whether this is one of the table's local routes, which cover the VPC and cannot be removed.",
							Computed:            true,
						},
					},
				},
			},
			"tags":     tagsDataSourceAttribute("route table"),
			"tags_all": tagsAllDataSourceAttribute(),
		},
	}
}

func readRouteTableDataSource(ctx context.Context, e *engine.Engine, cfg routeTableDataSourceModel) (routeTableDataSourceModel, path.Path, error) {
	var (
		t   engine.RouteTableDetails
		err error
	)
	at := path.Root("id")
	if !cfg.ID.IsNull() {
		t, err = e.GetRouteTable(ctx, cfg.ID.ValueString())
	} else {
		at = path.Root("subnet_id")
		t, err = e.GetRouteTableOfSubnet(ctx, cfg.SubnetID.ValueString())
	}
	logDone(ctx, err, "read route table", map[string]any{"id": t.ID, "routes": len(t.Routes)})
	var diags diag.Diagnostics
	m := routeTableDataSourceModelOf(ctx, t, &diags)
	m.SubnetID = cfg.SubnetID
	return m, at, errorOf(err, diags)
}

func routeTableDataSourceModelOf(ctx context.Context, t engine.RouteTableDetails, diags *diag.Diagnostics) routeTableDataSourceModel {
	routes := make([]readRouteModel, len(t.Routes))
	for i, r := range t.Routes {
		routes[i] = readRouteModel{
			DestinationCIDR:    types.StringValue(r.DestinationCIDR),
			NextHopType:        types.StringValue(r.NextHopType),
			NextHopID:          optionalString(r.NextHopID),
			NetworkInterfaceID: optionalString(r.NetworkInterfaceID),
			Description:        types.StringValue(r.Description),
			Local:              types.BoolValue(r.Local()),
		}
	}
	list, d := types.ListValueFrom(ctx, readRouteType, routes)
	diags.Append(d...)
	return routeTableDataSourceModel{
		ID:           types.StringValue(t.ID),
		VPCID:        types.StringValue(t.VPCID),
		Name:         types.StringValue(t.Name),
		Description:  types.StringValue(t.Description),
		Default:      types.BoolValue(t.Default),
		SubnetIDs:    stringListValue(t.SubnetIDs),
		Routes:       list,
		resourceTags: storedTags(t.Tags),
	}
}
