package provider

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// aclRulesConfig is a network ACL's configuration whose ingress holds n
// valid rules, then bad (when not nil), valid but for what bad changes.
func aclRulesConfig(s *protoServer, n int, bad map[string]tftypes.Value) tfprotov6.DynamicValue {
	return aclRulesConfigIn(s, str("vpc-0123456789abcdef"), n, bad)
}

// aclRulesConfigIn is aclRulesConfig in the VPC vpcID.
func aclRulesConfigIn(s *protoServer, vpcID tftypes.Value, n int, bad map[string]tftypes.Value) tfprotov6.DynamicValue {
	schema := s.schemas["eni_network_acl"]
	listType := schema.ValueType().(tftypes.Object).AttributeTypes["ingress"].(tftypes.List)
	ruleType := listType.ElementType.(tftypes.Object)
	rule := func(port int, change map[string]tftypes.Value) tftypes.Value {
		attrs := map[string]tftypes.Value{
			"action": str("allow"), "protocol": str("tcp"), "remote_cidr": str("0.0.0.0/0"),
			"port_range_min": tftypes.NewValue(tftypes.Number, port), "port_range_max": tftypes.NewValue(tftypes.Number, port),
			"description": tftypes.NewValue(tftypes.String, nil),
		}
		for k, v := range change {
			attrs[k] = v
		}
		return tftypes.NewValue(ruleType, attrs)
	}
	var rules []tftypes.Value
	for i := range n {
		rules = append(rules, rule(1000+i, nil))
	}
	if bad != nil {
		rules = append(rules, rule(80, bad))
	}
	return s.value(schema, map[string]tftypes.Value{
		"vpc_id": vpcID, "name": str("edge"),
		"ingress": tftypes.NewValue(listType, rules),
	})
}

// pathOf renders a diagnostic's attribute path as ingress[2].port_range_max.
func pathOf(d *tfprotov6.Diagnostic) string {
	if d.Attribute == nil {
		return ""
	}
	var b strings.Builder
	for _, step := range d.Attribute.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			if b.Len() > 0 {
				b.WriteString(".")
			}
			b.WriteString(string(s))
		case tftypes.ElementKeyInt:
			b.WriteString("[" + strconv.Itoa(int(s)) + "]")
		}
	}
	return b.String()
}

// A malformed rule is refused at validation on the part of the rule at
// fault (rule 21), and a 101st rule on itself, with the engine's code.
func TestNetworkACL_ruleRefusedOnThePartAtFault(t *testing.T) {
	s := newValidationServer(t)
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	for _, c := range []struct {
		name     string
		valid    int
		bad      map[string]tftypes.Value
		path     string
		code     string
		contains string
	}{
		{"last port before the first", 2, map[string]tftypes.Value{"port_range_min": num(443), "port_range_max": num(80)},
			"ingress[2].port_range_max", engine.CodeInvalidParameterValue, "port range 443-80"},
		{"first port out of range", 3, map[string]tftypes.Value{"port_range_min": num(-1)},
			"ingress[3].port_range_min", engine.CodeInvalidParameterValue, "port range -1-80"},
		{"CIDR with host bits", 0, map[string]tftypes.Value{"remote_cidr": str("10.0.0.1/8")},
			"ingress[0].remote_cidr", engine.CodeInvalidParameterValue, "its network is 10.0.0.0/8"},
		{"unknown protocol", 1, map[string]tftypes.Value{"protocol": str("sctp")},
			"ingress[1].protocol", engine.CodeInvalidParameterValue, `protocol "sctp"`},
		{"unknown action", 1, map[string]tftypes.Value{"action": str("reject")},
			"ingress[1].action", engine.CodeInvalidParameterValue, `action "reject"`},
		{"long description", 1, map[string]tftypes.Value{"description": str(strings.Repeat("x", engine.MaxDescriptionLength+1))},
			"ingress[1].description", engine.CodeInvalidParameterValue, "description"},
		{"101st rule", engine.MaxACLRulesPerDirection + 1, nil,
			"ingress[100]", engine.CodeNetworkACLEntryLimitExceeded, "101 ingress rules were given"},
	} {
		t.Run(c.name, func(t *testing.T) {
			diags := s.validate("eni_network_acl", aclRulesConfig(s, c.valid, c.bad))
			expectNoProviderFault(t, diags)
			var errs []*tfprotov6.Diagnostic
			for _, d := range diags {
				if d.Severity == tfprotov6.DiagnosticSeverityError {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("%d errors, want 1: %v", len(errs), diags)
			}
			d := errs[0]
			if got := pathOf(d); got != c.path {
				t.Errorf("refused on %q, want %q", got, c.path)
			}
			if !strings.Contains(d.Detail, "["+c.code+"]") || !strings.Contains(d.Detail, c.contains) {
				t.Errorf("the refusal %q does not quote [%s] and say %q", d.Detail, c.code, c.contains)
			}
		})
	}
	if diags := s.validate("eni_network_acl", aclRulesConfig(s, engine.MaxACLRulesPerDirection, nil)); len(diags) != 0 {
		t.Errorf("100 valid rules refused: %v", diags)
	}
}

// Rule 21 at apply: rules that reach the apply though the plan would have
// refused them (a plan made by a provider that let them through) are
// refused by the engine with its code, and nothing is written. The count
// and form of an ACL's rules are the configuration's alone, so no change of
// the region between plan and apply can bring this about through a CLI.
func TestNetworkACL_applyRefusesRulesThePlanLetThrough(t *testing.T) {
	env := newTestEnv(t)
	s := newProtoServer(t, New("test")(), map[string]tftypes.Value{"store": str(env.store)})
	vpc := s.create("eni_vpc", map[string]tftypes.Value{"name": str("core"), "cidr": str("10.0.0.0/16")})
	vpcID := s.attr("eni_vpc", vpc, "id")
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	for _, c := range []struct {
		name     string
		valid    int
		bad      map[string]tftypes.Value
		path     string
		code     string
		contains string
	}{
		{"101st rule", engine.MaxACLRulesPerDirection + 1, nil, "ingress", engine.CodeNetworkACLEntryLimitExceeded, "101 ingress rules"},
		{"last port before the first", 2, map[string]tftypes.Value{"port_range_min": num(443), "port_range_max": num(80)},
			"ingress", engine.CodeInvalidParameterValue, "port range 443-80"},
	} {
		t.Run(c.name, func(t *testing.T) {
			planned := aclRulesConfigIn(s, vpcID, c.valid, c.bad)
			prior := s.null("eni_network_acl")
			resp, err := s.srv.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{TypeName: "eni_network_acl",
				PriorState: &prior, PlannedState: &planned, Config: &planned})
			if err != nil {
				t.Fatal(err)
			}
			expectNoProviderFault(t, resp.Diagnostics)
			if got := errorSummaries(resp.Diagnostics); !strings.Contains(got, "["+c.code+"]") || !strings.Contains(got, c.contains) {
				t.Fatalf("apply said %q, want [%s] and %q", got, c.code, c.contains)
			}
			for _, d := range resp.Diagnostics {
				if got := pathOf(d); d.Severity == tfprotov6.DiagnosticSeverityError && got != c.path {
					t.Errorf("refused on %q, want %q", got, c.path)
				}
			}
			acls, err := env.engine.ListNetworkACLs(context.Background(), engine.NetworkACLFilter{})
			if err != nil || len(acls) != 0 {
				t.Fatalf("the refused apply left %v (%v)", acls, err)
			}
		})
	}
}
