package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// BenchmarkSecurityGroupRules measures what the CLI's requests for one
// group cost the provider per size of rules: validation, the plan of a new
// group, and the re-plan with no change of a group that holds the rules.
// cpu-ns/op is the process's CPU time (its GC included) per request, which
// a busy machine disturbs less than the time per request. Sizes double, so
// x-per-doubling (each size's CPU time over the size before it) is 2 when
// the cost is linear in the rules, 4 when it is quadratic.
// The last size is over the limit, and only validated: validation refuses it.
//
//	go test ./internal/provider -run '^$' -bench 'SecurityGroupRules$' -benchmem -count=5
func BenchmarkSecurityGroupRules(b *testing.B) {
	s := newProtoServer(b, New("bench")(), map[string]tftypes.Value{"store": str(filepath.Join(b.TempDir(), "engine.db"))})
	vpc := s.create("eni_vpc", map[string]tftypes.Value{"name": str("bench"), "cidr": str("10.0.0.0/16")})
	cost := costPerSize{}
	ctx := context.Background()
	for _, perDirection := range benchRulesPerDirection {
		attrs := map[string]tftypes.Value{"vpc_id": s.attr("eni_vpc", vpc, "id"), "name": str("bench"), "rules": benchRules(s, 2*perDirection)}
		cfg := s.value(s.schemas["eni_security_group"], attrs)
		overLimit := perDirection > engine.MaxRulesPerDirection
		name := fmt.Sprintf("per_direction=%d", perDirection)
		b.Run(name+"/ValidateResourceConfig", func(b *testing.B) {
			cpu := processCPU()
			for range b.N {
				r, err := s.srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "eni_security_group", Config: &cfg})
				if err != nil || diagsFail(r.Diagnostics) != overLimit {
					b.Fatalf("%d rules per direction: error %v, diagnostics %v, want a refusal: %v", perDirection, err, r.Diagnostics, overLimit)
				}
			}
			cost.report(b, "validate", perDirection, processCPU()-cpu)
		})
		if overLimit {
			continue
		}
		// plan benchmarks the plan of req as the operation op.
		plan := func(op string, req *tfprotov6.PlanResourceChangeRequest) func(b *testing.B) {
			return func(b *testing.B) {
				cpu := processCPU()
				for range b.N {
					r, err := s.srv.PlanResourceChange(ctx, req)
					if err != nil || diagsFail(r.Diagnostics) {
						b.Fatal(err, r.Diagnostics)
					}
				}
				cost.report(b, op, perDirection, processCPU()-cpu)
			}
		}
		prior := s.null("eni_security_group")
		b.Run(name+"/PlanResourceChange", plan("plan", &tfprotov6.PlanResourceChangeRequest{TypeName: "eni_security_group", PriorState: &prior, ProposedNewState: &cfg, Config: &cfg}))
		state := s.create("eni_security_group", attrs)
		replanCfg := s.configOf("eni_security_group", state)
		b.Run(name+"/Replan", plan("replan", &tfprotov6.PlanResourceChangeRequest{TypeName: "eni_security_group", PriorState: &state, ProposedNewState: &state, Config: &replanCfg}))
	}
}

// costPerSize remembers each request's CPU time per operation at each size
// benchmarked (its last, longest run), what the next size's x-per-doubling
// is measured against.
type costPerSize map[string]float64

func (c costPerSize) report(b *testing.B, request string, perDirection int, cpu time.Duration) {
	cost := float64(cpu.Nanoseconds()) / float64(b.N)
	b.ReportMetric(cost, "cpu-ns/op")
	if before, ok := c[fmt.Sprint(request, perDirection/2)]; ok {
		b.ReportMetric(cost/before, "x-per-doubling")
	}
	c[fmt.Sprint(request, perDirection)] = cost
}

// benchRules is n distinct rules, ingress and egress in turn, as a value of
// the rules attribute.
func benchRules(s *protoServer, n int) tftypes.Value {
	typ := s.schemas["eni_security_group"].ValueType().(tftypes.Object).AttributeTypes["rules"]
	var obj tftypes.Type
	switch t := typ.(type) {
	case tftypes.Set:
		obj = t.ElementType
	case tftypes.List:
		obj = t.ElementType
	}
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

// benchRulesPerDirection are the sizes benchmarked, in rules of each
// direction: doubling up to the limit (100), then one the limit refuses.
var benchRulesPerDirection = []int{25, 50, 100, 2 * engine.MaxRulesPerDirection}

// processCPU is the CPU time the process has used so far, in user and
// kernel mode.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
