package enginetest

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// flexibleMigration fails a NIC over to a standby server and back: it keeps
// its address, MAC, groups and EIP throughout.
func flexibleMigration(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	active := r.Server("c7.large.2", r.SubnetA)
	standby := r.Server("c7.large.2", r.SubnetA)
	n := r.Attach(r.NIC(r.SubnetA, r.SG1.ID, r.SG2.ID), active)
	eip := fixture.Must(r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 10, NetworkInterfaceID: n.ID}))(t)

	// The active server fails: detach from it, attach to the standby.
	fixture.Must(r.Eng.DetachNetworkInterface(r.Ctx, n.ID))(t)
	got := r.Attach(fixture.Must(r.Eng.GetNetworkInterface(r.Ctx, n.ID))(t), standby)
	assertKept(t, n, got)
	if e := fixture.Must(r.Eng.GetEIP(r.Ctx, eip.ID))(t); e.NetworkInterfaceID != n.ID || e.PublicIP != eip.PublicIP {
		t.Fatalf("EIP did not follow the NIC: %+v", e)
	}
	// And back in one step.
	back := fixture.Must(r.Eng.MoveNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: active.ID}))(t)
	assertKept(t, n, back)
	r.CheckInvariants()
}

// independentTrafficManagement puts service, public and management NICs
// on one server, allowed under same_vpc and refused under same_subnet.
func independentTrafficManagement(t *testing.T, f fixture.Factory) {
	for _, rule := range []string{engine.SameVPC, engine.SameSubnet} {
		r := fixture.NewRegion(t, f, rule)
		service := r.SubnetA
		public := r.SubnetA2
		mgmt := r.Subnet(r.VPC.ID, "10.0.4.0/24", "local-1a")
		srv := r.Server("c7.2xlarge.2", service)
		nics := []engine.NetworkInterface{r.NIC(service, r.SG1.ID), r.NIC(public, r.SG2.ID), r.NIC(mgmt)}
		var errs []error
		for _, n := range nics {
			_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
			errs = append(errs, err)
		}
		d := fixture.Must(r.Eng.GetServer(r.Ctx, srv.ID))(t)
		switch rule {
		case engine.SameVPC:
			for _, err := range errs {
				if err != nil {
					t.Fatalf("same_vpc: %v", err)
				}
			}
			if len(d.NetworkInterfaceIDs) != 4 || d.FreeNetworkInterfaceSlots != 0 {
				t.Fatalf("server NICs %v free %d", d.NetworkInterfaceIDs, d.FreeNetworkInterfaceSlots)
			}
		case engine.SameSubnet:
			if errs[0] != nil {
				t.Fatalf("same subnet NIC refused: %v", errs[0])
			}
			fixture.ExpectCode(t, errs[1], engine.CodeSubnetMismatch)
			fixture.ExpectCode(t, errs[2], engine.CodeSubnetMismatch)
			if len(d.NetworkInterfaceIDs) != 2 {
				t.Fatalf("server NICs %v", d.NetworkInterfaceIDs)
			}
		}
		r.CheckInvariants()
	}
}

func assertKept(t *testing.T, was, now engine.NetworkInterface) {
	t.Helper()
	if now.PrivateIP != was.PrivateIP || now.MACAddress != was.MACAddress ||
		strings.Join(now.SecurityGroupIDs, ",") != strings.Join(was.SecurityGroupIDs, ",") {
		t.Fatalf("NIC changed across the move:\nwas %s %v\nnow %s %v", fixture.Describe(was), was.SecurityGroupIDs, fixture.Describe(now), now.SecurityGroupIDs)
	}
}

// lifecycle updates, finds, binds, detaches and deletes everything a region
// holds, down to its VPC.
func lifecycle(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.Attach(r.NIC(r.SubnetA), srv)
	name, desc := "renamed", "new words"
	got := fixture.Must(r.Eng.UpdateNetworkInterface(r.Ctx, n.ID, engine.NetworkInterfaceUpdate{Name: &name, Description: &desc, SecurityGroupIDs: []string{r.SG2.ID, r.SG1.ID}}))(t)
	if got.Name != name || got.Description != desc || strings.Join(got.SecurityGroupIDs, ",") != r.SG2.ID+","+r.SG1.ID {
		t.Fatalf("update: %+v", got)
	}
	if found := fixture.Must(r.Eng.FindNetworkInterfaceByIP(r.Ctx, r.SubnetA.ID, n.PrivateIP))(t); found.ID != n.ID {
		t.Fatalf("found %s by IP, want %s", found.ID, n.ID)
	}
	eip := fixture.Must(r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 5}))(t)
	fixture.Must(r.Eng.UpdateEIP(r.Ctx, eip.ID, engine.EIPInput{BandwidthMbps: 50, NetworkInterfaceID: n.ID}))(t)
	other := fixture.Must(r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 5}))(t)
	_, err := r.Eng.UpdateEIP(r.Ctx, other.ID, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: n.ID})
	fixture.ExpectCode(t, err, engine.CodeEipAlreadyAssociated, n.ID, eip.ID)
	if other.PublicIP == eip.PublicIP {
		t.Fatalf("two EIPs share %s", eip.PublicIP)
	}
	fixture.Must(r.Eng.DetachNetworkInterface(r.Ctx, n.ID))(t)
	_, err = r.Eng.DetachNetworkInterface(r.Ctx, n.ID)
	fixture.ExpectCode(t, err, engine.CodeIncorrectState, "not attached")
	// A released address is handed out again once the cursor wraps round.
	if err := r.Eng.DeleteNetworkInterface(r.Ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{eip.ID, other.ID} {
		if err := r.Eng.DeleteEIP(r.Ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Eng.DeleteServer(r.Ctx, srv.ID); err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{r.SG1.ID, r.SG2.ID} {
		if err := r.Eng.DeleteSecurityGroup(r.Ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []string{r.SubnetA.ID, r.SubnetA2.ID, r.SubnetB.ID} {
		if err := r.Eng.DeleteSubnet(r.Ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Eng.DeleteVPC(r.Ctx, r.VPC.ID); err != nil {
		t.Fatal(err)
	}
	r.CheckInvariants()
}

// concurrency races goroutines on one store; the SQLite store races whole
// processes as well (package race).
func concurrency(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.4xlarge.2", r.SubnetA) // 6 NICs: 5 free slots
	tiny := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
	var nics []engine.NetworkInterface
	for i := 0; i < 16; i++ {
		nics = append(nics, r.NIC(r.SubnetA))
	}
	codes := countOutcomes(len(nics), func(i int) error {
		_, err := r.Eng.AttachNetworkInterface(context.Background(), engine.AttachInput{NetworkInterfaceID: nics[i].ID, ServerID: srv.ID})
		return err
	})
	if codes[""] != 5 || codes[engine.CodeAttachmentLimitExceeded] != 11 {
		t.Fatalf("attach race outcomes %v, want 5 successes and 11 AttachmentLimitExceeded", codes)
	}
	codes = countOutcomes(20, func(int) error {
		_, err := r.Eng.CreateNetworkInterface(context.Background(), engine.NetworkInterfaceInput{SubnetID: tiny.ID, Name: "n"})
		return err
	})
	if codes[""] != 13 || codes[engine.CodeInsufficientFreeAddresses] != 7 {
		t.Fatalf("allocation race outcomes %v, want 13 successes and 7 InsufficientFreeAddressesInSubnet", codes)
	}
	r.CheckInvariants()
}

// countOutcomes runs n calls at once and counts outcomes by engine code ("" = success).
func countOutcomes(n int, call func(i int) error) map[string]int {
	var mu sync.Mutex
	codes := map[string]int{}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := call(i)
			code := engine.CodeOf(err)
			if err != nil && code == "" {
				code = "unexpected: " + err.Error()
			}
			mu.Lock()
			codes[code]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return codes
}
