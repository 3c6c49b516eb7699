package engine

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// AddressRequest asks for a NIC's addresses of one kind (secondary private
// IPv4, or IPv6): exactly Addresses when it is not nil, else Count of them,
// allocated lowest free first. On an update, a count keeps the addresses the
// NIC holds and allocates or gives back (the highest first) the difference.
type AddressRequest struct {
	Addresses []string
	Count     int
}

// Explicit reports whether the request names its addresses.
func (r AddressRequest) Explicit() bool { return r.Addresses != nil }

// SortAddresses orders addresses by value (IPv4 before IPv6), the order a
// NIC reports them in; stores use it too so every reader sees one order.
func SortAddresses(addrs []string) {
	slices.SortFunc(addrs, func(a, b string) int {
		x, errX := netip.ParseAddr(a)
		y, errY := netip.ParseAddr(b)
		if errX != nil || errY != nil {
			return strings.Compare(a, b)
		}
		return x.Compare(y)
	})
}

// addressKind is what a request for field asks of a subnet.
type addressKind struct {
	kind       string // AddressSecondary or AddressIPv6
	field      Field  // the explicit addresses
	countField Field
}

var (
	secondaryKind = addressKind{AddressSecondary, FieldSecondaryPrivateIPs, FieldSecondaryPrivateIPCount}
	ipv6Kind      = addressKind{AddressIPv6, FieldIPv6Addresses, FieldIPv6AddressCount}
)

// checkAddressCount applies the count rule to a request of kind k.
func checkAddressCount(k addressKind, r AddressRequest) error {
	n := r.Count
	if r.Explicit() {
		n = len(r.Addresses)
	}
	if n < 0 {
		return RuleAddressCount.refuse("%d addresses were asked for; a count is 0 or more", n).on(k.countField)
	}
	field := k.countField
	if r.Explicit() {
		field = k.field
	}
	if k.kind == AddressIPv6 && n > MaxIPv6AddressesPerInterface {
		return RuleAddressCount.refuse("%d IPv6 addresses were asked for; a network interface has at most %d", n, MaxIPv6AddressesPerInterface).on(field)
	}
	if most := MaxSecondaryPrivateIPs(); k.kind == AddressSecondary && n > most {
		return RuleAddressCount.refuse("%d secondary private IPv4 addresses were asked for; a network interface has at most %d besides its primary IP, on the largest flavor or on no server",
			n, most).on(field)
	}
	return nil
}

// checkNotOwnPrimary refuses a secondary address that is the NIC's own
// primary IP: an address has one holder once. It names no NIC, which may
// be one being created that will never exist.
func checkNotOwnPrimary(primary, secondary string) error {
	if primary == "" || secondary != primary {
		return nil
	}
	return refuseAddressHeld(secondary, "", "this network interface as its primary IP").on(FieldSecondaryPrivateIPs)
}

// ValidateSecondaryIPs refuses, with no stored state, secondary private IPs
// that repeat the requested primary IP (primary "" when it is allocated).
func ValidateSecondaryIPs(primary string, r AddressRequest) error {
	for _, a := range r.Addresses {
		if err := checkNotOwnPrimary(primary, a); err != nil {
			return err
		}
	}
	return nil
}

// ValidateAddressRequest applies the checks of a secondary private IP or
// IPv6 request (field is FieldSecondaryPrivateIPs or FieldIPv6Addresses)
// that need no stored state: counts, limits and address syntax.
func ValidateAddressRequest(field Field, r AddressRequest) error {
	k := secondaryKind
	if field == FieldIPv6Addresses {
		k = ipv6Kind
	}
	if err := checkAddressCount(k, r); err != nil {
		return err
	}
	for _, a := range r.Addresses {
		if _, err := parseAddress(k.field, a, k.kind == AddressIPv6); err != nil {
			return err
		}
	}
	return nil
}

// held lists the addresses of kind k n holds.
func (k addressKind) held(n NetworkInterface) []string {
	if k.kind == AddressIPv6 {
		return n.IPv6Addresses
	}
	return n.SecondaryPrivateIPs
}

// addressChange is what a request changes of a NIC's addresses of a kind.
type addressChange struct {
	keep, add, remove []string
	allocate          int
}

func (c addressChange) total() int { return len(c.keep) + len(c.add) + c.allocate }

// planAddressChange works out, without writing, what r changes of the
// addresses of kind k that n holds.
func planAddressChange(k addressKind, have []string, r AddressRequest) addressChange {
	var c addressChange
	if !r.Explicit() {
		if r.Count >= len(have) {
			return addressChange{keep: have, allocate: r.Count - len(have)}
		}
		return addressChange{keep: have[:r.Count], remove: have[r.Count:]}
	}
	want := map[string]bool{}
	for _, a := range r.Addresses {
		canon := a
		if p, err := netip.ParseAddr(a); err == nil {
			canon = p.String()
		}
		if want[canon] {
			continue
		}
		want[canon] = true
		if slices.Contains(have, canon) {
			c.keep = append(c.keep, canon)
		} else {
			c.add = append(c.add, canon)
		}
	}
	for _, a := range have {
		if !want[a] {
			c.remove = append(c.remove, a)
		}
	}
	return c
}

// applyAddressChange writes c for n in subnet s: checks (rule 8) and takes
// the requested addresses, allocates the counted ones, gives back the
// removed ones, and sets n's list. The caller has applied rule 15.
func applyAddressChange(tx Tx, k addressKind, n *NetworkInterface, s *Subnet, c addressChange) error {
	for _, a := range c.remove {
		if err := tx.DeleteAddress(s.ID, a); err != nil {
			return err
		}
	}
	if err := releaseAddresses(tx, s.ID, c.remove...); err != nil {
		return err
	}
	final := slices.Clone(c.keep)
	for _, req := range c.add {
		if err := checkNotOwnPrimary(n.PrivateIP, req); err != nil {
			return err
		}
		a, err := checkRequestedAddress(tx, *s, k.field, req)
		if err != nil {
			return err
		}
		if err := takeAddress(tx, k, n.ID, s, a); err != nil {
			return err
		}
		final = append(final, a.String())
	}
	for range c.allocate {
		a, err := allocateFor(tx, k, s)
		if err != nil {
			return err
		}
		if err := takeAddress(tx, k, n.ID, s, a); err != nil {
			return err
		}
		final = append(final, a.String())
	}
	if c.allocate > 0 {
		if err := tx.UpdateSubnet(*s); err != nil {
			return err
		}
	}
	SortAddresses(final)
	if len(final) == 0 {
		final = nil // as stores read an empty list back
	}
	if k.kind == AddressIPv6 {
		n.IPv6Addresses = final
	} else {
		n.SecondaryPrivateIPs = final
	}
	return nil
}

// allocateFor allocates an address of kind k in s, moving its cursor.
func allocateFor(tx Tx, k addressKind, s *Subnet) (netip.Addr, error) {
	if k.kind == AddressIPv6 {
		return allocateIPv6(tx, s)
	}
	a, err := allocateIP(tx, s)
	return a, onField(err, k.countField)
}

// takeAddress gives a to holder in s, off the released list.
func takeAddress(tx Tx, k addressKind, holder string, s *Subnet, a netip.Addr) error {
	err := tx.InsertAddress(HeldAddress{SubnetID: s.ID, Address: a.String(), Holder: holder, Kind: k.kind})
	if err != nil {
		return conflict(err, func() error { return onField(refuseAddressInUse(a.String(), s.ID, "another holder"), k.field) })
	}
	if a.Is4() {
		return tx.RemoveReleasedIP(s.ID, ipToNum(a))
	}
	return nil
}

// ipLoad is the private IPv4 addresses a NIC would hold and what caps them
// (rule 15): its server's flavor, or MaxPrivateIPsUnattached on no server.
type ipLoad struct {
	nic       string
	server    string // "" on no server
	flavor    Flavor
	secondary int
	virtual   int
	planned   bool // the counts include changes of the plan being checked
}

func (l ipLoad) limit() int {
	if l.server == "" {
		return MaxPrivateIPsUnattached
	}
	return l.flavor.MaxPrivateIPsPerInterface
}

func (l ipLoad) total() int { return 1 + l.secondary + l.virtual }

// checkPrivateIPLimit applies rule 15, putting a refusal on field.
func checkPrivateIPLimit(l ipLoad, field Field) error {
	if l.total() <= l.limit() {
		return nil
	}
	where := "on no server"
	if l.server != "" {
		where = fmt.Sprintf("on server %s of flavor %s", l.server, l.flavor.Name)
	}
	counting := ""
	if l.planned {
		counting = "with the changes of this plan "
	}
	nic := "the new network interface" // not created yet: it has no ID to name
	if l.nic != "" {
		nic = "network interface " + l.nic
	}
	return RulePrivateIPLimit.refuse("%s %s takes at most %d private IPv4 addresses; %sit would hold %d: its primary IP, %d secondary and %d virtual",
		nic, where, l.limit(), counting, l.total(), l.secondary, l.virtual).on(field)
}

// boundVirtualIPs counts the virtual IPs bound to a NIC.
func boundVirtualIPs(tx Tx, nicID string) (int, error) {
	if nicID == "" {
		return 0, nil // an empty filter would list them all
	}
	vips, err := tx.ListVirtualIPs(VirtualIPFilter{NetworkInterfaceID: nicID})
	return len(vips), err
}

// storedIPLoad is n's load as stored, held to srv's flavor (nil: no server).
func storedIPLoad(tx Tx, n NetworkInterface, srv *Server, flavor Flavor) (ipLoad, error) {
	vips, err := boundVirtualIPs(tx, n.ID)
	l := ipLoad{nic: n.ID, secondary: len(n.SecondaryPrivateIPs), virtual: vips}
	if srv != nil {
		l.server, l.flavor = srv.ID, flavor
	}
	return l, err
}

// serverOf returns the server n is attached to and its flavor, or nil.
func serverOf(tx Tx, n NetworkInterface) (*Server, Flavor, error) {
	if n.ServerID == "" {
		return nil, Flavor{}, nil
	}
	srv, err := getServer(tx, n.ServerID)
	if err != nil {
		return nil, Flavor{}, err
	}
	f, _ := LookupFlavor(srv.Flavor)
	return &srv, f, nil
}

// setAddresses applies a request of kind k to n (in subnet s, already
// loaded): rule 15 for secondary IPs, the IPv6 rules, then the change.
func setAddresses(tx Tx, k addressKind, n *NetworkInterface, s *Subnet, r AddressRequest) error {
	if err := checkAddressCount(k, r); err != nil {
		return err
	}
	c := planAddressChange(k, k.held(*n), r)
	if k.kind == AddressIPv6 {
		if c.total() > 0 && !s.IPv6Enabled() {
			return refuseIPv6(FieldIPv6Addresses, "subnet %s has no IPv6 range, so network interface %s cannot have IPv6 addresses", s.ID, n.ID)
		}
	} else {
		srv, flavor, err := serverOf(tx, *n)
		if err != nil {
			return err
		}
		l, err := storedIPLoad(tx, *n, srv, flavor)
		if err != nil {
			return err
		}
		l.secondary = c.total()
		field := k.countField
		if r.Explicit() {
			field = k.field
		}
		if err := checkPrivateIPLimit(l, field); err != nil {
			return err
		}
	}
	return applyAddressChange(tx, k, n, s, c)
}
