package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

func testRule(direction string, port int64) attr.Value {
	return types.ObjectValueMust(securityGroupRuleType.AttrTypes, map[string]attr.Value{
		"direction": types.StringValue(direction), "protocol": types.StringValue("tcp"),
		"port_range_min": wholeNumberOf(types.Int64Value(port)), "port_range_max": wholeNumberOf(types.Int64Value(port)), "remote_cidr": types.StringValue("10.0.0.0/8"),
	})
}

func testRules(rules ...attr.Value) types.List {
	return types.ListValueMust(securityGroupRuleType, rules)
}

// The plan keeps the order of state for the same rules, in another order or
// with one repeated, and plans anything else as configured.
func TestRulesKeepOrderOfState(t *testing.T) {
	a, b, c := testRule("ingress", 22), testRule("egress", 443), testRule("ingress", 80)
	partlyUnknown := types.ObjectValueMust(securityGroupRuleType.AttrTypes, map[string]attr.Value{
		"direction": types.StringValue("ingress"), "protocol": types.StringValue("tcp"),
		"port_range_min": wholeNumberOf(types.Int64Value(22)), "port_range_max": wholeNumberOf(types.Int64Value(22)), "remote_cidr": types.StringUnknown(),
	})
	state := testRules(a, b)
	for _, tc := range []struct {
		name        string
		plan, state types.List
		keepsState  bool
	}{
		{"same order", testRules(a, b), state, true},
		{"another order", testRules(b, a), state, true},
		{"a rule repeated", testRules(b, a, b), state, true},
		{"a rule added", testRules(b, a, c), state, false},
		{"a rule removed", testRules(b), state, false},
		{"a rule replaced", testRules(b, c), state, false},
		{"no rules left", testRules(), state, false},
		{"a rule not known yet", testRules(b, partlyUnknown), state, false},
		{"rules not known yet", types.ListUnknown(securityGroupRuleType), state, false},
		{"a new group", testRules(a, b), types.ListNull(securityGroupRuleType), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := planmodifier.ListRequest{PlanValue: tc.plan, ConfigValue: tc.plan, StateValue: tc.state}
			resp := &planmodifier.ListResponse{PlanValue: tc.plan}
			newRulesKeepOrderOfState().PlanModifyList(context.Background(), req, resp)
			want := tc.plan
			if tc.keepsState {
				want = tc.state
			}
			if !resp.PlanValue.Equal(want) {
				t.Errorf("planned %s, want %s", resp.PlanValue, want)
			}
		})
	}
}

// After apply and refresh, rules keep the order they had when the engine
// holds the same rules, and take the engine's when it holds others.
func TestRulesInOrderOf(t *testing.T) {
	a, b, c := testRule("ingress", 22), testRule("egress", 443), testRule("ingress", 80)
	if got, want := rulesInOrderOf(testRules(b, a, b), testRules(a, b)), testRules(b, a, b); !got.Equal(want) {
		t.Errorf("same rules gave %s, want %s", got, want)
	}
	if got, want := rulesInOrderOf(testRules(b, a), testRules(a, c)), testRules(a, c); !got.Equal(want) {
		t.Errorf("changed rules gave %s, want %s", got, want)
	}
	if got, want := rulesInOrderOf(types.ListNull(securityGroupRuleType), testRules(a)), testRules(a); !got.Equal(want) {
		t.Errorf("an import gave %s, want %s", got, want)
	}
}

// A rule given twice reaches the engine once.
func TestSecurityGroupInputOfIdenticalRules(t *testing.T) {
	var diags diag.Diagnostics
	m := securityGroupResourceModel{Rules: testRules(testRule("ingress", 22), testRule("egress", 22), testRule("ingress", 22))}
	in := securityGroupInputOf(context.Background(), m, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := []engine.SecurityGroupRule{
		{Direction: "ingress", Protocol: "tcp", PortRangeMin: 22, PortRangeMax: 22, RemoteCIDR: "10.0.0.0/8"},
		{Direction: "egress", Protocol: "tcp", PortRangeMin: 22, PortRangeMax: 22, RemoteCIDR: "10.0.0.0/8"},
	}
	if len(in.Rules) != len(want) || in.Rules[0] != want[0] || in.Rules[1] != want[1] {
		t.Errorf("engine rules %+v, want %+v", in.Rules, want)
	}
}

// A state of version 0, whose rules were a set, upgrades to the list of the
// same rules in the same order, the rest as it was.
func TestSecurityGroupUpgradeStateFromSet(t *testing.T) {
	s := newProtoServer(t, New("test")(), map[string]tftypes.Value{"store": str(t.TempDir() + "/engine.db")})
	v0 := []byte(`{"id":"sg-0123456789abcdef","vpc_id":"vpc-0123456789abcdef","name":"web","description":"",` +
		`"rules":[{"direction":"ingress","port_range_max":22,"port_range_min":22,"protocol":"tcp","remote_cidr":"10.0.0.0/8"},` +
		`{"direction":"egress","port_range_max":65535,"port_range_min":0,"protocol":"any","remote_cidr":"0.0.0.0/0"}],` +
		`"tags":null,"tags_all":{}}`)
	resp, err := s.srv.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: "eni_security_group", Version: 0, RawState: &tfprotov6.RawState{JSON: v0},
	})
	if err != nil || diagsFail(resp.Diagnostics) {
		t.Fatalf("upgrade: %v %v", err, resp.Diagnostics)
	}
	rules := s.attr("eni_security_group", *resp.UpgradedState, "rules")
	var elems []tftypes.Value
	if err := rules.As(&elems); err != nil || len(elems) != 2 {
		t.Fatalf("rules %s (%v), want a list of 2", rules, err)
	}
	var first map[string]tftypes.Value
	var direction string
	if err := elems[0].As(&first); err != nil || first["direction"].As(&direction) != nil || direction != "ingress" {
		t.Errorf("first rule %s, want the ingress rule", elems[0])
	}
	if name := s.attr("eni_security_group", *resp.UpgradedState, "name"); !name.Equal(str("web")) {
		t.Errorf("name %s, want web", name)
	}
}
