package enginetest

import (
	"slices"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of the rules engine/security_group.go applies: 10 (a NIC's groups
// exist, are in its VPC and number at most 5) and 11 (a group in use stays),
// and the limit of rules a group holds.

func rule10GroupsExistInTheVPCAtMostFive(t *testing.T, f fixture.Factory) {
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
}

func rule11GroupInUseStays(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	n := r.NIC(r.SubnetA, r.SG1.ID)
	before := r.Snapshot()
	fixture.ExpectCode(t, r.Eng.DeleteSecurityGroup(r.Ctx, r.SG1.ID), engine.CodeDependencyViolation, r.SG1.ID, n.ID)
	r.Unchanged(before)
	if err := r.Eng.DeleteNetworkInterface(r.Ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.Eng.DeleteSecurityGroup(r.Ctx, r.SG1.ID); err != nil {
		t.Fatal(err)
	}
	r.CheckInvariants()
}

// rulesPerGroupAtMostTheLimit: a group holds 100 rules of each direction;
// one more of either is refused at creation and at update.
func rulesPerGroupAtMostTheLimit(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	full := slices.Concat(distinctRules("ingress", engine.MaxRulesPerDirection), distinctRules("egress", engine.MaxRulesPerDirection))
	g := fixture.Must(r.Eng.CreateSecurityGroup(r.Ctx, engine.SecurityGroupInput{VPCID: r.VPC.ID, Name: "full", Rules: full}))(t)
	if len(g.Rules) != 2*engine.MaxRulesPerDirection {
		t.Fatalf("%d rules stored, want %d", len(g.Rules), 2*engine.MaxRulesPerDirection)
	}
	before := r.Snapshot()
	_, err := r.Eng.CreateSecurityGroup(r.Ctx, engine.SecurityGroupInput{VPCID: r.VPC.ID, Name: "over",
		Rules: distinctRules("ingress", engine.MaxRulesPerDirection+1)})
	fixture.ExpectCode(t, err, engine.CodeRulesPerSecurityGroupLimit, "101 ingress rules", "at most 100")
	_, err = r.Eng.UpdateSecurityGroup(r.Ctx, g.ID, engine.SecurityGroupInput{Name: "full",
		Rules: append(full, distinctRules("egress", engine.MaxRulesPerDirection+1)[engine.MaxRulesPerDirection])})
	fixture.ExpectCode(t, err, engine.CodeRulesPerSecurityGroupLimit, "101 egress rules", "at most 100")
	if engine.FieldOf(err) != engine.FieldSecurityGroupRules {
		t.Errorf("field %q, want %q", engine.FieldOf(err), engine.FieldSecurityGroupRules)
	}
	r.Unchanged(before)
}

// distinctRules is n different TCP rules of a direction, one port each.
func distinctRules(direction string, n int) []engine.SecurityGroupRule {
	rules := make([]engine.SecurityGroupRule, n)
	for i := range rules {
		rules[i] = engine.SecurityGroupRule{Direction: direction, Protocol: "tcp", PortRangeMin: 1000 + i, PortRangeMax: 1000 + i, RemoteCIDR: "10.0.0.0/8"}
	}
	return rules
}
