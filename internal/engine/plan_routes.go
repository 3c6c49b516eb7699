package engine

import (
	"cmp"
	"context"
	"maps"
	"slices"
)

// Routing at plan time: the route tables a plan creates in each VPC (rule
// 16), the routes it adds or changes in each table (rules 16 and 17), the
// next hops they name and the source/destination checks the plan leaves
// NICs with (rule 19). The operations judge with the empty plan, asStored,
// so that both share each check.

// plannedRoute is a route the plan adds or changes.
type plannedRoute struct {
	table, destination string
	hop                planKey // the next hop NIC or virtual IP; the zero key for the internet
	// byNewRoute: a route the plan creates, not one it updates (two new
	// routes of one destination in a table are refused, rule 17).
	byNewRoute bool
}

// asStored is the empty plan: an operation's checks judge what is stored.
func asStored() *PlanLedger { return NewPlanLedger() }

// PlannedRouteTable is a route table being planned: ID is "" for one the
// plan creates, else the table's.
type PlannedRouteTable struct {
	ID string
	RouteTableInput
}

// CheckPlannedRouteTableDeletion applies at plan time the part of rule 20
// no other change of a plan can lift: a VPC's default route table is
// deleted (or replaced) only with its VPC, and deleting the VPC deletes it,
// so a plan that deletes it on its own is always refused. Whether subnets
// still use a custom table when the plan deletes it depends on plans
// Terraform makes in no set order, so that is judged at apply.
func (e *Engine) CheckPlannedRouteTableDeletion(ctx context.Context, id string) error {
	return e.view(ctx, "CheckPlannedRouteTableDeletion", func(tx Tx) error {
		t, err := tx.GetRouteTable(id)
		if isNotFound(err) {
			return nil // already gone: the deletion has nothing to do
		}
		if err != nil {
			return err
		}
		return checkNotDefaultTable(t)
	})
}

// CheckPlannedRouteTable applies at plan time the rules creating a route
// table would meet: its VPC exists and has room (rule 16) counting the
// tables the plan creates there and those it destroys, and records a new
// one. Name and description are left to the caller, which may not know
// them yet. It changes nothing stored.
func (e *Engine) CheckPlannedRouteTable(ctx context.Context, p PlannedRouteTable, l *PlanLedger) error {
	if err := ValidateTags(p.Tags); err != nil {
		return err
	}
	if p.ID != "" {
		return nil // an update changes nothing a rule counts
	}
	return e.viewPlanned(ctx, "CheckPlannedRouteTable", l, func(tx Tx, l *PlanLedger) error {
		if _, err := getVPC(tx, p.VPCID); err != nil {
			return err
		}
		tables, err := tx.ListRouteTables(p.VPCID)
		if err != nil {
			return err
		}
		kept := 0
		for _, t := range tables {
			if !l.destroys(t.ID) {
				kept++
			}
		}
		planned := len(l.views.tablesIn[p.VPCID]) + 1
		if err := checkRouteTableCount(p.VPCID, kept+planned, planned); err != nil {
			return err
		}
		l.change(l.keyFor("", createdRouteTable), func(o *objectPlan) { o.tableIn = p.VPCID })
		return nil
	})
}

// CreatePlannedRouteTable creates, at apply, a route table the plan
// counted under a placeholder, and forgets that placeholder in the same
// step under the ledger's lock: a plan-time check that the apply runs
// meanwhile (Terraform plans each object again just before applying it)
// sees the table planned or stored, never both.
func (e *Engine) CreatePlannedRouteTable(ctx context.Context, in RouteTableInput, l *PlanLedger) (RouteTable, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t, err := e.CreateRouteTable(ctx, in)
	if err == nil {
		for k := range l.views.tablesIn[t.VPCID] {
			l.forget(k)
			break
		}
	}
	return t, err
}

// PlannedRoute is a route being planned: ID is "" for one the plan creates,
// else the route's (RouteID), with its whole planned configuration.
type PlannedRoute struct {
	ID string
	RouteInput
}

// CheckPlannedRoute applies at plan time the rules creating or updating a
// route would meet: its destination and next hop on their face, outside
// its VPC's CIDR (rule 17), once in its table and within its limit (rules
// 16 and 17, counting the routes the plan adds and destroys there), a next
// hop of the table's VPC (rule 18) that forwards (rule 19) with the
// source/destination check and virtual IP binding the plan leaves it; and
// records the route. A route of a table the plan creates (RouteTableID
// "") is judged on its face only. It changes nothing stored.
func (e *Engine) CheckPlannedRoute(ctx context.Context, p PlannedRoute, l *PlanLedger) error {
	if err := validateRouteInput(p.RouteInput); err != nil {
		return err
	}
	if p.RouteTableID == "" {
		return nil
	}
	return e.viewPlanned(ctx, "CheckPlannedRoute", l, func(tx Tx, l *PlanLedger) error {
		t, vpc, err := routeTableAndVPC(tx, p.RouteTableID)
		if err != nil {
			return err
		}
		if err := checkRouteDestination(vpc, p.DestinationCIDR); err != nil {
			return err
		}
		r := p.route()
		if p.ID == "" {
			if err := l.checkPlannedNewRoute(tx, t, r); err != nil {
				return err
			}
		}
		if err := checkNextHop(tx, t, r, l); err != nil {
			return err
		}
		planned := &plannedRoute{table: t.ID, destination: r.DestinationCIDR, hop: storedKey(r.NextHopID), byNewRoute: p.ID == ""}
		l.change(storedKey(r.ID()), func(o *objectPlan) { o.route, o.destroyed = planned, false })
		return nil
	})
}

// checkPlannedNewRoute applies rules 17 and 16 to adding r to t under the
// plan: no route of t to its destination that the plan keeps or adds, and
// room for one more.
func (l *PlanLedger) checkPlannedNewRoute(tx Tx, t RouteTable, r Route) error {
	if o := l.planOf(storedKey(r.ID())); o != nil && o.route != nil && o.route.byNewRoute && !o.destroyed {
		return refuseRouteExists(t.ID, r.DestinationCIDR, "this plan adds it twice")
	}
	stored, err := tx.ListRoutes(RouteFilter{RouteTableID: t.ID})
	if err != nil {
		return err
	}
	isStored := map[string]bool{}
	kept := 0
	for _, s := range stored {
		isStored[s.ID()] = true
		if l.destroys(s.ID()) {
			continue
		}
		if s.DestinationCIDR == r.DestinationCIDR {
			return refuseRouteExists(t.ID, r.DestinationCIDR, "")
		}
		kept++
	}
	added := 1
	for k := range l.views.routesIn[t.ID] {
		if !isStored[k.id] && k.id != r.ID() {
			added++
		}
	}
	return checkRouteCount(t.ID, kept+added, added)
}

// PlanSourceDestCheck notes the source/destination check the plan leaves a
// NIC with, when its own plan is not checked with CheckPlannedNetworkInterface.
func (l *PlanLedger) PlanSourceDestCheck(nicID string, on bool) {
	l.record(storedKey(nicID), func(o *objectPlan) { o.checkOn = &on })
}

// CheckPlannedSourceDestCheck applies rule 19 at plan time to the check
// the plan leaves a stored NIC with when the NIC is planned through another
// object (a server's primary NIC, through its server), and records it for
// the plan's later checks.
func (e *Engine) CheckPlannedSourceDestCheck(ctx context.Context, nicID string, on bool, l *PlanLedger) error {
	return e.viewPlanned(ctx, "CheckPlannedSourceDestCheck", l, func(tx Tx, l *PlanLedger) error {
		n, err := getNetworkInterface(tx, nicID)
		if err != nil {
			return err
		}
		if err := l.checkCheckOn(tx, n, on); err != nil {
			return err
		}
		l.change(storedKey(nicID), func(o *objectPlan) { o.checkOn = &on })
		return nil
	})
}

// sourceDestCheck is whether n's check is on once the plan is applied.
func (l *PlanLedger) sourceDestCheck(n NetworkInterface) bool {
	if o := l.planOf(storedKey(n.ID)); o != nil && o.checkOn != nil {
		return *o.checkOn
	}
	return n.SourceDestCheck
}

// checkCheckOn applies rule 19 to n's check being on once the plan is
// applied: no route the plan leaves may send traffic to n.
func (l *PlanLedger) checkCheckOn(tx Tx, n NetworkInterface, on bool) error {
	if !on {
		return nil
	}
	routes, err := l.routesThrough(tx, n.ID)
	if err != nil {
		return err
	}
	return onField(checkForwarding(n, on, routes), FieldSourceDestCheck)
}

// checkRoutedBind applies rule 19 to binding v to n: the routes naming v
// as the plan leaves them would send their traffic to n.
func (l *PlanLedger) checkRoutedBind(tx Tx, v VirtualIP, n NetworkInterface) error {
	if v.ID == "" {
		return nil // a new virtual IP is named by no route
	}
	routes, err := l.routesNaming(tx, v.ID, v.ID)
	if err != nil {
		return err
	}
	return onField(checkForwarding(n, l.sourceDestCheck(n), routes), FieldNetworkInterfaceID)
}

// routesThrough names the routes that send traffic to NIC nicID once the
// plan is applied: those naming it, and those naming a virtual IP bound to
// it then.
func (l *PlanLedger) routesThrough(tx Tx, nicID string) ([]string, error) {
	words, err := l.routesNaming(tx, nicID, "")
	if err != nil {
		return nil, err
	}
	vips := map[string]bool{}
	stored, err := tx.ListVirtualIPs(VirtualIPFilter{NetworkInterfaceID: nicID})
	if err != nil {
		return nil, err
	}
	for _, v := range stored {
		if l.boundTo(v, storedKey(v.ID)) == nicID {
			vips[v.ID] = true
		}
	}
	for vip := range l.views.bindings[storedKey(nicID)] {
		if vip.stored() {
			vips[vip.id] = true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(vips)) {
		via, err := l.routesNaming(tx, id, id)
		if err != nil {
			return nil, err
		}
		words = append(words, via...)
	}
	return words, nil
}

// routesNaming names the routes whose next hop is hopID once the plan is
// applied (the stored ones it neither destroys nor points elsewhere, and
// those it points there), through virtual IP via when it is one.
func (l *PlanLedger) routesNaming(tx Tx, hopID, via string) ([]string, error) {
	hop := storedKey(hopID)
	stored, err := tx.ListRoutes(RouteFilter{NextHopID: hopID})
	if err != nil {
		return nil, err
	}
	var words []string
	seen := map[string]bool{}
	for _, r := range stored {
		seen[r.ID()] = true
		o := l.planOf(storedKey(r.ID()))
		if o != nil && (o.destroyed || o.route != nil && o.route.hop != hop) {
			continue
		}
		words = append(words, routeWords(r, via))
	}
	for _, k := range slices.SortedFunc(maps.Keys(l.views.via[hop]), func(a, b planKey) int { return cmp.Compare(a.id, b.id) }) {
		if r := l.planOf(k).route; !seen[k.id] {
			words = append(words, routeWords(Route{RouteTableID: r.table, DestinationCIDR: r.destination}, via))
		}
	}
	return words, nil
}
