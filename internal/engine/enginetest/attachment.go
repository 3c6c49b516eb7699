package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of the rules engine/attachment.go applies when a NIC is attached,
// moved or detached: 1 and 2 (what the NIC's own state allows), 3 to 5
// (where the NIC and the server are), 6 (the flavor's room), 7 (the device
// index) and 14 (a move is one transaction).

func rule1PrimaryNICStaysOnItsServer(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	other := r.Server("c7.large.2", r.SubnetA)
	before := r.Snapshot()
	_, err := r.Eng.DetachNetworkInterface(r.Ctx, srv.PrimaryNetworkInterfaceID)
	fixture.ExpectCode(t, err, engine.CodeOperationNotPermitted, srv.PrimaryNetworkInterfaceID, "primary", "cannot be detached")
	_, err = r.Eng.MoveNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: srv.PrimaryNetworkInterfaceID, ServerID: other.ID})
	fixture.ExpectCode(t, err, engine.CodeOperationNotPermitted, srv.PrimaryNetworkInterfaceID, srv.ID)
	_, err = r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: srv.PrimaryNetworkInterfaceID, ServerID: other.ID})
	fixture.ExpectCode(t, err, engine.CodeOperationNotPermitted, srv.PrimaryNetworkInterfaceID)
	r.Unchanged(before)
}

func rule2AttachedNICIsNotAttachedAgain(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	other := r.Server("c7.large.2", r.SubnetA)
	n := r.Attach(r.NIC(r.SubnetA), srv)
	before := r.Snapshot()
	_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: other.ID})
	fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceInUse, n.ID, srv.ID, "Detach the network interface first")
	_, err = r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
	fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceInUse, "already attached")
	r.Unchanged(before)
}

func rule3AttachInTheServersZone(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, engine.SameVPC)
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.NIC(r.SubnetB)
	before := r.Snapshot()
	_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
	fixture.ExpectCode(t, err, engine.CodeAvailabilityZoneMismatch, n.ID, "local-1b", srv.ID, "local-1a")
	r.Unchanged(before)
}

func rule4AttachInTheServersVPC(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, engine.SameVPC)
	srv := r.Server("c7.large.2", r.SubnetA)
	foreign := r.Subnet(r.OtherVPC.ID, "192.168.1.0/24", "local-1a")
	n := r.NIC(foreign)
	before := r.Snapshot()
	_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
	fixture.ExpectCode(t, err, engine.CodeVpcMismatch, n.ID, r.OtherVPC.ID, r.VPC.ID)
	r.Unchanged(before)
}

func rule5SameSubnetByDefault(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.NIC(r.SubnetA2)
	before := r.Snapshot()
	_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
	fixture.ExpectCode(t, err, engine.CodeSubnetMismatch, n.ID, r.SubnetA2.ID, r.SubnetA.ID, "same_vpc")
	r.Unchanged(before)
}

func rule5SameVPCWhenAsked(t *testing.T, f fixture.Factory) {
	loose := fixture.NewRegion(t, f, engine.SameVPC)
	srv := loose.Server("c7.large.2", loose.SubnetA)
	got := loose.Attach(loose.NIC(loose.SubnetA2), srv)
	if got.ServerID != srv.ID {
		t.Fatalf("same_vpc attach did not attach: %s", fixture.Describe(got))
	}
	loose.CheckInvariants()
}

// fullServer is a c7.large.2 server (3 NICs) with no room left, and one
// more NIC that would need it.
func fullServer(r *fixture.Region) (engine.ServerDetails, engine.NetworkInterface) {
	r.T.Helper()
	srv := r.Server("c7.large.2", r.SubnetA)
	r.Attach(r.NIC(r.SubnetA), srv)
	r.Attach(r.NIC(r.SubnetA), srv)
	return srv, r.NIC(r.SubnetA)
}

func rule6AttachWithinTheFlavor(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv, n := fullServer(r)
	before := r.Snapshot()
	_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
	fixture.ExpectCode(t, err, engine.CodeAttachmentLimitExceeded, srv.ID, "c7.large.2", "at most 3 network interfaces", "it holds 3", n.ID+" would exceed it")
	r.Unchanged(before)
}

func rule7DeviceIndexFreeAndBelowMax(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.2xlarge.2", r.SubnetA) // 4 NICs: indexes 1..3
	first := r.Attach(r.NIC(r.SubnetA), srv)
	n := r.NIC(r.SubnetA)
	before := r.Snapshot()
	for _, c := range []struct {
		index int
		words []string
	}{
		{0, []string{"device index 0", "primary"}},
		{4, []string{"device index 4", "c7.2xlarge.2", "1 to 3"}},
		{-1, []string{"device index -1"}},
		{first.DeviceIndex, []string{"network interface " + first.ID + " already uses it"}},
	} {
		_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID, DeviceIndex: fixture.IntP(c.index)})
		fixture.ExpectCode(t, err, engine.CodeInvalidParameterValue, c.words...)
	}
	r.Unchanged(before)
	got := fixture.Must(r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID, DeviceIndex: fixture.IntP(3)}))(t)
	if got.DeviceIndex != 3 {
		t.Fatalf("device index %d, want 3", got.DeviceIndex)
	}
}

func rule14MoveIsOneTransaction(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	from := r.Server("c7.large.2", r.SubnetA)
	full := r.Server("s6.small.1", r.SubnetA) // 1 NIC: no room
	to := r.Server("c7.large.2", r.SubnetA)
	n := r.Attach(r.NIC(r.SubnetA), from)
	before := r.Snapshot()
	_, err := r.Eng.MoveNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: full.ID})
	fixture.ExpectCode(t, err, engine.CodeAttachmentLimitExceeded, full.ID, "s6.small.1")
	r.Unchanged(before) // still on the first server
	moved := fixture.Must(r.Eng.MoveNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: to.ID}))(t)
	if moved.ServerID != to.ID || moved.AttachmentID == n.AttachmentID || moved.PrivateIP != n.PrivateIP || moved.MACAddress != n.MACAddress {
		t.Fatalf("after move: %s (attachment %s, was %s)", fixture.Describe(moved), moved.AttachmentID, n.AttachmentID)
	}
	if d := fixture.Must(r.Eng.GetServer(r.Ctx, from.ID))(t); len(d.NetworkInterfaceIDs) != 1 {
		t.Fatalf("source server still lists %v", d.NetworkInterfaceIDs)
	}
	_, err = r.Eng.MoveNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: r.NIC(r.SubnetA).ID, ServerID: to.ID})
	fixture.ExpectCode(t, err, engine.CodeIncorrectState, "not attached")
	r.CheckInvariants()
}
