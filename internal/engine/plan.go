package engine

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// PlanLedger remembers the attachments one plan makes, so that the flavor
// limit counts every NIC a plan brings to a server, not only those already
// there. One provider instance serves a whole plan and keeps one ledger.
// Keys are NIC IDs, or placeholders for NICs the same plan creates.
type PlanLedger struct {
	mu         sync.Mutex
	arrivals   map[string]map[string]bool // server ID → NICs the plan brings
	departures map[string]map[string]bool // server ID → NICs the plan takes away
	flavors    map[string]string          // server ID → flavor the plan resizes it to
	indexes    map[string]map[int]string  // server ID → device index → NIC the plan puts there
	unnamed    int
}

// NewPlanLedger returns an empty ledger.
func NewPlanLedger() *PlanLedger {
	return &PlanLedger{arrivals: map[string]map[string]bool{}, departures: map[string]map[string]bool{},
		flavors: map[string]string{}, indexes: map[string]map[int]string{}}
}

func (l *PlanLedger) add(book map[string]map[string]bool, serverID, key string) {
	if book[serverID] == nil {
		book[serverID] = map[string]bool{}
	}
	book[serverID][key] = true
}

// recordArrival notes that the plan puts key on serverID; a NIC goes to one
// server only, so a replan to another server forgets the earlier target.
func (l *PlanLedger) recordArrival(serverID, key string, deviceIndex *int) {
	for _, set := range l.arrivals {
		delete(set, key)
	}
	for _, held := range l.indexes {
		for i, k := range held {
			if k == key {
				delete(held, i)
			}
		}
	}
	l.add(l.arrivals, serverID, key)
	if deviceIndex != nil {
		if l.indexes[serverID] == nil {
			l.indexes[serverID] = map[int]string{}
		}
		l.indexes[serverID][*deviceIndex] = key
	}
}

// checkPlannedIndex applies rule 7 within the plan: two attachments of one
// plan asking for the same device index of a server can only fail at apply.
func (l *PlanLedger) checkPlannedIndex(srv Server, self string, deviceIndex *int) error {
	if deviceIndex == nil {
		return nil
	}
	if other, taken := l.indexes[srv.ID][*deviceIndex]; taken && other != self {
		return refuseDeviceIndex(deviceIndex, srv, "this plan already attaches "+other+" there")
	}
	return nil
}

// PlanResize notes that the plan resizes a server. Terraform plans a server
// before the attachments that refer to it, so they are judged against the
// flavor it will have.
func (l *PlanLedger) PlanResize(serverID, flavor string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flavors[serverID] = flavor
}

// flavorOf is the flavor srv will have once the plan is applied.
func (l *PlanLedger) flavorOf(srv Server) Flavor {
	name := srv.Flavor
	if planned, ok := l.flavors[srv.ID]; ok {
		name = planned
	}
	f, ok := LookupFlavor(name)
	if !ok {
		f, _ = LookupFlavor(srv.Flavor) // the resize itself is refused elsewhere
	}
	return f
}

// checkSingleAttachment applies rule 2 within the plan: the same NIC
// planned onto two servers can only fail at apply.
func (l *PlanLedger) checkSingleAttachment(nicID, serverID string) error {
	for other, set := range l.arrivals {
		if other != serverID && set[nicID] {
			return checkUnattached(nicID, other, 0, true, serverID)
		}
	}
	return nil
}

// PlanDeparture notes that the plan detaches a NIC from a server (an
// attachment destroyed or replaced), freeing its slot for later changes.
func (l *PlanLedger) PlanDeparture(serverID, nicID string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.add(l.departures, serverID, nicID)
}

func (l *PlanLedger) departs(serverID, nicID string) bool {
	return l.departures[serverID][nicID]
}

// occupants are the NICs that will be on srv once every change planned so
// far is applied: those there now and staying, how many the plan takes
// away, and those it brings, less the NIC being planned.
func (l *PlanLedger) occupants(srv string, now []NetworkInterface, self string) (staying []NetworkInterface, leaving int, arriving []string) {
	for _, n := range now {
		switch {
		case n.ID == self:
		case l.departs(srv, n.ID):
			leaving++
		default:
			staying = append(staying, n)
		}
	}
	for key := range l.arrivals[srv] {
		if key != self && !slices.ContainsFunc(now, func(n NetworkInterface) bool { return n.ID == key }) {
			arriving = append(arriving, key)
		}
	}
	slices.Sort(arriving)
	return staying, leaving, arriving
}

// PlannedAttachment is one attachment change being planned. NetworkInterfaceID
// is "" when the plan creates the NIC too (its ID is not known yet); From is
// the server the attachment leaves when the change is a move.
type PlannedAttachment struct {
	AttachInput
	From string
}

// CheckPlannedAttachment applies at plan time every rule an attach or move
// would meet, counting what the plan has already put on or taken off the
// server, and records the change in the ledger. It changes nothing stored.
func (e *Engine) CheckPlannedAttachment(ctx context.Context, p PlannedAttachment, l *PlanLedger) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return e.view(ctx, "CheckPlannedAttachment", func(tx Tx) error {
		srv, err := getServer(tx, p.ServerID)
		if err != nil {
			return err
		}
		n := NetworkInterface{ID: p.NetworkInterfaceID}
		if n.ID != "" {
			if n, err = getNetworkInterface(tx, n.ID); err != nil {
				return err
			}
			if err := l.checkSingleAttachment(n.ID, srv.ID); err != nil {
				return err
			}
			if err := e.checkPlannedOwner(n, srv, p, l); err != nil {
				return err
			}
			if err := checkTopology(n, srv, e.opts.AttachmentSubnetRule); err != nil {
				return err
			}
		}
		if err := checkPlannedPlacement(tx, n, srv, p.DeviceIndex, l); err != nil {
			return err
		}
		key := n.ID
		if key == "" {
			l.unnamed++
			key = fmt.Sprintf("NIC #%d created by this plan", l.unnamed)
		}
		l.recordArrival(srv.ID, key, p.DeviceIndex)
		if p.From != "" && p.From != srv.ID {
			l.add(l.departures, p.From, n.ID)
		}
		return nil
	})
}

// checkPlannedOwner applies rules 1 and 2, knowing that a NIC the plan takes
// off its server is free to go elsewhere.
func (e *Engine) checkPlannedOwner(n NetworkInterface, srv Server, p PlannedAttachment, l *PlanLedger) error {
	move := p.From != "" && p.From == n.ServerID
	if n.ServerID != "" && !move && l.departs(n.ServerID, n.ID) {
		move = true
	}
	if n.ServerID == "" && p.From != "" {
		move = false // detached outside Terraform: the move will be an attach
	}
	return checkAttachable(n, srv, move)
}

// checkPlannedPlacement applies rules 6 and 7 to the server as the plan leaves it.
func checkPlannedPlacement(tx Tx, n NetworkInterface, srv Server, deviceIndex *int, l *PlanLedger) error {
	flavor := l.flavorOf(srv)
	now, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{ServerID: srv.ID})
	if err != nil {
		return err
	}
	staying, leaving, arriving := l.occupants(srv.ID, now, n.ID)
	self := n.ID
	if self == "" {
		self = "a network interface this plan creates"
	}
	if err := checkNICLimit(nicLoad{server: srv, flavor: flavor, staying: staying, leaving: leaving, arriving: arriving, placing: self}); err != nil {
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
