package engine

import (
	"cmp"
	"context"
	"slices"
)

// Attachments at plan time: the NICs a plan brings to each server and takes
// off it, counted with what is stored (rules 1, 2, 6, 7 and 15).

// PlannedAttachment is one attachment change being planned. NetworkInterfaceID
// is "" when the plan creates the NIC too (its ID is not known yet); From is
// the server the attachment leaves when the change is a move. Creates is
// true for an attachment the plan creates (none in the state), false for
// one it updates or replaces: two new attachments of one NIC in a plan are
// refused (rule 2), while Terraform planning a replacement (the change of
// the attachment in state, then a new one) is not.
type PlannedAttachment struct {
	AttachInput
	From    string
	Creates bool
}

// PlanDeparture notes that the plan detaches a NIC from a server (an
// attachment destroyed or replaced), freeing its slot for later changes.
func (l *PlanLedger) PlanDeparture(serverID, nicID string) {
	if nicID == "" {
		return // a NIC the plan creates is on no server yet
	}
	l.record(storedKey(nicID), func(o *objectPlan) { o.addDeparture(serverID) })
}

func (o *objectPlan) addDeparture(serverID string) {
	if o.departsFrom == nil {
		o.departsFrom = map[string]bool{}
	}
	o.departsFrom[serverID] = true
}

// CheckPlannedAttachment applies at plan time every rule an attach or move
// would meet, counting what the plan has already put on or taken off the
// server, and records the change in the ledger. It changes nothing stored.
func (e *Engine) CheckPlannedAttachment(ctx context.Context, p PlannedAttachment, l *PlanLedger) error {
	return e.viewPlanned(ctx, "CheckPlannedAttachment", l, func(tx Tx, l *PlanLedger) error {
		srv, err := getServer(tx, p.ServerID)
		if err != nil {
			return err
		}
		n := NetworkInterface{ID: p.NetworkInterfaceID}
		if n.ID != "" {
			if n, err = getNetworkInterface(tx, n.ID); err != nil {
				return err
			}
			if err := l.checkSingleAttachment(n.ID, srv.ID, p.Creates); err != nil {
				return err
			}
			if err := checkPlannedOwner(n, srv, p, l); err != nil {
				return err
			}
			if err := checkTopology(n, srv, e.opts.AttachmentSubnetRule); err != nil {
				return err
			}
		}
		if err := l.checkPlannedPlacement(tx, n, srv, p.DeviceIndex); err != nil {
			return err
		}
		l.recordArrival(l.keyFor(n.ID, createdNIC), srv.ID, p)
		return nil
	})
}

// recordArrival notes that the plan puts the NIC k on serverID; a NIC goes
// to one server only, so a replan to another server replaces the earlier
// target.
func (l *PlanLedger) recordArrival(k planKey, serverID string, p PlannedAttachment) {
	a := &plannedArrival{server: serverID, byNewAttachment: p.Creates}
	if p.DeviceIndex != nil {
		i := *p.DeviceIndex
		a.deviceIndex = &i
	}
	l.change(k, func(o *objectPlan) {
		o.arrival = a
		if p.From != "" && p.From != serverID && k.stored() {
			o.addDeparture(p.From)
		}
	})
}

// plannedServer is the server n will be on once the plan's attachments so
// far are applied, or "".
func (l *PlanLedger) plannedServer(n NetworkInterface) string {
	o := l.planOf(storedKey(n.ID))
	if o != nil && o.arrival != nil {
		return o.arrival.server
	}
	if n.ServerID != "" && !o.departs(n.ServerID) {
		return n.ServerID
	}
	return ""
}

// checkSingleAttachment applies rule 2 within the plan: the same NIC
// planned onto two servers, or by two new attachments, can only fail at
// apply. A new attachment planned after a change of an existing one for the
// same NIC is Terraform planning a replacement, not a second attachment.
func (l *PlanLedger) checkSingleAttachment(nicID, serverID string, creates bool) error {
	o := l.planOf(storedKey(nicID))
	if o == nil || o.arrival == nil {
		return nil
	}
	if a := o.arrival; a.server != serverID || creates && a.byNewAttachment {
		return checkUnattached(nicID, attachmentHolder{serverID: a.server, byThisPlan: true}, serverID)
	}
	return nil
}

// checkPlannedOwner applies rules 1 and 2, knowing that a NIC the plan takes
// off its server is free to go elsewhere.
func checkPlannedOwner(n NetworkInterface, srv Server, p PlannedAttachment, l *PlanLedger) error {
	move := p.From != "" && p.From == n.ServerID
	if n.ServerID != "" && !move && l.planOf(storedKey(n.ID)).departs(n.ServerID) {
		move = true
	}
	if n.ServerID == "" && p.From != "" {
		move = false // detached outside Terraform: the move will be an attach
	}
	return checkAttachable(n, srv, move)
}

// checkPlannedPlacement applies rules 6, 15 and 7 to the server as the plan leaves it.
func (l *PlanLedger) checkPlannedPlacement(tx Tx, n NetworkInterface, srv Server, deviceIndex *int) error {
	flavor := l.flavorOf(srv)
	if n.ID != "" {
		if err := l.checkIPRoom(tx, n, ipChange{server: srv.ID, flavor: flavor}, FieldServerID); err != nil {
			return err
		}
	}
	now, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{ServerID: srv.ID})
	if err != nil {
		return err
	}
	staying, leaving, arriving := l.occupants(srv.ID, now, n.ID)
	self := n.ID
	if self == "" {
		self = "a network interface this plan creates"
	}
	if err := checkNICLimit(nicLoad{server: srv, flavor: flavor, staying: staying, leaving: leaving, arriving: keyWords(arriving), placing: self}); err != nil {
		return err
	}
	if deviceIndex == nil {
		return nil // indexes free up as planned arrivals take theirs; the count above decides
	}
	if _, err = chooseDeviceIndex(srv, flavor, staying, deviceIndex); err != nil {
		return err
	}
	return l.checkPlannedIndex(srv, n.ID, deviceIndex)
}

// occupants are the NICs that will be on srv once every change planned so
// far is applied: those there now and staying, how many the plan takes
// away, and those it brings (in the order of their names), less the NIC
// being planned.
func (l *PlanLedger) occupants(srv string, now []NetworkInterface, self string) (staying []NetworkInterface, leaving int, arriving []planKey) {
	for _, n := range now {
		switch {
		case n.ID == self:
		case l.planOf(storedKey(n.ID)).departs(srv):
			leaving++
		default:
			staying = append(staying, n)
		}
	}
	for k := range l.views.arriving[srv] {
		if k != storedKey(self) && !slices.ContainsFunc(now, func(n NetworkInterface) bool { return n.ID == k.id }) {
			arriving = append(arriving, k)
		}
	}
	slices.SortFunc(arriving, func(a, b planKey) int { return cmp.Compare(a.String(), b.String()) })
	return staying, leaving, arriving
}

// checkPlannedIndex applies rule 7 within the plan: two attachments of one
// plan asking for the same device index of a server can only fail at apply.
func (l *PlanLedger) checkPlannedIndex(srv Server, self string, deviceIndex *int) error {
	if other, taken := l.views.indexes[srv.ID][*deviceIndex]; taken && other != storedKey(self) {
		return refuseDeviceIndex(deviceIndex, srv, "this plan already attaches "+other.String()+" there")
	}
	return nil
}

func keyWords(keys []planKey) []string {
	if len(keys) == 0 {
		return nil
	}
	words := make([]string, len(keys))
	for i, k := range keys {
		words[i] = k.String()
	}
	return words
}
