package engine

import (
	"context"
	"fmt"
	"sync"
)

// PlanLedger is what one plan does, as far as it has been planned: the
// record a plan-time check reads to judge a change against the region as
// the whole plan leaves it (rules 2, 6, 7, 15 and IPv6), and to which each
// check that passes adds its own change. One provider instance serves a
// whole plan and keeps one ledger.
//
// The record holds one objectPlan per object the plan changes, keyed by a
// planKey: a stored object by its ID, an object the plan creates by a
// placeholder. Each kind of planned change is one field of objectPlan.
// Lookups from another object (the NICs the plan brings to a server, the
// device indexes it takes there, the virtual IPs it binds to a NIC) are
// views derived from the record, kept in step by ledgerViews.index and
// unindex, so a check costs the same however large the plan is.
//
// Adding a kind of change: give objectPlan a field for it, set it through
// change in a Plan* verb or a passing CheckPlanned* check, and, where a
// check looks it up from another object, add a view to ledgerViews that
// index fills and unindex empties. Routes are such a field (keyed by their
// RouteID, known at plan, with their next hop as a planKey), with views of
// the routes in each table and the routes naming each next hop (rules 16,
// 17 and 19). Checks read fields and views, nothing else.
//
// Verbs named Plan* and CheckPlanned* are called at plan time; Applied*
// verbs are called at apply, once an object the plan creates exists.
type PlanLedger struct {
	mu      sync.Mutex
	objects map[planKey]*objectPlan
	views   ledgerViews
	// creations counts, per kind of object, the objects the plan creates
	// so far: the number of the next placeholder of that kind.
	creations map[string]int
	// changed is closed and replaced whenever the record changes, waking
	// the checks that wait for a plan (VirtualIPDepartures).
	changed chan struct{}
}

// NewPlanLedger returns an empty ledger.
func NewPlanLedger() *PlanLedger {
	return &PlanLedger{objects: map[planKey]*objectPlan{}, views: newLedgerViews(), creations: map[string]int{}, changed: make(chan struct{})}
}

// planKey names an object of a plan: a stored object by its ID, or one the
// plan creates, whose ID is not known yet, by its kind and its number among
// the objects of that kind the plan creates.
type planKey struct {
	id      string // a stored object's ID; "" for one the plan creates
	kind    string // what the plan creates, in words ("NIC")
	created int    // which of those: 1, 2, …
}

// Kinds of the objects a plan creates that the ledger counts before they
// have an ID.
const (
	createdNIC        = "NIC"
	createdVirtualIP  = "virtual IP"
	createdRouteTable = "route table"
)

// storedKey is the key of the stored object id; the zero key, which names
// nothing, when id is "".
func storedKey(id string) planKey { return planKey{id: id} }

func (k planKey) stored() bool { return k.id != "" }

// String is the key as messages name it.
func (k planKey) String() string {
	if k.stored() || k.kind == "" {
		return k.id
	}
	return fmt.Sprintf("%s #%d created by this plan", k.kind, k.created)
}

// keyFor is the key of the stored object id, or, when id is "", of a new
// object of kind the plan creates.
func (l *PlanLedger) keyFor(id, kind string) planKey {
	if id != "" {
		return storedKey(id)
	}
	l.creations[kind]++
	return planKey{kind: kind, created: l.creations[kind]}
}

// objectPlan is what the plan does to one object. Each field is one kind of
// planned change, unset when the plan makes none of that kind. Its methods
// read a nil plan as no change.
type objectPlan struct {
	arrival     *plannedArrival // a NIC: where the plan attaches or moves it
	departsFrom map[string]bool // a NIC: the servers the plan detaches it from
	secondaries *int            // a NIC: how many secondary private IPs the plan leaves it
	binding     *planKey        // a virtual IP: the NIC the plan leaves it bound to (the zero key: none)
	flavor      string          // a server: the flavor the plan resizes it to
	ipv6        *bool           // a VPC or subnet: whether the plan leaves it IPv6
	route       *plannedRoute   // a route (keyed by its RouteID): what the plan adds or changes it to
	checkOn     *bool           // a NIC: whether the plan leaves its source/destination check on
	tableIn     string          // a route table the plan creates: its VPC
	associates  map[string]bool // a subnet: the kinds of association the plan creates for it
	// destroyed: the plan deletes the object, or replaces it (Terraform
	// destroys it before it creates its replacement).
	destroyed bool
}

// plannedArrival is an attachment or move of a NIC the plan makes.
type plannedArrival struct {
	server      string
	deviceIndex *int // the index asked for; nil for the lowest free one
	// byNewAttachment: an attachment the plan creates, not one it updates
	// or replaces (rule 2 refuses a second new one of the NIC).
	byNewAttachment bool
}

func (o *objectPlan) departs(serverID string) bool {
	return o != nil && o.departsFrom[serverID]
}

// bound is the NIC the plan leaves a virtual IP bound to, and whether the
// plan decides it at all (a destroyed one is bound to none).
func (o *objectPlan) bound() (nic planKey, planned bool) {
	switch {
	case o == nil:
		return planKey{}, false
	case o.destroyed:
		return planKey{}, true
	case o.binding != nil:
		return *o.binding, true
	}
	return planKey{}, false
}

// ledgerViews are the record's lookups from another object than the one
// changed.
type ledgerViews struct {
	arriving map[string]map[planKey]bool  // server ID → NICs the plan brings to it
	indexes  map[string]map[int]planKey   // server ID → device index → NIC the plan puts there
	bindings map[planKey]map[planKey]bool // NIC → virtual IPs the plan binds to it
	routesIn map[string]map[planKey]bool  // route table ID → routes the plan adds or changes in it
	via      map[planKey]map[planKey]bool // next hop (NIC or virtual IP) → routes the plan points at it
	tablesIn map[string]map[planKey]bool  // VPC ID → route tables the plan creates in it
}

func newLedgerViews() ledgerViews {
	return ledgerViews{arriving: map[string]map[planKey]bool{}, indexes: map[string]map[int]planKey{}, bindings: map[planKey]map[planKey]bool{},
		routesIn: map[string]map[planKey]bool{}, via: map[planKey]map[planKey]bool{}, tablesIn: map[string]map[planKey]bool{}}
}

// index adds to the views what o says of k.
func (v ledgerViews) index(k planKey, o *objectPlan) {
	if a := o.arrival; a != nil {
		addTo(v.arriving, a.server, k)
		if a.deviceIndex != nil {
			if v.indexes[a.server] == nil {
				v.indexes[a.server] = map[int]planKey{}
			}
			v.indexes[a.server][*a.deviceIndex] = k
		}
	}
	if nic, planned := o.bound(); planned && nic != (planKey{}) {
		addTo(v.bindings, nic, k)
	}
	if r := o.route; r != nil && !o.destroyed {
		addTo(v.routesIn, r.table, k)
		if r.hop != (planKey{}) {
			addTo(v.via, r.hop, k)
		}
	}
	if o.tableIn != "" && !o.destroyed {
		addTo(v.tablesIn, o.tableIn, k)
	}
}

// unindex takes out of the views what o says of k, before o changes.
func (v ledgerViews) unindex(k planKey, o *objectPlan) {
	if a := o.arrival; a != nil {
		delete(v.arriving[a.server], k)
		if a.deviceIndex != nil && v.indexes[a.server][*a.deviceIndex] == k {
			delete(v.indexes[a.server], *a.deviceIndex)
		}
	}
	if nic, planned := o.bound(); planned {
		delete(v.bindings[nic], k)
	}
	if r := o.route; r != nil {
		delete(v.routesIn[r.table], k)
		delete(v.via[r.hop], k)
	}
	if o.tableIn != "" {
		delete(v.tablesIn[o.tableIn], k)
	}
}

func addTo[K comparable](view map[K]map[planKey]bool, at K, k planKey) {
	if view[at] == nil {
		view[at] = map[planKey]bool{}
	}
	view[at][k] = true
}

// planOf is what the plan does to k so far; nil for nothing.
func (l *PlanLedger) planOf(k planKey) *objectPlan {
	return l.objects[k]
}

// change records a change of k's plan, keeps the views in step, and wakes
// the checks waiting for a plan. The caller holds l.mu.
func (l *PlanLedger) change(k planKey, edit func(*objectPlan)) {
	o := l.objects[k]
	if o == nil {
		o = &objectPlan{}
		l.objects[k] = o
	}
	l.views.unindex(k, o)
	edit(o)
	l.views.index(k, o)
	close(l.changed)
	l.changed = make(chan struct{})
}

// forget drops k's plan. The caller holds l.mu.
func (l *PlanLedger) forget(k planKey) {
	if o := l.objects[k]; o != nil {
		l.views.unindex(k, o)
		delete(l.objects, k)
	}
}

// record runs change while it holds the ledger, for the Plan* verbs.
func (l *PlanLedger) record(k planKey, edit func(*objectPlan)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.change(k, edit)
}

// viewPlanned runs a plan-time check in one read transaction while it holds
// the ledger, so checks of one plan judge and record in turn; a nil ledger
// is a fresh one (a check with nothing planned before it).
func (e *Engine) viewPlanned(ctx context.Context, op string, l *PlanLedger, check func(Tx, *PlanLedger) error) error {
	if l == nil {
		l = NewPlanLedger()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return e.view(ctx, op, func(tx Tx) error { return check(tx, l) })
}
