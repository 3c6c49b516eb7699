package engine

import (
	"cmp"
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// RouteInput creates a route, or names the route to update and its new
// next hop and description. NextHopID is "" for the internet.
type RouteInput struct {
	RouteTableID    string
	DestinationCIDR string
	NextHopType     string
	NextHopID       string
	Description     string
}

func (in RouteInput) route() Route {
	return Route{RouteTableID: in.RouteTableID, DestinationCIDR: in.DestinationCIDR, NextHopType: in.NextHopType,
		NextHopID: in.NextHopID, Description: in.Description}
}

// ValidateDestinationCIDR checks a route's destination on its face: an
// IPv4 CIDR in canonical form (no host bits set). Rule 17's check against
// the VPC's range needs the route table.
func ValidateDestinationCIDR(cidr string) error {
	_, err := ParseCIDR(FieldDestinationCIDR, cidr)
	return err
}

// ValidateNextHop checks a route's next hop on its face: a known type, and
// an ID of that type's kind for a NIC or virtual IP, none for the internet.
func ValidateNextHop(nextHopType, nextHopID string) error {
	var kind, prefix string
	switch nextHopType {
	case NextHopNetworkInterface:
		kind, prefix = "network interface", PrefixNetworkInterface
	case NextHopVirtualIP:
		kind, prefix = "virtual IP", PrefixVirtualIP
	case NextHopInternet:
		if nextHopID != "" {
			return RuleNextHop.refuse("a route to the internet names no next hop ID, but %q was given", nextHopID).on(FieldNextHopID)
		}
		return nil
	default:
		return RuleNextHop.refuse("next hop type %q is not one of %s", nextHopType, strings.Join(NextHopTypes, ", "))
	}
	if !strings.HasPrefix(nextHopID, prefix) {
		return RuleNextHop.refuse("a %s next hop names the ID of a %s (%s…), not %q", nextHopType, kind, prefix, nextHopID).on(FieldNextHopID)
	}
	return nil
}

func validateRouteInput(in RouteInput) error {
	if err := ValidateDestinationCIDR(in.DestinationCIDR); err != nil {
		return err
	}
	if err := ValidateNextHop(in.NextHopType, in.NextHopID); err != nil {
		return err
	}
	return ValidateDescription(in.Description)
}

// CreateRoute adds a route to a route table (rules 16 to 19).
func (e *Engine) CreateRoute(ctx context.Context, in RouteInput) (r Route, err error) {
	if err := validateRouteInput(in); err != nil {
		return Route{}, err
	}
	err = e.updateInVPCOf(ctx, "CreateRoute", ScopeRouteTable, in.RouteTableID, func(tx Tx) error {
		t, vpc, err := routeTableAndVPC(tx, in.RouteTableID)
		if err != nil {
			return err
		}
		if err := checkRouteDestination(vpc, in.DestinationCIDR); err != nil {
			return err
		}
		switch _, err := tx.GetRoute(t.ID, in.DestinationCIDR); {
		case err == nil:
			return refuseRouteExists(t.ID, in.DestinationCIDR, "")
		case !isNotFound(err):
			return err
		}
		n, err := tx.CountRoutes(t.ID)
		if err != nil {
			return err
		}
		if err := checkRouteCount(t.ID, n+1, 0); err != nil {
			return err
		}
		r = in.route()
		if err := checkNextHop(tx, t, r, asStored()); err != nil {
			return err
		}
		if err := tx.InsertRoute(r); err != nil {
			return conflict(err, func() error { return refuseRouteExists(t.ID, r.DestinationCIDR, "") })
		}
		r, err = resolveRoute(tx, r)
		return err
	})
	return r, err
}

// UpdateRoute changes a route's next hop and description in one
// transaction (rules 18 and 19).
func (e *Engine) UpdateRoute(ctx context.Context, in RouteInput) (r Route, err error) {
	if err := validateRouteInput(in); err != nil {
		return Route{}, err
	}
	err = e.updateInVPCOf(ctx, "UpdateRoute", ScopeRouteTable, in.RouteTableID, func(tx Tx) error {
		t, _, err := storedRoute(tx, in.RouteTableID, in.DestinationCIDR)
		if err != nil {
			return err
		}
		r = in.route()
		if err := checkNextHop(tx, t, r, asStored()); err != nil {
			return err
		}
		if err := tx.UpdateRoute(r); err != nil {
			return err
		}
		r, err = resolveRoute(tx, r)
		return err
	})
	return r, err
}

// DeleteRoute removes a route; a local route cannot be removed (rule 17).
func (e *Engine) DeleteRoute(ctx context.Context, tableID, destinationCIDR string) error {
	return e.updateInVPCOf(ctx, "DeleteRoute", ScopeRouteTable, tableID, func(tx Tx) error {
		if _, _, err := storedRoute(tx, tableID, destinationCIDR); err != nil {
			return err
		}
		return tx.DeleteRoute(tableID, destinationCIDR)
	})
}

// GetRoute reads a route a table holds (not a local one), with the NIC its
// traffic goes to now.
func (e *Engine) GetRoute(ctx context.Context, tableID, destinationCIDR string) (r Route, err error) {
	err = e.view(ctx, "GetRoute", func(tx Tx) error {
		if _, r, err = storedRoute(tx, tableID, destinationCIDR); err != nil {
			return err
		}
		r, err = resolveRoute(tx, r)
		return err
	})
	return r, err
}

// ListRoutes lists a route table's routes, local ones first.
func (e *Engine) ListRoutes(ctx context.Context, tableID string) (routes []Route, err error) {
	err = e.view(ctx, "ListRoutes", func(tx Tx) error {
		_, vpc, err := routeTableAndVPC(tx, tableID)
		if err != nil {
			return err
		}
		routes, err = tableRoutes(tx, vpc, tableID)
		return err
	})
	return routes, err
}

func routeTableAndVPC(tx Tx, tableID string) (RouteTable, VPC, error) {
	t, err := getRouteTable(tx, tableID)
	if err != nil {
		return t, VPC{}, err
	}
	vpc, err := getVPC(tx, t.VPCID)
	return t, vpc, err
}

// storedRoute reads the route of a table to destinationCIDR, refusing a
// local route (rule 17) and one the table does not have (rule 12).
func storedRoute(tx Tx, tableID, destinationCIDR string) (RouteTable, Route, error) {
	t, vpc, err := routeTableAndVPC(tx, tableID)
	if err != nil {
		return t, Route{}, err
	}
	if err := checkRouteDestination(vpc, destinationCIDR); err != nil {
		return t, Route{}, err
	}
	r, err := tx.GetRoute(tableID, destinationCIDR)
	return t, r, notFound(err, RuleRouteExists, "route", RouteID(tableID, destinationCIDR))
}

// checkRouteDestination applies rule 17 to a destination of a table of
// vpc: outside the VPC's ranges, which the local routes cover.
func checkRouteDestination(vpc VPC, destinationCIDR string) error {
	if destinationCIDR == vpc.IPv6CIDR && vpc.IPv6Enabled() {
		return RuleRouteDestination.refuse("%s is VPC %s's IPv6 CIDR, whose local route cannot be replaced or removed", destinationCIDR, vpc.ID)
	}
	p, err := ParseCIDR(FieldDestinationCIDR, destinationCIDR)
	if err != nil {
		return err
	}
	if prefixContains(netip.MustParsePrefix(vpc.CIDR), p) {
		return RuleRouteDestination.refuse("destination %s is inside VPC %s's CIDR %s, which its local route covers; that route cannot be replaced or removed",
			p, vpc.ID, vpc.CIDR)
	}
	return nil
}

// refuseRouteExists is rule 17's refusal of a second route to destination
// in a table; byPlan says when the plan itself adds the first.
func refuseRouteExists(tableID, destination, byPlan string) error {
	if byPlan != "" {
		return RuleRouteUnique.refuse("route table %s would have two routes to %s: %s", tableID, destination, byPlan)
	}
	return RuleRouteUnique.refuse("route table %s already has a route to %s", tableID, destination).asRegionConflict()
}

// checkRouteCount applies rule 16 to a table that would hold n routes,
// planned of them added by the plan being checked.
func checkRouteCount(tableID string, n, planned int) error {
	if n <= MaxRoutesPerTable {
		return nil
	}
	if planned > 0 {
		return RuleRouteLimit.refuse("route table %s would have %d routes (%d of them added by this plan); a table has at most %d besides its local ones",
			tableID, n, planned, MaxRoutesPerTable)
	}
	return RuleRouteLimit.refuse("route table %s would have %d routes; a table has at most %d besides its local ones",
		tableID, n, MaxRoutesPerTable).asRegionConflict()
}

// checkNextHop applies rules 18 and 19 to route r of table t: its next hop
// is in t's VPC, and the NIC its traffic goes to forwards it, as plan l
// leaves them (an operation's is the empty plan, asStored).
func checkNextHop(tx Tx, t RouteTable, r Route, l *PlanLedger) error {
	switch r.NextHopType {
	case NextHopNetworkInterface:
		n, err := getNetworkInterface(tx, r.NextHopID)
		if err != nil {
			return onField(err, FieldNextHopID)
		}
		if err := checkRoutingSameVPC("network interface "+n.ID, n.VPCID, "route table "+t.ID, t.VPCID); err != nil {
			return err
		}
		return checkForwarding(n, l.sourceDestCheck(n), []string{routeWords(r, "")})
	case NextHopVirtualIP:
		v, err := getVirtualIP(tx, r.NextHopID)
		if err != nil {
			return onField(err, FieldNextHopID)
		}
		s, err := getSubnet(tx, v.SubnetID)
		if err != nil {
			return err
		}
		if err := checkRoutingSameVPC("virtual IP "+v.ID, s.VPCID, "route table "+t.ID, t.VPCID); err != nil {
			return err
		}
		nicID := l.boundTo(v, storedKey(v.ID))
		if nicID == "" {
			return nil // an unbound virtual IP sends nothing anywhere yet
		}
		n, err := getNetworkInterface(tx, nicID)
		if err != nil {
			return err
		}
		return checkForwarding(n, l.sourceDestCheck(n), []string{routeWords(r, v.ID)})
	}
	return nil
}

// checkRoutingSameVPC applies rule 18: what (in VPC vpcID) may serve owner
// (in VPC ownerVPC) only in the same VPC.
func checkRoutingSameVPC(what, vpcID, owner, ownerVPC string) error {
	if vpcID == ownerVPC {
		return nil
	}
	return RuleRoutingSameVPC.refuse("%s is in VPC %s, but %s is in VPC %s", what, vpcID, owner, ownerVPC)
}

// checkForwarding applies rule 19 to NIC n, whose check will be on or off
// (checkOn), as the next hop of the routes named by routes.
func checkForwarding(n NetworkInterface, checkOn bool, routes []string) error {
	if !checkOn || len(routes) == 0 {
		return nil
	}
	return RuleForwarding.refuse("network interface %s has its source/destination check on, so it would drop the traffic of %s",
		n.ID, strings.Join(routes, " and "))
}

// routeWords names a route for a message, and the virtual IP its traffic
// goes through, if any.
func routeWords(r Route, via string) string {
	w := fmt.Sprintf("route %s of route table %s", r.DestinationCIDR, r.RouteTableID)
	if via != "" {
		w += " (through virtual IP " + via + ")"
	}
	return w
}

// checkNotRouted applies rule 20 to deleting what (id) while a route names
// hopID (the object, or the primary NIC of a server) as its next hop.
func checkNotRouted(tx Tx, what, id, hopID string) error {
	if hopID == "" {
		return nil
	}
	routes, err := tx.ListRoutes(RouteFilter{NextHopID: hopID})
	if err != nil || len(routes) == 0 {
		return err
	}
	words := make([]string, len(routes))
	ids := make([]string, len(routes))
	for i, r := range routes {
		words[i], ids[i] = routeWords(r, ""), r.ID()
	}
	err = refuseRoutingInUse(what, id, strings.Join(words, " and ")+" names "+hopID+" as next hop; delete those routes or change their next hop first")
	AsError(err).Blocking = ids
	return err
}

// tableRoutes is a table's local routes, then its own by destination, each
// with the NIC its traffic goes to now.
func tableRoutes(tx Tx, vpc VPC, tableID string) ([]Route, error) {
	stored, err := tx.ListRoutes(RouteFilter{RouteTableID: tableID})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(stored, func(a, b Route) int {
		pa, pb := netip.MustParsePrefix(a.DestinationCIDR), netip.MustParsePrefix(b.DestinationCIDR)
		return cmp.Or(pa.Addr().Compare(pb.Addr()), pa.Bits()-pb.Bits())
	})
	routes := localRoutes(vpc, tableID)
	for _, r := range stored {
		if r, err = resolveRoute(tx, r); err != nil {
			return nil, err
		}
		routes = append(routes, r)
	}
	return routes, nil
}

// localRoutes are the routes of a table of vpc to the VPC's own ranges.
func localRoutes(vpc VPC, tableID string) []Route {
	routes := []Route{{RouteTableID: tableID, DestinationCIDR: vpc.CIDR, NextHopType: NextHopLocal}}
	if vpc.IPv6Enabled() {
		routes = append(routes, Route{RouteTableID: tableID, DestinationCIDR: vpc.IPv6CIDR, NextHopType: NextHopLocal})
	}
	return routes
}

// resolveRoute fills in the NIC r's traffic goes to now: a virtual IP next
// hop follows the virtual IP wherever it is bound.
func resolveRoute(tx Tx, r Route) (Route, error) {
	switch r.NextHopType {
	case NextHopNetworkInterface:
		r.NetworkInterfaceID = r.NextHopID
	case NextHopVirtualIP:
		v, err := getVirtualIP(tx, r.NextHopID)
		if err != nil {
			return r, err
		}
		r.NetworkInterfaceID = v.NetworkInterfaceID
	}
	return r, nil
}
