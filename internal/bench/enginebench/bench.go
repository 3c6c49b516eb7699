// Package enginebench holds the engine's benchmarks, run on each store by
// this package's tests: what one operation costs through the engine and a
// real store, with the store's own locking and durability.
package enginebench

import (
	"encoding/binary"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Opener opens one more handle on the same store, as another provider
// process would.
type Opener func() (engine.Store, error)

// Factory makes a new, empty store for one benchmark and returns how to
// open it; the benchmark closes every handle it opens.
type Factory func(b *testing.B) Opener

// Run runs every engine benchmark against stores made by f.
func Run(b *testing.B, f Factory) {
	b.Run("Create", func(b *testing.B) { Create(b, f) })
	b.Run("Attach", func(b *testing.B) { Attach(b, f) })
	b.Run("Detach", func(b *testing.B) { Detach(b, f) })
	b.Run("Move", func(b *testing.B) { Move(b, f) })
	b.Run("Read", func(b *testing.B) { Read(b, f) })
	b.Run("IPAllocation", func(b *testing.B) { IPAllocation(b, f) })
	b.Run("IPv6Allocation/filled-1000", func(b *testing.B) { IPv6Allocation(b, f, 1000) })
	b.Run("IPv6Allocation/filled-100000", func(b *testing.B) { IPv6Allocation(b, f, 100000) })
	b.Run("SecondaryIPs/2", func(b *testing.B) { SecondaryIPs(b, f, 2) })
	b.Run("ConcurrentAttach8", func(b *testing.B) { ConcurrentAttach(b, f, 8) })
	b.Run("OpenExisting", func(b *testing.B) { OpenExisting(b, f) })
	b.Run("Growth", func(b *testing.B) { RunGrowth(b, f) })
}

// Create creates extension NICs in one subnet, each with its own
// allocated address and MAC.
func Create(b *testing.B, f Factory) {
	r := newRegion(b, f(b))
	in := engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: "nic"}
	b.ResetTimer()
	for range b.N {
		fixture.Must(r.eng.CreateNetworkInterface(r.ctx, in))(b)
	}
}

// Attach attaches available NICs to servers with room.
func Attach(b *testing.B, f Factory) {
	r := newRegion(b, f(b))
	nics, servers := r.nics(b.N), r.servers(b.N)
	b.ResetTimer()
	for i, n := range nics {
		fixture.Must(r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: servers[i/11].ID}))(b)
	}
}

// Detach detaches attached NICs.
func Detach(b *testing.B, f Factory) {
	r := newRegion(b, f(b))
	nics, servers := r.nics(b.N), r.servers(b.N)
	for i, n := range nics {
		r.attach(n, servers[i/11])
	}
	b.ResetTimer()
	for _, n := range nics {
		fixture.Must(r.eng.DetachNetworkInterface(r.ctx, n.ID))(b)
	}
}

// Move moves attached NICs to another server, each in one transaction,
// between two servers that hold a few NICs each.
func Move(b *testing.B, f Factory) {
	r := newRegion(b, f(b))
	servers := r.servers(22)
	nics := r.nics(10)
	for _, n := range nics {
		r.attach(n, servers[0])
	}
	on := make([]int, len(nics)) // which of the two servers each NIC is on
	b.ResetTimer()
	for i := range b.N {
		k := i % len(nics)
		on[k] = 1 - on[k]
		fixture.Must(r.eng.MoveNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: nics[k].ID, ServerID: servers[on[k]].ID}))(b)
	}
}

// OpenExisting opens a store that already holds a region at the current
// schema and closes it again: what every provider process pays once before
// its first request (the schema is checked, not rebuilt).
func OpenExisting(b *testing.B, f Factory) {
	open := f(b)
	if err := newRegion(b, open).eng.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		_, eng := mustOpenEngine(b, open)
		if err := eng.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// Read reads one attached NIC, as a refresh does for each resource.
func Read(b *testing.B, f Factory) {
	r := newRegion(b, f(b))
	servers := r.servers(1)
	n := r.nics(1)[0]
	r.attach(n, servers[0])
	b.ResetTimer()
	for range b.N {
		fixture.Must(r.eng.GetNetworkInterface(r.ctx, n.ID))(b)
	}
}

// IPAllocation measures one address allocation (a NIC create) in a /16
// subnet when it is empty and when only one of its 65,532 addresses is
// left: reached by filling it in order (the allocation cursor points at the
// free address), or after a release (the cursor has run past the last
// address and the free one was given back). Each iteration deletes the NIC
// again outside the timer, so that every iteration allocates in the same state.
func IPAllocation(b *testing.B, f Factory) {
	r := newRegion(b, f(b))
	first, last := r.subnet.FirstIP, r.subnet.LastIP
	gateway := fixture.IPNumber(r.subnet.GatewayIP)
	// allocate creates a NIC per iteration, which must get want; reset, if
	// set, puts the cursor back at it afterwards.
	allocate := func(b *testing.B, cursor, want uint32, reset bool) {
		in := engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: "nic"}
		for range b.N {
			b.StopTimer()
			if reset {
				r.setCursor(cursor, want)
			}
			b.StartTimer()
			n := fixture.Must(r.eng.CreateNetworkInterface(r.ctx, in))(b)
			b.StopTimer()
			if got := fixture.IPNumber(n.PrivateIP); got != want {
				b.Fatalf("allocated %s, want %s", n.PrivateIP, fixture.IPString(want))
			}
			if err := r.eng.DeleteNetworkInterface(r.ctx, n.ID); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
	b.Run("first", func(b *testing.B) { allocate(b, first, first+1, true) }) // the gateway holds the first host
	r.fill(first, last, gateway, last)
	b.Run("last-sequential", func(b *testing.B) { allocate(b, last, last, true) })
	middle := first + (last-first)/2
	r.take(last)
	r.setCursor(last+1, 0) // where a sequential fill leaves it
	r.release(middle)
	b.Run("last-after-release", func(b *testing.B) { allocate(b, 0, middle, false) })
}

// ConcurrentAttach attaches NICs from clients concurrent clients, each
// with its own handle on the store as separate provider processes would
// have. ns/op is wall time per attach over all clients.
func ConcurrentAttach(b *testing.B, f Factory, clients int) {
	open := f(b)
	r := newRegion(b, open)
	nics, servers := r.nics(b.N), r.servers(b.N)
	engines := make([]*engine.Engine, clients)
	for i := range engines {
		_, engines[i] = openEngine(b, open)
	}
	errs := make(chan error, clients)
	var wg sync.WaitGroup
	b.ResetTimer()
	for c, eng := range engines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; i < len(nics); i += clients {
				_, err := eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: nics[i].ID, ServerID: servers[i/11].ID})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}

// SecondaryIPs measures creating, and reading back, a NIC with count
// secondary private IPs, against the same for a NIC without any timed in
// the same iterations: ratio-to-none is what the addresses add to the two
// engine calls a resource makes most. ns/op counts the NICs with them.
func SecondaryIPs(b *testing.B, f Factory, count int) {
	r := newRegion(b, f(b))
	with := engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: "nic", SecondaryPrivateIPs: engine.AddressRequest{Count: count}}
	without := engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: "nic"}
	createAndRead := func(in engine.NetworkInterfaceInput, timed bool) time.Duration {
		if timed {
			b.StartTimer()
		}
		start := time.Now()
		n := fixture.Must(r.eng.CreateNetworkInterface(r.ctx, in))(b)
		got := fixture.Must(r.eng.GetNetworkInterface(r.ctx, n.ID))(b)
		took := time.Since(start)
		b.StopTimer()
		if len(got.SecondaryPrivateIPs) != in.SecondaryPrivateIPs.Count {
			b.Fatalf("read back %v", got.SecondaryPrivateIPs)
		}
		return took
	}
	var withTotal, withoutTotal time.Duration
	b.ResetTimer()
	b.StopTimer()
	for i := range b.N {
		if i%2 == 0 { // alternate, so neither side always runs on a warm cache
			withoutTotal += createAndRead(without, false)
			withTotal += createAndRead(with, true)
		} else {
			withTotal += createAndRead(with, true)
			withoutTotal += createAndRead(without, false)
		}
	}
	b.ReportMetric(float64(withTotal)/float64(withoutTotal), "ratio-to-none")
}

// IPv6Allocation measures one IPv6 address allocation (a NIC's count of
// IPv6 addresses grown by one) in a /64 that holds filled addresses behind
// its cursor, against the same allocation in an empty /64 timed in the same
// iterations: ratio-to-empty near 1 shows that the k-th allocation costs
// what the first does. Each iteration gives the address back outside the
// timer; the cursor moves on, as it does in use.
func IPv6Allocation(b *testing.B, f Factory, filled int) {
	r := newRegion(b, f(b))
	full := r.ipv6Subnet(r.vpc, r.subnet.ID)
	other := fixture.Must(r.eng.CreateVPC(r.ctx, engine.VPCInput{Name: "empty", CIDR: "10.1.0.0/16"}))(b)
	empty := fixture.Must(r.eng.CreateSubnet(r.ctx, engine.SubnetInput{VPCID: other.ID, Name: "empty", CIDR: "10.1.0.0/16", AvailabilityZone: "local-1a"}))(b)
	empty = r.ipv6Subnet(other, empty.ID)
	r.fillIPv6(full, filled)
	inFull := fixture.Must(r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: full.ID, Name: "nic"}))(b)
	inEmpty := fixture.Must(r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: empty.ID, Name: "nic"}))(b)
	one, none := engine.AddressRequest{Count: 1}, engine.AddressRequest{Count: 0}
	// allocate times one allocation for nicID; only those in the filled
	// /64 count towards ns/op.
	allocate := func(nicID string, timed bool) time.Duration {
		if timed {
			b.StartTimer()
		}
		start := time.Now()
		n := fixture.Must(r.eng.UpdateNetworkInterface(r.ctx, nicID, engine.NetworkInterfaceUpdate{IPv6Addresses: &one}))(b)
		took := time.Since(start)
		b.StopTimer()
		if len(n.IPv6Addresses) != 1 {
			b.Fatalf("allocated %v", n.IPv6Addresses)
		}
		fixture.Must(r.eng.UpdateNetworkInterface(r.ctx, nicID, engine.NetworkInterfaceUpdate{IPv6Addresses: &none}))(b)
		return took
	}
	var inFullTotal, inEmptyTotal time.Duration
	b.ResetTimer()
	b.StopTimer()
	for i := range b.N {
		if i%2 == 0 { // alternate, so neither side always runs on a warm cache
			inEmptyTotal += allocate(inEmpty.ID, false)
			inFullTotal += allocate(inFull.ID, true)
		} else {
			inFullTotal += allocate(inFull.ID, true)
			inEmptyTotal += allocate(inEmpty.ID, false)
		}
	}
	b.ReportMetric(float64(inFullTotal)/float64(inEmptyTotal), "ratio-to-empty")
}

// ipv6Subnet turns IPv6 on for vpc and then for one of its subnets.
func (r *region) ipv6Subnet(vpc engine.VPC, subnetID string) engine.Subnet {
	r.b.Helper()
	on := true
	fixture.Must(r.eng.UpdateVPC(r.ctx, vpc.ID, engine.VPCUpdate{IPv6Enabled: &on}))(r.b)
	return fixture.Must(r.eng.UpdateSubnet(r.ctx, subnetID, engine.SubnetUpdate{IPv6Enabled: &on}))(r.b)
}

// fillIPv6 gives the first n host addresses of s's /64 to a filler straight
// in the store, thousands to a transaction, and moves the cursor past them
// as allocating them one by one would have.
func (r *region) fillIPv6(s engine.Subnet, n int) {
	r.b.Helper()
	p := netip.MustParsePrefix(s.IPv6CIDR)
	const batch = 4096
	for start := 1; start <= n; start += batch {
		end := min(n, start+batch-1)
		r.update(func(tx engine.Tx) error {
			for h := start; h <= end; h++ {
				b := p.Addr().As16()
				binary.BigEndian.PutUint64(b[8:], uint64(h))
				a := engine.HeldAddress{SubnetID: s.ID, Address: netip.AddrFrom16(b).String(), Holder: "eni-fill", Kind: engine.AddressIPv6}
				if err := tx.InsertAddress(a); err != nil {
					return err
				}
			}
			return nil
		})
	}
	r.update(func(tx engine.Tx) error {
		got, err := tx.GetSubnet(s.ID)
		if err != nil {
			return err
		}
		got.NextIPv6 = uint64(n) + 1
		return tx.UpdateSubnet(got)
	})
}
