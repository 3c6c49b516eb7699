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
	Tags     map[string]string
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
