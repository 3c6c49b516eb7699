package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// RunIPReuse checks how a subnet hands out addresses once some are given
// back: the cursor keeps going forward while fresh addresses last, then the
// released ones are reused lowest first, whoever gave them back.
func RunIPReuse(t *testing.T, f fixture.Factory) {
	create := func(r *fixture.Region, s engine.Subnet, ip string) (engine.NetworkInterface, error) {
		return r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "nic", PrivateIP: ip})
	}
	// fill allocates until the subnet is full, returning the NICs in order.
	fill := func(t *testing.T, r *fixture.Region, s engine.Subnet) []engine.NetworkInterface {
		t.Helper()
		var held []engine.NetworkInterface
		for {
			n, err := create(r, s, "")
			if engine.CodeOf(err) == engine.CodeInsufficientFreeAddresses {
				return held
			}
			held = append(held, fixture.Must(n, err)(t))
		}
	}
	holding := func(t *testing.T, nics []engine.NetworkInterface, ip string) engine.NetworkInterface {
		t.Helper()
		for _, n := range nics {
			if n.PrivateIP == ip {
				return n
			}
		}
		t.Fatalf("no NIC holds %s", ip)
		return engine.NetworkInterface{}
	}
	del := func(t *testing.T, r *fixture.Region, n engine.NetworkInterface) {
		t.Helper()
		if err := r.Eng.DeleteNetworkInterface(r.Ctx, n.ID); err != nil {
			t.Fatal(err)
		}
	}
	wantIP := func(t *testing.T, r *fixture.Region, s engine.Subnet, want string) {
		t.Helper()
		if n := fixture.Must(create(r, s, ""))(t); n.PrivateIP != want {
			t.Fatalf("allocated %s, want %s", n.PrivateIP, want)
		}
	}
	// wantFull checks that the subnet has no address left to allocate and
	// that the store is consistent.
	wantFull := func(t *testing.T, r *fixture.Region, s engine.Subnet) {
		t.Helper()
		_, err := create(r, s, "")
		fixture.ExpectCode(t, err, engine.CodeInsufficientFreeAddresses, s.ID)
		r.CheckInvariants()
	}

	t.Run("fresh addresses first, then released ones lowest first", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		s := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a") // hosts .1-.14, gateway .1
		a, b := r.NIC(s), r.NIC(s)                         // .2, .3
		del(t, r, a)
		wantIP(t, r, s, "10.0.9.4") // .2 waits until the fresh addresses run out
		held := fill(t, r, s)
		if len(held) != 11 || held[9].PrivateIP != "10.0.9.14" || held[10].PrivateIP != "10.0.9.2" {
			t.Fatalf("filled %d more addresses ending %s, want 11: .5 to .14, then the released .2", len(held), held[len(held)-1].PrivateIP)
		}
		del(t, r, holding(t, held, "10.0.9.9"))
		del(t, r, b)
		wantIP(t, r, s, "10.0.9.3")
		wantIP(t, r, s, "10.0.9.9")
		wantFull(t, r, s)
	})

	t.Run("a released address asked for by name is not handed out again", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		s := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
		held := fill(t, r, s)
		del(t, r, holding(t, held, "10.0.9.6"))
		del(t, r, holding(t, held, "10.0.9.12"))
		fixture.Must(create(r, s, "10.0.9.6"))(t)
		wantIP(t, r, s, "10.0.9.12")
		wantFull(t, r, s)
	})

	t.Run("a deleted server gives its primary address back", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		s := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
		srv := r.Server("c7.large.2", s) // primary NIC at .2
		fill(t, r, s)
		if err := r.Eng.DeleteServer(r.Ctx, srv.ID); err != nil {
			t.Fatal(err)
		}
		wantIP(t, r, s, "10.0.9.2")
		r.CheckInvariants()
	})

	t.Run("a subnet with released addresses can be deleted", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		s := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
		for _, n := range fill(t, r, s) {
			del(t, r, n)
		}
		if err := r.Eng.DeleteSubnet(r.Ctx, s.ID); err != nil {
			t.Fatal(err)
		}
		r.CheckInvariants()
	})
}
