package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// The provider block's region_conflicts_at_plan wins over the environment;
// a bad value from either is refused on the argument, naming its source.
func TestRegionConflictsOf(t *testing.T) {
	cases := []struct {
		configured, env string
		warn            bool
		refused         string
	}{
		{"", "", false, ""},
		{"", "warning", true, ""},
		{"", "error", false, ""},
		{"error", "warning", false, ""},
		{"warning", "error", true, ""},
		{"warning", "bogus", true, ""}, // the argument wins: the variable is not read
		{"", "Warning", false, `The ENI_REGION_CONFLICTS_AT_PLAN environment variable is "Warning"; it must be one of ` + "`error`, `warning`"},
		{"warn", "", false, `region_conflicts_at_plan is "warn"`},
	}
	for _, c := range cases {
		t.Setenv(RegionConflictsEnvVar, c.env)
		var diags diag.Diagnostics
		got := regionConflictsOf(c.configured, &diags)
		if c.refused == "" {
			if diags.HasError() || got.warn != c.warn {
				t.Errorf("configured %q, env %q: warn %v, diagnostics %v; want warn %v and no error", c.configured, c.env, got.warn, diags, c.warn)
			}
			continue
		}
		if len(diags) != 1 || !strings.Contains(diags[0].Detail(), c.refused) {
			t.Fatalf("configured %q, env %q: diagnostics %v, want one error saying %q", c.configured, c.env, diags, c.refused)
		}
		withPath, ok := diags[0].(diag.DiagnosticWithPath)
		if !ok || !withPath.Path().Equal(path.Root("region_conflicts_at_plan")) {
			t.Errorf("configured %q, env %q: the error is not on region_conflicts_at_plan: %v", c.configured, c.env, diags[0])
		}
	}
}

// What the region holds is an error naming the destroy remedy, or a
// warning when the setting asks for one; a configuration mistake is an
// error either way.
func TestAddPlanRefusalBySetting(t *testing.T) {
	held := &engine.Error{Code: engine.CodeServerNotFound, Message: "server i-1 does not exist", Rule: engine.RuleServerExists, RegionConflict: true}
	wrong := &engine.Error{Code: engine.CodeAvailabilityZoneMismatch, Message: "zones differ", Rule: engine.RuleSameZone}
	cases := []struct {
		name      string
		conflicts regionConflicts
		err       error
		severity  diag.Severity
		says      string
	}{
		{"held, default", regionConflicts{}, held, diag.SeverityError, "terraform destroy -refresh=false"},
		{"held, warning", regionConflicts{warn: true}, held, diag.SeverityWarning, "apply refuses the change with this same error"},
		{"wrong, default", regionConflicts{}, wrong, diag.SeverityError, "zones differ"},
		{"wrong, warning", regionConflicts{warn: true}, wrong, diag.SeverityError, "zones differ"},
	}
	for _, c := range cases {
		var diags diag.Diagnostics
		c.conflicts.addPlanRefusal(&diags, path.Root("server_id"), "Cannot attach network interface", c.err)
		if len(diags) != 1 || diags[0].Severity() != c.severity || !strings.Contains(diags[0].Detail(), c.says) {
			t.Errorf("%s: got %v, want one diagnostic of severity %v saying %q", c.name, diags, c.severity, c.says)
			continue
		}
		if !strings.Contains(diags[0].Detail(), "["+engine.AsError(c.err).Code+"]") {
			t.Errorf("%s: the detail does not quote the code: %s", c.name, diags[0].Detail())
		}
		if c.err == wrong && strings.Contains(diags[0].Detail(), "refresh=false") {
			t.Errorf("%s: a configuration mistake is told to destroy with -refresh=false: %s", c.name, diags[0].Detail())
		}
	}
}
