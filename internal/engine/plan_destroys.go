package engine

// What a plan destroys: objects it deletes, and the objects it replaces,
// which Terraform destroys before it creates their replacements. The checks
// planned after see them gone: an address one held is free, a subnet's
// range and IPv6 /64 are free, a destroyed virtual IP is bound to no NIC.
// This is the one way a replacement reuses what the object it replaces
// held: the provider notes the replaced object with PlanDestroy before it
// checks the new one.

// gone reports whether the stored object id is out of the way of the one
// being checked: a plan destroys it first, or it is that object itself.
// Checks treat what it holds as free.
type gone func(id string) bool

// noneGone is the store as it is, for the checks of an operation.
func noneGone(string) bool { return false }

// PlanDestroy notes that the plan destroys a stored object: deletes it, or
// replaces it.
func (l *PlanLedger) PlanDestroy(id string) {
	if id == "" {
		return
	}
	l.record(storedKey(id), func(o *objectPlan) { o.destroyed = true })
}

// destroys reports whether the plan destroys the stored object id.
func (l *PlanLedger) destroys(id string) bool {
	o := l.planOf(storedKey(id))
	return o != nil && o.destroyed
}

// checkRequestedAddress applies rule 8 to an address requested in s at
// plan time, counting an address whose holder the plan destroys as free.
func (l *PlanLedger) checkRequestedAddress(tx Tx, s Subnet, field Field, requested string) error {
	_, err := checkRequestedAddressVacated(tx, s, field, requested, func(held HeldAddress) (bool, error) {
		return l.vacates(tx, held)
	})
	return err
}

// vacates reports whether the plan destroys what holds an address: the
// holder itself, or the server whose primary NIC holds it (a primary NIC
// goes with its server).
func (l *PlanLedger) vacates(tx Tx, held HeldAddress) (bool, error) {
	if l.destroys(held.Holder) {
		return true, nil
	}
	if held.Kind == AddressVirtual {
		return false, nil
	}
	n, err := tx.GetNetworkInterface(held.Holder)
	switch {
	case isNotFound(err):
		return false, nil
	case err != nil:
		return false, err
	}
	return n.Primary && l.destroys(n.ServerID), nil
}
