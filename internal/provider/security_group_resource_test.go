package provider

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

func TestSecurityGroupErrorPath(t *testing.T) {
	wantErrorPaths(t, "securityGroupErrorPath", securityGroupErrorPath, []errorPathCase{
		{codedError(engine.CodeVpcNotFound, engine.FieldVPCID, "VPC vpc-1 does not exist"), path.Root("vpc_id")},
		{codedError(engine.CodeInvalidParameterValue, engine.FieldSecurityGroupRules, `rule direction "x" is not one of ingress, egress`), path.Root("rules")},
		{codedError(engine.CodeInvalidParameterValue, engine.FieldSecurityGroupRules, `rule remote_cidr "x" is not an IPv4 CIDR block`), path.Root("rules")},
		{codedError(engine.CodeInvalidParameterValue, engine.FieldName, `name must not be empty`), path.Root("name")},
		{codedError(engine.CodeInvalidParameterValue, engine.FieldDescription, `description is 300 characters long`), path.Root("description")},
		{codedError(engine.CodeDependencyViolation, "", "security group still used"), path.Empty()},
		{errors.New("disk full"), path.Empty()},
	})
}

// TestSecurityGroupRulesRoundTrip converts rules to the engine and back.
func TestSecurityGroupRulesRoundTrip(t *testing.T) {
	ctx := context.Background()
	g := engine.SecurityGroup{ID: "sg-1", VPCID: "vpc-1", Name: "n", Rules: []engine.SecurityGroupRule{
		{Direction: "ingress", Protocol: "tcp", PortRangeMin: 22, PortRangeMax: 22, RemoteCIDR: "10.0.0.0/8"},
		{Direction: "egress", Protocol: "any", PortRangeMin: 0, PortRangeMax: 65535, RemoteCIDR: "0.0.0.0/0"},
	}}
	var diags diag.Diagnostics
	m := securityGroupModelOf(ctx, g, &diags)
	in := securityGroupInputOf(ctx, m, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(in.Rules) != 2 || in.VPCID != "vpc-1" || in.Name != "n" {
		t.Fatalf("round trip gave %+v", in)
	}
	for _, want := range g.Rules {
		found := false
		for _, got := range in.Rules {
			found = found || got == want
		}
		if !found {
			t.Errorf("rule %+v lost in the round trip: %+v", want, in.Rules)
		}
	}
	empty := securityGroupModelOf(ctx, engine.SecurityGroup{ID: "sg-2"}, &diags)
	if empty.Rules.IsNull() || len(empty.Rules.Elements()) != 0 {
		t.Errorf("a group without rules gives %s, want an empty set", empty.Rules)
	}
	if in := securityGroupInputOf(ctx, empty, &diags); in.Rules == nil || len(in.Rules) != 0 {
		t.Errorf("an empty set gives rules %#v, want an empty slice", in.Rules)
	}
}
