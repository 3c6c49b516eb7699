package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of the rules engine/network_interface.go applies when a NIC is
// deleted: 1 and 2 (only an available extension NIC goes) and 11 (a bound
// EIP is unbound first, and outlives it).

func rule1PrimaryNICIsDeletedWithItsServer(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	before := r.Snapshot()
	err := r.Eng.DeleteNetworkInterface(r.Ctx, srv.PrimaryNetworkInterfaceID)
	fixture.ExpectCode(t, err, engine.CodeOperationNotPermitted, srv.PrimaryNetworkInterfaceID, "deleted with the server")
	r.Unchanged(before)
}

func rule2AttachedNICIsNotDeleted(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.Attach(r.NIC(r.SubnetA), srv)
	before := r.Snapshot()
	err := r.Eng.DeleteNetworkInterface(r.Ctx, n.ID)
	fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceInUse, n.ID, srv.ID, "Detach the network interface first")
	r.Unchanged(before)
}

func rule11DeletedNICUnbindsItsEIP(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	n := r.NIC(r.SubnetA, r.SG1.ID)
	eip := fixture.Must(r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: n.ID}))(t)
	if err := r.Eng.DeleteNetworkInterface(r.Ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	got := fixture.Must(r.Eng.GetEIP(r.Ctx, eip.ID))(t)
	if got.NetworkInterfaceID != "" || got.PublicIP != eip.PublicIP {
		t.Fatalf("EIP after its NIC was deleted: %+v", got)
	}
	r.CheckInvariants()
}
