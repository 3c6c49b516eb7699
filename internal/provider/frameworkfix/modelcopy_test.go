package frameworkfix

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The shapes the provider's models take: primitives, a set, a list of
// nested objects, and a model embedding another by value.
type ruleModel struct {
	Port types.Int64  `tfsdk:"port"`
	CIDR types.String `tfsdk:"cidr"`
}

type baseModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

type groupModel struct {
	baseModel
	Count   types.Int64 `tfsdk:"count"`
	Enabled types.Bool  `tfsdk:"enabled"`
	Members types.Set   `tfsdk:"members"`
	Rules   types.List  `tfsdk:"rules"`
}

var ruleType = ObjectTypeOf[ruleModel](context.Background())

func groupSchema() tfsdk.State {
	return tfsdk.State{Schema: schema.Schema{Attributes: map[string]schema.Attribute{
		"id":      schema.StringAttribute{Computed: true},
		"name":    schema.StringAttribute{Required: true},
		"count":   schema.Int64Attribute{Optional: true},
		"enabled": schema.BoolAttribute{Optional: true},
		"members": schema.SetAttribute{ElementType: types.StringType, Optional: true},
		"rules":   schema.ListAttribute{ElementType: ruleType, Optional: true},
	}}}
}

// TestCopyMatchesTheFramework checks the copies against the framework's Get
// and Set with known, null and unknown values, and that none falls back.
func TestCopyMatchesTheFramework(t *testing.T) {
	for _, d := range CopyDifferences(context.Background(), groupSchema(), func() any { return &groupModel{} }) {
		t.Error(d)
	}
}

// A model that does not match its schema goes to the framework, which
// reports the mismatch as it always has.
func TestCopyFallsBackToTheFramework(t *testing.T) {
	ctx := context.Background()
	type missingMembers struct {
		baseModel
		Count types.Int64 `tfsdk:"count"`
	}
	s := groupSchema()
	s.Raw = sampleValue(s.Schema.Type().TerraformType(ctx), "null")
	var m missingMembers
	if ModelOf(ctx, s.Raw, s.Schema.Type(), &m) {
		t.Fatal("ModelOf copied a model that lacks attributes of the schema")
	}
	got, want := CopyFromState(ctx, s, &m), s.Get(ctx, &missingMembers{})
	// the framework lists the missing fields in map order: compare the rest
	if len(got) != 1 || len(want) != 1 || got[0].Summary() != want[0].Summary() {
		t.Fatalf("CopyFromState gave %v, the framework %v", got, want)
	}
	if !strings.Contains(got[0].Detail(), "members") {
		t.Errorf("the error %q does not name the missing attribute", got[0].Detail())
	}
}
