package pluginserver

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setup drives a provider server in-process, as the CLI would, to put the
// resources a test asks about in place.
type setup struct {
	tb      testing.TB
	srv     tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
	config  *tfprotov6.Schema
}

func newSetup(tb testing.TB, srv tfprotov6.ProviderServer) *setup {
	tb.Helper()
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasError(resp.Diagnostics) {
		tb.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
	}
	return &setup{tb: tb, srv: srv, schemas: resp.ResourceSchemas, config: resp.Provider}
}

func (s *setup) configure(attrs map[string]tftypes.Value) {
	s.tb.Helper()
	cfg := s.value(s.config, attrs)
	resp, err := s.srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: &cfg})
	if err != nil || hasError(resp.Diagnostics) {
		s.tb.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
}

// create plans and applies a new resource from its configuration.
func (s *setup) create(typeName string, config map[string]tftypes.Value) tfprotov6.DynamicValue {
	s.tb.Helper()
	ctx := context.Background()
	cfg := s.value(s.schemas[typeName], config)
	prior, err := tfprotov6.NewDynamicValue(s.schemas[typeName].ValueType(), tftypes.NewValue(s.schemas[typeName].ValueType(), nil))
	if err != nil {
		s.tb.Fatal(err)
	}
	plan, err := s.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: &prior, ProposedNewState: &cfg, Config: &cfg})
	if err != nil || hasError(plan.Diagnostics) {
		s.tb.Fatalf("plan %s: %v %v", typeName, err, plan.Diagnostics)
	}
	applied, err := s.srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, PriorState: &prior,
		PlannedState: plan.PlannedState, Config: &cfg, PlannedPrivate: plan.PlannedPrivate})
	if err != nil || hasError(applied.Diagnostics) {
		s.tb.Fatalf("apply %s: %v %v", typeName, err, applied.Diagnostics)
	}
	return *applied.NewState
}

// value encodes an object of schema with the given attributes, null elsewhere.
func (s *setup) value(schema *tfprotov6.Schema, attrs map[string]tftypes.Value) tfprotov6.DynamicValue {
	s.tb.Helper()
	typ := schema.ValueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		if v, ok := attrs[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(t, nil)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		s.tb.Fatal(err)
	}
	return dv
}

func (s *setup) attrs(typeName string, state tfprotov6.DynamicValue) map[string]tftypes.Value {
	s.tb.Helper()
	v, err := state.Unmarshal(s.schemas[typeName].ValueType())
	if err != nil {
		s.tb.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		s.tb.Fatal(err)
	}
	return attrs
}

func (s *setup) attr(typeName string, state tfprotov6.DynamicValue, name string) tftypes.Value {
	return s.attrs(typeName, state)[name]
}

// configOf is the configuration that gives state: its arguments, with
// computed-only attributes null.
func (s *setup) configOf(typeName string, state tfprotov6.DynamicValue) tfprotov6.DynamicValue {
	attrs := s.attrs(typeName, state)
	for _, a := range s.schemas[typeName].Block.Attributes {
		if a.Computed && !a.Optional {
			delete(attrs, a.Name)
		}
	}
	return s.value(s.schemas[typeName], attrs)
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
