package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// BenchmarkSecurityGroupRules measures what the CLI's plan of a new group
// costs the provider per size of rules: validation, then the plan. Both
// must grow linearly with the rules.
//
//	go test ./internal/provider -run '^$' -bench SecurityGroupRules -benchmem
func BenchmarkSecurityGroupRules(b *testing.B) {
	s := newProtoServer(b, New("bench")(), map[string]tftypes.Value{"store": str(filepath.Join(b.TempDir(), "engine.db"))})
	vpc := s.create("eni_vpc", map[string]tftypes.Value{"name": str("bench"), "cidr": str("10.0.0.0/16")})
	for _, n := range benchSizes {
		cfg := s.value(s.schemas["eni_security_group"], map[string]tftypes.Value{
			"vpc_id": s.attr("eni_vpc", vpc, "id"), "name": str("bench"), "rules": benchRules(s, n),
		})
		prior := s.null("eni_security_group")
		ctx := context.Background()
		b.Run(fmt.Sprintf("rules=%d/ValidateResourceConfig", n), func(b *testing.B) {
			for range b.N {
				if _, err := s.srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "eni_security_group", Config: &cfg}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("rules=%d/PlanResourceChange", n), func(b *testing.B) {
			for range b.N {
				r, err := s.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "eni_security_group", PriorState: &prior, ProposedNewState: &cfg, Config: &cfg})
				if err != nil || diagsFail(r.Diagnostics) {
					b.Fatal(err, r.Diagnostics)
				}
			}
		})
	}
}

// benchRules is n distinct ingress rules, as a value of the rules attribute.
func benchRules(s *protoServer, n int) tftypes.Value {
	typ := s.schemas["eni_security_group"].ValueType().(tftypes.Object).AttributeTypes["rules"].(tftypes.Set)
	obj := typ.ElementType.(tftypes.Object)
	rules := make([]tftypes.Value, n)
	for i := range n {
		rules[i] = tftypes.NewValue(obj, map[string]tftypes.Value{
			"direction":      str("ingress"),
			"protocol":       str("tcp"),
			"port_range_min": tftypes.NewValue(tftypes.Number, i),
			"port_range_max": tftypes.NewValue(tftypes.Number, i),
			"remote_cidr":    str("10.0.0.0/8"),
		})
	}
	return tftypes.NewValue(typ, rules)
}

// benchSizes are the rule counts benchmarked; the cost of both requests
// grows with the square of the rules today (framework set-element paths).
var benchSizes = []int{100, 1000}
