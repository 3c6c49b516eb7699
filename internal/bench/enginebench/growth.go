package enginebench

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// The growth benchmarks measure one operation when what it works on is
// small (first) and when it is as large as the benchmark goes (last), the
// two interleaved in every iteration so that the machine's load weighs on
// both alike. Each reports first-ns/op, last-ns/op and last/first: an
// operation whose cost grows with what is already there shows as a ratio
// above 1, and the target is at most 2.

// MaxGrowth is the highest last/first ratio the growth benchmarks accept.
const MaxGrowth = 2.0

// RunGrowth runs every growth benchmark against stores made by f.
func RunGrowth(b *testing.B, f Factory) {
	b.Run("AttachKth", func(b *testing.B) { AttachKth(b, f) })
	b.Run("AllocateIn5000", func(b *testing.B) { AllocateInFullSubnet(b, f, 5000) })
	b.Run("PlanLedger2000", func(b *testing.B) { PlanLedgerCheck(b, f, 2000) })
	b.Run("RouteKth", func(b *testing.B) { RouteKth(b, f) })
	b.Run("ACLRuleKth", func(b *testing.B) { ACLRuleKth(b, f) })
}

// RouteKth adds the first route to an empty route table and the k-th to
// one that holds k-1, k the most a table takes (rule 16), both to a NIC
// that forwards, so that the next hop's checks run too; each is deleted
// again outside the timing.
func RouteKth(b *testing.B, f Factory) {
	r := newRegion(b, f(b))
	off := false
	router := fixture.Must(r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: "router", SourceDestCheck: &off}))(b)
	table := func() string {
		return fixture.Must(r.eng.CreateRouteTable(r.ctx, engine.RouteTableInput{VPCID: r.vpc.ID, Name: "rtb"}))(b).ID
	}
	empty, full := table(), table()
	route := func(tableID string, i int) engine.RouteInput {
		return engine.RouteInput{RouteTableID: tableID, DestinationCIDR: fmt.Sprintf("172.16.%d.0/24", i),
			NextHopType: engine.NextHopNetworkInterface, NextHopID: router.ID}
	}
	k := engine.MaxRoutesPerTable
	for i := range k - 1 {
		fixture.Must(r.eng.CreateRoute(r.ctx, route(full, i)))(b)
	}
	add := func(in engine.RouteInput) { fixture.Must(r.eng.CreateRoute(r.ctx, in))(b) }
	remove := func(in engine.RouteInput) {
		if err := r.eng.DeleteRoute(r.ctx, in.RouteTableID, in.DestinationCIDR); err != nil {
			b.Fatal(err)
		}
	}
	first, last := route(empty, k-1), route(full, k-1)
	var p pair
	b.ResetTimer()
	for range b.N {
		p.run(func() { add(first) }, func() { add(last) })
		b.StopTimer()
		remove(first)
		remove(last)
		b.StartTimer()
	}
	b.StopTimer()
	p.report(b)
	b.ReportMetric(float64(k), "k")
}

// ACLRuleKth gives a network ACL its first ingress rule and another its
// k-th, k the most a direction takes (rule 21): the update that adds a
// rule writes the ACL's rules whole. Each is set back outside the timing.
func ACLRuleKth(b *testing.B, f Factory) {
	r := newRegion(b, f(b))
	rules := make([]engine.ACLRule, engine.MaxACLRulesPerDirection)
	for i := range rules {
		rules[i] = engine.ACLRule{Action: "allow", Protocol: "tcp", PortRangeMin: 1000 + i, PortRangeMax: 1000 + i, RemoteCIDR: "10.0.0.0/8"}
	}
	k := len(rules)
	acl := func(ingress []engine.ACLRule) engine.NetworkACLInput {
		return engine.NetworkACLInput{VPCID: r.vpc.ID, Name: "acl", Ingress: ingress}
	}
	empty := fixture.Must(r.eng.CreateNetworkACL(r.ctx, acl(nil)))(b)
	full := fixture.Must(r.eng.CreateNetworkACL(r.ctx, acl(rules[:k-1])))(b)
	set := func(id string, ingress []engine.ACLRule) {
		fixture.Must(r.eng.UpdateNetworkACL(r.ctx, id, acl(ingress)))(b)
	}
	var p pair
	b.ResetTimer()
	for range b.N {
		p.run(func() { set(empty.ID, rules[:1]) }, func() { set(full.ID, rules) })
		b.StopTimer()
		set(empty.ID, nil)
		set(full.ID, rules[:k-1])
		b.StartTimer()
	}
	b.StopTimer()
	p.report(b)
	b.ReportMetric(float64(k), "k")
}

// pair times first and last once each per iteration, in turns first or
// second, so that neither always runs right after the other's writes.
type pair struct {
	first, last time.Duration
	turn        int
}

func (p *pair) run(first, last func()) {
	if p.turn++; p.turn%2 == 0 {
		timed(&p.last, last)
		timed(&p.first, first)
		return
	}
	timed(&p.first, first)
	timed(&p.last, last)
}

func timed(d *time.Duration, op func()) {
	start := time.Now()
	op()
	*d += time.Since(start)
}

// report publishes both costs and their ratio.
func (p *pair) report(b *testing.B) {
	n := float64(b.N)
	first, last := float64(p.first.Nanoseconds())/n, float64(p.last.Nanoseconds())/n
	b.ReportMetric(first, "first-ns/op")
	b.ReportMetric(last, "last-ns/op")
	b.ReportMetric(last/first, "last/first")
	if last/first > MaxGrowth {
		b.Logf("last/first %.2f is above the target of %.1f: the cost grows with what is already there", last/first, MaxGrowth)
	}
}

// largestFlavor is the flavor that takes the most NICs.
func largestFlavor() engine.Flavor {
	return slices.MaxFunc(engine.Flavors, func(a, b engine.Flavor) int {
		return a.MaxNetworkInterfaces - b.MaxNetworkInterfaces
	})
}

// AttachKth attaches the first extension NIC to a server that has none and
// the k-th to a server that has k-1, k the most the largest flavor takes
// besides its primary NIC; each is detached again outside the timing.
func AttachKth(b *testing.B, f Factory) {
	r := newRegion(b, f(b))
	flavor := largestFlavor()
	k := flavor.MaxNetworkInterfaces - 1
	newServer := func() engine.ServerDetails {
		return fixture.Must(r.eng.CreateServer(r.ctx, engine.ServerInput{Name: "srv", Flavor: flavor.Name,
			AvailabilityZone: r.subnet.AvailabilityZone, SubnetID: r.subnet.ID}))(b)
	}
	empty, full := newServer(), newServer()
	nics := r.nics(k + 1)
	for _, n := range nics[:k-1] {
		r.attach(n, full)
	}
	first, last := nics[k], nics[k-1]
	var p pair
	b.ResetTimer()
	for range b.N {
		p.run(func() { r.attach(first, empty) }, func() { r.attach(last, full) })
		r.detach(first)
		r.detach(last)
	}
	b.StopTimer()
	p.report(b)
	b.ReportMetric(float64(k), "k")
}

// AllocateInFullSubnet creates a NIC, allocating its address, in an empty
// subnet and in one that already holds held NICs, and deletes both again
// outside the timing. Both subnets are /16, so that the cursor never runs
// out of fresh addresses however many iterations run: every iteration
// allocates from the cursor, as an apply creating NICs does.
func AllocateInFullSubnet(b *testing.B, f Factory, held int) {
	r := newRegion(b, f(b))
	other := fixture.Must(r.eng.CreateVPC(r.ctx, engine.VPCInput{Name: "bench-2", CIDR: "10.1.0.0/16"}))(b)
	full := fixture.Must(r.eng.CreateSubnet(r.ctx, engine.SubnetInput{VPCID: other.ID, Name: "full", CIDR: "10.1.0.0/16", AvailabilityZone: "local-1a"}))(b)
	for range held {
		fixture.Must(r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: full.ID, Name: "held"}))(b)
	}
	create := func(subnet string) engine.NetworkInterface {
		return fixture.Must(r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: subnet, Name: "nic"}))(b)
	}
	var p pair
	b.ResetTimer()
	for range b.N {
		var first, last engine.NetworkInterface
		p.run(func() { first = create(r.subnet.ID) }, func() { last = create(full.ID) })
		r.deleteNIC(first)
		r.deleteNIC(last)
	}
	b.StopTimer()
	p.report(b)
	b.ReportMetric(float64(held), "held")
}

// PlanLedgerCheck checks one planned attachment against an empty plan
// ledger and against one that already holds planned attachments of
// planned NICs, ten to a server as in a dense topology: what the provider
// does at plan time for each attachment of a configuration.
func PlanLedgerCheck(b *testing.B, f Factory, planned int) {
	r := newRegion(b, f(b))
	const perServer = 10
	servers := r.serverCount(planned/perServer + 2) // the last one stays empty
	nics := r.nics(planned + 1)
	// Planned NICs are spread over servers perServer at a time; the last is
	// the perServer-th arrival on its server.
	serverOf := func(i int) string { return servers[i/perServer].ID }
	full := engine.NewPlanLedger()
	for i, n := range nics[:planned] {
		check(b, r, full, engine.PlannedAttachment{AttachInput: engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: serverOf(i)}})
	}
	last := engine.PlannedAttachment{AttachInput: engine.AttachInput{NetworkInterfaceID: nics[planned].ID, ServerID: serverOf(planned - 1)}}
	first := engine.PlannedAttachment{AttachInput: engine.AttachInput{NetworkInterfaceID: nics[planned].ID, ServerID: servers[len(servers)-1].ID}}
	var p pair
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		empty := engine.NewPlanLedger()
		b.StartTimer()
		// Planning the same NIC again replaces its earlier arrival, so the
		// full ledger keeps planned+1 entries however many iterations run.
		p.run(func() { check(b, r, empty, first) }, func() { check(b, r, full, last) })
	}
	b.StopTimer()
	p.report(b)
	b.ReportMetric(float64(planned), "planned")
}

func check(b *testing.B, r *region, l *engine.PlanLedger, p engine.PlannedAttachment) {
	if err := r.eng.CheckPlannedAttachment(r.ctx, p, l); err != nil {
		b.Fatal(fmt.Errorf("plan %s on %s: %w", p.NetworkInterfaceID, p.ServerID, err))
	}
}
