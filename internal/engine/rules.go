package engine

import "fmt"

// A Rule is one thing the engine refuses: its number in DESIGN.md's rules
// table (0 for the input checks outside it), its stable code, the input it
// concerns, what it says and what to do about it. Each rule is refused by
// one check function, the only code that builds its error and message, and
// that function serves every operation, the plan-time checks and the
// invariant checker alike. Rules lists them all; the provider's diagnostics
// and docs/guides/rules.md are rendered from it.
type Rule struct {
	Number    int
	Code      string
	Field     Field
	Statement string
	Remedy    string
}

// refuse builds rule r's error; the message states the facts of the case,
// the remedy comes from the rule.
func (r *Rule) refuse(format string, args ...any) *Error {
	return &Error{Code: r.Code, Message: fmt.Sprintf(format, args...), Field: r.Field, Rule: r}
}

// A Field names an engine input, in the engine's words (the fields of its
// input types). The provider maps each to its attribute.
type Field string

const (
	FieldID                   Field = "ID"
	FieldName                 Field = "Name"
	FieldDescription          Field = "Description"
	FieldVPCID                Field = "VPCID"
	FieldSubnetID             Field = "SubnetID"
	FieldCIDR                 Field = "CIDR"
	FieldGatewayIP            Field = "GatewayIP"
	FieldAvailabilityZone     Field = "AvailabilityZone"
	FieldKind                 Field = "Kind"
	FieldFlavor               Field = "Flavor"
	FieldPrivateIP            Field = "PrivateIP"
	FieldSecurityGroupIDs     Field = "SecurityGroupIDs"
	FieldSecurityGroupRules   Field = "Rules"
	FieldNetworkInterfaceID   Field = "NetworkInterfaceID"
	FieldServerID             Field = "ServerID"
	FieldDeviceIndex          Field = "DeviceIndex"
	FieldBandwidthMbps        Field = "BandwidthMbps"
	FieldAttachmentSubnetRule Field = "AttachmentSubnetRule"

	FieldSecondaryPrivateIPs     Field = "SecondaryPrivateIPs"
	FieldSecondaryPrivateIPCount Field = "SecondaryPrivateIPCount"
	FieldIPAddress               Field = "IPAddress" // a virtual IP's address
	FieldIPv6Enabled             Field = "IPv6Enabled"
	FieldIPv6Addresses           Field = "IPv6Addresses"
	FieldIPv6AddressCount        Field = "IPv6AddressCount"
	FieldTags                    Field = "Tags"

	FieldRouteTableID    Field = "RouteTableID"
	FieldDestinationCIDR Field = "DestinationCIDR"
	FieldNextHopType     Field = "NextHopType"
	FieldNextHopID       Field = "NextHopID"
	FieldSourceDestCheck Field = "SourceDestCheck"
	FieldNetworkACLID    Field = "NetworkACLID"
	FieldIngress         Field = "Ingress" // a network ACL's ingress rules
	FieldEgress          Field = "Egress"  // a network ACL's egress rules

	FieldSourceNetworkInterfaceID      Field = "SourceNetworkInterfaceID"
	FieldSourceIP                      Field = "SourceIP"
	FieldDestinationNetworkInterfaceID Field = "DestinationNetworkInterfaceID"
	FieldDestinationIP                 Field = "DestinationIP"
	FieldProtocol                      Field = "Protocol"
	FieldPort                          Field = "Port"
)

// valueName is how a message names a value given for the field.
func (f Field) valueName() string {
	switch f {
	case FieldCIDR:
		return "CIDR"
	case FieldGatewayIP:
		return "gateway IP"
	case FieldPrivateIP:
		return "private IP"
	case FieldSecondaryPrivateIPs:
		return "secondary private IP"
	case FieldIPAddress:
		return "virtual IP address"
	case FieldIPv6Addresses:
		return "IPv6 address"
	case FieldSecurityGroupRules, FieldIngress, FieldEgress:
		return "rule remote CIDR"
	case FieldDestinationCIDR:
		return "destination CIDR"
	case FieldSourceIP:
		return "source IP"
	case FieldDestinationIP:
		return "destination IP"
	}
	return "address"
}

// The numbered rules of DESIGN.md, in its order.
var (
	RulePrimaryNIC = &Rule{Number: 1, Code: CodeOperationNotPermitted, Field: FieldNetworkInterfaceID,
		Statement: "A server's primary NIC cannot be detached, moved or deleted on its own.",
		Remedy:    "A server's primary NIC lives and dies with the server; attach an extension NIC instead."}
	RuleAttachedOnce = &Rule{Number: 2, Code: CodeNetworkInterfaceInUse, Field: FieldNetworkInterfaceID,
		Statement: "An ENI attached to a server cannot be attached elsewhere or deleted.",
		Remedy:    "Detach the network interface first, or change the server of its attachment to move it in one step."}
	RuleSameZone = &Rule{Number: 3, Code: CodeAvailabilityZoneMismatch, Field: FieldServerID,
		Statement: "An ENI and its server are in the same availability zone, and so are a server and its primary NIC's subnet.",
		Remedy:    "Use a subnet of the server's availability zone, or a server in the subnet's zone."}
	RuleSameVPC = &Rule{Number: 4, Code: CodeVpcMismatch, Field: FieldServerID,
		Statement: "An ENI and its server are in the same VPC.",
		Remedy:    "Create the network interface in a subnet of the server's VPC."}
	RuleSameSubnet = &Rule{Number: 5, Code: CodeSubnetMismatch, Field: FieldServerID,
		Statement: "An ENI and its server's primary NIC are in the same subnet when the attachment subnet rule is same_subnet (the default); same_vpc allows any subnet of the VPC.",
		Remedy:    "Create the network interface in the server's subnet, or allow any subnet of the VPC with the same_vpc attachment subnet rule."}
	RuleVirtualIPSubnet = &Rule{Number: 5, Code: CodeSubnetMismatch, Field: FieldNetworkInterfaceID,
		Statement: "A virtual IP is bound only to an ENI of its own subnet.",
		Remedy:    "Bind the virtual IP to a network interface of its subnet, or create it in the network interface's subnet."}
	RuleNICLimit = &Rule{Number: 6, Code: CodeAttachmentLimitExceeded, Field: FieldServerID,
		Statement: "The NICs on a server, the primary one included, never exceed its flavor's maximum; a resize below the NICs it holds is refused.",
		Remedy:    "Choose a flavor with more network interfaces, or detach one first."}
	RuleDeviceIndex = &Rule{Number: 7, Code: CodeInvalidParameterValue, Field: FieldDeviceIndex,
		Statement: "A device index is free on the server and between 1 and the flavor's maximum NICs less one (0 is the primary NIC's).",
		Remedy:    "Choose a free device index, or leave it out to take the lowest free one."}
	RuleAddressAssignable = &Rule{Number: 8, Code: CodeInvalidParameterValue, Field: FieldPrivateIP,
		Statement: "A requested address is inside the subnet and is not its network, gateway or broadcast address (for IPv6: inside the subnet's /64 and not its subnet-router address).",
		Remedy:    "Choose an address inside the subnet's range other than its reserved addresses, or leave it out to have one allocated."}
	RuleAddressFree = &Rule{Number: 8, Code: CodeIPAddressInUse, Field: FieldPrivateIP,
		Statement: "An address of a subnet has one holder at most: one ENI (as its primary, a secondary or an IPv6 address) or one virtual IP.",
		Remedy:    "Choose another address, or leave it out to have one allocated."}
	RuleSubnetFull = &Rule{Number: 9, Code: CodeInsufficientFreeAddresses, Field: FieldSubnetID,
		Statement: "A subnet with no free address says so.",
		Remedy:    "Free addresses in the subnet or use a larger subnet."}
	RuleGroupExists = &Rule{Number: 10, Code: CodeGroupNotFound, Field: FieldSecurityGroupIDs,
		Statement: "The security groups of an ENI exist.",
		Remedy:    "Check the security group IDs; a group may have been deleted by someone else."}
	RuleGroupInVPC = &Rule{Number: 10, Code: CodeInvalidParameterValue, Field: FieldSecurityGroupIDs,
		Statement: "The security groups of an ENI are in its VPC, each listed once.",
		Remedy:    "Use security groups of the network interface's VPC, each once."}
	RuleGroupLimit = &Rule{Number: 10, Code: CodeSecurityGroupsPerInterfaceLimit, Field: FieldSecurityGroupIDs,
		Statement: fmt.Sprintf("An ENI has at most %d security groups.", MaxSecurityGroups),
		Remedy:    "Merge rules into fewer security groups."}
	RuleStillInUse = &Rule{Number: 11, Code: CodeDependencyViolation, Field: FieldID,
		Statement: "A VPC, subnet or security group still in use cannot be deleted, nor an ENI (or the server of a primary ENI) a virtual IP is bound to, nor a VPC's IPv6 range while a subnet uses it; an EIP bound to an ENI is unbound first.",
		Remedy:    "Delete or move what still depends on it first."}
	RuleNetworkInterfaceExists = &Rule{Number: 12, Code: CodeNetworkInterfaceNotFound, Field: FieldNetworkInterfaceID,
		Statement: "A network interface ID names an existing network interface.", Remedy: notFoundRemedy}
	RuleServerExists = &Rule{Number: 12, Code: CodeServerNotFound, Field: FieldServerID,
		Statement: "A server ID names an existing server.", Remedy: notFoundRemedy}
	RuleVPCExists = &Rule{Number: 12, Code: CodeVpcNotFound, Field: FieldVPCID,
		Statement: "A VPC ID names an existing VPC.", Remedy: notFoundRemedy}
	RuleSubnetExists = &Rule{Number: 12, Code: CodeSubnetNotFound, Field: FieldSubnetID,
		Statement: "A subnet ID names an existing subnet.", Remedy: notFoundRemedy}
	RuleEIPExists = &Rule{Number: 12, Code: CodeEipNotFound, Field: FieldID,
		Statement: "An EIP ID names an existing EIP.", Remedy: notFoundRemedy}
	RuleVirtualIPExists = &Rule{Number: 12, Code: CodeVirtualIPNotFound, Field: FieldID,
		Statement: "A virtual IP ID names an existing virtual IP.", Remedy: notFoundRemedy}
	RuleRouteTableExists = &Rule{Number: 12, Code: CodeRouteTableNotFound, Field: FieldRouteTableID,
		Statement: "A route table ID names an existing route table.", Remedy: notFoundRemedy}
	RuleRouteExists = &Rule{Number: 12, Code: CodeRouteNotFound, Field: FieldDestinationCIDR,
		Statement: "A route is named by an existing route table and a destination it has a route for.", Remedy: notFoundRemedy}
	RuleNetworkACLExists = &Rule{Number: 12, Code: CodeNetworkACLNotFound, Field: FieldNetworkACLID,
		Statement: "A network ACL ID names an existing network ACL.", Remedy: notFoundRemedy}
	RuleAssociationExists = &Rule{Number: 12, Code: CodeAssociationNotFound, Field: FieldID,
		Statement: "An association ID names an existing association of a subnet with a route table or network ACL.", Remedy: notFoundRemedy}
	RuleServerDeletionDetaches = &Rule{Number: 13,
		Statement: "Deleting a server detaches its extension ENIs, which become available with their private IP, MAC, security groups and EIP."}
	RuleMoveIsAtomic = &Rule{Number: 14,
		Statement: "Moving an attached ENI to another server is one transaction: it ends attached to the new server, or it stays where it was."}
	RulePrivateIPLimit = &Rule{Number: 15, Code: CodePrivateIPAddressLimitExceeded, Field: FieldNetworkInterfaceID,
		Statement: fmt.Sprintf("The private IPv4 addresses of an ENI (primary, secondary and virtual IPs bound to it) never exceed its server flavor's cap per interface, or %d on no server: attach, move, resize, assigning secondary IPs and binding virtual IPs are refused beyond it.",
			MaxPrivateIPsUnattached),
		Remedy: "Use fewer secondary or virtual IPs on the network interface, or a flavor that takes more private IPs per interface."}
	RuleRouteTableLimit = &Rule{Number: 16, Code: CodeRouteTableLimitExceeded, Field: FieldVPCID,
		Statement: fmt.Sprintf("A VPC has at most %d route tables, its default one included.", MaxRouteTablesPerVPC),
		Remedy:    "Share a route table between subnets, or delete one the VPC no longer needs."}
	RuleRouteLimit = &Rule{Number: 16, Code: CodeRouteLimitExceeded, Field: FieldDestinationCIDR,
		Statement: fmt.Sprintf("A route table has at most %d routes besides its local ones.", MaxRoutesPerTable),
		Remedy:    "Merge routes into wider destinations, or spread the subnets over several route tables."}
	RuleRouteDestination = &Rule{Number: 17, Code: CodeInvalidParameterValue, Field: FieldDestinationCIDR,
		Statement: "A route's destination is not inside its VPC's CIDR: the local route covers the VPC and cannot be replaced or removed.",
		Remedy:    "Route a destination outside the VPC's CIDR; traffic inside the VPC always takes the local route."}
	RuleRouteUnique = &Rule{Number: 17, Code: CodeRouteAlreadyExists, Field: FieldDestinationCIDR,
		Statement: "A route table has one route per destination.",
		Remedy:    "Change the next hop of the existing route instead, or choose another destination."}
	RuleRoutingSameVPC = &Rule{Number: 18, Code: CodeVpcMismatch, Field: FieldNextHopID,
		Statement: "A route's next hop, an association's subnet and the route table or network ACL it names are all in one VPC.",
		Remedy:    "Name a next hop, subnet, route table or network ACL of the same VPC."}
	RuleOneAssociation = &Rule{Number: 18, Code: CodeAlreadyAssociated, Field: FieldSubnetID,
		Statement: "A subnet is associated with at most one route table and one network ACL.",
		Remedy:    "Change the route table or network ACL of the existing association instead, in one step."}
	RuleForwarding = &Rule{Number: 19, Code: CodeSourceDestCheckEnabled, Field: FieldNextHopID,
		Statement: "A NIC that is a route's next hop, directly or as the NIC a next-hop virtual IP is bound to, has its source/destination check off: such a route to a NIC with the check on, binding or moving such a virtual IP to one, and turning the check on under such a route are refused.",
		Remedy:    "Turn source_dest_check off on the network interface first (a NIC with the check on drops the traffic it would forward), or route to another next hop."}
	RuleRoutingInUse = &Rule{Number: 20, Code: CodeDependencyViolation, Field: FieldID,
		Statement: "A route table or network ACL with associated subnets, and a NIC, virtual IP or server (by its primary NIC) a route names, cannot be deleted; a VPC's default route table goes only with the VPC, and a VPC with custom route tables or network ACLs is in use.",
		Remedy:    "Remove the associations or routes that still depend on it first."}
	RuleACLEntryLimit = &Rule{Number: 21, Code: CodeNetworkACLEntryLimitExceeded, Field: FieldIngress,
		Statement: fmt.Sprintf("A network ACL has at most %d ingress and %d egress rules.", MaxACLRulesPerDirection, MaxACLRulesPerDirection),
		Remedy:    "Merge rules into wider port ranges or CIDR blocks."}
	RuleACLRule = &Rule{Number: 21, Code: CodeInvalidParameterValue, Field: FieldIngress,
		Statement: "A network ACL rule allows or denies, and has a known protocol, a port range within 0-65535, an IPv4 remote CIDR and a description of at most 255 characters, as a security group rule does.",
		Remedy:    "Correct the rule."}
)

const notFoundRemedy = "Check the ID; the object may have been deleted by someone else."

// Input and state checks outside the numbered rules.
var (
	RuleNotAttached = &Rule{Code: CodeIncorrectState, Field: FieldNetworkInterfaceID,
		Statement: "Only an attached ENI can be detached or moved.",
		Remedy:    "Attach the network interface instead."}
	RuleName = &Rule{Code: CodeInvalidParameterValue, Field: FieldName,
		Statement: fmt.Sprintf("A name has 1 to %d characters: letters, digits, '-', '_' and '.'.", MaxNameLength),
		Remedy:    "Choose a name that follows the rule."}
	RuleDescription = &Rule{Code: CodeInvalidParameterValue, Field: FieldDescription,
		Statement: fmt.Sprintf("A description has at most %d characters.", MaxDescriptionLength),
		Remedy:    "Shorten the description."}
	RuleCIDR = &Rule{Code: CodeInvalidParameterValue, Field: FieldCIDR,
		Statement: fmt.Sprintf("A CIDR is an IPv4 network in canonical form; a VPC's or subnet's is private (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) and /%d to /%d.",
			MinPrefixLength, MaxPrefixLength),
		Remedy: "Write the network address with its prefix length, such as 10.0.0.0/16."}
	RuleAddressSyntax = &Rule{Code: CodeInvalidParameterValue, Field: FieldPrivateIP,
		Statement: "An IPv4 address is written in dotted form with no leading zeros.",
		Remedy:    "Write a dotted IPv4 address such as 10.0.1.10."}
	RuleIPv6AddressSyntax = &Rule{Code: CodeInvalidParameterValue, Field: FieldIPv6Addresses,
		Statement: "An IPv6 address is written in its canonical form (RFC 5952: lower case, no leading zeros, the longest run of zero groups as ::), the form the region reports.",
		Remedy:    "Write an IPv6 address in canonical form, such as fd00:1:2:3::10."}
	RuleSubnetInVPC = &Rule{Code: CodeSubnetRange, Field: FieldCIDR,
		Statement: "A subnet's CIDR is inside its VPC's CIDR.",
		Remedy:    "Choose a CIDR inside the VPC's CIDR."}
	RuleSubnetsDisjoint = &Rule{Code: CodeSubnetConflict, Field: FieldCIDR,
		Statement: "A subnet's CIDR overlaps no other subnet of its VPC.",
		Remedy:    "Choose a range of the VPC that no other subnet uses."}
	RuleGatewayInSubnet = &Rule{Code: CodeInvalidParameterValue, Field: FieldGatewayIP,
		Statement: "A subnet's gateway is a host address of its CIDR.",
		Remedy:    "Choose a host address of the subnet's CIDR, or leave it out to use the first one."}
	RuleZoneExists = &Rule{Code: CodeInvalidParameterValue, Field: FieldAvailabilityZone,
		Statement: "An availability zone is one of the region's zones.",
		Remedy:    "Choose one of the region's zones."}
	RuleServerKind = &Rule{Code: CodeInvalidParameterValue, Field: FieldKind,
		Statement: "A server is of kind ecs or bms.",
		Remedy:    "Choose ecs for a virtual machine or bms for a bare-metal server."}
	RuleFlavorExists = &Rule{Code: CodeFlavorNotFound, Field: FieldFlavor,
		Statement: "A flavor is one of the catalog's.",
		Remedy:    "Choose a flavor of the catalog."}
	RuleFlavorFitsKind = &Rule{Code: CodeInvalidParameterValue, Field: FieldFlavor,
		Statement: "A server's flavor is of the server's kind.",
		Remedy:    "Choose a flavor of the server's kind."}
	RuleSecurityGroupRule = &Rule{Code: CodeInvalidParameterValue, Field: FieldSecurityGroupRules,
		Statement: "A security group rule has a known direction and protocol, a port range within 0-65535 and an IPv4 remote CIDR.",
		Remedy:    "Correct the rule."}
	RuleBandwidth = &Rule{Code: CodeInvalidParameterValue, Field: FieldBandwidthMbps,
		Statement: fmt.Sprintf("An EIP's bandwidth is %d to %d Mbit/s.", MinBandwidthMbps, MaxBandwidthMbps),
		Remedy:    "Choose a bandwidth within the range."}
	RuleOneEIPPerNIC = &Rule{Code: CodeEipAlreadyAssociated, Field: FieldNetworkInterfaceID,
		Statement: "An ENI has at most one EIP.",
		Remedy:    "Unbind the other EIP first, or bind this one to another network interface."}
	RulePublicPool = &Rule{Code: CodeAddressPoolExhausted,
		Statement: fmt.Sprintf("EIPs come from the region's public pool %s.", PublicPool),
		Remedy:    "Release an EIP first."}
	RuleSubnetRuleOption = &Rule{Code: CodeInvalidParameterValue, Field: FieldAttachmentSubnetRule,
		Statement: fmt.Sprintf("The attachment subnet rule is %s or %s.", SameSubnet, SameVPC),
		Remedy:    fmt.Sprintf("Set it to %q or %q.", SameSubnet, SameVPC)}
	RuleRulesPerGroupLimit = &Rule{Code: CodeRulesPerSecurityGroupLimit, Field: FieldSecurityGroupRules,
		Statement: fmt.Sprintf("A security group has at most %d ingress and %d egress rules.", MaxRulesPerDirection, MaxRulesPerDirection),
		Remedy:    fmt.Sprintf("Merge rules into wider port ranges or CIDR blocks, or spread them over several groups (a network interface takes up to %d).", MaxSecurityGroups)}
	RuleAddressCount = &Rule{Code: CodeInvalidParameterValue, Field: FieldSecondaryPrivateIPCount,
		Statement: fmt.Sprintf("A count of addresses is not negative; an ENI has at most %d IPv6 addresses, and at most %d secondary private IPv4 addresses (the largest cap per interface of rule 15, less the primary IP).",
			MaxIPv6AddressesPerInterface, MaxSecondaryPrivateIPs()),
		Remedy: "Ask for fewer addresses."}
	RuleIPv6Available = &Rule{Code: CodeInvalidParameterValue, Field: FieldIPv6Enabled,
		Statement: "A subnet has IPv6 only in a VPC with IPv6, taking a free /64 of the VPC's /56; an ENI has IPv6 addresses only in a subnet with IPv6.",
		Remedy:    "Enable IPv6 on the VPC (or the subnet) first."}
	RuleNextHop = &Rule{Code: CodeInvalidParameterValue, Field: FieldNextHopType,
		Statement: "A route's next hop type is network_interface, virtual_ip or internet; the first two name a next hop ID of their kind, internet names none.",
		Remedy:    "Set next_hop_type and next_hop_id together, or leave next_hop_id out for internet."}
	RuleReachabilityQuery = &Rule{Code: CodeInvalidParameterValue, Field: FieldProtocol,
		Statement: "A reachability query names one source (a network interface or an IP) and one destination, a protocol tcp, udp or icmp, and a port within 1-65535 for tcp and udp only.",
		Remedy:    "Give exactly one of each source and destination pair, and a port only for tcp or udp."}
	RuleTags = &Rule{Code: CodeInvalidParameterValue, Field: FieldTags,
		Statement: fmt.Sprintf("An object has at most %d tags; a key has 1 to %d characters and does not start with %q; a value has at most %d characters.",
			MaxTags, MaxTagKeyLength, ReservedTagPrefix, MaxTagValueLength),
		Remedy: "Correct or drop the tag."}
)

// Rules is every rule, the numbered ones first in their order.
func Rules() []*Rule {
	return []*Rule{
		RulePrimaryNIC, RuleAttachedOnce, RuleSameZone, RuleSameVPC, RuleSameSubnet, RuleVirtualIPSubnet, RuleNICLimit,
		RuleDeviceIndex, RuleAddressAssignable, RuleAddressFree, RuleSubnetFull,
		RuleGroupExists, RuleGroupInVPC, RuleGroupLimit, RuleStillInUse,
		RuleNetworkInterfaceExists, RuleServerExists, RuleVPCExists, RuleSubnetExists, RuleEIPExists, RuleVirtualIPExists,
		RuleRouteTableExists, RuleRouteExists, RuleNetworkACLExists, RuleAssociationExists,
		RuleServerDeletionDetaches, RuleMoveIsAtomic, RulePrivateIPLimit,
		RuleRouteTableLimit, RuleRouteLimit, RuleRouteDestination, RuleRouteUnique, RuleRoutingSameVPC, RuleOneAssociation,
		RuleForwarding, RuleRoutingInUse, RuleACLEntryLimit, RuleACLRule,
		RuleNotAttached, RuleName, RuleDescription, RuleCIDR, RuleAddressSyntax, RuleIPv6AddressSyntax,
		RuleSubnetInVPC, RuleSubnetsDisjoint, RuleGatewayInSubnet, RuleZoneExists, RuleServerKind,
		RuleFlavorExists, RuleFlavorFitsKind, RuleSecurityGroupRule, RuleBandwidth,
		RuleOneEIPPerNIC, RulePublicPool, RuleSubnetRuleOption, RuleAddressCount, RuleIPv6Available, RuleTags,
		RuleRulesPerGroupLimit, RuleNextHop, RuleReachabilityQuery,
	}
}
