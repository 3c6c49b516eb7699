package engine

import (
	"context"
	"errors"
	"slices"
	"time"
)

// A plan that deletes a NIC and moves a virtual IP off it cannot be applied
// in the order Terraform and OpenTofu apply it: the virtual IP depended on
// the NIC, so its update waits for the NIC's deletion, which rule 11
// refuses while the virtual IP is bound. The NIC's plan therefore learns
// from the ledger where the plan takes each virtual IP bound to it, and the
// deletion moves them there first, in its own transaction.

// VirtualIPDepartures says, for a plan that deletes NIC nicID, where it
// takes each virtual IP bound to it: virtual IP ID → the NIC it ends on
// ("" for unbound, or for a NIC the plan creates, which the virtual IP's
// own update binds it to). Terraform plans the virtual IPs and the NIC in
// any order, so it waits up to wait for the plans of those not recorded
// yet; one still unplanned then (another configuration's, or one made
// outside) is left out, and the deletion refuses while it stays bound.
func (e *Engine) VirtualIPDepartures(ctx context.Context, nicID string, l *PlanLedger, wait time.Duration) (map[string]string, error) {
	bound, err := e.ListVirtualIPs(ctx, VirtualIPFilter{NetworkInterfaceID: nicID})
	if err != nil || len(bound) == 0 || l == nil {
		return nil, err
	}
	ids := make([]string, len(bound))
	for i, v := range bound {
		ids[i] = v.ID
	}
	planned := l.awaitVirtualIPPlans(ctx, ids, wait)
	departures := map[string]string{}
	for id, to := range planned {
		if to != nicID {
			departures[id] = to
		}
	}
	return departures, nil
}

// awaitVirtualIPPlans returns the planned NIC of each of ids the ledger
// has, once it has them all or wait has passed.
func (l *PlanLedger) awaitVirtualIPPlans(ctx context.Context, ids []string, wait time.Duration) map[string]string {
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		l.mu.Lock()
		planned, changed := map[string]string{}, l.changed
		for _, id := range ids {
			if to, ok := l.planOf(storedKey(id)).bound(); ok {
				planned[id] = to.id
			}
		}
		l.mu.Unlock()
		if len(planned) == len(ids) {
			return planned
		}
		select {
		case <-changed:
		case <-timer.C:
			return planned
		case <-ctx.Done():
			return planned
		}
	}
}

// moveVirtualIPsOff moves each virtual IP of departures still bound to
// nicID to the NIC the plan takes it to, under rules 5 and 15; one the plan
// destroyed or that moved meanwhile is left alone.
func moveVirtualIPsOff(tx Tx, nicID string, departures map[string]string) error {
	ids := make([]string, 0, len(departures))
	for id := range departures {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		v, err := tx.GetVirtualIP(id)
		if errors.Is(err, ErrNotFound) || err == nil && v.NetworkInterfaceID != nicID {
			continue // destroyed or moved: nothing to do for it
		}
		if err != nil {
			return err
		}
		if err := bindVirtualIP(tx, &v, departures[id]); err != nil {
			return err
		}
		if err := tx.UpdateVirtualIP(v); err != nil {
			return err
		}
	}
	return nil
}
