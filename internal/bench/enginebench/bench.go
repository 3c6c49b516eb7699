// Package enginebench holds the engine's benchmarks, run on each store by
// this package's tests: what one operation costs through the engine and a
// real store, with the store's own locking and durability.
package enginebench

import (
	"sync"
	"testing"

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
