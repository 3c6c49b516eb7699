package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// BenchmarkSecurityGroupRules measures what the CLI's plan of a new group
// costs the provider per size of rules: validation, then the plan;
// validation refuses the size over the limit. ratio-per-rule is each size's
// cost per rule over the smallest size's, 1 when linear. It stays above 1:
// the framework finds set elements by comparing values, both when it walks
// nested attributes and when it compares plans.
//
//	go test ./internal/provider -run '^$' -bench 'SecurityGroupRules$' -benchmem
func BenchmarkSecurityGroupRules(b *testing.B) {
	s := newProtoServer(b, New("bench")(), map[string]tftypes.Value{"store": str(filepath.Join(b.TempDir(), "engine.db"))})
	vpc := s.create("eni_vpc", map[string]tftypes.Value{"name": str("bench"), "cidr": str("10.0.0.0/16")})
	perRule := costPerRule{}
	for _, n := range benchSizes {
		cfg := s.value(s.schemas["eni_security_group"], map[string]tftypes.Value{
			"vpc_id": s.attr("eni_vpc", vpc, "id"), "name": str("bench"), "rules": benchRules(s, n),
		})
		prior := s.null("eni_security_group")
		ctx := context.Background()
		overLimit := n > 2*engine.MaxRulesPerDirection
		b.Run(fmt.Sprintf("rules=%d/ValidateResourceConfig", n), func(b *testing.B) {
			for range b.N {
				r, err := s.srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "eni_security_group", Config: &cfg})
				if err != nil || diagsFail(r.Diagnostics) != overLimit {
					b.Fatalf("%d rules: error %v, diagnostics %v, want a refusal: %v", n, err, r.Diagnostics, overLimit)
				}
			}
			perRule.report(b, "validate", n)
		})
		b.Run(fmt.Sprintf("rules=%d/PlanResourceChange", n), func(b *testing.B) {
			for range b.N {
				r, err := s.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "eni_security_group", PriorState: &prior, ProposedNewState: &cfg, Config: &cfg})
				if err != nil || diagsFail(r.Diagnostics) {
					b.Fatal(err, r.Diagnostics)
				}
			}
			perRule.report(b, "plan", n)
		})
	}
}

// costPerRule remembers each request's cost per rule at the first size
// benchmarked (its last, longest run), the baseline of the ratio the other
// sizes report.
type costPerRule map[string]float64

func (c costPerRule) report(b *testing.B, request string, n int) {
	cost := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(n)
	if n == benchSizes[0] {
		c[request] = cost
	}
	b.ReportMetric(cost/c[request], "ratio-per-rule")
}

// benchRules is n distinct rules, ingress and egress in turn, as a value of
// the rules attribute.
func benchRules(s *protoServer, n int) tftypes.Value {
	typ := s.schemas["eni_security_group"].ValueType().(tftypes.Object).AttributeTypes["rules"].(tftypes.Set)
	obj := typ.ElementType.(tftypes.Object)
	rules := make([]tftypes.Value, n)
	for i := range n {
		rules[i] = tftypes.NewValue(obj, map[string]tftypes.Value{
			"direction":      str(engine.RuleDirections[i%2]),
			"protocol":       str("tcp"),
			"port_range_min": tftypes.NewValue(tftypes.Number, i/2),
			"port_range_max": tftypes.NewValue(tftypes.Number, i/2),
			"remote_cidr":    str("10.0.0.0/8"),
		})
	}
	return tftypes.NewValue(typ, rules)
}

// benchSizes are the rule counts benchmarked: half the limit, the limit
// (100 of each direction) and a size validation refuses.
var benchSizes = []int{100, 200, 1000}
