package engine

import (
	"crypto/rand"
	"encoding/binary"
	"net/netip"
)

// IPv6: a VPC takes a unique /56 of the unique local range fd00::/8, each
// of its subnets with IPv6 the lowest free /64 of it, and a NIC addresses
// of its subnet's /64, allocated from a cursor that only moves forward.

// ULARange is where VPCs' IPv6 ranges come from.
var ULARange = netip.MustParsePrefix("fd00::/8")

const (
	vpcIPv6Bits    = 56
	subnetIPv6Bits = 64
	// subnetsPerVPC is how many /64s a VPC's /56 holds.
	subnetsPerVPC = 1 << (subnetIPv6Bits - vpcIPv6Bits)
)

// ipv6Host is the host part (the low 64 bits) of an address of a /64.
func ipv6Host(a netip.Addr) uint64 {
	b := a.As16()
	return binary.BigEndian.Uint64(b[8:])
}

// ipv6InSubnet is the address of a /64 whose host part is host.
func ipv6InSubnet(p netip.Prefix, host uint64) netip.Addr {
	b := p.Addr().As16()
	binary.BigEndian.PutUint64(b[8:], host)
	return netip.AddrFrom16(b)
}

// refuseIPv6 is the refusal of IPv6 where the level above has none, or no
// /64 left, put on field.
func refuseIPv6(field Field, format string, args ...any) error {
	return RuleIPv6Available.refuse(format, args...).on(field)
}

// allocateIPv6 hands out the next address of s's /64 nothing holds. The
// cursor only moves forward and a /64 outlasts any store, so the k-th
// allocation costs what the first did: one lookup, plus one per address
// asked for by name that lies in its way.
func allocateIPv6(tx Tx, s *Subnet) (netip.Addr, error) {
	p, err := netip.ParsePrefix(s.IPv6CIDR)
	if err != nil {
		return netip.Addr{}, refuseIPv6(FieldIPv6AddressCount, "subnet %s has no IPv6 range to allocate from", s.ID)
	}
	for h := max(s.NextIPv6, 1); ; h++ {
		a := ipv6InSubnet(p, h)
		_, err := tx.GetAddress(s.ID, a.String())
		if isNotFound(err) {
			s.NextIPv6 = h + 1
			return a, nil
		}
		if err != nil {
			return netip.Addr{}, err
		}
	}
}

// newVPCIPv6CIDR draws a /56 of ULARange no VPC has: random, as unique
// local ranges are meant to be, so that two regions rarely collide either.
func newVPCIPv6CIDR(tx Tx) (string, error) {
	vpcs, err := tx.ListVPCs()
	if err != nil {
		return "", err
	}
	taken := map[string]bool{}
	for _, v := range vpcs {
		taken[v.IPv6CIDR] = true
	}
	for {
		var b [16]byte
		b[0] = 0xfd
		_, _ = rand.Read(b[1 : vpcIPv6Bits/8])
		p := netip.PrefixFrom(netip.AddrFrom16(b), vpcIPv6Bits).String()
		if !taken[p] {
			return p, nil
		}
	}
}

// nextSubnetIPv6CIDR is the lowest /64 of vpc's /56 that no subnet of it
// uses, but those gone.
func nextSubnetIPv6CIDR(tx Tx, vpc VPC, isGone gone) (string, error) {
	if !vpc.IPv6Enabled() {
		return "", refuseIPv6(FieldIPv6Enabled, "VPC %s has no IPv6 range; enable IPv6 on the VPC before its subnets", vpc.ID)
	}
	siblings, err := tx.ListSubnets(vpc.ID)
	if err != nil {
		return "", err
	}
	taken := map[string]bool{}
	for _, s := range siblings {
		if !isGone(s.ID) {
			taken[s.IPv6CIDR] = true
		}
	}
	base := netip.MustParsePrefix(vpc.IPv6CIDR).Addr().As16()
	for i := range subnetsPerVPC {
		b := base
		b[vpcIPv6Bits/8] = byte(i)
		p := netip.PrefixFrom(netip.AddrFrom16(b), subnetIPv6Bits).String()
		if !taken[p] {
			return p, nil
		}
	}
	return "", refuseIPv6(FieldIPv6Enabled, "all %d IPv6 /64 ranges of VPC %s (%s) are used by its subnets", subnetsPerVPC, vpc.ID, vpc.IPv6CIDR)
}
