package provider

import (
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// RegionConflictsEnvVar sets region_conflicts_at_plan when the provider
// block does not.
const RegionConflictsEnvVar = "ENI_REGION_CONFLICTS_AT_PLAN"

// The values of region_conflicts_at_plan.
const (
	regionConflictsError   = "error"
	regionConflictsWarning = "warning"
)

var regionConflictSettings = []string{regionConflictsError, regionConflictsWarning}

// regionConflicts is how plan reports a refusal that only what the region
// holds brings about (engine.IsRegionConflict): a full server, an address held
// elsewhere, an object someone deleted. The zero value reports them as
// errors, the default.
type regionConflicts struct {
	warn bool
}

// regionConflictsOf resolves region_conflicts_at_plan from the provider
// block, else the environment, else the default; a bad value is refused on
// the argument, naming where it came from.
func regionConflictsOf(configured string, diags *diag.Diagnostics) regionConflicts {
	value, from := configured, "region_conflicts_at_plan"
	if value == "" {
		value, from = os.Getenv(RegionConflictsEnvVar), "The "+RegionConflictsEnvVar+" environment variable"
	}
	switch value {
	case "", regionConflictsError:
		return regionConflicts{}
	case regionConflictsWarning:
		return regionConflicts{warn: true}
	}
	diags.AddAttributeError(path.Root("region_conflicts_at_plan"), "Invalid region_conflicts_at_plan",
		fmt.Sprintf("%s is %q; it must be one of %s.", from, value, quotedList(regionConflictSettings)))
	return regionConflicts{}
}

// destroyRemedy is what an error about what the region holds adds: the plan
// may be the one Terraform and OpenTofu run, unannounced, before a destroy.
const destroyRemedy = "Only what the region holds now stands in the way, not the configuration. " +
	"If this plan is the one Terraform and OpenTofu run before a destroy, destroy with " +
	"`terraform destroy -refresh=false` (`tofu destroy -refresh=false`), which skips it. " +
	"To have plan warn instead, set the provider's region_conflicts_at_plan = \"warning\"."

// warningNote is what a warning about what the region holds adds.
const warningNote = "Plan warns, as region_conflicts_at_plan = \"warning\" asks; " +
	"apply refuses the change with this same error unless the conflict is gone by then."

// addPlanRefusal reports a plan-time refusal on attr (or on the whole
// resource when attr is empty). What the configuration gets wrong is always
// an error; what the region holds is an error naming the destroy remedy,
// or a warning when the setting asks for one.
func (c regionConflicts) addPlanRefusal(diags *diag.Diagnostics, attr path.Path, summary string, err error, advice ...string) {
	if !engine.IsRegionConflict(err) {
		addEngineError(diags, attr, summary, err, advice...)
		return
	}
	if !c.warn {
		addEngineError(diags, attr, summary, err, append(advice, destroyRemedy)...)
		return
	}
	detail := engineErrorDetail(err, append(advice, warningNote)...)
	if attr.Equal(path.Empty()) {
		diags.AddWarning(summary, detail)
		return
	}
	diags.AddAttributeWarning(attr, summary, detail)
}
