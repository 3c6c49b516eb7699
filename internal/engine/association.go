package engine

import "context"

// A subnet is associated with at most one route table and one network ACL
// of its VPC (rule 18). The two kinds of association behave alike and are
// one kind of row; associationKind says what differs.

// associationKind is what differs between the kinds of association.
type associationKind struct {
	kind   string // SubnetAssociation.Kind
	prefix string // of its IDs
	what   string // its target, in words
	field  Field  // the input naming the target
	// vpcOf reads the target's VPC, refusing a missing target (rule 12).
	vpcOf func(tx Tx, id string) (string, error)
}

var routeTableAssociations = associationKind{
	kind: AssociationRouteTable, prefix: PrefixRouteTableAssociation, what: "route table", field: FieldRouteTableID,
	vpcOf: func(tx Tx, id string) (string, error) {
		t, err := getRouteTable(tx, id)
		return t.VPCID, err
	},
}

var networkACLAssociations = associationKind{
	kind: AssociationNetworkACL, prefix: PrefixNetworkACLAssociation, what: "network ACL", field: FieldNetworkACLID,
	vpcOf: func(tx Tx, id string) (string, error) {
		a, err := getNetworkACL(tx, id)
		return a.VPCID, err
	},
}

// associate ties a subnet to a target of kind k in one transaction.
func (e *Engine) associate(ctx context.Context, k associationKind, subnetID, targetID string) (a SubnetAssociation, err error) {
	err = e.updateInVPCOf(ctx, "Associate "+k.what, ScopeSubnet, subnetID, func(tx Tx) error {
		s, err := getSubnet(tx, subnetID)
		if err != nil {
			return err
		}
		if err := checkAssociationVPC(tx, k, s, targetID); err != nil {
			return err
		}
		held, err := tx.ListAssociations(AssociationFilter{SubnetID: s.ID, Kind: k.kind})
		if err != nil {
			return err
		}
		if len(held) > 0 {
			return refuseSecondAssociation(k, s.ID, held[0].ID, held[0].TargetID)
		}
		a = SubnetAssociation{ID: newID(k.prefix), SubnetID: s.ID, VPCID: s.VPCID, Kind: k.kind, TargetID: targetID}
		return conflict(tx.InsertAssociation(a), func() error { return refuseSecondAssociation(k, s.ID, "", "") })
	})
	return a, err
}

// reassociate points an association of kind k at another target of the
// subnet's VPC, in one transaction: the subnet never is without one.
func (e *Engine) reassociate(ctx context.Context, k associationKind, id, targetID string) (a SubnetAssociation, err error) {
	err = e.updateInVPCOf(ctx, "Reassociate "+k.what, ScopeAssociation, id, func(tx Tx) error {
		if a, err = getAssociation(tx, k, id); err != nil {
			return err
		}
		s, err := getSubnet(tx, a.SubnetID)
		if err != nil {
			return err
		}
		if err := checkAssociationVPC(tx, k, s, targetID); err != nil {
			return err
		}
		a.TargetID = targetID
		return tx.UpdateAssociation(a)
	})
	return a, err
}

// disassociate removes an association of kind k.
func (e *Engine) disassociate(ctx context.Context, k associationKind, id string) error {
	return e.updateInVPCOf(ctx, "Disassociate "+k.what, ScopeAssociation, id, func(tx Tx) error {
		if _, err := getAssociation(tx, k, id); err != nil {
			return err
		}
		return tx.DeleteAssociation(id)
	})
}

// readAssociation reads an association of kind k.
func (e *Engine) readAssociation(ctx context.Context, k associationKind, id string) (a SubnetAssociation, err error) {
	err = e.view(ctx, "Get "+k.what+" association", func(tx Tx) error {
		a, err = getAssociation(tx, k, id)
		return err
	})
	return a, err
}

// associationOfSubnet reads a subnet's association of kind k.
func (e *Engine) associationOfSubnet(ctx context.Context, k associationKind, subnetID string) (a SubnetAssociation, err error) {
	err = e.view(ctx, "Find "+k.what+" association", func(tx Tx) error {
		if _, err := getSubnet(tx, subnetID); err != nil {
			return err
		}
		held, err := tx.ListAssociations(AssociationFilter{SubnetID: subnetID, Kind: k.kind})
		if err != nil {
			return err
		}
		if len(held) == 0 {
			return notFound(ErrNotFound, RuleAssociationExists, k.what+" association of subnet", subnetID)
		}
		a = held[0]
		return nil
	})
	return a, err
}

// checkAssociationVPC applies rule 18 to tying subnet s to target.
func checkAssociationVPC(tx Tx, k associationKind, s Subnet, targetID string) error {
	vpcID, err := k.vpcOf(tx, targetID)
	if err != nil {
		return err
	}
	return onField(checkRoutingSameVPC("subnet "+s.ID, s.VPCID, k.what+" "+targetID, vpcID), k.field)
}

// refuseSecondAssociation is rule 18's refusal of a second association of
// kind k for a subnet that has association held (to target), when known;
// held byPlan is one the plan being checked adds.
func refuseSecondAssociation(k associationKind, subnetID, held, target string) error {
	if held == byPlan {
		return RuleOneAssociation.refuse("subnet %s would have two %s associations: this plan adds them both", subnetID, k.what)
	}
	if held == "" {
		return RuleOneAssociation.refuse("subnet %s already has a %s association", subnetID, k.what).asRegionConflict()
	}
	return RuleOneAssociation.refuse("subnet %s already has %s association %s, with %s %s", subnetID, k.what, held, k.what, target).asRegionConflict()
}

func getAssociation(tx Tx, k associationKind, id string) (SubnetAssociation, error) {
	a, err := tx.GetAssociation(id)
	if err == nil && a.Kind != k.kind {
		err = ErrNotFound
	}
	return a, notFound(err, RuleAssociationExists, k.what+" association", id)
}

// checkNotAssociated applies rule 20 to deleting target of kind k while
// subnets are associated with it.
func checkNotAssociated(tx Tx, k associationKind, targetID string) error {
	held, err := tx.ListAssociations(AssociationFilter{TargetID: targetID, Kind: k.kind})
	if err != nil || len(held) == 0 {
		return err
	}
	subnets := make([]string, len(held))
	ids := make([]string, len(held))
	for i, a := range held {
		subnets[i], ids[i] = a.SubnetID, a.ID
	}
	err = refuseRoutingInUse(k.what, targetID, listed("subnet", subnets)+" are associated with it; remove their associations first")
	AsError(err).Blocking = ids
	return err
}

// withAssociations fills in a subnet's route table in effect and its
// network ACL.
func withAssociations(tx Tx, s Subnet) (Subnet, error) {
	held, err := tx.ListAssociations(AssociationFilter{SubnetID: s.ID})
	if err != nil {
		return s, err
	}
	vpc, err := getVPC(tx, s.VPCID)
	if err != nil {
		return s, err
	}
	return associated(s, vpc.DefaultRouteTableID, held), nil
}

// associated is s with the route table and ACL of its associations held,
// the default route table when none names one.
func associated(s Subnet, defaultTable string, held []SubnetAssociation) Subnet {
	s.RouteTableID, s.NetworkACLID = defaultTable, ""
	for _, a := range held {
		if a.SubnetID != s.ID {
			continue
		}
		switch a.Kind {
		case AssociationRouteTable:
			s.RouteTableID = a.TargetID
		case AssociationNetworkACL:
			s.NetworkACLID = a.TargetID
		}
	}
	return s
}

// dropAssociations removes a subnet's associations, which go with it.
func dropAssociations(tx Tx, subnetID string) error {
	held, err := tx.ListAssociations(AssociationFilter{SubnetID: subnetID})
	if err != nil {
		return err
	}
	for _, a := range held {
		if err := tx.DeleteAssociation(a.ID); err != nil {
			return err
		}
	}
	return nil
}

// AssociationKind names a kind of subnet association to the operations
// that serve both kinds alike (Associate, ReplaceAssociation, …), which a
// caller that handles both, such as the provider's one association
// resource, takes: RouteTableAssociations or NetworkACLAssociations.
type AssociationKind struct{ k associationKind }

var (
	// RouteTableAssociations are the associations of subnets with route tables.
	RouteTableAssociations = AssociationKind{routeTableAssociations}
	// NetworkACLAssociations are the associations of subnets with network ACLs.
	NetworkACLAssociations = AssociationKind{networkACLAssociations}
)

// Associate ties a subnet that has no association of kind k to a target
// of its VPC (rule 18); it returns the association.
func (e *Engine) Associate(ctx context.Context, k AssociationKind, subnetID, targetID string) (SubnetAssociation, error) {
	return e.associate(ctx, k.k, subnetID, targetID)
}

// ReplaceAssociation switches an association of kind k to another target
// of its subnet's VPC in one transaction.
func (e *Engine) ReplaceAssociation(ctx context.Context, k AssociationKind, associationID, targetID string) (SubnetAssociation, error) {
	return e.reassociate(ctx, k.k, associationID, targetID)
}

// Disassociate removes an association of kind k.
func (e *Engine) Disassociate(ctx context.Context, k AssociationKind, associationID string) error {
	return e.disassociate(ctx, k.k, associationID)
}

// GetAssociation reads an association of kind k.
func (e *Engine) GetAssociation(ctx context.Context, k AssociationKind, associationID string) (SubnetAssociation, error) {
	return e.readAssociation(ctx, k.k, associationID)
}

// FindAssociation reads a subnet's association of kind k.
func (e *Engine) FindAssociation(ctx context.Context, k AssociationKind, subnetID string) (SubnetAssociation, error) {
	return e.associationOfSubnet(ctx, k.k, subnetID)
}

// RouteTableAssociation ties a subnet to a custom route table of its VPC.
type RouteTableAssociation struct {
	ID           string
	SubnetID     string
	RouteTableID string
}

func routeTableAssociation(a SubnetAssociation, err error) (RouteTableAssociation, error) {
	return RouteTableAssociation{ID: a.ID, SubnetID: a.SubnetID, RouteTableID: a.TargetID}, err
}

// AssociateRouteTable makes a route table of its VPC the one in effect in
// a subnet that has none of its own (rule 18); it returns the association.
func (e *Engine) AssociateRouteTable(ctx context.Context, subnetID, routeTableID string) (RouteTableAssociation, error) {
	return routeTableAssociation(e.associate(ctx, routeTableAssociations, subnetID, routeTableID))
}

// ReplaceRouteTableAssociation switches an association's subnet to another
// route table of its VPC in one transaction.
func (e *Engine) ReplaceRouteTableAssociation(ctx context.Context, associationID, routeTableID string) (RouteTableAssociation, error) {
	return routeTableAssociation(e.reassociate(ctx, routeTableAssociations, associationID, routeTableID))
}

// DisassociateRouteTable removes an association: its subnet uses its VPC's
// default route table again.
func (e *Engine) DisassociateRouteTable(ctx context.Context, associationID string) error {
	return e.disassociate(ctx, routeTableAssociations, associationID)
}

// GetRouteTableAssociation reads a route table association.
func (e *Engine) GetRouteTableAssociation(ctx context.Context, associationID string) (RouteTableAssociation, error) {
	return routeTableAssociation(e.readAssociation(ctx, routeTableAssociations, associationID))
}

// FindRouteTableAssociation reads a subnet's route table association.
func (e *Engine) FindRouteTableAssociation(ctx context.Context, subnetID string) (RouteTableAssociation, error) {
	return routeTableAssociation(e.associationOfSubnet(ctx, routeTableAssociations, subnetID))
}

// NetworkACLAssociation ties a subnet to a network ACL of its VPC.
type NetworkACLAssociation struct {
	ID           string
	SubnetID     string
	NetworkACLID string
}

func networkACLAssociation(a SubnetAssociation, err error) (NetworkACLAssociation, error) {
	return NetworkACLAssociation{ID: a.ID, SubnetID: a.SubnetID, NetworkACLID: a.TargetID}, err
}

// AssociateNetworkACL makes a network ACL of its VPC filter a subnet that
// has none (rule 18); it returns the association.
func (e *Engine) AssociateNetworkACL(ctx context.Context, subnetID, networkACLID string) (NetworkACLAssociation, error) {
	return networkACLAssociation(e.associate(ctx, networkACLAssociations, subnetID, networkACLID))
}

// ReplaceNetworkACLAssociation switches an association's subnet to another
// network ACL of its VPC in one transaction.
func (e *Engine) ReplaceNetworkACLAssociation(ctx context.Context, associationID, networkACLID string) (NetworkACLAssociation, error) {
	return networkACLAssociation(e.reassociate(ctx, networkACLAssociations, associationID, networkACLID))
}

// DisassociateNetworkACL removes an association: its subnet is filtered by
// no ACL again.
func (e *Engine) DisassociateNetworkACL(ctx context.Context, associationID string) error {
	return e.disassociate(ctx, networkACLAssociations, associationID)
}

// GetNetworkACLAssociation reads a network ACL association.
func (e *Engine) GetNetworkACLAssociation(ctx context.Context, associationID string) (NetworkACLAssociation, error) {
	return networkACLAssociation(e.readAssociation(ctx, networkACLAssociations, associationID))
}

// FindNetworkACLAssociation reads a subnet's network ACL association.
func (e *Engine) FindNetworkACLAssociation(ctx context.Context, subnetID string) (NetworkACLAssociation, error) {
	return networkACLAssociation(e.associationOfSubnet(ctx, networkACLAssociations, subnetID))
}
