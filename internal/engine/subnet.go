package engine

import (
	"context"
	"net/netip"
)

// SubnetInput creates a subnet. GatewayIP "" means the first host.
type SubnetInput struct {
	VPCID            string
	Name             string
	CIDR             string
	AvailabilityZone string
	GatewayIP        string
	Description      string
	// IPv6Enabled gives the subnet the lowest free /64 of its VPC's /56.
	IPv6Enabled bool
	Tags        map[string]string
}

// SubnetDetails is a subnet with the count of addresses still free.
type SubnetDetails struct {
	Subnet
	AvailableIPCount int
}

// CreateSubnet creates a subnet inside its VPC, overlapping no sibling.
func (e *Engine) CreateSubnet(ctx context.Context, in SubnetInput) (s Subnet, err error) {
	err = e.updateInVPCOf(ctx, "CreateSubnet", ScopeVPC, in.VPCID, func(tx Tx) error {
		if s, err = checkSubnet(tx, in, noneGone); err != nil {
			return err
		}
		if err := tx.InsertSubnet(s); err != nil {
			return err
		}
		s, err = withAssociations(tx, s)
		return err
	})
	return s, err
}

// CheckSubnet applies CreateSubnet's rules without creating anything.
func (e *Engine) CheckSubnet(ctx context.Context, in SubnetInput) error {
	return e.view(ctx, "CheckSubnet", func(tx Tx) error {
		_, err := checkSubnet(tx, in, noneGone)
		return err
	})
}

// checkSubnet applies CreateSubnet's rules; the ranges of subnets that are
// gone are free.
func checkSubnet(tx Tx, in SubnetInput, isGone gone) (Subnet, error) {
	p, err := validateSubnetInput(in)
	if err != nil {
		return Subnet{}, err
	}
	vpc, err := getVPC(tx, in.VPCID)
	if err != nil {
		return Subnet{}, err
	}
	if !prefixContains(netip.MustParsePrefix(vpc.CIDR), p) {
		return Subnet{}, RuleSubnetInVPC.refuse("subnet CIDR %s is not inside VPC %s's CIDR %s", p, vpc.ID, vpc.CIDR)
	}
	siblings, err := tx.ListSubnets(vpc.ID)
	if err != nil {
		return Subnet{}, err
	}
	for _, sib := range siblings {
		if !isGone(sib.ID) && prefixesOverlap(p, netip.MustParsePrefix(sib.CIDR)) {
			return Subnet{}, RuleSubnetsDisjoint.refuse("subnet CIDR %s overlaps subnet %s (%s) in VPC %s", p, sib.ID, sib.CIDR, vpc.ID)
		}
	}
	s, err := newSubnet(in, vpc, p)
	if err != nil || !in.IPv6Enabled {
		return s, err
	}
	s.IPv6CIDR, err = nextSubnetIPv6CIDR(tx, vpc, isGone)
	return s, err
}

// validateSubnetInput checks what needs no stored state.
func validateSubnetInput(in SubnetInput) (netip.Prefix, error) {
	if err := validateNameAndDescription(in.Name, in.Description); err != nil {
		return netip.Prefix{}, err
	}
	if err := ValidateZone(in.AvailabilityZone); err != nil {
		return netip.Prefix{}, err
	}
	if err := ValidateTags(in.Tags); err != nil {
		return netip.Prefix{}, err
	}
	return ValidatePrivateCIDR(FieldCIDR, in.CIDR)
}

func newSubnet(in SubnetInput, vpc VPC, p netip.Prefix) (Subnet, error) {
	first, last := hostRange(p)
	gateway := numToIP(first)
	if in.GatewayIP != "" {
		g, err := checkGateway(p, in.GatewayIP)
		if err != nil {
			return Subnet{}, err
		}
		gateway = g
	}
	return Subnet{
		ID: newID(PrefixSubnet), VPCID: vpc.ID, Name: in.Name, CIDR: p.String(),
		AvailabilityZone: in.AvailabilityZone, GatewayIP: gateway.String(), Description: in.Description,
		FirstIP: first, LastIP: last, NextIP: first, NextIPv6: 1, Tags: tagsOf(in.Tags),
	}, nil
}

// GetSubnet reads a subnet and counts its free addresses.
func (e *Engine) GetSubnet(ctx context.Context, id string) (d SubnetDetails, err error) {
	err = e.view(ctx, "GetSubnet", func(tx Tx) error {
		s, err := getSubnet(tx, id)
		if err != nil {
			return err
		}
		used, err := tx.CountIPv4Addresses(id)
		if err != nil {
			return err
		}
		d = SubnetDetails{Subnet: s, AvailableIPCount: s.usableAddressCount() - used}
		d.Subnet, err = withAssociations(tx, s)
		return err
	})
	return d, err
}

// RenameSubnet updates the name and description of a subnet.
func (e *Engine) RenameSubnet(ctx context.Context, id, name, description string) (s Subnet, err error) {
	if err := validateNameAndDescription(name, description); err != nil {
		return Subnet{}, err
	}
	err = e.updateInVPCOf(ctx, "RenameSubnet", ScopeSubnet, id, func(tx Tx) error {
		if s, err = getSubnet(tx, id); err != nil {
			return err
		}
		s.Name, s.Description = name, description
		if err := tx.UpdateSubnet(s); err != nil {
			return err
		}
		s, err = withAssociations(tx, s)
		return err
	})
	return s, err
}

// SubnetUpdate changes what may change on a subnet; nil leaves a field alone.
type SubnetUpdate struct {
	Name        *string
	Description *string
	// IPv6Enabled turns IPv6 on (the lowest free /64 of the VPC's /56) or
	// off (only while no NIC of the subnet holds an IPv6 address).
	IPv6Enabled *bool
	Tags        map[string]string
}

// UpdateSubnet renames, retags or turns IPv6 on or off on a subnet.
func (e *Engine) UpdateSubnet(ctx context.Context, id string, u SubnetUpdate) (s Subnet, err error) {
	err = e.updateInVPCOf(ctx, "UpdateSubnet", ScopeSubnet, id, func(tx Tx) error {
		if s, err = getSubnet(tx, id); err != nil {
			return err
		}
		if u.Name != nil {
			s.Name = *u.Name
		}
		if u.Description != nil {
			s.Description = *u.Description
		}
		if err := validateNameAndDescription(s.Name, s.Description); err != nil {
			return err
		}
		if u.Tags != nil {
			if err := ValidateTags(u.Tags); err != nil {
				return err
			}
			s.Tags = tagsOf(u.Tags)
		}
		if u.IPv6Enabled != nil && *u.IPv6Enabled != s.IPv6Enabled() {
			if err := setSubnetIPv6(tx, &s, *u.IPv6Enabled); err != nil {
				return err
			}
		}
		if err := tx.UpdateSubnet(s); err != nil {
			return err
		}
		s, err = withAssociations(tx, s)
		return err
	})
	return s, err
}

// setSubnetIPv6 gives s a /64 of its VPC, or takes it back when no NIC of
// s holds an IPv6 address (rule 11).
func setSubnetIPv6(tx Tx, s *Subnet, on bool) error {
	if on {
		vpc, err := getVPC(tx, s.VPCID)
		if err != nil {
			return err
		}
		s.IPv6CIDR, err = nextSubnetIPv6CIDR(tx, vpc, func(id string) bool { return id == s.ID })
		s.NextIPv6 = 1
		return err
	}
	nics, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{SubnetID: s.ID})
	if err != nil {
		return err
	}
	users := 0
	for _, n := range nics {
		if len(n.IPv6Addresses) > 0 {
			users++
		}
	}
	if users > 0 {
		return onField(refuseStillInUse("subnet", s.ID, plural(users, "network interface")+" holding IPv6 addresses"), FieldIPv6Enabled)
	}
	s.IPv6CIDR = ""
	return nil
}

// DeleteSubnet deletes a subnet no NIC, server or virtual IP uses (rule
// 11); its route table and network ACL associations go with it.
func (e *Engine) DeleteSubnet(ctx context.Context, id string) error {
	return e.updateInVPCOf(ctx, "DeleteSubnet", ScopeSubnet, id, func(tx Tx) error {
		if _, err := getSubnet(tx, id); err != nil {
			return err
		}
		nics, err := tx.CountNetworkInterfaces(NetworkInterfaceFilter{SubnetID: id})
		if err != nil {
			return err
		}
		if nics > 0 {
			return refuseStillInUse("subnet", id, plural(nics, "network interface")+" (servers' primary NICs included)")
		}
		vips, err := tx.ListVirtualIPs(VirtualIPFilter{SubnetID: id})
		if err != nil {
			return err
		}
		if len(vips) > 0 {
			return refuseStillInUse("subnet", id, plural(len(vips), "virtual IP"))
		}
		if err := dropAssociations(tx, id); err != nil {
			return err
		}
		return tx.DeleteSubnet(id)
	})
}

// DefaultGateway is the gateway a subnet of cidr gets when none is asked
// for: its first host; ok is false when cidr is not a valid subnet CIDR.
func DefaultGateway(cidr string) (gateway string, ok bool) {
	p, err := ValidatePrivateCIDR(FieldCIDR, cidr)
	if err != nil {
		return "", false
	}
	first, _ := hostRange(p)
	return numToIP(first).String(), true
}

// CheckGateway applies the gateway rule to a subnet CIDR and gateway alone,
// for when the subnet's VPC is not known yet.
func CheckGateway(cidr, gateway string) error {
	p, err := ValidatePrivateCIDR(FieldCIDR, cidr)
	if err != nil {
		return err
	}
	_, err = checkGateway(p, gateway)
	return err
}

// checkGateway applies the gateway rule: a host address of the subnet's CIDR.
func checkGateway(p netip.Prefix, gateway string) (netip.Addr, error) {
	g, err := ParseIP(FieldGatewayIP, gateway)
	if err != nil {
		return g, err
	}
	first, last := hostRange(p)
	if n := ipToNum(g); n < first || n > last {
		return g, RuleGatewayInSubnet.refuse("gateway IP %s is not a host address of subnet CIDR %s (%s to %s)", g, p, numToIP(first), numToIP(last))
	}
	return g, nil
}

// refuseStillInUse is rule 11's refusal to delete what (a VPC, subnet or
// security group) while it has dependents.
func refuseStillInUse(what, id, dependents string) error {
	return RuleStillInUse.refuse("%s %s still has %s", what, id, dependents)
}

// CheckSubnetIPv6Off applies UpdateSubnet's rule for turning IPv6 off (no
// NIC of the subnet may still hold an IPv6 address) without changing
// anything, for a plan.
func (e *Engine) CheckSubnetIPv6Off(ctx context.Context, id string) error {
	return e.view(ctx, "CheckSubnetIPv6Off", func(tx Tx) error {
		s, err := getSubnet(tx, id)
		if err != nil || !s.IPv6Enabled() {
			return err
		}
		return setSubnetIPv6(tx, &s, false)
	})
}
