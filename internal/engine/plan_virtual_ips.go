package engine

import "context"

// Virtual IPs at plan time: the NIC a plan leaves each virtual IP bound to,
// which rule 15 counts on that NIC and a NIC's deletion reads
// (VirtualIPDepartures).

// PlannedVirtualIP is a virtual IP being planned: ID is "" for one the plan
// creates, else the virtual IP's, with its whole planned configuration.
type PlannedVirtualIP struct {
	ID string
	VirtualIPInput
}

// CheckPlannedVirtualIP applies at plan time the rules creating, binding,
// unbinding or moving a virtual IP would meet: subnet, requested address
// (rule 8; free once the plan has destroyed what holds it), the NIC in the
// same subnet (rule 5) and with room (rule 15, counting the secondary IPs
// and other virtual IPs of the plan), and records the binding for the
// plan's later checks. It changes nothing stored.
func (e *Engine) CheckPlannedVirtualIP(ctx context.Context, p PlannedVirtualIP, l *PlanLedger) error {
	if err := ValidateTags(p.Tags); err != nil {
		return err
	}
	return e.viewPlanned(ctx, "CheckPlannedVirtualIP", l, func(tx Tx, l *PlanLedger) error {
		s, err := getSubnet(tx, p.SubnetID)
		if err != nil {
			return err
		}
		v := VirtualIP{ID: p.ID, SubnetID: s.ID}
		if p.ID != "" {
			if v, err = getVirtualIP(tx, p.ID); err != nil {
				return err
			}
		}
		if p.IPAddress != "" && p.IPAddress != v.IPAddress {
			if err := l.checkRequestedAddress(tx, s, FieldIPAddress, p.IPAddress); err != nil {
				return err
			}
		}
		if p.ID == "" {
			v.IPAddress = p.IPAddress // a new one is named by its address, when asked for
		}
		key := l.keyFor(p.ID, createdVirtualIP)
		if p.NetworkInterfaceID != "" && p.NetworkInterfaceID != l.boundTo(v, key) {
			if err := l.checkPlannedBind(tx, v, p.NetworkInterfaceID); err != nil {
				return err
			}
		}
		l.recordBinding(key, p.NetworkInterfaceID)
		return nil
	})
}

// recordBinding notes the NIC the plan leaves a virtual IP on ("" for
// none). The caller holds l.mu.
func (l *PlanLedger) recordBinding(vip planKey, nicID string) {
	nic := storedKey(nicID)
	l.change(vip, func(o *objectPlan) { o.binding = &nic })
}

// boundTo is the NIC v (the ledger's vip) is bound to as the plan stands.
func (l *PlanLedger) boundTo(v VirtualIP, vip planKey) string {
	if nic, planned := l.planOf(vip).bound(); planned {
		return nic.id
	}
	return v.NetworkInterfaceID
}

// checkPlannedBind applies rules 5, 19 and 15 to binding v to a NIC under
// the plan.
func (l *PlanLedger) checkPlannedBind(tx Tx, v VirtualIP, nicID string) error {
	n, err := getNetworkInterface(tx, nicID)
	if err != nil {
		return err
	}
	if err := checkVirtualIPSubnet(v, n); err != nil {
		return err
	}
	if err := l.checkRoutedBind(tx, v, n); err != nil {
		return err
	}
	return l.checkIPRoom(tx, n, ipChange{binds: 1}, FieldNetworkInterfaceID)
}

// PlanVirtualIPKept notes that the plan leaves a virtual IP bound to nicID
// ("" for unbound), so that a NIC's plan waiting for it stops waiting.
func (l *PlanLedger) PlanVirtualIPKept(vipID, nicID string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, planned := l.planOf(storedKey(vipID)).bound(); !planned {
		l.recordBinding(storedKey(vipID), nicID)
	}
}

// AppliedVirtualIPCreate notes, at apply, that a virtual IP the plan
// creates now exists, as v. An apply plans each object once more just
// before creating it, so until then its binding is a placeholder of the
// ledger; once v is stored its NIC holds it, and the placeholder would
// count it a second time.
func (l *PlanLedger) AppliedVirtualIPCreate(v VirtualIP) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if v.NetworkInterfaceID == "" {
		return // an unbound placeholder counts on no NIC
	}
	for vip := range l.views.bindings[storedKey(v.NetworkInterfaceID)] {
		if !vip.stored() {
			l.forget(vip)
			return
		}
	}
}
