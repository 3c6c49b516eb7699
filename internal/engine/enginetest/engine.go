package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of what engine/engine.go applies for every kind of object: 12 (an
// unknown ID is refused with its kind's NotFound code) and the engine's
// own options.

func rule12UnknownIDs(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.large.2", r.SubnetA)
	n := r.NIC(r.SubnetA)
	expectRefusals(t, r, []refusal{
		{"get NIC", func() error { _, err := r.Eng.GetNetworkInterface(r.Ctx, "eni-missing"); return err }, engine.CodeNetworkInterfaceNotFound, "eni-missing"},
		{"attach to a missing server", func() error {
			_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: "srv-missing"})
			return err
		}, engine.CodeServerNotFound, "srv-missing"},
		{"attach a missing NIC", func() error {
			_, err := r.Eng.AttachNetworkInterface(r.Ctx, engine.AttachInput{NetworkInterfaceID: "eni-missing", ServerID: srv.ID})
			return err
		}, engine.CodeNetworkInterfaceNotFound, "eni-missing"},
		{"get server", func() error { _, err := r.Eng.GetServer(r.Ctx, "srv-missing"); return err }, engine.CodeServerNotFound, ""},
		{"get VPC", func() error { _, err := r.Eng.GetVPC(r.Ctx, "vpc-missing"); return err }, engine.CodeVpcNotFound, ""},
		{"subnet in a missing VPC", func() error {
			_, err := r.Eng.CreateSubnet(r.Ctx, engine.SubnetInput{VPCID: "vpc-missing", Name: "s", CIDR: "10.0.0.0/24", AvailabilityZone: "local-1a"})
			return err
		}, engine.CodeVpcNotFound, ""},
		{"NIC in a missing subnet", func() error {
			_, err := r.Eng.CreateNetworkInterface(r.Ctx, engine.NetworkInterfaceInput{SubnetID: "subnet-missing", Name: "n"})
			return err
		}, engine.CodeSubnetNotFound, ""},
		{"get EIP", func() error { _, err := r.Eng.GetEIP(r.Ctx, "eip-missing"); return err }, engine.CodeEipNotFound, ""},
		{"EIP for a missing NIC", func() error {
			_, err := r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: "eni-missing"})
			return err
		}, engine.CodeNetworkInterfaceNotFound, ""},
		{"get security group", func() error { _, err := r.Eng.GetSecurityGroup(r.Ctx, "sg-missing"); return err }, engine.CodeGroupNotFound, ""},
		{"delete server", func() error { return r.Eng.DeleteServer(r.Ctx, "srv-missing") }, engine.CodeServerNotFound, ""},
	})
}

// badEngineOptions are the options an engine refuses to start with.
func badEngineOptions() []refusal {
	return []refusal{
		{"bad attachment rule", func() error { _, err := engine.New(nil, engine.Options{AttachmentSubnetRule: "any"}); return err }, engine.CodeInvalidParameterValue, "same_subnet"},
	}
}
