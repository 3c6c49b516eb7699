package engine

// The objects the engine keeps. They are plain values: stores persist them
// field by field and the engine never hands out pointers into a store.

// VPC is a private network.
type VPC struct {
	ID          string
	Name        string
	CIDR        string
	Description string
}

// Subnet is a CIDR of a VPC in one zone. FirstIP, LastIP and NextIP are the
// allocatable range and the allocation cursor, as IPv4 numbers.
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
}

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
}

// Network interface statuses.
const (
	StatusAvailable = "available"
	StatusInUse     = "in-use"
)

// NetworkInterface is a primary or extension NIC. ServerID is empty while it
// is available; AttachmentID changes on every attach.
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
}
