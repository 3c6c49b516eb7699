package frameworkfix

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestIDOfMatchesGetAttribute checks IDOf against the framework's read of
// the id attribute, for states whose id is set, empty, null or unknown.
func TestIDOfMatchesGetAttribute(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"id":   schema.StringAttribute{Computed: true},
		"name": schema.StringAttribute{Optional: true},
	}}
	typ := s.Type().TerraformType(ctx)
	for name, id := range map[string]tftypes.Value{
		"set":     tftypes.NewValue(tftypes.String, "vpc-0123"),
		"empty":   tftypes.NewValue(tftypes.String, ""),
		"null":    tftypes.NewValue(tftypes.String, nil),
		"unknown": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
	} {
		raw := tftypes.NewValue(typ, map[string]tftypes.Value{"id": id, "name": tftypes.NewValue(tftypes.String, "core")})
		var want types.String
		if d := (tfsdk.State{Schema: s, Raw: raw}).GetAttribute(ctx, path.Root("id"), &want); d.HasError() {
			t.Fatalf("%s: GetAttribute: %v", name, d)
		}
		if got := IDOf(raw); got != want.ValueString() {
			t.Errorf("%s: IDOf gave %q, GetAttribute %s", name, got, want)
		}
	}
	for name, raw := range map[string]tftypes.Value{
		"null state":    tftypes.NewValue(typ, nil),
		"unknown state": tftypes.NewValue(typ, tftypes.UnknownValue),
	} {
		if got := IDOf(raw); got != "" {
			t.Errorf("%s: IDOf gave %q, want none", name, got)
		}
	}
}
