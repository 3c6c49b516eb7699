package engine

import "context"

// Subnet associations at plan time (rule 18): the target is in the
// subnet's VPC, and a new association meets no other of its kind on the
// subnet, but one the plan destroys.

// PlannedAssociation is a subnet association being planned: ID is "" for
// one the plan creates, else the association the plan points at TargetID
// (its subnet then stays).
type PlannedAssociation struct {
	ID       string
	SubnetID string
	TargetID string
}

// CheckPlannedRouteTableAssociation applies at plan time the rules that
// associating a subnet with a route table, or switching its association
// to another, would meet. It changes nothing stored.
func (e *Engine) CheckPlannedRouteTableAssociation(ctx context.Context, p PlannedAssociation, l *PlanLedger) error {
	return e.checkPlannedAssociation(ctx, routeTableAssociations, p, l)
}

// CheckPlannedNetworkACLAssociation applies at plan time the rules that
// associating a subnet with a network ACL, or switching its association
// to another, would meet. It changes nothing stored.
func (e *Engine) CheckPlannedNetworkACLAssociation(ctx context.Context, p PlannedAssociation, l *PlanLedger) error {
	return e.checkPlannedAssociation(ctx, networkACLAssociations, p, l)
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
		held, err := tx.ListAssociations(AssociationFilter{SubnetID: s.ID, Kind: k.kind})
		if err != nil {
			return err
		}
		for _, h := range held {
			if !l.destroys(h.ID) {
				return refuseSecondAssociation(k, s.ID, h.ID, h.TargetID)
			}
		}
		return nil
	})
}
