package engine

import (
	"context"
	"net/netip"
)

// Store keeps the engine's state. Update runs fn in one read-write
// transaction that is serialized against every other writer of the same
// store, in this process or any other, so a check made inside fn still holds
// when fn's writes commit. A store retries fn itself on transient contention
// (busy database, serialization failure), so fn must have no effects outside tx.
type Store interface {
	Update(ctx context.Context, fn func(Tx) error) error
	View(ctx context.Context, fn func(Tx) error) error
	Close() error
}

// Tx is one transaction. Get methods return an error wrapping ErrNotFound for
// a missing row; Insert and Update return one wrapping ErrConflict when a
// unique constraint refuses the write.
type Tx interface {
	InsertVPC(VPC) error
	GetVPC(id string) (VPC, error)
	UpdateVPC(VPC) error
	DeleteVPC(id string) error
	ListVPCs() ([]VPC, error)

	InsertSubnet(Subnet) error
	GetSubnet(id string) (Subnet, error)
	UpdateSubnet(Subnet) error
	DeleteSubnet(id string) error
	// ListSubnets lists the subnets of a VPC, or all for vpcID "".
	ListSubnets(vpcID string) ([]Subnet, error)
	// SubnetHolding returns the subnet of a VPC whose range FirstIP to
	// LastIP, where every address it gives out lies, holds the IPv4
	// address ip (the first by ID, should several); ok is false when none
	// does. It reads only that subnet, not the VPC's others.
	SubnetHolding(vpcID string, ip netip.Addr) (s Subnet, ok bool, err error)

	InsertSecurityGroup(SecurityGroup) error
	GetSecurityGroup(id string) (SecurityGroup, error)
	UpdateSecurityGroup(SecurityGroup) error
	DeleteSecurityGroup(id string) error
	ListSecurityGroups(vpcID string) ([]SecurityGroup, error)

	InsertServer(Server) error
	GetServer(id string) (Server, error)
	UpdateServer(Server) error
	DeleteServer(id string) error
	// ListServers lists servers in a subnet (primary NIC's subnet), or all for "".
	ListServers(subnetID string) ([]Server, error)

	// InsertNetworkInterface writes a NIC and its primary address; its
	// secondary and IPv6 addresses are written with InsertAddress.
	InsertNetworkInterface(NetworkInterface) error
	GetNetworkInterface(id string) (NetworkInterface, error)
	// UpdateNetworkInterface writes a NIC's row; its primary address never
	// changes and its other addresses change through InsertAddress and
	// DeleteAddress.
	UpdateNetworkInterface(NetworkInterface) error
	// DeleteNetworkInterface deletes a NIC and every address it holds.
	DeleteNetworkInterface(id string) error
	ListNetworkInterfaces(NetworkInterfaceFilter) ([]NetworkInterface, error)
	CountNetworkInterfaces(NetworkInterfaceFilter) (int, error)
	// NextFreeIP returns the lowest IPv4 address in [from, to] that nothing
	// in the subnet holds (no NIC, as primary or secondary, and no virtual
	// IP); ok is false when there is none.
	NextFreeIP(subnetID string, from, to uint32) (ip uint32, ok bool, err error)
	// Released addresses are host addresses of a subnet below its
	// allocation cursor that NICs gave back; allocation takes the lowest of
	// them once the cursor has passed the subnet's last address.
	AddReleasedIP(subnetID string, ip uint32) error
	// RemoveReleasedIP forgets a released address; one not listed is no error.
	RemoveReleasedIP(subnetID string, ip uint32) error
	// LowestReleasedIP returns a subnet's lowest released address; ok is
	// false when there is none.
	LowestReleasedIP(subnetID string) (ip uint32, ok bool, err error)

	// InsertAddress gives an address of a subnet to a holder; it returns an
	// error wrapping ErrConflict when the subnet has given it to anyone.
	InsertAddress(HeldAddress) error
	// DeleteAddress takes an address back from its holder.
	DeleteAddress(subnetID, address string) error
	// GetAddress returns who holds an address of a subnet, or ErrNotFound.
	GetAddress(subnetID, address string) (HeldAddress, error)
	// CountIPv4Addresses counts the IPv4 addresses a subnet has given out.
	CountIPv4Addresses(subnetID string) (int, error)

	// InsertVirtualIP writes a virtual IP and its address.
	InsertVirtualIP(VirtualIP) error
	GetVirtualIP(id string) (VirtualIP, error)
	// UpdateVirtualIP writes a virtual IP's binding and tags; its address
	// never changes.
	UpdateVirtualIP(VirtualIP) error
	// DeleteVirtualIP deletes a virtual IP and its address.
	DeleteVirtualIP(id string) error
	ListVirtualIPs(VirtualIPFilter) ([]VirtualIP, error)

	InsertEIP(EIP) error
	GetEIP(id string) (EIP, error)
	UpdateEIP(EIP) error
	DeleteEIP(id string) error
	ListEIPs() ([]EIP, error)
	// GetEIPByNetworkInterface returns the EIP bound to a NIC, or ErrNotFound.
	GetEIPByNetworkInterface(networkInterfaceID string) (EIP, error)
	// NextFreePublicIP returns the lowest public address in [from, to] no EIP holds.
	NextFreePublicIP(from, to uint32) (ip uint32, ok bool, err error)

	// InsertRouteTable writes a route table; a second default table of a
	// VPC is a conflict.
	InsertRouteTable(RouteTable) error
	GetRouteTable(id string) (RouteTable, error)
	UpdateRouteTable(RouteTable) error
	// DeleteRouteTable deletes a route table and its routes.
	DeleteRouteTable(id string) error
	// ListRouteTables lists the route tables of a VPC, or all for "".
	ListRouteTables(vpcID string) ([]RouteTable, error)

	// InsertRoute writes a route; one whose destination its table has is a
	// conflict.
	InsertRoute(Route) error
	GetRoute(tableID, destinationCIDR string) (Route, error)
	// UpdateRoute writes a route's next hop and description.
	UpdateRoute(Route) error
	DeleteRoute(tableID, destinationCIDR string) error
	// ListRoutes lists routes by table, then destination.
	ListRoutes(RouteFilter) ([]Route, error)
	// LongestPrefixRoute returns the route of a table whose destination
	// holds ip with the longest prefix; ok is false when none holds it. It
	// reads only the routes that hold ip, not the whole table.
	LongestPrefixRoute(tableID string, ip netip.Addr) (r Route, ok bool, err error)
	CountRoutes(tableID string) (int, error)

	InsertNetworkACL(NetworkACL) error
	GetNetworkACL(id string) (NetworkACL, error)
	UpdateNetworkACL(NetworkACL) error
	DeleteNetworkACL(id string) error
	// ListNetworkACLs lists the network ACLs of a VPC, or all for "".
	ListNetworkACLs(vpcID string) ([]NetworkACL, error)

	// InsertAssociation writes a subnet association; a second one of its
	// kind for the subnet is a conflict.
	InsertAssociation(SubnetAssociation) error
	GetAssociation(id string) (SubnetAssociation, error)
	// UpdateAssociation writes the target of an association.
	UpdateAssociation(SubnetAssociation) error
	DeleteAssociation(id string) error
	ListAssociations(AssociationFilter) ([]SubnetAssociation, error)
}
