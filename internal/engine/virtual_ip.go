package engine

import (
	"context"
	"fmt"
	"net/netip"
)

// VirtualIPInput creates a virtual IP in a subnet: at IPAddress ("" to have
// one allocated), bound to NetworkInterfaceID ("" for none).
type VirtualIPInput struct {
	SubnetID           string
	IPAddress          string
	NetworkInterfaceID string
	Tags               map[string]string
}

// VirtualIPUpdate changes a virtual IP; nil leaves a field alone. A new
// NetworkInterfaceID binds, unbinds ("") or moves the address.
type VirtualIPUpdate struct {
	NetworkInterfaceID *string
	Tags               map[string]string
}

// CreateVirtualIP takes an address of a subnet as a virtual IP, and binds
// it to a NIC of that subnet if one is named.
func (e *Engine) CreateVirtualIP(ctx context.Context, in VirtualIPInput) (v VirtualIP, err error) {
	if err := ValidateTags(in.Tags); err != nil {
		return VirtualIP{}, err
	}
	err = e.updateInVPCOf(ctx, "CreateVirtualIP", ScopeSubnet, in.SubnetID, func(tx Tx) error {
		s, err := getSubnet(tx, in.SubnetID)
		if err != nil {
			return err
		}
		a, err := virtualIPAddress(tx, &s, in.IPAddress)
		if err != nil {
			return err
		}
		// The ID comes after the binding's checks, so that their refusals
		// name no virtual IP that the rollback leaves nonexistent.
		v = VirtualIP{SubnetID: s.ID, IPAddress: a.String(), Tags: tagsOf(in.Tags)}
		if err := bindVirtualIP(tx, &v, in.NetworkInterfaceID); err != nil {
			return err
		}
		v.ID = newID(PrefixVirtualIP)
		return conflict(tx.InsertVirtualIP(v), func() error {
			return onField(refuseAddressInUse(v.IPAddress, s.ID, "another holder"), FieldIPAddress)
		})
	})
	return v, err
}

// virtualIPAddress checks a requested address (rule 8) or allocates one.
func virtualIPAddress(tx Tx, s *Subnet, requested string) (netip.Addr, error) {
	if requested != "" {
		a, err := checkRequestedAddress(tx, *s, FieldIPAddress, requested)
		if err != nil {
			return a, err
		}
		return a, tx.RemoveReleasedIP(s.ID, ipToNum(a))
	}
	a, err := allocateIP(tx, s)
	if err != nil {
		return a, err
	}
	return a, tx.UpdateSubnet(*s)
}

// bindVirtualIP points v at a NIC ("" unbinds): one of v's subnet (rule 5)
// with room for one more private IP (rule 15).
func bindVirtualIP(tx Tx, v *VirtualIP, nicID string) error {
	if nicID == "" || nicID == v.NetworkInterfaceID {
		v.NetworkInterfaceID = nicID
		return nil
	}
	n, err := getNetworkInterface(tx, nicID)
	if err != nil {
		return err
	}
	if err := checkVirtualIPSubnet(*v, n); err != nil {
		return err
	}
	srv, flavor, err := serverOf(tx, n)
	if err != nil {
		return err
	}
	l, err := storedIPLoad(tx, n, srv, flavor)
	if err != nil {
		return err
	}
	l.virtual++
	if err := checkPrivateIPLimit(l, FieldNetworkInterfaceID); err != nil {
		return err
	}
	if err := asStored().checkRoutedBind(tx, *v, n); err != nil {
		return err
	}
	v.NetworkInterfaceID = nicID
	return nil
}

// checkVirtualIPSubnet applies rule 5 to binding v to n.
func checkVirtualIPSubnet(v VirtualIP, n NetworkInterface) error {
	if n.SubnetID == v.SubnetID {
		return nil
	}
	return RuleVirtualIPSubnet.refuse("%s is in subnet %s but network interface %s is in subnet %s",
		virtualIPWords(v), v.SubnetID, n.ID, n.SubnetID)
}

// virtualIPWords names v for a message: by its ID once it exists, else as
// the new one, with its address when it has one.
func virtualIPWords(v VirtualIP) string {
	switch {
	case v.ID != "" && v.IPAddress != "":
		return fmt.Sprintf("virtual IP %s (%s)", v.ID, v.IPAddress)
	case v.ID != "":
		return "virtual IP " + v.ID
	case v.IPAddress != "":
		return "the new virtual IP " + v.IPAddress
	}
	return "the new virtual IP"
}

// GetVirtualIP reads a virtual IP.
func (e *Engine) GetVirtualIP(ctx context.Context, id string) (v VirtualIP, err error) {
	err = e.view(ctx, "GetVirtualIP", func(tx Tx) error {
		v, err = getVirtualIP(tx, id)
		return err
	})
	return v, err
}

func getVirtualIP(tx Tx, id string) (VirtualIP, error) {
	v, err := tx.GetVirtualIP(id)
	return v, notFound(err, RuleVirtualIPExists, "virtual IP", id)
}

// UpdateVirtualIP binds, unbinds or moves a virtual IP and sets its tags in
// one transaction: a move ends on the new NIC or leaves the address where
// it was.
func (e *Engine) UpdateVirtualIP(ctx context.Context, id string, u VirtualIPUpdate) (v VirtualIP, err error) {
	if u.Tags != nil {
		if err := ValidateTags(u.Tags); err != nil {
			return VirtualIP{}, err
		}
	}
	err = e.updateInVPCOf(ctx, "UpdateVirtualIP", ScopeVirtualIP, id, func(tx Tx) error {
		if v, err = getVirtualIP(tx, id); err != nil {
			return err
		}
		if u.NetworkInterfaceID != nil {
			if err := bindVirtualIP(tx, &v, *u.NetworkInterfaceID); err != nil {
				return err
			}
		}
		if u.Tags != nil {
			v.Tags = tagsOf(u.Tags)
		}
		return tx.UpdateVirtualIP(v)
	})
	return v, err
}

// DeleteVirtualIP releases a virtual IP's address, bound or not.
func (e *Engine) DeleteVirtualIP(ctx context.Context, id string) error {
	return e.updateInVPCOf(ctx, "DeleteVirtualIP", ScopeVirtualIP, id, func(tx Tx) error {
		v, err := getVirtualIP(tx, id)
		if err != nil {
			return err
		}
		if err := checkNotRouted(tx, "virtual IP", id, id); err != nil {
			return err
		}
		if err := tx.DeleteVirtualIP(id); err != nil {
			return err
		}
		return releaseAddresses(tx, v.SubnetID, v.IPAddress)
	})
}

// ListVirtualIPs lists the virtual IPs that match every field of f.
func (e *Engine) ListVirtualIPs(ctx context.Context, f VirtualIPFilter) (list []VirtualIP, err error) {
	err = e.view(ctx, "ListVirtualIPs", func(tx Tx) error {
		list, err = tx.ListVirtualIPs(f)
		return err
	})
	return list, err
}
