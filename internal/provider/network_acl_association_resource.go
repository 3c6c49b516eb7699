package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// networkACLAssociation is the kind of eni_network_acl_association
// (subnet_association.go).
var networkACLAssociation = newSubnetAssociationKind(&subnetAssociationKind{
	name: "network_acl_association", idPrefix: engine.PrefixNetworkACLAssociation,
	target: "network_acl_id", what: "network ACL",
	description: "Associates a subnet with a network ACL of its VPC, which then filters the traffic entering and leaving the subnet. " +
		"A subnet has at most one network ACL; a subnet with none filters nothing. A network ACL with associated subnets cannot be deleted.",
	subnet: "The subnet to filter. Changing it replaces the association.",
	targetDescription: "The network ACL, of the subnet's VPC. Updatable in place: changing it switches the subnet to the other ACL in one step, " +
		"so the subnet is never left unfiltered.",
	kind: engine.NetworkACLAssociations,
})

type networkACLAssociationModel struct {
	ID       types.String `tfsdk:"id"`
	SubnetID types.String `tfsdk:"subnet_id"`
	TargetID types.String `tfsdk:"network_acl_id"`
}

// NewNetworkACLAssociationResource is the constructor registered with the provider.
func NewNetworkACLAssociationResource() resource.Resource {
	return newSubnetAssociationResource[networkACLAssociationModel](networkACLAssociation)
}
