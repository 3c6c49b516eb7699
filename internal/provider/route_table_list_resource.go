package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// NewRouteTableListResource is the constructor registered with the provider.
func NewRouteTableListResource() list.ListResource {
	return newInVPCList("route_table", "route tables",
		"Lists the custom route tables of the store, or of one VPC, or those holding some tags. "+
			"A VPC's default table is not listed: it belongs to its `eni_vpc`, and cannot be imported as an `eni_route_table`.",
		findRouteTables)
}

// findRouteTables finds custom tables only: a default table comes and goes
// with its VPC.
func findRouteTables(ctx context.Context, pd *providerData, cfg inVPCListConfig) ([]listedObject, error) {
	tables, err := pd.engine.ListRouteTables(ctx, engine.RouteTableFilter{VPCID: cfg.VPCID.ValueString(), Tags: tagsFilter(cfg.Tags)})
	custom := slices.DeleteFunc(tables, func(t engine.RouteTable) bool { return t.Default })
	return listedObjects(pd, custom, func(t engine.RouteTable) (string, string) { return t.ID, t.Name },
		func(_ context.Context, t engine.RouteTable) (routeTableModel, error) {
			return routeTableModelOf(t), nil
		}), err
}
