package engine

import "context"

// Subnet associations at plan time (rule 18): the subnet and the route
// table or network ACL in one VPC, and one association of each kind per
// subnet, counting those the plan creates and destroys.

// byPlan stands, in refuseSecondAssociation, for an association the plan
// being checked adds.
const byPlan = "\x00this plan"

// PlannedAssociation is a subnet association being planned: ID is "" for
// one the plan creates, else the association's; TargetID is the route
// table or network ACL it names.
type PlannedAssociation struct {
	ID       string
	SubnetID string
	TargetID string
}

// CheckPlannedRouteTableAssociation applies at plan time rule 18 to
// associating a subnet with a route table, or switching an association
// to another table, and records a new one. It changes nothing stored.
func (e *Engine) CheckPlannedRouteTableAssociation(ctx context.Context, p PlannedAssociation, l *PlanLedger) error {
	return e.checkPlannedAssociation(ctx, routeTableAssociations, p, l)
}

// CheckPlannedNetworkACLAssociation is CheckPlannedRouteTableAssociation
// for a network ACL.
func (e *Engine) CheckPlannedNetworkACLAssociation(ctx context.Context, p PlannedAssociation, l *PlanLedger) error {
	return e.checkPlannedAssociation(ctx, networkACLAssociations, p, l)
}

// CheckPlannedAssociation is CheckPlannedRouteTableAssociation for an
// association of kind k.
func (e *Engine) CheckPlannedAssociation(ctx context.Context, k AssociationKind, p PlannedAssociation, l *PlanLedger) error {
	return e.checkPlannedAssociation(ctx, k.k, p, l)
}

func (e *Engine) checkPlannedAssociation(ctx context.Context, k associationKind, p PlannedAssociation, l *PlanLedger) error {
	return e.viewPlanned(ctx, "CheckPlanned "+k.what+" association", l, func(tx Tx, l *PlanLedger) error {
		s, err := getSubnet(tx, p.SubnetID)
		if err != nil {
			return err
		}
		if err := checkAssociationVPC(tx, k, s, p.TargetID); err != nil {
			return err
		}
		if p.ID != "" {
			return nil // a switch keeps the subnet's one association
		}
		if o := l.planOf(storedKey(s.ID)); o != nil && o.associates[k.kind] {
			return refuseSecondAssociation(k, s.ID, byPlan, "")
		}
		held, err := tx.ListAssociations(AssociationFilter{SubnetID: s.ID, Kind: k.kind})
		if err != nil {
			return err
		}
		for _, a := range held {
			if !l.destroys(a.ID) {
				return refuseSecondAssociation(k, s.ID, a.ID, a.TargetID)
			}
		}
		l.change(storedKey(s.ID), func(o *objectPlan) {
			if o.associates == nil {
				o.associates = map[string]bool{}
			}
			o.associates[k.kind] = true
		})
		return nil
	})
}
