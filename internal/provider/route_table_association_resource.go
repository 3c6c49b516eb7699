package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// routeTableAssociation is the kind of eni_route_table_association
// (subnet_association.go).
var routeTableAssociation = newSubnetAssociationKind(&subnetAssociationKind{
	name: "route_table_association", idPrefix: engine.PrefixRouteTableAssociation,
	target: "route_table_id", what: "route table",
	description: "Makes a custom route table of a VPC the one in effect in a subnet of the VPC, instead of the VPC's default table. " +
		"A subnet has at most one. Changing `route_table_id` switches the subnet to the other table in one engine transaction: the subnet " +
		"is never without a table. Destroying the association returns the subnet to its VPC's default route table.",
	subnet:            "The subnet. Changing it replaces the association.",
	targetDescription: "The route table, of the subnet's VPC. Updatable in place: the subnet switches tables in one step.",
	kind:              engine.RouteTableAssociations,
})

type routeTableAssociationModel struct {
	ID       types.String `tfsdk:"id"`
	SubnetID types.String `tfsdk:"subnet_id"`
	TargetID types.String `tfsdk:"route_table_id"`
}

// NewRouteTableAssociationResource is the constructor registered with the provider.
func NewRouteTableAssociationResource() resource.Resource {
	return newSubnetAssociationResource[routeTableAssociationModel](routeTableAssociation)
}
