package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of the rules engine/subnet.go applies: 11 (a subnet in use stays)
// and its input checks.

func rule11SubnetInUseStays(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	r.NIC(r.SubnetA)
	before := r.Snapshot()
	fixture.ExpectCode(t, r.Eng.DeleteSubnet(r.Ctx, r.SubnetA.ID), engine.CodeDependencyViolation, r.SubnetA.ID, "1 network interface")
	r.Unchanged(before)
}

// badSubnetInput is what a subnet's arguments may get wrong.
func badSubnetInput(r *fixture.Region) []refusal {
	create := func(in engine.SubnetInput) func() error {
		return func() error {
			in.VPCID, in.Name = r.VPC.ID, "s"
			_, err := r.Eng.CreateSubnet(r.Ctx, in)
			return err
		}
	}
	return []refusal{
		{"subnet outside VPC", create(engine.SubnetInput{CIDR: "10.9.0.0/24", AvailabilityZone: "local-1a"}), engine.CodeSubnetRange, "not inside VPC"},
		{"overlapping subnet", create(engine.SubnetInput{CIDR: "10.0.1.128/25", AvailabilityZone: "local-1a"}), engine.CodeSubnetConflict, r.SubnetA.ID},
		{"unknown zone", create(engine.SubnetInput{CIDR: "10.0.7.0/24", AvailabilityZone: "local-9z"}), engine.CodeInvalidParameterValue, "local-1a, local-1b, local-1c"},
		{"gateway outside", create(engine.SubnetInput{CIDR: "10.0.7.0/24", AvailabilityZone: "local-1a", GatewayIP: "10.0.8.1"}), engine.CodeInvalidParameterValue, "gateway IP 10.0.8.1"},
		{"gateway is broadcast", create(engine.SubnetInput{CIDR: "10.0.7.0/24", AvailabilityZone: "local-1a", GatewayIP: "10.0.7.255"}), engine.CodeInvalidParameterValue, "not a host address"},
	}
}
