package main

import (
	"strings"
	"testing"
)

// The refresh-plan is judged against the schema floor alone, at 1.25×: the
// store read a refresh does is the accepted gap, and the plugin floor sets
// no target for it however far below the provider it runs.
func TestPlanVerdictIsAgainstTheSchemaFloorOnly(t *testing.T) {
	topo := topology{style: "module", perServer: 10, subnets: 1}
	results := func(eni, twin, plugin float64) map[key][]sample {
		return map[key][]sample{
			{topo, 100, kindENI, "plan"}:   {{seconds: eni}},
			{topo, 100, kindTwin, "plan"}:  {{seconds: twin}},
			{topo, 100, kindFloor, "plan"}: {{seconds: plugin}},
		}
	}
	if got := verdict(results(12.4, 10, 2), topo, 100, "plan"); got != "ok" {
		t.Errorf("1.24x the schema floor and 6.2x the plugin floor: verdict %q, want ok", got)
	}
	got := verdict(results(13, 10, 12), topo, 100, "plan")
	if !strings.HasPrefix(got, "OVER: schema 1.30>1.25") || strings.Contains(got, "plugin") {
		t.Errorf("1.30x the schema floor: verdict %q, want over on the schema floor alone", got)
	}
}
