package engine

// The objects the engine keeps. They are plain values: stores persist them
// field by field and the engine never hands out pointers into a store.

// VPC is a private network.
type VPC struct {
	ID          string
	Name        string
	CIDR        string
	Description string
	// IPv6CIDR is the VPC's unique /56 of fd00::/8, "" while IPv6 is off.
	IPv6CIDR string
	// DefaultRouteTableID is the route table made with the VPC, which every
	// subnet without a custom one uses.
	DefaultRouteTableID string
	Tags                map[string]string
}

// IPv6Enabled reports whether the VPC has an IPv6 range.
func (v VPC) IPv6Enabled() bool { return v.IPv6CIDR != "" }

// Subnet is a CIDR of a VPC in one zone. FirstIP, LastIP and NextIP are the
// allocatable range and the allocation cursor, as IPv4 numbers. IPv6CIDR is
// a /64 of its VPC's /56 ("" without IPv6) and NextIPv6 the IPv6 allocation
// cursor, as the host part of an address of it.
type Subnet struct {
	ID               string
	VPCID            string
	Name             string
	CIDR             string
	AvailabilityZone string
	GatewayIP        string
	Description      string
	FirstIP          uint32
	LastIP           uint32
	NextIP           uint32
	IPv6CIDR         string
	NextIPv6         uint64
	Tags             map[string]string
	// RouteTableID is the route table in effect (its association's, else
	// the VPC's default) and NetworkACLID the associated ACL, "" for none.
	// The engine fills both when it reads a subnet; stores never keep them
	// on the subnet's row.
	RouteTableID string
	NetworkACLID string
}

// IPv6Enabled reports whether the subnet has an IPv6 range.
func (s Subnet) IPv6Enabled() bool { return s.IPv6CIDR != "" }

// SecurityGroupRule is one ingress or egress rule.
type SecurityGroupRule struct {
	Direction    string `json:"direction"`
	Protocol     string `json:"protocol"`
	PortRangeMin int    `json:"port_range_min"`
	PortRangeMax int    `json:"port_range_max"`
	RemoteCIDR   string `json:"remote_cidr"`
}

// SecurityGroup is a VPC-scoped set of rules.
type SecurityGroup struct {
	ID          string
	VPCID       string
	Name        string
	Description string
	Rules       []SecurityGroupRule
	Tags        map[string]string
}

// Server is an ECS or BMS server. Its primary NIC holds its subnet, IP and groups.
type Server struct {
	ID                        string
	Name                      string
	Kind                      string
	Flavor                    string
	AvailabilityZone          string
	VPCID                     string
	SubnetID                  string
	PrimaryNetworkInterfaceID string
	Tags                      map[string]string
}

// Network interface statuses.
const (
	StatusAvailable = "available"
	StatusInUse     = "in-use"
)

// NetworkInterface is a primary or extension NIC. ServerID is empty while it
// is available; AttachmentID changes on every attach. SecondaryPrivateIPs
// and IPv6Addresses are sorted by address; stores read them from the
// addresses the NIC holds (see Tx.InsertAddress), never from the NIC's row.
type NetworkInterface struct {
	ID               string
	Name             string
	Description      string
	SubnetID         string
	VPCID            string
	AvailabilityZone string
	PrivateIP        string
	MACAddress       string
	Primary          bool
	SecurityGroupIDs []string
	ServerID         string
	DeviceIndex      int
	AttachmentID     string
	// SourceDestCheck drops traffic not addressed to or from the NIC; NAT
	// and router appliances turn it off.
	SourceDestCheck     bool
	SecondaryPrivateIPs []string
	IPv6Addresses       []string
	Tags                map[string]string
}

// Status derives the status from the attachment.
func (n NetworkInterface) Status() string {
	if n.ServerID != "" {
		return StatusInUse
	}
	return StatusAvailable
}

// EIP is a public address, bound to at most one NIC.
type EIP struct {
	ID                 string
	PublicIP           string
	BandwidthMbps      int
	NetworkInterfaceID string
	Tags               map[string]string
}

// VirtualIP is a floating private IPv4 address of a subnet, bound to at most
// one NIC of that subnet at a time.
type VirtualIP struct {
	ID                 string
	SubnetID           string
	IPAddress          string
	NetworkInterfaceID string
	Tags               map[string]string
}

// Kinds of address a subnet gives out (HeldAddress.Kind).
const (
	AddressPrimary   = "primary"
	AddressSecondary = "secondary"
	AddressVirtual   = "virtual"
	AddressIPv6      = "ipv6"
)

// HeldAddress is one address of a subnet and what holds it: a NIC (its
// primary, a secondary or an IPv6 address) or a virtual IP. A subnet gives
// each address to one holder at most; the store enforces it.
type HeldAddress struct {
	SubnetID string
	Address  string
	Holder   string
	Kind     string
}

// NetworkInterfaceFilter selects NICs; empty fields match everything.
type NetworkInterfaceFilter struct {
	ServerID        string
	SubnetID        string
	VPCID           string
	SecurityGroupID string
	MACAddress      string
	PrivateIP       string
	Status          string
	// Tags must all be held, with the same values.
	Tags map[string]string
}

// VirtualIPFilter selects virtual IPs; empty fields match everything.
type VirtualIPFilter struct {
	SubnetID           string
	NetworkInterfaceID string
	Tags               map[string]string
}

// MatchTags reports whether have holds every tag of want with its value.
func MatchTags(have, want map[string]string) bool {
	for k, v := range want {
		if got, ok := have[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// RouteTable is a VPC's table of routes. Default marks the one made with
// the VPC, which goes only with it.
type RouteTable struct {
	ID          string
	VPCID       string
	Name        string
	Description string
	Default     bool
	Tags        map[string]string
}

// Next hop types of a route; NextHopLocal is the implicit route of the
// VPC's own ranges, never stored.
const (
	NextHopNetworkInterface = "network_interface"
	NextHopVirtualIP        = "virtual_ip"
	NextHopInternet         = "internet"
	NextHopLocal            = "local"
)

// NextHopTypes lists the next hop types a route may be given, for
// validators and docs.
var NextHopTypes = []string{NextHopNetworkInterface, NextHopVirtualIP, NextHopInternet}

// Route sends the traffic for DestinationCIDR to its next hop: a NIC, a
// virtual IP (whichever NIC it is bound to) or the internet (NextHopID "").
// A table's routes are keyed by destination.
type Route struct {
	RouteTableID    string
	DestinationCIDR string
	NextHopType     string
	NextHopID       string
	Description     string
	// NetworkInterfaceID is the NIC the traffic goes to when read: the next
	// hop NIC, or the one its virtual IP is bound to now ("" when unbound
	// or for other next hops). Stores do not keep it.
	NetworkInterfaceID string
}

// RouteID is how a route is named on its own: its table's ID and its
// destination, as an import ID is written.
func RouteID(tableID, destinationCIDR string) string { return tableID + ":" + destinationCIDR }

// ID is the route's RouteID.
func (r Route) ID() string { return RouteID(r.RouteTableID, r.DestinationCIDR) }

// Local reports whether r is one of a table's implicit local routes.
func (r Route) Local() bool { return r.NextHopType == NextHopLocal }

// ACLRule is one rule of a network ACL, in the order of its list: the first
// rule that matches decides. Protocol, ports and remote CIDR mean what they
// mean in a security group rule.
type ACLRule struct {
	Action       string `json:"action"`
	Protocol     string `json:"protocol"`
	PortRangeMin int    `json:"port_range_min"`
	PortRangeMax int    `json:"port_range_max"`
	RemoteCIDR   string `json:"remote_cidr"`
	Description  string `json:"description,omitempty"`
}

// NetworkACL filters traffic entering (Ingress) and leaving (Egress) the
// subnets associated with it; what no rule allows is denied.
type NetworkACL struct {
	ID          string
	VPCID       string
	Name        string
	Description string
	Ingress     []ACLRule
	Egress      []ACLRule
	Tags        map[string]string
}

// Kinds of subnet association (SubnetAssociation.Kind).
const (
	AssociationRouteTable = "route_table"
	AssociationNetworkACL = "network_acl"
)

// SubnetAssociation ties a subnet to a route table or a network ACL of its
// VPC; a subnet has at most one of each kind, which the store enforces.
type SubnetAssociation struct {
	ID       string
	SubnetID string
	VPCID    string
	Kind     string
	TargetID string
}

// RouteFilter selects routes; empty fields match everything.
type RouteFilter struct {
	RouteTableID string
	NextHopID    string
}

// AssociationFilter selects subnet associations; empty fields match everything.
type AssociationFilter struct {
	SubnetID string
	VPCID    string
	Kind     string
	TargetID string
}
