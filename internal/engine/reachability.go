package engine

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// ReachabilityQuery asks whether a connection can be opened from a source
// (a NIC, or an IP: an address outside every VPC is the internet) to a
// destination, with a protocol and, for tcp and udp, a port.
type ReachabilityQuery struct {
	SourceNetworkInterfaceID      string
	SourceIP                      string
	DestinationNetworkInterfaceID string
	DestinationIP                 string
	Protocol                      string
	// Port is nil when none is given.
	Port *int
}

// ReachabilityResult is the verdict, the path in order and the first hop
// that stopped it (nil when reachable).
type ReachabilityResult struct {
	Reachable bool
	Hops      []Hop
	BlockedBy *Hop
}

// Hop is one component on the path and what it decided, in words.
type Hop struct {
	Component string
	ID        string
	Direction string
	Verdict   string
	Detail    string
}

// String is the hop on one line, as a person reads a path: component, ID,
// direction and verdict, then the detail.
func (h Hop) String() string {
	return h.Component + " " + h.ID + " " + h.Direction + " " + h.Verdict + ": " + h.Detail
}

// Components a hop names.
const (
	ComponentSecurityGroup    = "security_group"
	ComponentNetworkACL       = "network_acl"
	ComponentRouteTable       = "route_table"
	ComponentNetworkInterface = "network_interface"
	ComponentVirtualIP        = "virtual_ip"
	ComponentEIP              = "eip"
	ComponentInternetGateway  = "internet_gateway"
)

// Directions of a hop: the request leaving or entering, and the reply's.
const (
	DirectionEgress       = "egress"
	DirectionIngress      = "ingress"
	DirectionReplyEgress  = "reply_egress"
	DirectionReplyIngress = "reply_ingress"
)

// Verdicts of a hop.
const (
	VerdictAllow = "allow"
	VerdictDeny  = "deny"
)

// ReachabilityProtocols are the protocols a query takes.
var ReachabilityProtocols = []string{"tcp", "udp", "icmp"}

// Ephemeral ports a reply goes back to (semantics 7).
const (
	EphemeralPortMin = 1024
	EphemeralPortMax = 65535
	// MaxForwardingHops cuts routing loops.
	MaxForwardingHops = 8
)

// ValidateReachabilityQuery checks a query on its face: one of each
// source and destination pair, addresses well formed, a known protocol and
// a port exactly for tcp and udp.
func ValidateReachabilityQuery(q ReachabilityQuery) error {
	if err := CheckReachabilitySource(q.SourceNetworkInterfaceID, q.SourceIP); err != nil {
		return err
	}
	if err := CheckReachabilityDestination(q.DestinationNetworkInterfaceID, q.DestinationIP); err != nil {
		return err
	}
	return CheckReachabilityTraffic(q.Protocol, q.Port)
}

// CheckReachabilitySource checks that a query names one source, a
// well-formed address if it is one.
func CheckReachabilitySource(nicID, ip string) error {
	return checkOneEnd(FieldSourceNetworkInterfaceID, nicID, FieldSourceIP, ip, "source")
}

// CheckReachabilityDestination checks that a query names one destination,
// a well-formed address if it is one.
func CheckReachabilityDestination(nicID, ip string) error {
	return checkOneEnd(FieldDestinationNetworkInterfaceID, nicID, FieldDestinationIP, ip, "destination")
}

// checkOneEnd refuses an end of a query unless exactly one of its NIC and
// address is given, and an address that is not one.
func checkOneEnd(idField Field, id string, ipField Field, ip string, end string) error {
	switch {
	case id != "" && ip != "":
		return refuseQuery(ipField, "both a %s network interface (%s) and a %s IP (%s) were given; give one", end, id, end, ip)
	case id == "" && ip == "":
		return refuseQuery(idField, "no %s was given; give a %s network interface or a %s IP", end, end, end)
	case ip != "":
		_, err := ParseIP(ipField, ip)
		return err
	}
	return nil
}

// CheckReachabilityTraffic checks a query's protocol and port.
func CheckReachabilityTraffic(protocol string, port *int) error {
	switch {
	case !slices.Contains(ReachabilityProtocols, protocol):
		return refuseQuery(FieldProtocol, "protocol %q is not one of %s", protocol, strings.Join(ReachabilityProtocols, ", "))
	case protocol == "icmp" && port != nil:
		return refuseQuery(FieldPort, "port %d was given for icmp, which has no ports; leave it out", *port)
	case protocol != "icmp" && port == nil:
		return refuseQuery(FieldPort, "protocol %s needs a port", protocol)
	case port != nil && (*port < 1 || *port > 65535):
		return refuseQuery(FieldPort, "port %d is not within 1-65535", *port)
	}
	return nil
}

// refuseQuery is the refusal of a malformed reachability query.
func refuseQuery(field Field, format string, args ...any) error {
	return RuleReachabilityQuery.refuse(format, args...).on(field)
}

// Reachability answers q over one read of the region.
func (e *Engine) Reachability(ctx context.Context, q ReachabilityQuery) (res ReachabilityResult, err error) {
	if err := ValidateReachabilityQuery(q); err != nil {
		return ReachabilityResult{}, err
	}
	err = e.view(ctx, "Reachability", func(tx Tx) error {
		w := &walk{tx: tx, q: q}
		if err := w.run(); err != nil {
			return err
		}
		res = w.result()
		return nil
	})
	return res, err
}

// endpoint is one end of a path: a NIC of a VPC (nic set) or the internet.
type endpoint struct {
	ip  netip.Addr
	nic *NetworkInterface
	// vip is the virtual IP whose address named the NIC, if one did.
	vip *VirtualIP
}

func (p endpoint) internet() bool { return p.nic == nil }

// walk evaluates one query, collecting hops until one denies.
type walk struct {
	tx      Tx
	q       ReachabilityQuery
	hops    []Hop
	blocked bool
	// subnets caches the subnets read, with their associations, and acls
	// the network ACLs, which a path with its reply meets twice.
	subnets map[string]Subnet
	acls    map[string]NetworkACL
}

func (w *walk) result() ReachabilityResult {
	r := ReachabilityResult{Reachable: !w.blocked, Hops: w.hops}
	if r.Hops == nil {
		r.Hops = []Hop{}
	}
	if w.blocked {
		last := w.hops[len(w.hops)-1]
		r.BlockedBy = &last
	}
	return r
}

// add records a hop and reports whether the path goes on.
func (w *walk) add(component, id, direction string, allow bool, format string, args ...any) bool {
	verdict := VerdictAllow
	if !allow {
		verdict, w.blocked = VerdictDeny, true
	}
	w.hops = append(w.hops, Hop{Component: component, ID: id, Direction: direction, Verdict: verdict, Detail: fmt.Sprintf(format, args...)})
	return allow
}

func (w *walk) run() error {
	src, ok, err := w.endpoint(FieldSourceNetworkInterfaceID, w.q.SourceNetworkInterfaceID, w.q.SourceIP, nil)
	if err != nil || !ok {
		return err
	}
	dst, ok, err := w.endpoint(FieldDestinationNetworkInterfaceID, w.q.DestinationNetworkInterfaceID, w.q.DestinationIP, src.nic)
	if err != nil || !ok {
		return err
	}
	switch {
	case src.internet() && dst.internet():
		return refuseQuery(FieldDestinationIP, "both %s and %s are outside every VPC; one end must be in a VPC", src.ip, dst.ip)
	case src.internet():
		return w.fromInternet(src, dst)
	}
	return w.fromInterface(src, dst)
}

// endpoint reads one end of the query, by NIC or by IP (looked for first
// in the VPC of near, the other end's NIC). ok is false when the address
// names nothing, which is a denying hop.
func (w *walk) endpoint(field Field, nicID, ip string, near *NetworkInterface) (endpoint, bool, error) {
	if nicID != "" {
		n, err := getNetworkInterface(w.tx, nicID)
		if e := AsError(err); e != nil {
			return endpoint{}, false, e.on(field)
		}
		if err != nil {
			return endpoint{}, false, err
		}
		return endpoint{ip: netip.MustParseAddr(n.PrivateIP), nic: &n}, true, nil
	}
	a := netip.MustParseAddr(ip)
	vpcs, err := w.vpcsHolding(a, near)
	if err != nil || len(vpcs) == 0 {
		return endpoint{ip: a}, err == nil, err
	}
	for _, v := range vpcs {
		p, found, err := w.holder(v, a)
		if err != nil || found {
			return p, err == nil && w.resolved(p), err
		}
	}
	return endpoint{}, w.add(ComponentNetworkInterface, ip, DirectionIngress, false, "no interface holds %s", ip), nil
}

// resolved records that a virtual IP's address named its NIC, or that it
// is bound to none.
func (w *walk) resolved(p endpoint) bool {
	if p.vip == nil {
		return true
	}
	if p.nic == nil {
		return w.add(ComponentVirtualIP, p.vip.ID, DirectionIngress, false, "virtual IP %s (%s) is bound to no interface", p.vip.ID, p.vip.IPAddress)
	}
	return w.add(ComponentVirtualIP, p.vip.ID, DirectionIngress, true, "virtual IP %s (%s) is bound to %s", p.vip.ID, p.vip.IPAddress, p.nic.ID)
}

// vpcsHolding lists the VPCs whose CIDR holds a, near's first.
func (w *walk) vpcsHolding(a netip.Addr, near *NetworkInterface) ([]VPC, error) {
	all, err := w.tx.ListVPCs()
	if err != nil {
		return nil, err
	}
	var out []VPC
	for _, v := range all {
		if netip.MustParsePrefix(v.CIDR).Contains(a) {
			out = append(out, v)
		}
	}
	if near != nil {
		slices.SortStableFunc(out, func(x, y VPC) int {
			return boolRank(x.ID != near.VPCID) - boolRank(y.ID != near.VPCID)
		})
	}
	return out, nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// holder finds the NIC or virtual IP of VPC v that holds a. A network or
// broadcast address lies in no subnet's range, and no one holds it.
func (w *walk) holder(v VPC, a netip.Addr) (endpoint, bool, error) {
	s, ok, err := w.tx.SubnetHolding(v.ID, a)
	if err != nil || !ok {
		return endpoint{}, false, err
	}
	held, err := w.tx.GetAddress(s.ID, a.String())
	if isNotFound(err) {
		return endpoint{}, false, nil
	}
	if err != nil {
		return endpoint{}, false, err
	}
	p := endpoint{ip: a}
	nicID := held.Holder
	if held.Kind == AddressVirtual {
		vip, err := getVirtualIP(w.tx, held.Holder)
		if err != nil {
			return endpoint{}, false, err
		}
		p.vip, nicID = &vip, vip.NetworkInterfaceID
	}
	if nicID != "" {
		n, err := getNetworkInterface(w.tx, nicID)
		if err != nil {
			return endpoint{}, false, err
		}
		p.nic = &n
	}
	return p, true, nil
}

// subnet reads a subnet with its route table and ACL.
func (w *walk) subnet(id string) (Subnet, error) {
	if s, ok := w.subnets[id]; ok {
		return s, nil
	}
	s, err := getSubnet(w.tx, id)
	if err == nil {
		s, err = withAssociations(w.tx, s)
	}
	if w.subnets == nil {
		w.subnets = map[string]Subnet{}
	}
	w.subnets[id] = s
	return s, err
}

// traffic says what the request is, for messages.
func (w *walk) traffic() string {
	if w.q.Port == nil {
		return w.q.Protocol
	}
	return fmt.Sprintf("%s %d", w.q.Protocol, *w.q.Port)
}

// fromInterface follows semantics 1 to 5 and 7 from a source NIC.
func (w *walk) fromInterface(src, dst endpoint) error {
	if !w.securityGroups(*src.nic, DirectionEgress, dst.ip) {
		return nil
	}
	srcSubnet, err := w.subnet(src.nic.SubnetID)
	if err != nil {
		return err
	}
	sender, cur := *src.nic, srcSubnet
	for forwarded := 0; ; forwarded++ {
		if !dst.internet() && cur.ID == dst.nic.SubnetID {
			break // semantics 2: within one subnet no ACL nor route applies
		}
		if !w.acl(cur, DirectionEgress, src.ip, dst.ip) {
			return nil
		}
		r, ok, err := w.route(cur, dst.ip, DirectionEgress, forwarded)
		if err != nil || !ok {
			return err
		}
		switch r.NextHopType {
		case NextHopLocal:
			if dst.internet() || cur.VPCID != dst.nic.VPCID {
				w.add(ComponentNetworkInterface, dst.ip.String(), DirectionIngress, false, "no interface of VPC %s holds %s", cur.VPCID, dst.ip)
				return nil
			}
			return w.arrive(src, dst, srcSubnet, true)
		case NextHopInternet:
			return w.leaveForInternet(src, dst, sender, srcSubnet)
		}
		next, ok, err := w.forwarder(r, cur, src.ip, dst.ip)
		if err != nil || !ok {
			return err
		}
		if cur, err = w.subnet(next.SubnetID); err != nil {
			return err
		}
		sender = next
	}
	return w.arrive(src, dst, srcSubnet, false)
}

// arrive follows semantics 4, 5 and 7 once the request reaches the
// destination NIC's subnet; entered says it came in from another subnet
// (not from a forwarder of the destination's own). The reply crosses the
// ACLs whenever source and destination are in different subnets.
func (w *walk) arrive(src, dst endpoint, srcSubnet Subnet, entered bool) error {
	dstSubnet, err := w.subnet(dst.nic.SubnetID)
	if err != nil {
		return err
	}
	if entered && !w.acl(dstSubnet, DirectionIngress, src.ip, dst.ip) {
		return nil
	}
	if !w.receive(src, dst) || srcSubnet.ID == dstSubnet.ID {
		return nil
	}
	if !w.acl(dstSubnet, DirectionReplyEgress, dst.ip, src.ip) || src.internet() {
		return nil
	}
	w.acl(srcSubnet, DirectionReplyIngress, dst.ip, src.ip)
	return nil
}

// receive applies the destination NIC's security groups (semantics 5).
func (w *walk) receive(src, dst endpoint) bool {
	if !w.add(ComponentNetworkInterface, dst.nic.ID, DirectionIngress, true, "%s holds %s", dst.nic.ID, dst.ip) {
		return false
	}
	return w.securityGroups(*dst.nic, DirectionIngress, src.ip)
}

// leaveForInternet follows an internet route: the NIC that sends the
// traffic out needs an EIP, and the destination must be on the internet.
func (w *walk) leaveForInternet(src, dst endpoint, sender NetworkInterface, srcSubnet Subnet) error {
	ok, err := w.eip(sender, DirectionEgress)
	if err != nil || !ok {
		return err
	}
	if !dst.internet() {
		w.add(ComponentInternetGateway, sender.VPCID, DirectionEgress, false,
			"%s is a private address of VPC %s; the internet does not carry it", dst.ip, dst.nic.VPCID)
		return nil
	}
	if !w.add(ComponentInternetGateway, sender.VPCID, DirectionEgress, true, "leaves VPC %s for %s", sender.VPCID, dst.ip) {
		return nil
	}
	w.acl(srcSubnet, DirectionReplyIngress, dst.ip, src.ip)
	return nil
}

// fromInternet follows semantics 6: the destination needs an EIP and a
// route back to the source through the internet gateway.
func (w *walk) fromInternet(src, dst endpoint) error {
	w.add(ComponentInternetGateway, dst.nic.VPCID, DirectionIngress, true, "enters VPC %s from %s", dst.nic.VPCID, src.ip)
	ok, err := w.eip(*dst.nic, DirectionIngress)
	if err != nil || !ok {
		return err
	}
	dstSubnet, err := w.subnet(dst.nic.SubnetID)
	if err != nil {
		return err
	}
	r, ok, err := w.route(dstSubnet, src.ip, DirectionReplyEgress, 0)
	if err != nil || !ok {
		return err
	}
	if r.NextHopType != NextHopInternet {
		return nil
	}
	return w.arrive(src, dst, Subnet{}, true)
}

// eip checks that n has an EIP, to leave or be reached from the internet.
func (w *walk) eip(n NetworkInterface, direction string) (bool, error) {
	e, err := w.tx.GetEIPByNetworkInterface(n.ID)
	if isNotFound(err) {
		return w.add(ComponentEIP, n.ID, direction, false, "%s has no EIP; only an interface with one reaches or is reached from the internet", n.ID), nil
	}
	if err != nil {
		return false, err
	}
	return w.add(ComponentEIP, e.ID, direction, true, "EIP %s (%s) is bound to %s", e.ID, e.PublicIP, n.ID), nil
}

// forwarder follows a network_interface or virtual_ip next hop from
// subnet cur to the NIC that forwards the traffic: the request enters the
// NIC's subnet through its ACL when that is another subnet, and the NIC is
// attached, has its check off, and its groups admit the request in and let
// it out again, as they would any traffic it sends.
func (w *walk) forwarder(r Route, cur Subnet, from, to netip.Addr) (NetworkInterface, bool, error) {
	nicID := r.NextHopID
	if r.NextHopType == NextHopVirtualIP {
		v, err := getVirtualIP(w.tx, r.NextHopID)
		if err != nil {
			return NetworkInterface{}, false, err
		}
		if v.NetworkInterfaceID == "" {
			return NetworkInterface{}, w.add(ComponentVirtualIP, v.ID, DirectionIngress, false, "virtual IP %s (%s) is bound to no interface", v.ID, v.IPAddress), nil
		}
		w.add(ComponentVirtualIP, v.ID, DirectionIngress, true, "virtual IP %s (%s) is bound to %s", v.ID, v.IPAddress, v.NetworkInterfaceID)
		nicID = v.NetworkInterfaceID
	}
	n, err := getNetworkInterface(w.tx, nicID)
	if err != nil {
		return n, false, err
	}
	if n.SubnetID != cur.ID {
		s, err := w.subnet(n.SubnetID)
		if err != nil || !w.acl(s, DirectionIngress, from, to) {
			return n, false, err
		}
	}
	switch {
	case n.ServerID == "":
		return n, w.add(ComponentNetworkInterface, n.ID, DirectionIngress, false, "%s is attached to no server and forwards nothing", n.ID), nil
	case n.SourceDestCheck:
		return n, w.add(ComponentNetworkInterface, n.ID, DirectionIngress, false, "%s has its source/destination check on and drops traffic not addressed to it", n.ID), nil
	case !w.add(ComponentNetworkInterface, n.ID, DirectionIngress, true, "%s on server %s forwards it (source/destination check off)", n.ID, n.ServerID):
		return n, false, nil
	}
	return n, w.securityGroups(n, DirectionIngress, from) && w.securityGroups(n, DirectionEgress, to), nil
}

// route finds the route of s's table for to, longest prefix first, after
// forwarded hops through forwarding NICs: one more past the limit is a loop.
func (w *walk) route(s Subnet, to netip.Addr, direction string, forwarded int) (Route, bool, error) {
	vpc, err := getVPC(w.tx, s.VPCID)
	if err != nil {
		return Route{}, false, err
	}
	candidates := localRoutes(vpc, s.RouteTableID)
	// No other route lies inside the VPC's CIDR (rule 17), so for an
	// address of the VPC the local route is the most specific: the table's
	// own routes are read only for addresses outside it, and then only the
	// most specific of those that hold the address.
	if !cidrHolds(vpc.CIDR, to) {
		stored, ok, err := w.tx.LongestPrefixRoute(s.RouteTableID, to)
		if err != nil {
			return Route{}, false, err
		}
		if ok {
			candidates = append(candidates, stored)
		}
	}
	best, bits := Route{}, -1
	for _, r := range candidates {
		p, err := netip.ParsePrefix(r.DestinationCIDR)
		if err == nil && p.Contains(to) && p.Bits() > bits {
			best, bits = r, p.Bits()
		}
	}
	what := "the request to"
	if direction == DirectionReplyEgress {
		what = "the reply to"
	}
	if bits < 0 {
		return best, w.add(ComponentRouteTable, s.RouteTableID, direction, false, "no route of %s matches %s %s", s.RouteTableID, what, to), nil
	}
	forwards := best.NextHopType == NextHopNetworkInterface || best.NextHopType == NextHopVirtualIP
	if forwards && forwarded == MaxForwardingHops {
		return best, w.add(ComponentRouteTable, s.RouteTableID, direction, false,
			"more than %d hops: %s %s takes %s again; a routing loop?", MaxForwardingHops, what, to, hopWords(best)), nil
	}
	if direction == DirectionReplyEgress && best.NextHopType != NextHopInternet {
		return best, w.add(ComponentRouteTable, s.RouteTableID, direction, false, "%s %s takes %s, not the internet", what, to, hopWords(best)), nil
	}
	return best, w.add(ComponentRouteTable, s.RouteTableID, direction, true, "%s %s takes %s", what, to, hopWords(best)), nil
}

// securityGroups applies n's groups to traffic in one direction with the
// remote address (semantics 1 and 5): a NIC with groups admits only what
// one of their rules matches; one with none is not filtered.
func (w *walk) securityGroups(n NetworkInterface, direction string, remote netip.Addr) bool {
	if len(n.SecurityGroupIDs) == 0 {
		return true
	}
	for _, id := range n.SecurityGroupIDs {
		g, err := w.tx.GetSecurityGroup(id)
		if err != nil {
			continue // a group gone under a NIC filters nothing more
		}
		for _, r := range g.Rules {
			if r.Direction == direction && matches(r.Protocol, r.PortRangeMin, r.PortRangeMax, r.RemoteCIDR, w.q.Protocol, w.q.Port, remote) {
				return w.add(ComponentSecurityGroup, id, direction, true, "%s rule %s matches %s", direction, ruleWords(r.Protocol, r.PortRangeMin, r.PortRangeMax, r.RemoteCIDR), w.trafficWith(direction, remote))
			}
		}
	}
	return w.add(ComponentSecurityGroup, strings.Join(n.SecurityGroupIDs, ","), direction, false,
		"no %s rule of %s matches %s", direction, strings.Join(n.SecurityGroupIDs, ", "), w.trafficWith(direction, remote))
}

// trafficWith names the traffic and its remote end.
func (w *walk) trafficWith(direction string, remote netip.Addr) string {
	if direction == DirectionEgress {
		return w.traffic() + " to " + remote.String()
	}
	return w.traffic() + " from " + remote.String()
}

// acl applies s's network ACL, first match in list order then implicit
// deny: to the request (egress, ingress) or to the reply, which goes from
// the request's port to the ephemeral ports (semantics 7). from and to are
// the packet's ends; a subnet with no ACL filters nothing.
func (w *walk) acl(s Subnet, direction string, from, to netip.Addr) bool {
	if s.NetworkACLID == "" {
		return true
	}
	a, ok := w.acls[s.NetworkACLID]
	if !ok {
		var err error
		if a, err = w.tx.GetNetworkACL(s.NetworkACLID); err != nil {
			return true // an ACL gone under its association filters nothing
		}
		if w.acls == nil {
			w.acls = map[string]NetworkACL{}
		}
		w.acls[a.ID] = a
	}
	rules, remote, what := a.Egress, to, w.traffic()+" to "+to.String()
	switch direction {
	case DirectionIngress:
		rules, remote, what = a.Ingress, from, w.traffic()+" from "+from.String()
	case DirectionReplyIngress:
		rules, remote, what = a.Ingress, from, w.replyWords(from, to)
	case DirectionReplyEgress:
		what = w.replyWords(from, to)
	}
	reply := direction == DirectionReplyEgress || direction == DirectionReplyIngress
	ruleDirection := strings.TrimPrefix(direction, "reply_")
	for i, r := range rules {
		if !w.aclRuleMatches(r, reply, remote) {
			continue
		}
		return w.add(ComponentNetworkACL, a.ID, direction, r.Action == "allow", "%s rule %d (%s %s) matches %s",
			ruleDirection, i+1, r.Action, ruleWords(r.Protocol, r.PortRangeMin, r.PortRangeMax, r.RemoteCIDR), what)
	}
	return w.add(ComponentNetworkACL, a.ID, direction, false, "no %s rule matches %s: implicit deny", ruleDirection, what)
}

// replyWords names the reply of the request.
func (w *walk) replyWords(from, to netip.Addr) string {
	if w.q.Port == nil {
		return fmt.Sprintf("the reply %s from %s to %s", w.q.Protocol, from, to)
	}
	return fmt.Sprintf("the reply %s from %s port %d to %s ports %d-%d", w.q.Protocol, from, *w.q.Port, to, EphemeralPortMin, EphemeralPortMax)
}

// aclRuleMatches says whether an ACL rule decides the request or its
// reply. The reply goes to any ephemeral port: an allow rule must cover
// them all, a deny rule stops it when it covers any.
func (w *walk) aclRuleMatches(r ACLRule, reply bool, remote netip.Addr) bool {
	if !reply || w.q.Protocol == "icmp" || r.Protocol == "any" {
		return matches(r.Protocol, r.PortRangeMin, r.PortRangeMax, r.RemoteCIDR, w.q.Protocol, w.q.Port, remote)
	}
	if r.Protocol != w.q.Protocol || !cidrHolds(r.RemoteCIDR, remote) {
		return false
	}
	if r.Action == "allow" {
		return r.PortRangeMin <= EphemeralPortMin && r.PortRangeMax >= EphemeralPortMax
	}
	return r.PortRangeMin <= EphemeralPortMax && r.PortRangeMax >= EphemeralPortMin
}

// matches says whether a rule (protocol, ports, remote CIDR) matches
// traffic of protocol to port with the remote address; icmp and rules for
// any protocol ignore ports.
func matches(ruleProtocol string, portMin, portMax int, remoteCIDR, protocol string, port *int, remote netip.Addr) bool {
	if ruleProtocol != "any" && ruleProtocol != protocol {
		return false
	}
	if ruleProtocol != "any" && port != nil && (*port < portMin || *port > portMax) {
		return false
	}
	return cidrHolds(remoteCIDR, remote)
}

func cidrHolds(cidr string, a netip.Addr) bool {
	p, err := netip.ParsePrefix(cidr)
	return err == nil && p.Contains(a)
}

// ruleWords writes a rule's traffic: "tcp 443-443 0.0.0.0/0".
func ruleWords(protocol string, portMin, portMax int, remoteCIDR string) string {
	if protocol == "icmp" || protocol == "any" {
		return protocol + " " + remoteCIDR
	}
	return fmt.Sprintf("%s %d-%d %s", protocol, portMin, portMax, remoteCIDR)
}

// hopWords names a route and where it sends the traffic.
func hopWords(r Route) string {
	switch r.NextHopType {
	case NextHopLocal, NextHopInternet:
		return fmt.Sprintf("route %s → %s", r.DestinationCIDR, r.NextHopType)
	case NextHopVirtualIP:
		return fmt.Sprintf("route %s → virtual IP %s", r.DestinationCIDR, r.NextHopID)
	}
	return fmt.Sprintf("route %s → %s", r.DestinationCIDR, r.NextHopID)
}
