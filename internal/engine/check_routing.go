package engine

import "fmt"

// The invariants of routing: every VPC has one default route table and
// every subnet one route table in effect; route tables, routes and ACL
// rules within their limits; every route and association within one VPC;
// no route names a missing NIC or virtual IP; every NIC that is a next hop
// has its source/destination check off.

type routingState struct {
	vpcs         []VPC
	tables       []RouteTable
	routes       []Route
	acls         []NetworkACL
	associations []SubnetAssociation
}

func loadRoutingState(tx Tx) (rs routingState, err error) {
	if rs.vpcs, err = tx.ListVPCs(); err != nil {
		return rs, err
	}
	if rs.tables, err = tx.ListRouteTables(""); err != nil {
		return rs, err
	}
	if rs.routes, err = tx.ListRoutes(RouteFilter{}); err != nil {
		return rs, err
	}
	if rs.acls, err = tx.ListNetworkACLs(""); err != nil {
		return rs, err
	}
	rs.associations, err = tx.ListAssociations(AssociationFilter{})
	return rs, err
}

func (st state) checkRouting(report func(error)) {
	rs := st.routing
	tables := map[string]RouteTable{}
	perVPC := map[string]int{}
	defaults := map[string][]string{}
	for _, t := range rs.tables {
		tables[t.ID] = t
		perVPC[t.VPCID]++
		if t.Default {
			defaults[t.VPCID] = append(defaults[t.VPCID], t.ID)
		}
	}
	vpcs := map[string]VPC{}
	for _, v := range rs.vpcs {
		vpcs[v.ID] = v
		if d := defaults[v.ID]; len(d) != 1 || d[0] != v.DefaultRouteTableID {
			report(fmt.Errorf("VPC %s names default route table %q but has default route tables %v", v.ID, v.DefaultRouteTableID, d))
		}
		report(checkRouteTableCount(v.ID, perVPC[v.ID], 0))
	}
	for _, t := range rs.tables {
		if _, ok := vpcs[t.VPCID]; !ok {
			report(fmt.Errorf("route table %s is in missing VPC %s", t.ID, t.VPCID))
		}
	}
	st.checkRoutes(tables, vpcs, report)
	st.checkAssociations(tables, report)
	for _, a := range rs.acls {
		report(ValidateNetworkACLRules(a.Ingress, a.Egress))
	}
}

// checkRoutes applies rules 16 to 19 to every stored route.
func (st state) checkRoutes(tables map[string]RouteTable, vpcs map[string]VPC, report func(error)) {
	nics := map[string]NetworkInterface{}
	for _, n := range st.nics {
		nics[n.ID] = n
	}
	vips := map[string]VirtualIP{}
	for _, v := range st.vips {
		vips[v.ID] = v
	}
	perTable := map[string]int{}
	for _, r := range st.routing.routes {
		t, ok := tables[r.RouteTableID]
		if !ok {
			report(fmt.Errorf("route %s is in missing route table %s", r.DestinationCIDR, r.RouteTableID))
			continue
		}
		perTable[t.ID]++
		report(checkRouteDestination(vpcs[t.VPCID], r.DestinationCIDR))
		report(ValidateNextHop(r.NextHopType, r.NextHopID))
		nic, hopVPC, ok := st.nextHop(r, nics, vips)
		if !ok {
			report(fmt.Errorf("%s names missing %s %s", routeWords(r, ""), r.NextHopType, r.NextHopID))
			continue
		}
		if r.NextHopType == NextHopInternet {
			continue
		}
		report(checkRoutingSameVPC(r.NextHopType+" "+r.NextHopID, hopVPC, "route table "+t.ID, t.VPCID))
		if nic.ID != "" {
			via := ""
			if r.NextHopType == NextHopVirtualIP {
				via = r.NextHopID
			}
			report(checkForwarding(nic, nic.SourceDestCheck, []string{routeWords(r, via)}))
		}
	}
	for id, n := range perTable {
		report(checkRouteCount(id, n, 0))
	}
}

// nextHop is the NIC r's traffic goes to (none for an unbound virtual IP
// or the internet) and the VPC of its next hop; ok is false when the next
// hop is missing.
func (st state) nextHop(r Route, nics map[string]NetworkInterface, vips map[string]VirtualIP) (nic NetworkInterface, vpcID string, ok bool) {
	switch r.NextHopType {
	case NextHopNetworkInterface:
		nic, ok = nics[r.NextHopID]
		return nic, nic.VPCID, ok
	case NextHopVirtualIP:
		v, found := vips[r.NextHopID]
		if !found {
			return nic, "", false
		}
		vpcID = st.subnets[v.SubnetID].VPCID
		if v.NetworkInterfaceID == "" {
			return nic, vpcID, true
		}
		nic, ok = nics[v.NetworkInterfaceID]
		return nic, vpcID, ok
	}
	return nic, "", true
}

// checkAssociations applies rule 18 to every association: a live subnet
// and target of one VPC, one of each kind per subnet.
func (st state) checkAssociations(tables map[string]RouteTable, report func(error)) {
	acls := map[string]NetworkACL{}
	for _, a := range st.routing.acls {
		acls[a.ID] = a
	}
	held := map[string]SubnetAssociation{}
	for _, a := range st.routing.associations {
		s, ok := st.subnets[a.SubnetID]
		if !ok {
			report(fmt.Errorf("association %s is of missing subnet %s", a.ID, a.SubnetID))
			continue
		}
		k, targetVPC, found := routeTableAssociations, tables[a.TargetID].VPCID, false
		switch a.Kind {
		case AssociationRouteTable:
			_, found = tables[a.TargetID]
		case AssociationNetworkACL:
			k, targetVPC = networkACLAssociations, acls[a.TargetID].VPCID
			_, found = acls[a.TargetID]
		}
		if !found {
			report(fmt.Errorf("association %s of subnet %s names missing %s %s", a.ID, a.SubnetID, a.Kind, a.TargetID))
			continue
		}
		report(checkRoutingSameVPC("subnet "+s.ID, s.VPCID, k.what+" "+a.TargetID, targetVPC))
		if s.VPCID != a.VPCID {
			report(fmt.Errorf("association %s keeps VPC %s, but its subnet %s is in VPC %s", a.ID, a.VPCID, s.ID, s.VPCID))
		}
		key := a.SubnetID + "/" + a.Kind
		if other, dup := held[key]; dup {
			report(refuseSecondAssociation(k, a.SubnetID, other.ID, other.TargetID))
		}
		held[key] = a
	}
}
