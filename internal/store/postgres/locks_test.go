package postgres

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// openEngine opens a store at dbURL, as one provider process would, and an
// engine over it, closed when the test ends.
func openEngine(t *testing.T, dbURL string) *engine.Engine {
	t.Helper()
	e, err := engine.New(fixture.Must(Open(context.Background(), dbURL))(t), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// vpcWithSubnet makes a VPC of cidr and one subnet spanning half of it.
func vpcWithSubnet(t *testing.T, e *engine.Engine, cidr, subnetCIDR string) engine.Subnet {
	t.Helper()
	ctx := context.Background()
	vpc, err := e.CreateVPC(ctx, engine.VPCInput{Name: "v", CIDR: cidr})
	if err != nil {
		t.Fatal(err)
	}
	s, err := e.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "s", CIDR: subnetCIDR, AvailabilityZone: engine.AvailabilityZones[0]})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// holdVPC opens a write transaction on its own store that locks the VPC
// of subnet and stays open until release is closed; it returns once the
// lock is held, and done closes when the transaction has ended.
func holdVPC(t *testing.T, dbURL string, subnet engine.Subnet, release <-chan struct{}) (done <-chan struct{}) {
	t.Helper()
	s := fixture.Must(Open(context.Background(), dbURL))(t)
	held, ended := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ended)
		err := s.Update(context.Background(), func(tx engine.Tx) error {
			if err := tx.(engine.Locker).LockVPCOf(engine.ScopeSubnet, subnet.ID); err != nil {
				return err
			}
			if _, err := tx.GetSubnet(subnet.ID); err != nil {
				return err
			}
			close(held)
			<-release
			return nil
		})
		if err != nil {
			t.Errorf("holding writer: %v", err)
		}
	}()
	select {
	case <-held:
	case <-ended:
		t.Fatal("the holding writer ended before it held its lock")
	}
	return ended
}

// vpcWriter is one kind of write a VPC's lock serializes.
type vpcWriter struct {
	name  string
	write func(ctx context.Context, e *engine.Engine) error
}

// vpcWriters prepares, in subnet's VPC, what one of each kind of write
// that locks the VPC needs, and returns the writes: creations, updates and
// deletions of subnets, servers, NICs, attachments and virtual IPs.
func vpcWriters(t *testing.T, e *engine.Engine, subnet engine.Subnet, spareCIDR string) []vpcWriter {
	t.Helper()
	ctx := context.Background()
	spare, err := e.CreateSubnet(ctx, engine.SubnetInput{VPCID: subnet.VPCID, Name: "spare", CIDR: spareCIDR, AvailabilityZone: subnet.AvailabilityZone})
	if err != nil {
		t.Fatal(err)
	}
	newServer := func(name string) engine.ServerDetails {
		srv, err := e.CreateServer(ctx, engine.ServerInput{Name: name, Kind: engine.KindECS, Flavor: "c7.large.2",
			AvailabilityZone: subnet.AvailabilityZone, SubnetID: subnet.ID})
		if err != nil {
			t.Fatal(err)
		}
		return srv
	}
	resized, doomed := newServer("resized"), newServer("doomed")
	nic, err := e.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: subnet.ID, Name: "attached"})
	if err != nil {
		t.Fatal(err)
	}
	newVIP := func() engine.VirtualIP {
		v, err := e.CreateVirtualIP(ctx, engine.VirtualIPInput{SubnetID: subnet.ID})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	bound, doomedVIP := newVIP(), newVIP()
	bigger := "c7.2xlarge.2"
	return []vpcWriter{
		{"create subnet", func(ctx context.Context, e *engine.Engine) error {
			_, err := e.CreateSubnet(ctx, engine.SubnetInput{VPCID: subnet.VPCID, Name: "new", CIDR: nextCIDR(spareCIDR), AvailabilityZone: subnet.AvailabilityZone})
			return err
		}},
		{"delete subnet", func(ctx context.Context, e *engine.Engine) error { return e.DeleteSubnet(ctx, spare.ID) }},
		{"create server", func(ctx context.Context, e *engine.Engine) error {
			_, err := e.CreateServer(ctx, engine.ServerInput{Name: "new", Kind: engine.KindECS, Flavor: "c7.large.2",
				AvailabilityZone: subnet.AvailabilityZone, SubnetID: subnet.ID})
			return err
		}},
		{"resize server", func(ctx context.Context, e *engine.Engine) error {
			_, err := e.UpdateServer(ctx, resized.ID, engine.ServerUpdate{Flavor: &bigger})
			return err
		}},
		{"delete server", func(ctx context.Context, e *engine.Engine) error { return e.DeleteServer(ctx, doomed.ID) }},
		{"create NIC", func(ctx context.Context, e *engine.Engine) error {
			_, err := e.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: subnet.ID, Name: "new"})
			return err
		}},
		{"attach NIC", func(ctx context.Context, e *engine.Engine) error {
			_, err := e.AttachNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: nic.ID, ServerID: resized.ID})
			return err
		}},
		{"create virtual IP", func(ctx context.Context, e *engine.Engine) error {
			_, err := e.CreateVirtualIP(ctx, engine.VirtualIPInput{SubnetID: subnet.ID})
			return err
		}},
		{"bind virtual IP", func(ctx context.Context, e *engine.Engine) error {
			_, err := e.UpdateVirtualIP(ctx, bound.ID, engine.VirtualIPUpdate{NetworkInterfaceID: &nic.ID})
			return err
		}},
		{"delete virtual IP", func(ctx context.Context, e *engine.Engine) error { return e.DeleteVirtualIP(ctx, doomedVIP.ID) }},
	}
}

// nextCIDR is the block of cidr's size right after it.
func nextCIDR(cidr string) string {
	p := netip.MustParsePrefix(cidr)
	a := p.Addr().As4()
	n := binary.BigEndian.Uint32(a[:]) + 1<<(32-p.Bits())
	binary.BigEndian.PutUint32(a[:], n)
	return netip.PrefixFrom(netip.AddrFrom4(a), p.Bits()).String()
}

// TestWritersInOtherVPCsDoNotWait holds a write transaction open in one
// VPC: every kind of VPC write in another VPC commits meanwhile, and each
// in the same VPC waits for it, then commits.
func TestWritersInOtherVPCsDoNotWait(t *testing.T) {
	dbURL := freshDatabase(t)
	setup := openEngine(t, dbURL)
	held := vpcWithSubnet(t, setup, "10.1.0.0/16", "10.1.0.0/24")
	other := vpcWithSubnet(t, setup, "10.2.0.0/16", "10.2.0.0/24")
	heldWriters := vpcWriters(t, setup, held, "10.1.1.0/24")
	otherWriters := vpcWriters(t, setup, other, "10.2.1.0/24")
	release := make(chan struct{})
	ended := holdVPC(t, dbURL, held, release)
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
		<-ended
	}()

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e := openEngine(t, dbURL)
	for _, w := range otherWriters {
		if err := w.write(ctx, e); err != nil {
			t.Fatalf("%s in another VPC, while one holds its own: %v", w.name, err)
		}
	}
	select {
	case <-ended:
		t.Fatal("the holding writer ended before the other VPC's writers committed")
	default:
	}

	same := make(chan error, len(heldWriters))
	for _, w := range heldWriters {
		go func() {
			if err := w.write(ctx, openEngine(t, dbURL)); err != nil {
				same <- fmt.Errorf("%s: %w", w.name, err)
				return
			}
			same <- nil
		}()
	}
	waitForLockWaiters(t, len(heldWriters))
	select {
	case err := <-same:
		t.Fatalf("a writer in the held VPC finished while it was held: %v", err)
	default:
	}
	close(release)
	for range heldWriters {
		if err := <-same; err != nil {
			t.Errorf("writer in the held VPC, once released: %v", err)
		}
	}
	if err := setup.Check(context.Background()); err != nil {
		t.Fatalf("invariants: %v", err)
	}
}

// waitForLockWaiters waits until n sessions wait for an advisory lock.
func waitForLockWaiters(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		var waiting int
		err := adminDB(t).QueryRow(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`).Scan(&waiting)
		if err != nil {
			t.Fatal(err)
		}
		if waiting >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d writers waited for the held VPC, want %d", waiting, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// vpcRig is one VPC of the worst-case race: two servers of two extension
// slots each, three extension NICs and a virtual IP.
type vpcRig struct {
	subnet  engine.Subnet
	servers [2]string
	nics    [3]string
	vip     string
}

func newVPCRig(t *testing.T, e *engine.Engine, cidr, subnetCIDR string) vpcRig {
	t.Helper()
	ctx := context.Background()
	r := vpcRig{subnet: vpcWithSubnet(t, e, cidr, subnetCIDR)}
	for i := range r.servers {
		srv, err := e.CreateServer(ctx, engine.ServerInput{Name: fmt.Sprint("srv", i), Kind: engine.KindECS, Flavor: "c7.large.2",
			AvailabilityZone: r.subnet.AvailabilityZone, SubnetID: r.subnet.ID})
		if err != nil {
			t.Fatal(err)
		}
		r.servers[i] = srv.ID
	}
	for i := range r.nics {
		n, err := e.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: fmt.Sprint("nic", i)})
		if err != nil {
			t.Fatal(err)
		}
		r.nics[i] = n.ID
	}
	vip, err := e.CreateVirtualIP(ctx, engine.VirtualIPInput{SubnetID: r.subnet.ID, NetworkInterfaceID: r.nics[0]})
	if err != nil {
		t.Fatal(err)
	}
	r.vip = vip.ID
	return r
}

// TestWorstCaseLockOrder races, in two VPCs at once, writers that attach,
// move and detach NICs between the same two servers in opposite orders,
// move a virtual IP between NICs, create and delete NICs, servers (resized
// between), bound virtual IPs and subnets, with whole-region writers moving
// an EIP between the two VPCs' NICs and making security groups: nothing
// waits for ever, every refusal is a rule's, and every invariant holds.
func TestWorstCaseLockOrder(t *testing.T) {
	dbURL := freshDatabase(t)
	setup := openEngine(t, dbURL)
	rigs := []vpcRig{
		newVPCRig(t, setup, "10.1.0.0/16", "10.1.0.0/24"),
		newVPCRig(t, setup, "10.2.0.0/16", "10.2.0.0/24"),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const rounds = 12
	var wg sync.WaitGroup
	run := func(name string, work func(e *engine.Engine, i int) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := openEngine(t, dbURL)
			for i := range rounds {
				if err := work(e, i); err != nil && !isRefusal(err) {
					t.Errorf("%s, round %d: %v", name, i, err)
					return
				}
			}
		}()
	}
	for v, r := range rigs {
		for w := range 2 {
			// Writer 0 goes server 0 → 1, writer 1 server 1 → 0.
			from, to := r.servers[w], r.servers[1-w]
			nic := r.nics[w]
			run(fmt.Sprintf("VPC %d mover %d", v, w), func(e *engine.Engine, i int) error {
				if _, err := e.AttachNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: nic, ServerID: from}); err != nil && !isRefusal(err) {
					return err
				}
				if _, err := e.MoveNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: nic, ServerID: to}); err != nil && !isRefusal(err) {
					return err
				}
				_, err := e.DetachNetworkInterface(ctx, nic)
				return err
			})
		}
		run(fmt.Sprintf("VPC %d third NIC", v), func(e *engine.Engine, i int) error {
			_, err := e.AttachNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: r.nics[2], ServerID: r.servers[i%2]})
			if err == nil {
				_, err = e.DetachNetworkInterface(ctx, r.nics[2])
			}
			return err
		})
		run(fmt.Sprintf("VPC %d virtual IP", v), func(e *engine.Engine, i int) error {
			target := r.nics[i%3]
			_, err := e.UpdateVirtualIP(ctx, r.vip, engine.VirtualIPUpdate{NetworkInterfaceID: &target})
			return err
		})
		run(fmt.Sprintf("VPC %d churn", v), func(e *engine.Engine, i int) error {
			n, err := e.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: r.subnet.ID, Name: "churn"})
			if err != nil {
				return err
			}
			return e.DeleteNetworkInterface(ctx, n.ID)
		})
		run(fmt.Sprintf("VPC %d server churn", v), func(e *engine.Engine, i int) error {
			srv, err := e.CreateServer(ctx, engine.ServerInput{Name: "churn", Kind: engine.KindECS, Flavor: "c7.large.2",
				AvailabilityZone: r.subnet.AvailabilityZone, SubnetID: r.subnet.ID})
			if err != nil {
				return err
			}
			bigger := "c7.2xlarge.2"
			if _, err := e.UpdateServer(ctx, srv.ID, engine.ServerUpdate{Flavor: &bigger}); err != nil {
				return err
			}
			return e.DeleteServer(ctx, srv.ID)
		})
		run(fmt.Sprintf("VPC %d virtual IP churn", v), func(e *engine.Engine, i int) error {
			vip, err := e.CreateVirtualIP(ctx, engine.VirtualIPInput{SubnetID: r.subnet.ID, NetworkInterfaceID: r.nics[(i+1)%3]})
			if err != nil {
				return err
			}
			return e.DeleteVirtualIP(ctx, vip.ID)
		})
		run(fmt.Sprintf("VPC %d subnet churn", v), func(e *engine.Engine, i int) error {
			s, err := e.CreateSubnet(ctx, engine.SubnetInput{VPCID: r.subnet.VPCID, Name: "churn", CIDR: nextCIDR(r.subnet.CIDR),
				AvailabilityZone: r.subnet.AvailabilityZone})
			if err != nil {
				return err
			}
			return e.DeleteSubnet(ctx, s.ID)
		})
	}
	eip, err := setup.CreateEIP(ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: rigs[0].nics[1]})
	if err != nil {
		t.Fatal(err)
	}
	run("region EIP mover", func(e *engine.Engine, i int) error {
		target := rigs[i%2].nics[1]
		_, err := e.UpdateEIP(ctx, eip.ID, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: target})
		return err
	})
	run("region group churn", func(e *engine.Engine, i int) error {
		g, err := e.CreateSecurityGroup(ctx, engine.SecurityGroupInput{VPCID: rigs[i%2].subnet.VPCID, Name: "churn"})
		if err != nil {
			return err
		}
		return e.DeleteSecurityGroup(ctx, g.ID)
	})
	wg.Wait()
	if err := setup.Check(context.Background()); err != nil {
		t.Fatalf("invariants after the race: %v", err)
	}
}

// isRefusal says whether err is a rule's refusal, which a race may
// rightly meet (a server full, a NIC already moved).
func isRefusal(err error) bool {
	var refusal *engine.Error
	return errors.As(err, &refusal)
}
