package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Conversions between Go strings and the sets and lists of the models.

// stringSetValue converts IDs to a set value.
func stringSetValue(ids []string) types.Set {
	return types.SetValueMust(types.StringType, stringValues(ids))
}

// stringListValue converts strings to a list value, keeping their order.
func stringListValue(values []string) types.List {
	return types.ListValueMust(types.StringType, stringValues(values))
}

// optionalString is s, or null when it is empty.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func stringValues(values []string) []attr.Value {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return elems
}

// stringsOf converts a known set or list of strings to a slice; null gives an empty slice.
func stringsOf(ctx context.Context, v interface {
	ElementsAs(context.Context, any, bool) diag.Diagnostics
	IsNull() bool
}, diags *diag.Diagnostics) []string {
	out := []string{}
	if v.IsNull() {
		return out
	}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// knownStrings returns the elements of a set whose every element is known;
// ok is false for an unknown set or element. A null set gives nil, true.
func knownStrings(ctx context.Context, set types.Set) ([]string, bool) {
	if set.IsNull() {
		return nil, true
	}
	if set.IsUnknown() {
		return nil, false
	}
	for _, e := range set.Elements() {
		if e.IsUnknown() {
			return nil, false
		}
	}
	var diags diag.Diagnostics
	out := stringsOf(ctx, set, &diags)
	return out, !diags.HasError()
}
