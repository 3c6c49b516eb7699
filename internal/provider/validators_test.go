package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// The description limit counts characters, as the docs say: 255 characters
// of a script that takes three bytes each are accepted, 256 are not.
func TestDescriptionLimitCountsCharacters(t *testing.T) {
	attr := descriptionAttribute()
	for n, wantError := range map[int]bool{engine.MaxDescriptionLength: false, engine.MaxDescriptionLength + 1: true} {
		resp := validateString(attr.Validators, strings.Repeat("説", n))
		if resp.Diagnostics.HasError() != wantError {
			t.Errorf("%d characters: error %v, want %v: %v", n, resp.Diagnostics.HasError(), wantError, resp.Diagnostics)
		}
	}
}

// validateString runs validators on s at attribute "description".
func validateString(validators []validator.String, s string) *validator.StringResponse {
	req := validator.StringRequest{Path: path.Root("description"), ConfigValue: types.StringValue(s)}
	resp := &validator.StringResponse{}
	for _, v := range validators {
		v.ValidateString(context.Background(), req, resp)
	}
	return resp
}

// The rules validator puts a bad rule's refusal on the attribute at fault
// in that element, judges only the known parts of a rule, and counts the
// distinct rules of each direction against the limit.
func TestSecurityGroupRulesValidator(t *testing.T) {
	rule := func(direction, protocol string, from, to int64, cidr string) attr.Value {
		return types.ObjectValueMust(securityGroupRuleType.AttrTypes, map[string]attr.Value{
			"direction": types.StringValue(direction), "protocol": types.StringValue(protocol),
			"port_range_min": wholeNumberOf(types.Int64Value(from)), "port_range_max": wholeNumberOf(types.Int64Value(to)), "remote_cidr": types.StringValue(cidr),
		})
	}
	unknownCIDR := types.ObjectValueMust(securityGroupRuleType.AttrTypes, map[string]attr.Value{
		"direction": types.StringUnknown(), "protocol": types.StringValue("udp"),
		"port_range_min": wholeNumberOf(types.Int64Unknown()), "port_range_max": wholeNumberOf(types.Int64Value(53)), "remote_cidr": types.StringUnknown(),
	})
	many := func(direction string, n int) []attr.Value {
		var rules []attr.Value
		for i := range n {
			rules = append(rules, rule(direction, "tcp", int64(i), int64(i), "10.0.0.0/8"))
		}
		return rules
	}
	at := path.Root("rules")
	for _, tc := range []struct {
		name    string
		rules   []attr.Value
		wantAt  path.Path
		wantSay string // "": no diagnostic
	}{
		{"valid", []attr.Value{rule("ingress", "tcp", 22, 22, "10.0.0.0/8"), unknownCIDR}, path.Empty(), ""},
		{"direction", []attr.Value{rule("inbound", "tcp", 22, 22, "10.0.0.0/8")}, at.AtListIndex(0).AtName("direction"), `direction "inbound"`},
		{"protocol", []attr.Value{rule("egress", "sctp", 22, 22, "10.0.0.0/8")}, at.AtListIndex(0).AtName("protocol"), `protocol "sctp"`},
		{"first port", []attr.Value{rule("ingress", "tcp", -1, 22, "10.0.0.0/8")}, at.AtListIndex(0).AtName("port_range_min"), "-1-22"},
		{"range reversed", []attr.Value{rule("ingress", "tcp", 443, 80, "10.0.0.0/8")}, at.AtListIndex(0).AtName("port_range_max"), "443-80"},
		{"last port", []attr.Value{rule("ingress", "tcp", 0, 65536, "10.0.0.0/8")}, at.AtListIndex(0).AtName("port_range_max"), "0-65536"},
		{"cidr", []attr.Value{rule("ingress", "tcp", 22, 22, "10.0.0.1/8")}, at.AtListIndex(0).AtName("remote_cidr"), "host bits"},
		{"the limit of each direction", append(many("ingress", engine.MaxRulesPerDirection), many("egress", engine.MaxRulesPerDirection)...), path.Empty(), ""},
		{"one over", append(many("egress", engine.MaxRulesPerDirection+1), unknownCIDR), at, "101 egress rules were given"},
		{"identical rules count once", append(many("ingress", engine.MaxRulesPerDirection), rule("ingress", "tcp", 0, 0, "10.0.0.0/8")), path.Empty(), ""},
		{"the place in the list", []attr.Value{rule("ingress", "tcp", 22, 22, "10.0.0.0/8"), rule("egress", "tcp", 22, 22, "10.0.0.1/8")}, at.AtListIndex(1).AtName("remote_cidr"), "host bits"},
		{"unknown directions are not counted", append(many("ingress", engine.MaxRulesPerDirection), unknownCIDR), path.Empty(), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := &validator.ListResponse{}
			req := validator.ListRequest{Path: at, ConfigValue: types.ListValueMust(securityGroupRuleType, tc.rules)}
			newSecurityGroupRulesValidator().ValidateList(context.Background(), req, resp)
			if tc.wantSay == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("refused: %v", resp.Diagnostics)
				}
				return
			}
			if len(resp.Diagnostics) != 1 {
				t.Fatalf("%d diagnostics, want 1: %v", len(resp.Diagnostics), resp.Diagnostics)
			}
			d := resp.Diagnostics[0]
			if got := d.(diag.DiagnosticWithPath).Path(); !got.Equal(tc.wantAt) {
				t.Errorf("diagnostic on %s, want %s", got, tc.wantAt)
			}
			if !strings.Contains(d.Detail(), tc.wantSay) {
				t.Errorf("diagnostic says %q, want %q in it", d.Detail(), tc.wantSay)
			}
		})
	}
}
