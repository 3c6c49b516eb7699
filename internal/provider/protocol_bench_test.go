package provider

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	floorpkg "github.com/eni/terraform-provider-eni/internal/bench/floor"
	"github.com/eni/terraform-provider-eni/internal/pluginserver"
)

// The protocol benchmarks call the provider's gRPC methods in-process, as
// the CLI would for one resource, without the CLI or the plugin transport:
// what one request costs the provider process, against the same request to
// a no-op resource of the same framework (the floor of make bench).
//
//	go test ./internal/provider -run '^$' -bench Protocol -benchmem

// protoServer is a provider server with the schemas it announced.
type protoServer struct {
	tb      testing.TB
	srv     tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
}

func newProtoServer(tb testing.TB, p fwprovider.Provider, providerConfig map[string]tftypes.Value) *protoServer {
	tb.Helper()
	ctx := context.Background()
	s := &protoServer{tb: tb, srv: pluginserver.New(providerserver.NewProtocol6(p)())}
	resp, err := s.srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || diagsFail(resp.Diagnostics) {
		tb.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
	}
	s.schemas = resp.ResourceSchemas
	cfg := s.value(resp.Provider, providerConfig)
	cresp, err := s.srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &cfg})
	if err != nil || diagsFail(cresp.Diagnostics) {
		tb.Fatalf("ConfigureProvider: %v %v", err, cresp.Diagnostics)
	}
	return s
}

func diagsFail(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// value encodes an object of schema with the given attributes, null elsewhere.
func (s *protoServer) value(schema *tfprotov6.Schema, attrs map[string]tftypes.Value) tfprotov6.DynamicValue {
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

// configOf is the configuration that gives state: its arguments, with
// computed-only attributes null.
func (s *protoServer) configOf(typeName string, state tfprotov6.DynamicValue) tfprotov6.DynamicValue {
	s.tb.Helper()
	schema := s.schemas[typeName]
	v, err := state.Unmarshal(schema.ValueType())
	if err != nil {
		s.tb.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		s.tb.Fatal(err)
	}
	for _, a := range schema.Block.Attributes {
		if a.Computed && !a.Optional || slices.Contains(computedHalves[typeName], a.Name) {
			delete(attrs, a.Name)
		}
	}
	return s.value(schema, attrs)
}

// create plans and applies a new resource from its configuration.
func (s *protoServer) create(typeName string, config map[string]tftypes.Value) tfprotov6.DynamicValue {
	s.tb.Helper()
	ctx := context.Background()
	schema := s.schemas[typeName]
	cfg := s.value(schema, config)
	prior := s.null(typeName)
	plan, err := s.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: &prior, ProposedNewState: &cfg, Config: &cfg})
	if err != nil || diagsFail(plan.Diagnostics) {
		s.tb.Fatalf("plan %s: %v %v", typeName, err, plan.Diagnostics[0])
	}
	applied, err := s.srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, PriorState: &prior,
		PlannedState: plan.PlannedState, Config: &cfg, PlannedPrivate: plan.PlannedPrivate})
	if err != nil || diagsFail(applied.Diagnostics) {
		s.tb.Fatalf("apply %s: %v %v", typeName, err, applied.Diagnostics[0])
	}
	return *applied.NewState
}

func (s *protoServer) null(typeName string) tfprotov6.DynamicValue {
	typ := s.schemas[typeName].ValueType()
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		s.tb.Fatal(err)
	}
	return dv
}

func (s *protoServer) attr(typeName string, state tfprotov6.DynamicValue, name string) tftypes.Value {
	s.tb.Helper()
	v, err := state.Unmarshal(s.schemas[typeName].ValueType())
	if err != nil {
		s.tb.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		s.tb.Fatal(err)
	}
	return attrs[name]
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// benchRequests runs the requests a CLI makes for one existing resource:
// the refresh (ReadResource) and the plan with no change
// (ValidateResourceConfig, PlanResourceChange).
func benchRequests(b *testing.B, s *protoServer, typeName string, state tfprotov6.DynamicValue) {
	ctx := context.Background()
	cfg := s.configOf(typeName, state)
	benchCall(b, "ReadResource", func() ([]*tfprotov6.Diagnostic, error) {
		r, err := s.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: &state})
		if err != nil {
			return nil, err
		}
		return r.Diagnostics, nil
	})
	benchCall(b, "PlanResourceChange", func() ([]*tfprotov6.Diagnostic, error) {
		r, err := s.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: &state, ProposedNewState: &state, Config: &cfg})
		if err != nil {
			return nil, err
		}
		return r.Diagnostics, nil
	})
	benchCall(b, "ValidateResourceConfig", func() ([]*tfprotov6.Diagnostic, error) {
		r, err := s.srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: &cfg})
		if err != nil {
			return nil, err
		}
		return r.Diagnostics, nil
	})
}

// benchCall benchmarks one request, failing on an error or an error diagnostic.
func benchCall(b *testing.B, name string, call func() ([]*tfprotov6.Diagnostic, error)) {
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if diags, err := call(); err != nil || diagsFail(diags) {
				b.Fatal(err, diags)
			}
		}
	})
}

func BenchmarkProtocol(b *testing.B) {
	s := newProtoServer(b, New("bench")(), map[string]tftypes.Value{"store": str(filepath.Join(b.TempDir(), "engine.db"))})
	vpc := s.create("eni_vpc", map[string]tftypes.Value{"name": str("bench"), "cidr": str("10.0.0.0/16")})
	subnet := s.create("eni_subnet", map[string]tftypes.Value{"vpc_id": s.attr("eni_vpc", vpc, "id"), "name": str("bench"),
		"cidr": str("10.0.0.0/20"), "availability_zone": str("local-1a")})
	subnetID := s.attr("eni_subnet", subnet, "id")
	server := s.create("eni_server", map[string]tftypes.Value{"name": str("bench"), "flavor": str("m7.16xlarge.8"),
		"availability_zone": str("local-1a"), "subnet_id": subnetID})
	nic := s.create("eni_network_interface", map[string]tftypes.Value{"name": str("bench"), "subnet_id": subnetID})
	attachment := s.create("eni_network_interface_attachment", map[string]tftypes.Value{
		"network_interface_id": s.attr("eni_network_interface", nic, "id"), "server_id": s.attr("eni_server", server, "id")})
	nic = s.create("eni_network_interface", map[string]tftypes.Value{"name": str("bench2"), "subnet_id": subnetID})

	b.Run("eni_network_interface", func(b *testing.B) { benchRequests(b, s, "eni_network_interface", nic) })
	b.Run("eni_network_interface_attachment", func(b *testing.B) { benchRequests(b, s, "eni_network_interface_attachment", attachment) })
	b.Run("eni_server", func(b *testing.B) { benchRequests(b, s, "eni_server", server) })

	floor := newProtoServer(b, floorpkg.New(), nil)
	noop := floor.create("floor_noop", map[string]tftypes.Value{"input": str("bench")})
	b.Run("floor_noop", func(b *testing.B) { benchRequests(b, floor, "floor_noop", noop) })

	// The same schemas doing no work: what the framework costs for them.
	shapes := newProtoServer(b, floorpkg.New(NewNetworkInterfaceResource, NewNetworkInterfaceAttachmentResource), nil)
	b.Run("schema_only/eni_network_interface", func(b *testing.B) {
		benchRequests(b, shapes, "floor_network_interface", nic)
	})
	b.Run("schema_only/eni_network_interface_attachment", func(b *testing.B) {
		benchRequests(b, shapes, "floor_network_interface_attachment", attachment)
	})
}
