package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// A server filled by NICs this plan does not move (the loser of a race
// between two configurations) must not be told only to add depends_on.
func TestOrderAdviceForASlotHeldElsewhere(t *testing.T) {
	held := &engine.Error{Code: engine.CodeAttachmentLimitExceeded, Rule: engine.RuleNICLimit,
		Blocking: []string{"eni-0000000000000001"}, RegionConflict: true}
	advice := orderAdvice(held, plannedAttachment)
	for _, want := range []string{"depends_on", "another configuration or process", "attach to another server"} {
		if !strings.Contains(advice, want) {
			t.Errorf("the advice %q does not say %q", advice, want)
		}
	}
	planned := &engine.Error{Code: engine.CodeAttachmentLimitExceeded, Rule: engine.RuleNICLimit, Blocking: []string{"eni-0000000000000001"}}
	if advice := orderAdvice(planned, plannedAttachment); strings.Contains(advice, "another configuration") {
		t.Errorf("a plan over-filling the server by itself is told of another configuration: %q", advice)
	}
}

// errorPathCase is an error and the argument a diagnostic of it goes on.
type errorPathCase struct {
	err  error
	want path.Path
}

// codedError is an engine refusal with code, about field.
func codedError(code string, field engine.Field, msg string) error {
	return &engine.Error{Code: code, Field: field, Message: msg}
}

// wantErrorPaths checks where errorPath, named name, puts each error of
// cases.
func wantErrorPaths(t *testing.T, name string, errorPath func(error) path.Path, cases []errorPathCase) {
	t.Helper()
	for _, tc := range cases {
		if got := errorPath(tc.err); !got.Equal(tc.want) {
			t.Errorf("%s(%v) = %s, want %s", name, tc.err, got, tc.want)
		}
	}
}
