package engine

import "context"

// Network interfaces at plan time: the addresses a plan gives a NIC, and
// the secondary IPs it leaves it for the checks planned after.

// PlannedNetworkInterface is a NIC being planned: ID is "" for one the plan
// creates, else the NIC's, with the whole of its planned configuration. For
// a stored NIC, SourceDestCheck nil (not known at plan) leaves the check as
// it is.
type PlannedNetworkInterface struct {
	ID string
	NetworkInterfaceInput
}

// CheckPlannedNetworkInterface applies at plan time the rules creating or
// updating a NIC would meet: subnet, requested private IP (for a new NIC),
// security groups, requested secondary and IPv6 addresses (rule 8; an
// address is free once the plan has destroyed what holds it), IPv6 in the
// subnet, and rule 15 on the server the plan leaves it on, counting the
// virtual IPs the plan binds to it, and (rule 19) its source/destination
// check on only where no route the plan leaves sends traffic to it. With a
// ledger it records the secondary IPs and the check for the plan's later
// checks. Name and description are left to the
// caller, which may not know them yet. It changes nothing stored.
func (e *Engine) CheckPlannedNetworkInterface(ctx context.Context, p PlannedNetworkInterface, l *PlanLedger) error {
	if err := validateAddressesAndTags(p.NetworkInterfaceInput); err != nil {
		return err
	}
	return e.viewPlanned(ctx, "CheckPlannedNetworkInterface", l, func(tx Tx, l *PlanLedger) error {
		s, err := getSubnet(tx, p.SubnetID)
		if err != nil {
			return err
		}
		n := NetworkInterface{ID: p.ID, SubnetID: s.ID}
		if p.ID != "" {
			if n, err = getNetworkInterface(tx, p.ID); err != nil {
				return err
			}
		}
		if p.PrivateIP != "" && p.PrivateIP != n.PrivateIP {
			if err := l.checkRequestedAddress(tx, s, FieldPrivateIP, p.PrivateIP); err != nil {
				return err
			}
		}
		if err := checkSecurityGroups(tx, s.VPCID, p.SecurityGroupIDs); err != nil {
			return err
		}
		secondaries, err := l.checkPlannedAddresses(tx, secondaryKind, s, n, p.SecondaryPrivateIPs)
		if err != nil {
			return err
		}
		if err := l.checkPlannedIPv6(tx, s, n, p.IPv6Addresses); err != nil {
			return err
		}
		field := FieldSecondaryPrivateIPCount
		if p.SecondaryPrivateIPs.Explicit() {
			field = FieldSecondaryPrivateIPs
		}
		if err := l.checkIPRoom(tx, n, ipChange{secondary: &secondaries}, field); err != nil {
			return err
		}
		if p.ID == "" {
			return nil
		}
		checkOn := l.sourceDestCheck(n)
		if p.SourceDestCheck != nil {
			checkOn = *p.SourceDestCheck
		}
		if err := l.checkCheckOn(tx, n, checkOn); err != nil {
			return err
		}
		l.change(storedKey(p.ID), func(o *objectPlan) { o.secondaries, o.checkOn = &secondaries, &checkOn })
		return nil
	})
}

// checkPlannedAddresses applies rule 8 and the IPv6 rule to a request of
// kind k for n in s, and returns how many addresses n will hold.
func (l *PlanLedger) checkPlannedAddresses(tx Tx, k addressKind, s Subnet, n NetworkInterface, r AddressRequest) (int, error) {
	c := planAddressChange(k, k.held(n), r)
	if k.kind == AddressIPv6 && c.total() > 0 && !s.IPv6Enabled() {
		return 0, refuseIPv6(FieldIPv6Addresses, "subnet %s has no IPv6 range, so its network interfaces cannot have IPv6 addresses", s.ID)
	}
	for _, a := range c.add {
		if err := l.checkRequestedAddress(tx, s, k.field, a); err != nil {
			return 0, err
		}
	}
	return c.total(), nil
}

// checkPlannedIPv6 applies the IPv6 rules to a NIC's request, with the
// subnet's IPv6 as the plan leaves it: addresses of a /64 the plan has yet
// to give the subnet cannot be judged before it has one.
func (l *PlanLedger) checkPlannedIPv6(tx Tx, s Subnet, n NetworkInterface, r AddressRequest) error {
	has, planned := l.hasIPv6(s.ID, s.IPv6Enabled())
	switch {
	case planned && has:
		return nil
	case planned:
		s.IPv6CIDR = ""
	}
	_, err := l.checkPlannedAddresses(tx, ipv6Kind, s, n, r)
	return err
}
