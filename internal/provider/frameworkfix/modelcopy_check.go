package frameworkfix

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// CopyDifferences lists where the copies of this package and the
// framework's Get and Set disagree on a model, or where a copy falls back
// to the framework, for values of the schema schemaOf carries whose leaves
// are all known, all null or all unknown; newModel returns a pointer to a
// zero model. Empty means the workaround is exact for that model. Tests
// run it on every model the provider has.
func CopyDifferences(ctx context.Context, schemaOf tfsdk.State, newModel func() any) []string {
	schema := schemaOf.Schema
	typ := schema.Type().TerraformType(ctx).(tftypes.Object)
	var diffs []string
	differ := func(format string, args ...any) { diffs = append(diffs, fmt.Sprintf(format, args...)) }
	for _, fill := range []string{"known", "null", "unknown"} {
		raw := sampleValue(typ, fill)
		state := tfsdk.State{Schema: schema, Raw: raw}
		want, got := newModel(), newModel()
		if d := state.Get(ctx, want); d.HasError() {
			differ("%s: framework Get: %v", fill, d)
			continue
		}
		if d := CopyFromState(ctx, state, got); d.HasError() {
			differ("%s: CopyFromState: %v", fill, d)
			continue
		}
		if !ModelOf(ctx, raw, schema.Type(), newModel()) {
			differ("%s: CopyFromState fell back to the framework", fill)
		}
		if _, ok := ObjectOf(ctx, schema.Type(), want); !ok {
			differ("%s: CopyToState fell back to the framework", fill)
		}
		if !reflect.DeepEqual(want, got) {
			differ("%s: CopyFromState gave\n%#v\nthe framework\n%#v", fill, got, want)
		}
		gotPlan := newModel()
		if d := CopyFromPlan(ctx, tfsdk.Plan{Schema: schema, Raw: raw}, gotPlan); d.HasError() || !reflect.DeepEqual(want, gotPlan) {
			differ("%s: CopyFromPlan gave %#v (%v)", fill, gotPlan, d)
		}
		gotConfig := newModel()
		if d := CopyFromConfig(ctx, tfsdk.Config{Schema: schema, Raw: raw}, gotConfig); d.HasError() || !reflect.DeepEqual(want, gotConfig) {
			differ("%s: CopyFromConfig gave %#v (%v)", fill, gotConfig, d)
		}
		viaFramework := tfsdk.State{Schema: schema}
		viaCopy := tfsdk.State{Schema: schema}
		if d := viaFramework.Set(ctx, want); d.HasError() {
			differ("%s: framework Set: %v", fill, d)
			continue
		}
		if d := CopyToState(ctx, &viaCopy, reflect.ValueOf(want).Elem().Interface()); d.HasError() {
			differ("%s: CopyToState: %v", fill, d)
			continue
		}
		if !viaCopy.Raw.Equal(viaFramework.Raw) || !viaCopy.Raw.Equal(raw) {
			differ("%s: CopyToState wrote\n%s\nthe framework\n%s", fill, viaCopy.Raw, viaFramework.Raw)
		}
	}
	return diffs
}

// sampleValue builds a value of typ whose leaves are all known, all null or
// all unknown (nested objects are known, with leaves of the same kind).
func sampleValue(typ tftypes.Type, fill string) tftypes.Value {
	if tt, ok := typ.(tftypes.Object); ok {
		attrs := map[string]tftypes.Value{}
		for name, at := range tt.AttributeTypes {
			attrs[name] = sampleValue(at, fill)
		}
		return tftypes.NewValue(tt, attrs)
	}
	switch fill {
	case "null":
		return tftypes.NewValue(typ, nil)
	case "unknown":
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	}
	switch {
	case typ.Is(tftypes.String):
		return tftypes.NewValue(typ, "x")
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, 3)
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, true)
	case typ.Is(tftypes.Set{}):
		et := typ.(tftypes.Set).ElementType
		return tftypes.NewValue(typ, []tftypes.Value{sampleValue(et, fill)})
	case typ.Is(tftypes.List{}):
		et := typ.(tftypes.List).ElementType
		return tftypes.NewValue(typ, []tftypes.Value{sampleValue(et, fill)})
	}
	return tftypes.NewValue(typ, nil)
}
