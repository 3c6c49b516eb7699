package engine

import "context"

// Subnets and IPv6 at plan time: the VPCs and subnets a plan turns IPv6 on
// or off, which the subnets and NICs planned after it are judged with.

// PlanIPv6 notes that the plan turns IPv6 on or off on a VPC or subnet
// (by ID), so the subnets and NICs planned after it are judged as it
// leaves them.
func (l *PlanLedger) PlanIPv6(id string, enabled bool) {
	l.record(storedKey(id), func(o *objectPlan) { o.ipv6 = &enabled })
}

// hasIPv6 reports whether a VPC or subnet will have IPv6 once the plan is
// applied, and whether that is the plan's doing (its range is then not
// known yet).
func (l *PlanLedger) hasIPv6(id string, now bool) (has, planned bool) {
	if o := l.planOf(storedKey(id)); o != nil && o.ipv6 != nil && *o.ipv6 != now {
		return *o.ipv6, true
	}
	return now, false
}

// CheckPlannedSubnet applies CreateSubnet's rules at plan time, with the
// VPC's IPv6 as the plan leaves it (PlanIPv6), and the ranges of the
// subnets the plan destroys (PlanDestroy) free.
func (e *Engine) CheckPlannedSubnet(ctx context.Context, in SubnetInput, l *PlanLedger) error {
	return e.viewPlanned(ctx, "CheckPlannedSubnet", l, func(tx Tx, l *PlanLedger) error {
		vpc, err := getVPC(tx, in.VPCID)
		if err != nil {
			return err
		}
		if in.IPv6Enabled, err = l.plannedSubnetIPv6(vpc, in.IPv6Enabled); err != nil {
			return err
		}
		_, err = checkSubnet(tx, in, l.destroys)
		return err
	})
}

// CheckPlannedSubnetIPv6On applies at plan time the rules of turning IPv6
// on in a subnet of a VPC: the VPC has IPv6 as the plan leaves it, and a
// /64 the subnet can take.
func (e *Engine) CheckPlannedSubnetIPv6On(ctx context.Context, vpcID, subnetID string, l *PlanLedger) error {
	return e.viewPlanned(ctx, "CheckPlannedSubnetIPv6On", l, func(tx Tx, l *PlanLedger) error {
		vpc, err := getVPC(tx, vpcID)
		if err != nil {
			return err
		}
		on, err := l.plannedSubnetIPv6(vpc, true)
		if err != nil || !on {
			return err
		}
		_, err = nextSubnetIPv6CIDR(tx, vpc, func(id string) bool { return id == subnetID || l.destroys(id) })
		return err
	})
}

// plannedSubnetIPv6 is whether a subnet of vpc asking for IPv6 (want) can
// be judged with it at plan: not when the plan turns the VPC's IPv6 on,
// as its /56 is not known before it is applied.
func (l *PlanLedger) plannedSubnetIPv6(vpc VPC, want bool) (bool, error) {
	has, planned := l.hasIPv6(vpc.ID, vpc.IPv6Enabled())
	switch {
	case !planned:
		return want, nil
	case want && !has:
		return false, refuseIPv6(FieldIPv6Enabled, "this plan turns IPv6 off on VPC %s, so its subnets cannot have IPv6", vpc.ID)
	}
	return false, nil
}
