package enginebench

import (
	"context"
	"fmt"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// region is one VPC (10.0.0.0/16) with one subnet filling it, the largest
// a subnet may be, so no benchmark runs out of addresses.
type region struct {
	b      *testing.B
	ctx    context.Context
	st     engine.Store
	eng    *engine.Engine
	vpc    engine.VPC
	subnet engine.Subnet
}

// openEngine opens a store and an engine on it, closed when b ends.
func openEngine(b *testing.B, open Opener) (engine.Store, *engine.Engine) {
	b.Helper()
	st, eng := mustOpenEngine(b, open)
	b.Cleanup(func() { _ = eng.Close() })
	return st, eng
}

// mustOpenEngine opens a store and an engine on it, as a provider does.
func mustOpenEngine(b *testing.B, open Opener) (engine.Store, *engine.Engine) {
	b.Helper()
	st := fixture.Must(open())(b)
	return st, fixture.Must(engine.New(st, engine.Options{}))(b)
}

func newRegion(b *testing.B, open Opener) *region {
	b.Helper()
	r := &region{b: b, ctx: context.Background()}
	r.st, r.eng = openEngine(b, open)
	r.vpc = fixture.Must(r.eng.CreateVPC(r.ctx, engine.VPCInput{Name: "bench", CIDR: "10.0.0.0/16"}))(b)
	r.subnet = fixture.Must(r.eng.CreateSubnet(r.ctx, engine.SubnetInput{VPCID: r.vpc.ID, Name: "bench", CIDR: "10.0.0.0/16", AvailabilityZone: "local-1a"}))(b)
	return r
}

func (r *region) nics(n int) []engine.NetworkInterface {
	r.b.Helper()
	out := make([]engine.NetworkInterface, n)
	for i := range out {
		out[i] = fixture.Must(r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: "nic"}))(r.b)
	}
	return out
}

// servers makes enough servers of the largest flavor (11 extension NICs)
// to take n NICs.
func (r *region) servers(n int) []engine.ServerDetails {
	r.b.Helper()
	return r.serverCount((n + 10) / 11)
}

// serverCount makes count servers of the largest flavor.
func (r *region) serverCount(count int) []engine.ServerDetails {
	r.b.Helper()
	out := make([]engine.ServerDetails, count)
	for i := range out {
		out[i] = fixture.Must(r.eng.CreateServer(r.ctx, engine.ServerInput{Name: "srv", Flavor: "m7.16xlarge.8",
			AvailabilityZone: r.subnet.AvailabilityZone, SubnetID: r.subnet.ID}))(r.b)
	}
	return out
}

func (r *region) attach(n engine.NetworkInterface, srv engine.ServerDetails) {
	r.b.Helper()
	fixture.Must(r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID}))(r.b)
}

func (r *region) detach(n engine.NetworkInterface) {
	r.b.Helper()
	fixture.Must(r.eng.DetachNetworkInterface(r.ctx, n.ID))(r.b)
}

func (r *region) deleteNIC(n engine.NetworkInterface) {
	r.b.Helper()
	if err := r.eng.DeleteNetworkInterface(r.ctx, n.ID); err != nil {
		r.b.Fatal(err)
	}
}

// setCursor moves the subnet's allocation cursor back to next directly in
// the store, and takes fresh (the address an iteration allocated from the
// cursor and gave back) off the released list, as if never handed out.
func (r *region) setCursor(next, fresh uint32) {
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

func (r *region) update(fn func(engine.Tx) error) {
	r.b.Helper()
	if err := r.st.Update(r.ctx, fn); err != nil {
		r.b.Fatal(err)
	}
}

// fillNIC is the row a fill writes for address ip: what the engine would
// write, with a MAC derived from the address so that fills never collide.
func (r *region) fillNIC(ip uint32) engine.NetworkInterface {
	return engine.NetworkInterface{
		ID: fmt.Sprintf("eni-fill%08x", ip), Name: "fill", SubnetID: r.subnet.ID, VPCID: r.vpc.ID,
		AvailabilityZone: r.subnet.AvailabilityZone, PrivateIP: fixture.IPString(ip),
		MACAddress:       fmt.Sprintf("fa:16:3f:%02x:%02x:%02x", byte(ip>>16), byte(ip>>8), byte(ip)),
		SecurityGroupIDs: []string{},
	}
}

// fill writes NIC rows straight into the store for every address in
// [from, to] but skip and leave, thousands to a transaction: the engine
// would take minutes to allocate them one by one.
func (r *region) fill(from, to, skip, leave uint32) {
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
func (r *region) release(ip uint32) {
	r.b.Helper()
	if err := r.eng.DeleteNetworkInterface(r.ctx, r.fillNIC(ip).ID); err != nil {
		r.b.Fatal(err)
	}
}

// take fills one address that fill left free.
func (r *region) take(ip uint32) {
	r.b.Helper()
	r.update(func(tx engine.Tx) error { return tx.InsertNetworkInterface(r.fillNIC(ip)) })
}
