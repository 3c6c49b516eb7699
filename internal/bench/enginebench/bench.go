// Package enginebench holds the engine's benchmarks, run on each store by
// this package's tests: what one operation costs through the engine and a
// real store, with the store's own locking and durability.
package enginebench

import (
	"context"
	"encoding/binary"
	"fmt"
	"net/netip"
	"sync"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Opener opens one more handle on the same store, as another provider
// process would.
type Opener func() (engine.Store, error)

// BenchFactory makes a new, empty store for one benchmark and returns how
// to open it; the benchmark closes every handle it opens.
type BenchFactory func(b *testing.B) Opener

// Bench runs every engine benchmark against stores made by f.
func Bench(b *testing.B, f BenchFactory) {
	b.Run("Create", func(b *testing.B) { BenchCreate(b, f) })
	b.Run("Attach", func(b *testing.B) { BenchAttach(b, f) })
	b.Run("Detach", func(b *testing.B) { BenchDetach(b, f) })
	b.Run("Move", func(b *testing.B) { BenchMove(b, f) })
	b.Run("Read", func(b *testing.B) { BenchRead(b, f) })
	b.Run("IPAllocation", func(b *testing.B) { BenchIPAllocation(b, f) })
	b.Run("ConcurrentAttach8", func(b *testing.B) { BenchConcurrentAttach(b, f, 8) })
	b.Run("OpenExisting", func(b *testing.B) { BenchOpenExisting(b, f) })
}

// benchRegion is one VPC (10.0.0.0/16) with one subnet filling it, the
// largest a subnet may be, so no benchmark runs out of addresses.
type benchRegion struct {
	b      *testing.B
	ctx    context.Context
	st     engine.Store
	eng    *engine.Engine
	vpc    engine.VPC
	subnet engine.Subnet
}

func openEngine(b *testing.B, open Opener) (engine.Store, *engine.Engine) {
	b.Helper()
	st, eng := mustOpenEngine(b, open)
	b.Cleanup(func() { _ = eng.Close() })
	return st, eng
}

// mustOpenEngine opens a store and an engine on it, as a provider does.
func mustOpenEngine(b *testing.B, open Opener) (engine.Store, *engine.Engine) {
	b.Helper()
	st, err := open()
	if err != nil {
		b.Fatal(err)
	}
	eng, err := engine.New(st, engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return st, eng
}

func newBenchRegion(b *testing.B, open Opener) *benchRegion {
	b.Helper()
	r := &benchRegion{b: b, ctx: context.Background()}
	r.st, r.eng = openEngine(b, open)
	r.vpc = benchMust(r.eng.CreateVPC(r.ctx, engine.VPCInput{Name: "bench", CIDR: "10.0.0.0/16"}))(b)
	r.subnet = benchMust(r.eng.CreateSubnet(r.ctx, engine.SubnetInput{VPCID: r.vpc.ID, Name: "bench", CIDR: "10.0.0.0/16", AvailabilityZone: "local-1a"}))(b)
	return r
}

// benchMust unwraps a result, failing the benchmark on error.
func benchMust[T any](v T, err error) func(*testing.B) T {
	return func(b *testing.B) T {
		b.Helper()
		if err != nil {
			b.Fatal(err)
		}
		return v
	}
}

func benchNoError(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

func (r *benchRegion) nics(n int) []engine.NetworkInterface {
	r.b.Helper()
	out := make([]engine.NetworkInterface, n)
	for i := range out {
		out[i] = benchMust(r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: "nic"}))(r.b)
	}
	return out
}

// servers makes enough servers of the largest flavor (11 extension NICs)
// to take n NICs.
func (r *benchRegion) servers(n int) []engine.ServerDetails {
	r.b.Helper()
	out := make([]engine.ServerDetails, (n+10)/11)
	for i := range out {
		out[i] = benchMust(r.eng.CreateServer(r.ctx, engine.ServerInput{Name: "srv", Flavor: "m7.16xlarge.8",
			AvailabilityZone: r.subnet.AvailabilityZone, SubnetID: r.subnet.ID}))(r.b)
	}
	return out
}

// BenchCreate creates extension NICs in one subnet, each with its own
// allocated address and MAC.
func BenchCreate(b *testing.B, f BenchFactory) {
	r := newBenchRegion(b, f(b))
	in := engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: "nic"}
	b.ResetTimer()
	for range b.N {
		benchMust(r.eng.CreateNetworkInterface(r.ctx, in))(b)
	}
}

// BenchAttach attaches available NICs to servers with room.
func BenchAttach(b *testing.B, f BenchFactory) {
	r := newBenchRegion(b, f(b))
	nics, servers := r.nics(b.N), r.servers(b.N)
	b.ResetTimer()
	for i, n := range nics {
		benchMust(r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: servers[i/11].ID}))(b)
	}
}

// BenchDetach detaches attached NICs.
func BenchDetach(b *testing.B, f BenchFactory) {
	r := newBenchRegion(b, f(b))
	nics, servers := r.nics(b.N), r.servers(b.N)
	for i, n := range nics {
		benchMust(r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: servers[i/11].ID}))(b)
	}
	b.ResetTimer()
	for _, n := range nics {
		benchMust(r.eng.DetachNetworkInterface(r.ctx, n.ID))(b)
	}
}

// BenchMove moves attached NICs to another server, each in one transaction,
// between two servers that hold a few NICs each.
func BenchMove(b *testing.B, f BenchFactory) {
	r := newBenchRegion(b, f(b))
	servers := r.servers(22)
	nics := r.nics(10)
	for _, n := range nics {
		benchMust(r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: servers[0].ID}))(b)
	}
	on := make([]int, len(nics)) // which of the two servers each NIC is on
	b.ResetTimer()
	for i := range b.N {
		k := i % len(nics)
		on[k] = 1 - on[k]
		benchMust(r.eng.MoveNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: nics[k].ID, ServerID: servers[on[k]].ID}))(b)
	}
}

// BenchOpenExisting opens a store that already holds a region at the
// current schema and closes it again: what every provider process pays
// once before its first request (the schema is checked, not rebuilt).
func BenchOpenExisting(b *testing.B, f BenchFactory) {
	open := f(b)
	if err := newBenchRegion(b, open).eng.Close(); err != nil {
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

// BenchRead reads one attached NIC, as a refresh does for each resource.
func BenchRead(b *testing.B, f BenchFactory) {
	r := newBenchRegion(b, f(b))
	servers := r.servers(1)
	n := r.nics(1)[0]
	benchMust(r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: servers[0].ID}))(b)
	b.ResetTimer()
	for range b.N {
		benchMust(r.eng.GetNetworkInterface(r.ctx, n.ID))(b)
	}
}

// BenchIPAllocation measures one address allocation (a NIC create) in a
// /16 subnet when it is empty and when only one of its 65,532 addresses is
// left: reached by filling it in order (the allocation cursor points at the
// free address), or after a release (the cursor has run past the last
// address and the free one was given back). Each iteration deletes the NIC
// again outside the timer, so that every iteration allocates in the same state.
func BenchIPAllocation(b *testing.B, f BenchFactory) {
	r := newBenchRegion(b, f(b))
	first, last := r.subnet.FirstIP, r.subnet.LastIP
	gateway := ipNumber(r.subnet.GatewayIP)
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
			n := benchMust(r.eng.CreateNetworkInterface(r.ctx, in))(b)
			b.StopTimer()
			if got := ipNumber(n.PrivateIP); got != want {
				b.Fatalf("allocated %s, want %s", n.PrivateIP, numIP(want))
			}
			benchNoError(b, r.eng.DeleteNetworkInterface(r.ctx, n.ID))
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

func ipNumber(s string) uint32 {
	a := netip.MustParseAddr(s).As4()
	return binary.BigEndian.Uint32(a[:])
}

func numIP(n uint32) string {
	var a [4]byte
	binary.BigEndian.PutUint32(a[:], n)
	return netip.AddrFrom4(a).String()
}

// setCursor moves the subnet's allocation cursor back to next directly in
// the store, and takes fresh (the address an iteration allocated from the
// cursor and gave back) off the released list, as if never handed out.
func (r *benchRegion) setCursor(next, fresh uint32) {
	r.b.Helper()
	r.update(func(tx engine.Tx) error {
		s, err := tx.GetSubnet(r.subnet.ID)
		if err != nil {
			return err
		}
		s.NextIP = next
		if err := tx.UpdateSubnet(s); err != nil {
			return err
		}
		if fresh == 0 {
			return nil
		}
		return tx.RemoveReleasedIP(r.subnet.ID, fresh)
	})
}

func (r *benchRegion) update(fn func(engine.Tx) error) {
	r.b.Helper()
	if err := r.st.Update(r.ctx, fn); err != nil {
		r.b.Fatal(err)
	}
}

// fillNIC is the row a fill writes for address ip: what the engine would
// write, with a MAC derived from the address so that fills never collide.
func (r *benchRegion) fillNIC(ip uint32) engine.NetworkInterface {
	return engine.NetworkInterface{
		ID: fmt.Sprintf("eni-fill%08x", ip), Name: "fill", SubnetID: r.subnet.ID, VPCID: r.vpc.ID,
		AvailabilityZone: r.subnet.AvailabilityZone, PrivateIP: numIP(ip),
		MACAddress:       fmt.Sprintf("fa:16:3f:%02x:%02x:%02x", byte(ip>>16), byte(ip>>8), byte(ip)),
		SecurityGroupIDs: []string{},
	}
}

// fill writes NIC rows straight into the store for every address in
// [from, to] but skip and leave, thousands to a transaction: the engine
// would take minutes to allocate them one by one.
func (r *benchRegion) fill(from, to, skip, leave uint32) {
	r.b.Helper()
	const batch = 4096
	for start := from; start <= to; start += batch {
		end := min(to, start+batch-1)
		r.update(func(tx engine.Tx) error {
			for ip := start; ip <= end; ip++ {
				if ip == skip || ip == leave {
					continue
				}
				if err := tx.InsertNetworkInterface(r.fillNIC(ip)); err != nil {
					return err
				}
			}
			return nil
		})
		if end == to {
			break
		}
	}
}

// release deletes the filled NIC holding ip through the engine, as a
// terraform destroy of one interface would.
func (r *benchRegion) release(ip uint32) {
	r.b.Helper()
	benchNoError(r.b, r.eng.DeleteNetworkInterface(r.ctx, r.fillNIC(ip).ID))
}

// take fills one address that fill left free.
func (r *benchRegion) take(ip uint32) {
	r.b.Helper()
	r.update(func(tx engine.Tx) error { return tx.InsertNetworkInterface(r.fillNIC(ip)) })
}

// BenchConcurrentAttach attaches NICs from clients concurrent clients, each
// with its own handle on the store as separate provider processes would
// have. ns/op is wall time per attach over all clients.
func BenchConcurrentAttach(b *testing.B, f BenchFactory, clients int) {
	open := f(b)
	r := newBenchRegion(b, open)
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
