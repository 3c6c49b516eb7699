package provider

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// modelCase is a schema and a constructor of the model its code reads.
type modelCase struct {
	name   string
	schema tfsdk.State // carries the schema only
	model  func() any
}

// modelCases lists the model of every resource, every data source and the
// provider, so that none of them falls back to the framework unnoticed.
func modelCases(ctx context.Context) []modelCase {
	var cases []modelCase
	for _, c := range []struct {
		res   resource.Resource
		model func() any
	}{
		{NewVPCResource(), func() any { return &vpcResourceModel{} }},
		{NewSubnetResource(), func() any { return &subnetModel{} }},
		{NewSecurityGroupResource(), func() any { return &securityGroupResourceModel{} }},
		{NewServerResource(), func() any { return &serverModel{} }},
		{NewNetworkInterfaceResource(), func() any { return &networkInterfaceModel{} }},
		{NewNetworkInterfaceAttachmentResource(), func() any { return &networkInterfaceAttachmentModel{} }},
		{NewEIPResource(), func() any { return &eipResourceModel{} }},
	} {
		var sr resource.SchemaResponse
		c.res.Schema(ctx, resource.SchemaRequest{}, &sr)
		cases = append(cases, modelCase{fmt.Sprintf("%T", c.res), tfsdk.State{Schema: sr.Schema}, c.model})
	}
	for _, c := range []struct {
		ds    datasource.DataSource
		model func() any
	}{
		{NewAvailabilityZonesDataSource(), func() any { return &availabilityZonesDataSourceModel{} }},
		{NewFlavorsDataSource(), func() any { return &flavorsDataSourceModel{} }},
		{NewSubnetDataSource(), func() any { return &subnetDataSourceModel{} }},
		{NewServerDataSource(), func() any { return &serverDataSourceModel{} }},
		{NewNetworkInterfaceDataSource(), func() any { return &networkInterfaceModel{} }},
		{NewNetworkInterfacesDataSource(), func() any { return &networkInterfacesDataSourceModel{} }},
	} {
		var sr datasource.SchemaResponse
		c.ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
		cases = append(cases, modelCase{fmt.Sprintf("%T", c.ds), tfsdk.State{Schema: sr.Schema}, c.model})
	}
	var pr provider.SchemaResponse
	New("test")().Schema(ctx, provider.SchemaRequest{}, &pr)
	return append(cases, modelCase{"provider", tfsdk.State{Schema: pr.Schema}, func() any { return &eniProviderModel{} }})
}

// TestModelAccessMatchesTheFramework checks getState, getPlan, getConfig
// and setState against the framework's Get and Set on every model, with
// known, null and unknown values, and that none of them falls back to the
// framework.
func TestModelAccessMatchesTheFramework(t *testing.T) {
	ctx := context.Background()
	for _, c := range modelCases(ctx) {
		schema := c.schema.Schema
		typ := schema.Type().TerraformType(ctx).(tftypes.Object)
		for _, fill := range []string{"known", "null", "unknown"} {
			raw := sample(typ, fill)
			state := tfsdk.State{Schema: schema, Raw: raw}
			want, got := c.model(), c.model()
			if d := state.Get(ctx, want); d.HasError() {
				t.Fatalf("%s %s: framework Get: %v", c.name, fill, d)
			}
			if d := getState(ctx, state, got); d.HasError() {
				t.Fatalf("%s %s: getState: %v", c.name, fill, d)
			}
			if !getModel(ctx, raw, schema.Type(), c.model()) {
				t.Errorf("%s %s: getState fell back to the framework", c.name, fill)
			}
			if _, ok := objectOf(ctx, schema.Type(), want); !ok {
				t.Errorf("%s %s: setState fell back to the framework", c.name, fill)
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("%s %s: getState gave\n%#v\nthe framework\n%#v", c.name, fill, got, want)
			}
			gotPlan := c.model()
			if d := getPlan(ctx, tfsdk.Plan{Schema: schema, Raw: raw}, gotPlan); d.HasError() || !reflect.DeepEqual(want, gotPlan) {
				t.Errorf("%s %s: getPlan gave %#v (%v)", c.name, fill, gotPlan, d)
			}
			gotConfig := c.model()
			if d := getConfig(ctx, tfsdk.Config{Schema: schema, Raw: raw}, gotConfig); d.HasError() || !reflect.DeepEqual(want, gotConfig) {
				t.Errorf("%s %s: getConfig gave %#v (%v)", c.name, fill, gotConfig, d)
			}
			viaFramework := tfsdk.State{Schema: schema}
			viaOurs := tfsdk.State{Schema: schema}
			if d := viaFramework.Set(ctx, want); d.HasError() {
				t.Fatalf("%s %s: framework Set: %v", c.name, fill, d)
			}
			if d := setState(ctx, &viaOurs, reflect.ValueOf(want).Elem().Interface()); d.HasError() {
				t.Fatalf("%s %s: setState: %v", c.name, fill, d)
			}
			if !viaOurs.Raw.Equal(viaFramework.Raw) || !viaOurs.Raw.Equal(raw) {
				t.Errorf("%s %s: setState wrote\n%s\nthe framework\n%s", c.name, fill, viaOurs.Raw, viaFramework.Raw)
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

// TestObjectTypeOfMatchesTheSchema checks the element types read from the
// nested models against the schemas they are used with.
func TestObjectTypeOfMatchesTheSchema(t *testing.T) {
	ctx := context.Background()
	var sg resource.SchemaResponse
	NewSecurityGroupResource().Schema(ctx, resource.SchemaRequest{}, &sg)
	rules := sg.Schema.Attributes["rules"].GetType().(types.ListType).ElemType
	if !securityGroupRuleType.Equal(rules) {
		t.Errorf("securityGroupRuleType is %s, the schema's rules hold %s", securityGroupRuleType, rules)
	}
	var fl datasource.SchemaResponse
	NewFlavorsDataSource().Schema(ctx, datasource.SchemaRequest{}, &fl)
	flavors := fl.Schema.Attributes["flavors"].GetType().(types.ListType).ElemType
	if !flavorType.Equal(flavors) {
		t.Errorf("flavorType is %s, the schema's flavors hold %s", flavorType, flavors)
	}
}
