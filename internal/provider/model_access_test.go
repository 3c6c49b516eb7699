package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestModelAccessMatchesTheFramework checks getState, getPlan and setState
// against the framework's Get and Set on every resource that uses them,
// with known, null and unknown values.
func TestModelAccessMatchesTheFramework(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		res   resource.Resource
		model func() any
	}{
		{NewNetworkInterfaceResource(), func() any { return &networkInterfaceModel{} }},
		{NewNetworkInterfaceAttachmentResource(), func() any { return &networkInterfaceAttachmentModel{} }},
		{NewServerResource(), func() any { return &serverResourceModel{} }},
	} {
		var sr resource.SchemaResponse
		c.res.Schema(ctx, resource.SchemaRequest{}, &sr)
		typ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
		for _, fill := range []string{"known", "null", "unknown"} {
			raw := sample(typ, fill)
			state := tfsdk.State{Schema: sr.Schema, Raw: raw}
			want, got := c.model(), c.model()
			if d := state.Get(ctx, want); d.HasError() {
				t.Fatalf("%T %s: framework Get: %v", c.res, fill, d)
			}
			if d := getState(ctx, state, got); d.HasError() {
				t.Fatalf("%T %s: getState: %v", c.res, fill, d)
			}
			if !getModel(ctx, raw, sr.Schema.Type(), c.model()) {
				t.Errorf("%T %s: getState fell back to the framework", c.res, fill)
			}
			if _, ok := objectOf(ctx, sr.Schema.Type(), want); !ok {
				t.Errorf("%T %s: setState fell back to the framework", c.res, fill)
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("%T %s: getState gave\n%#v\nthe framework\n%#v", c.res, fill, got, want)
			}
			plan := tfsdk.Plan{Schema: sr.Schema, Raw: raw}
			gotPlan := c.model()
			if d := getPlan(ctx, plan, gotPlan); d.HasError() || !reflect.DeepEqual(want, gotPlan) {
				t.Errorf("%T %s: getPlan gave %#v (%v)", c.res, fill, gotPlan, d)
			}
			viaFramework := tfsdk.State{Schema: sr.Schema}
			viaOurs := tfsdk.State{Schema: sr.Schema}
			if d := viaFramework.Set(ctx, want); d.HasError() {
				t.Fatalf("%T %s: framework Set: %v", c.res, fill, d)
			}
			if d := setState(ctx, &viaOurs, reflect.ValueOf(want).Elem().Interface()); d.HasError() {
				t.Fatalf("%T %s: setState: %v", c.res, fill, d)
			}
			if !viaOurs.Raw.Equal(viaFramework.Raw) || !viaOurs.Raw.Equal(raw) {
				t.Errorf("%T %s: setState wrote\n%s\nthe framework\n%s", c.res, fill, viaOurs.Raw, viaFramework.Raw)
			}
		}
	}
}

// sample builds a value of typ whose leaves are all known, all null or all
// unknown (nested objects are known, with leaves of the same kind).
func sample(typ tftypes.Type, fill string) tftypes.Value {
	switch tt := typ.(type) {
	case tftypes.Object:
		attrs := map[string]tftypes.Value{}
		for name, at := range tt.AttributeTypes {
			attrs[name] = sample(at, fill)
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
		return tftypes.NewValue(typ, []tftypes.Value{sample(et, fill)})
	case typ.Is(tftypes.List{}):
		et := typ.(tftypes.List).ElementType
		return tftypes.NewValue(typ, []tftypes.Value{sample(et, fill)})
	}
	return tftypes.NewValue(typ, nil)
}
