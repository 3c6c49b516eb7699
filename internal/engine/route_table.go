package engine

import (
	"context"
	"strings"
)

// Limits of rule 16.
const (
	MaxRouteTablesPerVPC = 5
	MaxRoutesPerTable    = 200
)

// DefaultRouteTableName names the route table a VPC is made with.
const DefaultRouteTableName = "default"

// RouteTableInput creates a custom route table in a VPC; on an update,
// VPCID is ignored and Tags nil leaves the tags alone.
type RouteTableInput struct {
	VPCID       string
	Name        string
	Description string
	Tags        map[string]string
}

// RouteTableDetails is a route table with its routes (the local ones
// first, then by destination) and the subnets that use it: those
// associated with it, and for the default table every subnet of the VPC
// associated with no other.
type RouteTableDetails struct {
	RouteTable
	Routes    []Route
	SubnetIDs []string
}

// RouteTableFilter selects route tables; empty fields match everything.
type RouteTableFilter struct {
	VPCID string
	Tags  map[string]string
}

func validateRouteTableInput(in RouteTableInput) error {
	if err := validateNameAndDescription(in.Name, in.Description); err != nil {
		return err
	}
	return ValidateTags(in.Tags)
}

// CreateRouteTable creates a custom route table in a VPC (rule 16).
func (e *Engine) CreateRouteTable(ctx context.Context, in RouteTableInput) (t RouteTable, err error) {
	if err := validateRouteTableInput(in); err != nil {
		return RouteTable{}, err
	}
	err = e.updateInVPCOf(ctx, "CreateRouteTable", ScopeVPC, in.VPCID, func(tx Tx) error {
		if _, err := getVPC(tx, in.VPCID); err != nil {
			return err
		}
		tables, err := tx.ListRouteTables(in.VPCID)
		if err != nil {
			return err
		}
		if err := checkRouteTableCount(in.VPCID, len(tables)+1, 0); err != nil {
			return err
		}
		t = RouteTable{ID: newID(PrefixRouteTable), VPCID: in.VPCID, Name: in.Name, Description: in.Description, Tags: tagsOf(in.Tags)}
		return tx.InsertRouteTable(t)
	})
	return t, err
}

// checkRouteTableCount applies rule 16 to a VPC that would hold n route
// tables, planned of them created by the plan being checked.
func checkRouteTableCount(vpcID string, n, planned int) error {
	if n <= MaxRouteTablesPerVPC {
		return nil
	}
	if planned > 0 {
		return RuleRouteTableLimit.refuse("VPC %s would have %d route tables (%d of them created by this plan); a VPC has at most %d, its default one included",
			vpcID, n, planned, MaxRouteTablesPerVPC)
	}
	return RuleRouteTableLimit.refuse("VPC %s would have %d route tables; a VPC has at most %d, its default one included",
		vpcID, n, MaxRouteTablesPerVPC).asRegionConflict()
}

// insertDefaultRouteTable gives a new VPC its default route table.
func insertDefaultRouteTable(tx Tx, v VPC) error {
	return tx.InsertRouteTable(RouteTable{ID: v.DefaultRouteTableID, VPCID: v.ID, Name: DefaultRouteTableName, Default: true})
}

// RouteTableUpdate changes what may change on a route table; nil leaves a
// field alone.
type RouteTableUpdate struct {
	Name        *string
	Description *string
	Tags        map[string]string
}

// UpdateRouteTable renames or retags a route table, the default one too.
func (e *Engine) UpdateRouteTable(ctx context.Context, id string, u RouteTableUpdate) (t RouteTable, err error) {
	err = e.updateInVPCOf(ctx, "UpdateRouteTable", ScopeRouteTable, id, func(tx Tx) error {
		if t, err = getRouteTable(tx, id); err != nil {
			return err
		}
		if u.Name != nil {
			t.Name = *u.Name
		}
		if u.Description != nil {
			t.Description = *u.Description
		}
		if u.Tags != nil {
			t.Tags = tagsOf(u.Tags)
		}
		if err := validateRouteTableInput(RouteTableInput{Name: t.Name, Description: t.Description, Tags: t.Tags}); err != nil {
			return err
		}
		return tx.UpdateRouteTable(t)
	})
	return t, err
}

// DeleteRouteTable deletes a custom route table and its routes; one that
// subnets use stays, and the default one goes only with its VPC (rule 20).
func (e *Engine) DeleteRouteTable(ctx context.Context, id string) error {
	return e.updateInVPCOf(ctx, "DeleteRouteTable", ScopeRouteTable, id, func(tx Tx) error {
		t, err := getRouteTable(tx, id)
		if err != nil {
			return err
		}
		if err := checkNotDefaultTable(t); err != nil {
			return err
		}
		if err := checkNotAssociated(tx, routeTableAssociations, id); err != nil {
			return err
		}
		return tx.DeleteRouteTable(id)
	})
}

// checkNotDefaultTable refuses to delete a VPC's default route table,
// which goes only with its VPC (rule 20).
func checkNotDefaultTable(t RouteTable) error {
	if t.Default {
		return refuseRoutingInUse("route table", t.ID, "it is the default route table of VPC "+t.VPCID+", which goes only with the VPC; "+
			"to keep the VPC, stop managing the table instead (a removed block, or terraform state rm)")
	}
	return nil
}

// refuseRoutingInUse is rule 20's refusal to delete what (id) and why.
func refuseRoutingInUse(what, id, why string) *Error {
	return RuleRoutingInUse.refuse("%s %s cannot be deleted: %s", what, id, why)
}

func getRouteTable(tx Tx, id string) (RouteTable, error) {
	t, err := tx.GetRouteTable(id)
	return t, notFound(err, RuleRouteTableExists, "route table", id)
}

// GetRouteTable reads a route table with its routes and subnets.
func (e *Engine) GetRouteTable(ctx context.Context, id string) (d RouteTableDetails, err error) {
	err = e.view(ctx, "GetRouteTable", func(tx Tx) error {
		t, err := getRouteTable(tx, id)
		if err != nil {
			return err
		}
		d, err = routeTableDetails(tx, t)
		return err
	})
	return d, err
}

// GetRouteTableOfSubnet reads the route table in effect in a subnet: the
// one associated with it, else its VPC's default one.
func (e *Engine) GetRouteTableOfSubnet(ctx context.Context, subnetID string) (d RouteTableDetails, err error) {
	err = e.view(ctx, "GetRouteTableOfSubnet", func(tx Tx) error {
		s, err := getSubnet(tx, subnetID)
		if err != nil {
			return err
		}
		if s, err = withAssociations(tx, s); err != nil {
			return err
		}
		t, err := getRouteTable(tx, s.RouteTableID)
		if err != nil {
			return err
		}
		d, err = routeTableDetails(tx, t)
		return err
	})
	return d, err
}

func routeTableDetails(tx Tx, t RouteTable) (RouteTableDetails, error) {
	vpc, err := getVPC(tx, t.VPCID)
	if err != nil {
		return RouteTableDetails{}, err
	}
	routes, err := tableRoutes(tx, vpc, t.ID)
	if err != nil {
		return RouteTableDetails{}, err
	}
	subnets, err := subnetsUsing(tx, t)
	return RouteTableDetails{RouteTable: t, Routes: routes, SubnetIDs: subnets}, err
}

// subnetsUsing lists the subnets whose route table in effect is t.
func subnetsUsing(tx Tx, t RouteTable) ([]string, error) {
	assocs, err := tx.ListAssociations(AssociationFilter{VPCID: t.VPCID, Kind: AssociationRouteTable})
	if err != nil {
		return nil, err
	}
	custom := map[string]string{}
	for _, a := range assocs {
		custom[a.SubnetID] = a.TargetID
	}
	subnets, err := tx.ListSubnets(t.VPCID)
	if err != nil {
		return nil, err
	}
	ids := []string{}
	for _, s := range subnets {
		if table, ok := custom[s.ID]; table == t.ID || !ok && t.Default {
			ids = append(ids, s.ID)
		}
	}
	return ids, nil
}

// ListRouteTables lists the route tables f selects, by ID.
func (e *Engine) ListRouteTables(ctx context.Context, f RouteTableFilter) (out []RouteTable, err error) {
	err = e.view(ctx, "ListRouteTables", func(tx Tx) error {
		all, err := tx.ListRouteTables(f.VPCID)
		out = keep(all, func(t RouteTable) bool { return MatchTags(t.Tags, f.Tags) })
		return err
	})
	return out, err
}

// customTables lists the IDs of a VPC's route tables but its default one.
func customTables(tables []RouteTable) []string {
	var ids []string
	for _, t := range tables {
		if !t.Default {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// listed names a few objects for a message: "2 route tables (rtb-1, rtb-2)".
func listed(word string, ids []string) string {
	return plural(len(ids), word) + " (" + strings.Join(ids, ", ") + ")"
}
