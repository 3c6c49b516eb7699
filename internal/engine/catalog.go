package engine

import (
	"fmt"
	"slices"
	"strings"
)

// Region is the single simulated region.
const Region = "local-1"

// Server kinds.
const (
	KindECS = "ecs"
	KindBMS = "bms"
)

// Kinds lists the server kinds, for validators and descriptions alike.
var Kinds = []string{KindECS, KindBMS}

// AvailabilityZones are the zones of Region.
var AvailabilityZones = []string{"local-1a", "local-1b", "local-1c"}

// Flavor is a server size. MaxNetworkInterfaces counts the primary NIC;
// MaxPrivateIPsPerInterface counts every private IPv4 address of one NIC on
// it (primary, secondary and virtual).
type Flavor struct {
	Name                      string
	Kind                      string
	VCPUs                     int
	MemoryGiB                 int
	MaxNetworkInterfaces      int
	MaxPrivateIPsPerInterface int
}

// Flavors is the built-in catalog; its figures are part of the contract.
var Flavors = []Flavor{
	{"s6.small.1", KindECS, 1, 1, 1, 2},
	{"s6.large.2", KindECS, 2, 4, 2, 4},
	{"c7.large.2", KindECS, 2, 4, 3, 10},
	{"c7.xlarge.2", KindECS, 4, 8, 3, 10},
	{"c7.2xlarge.2", KindECS, 8, 16, 4, 15},
	{"c7.4xlarge.2", KindECS, 16, 32, 6, 15},
	{"c7.8xlarge.2", KindECS, 32, 64, 8, 30},
	{"m7.16xlarge.8", KindECS, 64, 512, 12, 50},
	{"physical.s4.large", KindBMS, 32, 192, 2, 10},
	{"physical.c7.4xlarge", KindBMS, 96, 384, 8, 30},
}

// MaxDeviceIndex is the highest device index any flavor has: its NIC cap
// less one, the primary NIC's 0 being the first.
func MaxDeviceIndex() int {
	most := 0
	for _, f := range Flavors {
		most = max(most, f.MaxNetworkInterfaces-1)
	}
	return most
}

// MaxSecondaryPrivateIPs is the most secondary private IPv4 addresses a NIC
// can hold anywhere (rule 15): the largest cap per interface, a flavor's or
// MaxPrivateIPsUnattached on no server, less the primary IP.
func MaxSecondaryPrivateIPs() int {
	most := MaxPrivateIPsUnattached
	for _, f := range Flavors {
		most = max(most, f.MaxPrivateIPsPerInterface)
	}
	return most - 1
}

// FlavorNames lists every flavor name in catalog order.
func FlavorNames() []string {
	names := make([]string, len(Flavors))
	for i, f := range Flavors {
		names[i] = f.Name
	}
	return names
}

// LookupFlavor finds a flavor by name.
func LookupFlavor(name string) (Flavor, bool) {
	i := slices.IndexFunc(Flavors, func(f Flavor) bool { return f.Name == name })
	if i < 0 {
		return Flavor{}, false
	}
	return Flavors[i], true
}

// ValidateFlavor checks that the flavor exists and is of the server's kind.
func ValidateFlavor(name, kind string) (Flavor, error) {
	f, ok := LookupFlavor(name)
	if !ok {
		return Flavor{}, RuleFlavorExists.refuse("flavor %q does not exist; the flavors are %s", name, strings.Join(FlavorNames(), ", "))
	}
	if kind != "" && f.Kind != kind {
		return Flavor{}, RuleFlavorFitsKind.refuse("flavor %q is of kind %s and cannot be used for a server of kind %s; the %s flavors are %s",
			name, f.Kind, kind, kind, strings.Join(flavorNamesOfKind(kind), ", "))
	}
	return f, nil
}

func flavorNamesOfKind(kind string) []string {
	var names []string
	for _, f := range Flavors {
		if f.Kind == kind {
			names = append(names, f.Name)
		}
	}
	return names
}

// ValidateKind checks a server kind.
func ValidateKind(kind string) error {
	if !slices.Contains(Kinds, kind) {
		return RuleServerKind.refuse("server kind %q is not one of %s", kind, strings.Join(Kinds, ", "))
	}
	return nil
}

// ValidateZone checks an availability zone name.
func ValidateZone(zone string) error {
	if !slices.Contains(AvailabilityZones, zone) {
		return RuleZoneExists.refuse("availability zone %q does not exist in region %s, whose zones are %s",
			zone, Region, strings.Join(AvailabilityZones, ", "))
	}
	return nil
}

// ListFlavors returns the flavors of a kind ("" for all) that take at least minNICs NICs.
func ListFlavors(kind string, minNICs int) []Flavor {
	var out []Flavor
	for _, f := range Flavors {
		if (kind == "" || f.Kind == kind) && f.MaxNetworkInterfaces >= minNICs {
			out = append(out, f)
		}
	}
	return out
}

func (f Flavor) String() string {
	return fmt.Sprintf("%s (max %d NICs)", f.Name, f.MaxNetworkInterfaces)
}
