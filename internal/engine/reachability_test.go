package engine_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

// lab is a small region to trace paths in: one VPC 10.0.0.0/16 with
// subnets pub (10.0.1.0/24), app (10.0.2.0/24) and mgmt (10.0.3.0/24),
// and another VPC 192.168.0.0/16. It names the objects a case makes so
// that expected hops read with names instead of generated IDs.
type lab struct {
	T              testing.TB
	Ctx            context.Context
	Eng            *engine.Engine
	store          engine.Store
	VPC, OtherVPC  engine.VPC
	pub, app, mgmt engine.Subnet
	names          map[string]string
}

// newLab builds the region on a fresh SQLite store; tb may be the fuzz
// target's, which builds it once.
func newLab(tb testing.TB) *lab {
	st := fixture.Must(sqlite.Open(filepath.Join(tb.TempDir(), "engine.db")))(tb)
	eng := fixture.Must(engine.New(st, engine.Options{}))(tb)
	tb.Cleanup(func() { _ = eng.Close() })
	l := &lab{T: tb, Ctx: context.Background(), Eng: eng, store: st, names: map[string]string{}}
	l.VPC = fixture.Must(eng.CreateVPC(l.Ctx, engine.VPCInput{Name: "main", CIDR: "10.0.0.0/16"}))(tb)
	l.OtherVPC = fixture.Must(eng.CreateVPC(l.Ctx, engine.VPCInput{Name: "other", CIDR: "192.168.0.0/16"}))(tb)
	l.pub = l.subnet(l.VPC.ID, "10.0.1.0/24", "local-1a")
	l.app = l.subnet(l.VPC.ID, "10.0.2.0/24", "local-1a")
	l.mgmt = l.subnet(l.VPC.ID, "10.0.3.0/24", "local-1b")
	l.name(l.VPC.ID, "vpc")
	l.name(l.OtherVPC.ID, "other-vpc")
	l.name(l.VPC.DefaultRouteTableID, "default-rtb")
	return l
}

func (l *lab) subnet(vpcID, cidr, zone string) engine.Subnet {
	return fixture.Must(l.Eng.CreateSubnet(l.Ctx, engine.SubnetInput{VPCID: vpcID, Name: "s", CIDR: cidr, AvailabilityZone: zone}))(l.T)
}

// name registers how an ID or address reads in expected hops.
func (l *lab) name(id, label string) { l.names[id] = "{" + label + "}" }

func groupIDs(groups []engine.SecurityGroup) []string {
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
	}
	return ids
}

// nic makes an available NIC named label in s with groups; off turns its
// source/destination check off.
func (l *lab) nicWith(label string, s engine.Subnet, check bool, groups ...engine.SecurityGroup) engine.NetworkInterface {
	n := fixture.Must(l.Eng.CreateNetworkInterface(l.Ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "nic",
		SecurityGroupIDs: groupIDs(groups), SourceDestCheck: &check}))(l.T)
	l.name(n.ID, label)
	l.name(n.PrivateIP, label+".ip")
	return n
}

func (l *lab) nic(label string, s engine.Subnet, groups ...engine.SecurityGroup) engine.NetworkInterface {
	return l.nicWith(label, s, true, groups...)
}

// forwarder makes an attached NIC with its check off, as an appliance has.
func (l *lab) forwarder(label string, s engine.Subnet, groups ...engine.SecurityGroup) engine.NetworkInterface {
	n := l.nicWith(label, s, false, groups...)
	srv := fixture.Must(l.Eng.CreateServer(l.Ctx, engine.ServerInput{Name: "srv", Flavor: "c7.large.2", AvailabilityZone: s.AvailabilityZone, SubnetID: s.ID}))(l.T)
	l.name(srv.ID, label+".server")
	return fixture.Must(l.Eng.AttachNetworkInterface(l.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID}))(l.T)
}

func (l *lab) group(label string, rules ...engine.SecurityGroupRule) engine.SecurityGroup {
	g := fixture.Must(l.Eng.CreateSecurityGroup(l.Ctx, engine.SecurityGroupInput{VPCID: l.VPC.ID, Name: label, Rules: rules}))(l.T)
	l.name(g.ID, label)
	return g
}

func (l *lab) acl(label string, s engine.Subnet, ingress, egress []engine.ACLRule) engine.NetworkACL {
	a := fixture.Must(l.Eng.CreateNetworkACL(l.Ctx, engine.NetworkACLInput{VPCID: l.VPC.ID, Name: label, Ingress: ingress, Egress: egress}))(l.T)
	fixture.Must(l.Eng.AssociateNetworkACL(l.Ctx, s.ID, a.ID))(l.T)
	l.name(a.ID, label)
	return a
}

// table gives s a custom route table named label with routes, each
// "destination next-hop-type next-hop-id".
func (l *lab) table(label string, s engine.Subnet, routes ...string) engine.RouteTable {
	t := fixture.Must(l.Eng.CreateRouteTable(l.Ctx, engine.RouteTableInput{VPCID: s.VPCID, Name: "rtb"}))(l.T)
	l.name(t.ID, label)
	fixture.Must(l.Eng.AssociateRouteTable(l.Ctx, s.ID, t.ID))(l.T)
	for _, r := range routes {
		f := append(strings.Fields(r), "")
		fixture.Must(l.Eng.CreateRoute(l.Ctx, engine.RouteInput{RouteTableID: t.ID, DestinationCIDR: f[0], NextHopType: f[1], NextHopID: f[2]}))(l.T)
	}
	return t
}

func (l *lab) eip(label string, n engine.NetworkInterface) engine.EIP {
	e := fixture.Must(l.Eng.CreateEIP(l.Ctx, engine.EIPInput{BandwidthMbps: 10, NetworkInterfaceID: n.ID}))(l.T)
	l.name(e.ID, label)
	l.name(e.PublicIP, label+".ip")
	return e
}

func (l *lab) vip(label string, s engine.Subnet, nicID string) engine.VirtualIP {
	v := fixture.Must(l.Eng.CreateVirtualIP(l.Ctx, engine.VirtualIPInput{SubnetID: s.ID, NetworkInterfaceID: nicID}))(l.T)
	l.name(v.ID, label)
	l.name(v.IPAddress, label+".ip")
	return v
}

// read renders a hop with names for IDs and addresses, one line.
func (l *lab) read(h engine.Hop) string {
	var pairs []string
	keys := make([]string, 0, len(l.names))
	for k := range l.names {
		keys = append(keys, k)
	}
	// Longer first, so that 10.0.1.50 is not read as 10.0.1.5 and a 0.
	slices.SortFunc(keys, func(a, b string) int { return len(b) - len(a) })
	for _, k := range keys {
		pairs = append(pairs, k, l.names[k])
	}
	r := strings.NewReplacer(pairs...)
	return r.Replace(h.String())
}

func sgRule(direction, protocol string, portMin, portMax int, cidr string) engine.SecurityGroupRule {
	return engine.SecurityGroupRule{Direction: direction, Protocol: protocol, PortRangeMin: portMin, PortRangeMax: portMax, RemoteCIDR: cidr}
}

func aclRule(action, protocol string, portMin, portMax int, cidr string) engine.ACLRule {
	return engine.ACLRule{Action: action, Protocol: protocol, PortRangeMin: portMin, PortRangeMax: portMax, RemoteCIDR: cidr}
}

func rules(r ...engine.ACLRule) []engine.ACLRule { return r }

var (
	allowAll   = aclRule("allow", "any", 0, 65535, "0.0.0.0/0")
	outAll     = sgRule("egress", "any", 0, 65535, "0.0.0.0/0")
	in443      = sgRule("ingress", "tcp", 443, 443, "0.0.0.0/0")
	tcpQuery   = func(port int) (string, *int) { return "tcp", &port }
	internetIP = "203.0.113.9"
)

func toNIC(src, dst engine.NetworkInterface, port int) engine.ReachabilityQuery {
	p, pt := tcpQuery(port)
	return engine.ReachabilityQuery{SourceNetworkInterfaceID: src.ID, DestinationNetworkInterfaceID: dst.ID, Protocol: p, Port: pt}
}

func toIP(src engine.NetworkInterface, ip string, port int) engine.ReachabilityQuery {
	p, pt := tcpQuery(port)
	return engine.ReachabilityQuery{SourceNetworkInterfaceID: src.ID, DestinationIP: ip, Protocol: p, Port: pt}
}

func fromIP(ip string, dst engine.NetworkInterface, port int) engine.ReachabilityQuery {
	p, pt := tcpQuery(port)
	return engine.ReachabilityQuery{SourceIP: ip, DestinationNetworkInterfaceID: dst.ID, Protocol: p, Port: pt}
}

// reachabilityCases are small regions and the path expected through each,
// hop by hop; a path starting with "..." is compared by its end.
var reachabilityCases = []struct {
	name  string
	build func(l *lab) engine.ReachabilityQuery
	path  []string
}{
	{"2: one subnet, no groups: nothing filters", func(l *lab) engine.ReachabilityQuery {
		return toNIC(l.nic("a", l.pub), l.nic("b", l.pub), 22)
	}, []string{
		"network_interface {b} ingress allow: {b} holds {b.ip}",
	}},
	{"2: one subnet: the subnet's ACL is not consulted", func(l *lab) engine.ReachabilityQuery {
		l.acl("acl-pub", l.pub, nil, nil)
		return toNIC(l.nic("a", l.pub), l.nic("b", l.pub), 22)
	}, []string{
		"network_interface {b} ingress allow: {b} holds {b.ip}",
	}},
	{"1, 5: egress allowed, ingress matched by no rule", func(l *lab) engine.ReachabilityQuery {
		out, in := l.group("out", outAll), l.group("web", in443)
		return toNIC(l.nic("a", l.pub, out), l.nic("b", l.pub, in), 22)
	}, []string{
		"security_group {out} egress allow: egress rule any 0.0.0.0/0 matches tcp 22 to {b.ip}",
		"network_interface {b} ingress allow: {b} holds {b.ip}",
		"security_group {web} ingress deny: no ingress rule of {web} matches tcp 22 from {a.ip}",
	}},
	{"1: a group without egress rules lets nothing out", func(l *lab) engine.ReachabilityQuery {
		return toNIC(l.nic("a", l.pub, l.group("empty")), l.nic("b", l.pub), 443)
	}, []string{
		"security_group {empty} egress deny: no egress rule of {empty} matches tcp 443 to {b.ip}",
	}},
	{"5: any of several groups admits", func(l *lab) engine.ReachabilityQuery {
		g1, g2 := l.group("g1"), l.group("g2", sgRule("ingress", "tcp", 400, 500, "10.0.1.0/24"))
		return toNIC(l.nic("a", l.pub), l.nic("b", l.pub, g1, g2), 443)
	}, []string{
		"network_interface {b} ingress allow: {b} holds {b.ip}",
		"security_group {g2} ingress allow: ingress rule tcp 400-500 10.0.1.0/24 matches tcp 443 from {a.ip}",
	}},
	{"5: several groups, none admits", func(l *lab) engine.ReachabilityQuery {
		g1, g2 := l.group("g1"), l.group("g2", sgRule("ingress", "udp", 443, 443, "0.0.0.0/0"))
		return toNIC(l.nic("a", l.pub), l.nic("b", l.pub, g1, g2), 443)
	}, []string{
		"network_interface {b} ingress allow: {b} holds {b.ip}",
		"security_group {g1},{g2} ingress deny: no ingress rule of {g1}, {g2} matches tcp 443 from {a.ip}",
	}},
	{"3, 4, 7: across subnets by the local route, request and reply pass the ACLs", func(l *lab) engine.ReachabilityQuery {
		l.acl("acl-pub", l.pub, rules(allowAll), rules(allowAll))
		l.acl("acl-app", l.app, rules(aclRule("allow", "tcp", 443, 443, "10.0.1.0/24")), rules(aclRule("allow", "tcp", 1024, 65535, "10.0.0.0/16")))
		return toNIC(l.nic("a", l.pub), l.nic("b", l.app), 443)
	}, []string{
		"network_acl {acl-pub} egress allow: egress rule 1 (allow any 0.0.0.0/0) matches tcp 443 to {b.ip}",
		"route_table {default-rtb} egress allow: the request to {b.ip} takes route 10.0.0.0/16 → local",
		"network_acl {acl-app} ingress allow: ingress rule 1 (allow tcp 443-443 10.0.1.0/24) matches tcp 443 from {a.ip}",
		"network_interface {b} ingress allow: {b} holds {b.ip}",
		"network_acl {acl-app} reply_egress allow: egress rule 1 (allow tcp 1024-65535 10.0.0.0/16) matches the reply tcp from {b.ip} port 443 to {a.ip} ports 1024-65535",
		"network_acl {acl-pub} reply_ingress allow: ingress rule 1 (allow any 0.0.0.0/0) matches the reply tcp from {b.ip} port 443 to {a.ip} ports 1024-65535",
	}},
	{"3: a subnet with no ACL filters nothing", func(l *lab) engine.ReachabilityQuery {
		return toNIC(l.nic("a", l.pub), l.nic("b", l.app), 443)
	}, []string{
		"route_table {default-rtb} egress allow: the request to {b.ip} takes route 10.0.0.0/16 → local",
		"network_interface {b} ingress allow: {b} holds {b.ip}",
	}},
	{"3: the source subnet's ACL denies by its implicit deny", func(l *lab) engine.ReachabilityQuery {
		l.acl("acl-pub", l.pub, rules(allowAll), rules(aclRule("allow", "udp", 53, 53, "0.0.0.0/0")))
		return toNIC(l.nic("a", l.pub), l.nic("b", l.app), 443)
	}, []string{
		"network_acl {acl-pub} egress deny: no egress rule matches tcp 443 to {b.ip}: implicit deny",
	}},
	{"4: first match decides: a deny before an allow", func(l *lab) engine.ReachabilityQuery {
		l.acl("acl-app", l.app, rules(aclRule("deny", "tcp", 22, 22, "0.0.0.0/0"), allowAll), rules(allowAll))
		return toNIC(l.nic("a", l.pub), l.nic("b", l.app), 22)
	}, []string{
		"route_table {default-rtb} egress allow: the request to {b.ip} takes route 10.0.0.0/16 → local",
		"network_acl {acl-app} ingress deny: ingress rule 1 (deny tcp 22-22 0.0.0.0/0) matches tcp 22 from {a.ip}",
	}},
	{"7: the reply is stopped by the destination subnet's ACL egress", func(l *lab) engine.ReachabilityQuery {
		l.acl("acl-app", l.app, rules(allowAll), rules(aclRule("allow", "tcp", 443, 443, "0.0.0.0/0")))
		return toNIC(l.nic("a", l.pub), l.nic("b", l.app), 443)
	}, []string{
		"...",
		"network_interface {b} ingress allow: {b} holds {b.ip}",
		"network_acl {acl-app} reply_egress deny: no egress rule matches the reply tcp from {b.ip} port 443 to {a.ip} ports 1024-65535: implicit deny",
	}},
	{"7: a deny rule over some ephemeral ports stops the reply at the source's ACL ingress", func(l *lab) engine.ReachabilityQuery {
		l.acl("acl-pub", l.pub, rules(aclRule("deny", "tcp", 2000, 2000, "0.0.0.0/0"), allowAll), rules(allowAll))
		return toNIC(l.nic("a", l.pub), l.nic("b", l.app), 443)
	}, []string{
		"...",
		"network_interface {b} ingress allow: {b} holds {b.ip}",
		"network_acl {acl-pub} reply_ingress deny: ingress rule 1 (deny tcp 2000-2000 0.0.0.0/0) matches the reply tcp from {b.ip} port 443 to {a.ip} ports 1024-65535",
	}},
	{"7: icmp replies have no ports", func(l *lab) engine.ReachabilityQuery {
		l.acl("acl-app", l.app, rules(aclRule("allow", "icmp", 0, 0, "0.0.0.0/0")), rules(aclRule("allow", "icmp", 0, 0, "10.0.0.0/16")))
		a, b := l.nic("a", l.pub), l.nic("b", l.app, l.group("ping", sgRule("ingress", "icmp", 0, 0, "10.0.0.0/16")))
		return engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, DestinationNetworkInterfaceID: b.ID, Protocol: "icmp"}
	}, []string{
		"route_table {default-rtb} egress allow: the request to {b.ip} takes route 10.0.0.0/16 → local",
		"network_acl {acl-app} ingress allow: ingress rule 1 (allow icmp 0.0.0.0/0) matches icmp from {a.ip}",
		"network_interface {b} ingress allow: {b} holds {b.ip}",
		"security_group {ping} ingress allow: ingress rule icmp 10.0.0.0/16 matches icmp from {a.ip}",
		"network_acl {acl-app} reply_egress allow: egress rule 1 (allow icmp 10.0.0.0/16) matches the reply icmp from {b.ip} to {a.ip}",
	}},
	{"3: out to the internet with an EIP, the reply through the source's ACL", func(l *lab) engine.ReachabilityQuery {
		l.table("rtb-pub", l.pub, "0.0.0.0/0 internet")
		l.acl("acl-pub", l.pub, rules(aclRule("allow", "tcp", 1024, 65535, "0.0.0.0/0")), rules(allowAll))
		a := l.nic("a", l.pub)
		l.eip("eip-a", a)
		return toIP(a, internetIP, 443)
	}, []string{
		"network_acl {acl-pub} egress allow: egress rule 1 (allow any 0.0.0.0/0) matches tcp 443 to 203.0.113.9",
		"route_table {rtb-pub} egress allow: the request to 203.0.113.9 takes route 0.0.0.0/0 → internet",
		"eip {eip-a} egress allow: EIP {eip-a} ({eip-a.ip}) is bound to {a}",
		"internet_gateway {vpc} egress allow: leaves VPC {vpc} for 203.0.113.9",
		"network_acl {acl-pub} reply_ingress allow: ingress rule 1 (allow tcp 1024-65535 0.0.0.0/0) matches the reply tcp from 203.0.113.9 port 443 to {a.ip} ports 1024-65535",
	}},
	{"3: out to the internet needs an EIP", func(l *lab) engine.ReachabilityQuery {
		l.table("rtb-pub", l.pub, "0.0.0.0/0 internet")
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"route_table {rtb-pub} egress allow: the request to 203.0.113.9 takes route 0.0.0.0/0 → internet",
		"eip {a} egress deny: {a} has no EIP; only an interface with one reaches or is reached from the internet",
	}},
	{"3: longest prefix wins; no route matches", func(l *lab) engine.ReachabilityQuery {
		l.table("rtb-pub", l.pub, "198.51.100.0/24 internet")
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"route_table {rtb-pub} egress deny: no route of {rtb-pub} matches the request to 203.0.113.9",
	}},
	{"3: the internet does not carry another VPC's private address", func(l *lab) engine.ReachabilityQuery {
		l.table("rtb-pub", l.pub, "0.0.0.0/0 internet")
		a := l.nic("a", l.pub)
		l.eip("eip-a", a)
		other := l.subnet(l.OtherVPC.ID, "192.168.1.0/24", "local-1a")
		c := fixture.Must(l.Eng.CreateNetworkInterface(l.Ctx, engine.NetworkInterfaceInput{SubnetID: other.ID, Name: "c"}))(l.T)
		l.name(c.ID, "c")
		l.name(c.PrivateIP, "c.ip")
		return toNIC(a, c, 443)
	}, []string{
		"...",
		"eip {eip-a} egress allow: EIP {eip-a} ({eip-a.ip}) is bound to {a}",
		"internet_gateway {vpc} egress deny: {c.ip} is a private address of VPC {other-vpc}; the internet does not carry it",
	}},
	{"3: through a NAT appliance to the internet, the appliance's EIP used", func(l *lab) engine.ReachabilityQuery {
		fw := l.forwarder("fw", l.app, l.group("nat", sgRule("ingress", "any", 0, 65535, "10.0.0.0/16"), outAll))
		l.eip("eip-fw", fw)
		l.acl("acl-app", l.app, rules(aclRule("allow", "any", 0, 65535, "10.0.0.0/16")), rules(allowAll))
		l.table("rtb-pub", l.pub, "0.0.0.0/0 network_interface "+fw.ID)
		l.table("rtb-app", l.app, "0.0.0.0/0 internet")
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"route_table {rtb-pub} egress allow: the request to 203.0.113.9 takes route 0.0.0.0/0 → {fw}",
		"network_acl {acl-app} ingress allow: ingress rule 1 (allow any 10.0.0.0/16) matches tcp 443 from {a.ip}",
		"network_interface {fw} ingress allow: {fw} on server {fw.server} forwards it (source/destination check off)",
		"security_group {nat} ingress allow: ingress rule any 10.0.0.0/16 matches tcp 443 from {a.ip}",
		"security_group {nat} egress allow: egress rule any 0.0.0.0/0 matches tcp 443 to 203.0.113.9",
		"network_acl {acl-app} egress allow: egress rule 1 (allow any 0.0.0.0/0) matches tcp 443 to 203.0.113.9",
		"route_table {rtb-app} egress allow: the request to 203.0.113.9 takes route 0.0.0.0/0 → internet",
		"eip {eip-fw} egress allow: EIP {eip-fw} ({eip-fw.ip}) is bound to {fw}",
		"internet_gateway {vpc} egress allow: leaves VPC {vpc} for 203.0.113.9",
	}},
	{"3: a next hop through a virtual IP follows its binding", func(l *lab) engine.ReachabilityQuery {
		fw := l.forwarder("fw", l.app)
		v := l.vip("vip", l.app, fw.ID)
		l.eip("eip-fw", fw)
		l.table("rtb-pub", l.pub, "0.0.0.0/0 virtual_ip "+v.ID)
		l.table("rtb-app", l.app, "0.0.0.0/0 internet")
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"route_table {rtb-pub} egress allow: the request to 203.0.113.9 takes route 0.0.0.0/0 → virtual IP {vip}",
		"virtual_ip {vip} ingress allow: virtual IP {vip} ({vip.ip}) is bound to {fw}",
		"network_interface {fw} ingress allow: {fw} on server {fw.server} forwards it (source/destination check off)",
		"...",
	}},
	{"3: a next-hop virtual IP bound to no interface drops the traffic", func(l *lab) engine.ReachabilityQuery {
		v := l.vip("vip", l.app, "")
		l.table("rtb-pub", l.pub, "0.0.0.0/0 virtual_ip "+v.ID)
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"route_table {rtb-pub} egress allow: the request to 203.0.113.9 takes route 0.0.0.0/0 → virtual IP {vip}",
		"virtual_ip {vip} ingress deny: virtual IP {vip} ({vip.ip}) is bound to no interface",
	}},
	{"3: a detached next-hop NIC forwards nothing", func(l *lab) engine.ReachabilityQuery {
		fw := l.nicWith("fw", l.app, false)
		l.table("rtb-pub", l.pub, "0.0.0.0/0 network_interface "+fw.ID)
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"...",
		"network_interface {fw} ingress deny: {fw} is attached to no server and forwards nothing",
	}},
	{"3: a next-hop NIC with its check on drops what is not addressed to it", func(l *lab) engine.ReachabilityQuery {
		fw := l.forwarder("fw", l.app)
		l.table("rtb-pub", l.pub, "0.0.0.0/0 network_interface "+fw.ID)
		// Rule 19 keeps the check off under a route; a store written by
		// older versions may not have.
		fixture.Must(0, l.store.Update(l.Ctx, func(tx engine.Tx) error {
			n, err := tx.GetNetworkInterface(fw.ID)
			if err != nil {
				return err
			}
			n.SourceDestCheck = true
			return tx.UpdateNetworkInterface(n)
		}))(l.T)
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"...",
		"network_interface {fw} ingress deny: {fw} has its source/destination check on and drops traffic not addressed to it",
	}},
	{"3: a next-hop NIC's groups must admit the traffic", func(l *lab) engine.ReachabilityQuery {
		fw := l.forwarder("fw", l.app, l.group("closed"))
		l.table("rtb-pub", l.pub, "0.0.0.0/0 network_interface "+fw.ID)
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"...",
		"network_interface {fw} ingress allow: {fw} on server {fw.server} forwards it (source/destination check off)",
		"security_group {closed} ingress deny: no ingress rule of {closed} matches tcp 443 from {a.ip}",
	}},
	{"3: the forwarder's subnet ACL filters the request entering it", func(l *lab) engine.ReachabilityQuery {
		fw := l.forwarder("fw", l.app)
		l.acl("acl-app", l.app, rules(aclRule("deny", "tcp", 443, 443, "0.0.0.0/0")), rules(allowAll))
		l.table("rtb-pub", l.pub, "0.0.0.0/0 network_interface "+fw.ID)
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"route_table {rtb-pub} egress allow: the request to 203.0.113.9 takes route 0.0.0.0/0 → {fw}",
		"network_acl {acl-app} ingress deny: ingress rule 1 (deny tcp 443-443 0.0.0.0/0) matches tcp 443 from {a.ip}",
	}},
	{"3: a forwarder's groups must let the traffic out again", func(l *lab) engine.ReachabilityQuery {
		fw := l.forwarder("fw", l.app, l.group("in-only", sgRule("ingress", "any", 0, 65535, "0.0.0.0/0")))
		l.table("rtb-pub", l.pub, "0.0.0.0/0 network_interface "+fw.ID)
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"...",
		"security_group {in-only} ingress allow: ingress rule any 0.0.0.0/0 matches tcp 443 from {a.ip}",
		"security_group {in-only} egress deny: no egress rule of {in-only} matches tcp 443 to 203.0.113.9",
	}},
	{"3: a routing loop is cut after 8 hops", func(l *lab) engine.ReachabilityQuery {
		fw1, fw2 := l.forwarder("fw1", l.app), l.forwarder("fw2", l.mgmt)
		l.table("rtb-pub", l.pub, "0.0.0.0/0 network_interface "+fw1.ID)
		l.table("rtb-app", l.app, "0.0.0.0/0 network_interface "+fw2.ID)
		l.table("rtb-mgmt", l.mgmt, "0.0.0.0/0 network_interface "+fw1.ID)
		return toIP(l.nic("a", l.pub), internetIP, 443)
	}, []string{
		"...",
		"network_interface {fw2} ingress allow: {fw2} on server {fw2.server} forwards it (source/destination check off)",
		"route_table {rtb-mgmt} egress deny: more than 8 hops: the request to 203.0.113.9 takes route 0.0.0.0/0 → {fw1} again; a routing loop?",
	}},
	{"5: a destination IP no interface holds", func(l *lab) engine.ReachabilityQuery {
		return toIP(l.nic("a", l.pub), "10.0.3.9", 443)
	}, []string{
		"network_interface 10.0.3.9 ingress deny: no interface holds 10.0.3.9",
	}},
	{"5: a virtual IP's address means the NIC it is bound to", func(l *lab) engine.ReachabilityQuery {
		b := l.nic("b", l.pub)
		v := l.vip("vip", l.pub, b.ID)
		return toIP(l.nic("a", l.pub), v.IPAddress, 443)
	}, []string{
		"virtual_ip {vip} ingress allow: virtual IP {vip} ({vip.ip}) is bound to {b}",
		"network_interface {b} ingress allow: {b} holds {vip.ip}",
	}},
	{"5: a virtual IP bound to no interface reaches nothing", func(l *lab) engine.ReachabilityQuery {
		v := l.vip("vip", l.pub, "")
		return toIP(l.nic("a", l.pub), v.IPAddress, 443)
	}, []string{
		"virtual_ip {vip} ingress deny: virtual IP {vip} ({vip.ip}) is bound to no interface",
	}},
	{"a source given by its address", func(l *lab) engine.ReachabilityQuery {
		a, b := l.nic("a", l.pub, l.group("out", outAll)), l.nic("b", l.pub)
		p, pt := tcpQuery(22)
		return engine.ReachabilityQuery{SourceIP: a.PrivateIP, DestinationNetworkInterfaceID: b.ID, Protocol: p, Port: pt}
	}, []string{
		"security_group {out} egress allow: egress rule any 0.0.0.0/0 matches tcp 22 to {b.ip}",
		"network_interface {b} ingress allow: {b} holds {b.ip}",
	}},
	{"6: from the internet to an interface with an EIP and a route back", func(l *lab) engine.ReachabilityQuery {
		b := l.nic("b", l.app, l.group("web", in443))
		l.eip("eip-b", b)
		l.table("rtb-app", l.app, "0.0.0.0/0 internet")
		l.acl("acl-app", l.app, rules(aclRule("allow", "tcp", 443, 443, "0.0.0.0/0")), rules(aclRule("allow", "tcp", 1024, 65535, "0.0.0.0/0")))
		return fromIP(internetIP, b, 443)
	}, []string{
		"internet_gateway {vpc} ingress allow: enters VPC {vpc} from 203.0.113.9",
		"eip {eip-b} ingress allow: EIP {eip-b} ({eip-b.ip}) is bound to {b}",
		"route_table {rtb-app} reply_egress allow: the reply to 203.0.113.9 takes route 0.0.0.0/0 → internet",
		"network_acl {acl-app} ingress allow: ingress rule 1 (allow tcp 443-443 0.0.0.0/0) matches tcp 443 from 203.0.113.9",
		"network_interface {b} ingress allow: {b} holds {b.ip}",
		"security_group {web} ingress allow: ingress rule tcp 443-443 0.0.0.0/0 matches tcp 443 from 203.0.113.9",
		"network_acl {acl-app} reply_egress allow: egress rule 1 (allow tcp 1024-65535 0.0.0.0/0) matches the reply tcp from {b.ip} port 443 to 203.0.113.9 ports 1024-65535",
	}},
	{"6: from the internet, an interface without an EIP is out of reach", func(l *lab) engine.ReachabilityQuery {
		return fromIP(internetIP, l.nic("b", l.app), 443)
	}, []string{
		"internet_gateway {vpc} ingress allow: enters VPC {vpc} from 203.0.113.9",
		"eip {b} ingress deny: {b} has no EIP; only an interface with one reaches or is reached from the internet",
	}},
	{"6: from the internet, no route back", func(l *lab) engine.ReachabilityQuery {
		b := l.nic("b", l.app)
		l.eip("eip-b", b)
		return fromIP(internetIP, b, 443)
	}, []string{
		"...",
		"route_table {default-rtb} reply_egress deny: no route of {default-rtb} matches the reply to 203.0.113.9",
	}},
	{"6: from the internet, the route back goes elsewhere than the internet", func(l *lab) engine.ReachabilityQuery {
		fw := l.forwarder("fw", l.mgmt)
		b := l.nic("b", l.app)
		l.eip("eip-b", b)
		l.table("rtb-app", l.app, "0.0.0.0/0 network_interface "+fw.ID)
		return fromIP(internetIP, b, 443)
	}, []string{
		"...",
		"route_table {rtb-app} reply_egress deny: the reply to 203.0.113.9 takes route 0.0.0.0/0 → {fw}, not the internet",
	}},
}

// TestReachability traces each case's path and checks it hop by hop, the
// verdict and the blocking hop with it.
func TestReachability(t *testing.T) {
	for _, c := range reachabilityCases {
		t.Run(c.name, func(t *testing.T) {
			l := newLab(t)
			q := c.build(l)
			res := fixture.Must(l.Eng.Reachability(context.Background(), q))(t)
			got := make([]string, len(res.Hops))
			for i, h := range res.Hops {
				got[i] = l.read(h)
			}
			want := c.path
			switch {
			case want[0] == "...":
				want = want[1:]
				if len(got) >= len(want) {
					got = got[len(got)-len(want):]
				}
			case want[len(want)-1] == "...":
				want = want[:len(want)-1]
				if len(got) >= len(want) {
					got = got[:len(want)]
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("path:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			checkVerdict(t, res)
		})
	}
}

// checkVerdict checks that a result is reachable exactly when no hop
// denies, and that the blocking hop is the first that denies.
func checkVerdict(t *testing.T, res engine.ReachabilityResult) {
	t.Helper()
	deny := slices.IndexFunc(res.Hops, func(h engine.Hop) bool { return h.Verdict == engine.VerdictDeny })
	switch {
	case res.Reachable != (deny < 0):
		t.Fatalf("reachable %v with hops %+v", res.Reachable, res.Hops)
	case deny < 0 && res.BlockedBy != nil:
		t.Fatalf("reachable, yet blocked by %+v", *res.BlockedBy)
	case deny >= 0 && (res.BlockedBy == nil || *res.BlockedBy != res.Hops[deny] || deny != len(res.Hops)-1):
		t.Fatalf("blocked by %+v, want the first and last denying hop %+v", res.BlockedBy, res.Hops[deny])
	}
	for _, h := range res.Hops {
		if !slices.Contains(reachabilityComponents, h.Component) || h.Verdict != engine.VerdictAllow && h.Verdict != engine.VerdictDeny || h.ID == "" || h.Detail == "" {
			t.Fatalf("malformed hop %+v", h)
		}
	}
}

var reachabilityComponents = []string{engine.ComponentSecurityGroup, engine.ComponentNetworkACL, engine.ComponentRouteTable,
	engine.ComponentNetworkInterface, engine.ComponentVirtualIP, engine.ComponentEIP, engine.ComponentInternetGateway}

// TestReachabilityCasesCoverEveryComponentAndVerdict keeps the table
// complete as components are added.
func TestReachabilityCasesCoverEveryComponentAndVerdict(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range reachabilityCases {
		for _, h := range c.path {
			f := strings.Fields(h)
			if len(f) >= 3 {
				seen[f[0]] = true
				for _, v := range f {
					if v == "allow:" || v == "deny:" {
						seen[f[0]+" "+v] = true
					}
				}
			}
		}
	}
	for _, comp := range reachabilityComponents {
		for _, v := range []string{"allow:", "deny:"} {
			if !seen[comp+" "+v] {
				t.Errorf("no case shows a %s hop with verdict %s", comp, strings.TrimSuffix(v, ":"))
			}
		}
	}
}

func TestReachabilityRefusesBadQueries(t *testing.T) {
	l := newLab(t)
	a, b := l.nic("a", l.pub), l.nic("b", l.pub)
	port := func(p int) *int { return &p }
	for _, c := range []struct {
		name     string
		q        engine.ReachabilityQuery
		code     string
		field    engine.Field
		fragment string
	}{
		{"both sources", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, SourceIP: a.PrivateIP, DestinationNetworkInterfaceID: b.ID, Protocol: "icmp"},
			engine.CodeInvalidParameterValue, engine.FieldSourceIP, "both a source network interface"},
		{"no source", engine.ReachabilityQuery{DestinationNetworkInterfaceID: b.ID, Protocol: "icmp"},
			engine.CodeInvalidParameterValue, engine.FieldSourceNetworkInterfaceID, "no source was given"},
		{"both destinations", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, DestinationNetworkInterfaceID: b.ID, DestinationIP: b.PrivateIP, Protocol: "icmp"},
			engine.CodeInvalidParameterValue, engine.FieldDestinationIP, "both a destination network interface"},
		{"no destination", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, Protocol: "icmp"},
			engine.CodeInvalidParameterValue, engine.FieldDestinationNetworkInterfaceID, "no destination was given"},
		{"bad source IP", engine.ReachabilityQuery{SourceIP: "10.0.1", DestinationNetworkInterfaceID: b.ID, Protocol: "icmp"},
			engine.CodeInvalidParameterValue, engine.FieldSourceIP, `source IP "10.0.1" is not an IPv4 address`},
		{"bad destination IP", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, DestinationIP: "fd00::1", Protocol: "icmp"},
			engine.CodeInvalidParameterValue, engine.FieldDestinationIP, `destination IP "fd00::1" is not an IPv4 address`},
		{"unknown protocol", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, DestinationNetworkInterfaceID: b.ID, Protocol: "any"},
			engine.CodeInvalidParameterValue, engine.FieldProtocol, `protocol "any" is not one of tcp, udp, icmp`},
		{"a port for icmp", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, DestinationNetworkInterfaceID: b.ID, Protocol: "icmp", Port: port(8)},
			engine.CodeInvalidParameterValue, engine.FieldPort, "port 8 was given for icmp"},
		{"no port for tcp", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, DestinationNetworkInterfaceID: b.ID, Protocol: "tcp"},
			engine.CodeInvalidParameterValue, engine.FieldPort, "protocol tcp needs a port"},
		{"port 0", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, DestinationNetworkInterfaceID: b.ID, Protocol: "udp", Port: port(0)},
			engine.CodeInvalidParameterValue, engine.FieldPort, "port 0 is not within 1-65535"},
		{"port 65536", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, DestinationNetworkInterfaceID: b.ID, Protocol: "tcp", Port: port(65536)},
			engine.CodeInvalidParameterValue, engine.FieldPort, "port 65536 is not within 1-65535"},
		{"unknown source NIC", engine.ReachabilityQuery{SourceNetworkInterfaceID: "eni-00000000", DestinationNetworkInterfaceID: b.ID, Protocol: "icmp"},
			engine.CodeNetworkInterfaceNotFound, engine.FieldSourceNetworkInterfaceID, "network interface eni-00000000 does not exist"},
		{"unknown destination NIC", engine.ReachabilityQuery{SourceNetworkInterfaceID: a.ID, DestinationNetworkInterfaceID: "eni-00000000", Protocol: "icmp"},
			engine.CodeNetworkInterfaceNotFound, engine.FieldDestinationNetworkInterfaceID, "network interface eni-00000000 does not exist"},
		{"both ends on the internet", engine.ReachabilityQuery{SourceIP: "203.0.113.1", DestinationIP: "203.0.113.2", Protocol: "icmp"},
			engine.CodeInvalidParameterValue, engine.FieldDestinationIP, "both 203.0.113.1 and 203.0.113.2 are outside every VPC"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := l.Eng.Reachability(l.Ctx, c.q)
			fixture.ExpectCode(t, err, c.code, c.fragment)
			if got := engine.FieldOf(err); got != c.field {
				t.Errorf("refused on %q, want %q", got, c.field)
			}
		})
	}
}

// fuzzLab is a region with a path of each kind: ACLs, custom tables, a
// NAT appliance behind a virtual IP, EIPs, and a loop between forwarders.
func fuzzLab(t testing.TB) (*lab, []engine.NetworkInterface, engine.NetworkACL) {
	l := newLab(t)
	web := l.group("web", in443, outAll)
	fw1 := l.forwarder("fw1", l.app, web)
	fw2 := l.forwarder("fw2", l.mgmt)
	v := l.vip("vip", l.app, fw1.ID)
	l.eip("eip-fw1", fw1)
	l.table("rtb-pub", l.pub, "0.0.0.0/0 virtual_ip "+v.ID, "198.51.100.0/24 internet")
	l.table("rtb-app", l.app, "0.0.0.0/0 internet", "192.0.2.0/24 network_interface "+fw2.ID)
	l.table("rtb-mgmt", l.mgmt, "192.0.2.0/24 network_interface "+fw1.ID)
	acl := l.acl("acl-app", l.app, rules(allowAll), rules(allowAll))
	a, b := l.nic("a", l.pub, web), l.nic("b", l.app, l.group("empty"))
	c := l.nic("c", l.mgmt)
	l.eip("eip-b", b)
	l.vip("vip-b", l.app, b.ID)
	return l, []engine.NetworkInterface{a, b, c, fw1, fw2}, acl
}

// FuzzReachability checks that no query, over ACLs and groups of any
// rules, makes evaluation fail other than by refusing the query, and that
// a path is reachable exactly when none of its hops denies.
func FuzzReachability(f *testing.F) {
	f.Add(uint8(0), uint8(1), uint32(0), uint32(0), uint8(0), 443, uint64(0))
	f.Add(uint8(255), uint8(1), uint32(0xcb007109), uint32(0), uint8(1), 53, uint64(7))
	f.Add(uint8(0), uint8(255), uint32(0), uint32(0xc0000201), uint8(2), 0, uint64(99))
	f.Add(uint8(2), uint8(255), uint32(0), uint32(0x0a000309), uint8(0), 22, uint64(1<<40))
	l, nics, acl := fuzzLab(f)
	f.Fuzz(func(t *testing.T, src, dst uint8, srcIP, dstIP uint32, proto uint8, port int, seed uint64) {
		fixture.Must(l.Eng.UpdateNetworkACL(l.Ctx, acl.ID, engine.NetworkACLInput{Name: "acl-app", Ingress: seededACL(seed), Egress: seededACL(seed >> 32)}))(t)
		q := engine.ReachabilityQuery{Protocol: []string{"tcp", "udp", "icmp", "gre"}[proto%4], Port: &port}
		if proto&4 != 0 {
			q.Port = nil
		}
		q.SourceNetworkInterfaceID, q.SourceIP = fuzzEnd(nics, src, srcIP)
		q.DestinationNetworkInterfaceID, q.DestinationIP = fuzzEnd(nics, dst, dstIP)
		res, err := l.Eng.Reachability(l.Ctx, q)
		if err != nil {
			if engine.AsError(err) == nil || engine.FieldOf(err) == "" {
				t.Fatalf("query %+v failed other than by a refusal on a field: %v", q, err)
			}
			return
		}
		checkVerdict(t, res)
	})
}

// fuzzEnd picks a NIC by index, or else an address: a NIC's own, or one
// around the VPC's subnets, or anywhere.
func fuzzEnd(nics []engine.NetworkInterface, pick uint8, ip uint32) (nicID, addr string) {
	switch {
	case int(pick) < len(nics):
		return nics[pick].ID, ""
	case int(pick) < 2*len(nics):
		return "", nics[int(pick)-len(nics)].PrivateIP
	case pick < 128:
		return "", fixture.IPString(0x0a000000 | ip&0x3ff)
	}
	return "", fixture.IPString(ip)
}

// seededACL is up to 4 well-formed ACL rules drawn from seed's bits.
func seededACL(seed uint64) []engine.ACLRule {
	var out []engine.ACLRule
	for i := range int(seed % 5) {
		bits := seed >> (3 + 7*i)
		lo := int(bits>>3&7) * 300
		out = append(out, engine.ACLRule{
			Action:       []string{"allow", "deny"}[bits&1],
			Protocol:     []string{"tcp", "udp", "icmp", "any"}[bits>>1&3],
			PortRangeMin: lo, PortRangeMax: lo + int(bits>>6&1)*65535/2,
			RemoteCIDR: []string{"0.0.0.0/0", "10.0.0.0/16", "10.0.1.0/24", "203.0.113.0/24"}[bits>>5&3],
		})
	}
	return out
}
