package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of the rules engine/vpc.go applies: 11 (a VPC that holds subnets
// or groups stays).

func rule11VPCInUseStays(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	r.NIC(r.SubnetA, r.SG1.ID)
	before := r.Snapshot()
	fixture.ExpectCode(t, r.Eng.DeleteVPC(r.Ctx, r.VPC.ID), engine.CodeDependencyViolation, r.VPC.ID, "3 subnets", "2 security groups")
	r.Unchanged(before)
}
