package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of the rules engine/server.go applies: 3 (a server is in its
// subnet's zone), 6 (a resize leaves room for the NICs attached), 13
// (deleting a server detaches its extension NICs) and its input checks.

func rule3ServerInItsSubnetsZone(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, engine.SameVPC)
	before := r.Snapshot()
	_, err := r.Eng.CreateServer(r.Ctx, engine.ServerInput{Name: "x", Flavor: "c7.large.2", AvailabilityZone: "local-1c", SubnetID: r.SubnetA.ID})
	fixture.ExpectCode(t, err, engine.CodeAvailabilityZoneMismatch, r.SubnetA.ID, "local-1c")
	r.Unchanged(before)
}

func rule6ResizeLeavesRoomForItsNICs(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv, n := fullServer(r)
	before := r.Snapshot()
	small := "s6.large.2"
	_, err := r.Eng.UpdateServer(r.Ctx, srv.ID, engine.ServerUpdate{Flavor: &small})
	fixture.ExpectCode(t, err, engine.CodeAttachmentLimitExceeded, srv.ID, "it holds 3", "s6.large.2", "at most 2")
	r.Unchanged(before)
	bigger := "c7.2xlarge.2"
	d := fixture.Must(r.Eng.UpdateServer(r.Ctx, srv.ID, engine.ServerUpdate{Flavor: &bigger}))(t)
	if d.MaxNetworkInterfaces != 4 || d.FreeNetworkInterfaceSlots != 1 {
		t.Fatalf("after resize: max %d free %d, want 4 and 1", d.MaxNetworkInterfaces, d.FreeNetworkInterfaceSlots)
	}
	r.Attach(n, srv)
	r.CheckInvariants()
}

func rule13DeletingAServerDetachesItsNICs(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.Attach(r.NIC(r.SubnetA, r.SG2.ID), srv)
	eip := fixture.Must(r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: n.ID}))(t)
	primaryEIP := fixture.Must(r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: srv.PrimaryNetworkInterfaceID}))(t)
	if err := r.Eng.DeleteServer(r.Ctx, srv.ID); err != nil {
		t.Fatal(err)
	}
	got := fixture.Must(r.Eng.GetNetworkInterface(r.Ctx, n.ID))(t)
	if got.Status() != engine.StatusAvailable || got.PrivateIP != n.PrivateIP || got.MACAddress != n.MACAddress ||
		len(got.SecurityGroupIDs) != 1 || got.SecurityGroupIDs[0] != r.SG2.ID {
		t.Fatalf("after server delete: %s", fixture.Describe(got))
	}
	if e := fixture.Must(r.Eng.GetEIP(r.Ctx, eip.ID))(t); e.NetworkInterfaceID != n.ID {
		t.Fatalf("EIP lost its NIC: %+v", e)
	}
	if e := fixture.Must(r.Eng.GetEIP(r.Ctx, primaryEIP.ID))(t); e.NetworkInterfaceID != "" {
		t.Fatalf("primary NIC's EIP still bound: %+v", e)
	}
	_, err := r.Eng.GetNetworkInterface(r.Ctx, srv.PrimaryNetworkInterfaceID)
	fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceNotFound)
	r.CheckInvariants()
}

// badServerInput is what a server's own arguments may get wrong.
func badServerInput(r *fixture.Region) []refusal {
	create := func(in engine.ServerInput) func() error {
		return func() error {
			in.Name, in.AvailabilityZone, in.SubnetID = "s", "local-1a", r.SubnetA.ID
			_, err := r.Eng.CreateServer(r.Ctx, in)
			return err
		}
	}
	return []refusal{
		{"unknown flavor", create(engine.ServerInput{Flavor: "t2.micro"}), engine.CodeFlavorNotFound, "c7.large.2"},
		{"flavor of the wrong kind", create(engine.ServerInput{Kind: "bms", Flavor: "c7.large.2"}), engine.CodeInvalidParameterValue, "physical.s4.large"},
		{"unknown kind", create(engine.ServerInput{Kind: "vm", Flavor: "c7.large.2"}), engine.CodeInvalidParameterValue, "ecs, bms"},
	}
}
