package frameworkfix

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestCheckConflictingPairMatchesConflictsWith runs the validators'
// ConflictsWith on both halves of a pair, and CheckConflictingPair, on the
// same configurations: the errors are the same, in summary, detail and path.
func TestCheckConflictingPairMatchesConflictsWith(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"ipv6_addresses":     schema.SetAttribute{ElementType: types.StringType, Optional: true},
		"ipv6_address_count": schema.Int64Attribute{Optional: true},
		"name":               schema.StringAttribute{Optional: true},
	}}
	addrs := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("fd00::5")})
	cases := []struct {
		name  string
		set   types.Set
		count types.Int64
		want  int
	}{
		{"both", addrs, types.Int64Value(1), 2},
		{"set only", addrs, types.Int64Null(), 0},
		{"count only", types.SetNull(types.StringType), types.Int64Value(1), 0},
		{"neither", types.SetNull(types.StringType), types.Int64Null(), 0},
		{"count unknown", addrs, types.Int64Unknown(), 0},
		{"set unknown", types.SetUnknown(types.StringType), types.Int64Value(1), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			values := tfsdk.State{Schema: s}
			if d := values.Set(ctx, &struct {
				Set   types.Set    `tfsdk:"ipv6_addresses"`
				Count types.Int64  `tfsdk:"ipv6_address_count"`
				Name  types.String `tfsdk:"name"`
			}{c.set, c.count, types.StringValue("data")}); d.HasError() {
				t.Fatal(d)
			}
			config := tfsdk.Config{Schema: s, Raw: values.Raw}
			var want diag.Diagnostics
			setPath, countPath := path.Root("ipv6_addresses"), path.Root("ipv6_address_count")
			var setResp validator.SetResponse
			setvalidator.ConflictsWith(path.MatchRoot("ipv6_address_count")).ValidateSet(ctx, validator.SetRequest{
				Config: config, ConfigValue: c.set, Path: setPath, PathExpression: setPath.Expression(),
			}, &setResp)
			var countResp validator.Int64Response
			int64validator.ConflictsWith(path.MatchRoot("ipv6_addresses")).ValidateInt64(ctx, validator.Int64Request{
				Config: config, ConfigValue: c.count, Path: countPath, PathExpression: countPath.Expression(),
			}, &countResp)
			want.Append(setResp.Diagnostics...)
			want.Append(countResp.Diagnostics...)

			var got diag.Diagnostics
			CheckConflictingPair(&got, c.set, c.count, "ipv6_addresses", "ipv6_address_count")
			if got.ErrorsCount() != c.want || !got.Equal(want) {
				t.Errorf("CheckConflictingPair gave %v, ConflictsWith %v (want %d errors)", got, want, c.want)
			}
		})
	}
}
