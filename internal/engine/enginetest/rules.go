// Package enginetest is the conformance suite every Store must pass: the
// engine's rules, scenarios and invariants, run against a store a factory
// makes. The engine's own tests run it on SQLite, the PostgreSQL store's on
// PostgreSQL.
package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fuzz"
)

// Run runs the whole conformance suite against stores made by f.
func Run(t *testing.T, f fixture.Factory) {
	t.Run("Rules", func(t *testing.T) { runRules(t, f) })
	t.Run("Scenarios", func(t *testing.T) { runScenarios(t, f) })
	t.Run("BadInput", func(t *testing.T) { runBadInput(t, f) })
	t.Run("Lifecycle", func(t *testing.T) { runLifecycle(t, f) })
	t.Run("Fields", func(t *testing.T) { runFields(t, f) })
	t.Run("PlanChecks", func(t *testing.T) { runPlanChecks(t, f) })
	t.Run("PlanDoubleAttachment", func(t *testing.T) { runPlanDoubleAttachment(t, f) })
	t.Run("Concurrency", func(t *testing.T) { runConcurrency(t, f) })
	t.Run("RandomOps", func(t *testing.T) { fuzz.RandomOps(t, f, 1, 400) })
}

func runRules(t *testing.T, f fixture.Factory) {
	t.Run("1 primary NIC cannot be detached, moved or deleted", func(t *testing.T) {
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
		err = r.Eng.DeleteNetworkInterface(r.Ctx, srv.PrimaryNetworkInterfaceID)
		fixture.ExpectCode(t, err, engine.CodeOperationNotPermitted, srv.PrimaryNetworkInterfaceID, "deleted with the server")
		r.Unchanged(before)
	})

	t.Run("2 an attached ENI cannot be attached elsewhere or deleted", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.large.2", r.SubnetA)
		other := r.Server("c7.large.2", r.SubnetA)
		n := r.Attach(r.NIC(r.SubnetA), srv)
		before := r.Snapshot()
		_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: other.ID})
		fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceInUse, n.ID, srv.ID, "detach it first")
		_, err = r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceInUse, "already attached")
		err = r.Eng.DeleteNetworkInterface(r.Ctx, n.ID)
		fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceInUse, n.ID, srv.ID, "detach it before deleting")
		r.Unchanged(before)
	})

	t.Run("3 ENI and server in the same zone", func(t *testing.T) {
		r := fixture.NewRegion(t, f, engine.SameVPC)
		srv := r.Server("c7.large.2", r.SubnetA)
		n := r.NIC(r.SubnetB)
		before := r.Snapshot()
		_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		fixture.ExpectCode(t, err, engine.CodeAvailabilityZoneMismatch, n.ID, "local-1b", srv.ID, "local-1a")
		r.Unchanged(before)
		// A server asked for a zone its subnet is not in is refused too.
		_, err = r.Eng.CreateServer(r.Ctx, engine.ServerInput{Name: "x", Flavor: "c7.large.2", AvailabilityZone: "local-1c", SubnetID: r.SubnetA.ID})
		fixture.ExpectCode(t, err, engine.CodeAvailabilityZoneMismatch, r.SubnetA.ID, "local-1c")
		r.Unchanged(before)
	})

	t.Run("4 ENI and server in the same VPC", func(t *testing.T) {
		r := fixture.NewRegion(t, f, engine.SameVPC)
		srv := r.Server("c7.large.2", r.SubnetA)
		foreign := r.Subnet(r.OtherVPC.ID, "192.168.1.0/24", "local-1a")
		n := r.NIC(foreign)
		before := r.Snapshot()
		_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		fixture.ExpectCode(t, err, engine.CodeVpcMismatch, n.ID, r.OtherVPC.ID, r.VPC.ID)
		r.Unchanged(before)
	})

	t.Run("5 same subnet by default, same VPC when asked", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.large.2", r.SubnetA)
		n := r.NIC(r.SubnetA2)
		before := r.Snapshot()
		_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		fixture.ExpectCode(t, err, engine.CodeSubnetMismatch, n.ID, r.SubnetA2.ID, r.SubnetA.ID, "same_vpc")
		r.Unchanged(before)

		loose := fixture.NewRegion(t, f, engine.SameVPC)
		srv2 := loose.Server("c7.large.2", loose.SubnetA)
		got := loose.Attach(loose.NIC(loose.SubnetA2), srv2)
		if got.ServerID != srv2.ID {
			t.Fatalf("same_vpc attach did not attach: %s", fixture.Describe(got))
		}
		loose.CheckInvariants()
	})

	t.Run("6 flavor caps NICs, including on resize", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.large.2", r.SubnetA) // 3 NICs
		r.Attach(r.NIC(r.SubnetA), srv)
		r.Attach(r.NIC(r.SubnetA), srv)
		n := r.NIC(r.SubnetA)
		before := r.Snapshot()
		_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		fixture.ExpectCode(t, err, engine.CodeAttachmentLimitExceeded, srv.ID, "c7.large.2", "at most 3 network interfaces", "already has 3", n.ID)
		small := "s6.large.2"
		_, err = r.Eng.UpdateServer(r.Ctx, srv.ID, engine.ServerUpdate{Flavor: &small})
		fixture.ExpectCode(t, err, engine.CodeAttachmentLimitExceeded, srv.ID, "3 network interfaces", "s6.large.2", "at most 2")
		r.Unchanged(before)
		bigger := "c7.2xlarge.2"
		d := fixture.Must(r.Eng.UpdateServer(r.Ctx, srv.ID, engine.ServerUpdate{Flavor: &bigger}))(t)
		if d.MaxNetworkInterfaces != 4 || d.FreeNetworkInterfaceSlots != 1 {
			t.Fatalf("after resize: max %d free %d, want 4 and 1", d.MaxNetworkInterfaces, d.FreeNetworkInterfaceSlots)
		}
		r.Attach(n, srv)
		r.CheckInvariants()
	})

	t.Run("7 device index free and below max NICs", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.2xlarge.2", r.SubnetA) // 4 NICs: indexes 1..3
		first := r.Attach(r.NIC(r.SubnetA), srv)
		n := r.NIC(r.SubnetA)
		before := r.Snapshot()
		for _, c := range []struct {
			index int
			words []string
		}{
			{0, []string{"device_index 0", "primary"}},
			{4, []string{"device_index 4", "c7.2xlarge.2", "1 to 3"}},
			{-1, []string{"device_index -1"}},
			{first.DeviceIndex, []string{"already used by network interface " + first.ID}},
		} {
			_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID, DeviceIndex: fixture.IntP(c.index)})
			fixture.ExpectCode(t, err, engine.CodeInvalidParameterValue, c.words...)
		}
		r.Unchanged(before)
		got := fixture.Must(r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID, DeviceIndex: fixture.IntP(3)}))(t)
		if got.DeviceIndex != 3 {
			t.Fatalf("device index %d, want 3", got.DeviceIndex)
		}
	})

	t.Run("8 requested IP inside the subnet, not reserved, not in use", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		taken := r.NIC(r.SubnetA)
		before := r.Snapshot()
		cases := []struct {
			ip, code string
			words    []string
		}{
			{"10.0.9.5", engine.CodeInvalidParameterValue, []string{"10.0.9.5", "outside subnet", "10.0.1.0/24"}},
			{"10.0.1.0", engine.CodeInvalidParameterValue, []string{"reserved", "network"}},
			{"10.0.1.1", engine.CodeInvalidParameterValue, []string{"reserved", "gateway (10.0.1.1)"}},
			{"10.0.1.255", engine.CodeInvalidParameterValue, []string{"reserved", "broadcast"}},
			{"not-an-ip", engine.CodeInvalidParameterValue, []string{"not an IPv4 address"}},
			{taken.PrivateIP, engine.CodeIPAddressInUse, []string{taken.PrivateIP, taken.ID}},
		}
		for _, c := range cases {
			_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: c.ip})
			fixture.ExpectCode(t, err, c.code, c.words...)
			_, err = r.Eng.CreateServer(r.Ctx, engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: r.SubnetA.ID, PrivateIP: c.ip})
			fixture.ExpectCode(t, err, c.code, c.words...)
		}
		r.Unchanged(before)
		got := fixture.Must(r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: "10.0.1.200"}))(t)
		if got.PrivateIP != "10.0.1.200" {
			t.Fatalf("got %s", got.PrivateIP)
		}
	})

	t.Run("9 a full subnet says so", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		tiny := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a") // 14 hosts minus the gateway
		for i := 0; i < 13; i++ {
			r.NIC(tiny)
		}
		before := r.Snapshot()
		_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: tiny.ID, Name: "n"})
		fixture.ExpectCode(t, err, engine.CodeInsufficientFreeAddresses, tiny.ID, "10.0.9.0/28", "13 usable addresses")
		_, err = r.Eng.CreateServer(r.Ctx, engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: tiny.ID})
		fixture.ExpectCode(t, err, engine.CodeInsufficientFreeAddresses, tiny.ID)
		r.Unchanged(before)
		if d := fixture.Must(r.Eng.GetSubnet(r.Ctx, tiny.ID))(t); d.AvailableIPCount != 0 {
			t.Fatalf("available %d, want 0", d.AvailableIPCount)
		}
	})

	t.Run("10 security groups exist, are in the VPC, at most 5", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		foreign := fixture.Must(r.Eng.CreateSecurityGroup(r.Ctx, engine.SecurityGroupInput{VPCID: r.OtherVPC.ID, Name: "far"}))(t)
		var six []string
		for i := 0; i < 6; i++ {
			six = append(six, fixture.Must(r.Eng.CreateSecurityGroup(r.Ctx, engine.SecurityGroupInput{VPCID: r.VPC.ID, Name: "g"}))(t).ID)
		}
		n := r.NIC(r.SubnetA, r.SG1.ID)
		before := r.Snapshot()
		create := func(groups ...string) error {
			_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", SecurityGroupIDs: groups})
			return err
		}
		fixture.ExpectCode(t, create("sg-0000000000000000"), engine.CodeGroupNotFound, "sg-0000000000000000")
		fixture.ExpectCode(t, create(foreign.ID), engine.CodeInvalidParameterValue, foreign.ID, r.OtherVPC.ID, r.VPC.ID)
		fixture.ExpectCode(t, create(six...), engine.CodeSecurityGroupsPerInterfaceLimit, "6 security groups", "at most 5")
		_, err := r.Eng.UpdateNetworkInterface(r.Ctx, n.ID, engine.NetworkInterfaceUpdate{SecurityGroupIDs: six})
		fixture.ExpectCode(t, err, engine.CodeSecurityGroupsPerInterfaceLimit)
		r.Unchanged(before)
		got := fixture.Must(r.Eng.UpdateNetworkInterface(r.Ctx, n.ID, engine.NetworkInterfaceUpdate{SecurityGroupIDs: six[:5]}))(t)
		if len(got.SecurityGroupIDs) != 5 {
			t.Fatalf("groups %v", got.SecurityGroupIDs)
		}
	})

	t.Run("11 in-use VPC, subnet and group cannot be deleted; a bound EIP is unbound first", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		n := r.NIC(r.SubnetA, r.SG1.ID)
		eip := fixture.Must(r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: n.ID}))(t)
		before := r.Snapshot()
		fixture.ExpectCode(t, r.Eng.DeleteVPC(r.Ctx, r.VPC.ID), engine.CodeDependencyViolation, r.VPC.ID, "3 subnets", "2 security groups")
		fixture.ExpectCode(t, r.Eng.DeleteSubnet(r.Ctx, r.SubnetA.ID), engine.CodeDependencyViolation, r.SubnetA.ID, "1 network interface")
		fixture.ExpectCode(t, r.Eng.DeleteSecurityGroup(r.Ctx, r.SG1.ID), engine.CodeDependencyViolation, r.SG1.ID, n.ID)
		r.Unchanged(before)
		if err := r.Eng.DeleteNetworkInterface(r.Ctx, n.ID); err != nil {
			t.Fatal(err)
		}
		got := fixture.Must(r.Eng.GetEIP(r.Ctx, eip.ID))(t)
		if got.NetworkInterfaceID != "" || got.PublicIP != eip.PublicIP {
			t.Fatalf("EIP after its NIC was deleted: %+v", got)
		}
		if err := r.Eng.DeleteSecurityGroup(r.Ctx, r.SG1.ID); err != nil {
			t.Fatal(err)
		}
		r.CheckInvariants()
	})

	t.Run("12 unknown IDs", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.large.2", r.SubnetA)
		n := r.NIC(r.SubnetA)
		before := r.Snapshot()
		_, err := r.Eng.GetNetworkInterface(r.Ctx, "eni-missing")
		fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceNotFound, "eni-missing")
		_, err = r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: "srv-missing"})
		fixture.ExpectCode(t, err, engine.CodeServerNotFound, "srv-missing")
		_, err = r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: "eni-missing", ServerID: srv.ID})
		fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceNotFound, "eni-missing")
		_, err = r.Eng.GetServer(r.Ctx, "srv-missing")
		fixture.ExpectCode(t, err, engine.CodeServerNotFound)
		_, err = r.Eng.GetVPC(r.Ctx, "vpc-missing")
		fixture.ExpectCode(t, err, engine.CodeVpcNotFound)
		_, err = r.Eng.CreateSubnet(r.Ctx, engine.SubnetInput{VPCID: "vpc-missing", Name: "s", CIDR: "10.0.0.0/24", AvailabilityZone: "local-1a"})
		fixture.ExpectCode(t, err, engine.CodeVpcNotFound)
		_, err = r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: "subnet-missing", Name: "n"})
		fixture.ExpectCode(t, err, engine.CodeSubnetNotFound)
		_, err = r.Eng.GetEIP(r.Ctx, "eip-missing")
		fixture.ExpectCode(t, err, engine.CodeEipNotFound)
		_, err = r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: "eni-missing"})
		fixture.ExpectCode(t, err, engine.CodeNetworkInterfaceNotFound)
		_, err = r.Eng.GetSecurityGroup(r.Ctx, "sg-missing")
		fixture.ExpectCode(t, err, engine.CodeGroupNotFound)
		fixture.ExpectCode(t, r.Eng.DeleteServer(r.Ctx, "srv-missing"), engine.CodeServerNotFound)
		r.Unchanged(before)
	})

	t.Run("13 deleting a server detaches its extension ENIs", func(t *testing.T) {
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
	})

	t.Run("14 a move is one transaction", func(t *testing.T) {
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
	})
}
