package engine

import (
	"context"
	"errors"
	"strings"
)

// NetworkInterfaceInput creates an extension NIC. PrivateIP "" allocates
// one; SecondaryPrivateIPs and IPv6Addresses name addresses or count them;
// SourceDestCheck nil means true.
type NetworkInterfaceInput struct {
	SubnetID            string
	Name                string
	Description         string
	PrivateIP           string
	SecurityGroupIDs    []string
	SecondaryPrivateIPs AddressRequest
	IPv6Addresses       AddressRequest
	SourceDestCheck     *bool
	Tags                map[string]string
}

// validateNetworkInterfaceInput checks what needs no stored state.
func validateNetworkInterfaceInput(in NetworkInterfaceInput) error {
	if err := validateNameAndDescription(in.Name, in.Description); err != nil {
		return err
	}
	return validateAddressesAndTags(in)
}

// validateAddressesAndTags checks a NIC's address requests and tags, which
// a plan judges too (its name may not be known yet).
func validateAddressesAndTags(in NetworkInterfaceInput) error {
	if err := ValidateAddressRequest(FieldSecondaryPrivateIPs, in.SecondaryPrivateIPs); err != nil {
		return err
	}
	if err := ValidateSecondaryIPs(in.PrivateIP, in.SecondaryPrivateIPs); err != nil {
		return err
	}
	if err := ValidateAddressRequest(FieldIPv6Addresses, in.IPv6Addresses); err != nil {
		return err
	}
	return ValidateTags(in.Tags)
}

// CreateNetworkInterface creates an available extension NIC.
func (e *Engine) CreateNetworkInterface(ctx context.Context, in NetworkInterfaceInput) (n NetworkInterface, err error) {
	if err := validateNetworkInterfaceInput(in); err != nil {
		return NetworkInterface{}, err
	}
	err = e.updateInVPCOf(ctx, "CreateNetworkInterface", ScopeSubnet, in.SubnetID, func(tx Tx) error {
		n, err = insertNetworkInterface(tx, in, func(*NetworkInterface) {})
		return err
	})
	return n, err
}

// CheckNetworkInterface applies CreateNetworkInterface's rules (subnet,
// requested addresses, security groups, rule 15 on no server) without
// creating anything.
func (e *Engine) CheckNetworkInterface(ctx context.Context, in NetworkInterfaceInput) error {
	return e.CheckPlannedNetworkInterface(ctx, PlannedNetworkInterface{NetworkInterfaceInput: in}, nil)
}

// insertNetworkInterface builds, addresses and stores a NIC; shape sets what
// differs for a server's primary NIC before the row is written.
func insertNetworkInterface(tx Tx, in NetworkInterfaceInput, shape func(*NetworkInterface)) (NetworkInterface, error) {
	s, err := getSubnet(tx, in.SubnetID)
	if err != nil {
		return NetworkInterface{}, err
	}
	if err := checkSecurityGroups(tx, s.VPCID, in.SecurityGroupIDs); err != nil {
		return NetworkInterface{}, err
	}
	ip, err := addressFor(tx, &s, in.PrivateIP)
	if err != nil {
		return NetworkInterface{}, err
	}
	mac, err := uniqueMAC(tx)
	if err != nil {
		return NetworkInterface{}, err
	}
	n := NetworkInterface{
		ID: newID(PrefixNetworkInterface), Name: in.Name, Description: in.Description,
		SubnetID: s.ID, VPCID: s.VPCID, AvailabilityZone: s.AvailabilityZone,
		PrivateIP: ip, MACAddress: mac, SecurityGroupIDs: nonNil(in.SecurityGroupIDs),
		SourceDestCheck: in.SourceDestCheck == nil || *in.SourceDestCheck,
		Tags:            tagsOf(in.Tags),
	}
	shape(&n)
	if err := tx.InsertNetworkInterface(n); err != nil {
		return NetworkInterface{}, conflict(err, func() error { return refuseAddressInUse(ip, s.ID, "another holder") })
	}
	if err := setAddresses(tx, secondaryKind, &n, &s, in.SecondaryPrivateIPs); err != nil {
		return NetworkInterface{}, err
	}
	return n, setAddresses(tx, ipv6Kind, &n, &s, in.IPv6Addresses)
}

// addressFor checks a requested address or allocates one, moving the subnet's cursor.
func addressFor(tx Tx, s *Subnet, requested string) (string, error) {
	if requested != "" {
		a, err := checkRequestedAddress(tx, *s, FieldPrivateIP, requested)
		if err != nil {
			return "", err
		}
		return a.String(), tx.RemoveReleasedIP(s.ID, ipToNum(a))
	}
	a, err := allocateIP(tx, s)
	if err != nil {
		return "", err
	}
	return a.String(), tx.UpdateSubnet(*s)
}

func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

// GetNetworkInterface reads a NIC.
func (e *Engine) GetNetworkInterface(ctx context.Context, id string) (n NetworkInterface, err error) {
	err = e.view(ctx, "GetNetworkInterface", func(tx Tx) error {
		n, err = getNetworkInterface(tx, id)
		return err
	})
	return n, err
}

// FindNetworkInterfaceByIP finds the NIC holding ip in a subnet, as its
// primary, a secondary or an IPv6 address.
func (e *Engine) FindNetworkInterfaceByIP(ctx context.Context, subnetID, ip string) (n NetworkInterface, err error) {
	err = e.view(ctx, "FindNetworkInterfaceByIP", func(tx Tx) error {
		if _, err := getSubnet(tx, subnetID); err != nil {
			return err
		}
		held, err := tx.GetAddress(subnetID, ip)
		if err == nil && held.Kind == AddressVirtual {
			err = ErrNotFound
		}
		if err != nil {
			return notFound(err, RuleNetworkInterfaceExists, "a network interface holding "+ip+" in subnet", subnetID)
		}
		n, err = getNetworkInterface(tx, held.Holder)
		return err
	})
	return n, err
}

// ListNetworkInterfaces lists NICs, primary ones included, that match every
// field of the filter (tags included).
func (e *Engine) ListNetworkInterfaces(ctx context.Context, f NetworkInterfaceFilter) (list []NetworkInterface, err error) {
	err = e.view(ctx, "ListNetworkInterfaces", func(tx Tx) error {
		list, err = tx.ListNetworkInterfaces(f)
		return err
	})
	return list, err
}

// NetworkInterfaceUpdate changes what may change on a NIC; nil leaves a field alone.
type NetworkInterfaceUpdate struct {
	Name                *string
	Description         *string
	SecurityGroupIDs    []string // nil: unchanged; empty: no groups
	SecondaryPrivateIPs *AddressRequest
	IPv6Addresses       *AddressRequest
	SourceDestCheck     *bool
	Tags                map[string]string // nil: unchanged; empty: no tags
}

// UpdateNetworkInterface changes a NIC's name, description, security
// groups, secondary private IPs, IPv6 addresses, source/destination check
// or tags, all in one transaction.
func (e *Engine) UpdateNetworkInterface(ctx context.Context, id string, u NetworkInterfaceUpdate) (n NetworkInterface, err error) {
	err = e.updateInVPCOf(ctx, "UpdateNetworkInterface", ScopeNetworkInterface, id, func(tx Tx) error {
		if n, err = getNetworkInterface(tx, id); err != nil {
			return err
		}
		if err := applyNetworkInterfaceUpdate(tx, &n, u); err != nil {
			return err
		}
		return tx.UpdateNetworkInterface(n)
	})
	return n, err
}

func applyNetworkInterfaceUpdate(tx Tx, n *NetworkInterface, u NetworkInterfaceUpdate) error {
	if u.Name != nil {
		n.Name = *u.Name
	}
	if u.Description != nil {
		n.Description = *u.Description
	}
	if err := validateNameAndDescription(n.Name, n.Description); err != nil {
		return err
	}
	if u.SecurityGroupIDs != nil {
		if err := checkSecurityGroups(tx, n.VPCID, u.SecurityGroupIDs); err != nil {
			return err
		}
		n.SecurityGroupIDs = u.SecurityGroupIDs
	}
	if u.SourceDestCheck != nil {
		if err := checkCheckTurnedOn(tx, *n, *u.SourceDestCheck); err != nil {
			return err
		}
		n.SourceDestCheck = *u.SourceDestCheck
	}
	if u.Tags != nil {
		if err := ValidateTags(u.Tags); err != nil {
			return err
		}
		n.Tags = tagsOf(u.Tags)
	}
	return applyAddressUpdates(tx, n, u)
}

// applyAddressUpdates applies the address requests of an update, if any.
func applyAddressUpdates(tx Tx, n *NetworkInterface, u NetworkInterfaceUpdate) error {
	if u.SecondaryPrivateIPs == nil && u.IPv6Addresses == nil {
		return nil
	}
	s, err := getSubnet(tx, n.SubnetID)
	if err != nil {
		return err
	}
	for _, r := range []struct {
		kind addressKind
		req  *AddressRequest
	}{{secondaryKind, u.SecondaryPrivateIPs}, {ipv6Kind, u.IPv6Addresses}} {
		if r.req == nil {
			continue
		}
		if err := ValidateAddressRequest(r.kind.field, *r.req); err != nil {
			return err
		}
		if err := setAddresses(tx, r.kind, n, &s, *r.req); err != nil {
			return err
		}
	}
	return nil
}

// DeleteNetworkInterface deletes an available extension NIC, unbinding its
// EIP first; one a virtual IP is bound to stays (rule 11).
func (e *Engine) DeleteNetworkInterface(ctx context.Context, id string) error {
	return e.DeleteNetworkInterfaceMovingVirtualIPs(ctx, id, nil)
}

// DeleteNetworkInterfaceMovingVirtualIPs is DeleteNetworkInterface after
// moving the virtual IPs of departures (virtual IP ID → NIC, "" to unbind;
// see VirtualIPDepartures) off the NIC, in one transaction: the moves and
// the deletion all happen, or none does.
func (e *Engine) DeleteNetworkInterfaceMovingVirtualIPs(ctx context.Context, id string, departures map[string]string) error {
	return e.updateInVPCOf(ctx, "DeleteNetworkInterface", ScopeNetworkInterface, id, func(tx Tx) error {
		n, err := getNetworkInterface(tx, id)
		if err != nil {
			return err
		}
		if err := checkNotPrimary(n, "deleted on its own: it is deleted with the server"); err != nil {
			return err
		}
		if err := checkUnattached(n.ID, heldBy(n), ""); err != nil {
			return onField(err, FieldID)
		}
		if err := moveVirtualIPsOff(tx, n.ID, departures); err != nil {
			return err
		}
		if err := checkNoVirtualIPBound(tx, "network interface", n.ID, n.ID); err != nil {
			return err
		}
		if err := checkNotRouted(tx, "network interface", n.ID, n.ID); err != nil {
			return err
		}
		return deleteNetworkInterfaceRow(tx, n)
	})
}

// deleteNetworkInterfaceRow unbinds the NIC's EIP, which outlives it, then
// deletes the row and gives its addresses back to the subnet.
func deleteNetworkInterfaceRow(tx Tx, n NetworkInterface) error {
	id := n.ID
	eip, err := tx.GetEIPByNetworkInterface(id)
	switch {
	case err == nil:
		eip.NetworkInterfaceID = ""
		if err := tx.UpdateEIP(eip); err != nil {
			return err
		}
	case !errors.Is(err, ErrNotFound):
		return err
	}
	if err := tx.DeleteNetworkInterface(id); err != nil {
		return err
	}
	return releaseAddresses(tx, n.SubnetID, append([]string{n.PrivateIP}, n.SecondaryPrivateIPs...)...)
}

// checkNoVirtualIPBound applies rule 11 to deleting what (a NIC, or a
// server with its primary NIC) id while a virtual IP is bound to nicID.
func checkNoVirtualIPBound(tx Tx, what, id, nicID string) error {
	if nicID == "" {
		return nil
	}
	vips, err := tx.ListVirtualIPs(VirtualIPFilter{NetworkInterfaceID: nicID})
	if err != nil || len(vips) == 0 {
		return err
	}
	ids := make([]string, len(vips))
	for i, v := range vips {
		ids[i] = v.ID
	}
	err = refuseStillInUse(what, id, plural(len(vips), "virtual IP")+" bound to network interface "+nicID+" ("+strings.Join(ids, ", ")+"); unbind or delete them first")
	AsError(err).Blocking = ids
	return err
}

// checkCheckTurnedOn applies rule 19 to setting n's source/destination
// check to on: refused while routes send traffic to n.
func checkCheckTurnedOn(tx Tx, n NetworkInterface, on bool) error {
	if !on || n.SourceDestCheck {
		return nil
	}
	return asStored().checkCheckOn(tx, n, on)
}
