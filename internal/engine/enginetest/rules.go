package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Run runs the whole conformance suite against stores made by f.
func Run(t *testing.T, f Factory) {
	t.Run("Rules", func(t *testing.T) { runRules(t, f) })
	t.Run("Scenarios", func(t *testing.T) { runScenarios(t, f) })
	t.Run("BadInput", func(t *testing.T) { runBadInput(t, f) })
	t.Run("Lifecycle", func(t *testing.T) { runLifecycle(t, f) })
	t.Run("Fields", func(t *testing.T) { runFields(t, f) })
	t.Run("PlanChecks", func(t *testing.T) { runPlanChecks(t, f) })
	t.Run("PlanDoubleAttachment", func(t *testing.T) { runPlanDoubleAttachment(t, f) })
	t.Run("Concurrency", func(t *testing.T) { runConcurrency(t, f) })
	t.Run("RandomOps", func(t *testing.T) { RandomOps(t, f, 1, 400) })
}

func runRules(t *testing.T, f Factory) {
	t.Run("1 primary NIC cannot be detached, moved or deleted", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA)
		other := r.server("c7.large.2", r.subnetA)
		before := r.snapshot()
		_, err := r.eng.DetachNetworkInterface(r.ctx, srv.PrimaryNetworkInterfaceID)
		expectCode(t, err, engine.CodeOperationNotPermitted, srv.PrimaryNetworkInterfaceID, "primary", "cannot be detached")
		_, err = r.eng.MoveNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: srv.PrimaryNetworkInterfaceID, ServerID: other.ID})
		expectCode(t, err, engine.CodeOperationNotPermitted, srv.PrimaryNetworkInterfaceID, srv.ID)
		_, err = r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: srv.PrimaryNetworkInterfaceID, ServerID: other.ID})
		expectCode(t, err, engine.CodeOperationNotPermitted, srv.PrimaryNetworkInterfaceID)
		err = r.eng.DeleteNetworkInterface(r.ctx, srv.PrimaryNetworkInterfaceID)
		expectCode(t, err, engine.CodeOperationNotPermitted, srv.PrimaryNetworkInterfaceID, "deleted with the server")
		r.unchanged(before)
	})

	t.Run("2 an attached ENI cannot be attached elsewhere or deleted", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA)
		other := r.server("c7.large.2", r.subnetA)
		n := r.attach(r.nic(r.subnetA), srv)
		before := r.snapshot()
		_, err := r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: other.ID})
		expectCode(t, err, engine.CodeNetworkInterfaceInUse, n.ID, srv.ID, "detach it first")
		_, err = r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		expectCode(t, err, engine.CodeNetworkInterfaceInUse, "already attached")
		err = r.eng.DeleteNetworkInterface(r.ctx, n.ID)
		expectCode(t, err, engine.CodeNetworkInterfaceInUse, n.ID, srv.ID, "detach it before deleting")
		r.unchanged(before)
	})

	t.Run("3 ENI and server in the same zone", func(t *testing.T) {
		r := newRegion(t, f, engine.SameVPC)
		srv := r.server("c7.large.2", r.subnetA)
		n := r.nic(r.subnetB)
		before := r.snapshot()
		_, err := r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		expectCode(t, err, engine.CodeAvailabilityZoneMismatch, n.ID, "local-1b", srv.ID, "local-1a")
		r.unchanged(before)
		// A server asked for a zone its subnet is not in is refused too.
		_, err = r.eng.CreateServer(r.ctx, engine.ServerInput{Name: "x", Flavor: "c7.large.2", AvailabilityZone: "local-1c", SubnetID: r.subnetA.ID})
		expectCode(t, err, engine.CodeAvailabilityZoneMismatch, r.subnetA.ID, "local-1c")
		r.unchanged(before)
	})

	t.Run("4 ENI and server in the same VPC", func(t *testing.T) {
		r := newRegion(t, f, engine.SameVPC)
		srv := r.server("c7.large.2", r.subnetA)
		foreign := r.subnet(r.otherVPC.ID, "192.168.1.0/24", "local-1a")
		n := r.nic(foreign)
		before := r.snapshot()
		_, err := r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		expectCode(t, err, engine.CodeVpcMismatch, n.ID, r.otherVPC.ID, r.vpc.ID)
		r.unchanged(before)
	})

	t.Run("5 same subnet by default, same VPC when asked", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA)
		n := r.nic(r.subnetA2)
		before := r.snapshot()
		_, err := r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		expectCode(t, err, engine.CodeSubnetMismatch, n.ID, r.subnetA2.ID, r.subnetA.ID, "same_vpc")
		r.unchanged(before)

		loose := newRegion(t, f, engine.SameVPC)
		srv2 := loose.server("c7.large.2", loose.subnetA)
		got := loose.attach(loose.nic(loose.subnetA2), srv2)
		if got.ServerID != srv2.ID {
			t.Fatalf("same_vpc attach did not attach: %s", describe(got))
		}
		loose.checkInvariants()
	})

	t.Run("6 flavor caps NICs, including on resize", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA) // 3 NICs
		r.attach(r.nic(r.subnetA), srv)
		r.attach(r.nic(r.subnetA), srv)
		n := r.nic(r.subnetA)
		before := r.snapshot()
		_, err := r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID})
		expectCode(t, err, engine.CodeAttachmentLimitExceeded, srv.ID, "c7.large.2", "at most 3 network interfaces", "already has 3", n.ID)
		small := "s6.large.2"
		_, err = r.eng.UpdateServer(r.ctx, srv.ID, engine.ServerUpdate{Flavor: &small})
		expectCode(t, err, engine.CodeAttachmentLimitExceeded, srv.ID, "3 network interfaces", "s6.large.2", "at most 2")
		r.unchanged(before)
		bigger := "c7.2xlarge.2"
		d := must(r.eng.UpdateServer(r.ctx, srv.ID, engine.ServerUpdate{Flavor: &bigger}))(t)
		if d.MaxNetworkInterfaces != 4 || d.FreeNetworkInterfaceSlots != 1 {
			t.Fatalf("after resize: max %d free %d, want 4 and 1", d.MaxNetworkInterfaces, d.FreeNetworkInterfaceSlots)
		}
		r.attach(n, srv)
		r.checkInvariants()
	})

	t.Run("7 device index free and below max NICs", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.2xlarge.2", r.subnetA) // 4 NICs: indexes 1..3
		first := r.attach(r.nic(r.subnetA), srv)
		n := r.nic(r.subnetA)
		before := r.snapshot()
		for _, c := range []struct {
			index int
			words []string
		}{
			{0, []string{"device_index 0", "primary"}},
			{4, []string{"device_index 4", "c7.2xlarge.2", "1 to 3"}},
			{-1, []string{"device_index -1"}},
			{first.DeviceIndex, []string{"already used by network interface " + first.ID}},
		} {
			_, err := r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID, DeviceIndex: intp(c.index)})
			expectCode(t, err, engine.CodeInvalidParameterValue, c.words...)
		}
		r.unchanged(before)
		got := must(r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID, DeviceIndex: intp(3)}))(t)
		if got.DeviceIndex != 3 {
			t.Fatalf("device index %d, want 3", got.DeviceIndex)
		}
	})

	t.Run("8 requested IP inside the subnet, not reserved, not in use", func(t *testing.T) {
		r := newRegion(t, f, "")
		taken := r.nic(r.subnetA)
		before := r.snapshot()
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
			_, err := r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: r.subnetA.ID, Name: "n", PrivateIP: c.ip})
			expectCode(t, err, c.code, c.words...)
			_, err = r.eng.CreateServer(r.ctx, engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: r.subnetA.ID, PrivateIP: c.ip})
			expectCode(t, err, c.code, c.words...)
		}
		r.unchanged(before)
		got := must(r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: r.subnetA.ID, Name: "n", PrivateIP: "10.0.1.200"}))(t)
		if got.PrivateIP != "10.0.1.200" {
			t.Fatalf("got %s", got.PrivateIP)
		}
	})

	t.Run("9 a full subnet says so", func(t *testing.T) {
		r := newRegion(t, f, "")
		tiny := r.subnet(r.vpc.ID, "10.0.9.0/28", "local-1a") // 14 hosts minus the gateway
		for i := 0; i < 13; i++ {
			r.nic(tiny)
		}
		before := r.snapshot()
		_, err := r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: tiny.ID, Name: "n"})
		expectCode(t, err, engine.CodeInsufficientFreeAddresses, tiny.ID, "10.0.9.0/28", "13 usable addresses")
		_, err = r.eng.CreateServer(r.ctx, engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: tiny.ID})
		expectCode(t, err, engine.CodeInsufficientFreeAddresses, tiny.ID)
		r.unchanged(before)
		if d := must(r.eng.GetSubnet(r.ctx, tiny.ID))(t); d.AvailableIPCount != 0 {
			t.Fatalf("available %d, want 0", d.AvailableIPCount)
		}
	})

	t.Run("10 security groups exist, are in the VPC, at most 5", func(t *testing.T) {
		r := newRegion(t, f, "")
		foreign := must(r.eng.CreateSecurityGroup(r.ctx, engine.SecurityGroupInput{VPCID: r.otherVPC.ID, Name: "far"}))(t)
		var six []string
		for i := 0; i < 6; i++ {
			six = append(six, must(r.eng.CreateSecurityGroup(r.ctx, engine.SecurityGroupInput{VPCID: r.vpc.ID, Name: "g"}))(t).ID)
		}
		n := r.nic(r.subnetA, r.sg1.ID)
		before := r.snapshot()
		create := func(groups ...string) error {
			_, err := r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: r.subnetA.ID, Name: "n", SecurityGroupIDs: groups})
			return err
		}
		expectCode(t, create("sg-0000000000000000"), engine.CodeGroupNotFound, "sg-0000000000000000")
		expectCode(t, create(foreign.ID), engine.CodeInvalidParameterValue, foreign.ID, r.otherVPC.ID, r.vpc.ID)
		expectCode(t, create(six...), engine.CodeSecurityGroupsPerInterfaceLimit, "6 security groups", "at most 5")
		_, err := r.eng.UpdateNetworkInterface(r.ctx, n.ID, engine.NetworkInterfaceUpdate{SecurityGroupIDs: six})
		expectCode(t, err, engine.CodeSecurityGroupsPerInterfaceLimit)
		r.unchanged(before)
		got := must(r.eng.UpdateNetworkInterface(r.ctx, n.ID, engine.NetworkInterfaceUpdate{SecurityGroupIDs: six[:5]}))(t)
		if len(got.SecurityGroupIDs) != 5 {
			t.Fatalf("groups %v", got.SecurityGroupIDs)
		}
	})

	t.Run("11 in-use VPC, subnet and group cannot be deleted; a bound EIP is unbound first", func(t *testing.T) {
		r := newRegion(t, f, "")
		n := r.nic(r.subnetA, r.sg1.ID)
		eip := must(r.eng.CreateEIP(r.ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: n.ID}))(t)
		before := r.snapshot()
		expectCode(t, r.eng.DeleteVPC(r.ctx, r.vpc.ID), engine.CodeDependencyViolation, r.vpc.ID, "3 subnets", "2 security groups")
		expectCode(t, r.eng.DeleteSubnet(r.ctx, r.subnetA.ID), engine.CodeDependencyViolation, r.subnetA.ID, "1 network interface")
		expectCode(t, r.eng.DeleteSecurityGroup(r.ctx, r.sg1.ID), engine.CodeDependencyViolation, r.sg1.ID, n.ID)
		r.unchanged(before)
		if err := r.eng.DeleteNetworkInterface(r.ctx, n.ID); err != nil {
			t.Fatal(err)
		}
		got := must(r.eng.GetEIP(r.ctx, eip.ID))(t)
		if got.NetworkInterfaceID != "" || got.PublicIP != eip.PublicIP {
			t.Fatalf("EIP after its NIC was deleted: %+v", got)
		}
		if err := r.eng.DeleteSecurityGroup(r.ctx, r.sg1.ID); err != nil {
			t.Fatal(err)
		}
		r.checkInvariants()
	})

	t.Run("12 unknown IDs", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA)
		n := r.nic(r.subnetA)
		before := r.snapshot()
		_, err := r.eng.GetNetworkInterface(r.ctx, "eni-missing")
		expectCode(t, err, engine.CodeNetworkInterfaceNotFound, "eni-missing")
		_, err = r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: "srv-missing"})
		expectCode(t, err, engine.CodeServerNotFound, "srv-missing")
		_, err = r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: "eni-missing", ServerID: srv.ID})
		expectCode(t, err, engine.CodeNetworkInterfaceNotFound, "eni-missing")
		_, err = r.eng.GetServer(r.ctx, "srv-missing")
		expectCode(t, err, engine.CodeServerNotFound)
		_, err = r.eng.GetVPC(r.ctx, "vpc-missing")
		expectCode(t, err, engine.CodeVpcNotFound)
		_, err = r.eng.CreateSubnet(r.ctx, engine.SubnetInput{VPCID: "vpc-missing", Name: "s", CIDR: "10.0.0.0/24", AvailabilityZone: "local-1a"})
		expectCode(t, err, engine.CodeVpcNotFound)
		_, err = r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: "subnet-missing", Name: "n"})
		expectCode(t, err, engine.CodeSubnetNotFound)
		_, err = r.eng.GetEIP(r.ctx, "eip-missing")
		expectCode(t, err, engine.CodeEipNotFound)
		_, err = r.eng.CreateEIP(r.ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: "eni-missing"})
		expectCode(t, err, engine.CodeNetworkInterfaceNotFound)
		_, err = r.eng.GetSecurityGroup(r.ctx, "sg-missing")
		expectCode(t, err, engine.CodeGroupNotFound)
		expectCode(t, r.eng.DeleteServer(r.ctx, "srv-missing"), engine.CodeServerNotFound)
		r.unchanged(before)
	})

	t.Run("13 deleting a server detaches its extension ENIs", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA)
		n := r.attach(r.nic(r.subnetA, r.sg2.ID), srv)
		eip := must(r.eng.CreateEIP(r.ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: n.ID}))(t)
		primaryEIP := must(r.eng.CreateEIP(r.ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: srv.PrimaryNetworkInterfaceID}))(t)
		if err := r.eng.DeleteServer(r.ctx, srv.ID); err != nil {
			t.Fatal(err)
		}
		got := must(r.eng.GetNetworkInterface(r.ctx, n.ID))(t)
		if got.Status() != engine.StatusAvailable || got.PrivateIP != n.PrivateIP || got.MACAddress != n.MACAddress ||
			len(got.SecurityGroupIDs) != 1 || got.SecurityGroupIDs[0] != r.sg2.ID {
			t.Fatalf("after server delete: %s", describe(got))
		}
		if e := must(r.eng.GetEIP(r.ctx, eip.ID))(t); e.NetworkInterfaceID != n.ID {
			t.Fatalf("EIP lost its NIC: %+v", e)
		}
		if e := must(r.eng.GetEIP(r.ctx, primaryEIP.ID))(t); e.NetworkInterfaceID != "" {
			t.Fatalf("primary NIC's EIP still bound: %+v", e)
		}
		_, err := r.eng.GetNetworkInterface(r.ctx, srv.PrimaryNetworkInterfaceID)
		expectCode(t, err, engine.CodeNetworkInterfaceNotFound)
		r.checkInvariants()
	})

	t.Run("14 a move is one transaction", func(t *testing.T) {
		r := newRegion(t, f, "")
		from := r.server("c7.large.2", r.subnetA)
		full := r.server("s6.small.1", r.subnetA) // 1 NIC: no room
		to := r.server("c7.large.2", r.subnetA)
		n := r.attach(r.nic(r.subnetA), from)
		before := r.snapshot()
		_, err := r.eng.MoveNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: full.ID})
		expectCode(t, err, engine.CodeAttachmentLimitExceeded, full.ID, "s6.small.1")
		r.unchanged(before) // still on the first server
		moved := must(r.eng.MoveNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: to.ID}))(t)
		if moved.ServerID != to.ID || moved.AttachmentID == n.AttachmentID || moved.PrivateIP != n.PrivateIP || moved.MACAddress != n.MACAddress {
			t.Fatalf("after move: %s (attachment %s, was %s)", describe(moved), moved.AttachmentID, n.AttachmentID)
		}
		if d := must(r.eng.GetServer(r.ctx, from.ID))(t); len(d.NetworkInterfaceIDs) != 1 {
			t.Fatalf("source server still lists %v", d.NetworkInterfaceIDs)
		}
		_, err = r.eng.MoveNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: r.nic(r.subnetA).ID, ServerID: to.ID})
		expectCode(t, err, engine.CodeIncorrectState, "not attached")
		r.checkInvariants()
	})
}
