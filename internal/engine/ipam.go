package engine

import (
	"encoding/binary"
	"errors"
	"net/netip"
)

// Private ranges a VPC CIDR must fall in, and the prefix lengths allowed.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

const (
	MinPrefixLength = 16
	MaxPrefixLength = 28
)

// PublicPool is the region's EIP pool (the benchmarking range, never routed).
var PublicPool = netip.MustParsePrefix("198.18.0.0/15")

// ParseCIDR parses an IPv4 network in canonical form (no host bits set)
// given for field.
func ParseCIDR(field Field, s string) (netip.Prefix, error) {
	return checkCIDR(field, s, false)
}

// ValidatePrivateCIDR checks that a VPC or subnet CIDR is private and sized /16 to /28.
func ValidatePrivateCIDR(field Field, s string) (netip.Prefix, error) {
	return checkCIDR(field, s, true)
}

// checkCIDR applies the CIDR rule; private adds what a VPC's or subnet's needs.
func checkCIDR(field Field, s string, private bool) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	what := field.valueName()
	switch {
	case err != nil || !p.Addr().Is4():
		return netip.Prefix{}, RuleCIDR.refuse("%s %q is not an IPv4 CIDR block such as 10.0.0.0/16", what, s).on(field)
	case p.Masked() != p:
		return netip.Prefix{}, RuleCIDR.refuse("%s %q has host bits set; its network is %s", what, s, p.Masked()).on(field)
	case !private:
		return p, nil
	case p.Bits() < MinPrefixLength || p.Bits() > MaxPrefixLength:
		return p, RuleCIDR.refuse("%s %s has prefix length /%d; it must be between /%d and /%d", what, s, p.Bits(), MinPrefixLength, MaxPrefixLength).on(field)
	case !inPrivateRange(p):
		return p, RuleCIDR.refuse("%s %s is not inside a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)", what, s).on(field)
	}
	return p, nil
}

func inPrivateRange(p netip.Prefix) bool {
	for _, r := range privateRanges {
		if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

// ParseIP parses an IPv4 address given for field ("" when the caller
// puts the error on its own argument).
func ParseIP(field Field, s string) (netip.Addr, error) {
	return parseAddress(field, s, false)
}

// ParseIPv6 parses an IPv6 address given for field.
func ParseIPv6(field Field, s string) (netip.Addr, error) {
	return parseAddress(field, s, true)
}

// parseAddress applies the address syntax rule for one family. An IPv6
// address is taken only in its canonical form: the region reports that
// form, so any other spelling of the same address would never match what
// a configuration asked for.
func parseAddress(field Field, s string, v6 bool) (netip.Addr, error) {
	a, err := netip.ParseAddr(s)
	valid := err == nil && a.Zone() == "" && (a.Is4() || v6 && !a.Is4In6()) && a.Is4() != v6
	switch {
	case valid && (!v6 || a.String() == s): // an IPv4 address parses only in its canonical form
		return a, nil
	case valid:
		return netip.Addr{}, RuleIPv6AddressSyntax.refuse("%s %q is %s written in another form; write it as %q", field.valueName(), s, a, a.String()).on(field)
	case v6:
		return netip.Addr{}, RuleIPv6AddressSyntax.refuse("%s %q is not an IPv6 address", field.valueName(), s).on(field)
	}
	return netip.Addr{}, RuleAddressSyntax.refuse("%s %q is not an IPv4 address", field.valueName(), s).on(field)
}

func ipToNum(a netip.Addr) uint32 {
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])
}

func numToIP(n uint32) netip.Addr {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], n)
	return netip.AddrFrom4(b)
}

// hostRange is the first and last usable host of a prefix: the network and
// broadcast addresses are never handed out.
func hostRange(p netip.Prefix) (first, last uint32) {
	network := ipToNum(p.Addr())
	size := uint32(1) << (32 - p.Bits())
	return network + 1, network + size - 2
}

func prefixesOverlap(a, b netip.Prefix) bool {
	return a.Overlaps(b)
}

func prefixContains(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// usableAddressCount is how many addresses a subnet can hand out in all.
func (s Subnet) usableAddressCount() int {
	return int(s.LastIP-s.FirstIP+1) - 1 // minus the gateway
}

// checkRequestedAddress applies rule 8 to an address asked for in a subnet
// for field: an IPv4 address (an IPv6 one for FieldIPv6Addresses) that is
// assignable and that nothing holds.
func checkRequestedAddress(tx Tx, s Subnet, field Field, requested string) (netip.Addr, error) {
	return checkRequestedAddressVacated(tx, s, field, requested, nil)
}

// checkRequestedAddressVacated is checkRequestedAddress where an address
// whose holder vacated reports gone (at plan, destroyed first) is free.
func checkRequestedAddressVacated(tx Tx, s Subnet, field Field, requested string, vacated func(HeldAddress) (bool, error)) (netip.Addr, error) {
	a, err := parseAddress(field, requested, field == FieldIPv6Addresses)
	if err != nil {
		return a, err
	}
	if err := checkAssignable(s, a, field); err != nil {
		return a, err
	}
	held, err := tx.GetAddress(s.ID, a.String())
	switch {
	case errors.Is(err, ErrNotFound):
		return a, nil
	case err != nil:
		return a, err
	}
	if vacated != nil {
		if free, err := vacated(held); free || err != nil {
			return a, err
		}
	}
	return a, onField(refuseAddressInUse(a.String(), s.ID, holderWords(held)), field)
}

// holderWords names what holds an address, for messages.
func holderWords(h HeldAddress) string {
	switch h.Kind {
	case AddressVirtual:
		return "virtual IP " + h.Holder
	case AddressSecondary:
		return "network interface " + h.Holder + " (as a secondary IP)"
	}
	return "network interface " + h.Holder
}

// checkAssignable applies rule 8: a is a host address of s and not one it
// keeps (network, gateway, broadcast; for IPv6 the subnet-router address).
func checkAssignable(s Subnet, a netip.Addr, field Field) error {
	what := field.valueName()
	if a.Is6() {
		p, err := netip.ParsePrefix(s.IPv6CIDR)
		switch {
		case err != nil || !p.Contains(a):
			return RuleAddressAssignable.refuse("%s %s is outside subnet %s's IPv6 range (%s)", what, a, s.ID, s.IPv6CIDR).on(field)
		case ipv6Host(a) == 0:
			return RuleAddressAssignable.refuse("%s %s is reserved in subnet %s (%s): the subnet-router address is never assigned", what, a, s.ID, s.IPv6CIDR).on(field)
		}
		return nil
	}
	n := ipToNum(a)
	if n < s.FirstIP-1 || n > s.LastIP+1 {
		return RuleAddressAssignable.refuse("%s %s is outside subnet %s (%s)", what, a, s.ID, s.CIDR).on(field)
	}
	if n == s.FirstIP-1 || n == s.LastIP+1 || a.String() == s.GatewayIP {
		return RuleAddressAssignable.refuse("%s %s is reserved in subnet %s (%s): the network, gateway (%s) and broadcast addresses are never assigned",
			what, a, s.ID, s.CIDR, s.GatewayIP).on(field)
	}
	return nil
}

// refuseAddressInUse is rule 8's refusal of an address another holder has.
func refuseAddressInUse(ip, subnetID, holder string) error {
	return refuseAddressHeld(ip, subnetID, holder).asRegionConflict()
}

// refuseAddressHeld builds rule 8's refusal of an address holder has, in
// subnetID when it is named.
func refuseAddressHeld(ip, subnetID, holder string) *Error {
	where := ""
	if subnetID != "" {
		where = " in subnet " + subnetID
	}
	return RuleAddressFree.refuse("address %s is already used by %s%s", ip, holder, where)
}

// allocateIP hands out the next free address of a subnet. The cursor only
// moves forward, so filling a subnet costs the same for the last address as
// for the first. Once it has passed the last address, the subnet reuses the
// addresses given back since, lowest first, from its list of released
// addresses, which costs the same however full the subnet is: searching the
// held addresses for a gap would cost more the fuller it is.
func allocateIP(tx Tx, s *Subnet) (netip.Addr, error) {
	gateway := ipToNum(netip.MustParseAddr(s.GatewayIP))
	if s.NextIP < s.FirstIP {
		s.NextIP = s.FirstIP
	}
	if s.NextIP <= s.LastIP {
		next := func(from, to uint32) (uint32, bool, error) {
			return tx.NextFreeIP(s.ID, from, to)
		}
		n, ok, err := firstFreeSkipping(next, s.NextIP, s.NextIP, s.LastIP, gateway)
		if err != nil {
			return netip.Addr{}, err
		}
		if ok {
			s.NextIP = n + 1
			return numToIP(n), nil
		}
		s.NextIP = s.LastIP + 1 // every fresh address is taken
	}
	for {
		n, ok, err := tx.LowestReleasedIP(s.ID)
		if err != nil {
			return netip.Addr{}, err
		}
		if !ok {
			return netip.Addr{}, RuleSubnetFull.refuse("subnet %s (%s) has no free IP address left: all %d usable addresses are in use",
				s.ID, s.CIDR, s.usableAddressCount()).asRegionConflict()
		}
		if err := tx.RemoveReleasedIP(s.ID, n); err != nil {
			return netip.Addr{}, err
		}
		// The list may hold the gateway (stores migrated from before it
		// existed list every free address below the cursor), and is never
		// trusted over the NICs themselves.
		if n == gateway || n < s.FirstIP || n > s.LastIP {
			continue
		}
		_, err = tx.GetAddress(s.ID, numToIP(n).String())
		if errors.Is(err, ErrNotFound) {
			return numToIP(n), nil
		}
		if err != nil {
			return netip.Addr{}, err
		}
	}
}

// releaseAddresses gives addresses back to their subnet once their holder
// has let them go: an IPv4 address below the cursor goes on the released
// list; one at or above it will be found free when the cursor gets there.
// IPv6 addresses are never handed out twice: the cursor of a /64 does not
// come round.
func releaseAddresses(tx Tx, subnetID string, addrs ...string) error {
	s, err := getSubnet(tx, subnetID)
	if err != nil {
		return err
	}
	for _, addr := range addrs {
		a, err := netip.ParseAddr(addr)
		if err != nil || !a.Is4() {
			continue // not an address this engine hands out again
		}
		if ip := ipToNum(a); ip < s.NextIP {
			if err := tx.AddReleasedIP(s.ID, ip); err != nil {
				return err
			}
		}
	}
	return nil
}

type freeFinder func(from, to uint32) (uint32, bool, error)

// firstFreeSkipping searches [cursor, last] then [first, cursor) for a free
// address that is not skip.
func firstFreeSkipping(next freeFinder, cursor, first, last, skip uint32) (uint32, bool, error) {
	if cursor < first || cursor > last {
		cursor = first
	}
	for _, r := range [][2]uint32{{cursor, last}, {first, cursor - 1}} {
		from, to := r[0], r[1]
		for from <= to && to >= first {
			n, ok, err := next(from, to)
			if err != nil || !ok {
				if err != nil {
					return 0, false, err
				}
				break
			}
			if n != skip {
				return n, true, nil
			}
			from = n + 1
		}
		if cursor == first {
			break
		}
	}
	return 0, false, nil
}
