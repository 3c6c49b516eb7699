package engine

import (
	"context"
	"errors"
)

// DefaultBandwidthMbps is an EIP's bandwidth when none is given.
const DefaultBandwidthMbps = 5

// EIPInput creates an EIP, bound to a NIC when NetworkInterfaceID is set.
// On an update, Tags nil leaves the tags alone.
type EIPInput struct {
	BandwidthMbps      int
	NetworkInterfaceID string
	Tags               map[string]string
}

func validateEIPInput(in EIPInput) error {
	if err := ValidateBandwidth(in.BandwidthMbps); err != nil {
		return err
	}
	return ValidateTags(in.Tags)
}

// CreateEIP takes a public address from the region's pool.
func (e *Engine) CreateEIP(ctx context.Context, in EIPInput) (eip EIP, err error) {
	if err := validateEIPInput(in); err != nil {
		return EIP{}, err
	}
	err = e.update(ctx, "CreateEIP", func(tx Tx) error {
		ip, err := allocatePublicIP(tx)
		if err != nil {
			return err
		}
		eip = EIP{ID: newID(PrefixEIP), PublicIP: ip, BandwidthMbps: in.BandwidthMbps, Tags: tagsOf(in.Tags)}
		if err := bindEIP(tx, &eip, in.NetworkInterfaceID); err != nil {
			return err
		}
		return tx.InsertEIP(eip)
	})
	return eip, err
}

func allocatePublicIP(tx Tx) (string, error) {
	first, last := hostRange(PublicPool)
	n, ok, err := firstFreeSkipping(tx.NextFreePublicIP, first, first, last, 0)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", RulePublicPool.refuse("the public address pool %s of region %s is exhausted", PublicPool, Region)
	}
	return numToIP(n).String(), nil
}

// bindEIP points eip at a NIC ("" unbinds), refusing a NIC that already has another EIP.
func bindEIP(tx Tx, eip *EIP, networkInterfaceID string) error {
	if networkInterfaceID != "" {
		if _, err := getNetworkInterface(tx, networkInterfaceID); err != nil {
			return err
		}
		other, err := tx.GetEIPByNetworkInterface(networkInterfaceID)
		switch {
		case err == nil && other.ID != eip.ID:
			return refuseSecondEIP(networkInterfaceID, other)
		case err != nil && !errors.Is(err, ErrNotFound):
			return err
		}
	}
	eip.NetworkInterfaceID = networkInterfaceID
	return nil
}

// GetEIP reads an EIP.
func (e *Engine) GetEIP(ctx context.Context, id string) (eip EIP, err error) {
	err = e.view(ctx, "GetEIP", func(tx Tx) error {
		eip, err = getEIP(tx, id)
		return err
	})
	return eip, err
}

// UpdateEIP sets an EIP's bandwidth, binding (bind, unbind or rebind) and
// tags in one step.
func (e *Engine) UpdateEIP(ctx context.Context, id string, in EIPInput) (eip EIP, err error) {
	if err := validateEIPInput(in); err != nil {
		return EIP{}, err
	}
	err = e.update(ctx, "UpdateEIP", func(tx Tx) error {
		if eip, err = getEIP(tx, id); err != nil {
			return err
		}
		eip.BandwidthMbps = in.BandwidthMbps
		if in.Tags != nil {
			eip.Tags = tagsOf(in.Tags)
		}
		if err := bindEIP(tx, &eip, in.NetworkInterfaceID); err != nil {
			return err
		}
		return tx.UpdateEIP(eip)
	})
	return eip, err
}

// DeleteEIP releases an EIP, unbinding it first.
func (e *Engine) DeleteEIP(ctx context.Context, id string) error {
	return e.update(ctx, "DeleteEIP", func(tx Tx) error {
		if _, err := getEIP(tx, id); err != nil {
			return err
		}
		return tx.DeleteEIP(id)
	})
}

// ListEIPs lists every EIP.
func (e *Engine) ListEIPs(ctx context.Context) (list []EIP, err error) {
	err = e.view(ctx, "ListEIPs", func(tx Tx) error {
		list, err = tx.ListEIPs()
		return err
	})
	return list, err
}

// refuseSecondEIP is the refusal of a second EIP for a NIC that has other.
func refuseSecondEIP(networkInterfaceID string, other EIP) error {
	return RuleOneEIPPerNIC.refuse("network interface %s already has EIP %s (%s)", networkInterfaceID, other.ID, other.PublicIP)
}
