package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/errors.go: a refusal names the argument at fault
// (FieldOf), which the provider uses to put a diagnostic on the right
// attribute.

func fieldsNameTheArgumentAtFault(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	zoneB := r.NIC(r.SubnetB)
	cases := []struct {
		name  string
		field engine.Field
		call  func() error
	}{
		{"name", engine.FieldName, func() error { _, err := r.Eng.CreateVPC(r.Ctx, engine.VPCInput{CIDR: "10.1.0.0/16"}); return err }},
		{"cidr", engine.FieldCIDR, func() error {
			_, err := r.Eng.CreateVPC(r.Ctx, engine.VPCInput{Name: "v", CIDR: "10.1.0.0"})
			return err
		}},
		{"overlap", engine.FieldCIDR, func() error {
			_, err := r.Eng.CreateSubnet(r.Ctx, engine.SubnetInput{VPCID: r.VPC.ID, Name: "s", CIDR: r.SubnetA.CIDR, AvailabilityZone: "local-1a"})
			return err
		}},
		{"vpc", engine.FieldVPCID, func() error {
			_, err := r.Eng.CreateSubnet(r.Ctx, engine.SubnetInput{VPCID: "vpc-x", Name: "s", CIDR: "10.0.9.0/24", AvailabilityZone: "local-1a"})
			return err
		}},
		{"private ip", engine.FieldPrivateIP, func() error {
			_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", PrivateIP: "10.0.1.1"})
			return err
		}},
		{"groups", engine.FieldSecurityGroupIDs, func() error {
			_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, Name: "n", SecurityGroupIDs: []string{"sg-x"}})
			return err
		}},
		{"flavor", engine.FieldFlavor, func() error {
			_, err := r.Eng.CreateServer(r.Ctx, engine.ServerInput{Name: "s", Flavor: "x", AvailabilityZone: "local-1a", SubnetID: r.SubnetA.ID})
			return err
		}},
		{"zone", engine.FieldServerID, func() error {
			_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: zoneB.ID, ServerID: srv.ID})
			return err
		}},
		{"primary", engine.FieldNetworkInterfaceID, func() error {
			_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: srv.PrimaryNetworkInterfaceID, ServerID: srv.ID})
			return err
		}},
		{"index", engine.FieldDeviceIndex, func() error {
			_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: r.NIC(r.SubnetA).ID, ServerID: srv.ID, DeviceIndex: fixture.IntP(9)})
			return err
		}},
		{"bandwidth", engine.FieldBandwidthMbps, func() error { _, err := r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: -1}); return err }},
		{"rule", engine.FieldSecurityGroupRules, func() error {
			_, err := r.Eng.CreateSecurityGroup(r.Ctx, engine.SecurityGroupInput{VPCID: r.VPC.ID, Name: "g", Rules: []engine.SecurityGroupRule{{Direction: "ingress", Protocol: "tcp", RemoteCIDR: "x"}}})
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			if got := engine.FieldOf(err); got != c.field {
				t.Fatalf("field %q, want %q (%v)", got, c.field, err)
			}
		})
	}
}

// regionConflictMarksWhatTheRegionHolds: a refusal is marked RegionConflict when only
// what the region holds stands in the way (a full server or subnet, a taken
// address, an object someone deleted), never when the request itself is
// wrong. The provider reports the first kind at plan as its
// region_conflicts_at_plan setting says.
func regionConflictMarksWhatTheRegionHolds(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	full := r.Server("s6.large.2", r.SubnetA) // room for one extension NIC
	r.Attach(r.NIC(r.SubnetA), full)
	taken := r.NIC(r.SubnetA)
	tiny := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
	for range 13 { // every usable address
		r.NIC(tiny)
	}
	nic := func(in engine.NetworkInterfaceInput) func() error {
		return func() error { in.Name = "n"; return r.Eng.CheckNetworkInterface(r.Ctx, in) }
	}
	attach := func(serverID string) func() error {
		return func() error {
			return r.Eng.CheckPlannedAttachment(r.Ctx, engine.PlannedAttachment{
				AttachInput: engine.AttachInput{NetworkInterfaceID: r.NIC(r.SubnetA).ID, ServerID: serverID}}, engine.NewPlanLedger())
		}
	}
	cases := []struct {
		name           string
		code           string
		regionConflict bool
		call           func() error
	}{
		{"full server", engine.CodeAttachmentLimitExceeded, true, attach(full.ID)},
		{"address taken", engine.CodeIPAddressInUse, true, nic(engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, PrivateIP: taken.PrivateIP})},
		{"full subnet", engine.CodeInsufficientFreeAddresses, true, func() error { // found by allocating, at apply
			_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: tiny.ID, Name: "n"})
			return err
		}},
		{"server deleted", engine.CodeServerNotFound, true, attach("i-0000000000000000")},
		{"subnet deleted", engine.CodeSubnetNotFound, true, nic(engine.NetworkInterfaceInput{SubnetID: "subnet-00000000"})},
		{"group deleted", engine.CodeGroupNotFound, true, nic(engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, SecurityGroupIDs: []string{"sg-00000000"}})},
		{"reserved address", engine.CodeInvalidParameterValue, false, nic(engine.NetworkInterfaceInput{SubnetID: r.SubnetA.ID, PrivateIP: "10.0.1.1"})},
		{"zone mismatch", engine.CodeAvailabilityZoneMismatch, false, func() error {
			return r.Eng.CheckPlannedAttachment(r.Ctx, engine.PlannedAttachment{
				AttachInput: engine.AttachInput{NetworkInterfaceID: r.NIC(r.SubnetB).ID, ServerID: r.Server("c7.large.2", r.SubnetA).ID}}, engine.NewPlanLedger())
		}},
		{"unknown flavor", engine.CodeFlavorNotFound, false, func() error {
			return r.Eng.CheckServer(r.Ctx, engine.ServerInput{Name: "s", Flavor: "x9.huge", AvailabilityZone: "local-1a", SubnetID: r.SubnetA.ID})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			fixture.ExpectCode(t, err, c.code)
			if got := engine.IsRegionConflict(err); got != c.regionConflict {
				t.Fatalf("IsRegionConflict = %v, want %v (%v)", got, c.regionConflict, err)
			}
		})
	}
}
