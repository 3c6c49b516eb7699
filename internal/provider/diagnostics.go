package provider

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/terms"
)

// engineErrorDetail renders an engine error with its code, then what to do:
// the rule's remedy and any advice the provider adds for the case.
func engineErrorDetail(err error, advice ...string) string {
	e := engine.AsError(err)
	if e == nil {
		return err.Error()
	}
	detail := fmt.Sprintf("[%s] %s", e.Code, e.Message)
	if e.Rule != nil && e.Rule.Remedy != "" {
		detail += "\n\n" + e.Rule.Remedy
	}
	advice = append([]string{terms.TerraformHints[e.Rule]}, advice...)
	for _, a := range advice {
		if a != "" {
			detail += " " + a
		}
	}
	return detail
}

// addEngineError reports err on attr (or on the whole resource when attr is empty).
func addEngineError(diags *diag.Diagnostics, attr path.Path, summary string, err error, advice ...string) {
	if attr.Equal(path.Empty()) {
		diags.AddError(summary, engineErrorDetail(err, advice...))
		return
	}
	diags.AddAttributeError(attr, summary, engineErrorDetail(err, advice...))
}

// A planned change that a plan-time check refuses, though another change
// of the same plan would make room for it.
type plannedChange int

const (
	plannedAttachment plannedChange = iota
	plannedResize
)

// orderAdvice says how to order a plan whose other changes would lift a
// refusal. Terraform plans a resource after what it depends on, so a slot
// freed by a change planned later is not counted yet.
func orderAdvice(err error, change plannedChange) string {
	e := engine.AsError(err)
	if e == nil || e.Rule != engine.RuleNICLimit || len(e.Blocking) == 0 {
		return ""
	}
	if change == plannedResize {
		return "If this plan also removes attachments from the server, apply that removal first " +
			"(a run without the resize, or -target on the attachments), then resize."
	}
	advice := fmt.Sprintf("If this plan also moves or detaches %s, add that eni_network_interface_attachment to this one's depends_on so its slot is freed first.",
		strings.Join(e.Blocking, " or "))
	if e.RegionConflict {
		// Nothing in this plan is known to free them: they may well belong to
		// another configuration or process, where depends_on cannot help.
		advice += " If nothing in this configuration manages them, another configuration or process holds the slots: " +
			"detach one there, or attach to another server."
	}
	return advice
}

// argumentPath is the path of the attribute an engine error is about, when
// it is one of arguments, or tags: every resource the engine can refuse on
// its tags has them.
func argumentPath(err error, arguments []string, fallback path.Path) path.Path {
	if a, ok := terms.AttributeOf[engine.FieldOf(err)]; ok && (slices.Contains(arguments, a) || a == "tags") {
		return path.Root(a)
	}
	return fallback
}

// The provider tells engine refusals apart here only, by their code, so a
// code is compared in one file (TestCodesComparedInDiagnosticsOnly).

// isSubnetNotFound reports whether err says that a subnet does not exist.
func isSubnetNotFound(err error) bool {
	return engine.CodeOf(err) == engine.CodeSubnetNotFound
}

// isAlreadyDetached reports whether err refuses a detach because there is
// nothing left to detach: the NIC is gone, or on no server.
func isAlreadyDetached(err error) bool {
	return engine.IsNotFound(err) || engine.CodeOf(err) == engine.CodeIncorrectState
}

// isUnknownFlavor reports whether err says that a flavor does not exist.
func isUnknownFlavor(err error) bool {
	return engine.CodeOf(err) == engine.CodeFlavorNotFound
}

// refusalCode is the code of an engine refusal; false for any other error.
func refusalCode(err error) (string, bool) {
	code := engine.CodeOf(err)
	return code, code != ""
}
