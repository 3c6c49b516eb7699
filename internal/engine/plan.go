package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// A plan's private IPs (rule 15): the secondary IPs it gives NICs and the
// virtual IPs it binds, counted with what is stored.

// plannedServer is the server n will be on once the plan's attachments so
// far are applied, or "".
func (l *PlanLedger) plannedServer(n NetworkInterface) string {
	if srv, ok := l.arrivedAt[n.ID]; ok {
		return srv
	}
	if n.ServerID != "" && !l.departs(n.ServerID, n.ID) {
		return n.ServerID
	}
	return ""
}

// plannedIPLoad is n's private IPv4 load once the plan's changes so far are
// applied, held to no server: the caller sets where it goes.
func (l *PlanLedger) plannedIPLoad(tx Tx, n NetworkInterface) (ipLoad, error) {
	load := ipLoad{nic: n.ID, secondary: len(n.SecondaryPrivateIPs)}
	if n.ID == "" {
		return load, nil // a NIC the plan creates has no virtual IP yet
	}
	if c, ok := l.secondaries[n.ID]; ok {
		load.secondary, load.planned = c, true
	}
	bound, err := tx.ListVirtualIPs(VirtualIPFilter{NetworkInterfaceID: n.ID})
	if err != nil {
		return load, err
	}
	stored := map[string]bool{}
	for _, v := range bound {
		stored[v.ID] = true
		if to, rebound := l.vipBinds[v.ID]; rebound && to != n.ID {
			load.planned = true
			continue
		}
		load.virtual++
	}
	for key, to := range l.vipBinds {
		if to == n.ID && !stored[key] {
			load.virtual++
			load.planned = true
		}
	}
	return load, nil
}

// placeIPLoad holds load to the server n will be on under the plan.
func (l *PlanLedger) placeIPLoad(tx Tx, n NetworkInterface, load ipLoad) (ipLoad, error) {
	id := l.plannedServer(n)
	if id == "" {
		return load, nil
	}
	srv, err := getServer(tx, id)
	if err != nil {
		return load, err
	}
	load.server, load.flavor = srv.ID, l.flavorOf(srv)
	return load, nil
}

// PlanLedger remembers the attachments one plan makes, so that the flavor
// limit counts every NIC a plan brings to a server, not only those already
// there, and the private IPs it gives each NIC (rule 15). One provider
// instance serves a whole plan and keeps one ledger. Keys are NIC IDs, or
// placeholders for NICs the same plan creates.
type PlanLedger struct {
	mu         sync.Mutex
	arrivals   map[string]map[string]bool // server ID → NICs the plan brings
	arrivedAt  map[string]string          // NIC → the server the plan brings it to (arrivals inverted)
	created    map[string]bool            // NICs a new attachment of the plan brings
	departures map[string]map[string]bool // server ID → NICs the plan takes away
	flavors    map[string]string          // server ID → flavor the plan resizes it to
	indexes    map[string]map[int]string  // server ID → device index → NIC the plan puts there
	indexOf    map[string]int             // NIC → the device index the plan asks for (indexes inverted)
	unnamed    int

	secondaries map[string]int    // NIC ID → secondary private IPs the plan leaves it
	vipBinds    map[string]string // virtual IP key → NIC the plan binds it to ("" unbinds)
	vipPlanned  chan struct{}     // closed and replaced whenever a virtual IP's plan is recorded
	newVIPs     int
	ipv6        map[string]bool // VPC or subnet ID → the plan turns IPv6 on (true) or off
}

// NewPlanLedger returns an empty ledger.
func NewPlanLedger() *PlanLedger {
	return &PlanLedger{arrivals: map[string]map[string]bool{}, arrivedAt: map[string]string{}, created: map[string]bool{},
		departures: map[string]map[string]bool{}, flavors: map[string]string{}, indexes: map[string]map[int]string{}, indexOf: map[string]int{},
		secondaries: map[string]int{}, vipBinds: map[string]string{}, vipPlanned: make(chan struct{}), ipv6: map[string]bool{}}
}

// viewPlanned runs a plan-time check in one read transaction while it holds
// the ledger, so checks of one plan judge and record in turn; a nil ledger
// is a fresh one (a check with nothing planned before it).
func (e *Engine) viewPlanned(ctx context.Context, op string, l *PlanLedger, check func(Tx, *PlanLedger) error) error {
	if l == nil {
		l = NewPlanLedger()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return e.view(ctx, op, func(tx Tx) error { return check(tx, l) })
}

// PlanIPv6 notes that the plan turns IPv6 on or off on a VPC or subnet
// (by ID), so the subnets and NICs planned after it are judged as it
// leaves them.
func (l *PlanLedger) PlanIPv6(id string, enabled bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ipv6[id] = enabled
}

// hasIPv6 reports whether a VPC or subnet will have IPv6 once the plan is
// applied, and whether that is the plan's doing (its range is then not
// known yet).
func (l *PlanLedger) hasIPv6(id string, now bool) (has, planned bool) {
	if on, ok := l.ipv6[id]; ok && on != now {
		return on, true
	}
	return now, false
}

func (l *PlanLedger) add(book map[string]map[string]bool, serverID, key string) {
	if book[serverID] == nil {
		book[serverID] = map[string]bool{}
	}
	book[serverID][key] = true
}

// recordArrival notes that the plan puts key on serverID; a NIC goes to one
// server only, so a replan to another server forgets the earlier target.
// The inverted maps keep this and the lookups by NIC independent of how
// many servers and attachments the plan has.
func (l *PlanLedger) recordArrival(serverID, key string, deviceIndex *int) {
	if earlier, ok := l.arrivedAt[key]; ok {
		delete(l.arrivals[earlier], key)
		if i, held := l.indexOf[key]; held && l.indexes[earlier][i] == key {
			delete(l.indexes[earlier], i)
		}
		delete(l.indexOf, key)
	}
	l.add(l.arrivals, serverID, key)
	l.arrivedAt[key] = serverID
	if deviceIndex != nil {
		if l.indexes[serverID] == nil {
			l.indexes[serverID] = map[int]string{}
		}
		l.indexes[serverID][*deviceIndex] = key
		l.indexOf[key] = *deviceIndex
	}
}

// checkPlannedIndex applies rule 7 within the plan: two attachments of one
// plan asking for the same device index of a server can only fail at apply.
func (l *PlanLedger) checkPlannedIndex(srv Server, self string, deviceIndex *int) error {
	if deviceIndex == nil {
		return nil
	}
	if other, taken := l.indexes[srv.ID][*deviceIndex]; taken && other != self {
		return refuseDeviceIndex(deviceIndex, srv, "this plan already attaches "+other+" there")
	}
	return nil
}

// PlanResize notes that the plan resizes a server. Terraform plans a server
// before the attachments that refer to it, so they are judged against the
// flavor it will have.
func (l *PlanLedger) PlanResize(serverID, flavor string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flavors[serverID] = flavor
}

// flavorOf is the flavor srv will have once the plan is applied.
func (l *PlanLedger) flavorOf(srv Server) Flavor {
	name := srv.Flavor
	if planned, ok := l.flavors[srv.ID]; ok {
		name = planned
	}
	f, ok := LookupFlavor(name)
	if !ok {
		f, _ = LookupFlavor(srv.Flavor) // the resize itself is refused elsewhere
	}
	return f
}

// checkSingleAttachment applies rule 2 within the plan: the same NIC
// planned onto two servers, or by two new attachments, can only fail at
// apply. A new attachment planned after a change of an existing one for the
// same NIC is Terraform planning a replacement, not a second attachment.
func (l *PlanLedger) checkSingleAttachment(nicID, serverID string, creates bool) error {
	if other, ok := l.arrivedAt[nicID]; ok && (other != serverID || creates && l.created[nicID]) {
		return checkUnattached(nicID, other, 0, true, serverID)
	}
	return nil
}

// PlanDeparture notes that the plan detaches a NIC from a server (an
// attachment destroyed or replaced), freeing its slot for later changes.
func (l *PlanLedger) PlanDeparture(serverID, nicID string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.add(l.departures, serverID, nicID)
}

func (l *PlanLedger) departs(serverID, nicID string) bool {
	return l.departures[serverID][nicID]
}

// occupants are the NICs that will be on srv once every change planned so
// far is applied: those there now and staying, how many the plan takes
// away, and those it brings, less the NIC being planned.
func (l *PlanLedger) occupants(srv string, now []NetworkInterface, self string) (staying []NetworkInterface, leaving int, arriving []string) {
	for _, n := range now {
		switch {
		case n.ID == self:
		case l.departs(srv, n.ID):
			leaving++
		default:
			staying = append(staying, n)
		}
	}
	for key := range l.arrivals[srv] {
		if key != self && !slices.ContainsFunc(now, func(n NetworkInterface) bool { return n.ID == key }) {
			arriving = append(arriving, key)
		}
	}
	slices.Sort(arriving)
	return staying, leaving, arriving
}

// PlannedAttachment is one attachment change being planned. NetworkInterfaceID
// is "" when the plan creates the NIC too (its ID is not known yet); From is
// the server the attachment leaves when the change is a move. Creates is
// true for an attachment the plan creates (none in the state), false for
// one it updates or replaces: two new attachments of one NIC in a plan are
// refused (rule 2), while Terraform planning a replacement (the change of
// the attachment in state, then a new one) is not.
type PlannedAttachment struct {
	AttachInput
	From    string
	Creates bool
}

// CheckPlannedAttachment applies at plan time every rule an attach or move
// would meet, counting what the plan has already put on or taken off the
// server, and records the change in the ledger. It changes nothing stored.
func (e *Engine) CheckPlannedAttachment(ctx context.Context, p PlannedAttachment, l *PlanLedger) error {
	return e.viewPlanned(ctx, "CheckPlannedAttachment", l, func(tx Tx, l *PlanLedger) error {
		srv, err := getServer(tx, p.ServerID)
		if err != nil {
			return err
		}
		n := NetworkInterface{ID: p.NetworkInterfaceID}
		if n.ID != "" {
			if n, err = getNetworkInterface(tx, n.ID); err != nil {
				return err
			}
			if err := l.checkSingleAttachment(n.ID, srv.ID, p.Creates); err != nil {
				return err
			}
			if err := e.checkPlannedOwner(n, srv, p, l); err != nil {
				return err
			}
			if err := checkTopology(n, srv, e.opts.AttachmentSubnetRule); err != nil {
				return err
			}
		}
		if err := checkPlannedPlacement(tx, n, srv, p.DeviceIndex, l); err != nil {
			return err
		}
		key := n.ID
		if key == "" {
			l.unnamed++
			key = fmt.Sprintf("NIC #%d created by this plan", l.unnamed)
		}
		l.recordArrival(srv.ID, key, p.DeviceIndex)
		l.created[key] = p.Creates
		if p.From != "" && p.From != srv.ID {
			l.add(l.departures, p.From, n.ID)
		}
		return nil
	})
}

// checkPlannedOwner applies rules 1 and 2, knowing that a NIC the plan takes
// off its server is free to go elsewhere.
func (e *Engine) checkPlannedOwner(n NetworkInterface, srv Server, p PlannedAttachment, l *PlanLedger) error {
	move := p.From != "" && p.From == n.ServerID
	if n.ServerID != "" && !move && l.departs(n.ServerID, n.ID) {
		move = true
	}
	if n.ServerID == "" && p.From != "" {
		move = false // detached outside Terraform: the move will be an attach
	}
	return checkAttachable(n, srv, move)
}

// checkPlannedPlacement applies rules 6, 15 and 7 to the server as the plan leaves it.
func checkPlannedPlacement(tx Tx, n NetworkInterface, srv Server, deviceIndex *int, l *PlanLedger) error {
	flavor := l.flavorOf(srv)
	if n.ID != "" {
		load, err := l.plannedIPLoad(tx, n)
		if err != nil {
			return err
		}
		load.server, load.flavor = srv.ID, flavor
		if err := checkPrivateIPLimit(load, FieldServerID); err != nil {
			return err
		}
	}
	now, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{ServerID: srv.ID})
	if err != nil {
		return err
	}
	staying, leaving, arriving := l.occupants(srv.ID, now, n.ID)
	self := n.ID
	if self == "" {
		self = "a network interface this plan creates"
	}
	if err := checkNICLimit(nicLoad{server: srv, flavor: flavor, staying: staying, leaving: leaving, arriving: arriving, placing: self}); err != nil {
		return err
	}
	if deviceIndex == nil {
		return nil // indexes free up as planned arrivals take theirs; the count above decides
	}
	if _, err = chooseDeviceIndex(srv, flavor, staying, deviceIndex); err != nil {
		return err
	}
	return l.checkPlannedIndex(srv, n.ID, deviceIndex)
}

// PlannedNetworkInterface is a NIC being planned: ID is "" for one the plan
// creates, else the NIC's, with the whole of its planned configuration.
type PlannedNetworkInterface struct {
	ID string
	NetworkInterfaceInput
}

// CheckPlannedNetworkInterface applies at plan time the rules creating or
// updating a NIC would meet: subnet, requested private IP (for a new NIC),
// security groups, requested secondary and IPv6 addresses (rule 8), IPv6 in
// the subnet, and rule 15 on the server the plan leaves it on, counting the
// virtual IPs the plan binds to it. With a ledger it records the secondary
// IPs for the plan's later checks. Name and description are left to the
// caller, which may not know them yet. It changes nothing stored.
func (e *Engine) CheckPlannedNetworkInterface(ctx context.Context, p PlannedNetworkInterface, l *PlanLedger) error {
	if err := validateAddressesAndTags(p.NetworkInterfaceInput); err != nil {
		return err
	}
	return e.viewPlanned(ctx, "CheckPlannedNetworkInterface", l, func(tx Tx, l *PlanLedger) error {
		s, err := getSubnet(tx, p.SubnetID)
		if err != nil {
			return err
		}
		n := NetworkInterface{ID: p.ID, SubnetID: s.ID}
		if p.ID != "" {
			if n, err = getNetworkInterface(tx, p.ID); err != nil {
				return err
			}
		}
		if p.PrivateIP != "" && p.PrivateIP != n.PrivateIP {
			if _, err := checkRequestedAddress(tx, s, FieldPrivateIP, p.PrivateIP); err != nil {
				return err
			}
		}
		if err := checkSecurityGroups(tx, s.VPCID, p.SecurityGroupIDs); err != nil {
			return err
		}
		secondaries, err := checkPlannedAddresses(tx, secondaryKind, s, n, p.SecondaryPrivateIPs)
		if err != nil {
			return err
		}
		if err := l.checkPlannedIPv6(tx, s, n, p.IPv6Addresses); err != nil {
			return err
		}
		load, err := l.plannedIPLoad(tx, n)
		if err != nil {
			return err
		}
		if load, err = l.placeIPLoad(tx, n, load); err != nil {
			return err
		}
		load.secondary = secondaries
		field := FieldSecondaryPrivateIPCount
		if p.SecondaryPrivateIPs.Explicit() {
			field = FieldSecondaryPrivateIPs
		}
		if err := checkPrivateIPLimit(load, field); err != nil {
			return err
		}
		if p.ID != "" {
			l.secondaries[p.ID] = secondaries
		}
		return nil
	})
}

// checkPlannedAddresses applies rule 8 and the IPv6 rule to a request of
// kind k for n in s, and returns how many addresses n will hold.
func checkPlannedAddresses(tx Tx, k addressKind, s Subnet, n NetworkInterface, r AddressRequest) (int, error) {
	c := planAddressChange(k, k.held(n), r)
	if k.kind == AddressIPv6 && c.total() > 0 && !s.IPv6Enabled() {
		return 0, refuseIPv6(FieldIPv6Addresses, "subnet %s has no IPv6 range, so its network interfaces cannot have IPv6 addresses", s.ID)
	}
	for _, a := range c.add {
		if _, err := checkRequestedAddress(tx, s, k.field, a); err != nil {
			return 0, err
		}
	}
	return c.total(), nil
}

// checkPlannedIPv6 applies the IPv6 rules to a NIC's request, with the
// subnet's IPv6 as the plan leaves it: addresses of a /64 the plan has yet
// to give the subnet cannot be judged before it has one.
func (l *PlanLedger) checkPlannedIPv6(tx Tx, s Subnet, n NetworkInterface, r AddressRequest) error {
	has, planned := l.hasIPv6(s.ID, s.IPv6Enabled())
	switch {
	case planned && has:
		return nil
	case planned:
		s.IPv6CIDR = ""
	}
	_, err := checkPlannedAddresses(tx, ipv6Kind, s, n, r)
	return err
}

// CheckPlannedSubnet applies CreateSubnet's rules at plan time, with the
// VPC's IPv6 as the plan leaves it (PlanIPv6).
func (e *Engine) CheckPlannedSubnet(ctx context.Context, in SubnetInput, l *PlanLedger) error {
	return e.viewPlanned(ctx, "CheckPlannedSubnet", l, func(tx Tx, l *PlanLedger) error {
		vpc, err := getVPC(tx, in.VPCID)
		if err != nil {
			return err
		}
		if has, planned := l.hasIPv6(vpc.ID, vpc.IPv6Enabled()); planned {
			if in.IPv6Enabled && !has {
				return refuseIPv6(FieldIPv6Enabled, "this plan turns IPv6 off on VPC %s, so its subnets cannot have IPv6", vpc.ID)
			}
			in.IPv6Enabled = false // the VPC's /56 is not known before it is applied
		}
		_, err = checkSubnet(tx, in)
		return err
	})
}

// PlannedVirtualIP is a virtual IP being planned: ID is "" for one the plan
// creates, else the virtual IP's, with its whole planned configuration.
type PlannedVirtualIP struct {
	ID string
	VirtualIPInput
}

// CheckPlannedVirtualIP applies at plan time the rules creating, binding,
// unbinding or moving a virtual IP would meet: subnet, requested address
// (rule 8), the NIC in the same subnet (rule 5) and with room (rule 15,
// counting the secondary IPs and other virtual IPs of the plan), and
// records the binding for the plan's later checks. It changes nothing stored.
func (e *Engine) CheckPlannedVirtualIP(ctx context.Context, p PlannedVirtualIP, l *PlanLedger) error {
	if err := ValidateTags(p.Tags); err != nil {
		return err
	}
	return e.viewPlanned(ctx, "CheckPlannedVirtualIP", l, func(tx Tx, l *PlanLedger) error {
		s, err := getSubnet(tx, p.SubnetID)
		if err != nil {
			return err
		}
		v := VirtualIP{ID: p.ID, SubnetID: s.ID}
		if p.ID != "" {
			if v, err = getVirtualIP(tx, p.ID); err != nil {
				return err
			}
		}
		if p.IPAddress != "" && p.IPAddress != v.IPAddress {
			if _, err := checkRequestedAddress(tx, s, FieldIPAddress, p.IPAddress); err != nil {
				return err
			}
		}
		if p.ID == "" {
			v.IPAddress = p.IPAddress // a new one is named by its address, when asked for
		}
		key := p.ID
		if key == "" {
			l.newVIPs++
			key = fmt.Sprintf("virtual IP #%d created by this plan", l.newVIPs)
		}
		if p.NetworkInterfaceID != "" && p.NetworkInterfaceID != l.boundTo(v, key) {
			if err := checkPlannedBind(tx, v, p.NetworkInterfaceID, l); err != nil {
				return err
			}
		}
		l.recordVirtualIP(key, p.NetworkInterfaceID)
		return nil
	})
}

// PlanVirtualIPRelease notes that the plan destroys a virtual IP (or
// replaces it), so the NIC it is bound to has room for one more private IP
// in the plan's later checks.
func (l *PlanLedger) PlanVirtualIPRelease(vipID string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recordVirtualIP(vipID, "")
}

// VirtualIPCreated notes that a virtual IP the plan creates now exists, as
// v. An apply plans each object once more just before creating it, so until
// then its binding is a placeholder of the ledger; once v is stored its NIC
// holds it, and the placeholder would count it a second time.
func (l *PlanLedger) VirtualIPCreated(v VirtualIP) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if v.NetworkInterfaceID == "" {
		return // an unbound placeholder counts on no NIC
	}
	for key, to := range l.vipBinds {
		if to == v.NetworkInterfaceID && !strings.HasPrefix(key, PrefixVirtualIP) {
			delete(l.vipBinds, key)
			return
		}
	}
}

// boundTo is the NIC v is bound to as the plan stands.
func (l *PlanLedger) boundTo(v VirtualIP, key string) string {
	if to, ok := l.vipBinds[key]; ok {
		return to
	}
	return v.NetworkInterfaceID
}

// checkPlannedBind applies rules 5 and 15 to binding v to a NIC under the plan.
func checkPlannedBind(tx Tx, v VirtualIP, nicID string, l *PlanLedger) error {
	n, err := getNetworkInterface(tx, nicID)
	if err != nil {
		return err
	}
	if err := checkVirtualIPSubnet(v, n); err != nil {
		return err
	}
	load, err := l.plannedIPLoad(tx, n)
	if err != nil {
		return err
	}
	if load, err = l.placeIPLoad(tx, n, load); err != nil {
		return err
	}
	load.virtual++
	return checkPrivateIPLimit(load, FieldNetworkInterfaceID)
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
		if err := checkNICLimit(nicLoad{server: srv, flavor: flavor, staying: staying, leaving: leaving, arriving: arriving}); err != nil {
			return onField(err, FieldFlavor)
		}
		for _, key := range arriving {
			n, err := tx.GetNetworkInterface(key)
			switch {
			case isNotFound(err):
				continue // a NIC the plan creates holds what the NIC's own check allowed
			case err != nil:
				return err
			}
			staying = append(staying, n)
		}
		for _, n := range staying {
			load, err := l.plannedIPLoad(tx, n)
			if err != nil {
				return err
			}
			load.server, load.flavor = srv.ID, flavor
			if err := checkPrivateIPLimit(load, FieldFlavor); err != nil {
				return err
			}
		}
		l.flavors[srv.ID] = flavorName
		return nil
	})
}
