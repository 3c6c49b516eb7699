package engine

// A plan's private IPs (rule 15): the secondary IPs it gives NICs and the
// virtual IPs it binds, counted with what is stored.

// ipChange is what one planned change does to a NIC's private IPv4 load.
type ipChange struct {
	// server judges the NIC on that server, of flavor; "" on the server
	// the plan leaves it on.
	server string
	flavor Flavor
	// secondary is how many secondary IPs the change leaves the NIC; nil
	// for as many as the plan so far does.
	secondary *int
	// binds is how many more virtual IPs the change binds to it.
	binds int
}

// checkIPRoom applies rule 15 to n with the plan's changes so far and c,
// refusing on field.
func (l *PlanLedger) checkIPRoom(tx Tx, n NetworkInterface, c ipChange, field Field) error {
	load, err := l.plannedIPLoad(tx, n)
	if err != nil {
		return err
	}
	if c.server != "" {
		load.server, load.flavor = c.server, c.flavor
	} else if id := l.plannedServer(n); id != "" {
		srv, err := getServer(tx, id)
		if err != nil {
			return err
		}
		load.server, load.flavor = srv.ID, l.flavorOf(srv)
	}
	if c.secondary != nil {
		load.secondary = *c.secondary
	}
	load.virtual += c.binds
	return checkPrivateIPLimit(load, field)
}

// plannedIPLoad is n's private IPv4 load once the plan's changes so far are
// applied, held to no server: the caller sets where it goes.
func (l *PlanLedger) plannedIPLoad(tx Tx, n NetworkInterface) (ipLoad, error) {
	load := ipLoad{nic: n.ID, secondary: len(n.SecondaryPrivateIPs)}
	if n.ID == "" {
		return load, nil // a NIC the plan creates has no virtual IP yet
	}
	nic := storedKey(n.ID)
	if o := l.planOf(nic); o != nil && o.secondaries != nil {
		load.secondary, load.planned = *o.secondaries, true
	}
	bound, err := tx.ListVirtualIPs(VirtualIPFilter{NetworkInterfaceID: n.ID})
	if err != nil {
		return load, err
	}
	stored := map[string]bool{}
	for _, v := range bound {
		stored[v.ID] = true
		if to, planned := l.planOf(storedKey(v.ID)).bound(); planned && to != nic {
			load.planned = true
			continue
		}
		load.virtual++
	}
	for vip := range l.views.bindings[nic] {
		if !stored[vip.id] {
			load.virtual++
			load.planned = true
		}
	}
	return load, nil
}
