package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

type subnetDataSourceModel struct {
	subnetModel
	AvailableIPCount types.Int64 `tfsdk:"available_ip_count"`
}

// NewSubnetDataSource is the constructor registered with the provider.
func NewSubnetDataSource() datasource.DataSource {
	return newEngineDataSource("subnet", "Cannot read subnet", subnetDataSourceSchema, readSubnetDataSource)
}

func subnetDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A subnet looked up by ID, with the number of addresses it can still hand out.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The subnet's ID.",
				Required:            true,
			},
			"vpc_id":             computedStringAttribute("The ID of the VPC the subnet belongs to."),
			"name":               computedStringAttribute("The subnet's name."),
			"cidr":               computedStringAttribute("The subnet's IPv4 CIDR block."),
			"ipv6_enabled":       computedBoolAttribute("Whether the subnet has an IPv6 range."),
			"ipv6_cidr":          computedStringAttribute("The subnet's IPv6 /64; null while it has none."),
			"availability_zone":  computedStringAttribute("The subnet's availability zone, one of " + quotedList(engine.AvailabilityZones) + "."),
			"gateway_ip":         computedStringAttribute("The subnet's gateway address."),
			"description":        computedStringAttribute("The subnet's description."),
			"route_table_id":     computedStringAttribute("The route table in effect in the subnet: the one associated with it, else its VPC's default route table."),
			"network_acl_id":     computedStringAttribute("The network ACL associated with the subnet; null when none filters it."),
			"available_ip_count": computedInt64Attribute("How many addresses the subnet can still assign: its host addresses minus the gateway and every address a network interface holds."),
			"tags":               tagsDataSourceAttribute("subnet"),
			"tags_all":           tagsAllDataSourceAttribute(),
		},
	}
}

func readSubnetDataSource(ctx context.Context, e *engine.Engine, cfg subnetDataSourceModel) (subnetDataSourceModel, path.Path, error) {
	s, err := e.GetSubnet(ctx, cfg.ID.ValueString())
	logDone(ctx, err, "read subnet", map[string]any{"id": s.ID, "available_ip_count": s.AvailableIPCount})
	return subnetDataSourceModel{subnetModel: subnetModelOf(s.Subnet), AvailableIPCount: types.Int64Value(int64(s.AvailableIPCount))}, path.Root("id"), err
}
