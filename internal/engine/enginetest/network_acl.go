package enginetest

import (
	"reflect"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/network_acl.go: ordered rules per direction, at most 100
// of each and each well formed (rule 21), associations like a route
// table's.

func aclRules(n int) []engine.ACLRule {
	rules := make([]engine.ACLRule, n)
	for i := range rules {
		rules[i] = engine.ACLRule{Action: "allow", Protocol: "tcp", PortRangeMin: 1000 + i, PortRangeMax: 1000 + i, RemoteCIDR: "0.0.0.0/0"}
	}
	return rules
}

func networkACLLifecycle(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	in := engine.NetworkACLInput{VPCID: r.VPC.ID, Name: "edge", Description: "the edge",
		Ingress: []engine.ACLRule{
			{Action: "deny", Protocol: "tcp", PortRangeMin: 22, PortRangeMax: 22, RemoteCIDR: "0.0.0.0/0", Description: "no ssh"},
			{Action: "allow", Protocol: "any", RemoteCIDR: "0.0.0.0/0"},
		},
		Egress: []engine.ACLRule{{Action: "allow", Protocol: "any", RemoteCIDR: "0.0.0.0/0"}},
		Tags:   map[string]string{"team": "net"}}
	acl := fixture.Must(r.Eng.CreateNetworkACL(r.Ctx, in))(t)
	if acl.ID[:len(engine.PrefixNetworkACL)] != engine.PrefixNetworkACL {
		t.Fatalf("created %+v", acl)
	}
	got := fixture.Must(r.Eng.GetNetworkACL(r.Ctx, acl.ID))(t)
	if !reflect.DeepEqual(got.NetworkACL, acl) || len(got.SubnetIDs) != 0 {
		t.Fatalf("read back %+v, want %+v", got, acl)
	}
	assoc := fixture.Must(r.Eng.AssociateNetworkACL(r.Ctx, r.SubnetA.ID, acl.ID))(t)
	if found := fixture.Must(r.Eng.FindNetworkACLAssociation(r.Ctx, r.SubnetA.ID))(t); found != assoc {
		t.Fatalf("found %+v, want %+v", found, assoc)
	}
	// Rules are replaced whole, in their new order.
	in.Ingress = []engine.ACLRule{in.Ingress[1], in.Ingress[0]}
	in.Egress = nil
	updated := fixture.Must(r.Eng.UpdateNetworkACL(r.Ctx, acl.ID, in))(t)
	got = fixture.Must(r.Eng.GetNetworkACL(r.Ctx, acl.ID))(t)
	if !reflect.DeepEqual(got.NetworkACL, updated) || got.Ingress[0].Protocol != "any" || got.Egress != nil || !reflect.DeepEqual(got.SubnetIDs, []string{r.SubnetA.ID}) {
		t.Fatalf("updated %+v", got)
	}
	second := fixture.Must(r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: r.VPC.ID, Name: "other"}))(t)
	fixture.Must(r.Eng.ReplaceNetworkACLAssociation(r.Ctx, assoc.ID, second.ID))(t)
	if s := fixture.Must(r.Eng.GetSubnet(r.Ctx, r.SubnetA.ID))(t); s.NetworkACLID != second.ID {
		t.Fatalf("subnet filtered by %q, want %s", s.NetworkACLID, second.ID)
	}
	tagged := fixture.Must(r.Eng.ListNetworkACLs(r.Ctx, engine.NetworkACLFilter{VPCID: r.VPC.ID, Tags: map[string]string{"team": "net"}}))(t)
	if len(tagged) != 1 || tagged[0].ID != acl.ID {
		t.Fatalf("listed by tag: %+v", tagged)
	}
	if err := r.Eng.DisassociateNetworkACL(r.Ctx, assoc.ID); err != nil {
		t.Fatal(err)
	}
	if s := fixture.Must(r.Eng.GetSubnet(r.Ctx, r.SubnetA.ID))(t); s.NetworkACLID != "" {
		t.Fatalf("a subnet with no association is filtered by %q", s.NetworkACLID)
	}
	for _, id := range []string{acl.ID, second.ID} {
		if err := r.Eng.DeleteNetworkACL(r.Ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	_, err := r.Eng.GetNetworkACL(r.Ctx, acl.ID)
	fixture.ExpectCode(t, err, engine.CodeNetworkACLNotFound, acl.ID)
	r.CheckInvariants()
}

func rule21ACLRulesWithinTheLimitAndWellFormed(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	full := fixture.Must(r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: r.VPC.ID, Name: "full",
		Ingress: aclRules(engine.MaxACLRulesPerDirection), Egress: aclRules(engine.MaxACLRulesPerDirection)}))(t)
	create := func(ingress, egress []engine.ACLRule) func() error {
		return func() error {
			_, err := r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: r.VPC.ID, Name: "acl", Ingress: ingress, Egress: egress})
			return err
		}
	}
	bad := func(change func(*engine.ACLRule)) []engine.ACLRule {
		rules := aclRules(2)
		change(&rules[1])
		return rules
	}
	expectNamedRefusals(t, r, []namedRefusal{
		{"101 ingress rules", create(aclRules(101), nil), engine.CodeNetworkACLEntryLimitExceeded, []string{"101 ingress rules", "at most 100"}},
		{"101 egress rules on update", func() error {
			_, err := r.Eng.UpdateNetworkACL(r.Ctx, full.ID, engine.NetworkACLInput{Name: "full", Egress: aclRules(101)})
			return err
		}, engine.CodeNetworkACLEntryLimitExceeded, []string{"101 egress rules"}},
		{"action", create(bad(func(a *engine.ACLRule) { a.Action = "drop" }), nil), engine.CodeInvalidParameterValue, []string{`action "drop"`, "allow, deny"}},
		{"protocol", create(nil, bad(func(a *engine.ACLRule) { a.Protocol = "gre" })), engine.CodeInvalidParameterValue, []string{`protocol "gre"`}},
		{"ports", create(bad(func(a *engine.ACLRule) { a.PortRangeMin, a.PortRangeMax = 90, 80 }), nil), engine.CodeInvalidParameterValue, []string{"port range 90-80"}},
		{"remote CIDR", create(bad(func(a *engine.ACLRule) { a.RemoteCIDR = "10.0.0.1/8" }), nil), engine.CodeInvalidParameterValue, []string{"rule remote CIDR", "host bits"}},
		{"missing VPC", func() error {
			_, err := r.Eng.CreateNetworkACL(r.Ctx, engine.NetworkACLInput{VPCID: "vpc-missing", Name: "acl"})
			return err
		}, engine.CodeVpcNotFound, []string{"vpc-missing"}},
	})
	for _, c := range []struct {
		ingress, egress []engine.ACLRule
		field           engine.Field
	}{
		{aclRules(101), nil, engine.FieldIngress},
		{nil, aclRules(101), engine.FieldEgress},
		{nil, bad(func(a *engine.ACLRule) { a.RemoteCIDR = "x" }), engine.FieldEgress},
		{bad(func(a *engine.ACLRule) { a.Action = "x" }), nil, engine.FieldIngress},
	} {
		expectField(t, create(c.ingress, c.egress)(), c.field)
	}
	part, err := engine.ValidateACLRule(engine.FieldIngress, engine.ACLRule{Action: "allow", Protocol: "tcp", PortRangeMin: 70000, PortRangeMax: 70000, RemoteCIDR: "0.0.0.0/0"})
	if part != "PortRangeMin" || engine.CodeOf(err) != engine.CodeInvalidParameterValue {
		t.Errorf("an out-of-range port blames %q (%v)", part, err)
	}
}
