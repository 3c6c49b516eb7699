package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// runFields checks that refusals name the argument at fault, which the
// provider uses to put a diagnostic on the right attribute.
func runFields(t *testing.T, f Factory) {
	r := newRegion(t, f, "")
	srv := r.server("c7.large.2", r.subnetA)
	zoneB := r.nic(r.subnetB)
	cases := []struct {
		name  string
		field engine.Field
		call  func() error
	}{
		{"name", engine.FieldName, func() error { _, err := r.eng.CreateVPC(r.ctx, engine.VPCInput{CIDR: "10.1.0.0/16"}); return err }},
		{"cidr", engine.FieldCIDR, func() error {
			_, err := r.eng.CreateVPC(r.ctx, engine.VPCInput{Name: "v", CIDR: "10.1.0.0"})
			return err
		}},
		{"overlap", engine.FieldCIDR, func() error {
			_, err := r.eng.CreateSubnet(r.ctx, engine.SubnetInput{VPCID: r.vpc.ID, Name: "s", CIDR: r.subnetA.CIDR, AvailabilityZone: "local-1a"})
			return err
		}},
		{"vpc", engine.FieldVPCID, func() error {
			_, err := r.eng.CreateSubnet(r.ctx, engine.SubnetInput{VPCID: "vpc-x", Name: "s", CIDR: "10.0.9.0/24", AvailabilityZone: "local-1a"})
			return err
		}},
		{"private ip", engine.FieldPrivateIP, func() error {
			_, err := r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: r.subnetA.ID, Name: "n", PrivateIP: "10.0.1.1"})
			return err
		}},
		{"groups", engine.FieldSecurityGroupIDs, func() error {
			_, err := r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: r.subnetA.ID, Name: "n", SecurityGroupIDs: []string{"sg-x"}})
			return err
		}},
		{"flavor", engine.FieldFlavor, func() error {
			_, err := r.eng.CreateServer(r.ctx, engine.ServerInput{Name: "s", Flavor: "x", AvailabilityZone: "local-1a", SubnetID: r.subnetA.ID})
			return err
		}},
		{"zone", engine.FieldServerID, func() error {
			_, err := r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: zoneB.ID, ServerID: srv.ID})
			return err
		}},
		{"primary", engine.FieldNetworkInterfaceID, func() error {
			_, err := r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: srv.PrimaryNetworkInterfaceID, ServerID: srv.ID})
			return err
		}},
		{"index", engine.FieldDeviceIndex, func() error {
			_, err := r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: r.nic(r.subnetA).ID, ServerID: srv.ID, DeviceIndex: intp(9)})
			return err
		}},
		{"bandwidth", engine.FieldBandwidthMbps, func() error { _, err := r.eng.CreateEIP(r.ctx, engine.EIPInput{BandwidthMbps: -1}); return err }},
		{"rule", engine.FieldSecurityGroupRules, func() error {
			_, err := r.eng.CreateSecurityGroup(r.ctx, engine.SecurityGroupInput{VPCID: r.vpc.ID, Name: "g", Rules: []engine.SecurityGroupRule{{Direction: "ingress", Protocol: "tcp", RemoteCIDR: "x"}}})
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
