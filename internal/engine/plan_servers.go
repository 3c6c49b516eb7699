package engine

import "context"

// Servers at plan time: the flavor a plan resizes a server to, which the
// attachments planned after it are judged against, and new servers.

// PlanResize notes that the plan resizes a server. Terraform plans a server
// before the attachments that refer to it, so they are judged against the
// flavor it will have.
func (l *PlanLedger) PlanResize(serverID, flavor string) {
	l.record(storedKey(serverID), func(o *objectPlan) { o.flavor = flavor })
}

// flavorOf is the flavor srv will have once the plan is applied.
func (l *PlanLedger) flavorOf(srv Server) Flavor {
	name := srv.Flavor
	if o := l.planOf(storedKey(srv.ID)); o != nil && o.flavor != "" {
		name = o.flavor
	}
	f, ok := LookupFlavor(name)
	if !ok {
		f, _ = LookupFlavor(srv.Flavor) // the resize itself is refused elsewhere
	}
	return f
}

// CheckPlannedResize applies at plan time the rules resizing a server would
// meet, with the plan's changes so far: rule 6 on the NICs it will hold and
// rule 15 on each of them. It records the resize, so the attachments
// planned after it are judged against the new flavor.
func (e *Engine) CheckPlannedResize(ctx context.Context, serverID, flavorName string, l *PlanLedger) error {
	return e.viewPlanned(ctx, "CheckPlannedResize", l, func(tx Tx, l *PlanLedger) error {
		srv, err := getServer(tx, serverID)
		if err != nil {
			return err
		}
		flavor, err := ValidateFlavor(flavorName, srv.Kind)
		if err != nil {
			return err
		}
		now, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{ServerID: srv.ID})
		if err != nil {
			return err
		}
		staying, leaving, arriving := l.occupants(srv.ID, now, "")
		if err := checkNICLimit(nicLoad{server: srv, flavor: flavor, staying: staying, leaving: leaving, arriving: keyWords(arriving)}); err != nil {
			return onField(err, FieldFlavor)
		}
		for _, k := range arriving {
			if !k.stored() {
				continue // a NIC the plan creates holds what the NIC's own check allowed
			}
			n, err := tx.GetNetworkInterface(k.id)
			switch {
			case isNotFound(err):
				continue
			case err != nil:
				return err
			}
			staying = append(staying, n)
		}
		for _, n := range staying {
			if err := l.checkIPRoom(tx, n, ipChange{server: srv.ID, flavor: flavor}, FieldFlavor); err != nil {
				return err
			}
		}
		l.change(storedKey(srv.ID), func(o *objectPlan) { o.flavor = flavorName })
		return nil
	})
}

// CheckPlannedServer applies at plan time the rules creating a server would
// meet: its subnet's zone, the requested address, free once the plan has
// destroyed what holds it (PlanDestroy), and the security groups. It
// changes nothing stored.
func (e *Engine) CheckPlannedServer(ctx context.Context, in ServerInput, l *PlanLedger) error {
	return e.checkNewServer(ctx, "CheckPlannedServer", in, l)
}

// checkNewServer is CheckServer with the plan l (nil for none).
func (e *Engine) checkNewServer(ctx context.Context, op string, in ServerInput, l *PlanLedger) error {
	if in.Kind == "" {
		in.Kind = KindECS
	}
	if _, err := validateServerInput(in); err != nil {
		return err
	}
	return e.viewPlanned(ctx, op, l, func(tx Tx, l *PlanLedger) error {
		s, err := getSubnet(tx, in.SubnetID)
		if err != nil {
			return err
		}
		if err := checkServerZone(in, s); err != nil {
			return err
		}
		if in.PrivateIP != "" {
			if err := l.checkRequestedAddress(tx, s, FieldPrivateIP, in.PrivateIP); err != nil {
				return err
			}
		}
		return checkSecurityGroups(tx, s.VPCID, in.SecurityGroupIDs)
	})
}
