// Package terms holds the provider's words for the engine's own: the
// attribute each engine input is, and what a rule's remedy means in Terraform.
// The provider's diagnostics and the generated rules guide (internal/docgen)
// both speak them, so the guide cannot drift from the messages.
package terms

import "github.com/eni/terraform-provider-eni/internal/engine"

// TerraformHints add to a rule's remedy where to find, or how to do, it in
// Terraform.
var TerraformHints = map[*engine.Rule]string{
	engine.RuleNICLimit:       "The eni_flavors data source lists each flavor's max_network_interfaces.",
	engine.RuleSameSubnet:     "The subnet rule is the provider's attachment_subnet_rule argument.",
	engine.RuleStillInUse:     "Terraform destroys a dependent of the same configuration first, and deleting a network interface moves the virtual IPs the same apply moves elsewhere; anything else must go first where it is managed.",
	engine.RuleZoneExists:     "The eni_availability_zones data source lists them.",
	engine.RuleFlavorExists:   "The eni_flavors data source lists them.",
	engine.RuleFlavorFitsKind: "The eni_flavors data source filters flavors by kind.",
	engine.RuleAttachedOnce:   "To move it, change server_id on its eni_network_interface_attachment.",
	engine.RuleGroupExists:    "A group deleted outside Terraform is recreated by the next apply of its eni_security_group.",
	engine.RuleOneAssociation: "An association made outside Terraform can be imported by its ID and changed where it is managed.",
}

// AttributeOf names the provider's attribute for each engine input.
var AttributeOf = map[engine.Field]string{
	engine.FieldID:                   "id",
	engine.FieldName:                 "name",
	engine.FieldDescription:          "description",
	engine.FieldVPCID:                "vpc_id",
	engine.FieldSubnetID:             "subnet_id",
	engine.FieldCIDR:                 "cidr",
	engine.FieldGatewayIP:            "gateway_ip",
	engine.FieldAvailabilityZone:     "availability_zone",
	engine.FieldKind:                 "kind",
	engine.FieldFlavor:               "flavor",
	engine.FieldPrivateIP:            "private_ip",
	engine.FieldSecurityGroupIDs:     "security_group_ids",
	engine.FieldSecurityGroupRules:   "rules",
	engine.FieldNetworkInterfaceID:   "network_interface_id",
	engine.FieldServerID:             "server_id",
	engine.FieldDeviceIndex:          "device_index",
	engine.FieldBandwidthMbps:        "bandwidth_mbps",
	engine.FieldAttachmentSubnetRule: "attachment_subnet_rule",

	engine.FieldSecondaryPrivateIPs:     "secondary_private_ips",
	engine.FieldSecondaryPrivateIPCount: "secondary_private_ip_count",
	engine.FieldIPAddress:               "ip_address",
	engine.FieldIPv6Enabled:             "ipv6_enabled",
	engine.FieldIPv6Addresses:           "ipv6_addresses",
	engine.FieldIPv6AddressCount:        "ipv6_address_count",
	engine.FieldTags:                    "tags",

	engine.FieldRouteTableID:    "route_table_id",
	engine.FieldDestinationCIDR: "destination_cidr",
	engine.FieldNextHopType:     "next_hop_type",
	engine.FieldNextHopID:       "next_hop_id",
	engine.FieldSourceDestCheck: "source_dest_check",
	engine.FieldNetworkACLID:    "network_acl_id",
	engine.FieldIngress:         "ingress",
	engine.FieldEgress:          "egress",

	engine.FieldSourceNetworkInterfaceID:      "source_network_interface_id",
	engine.FieldSourceIP:                      "source_ip",
	engine.FieldDestinationNetworkInterfaceID: "destination_network_interface_id",
	engine.FieldDestinationIP:                 "destination_ip",
	engine.FieldProtocol:                      "protocol",
	engine.FieldPort:                          "port",
}
