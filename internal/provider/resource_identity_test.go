package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// These tests speak the protocol the way a CLI without identities does
// (Terraform and OpenTofu before 1.12, or any CLI on a state written before
// identity existed): no identity in any request. Every response must still
// carry { id }, or the framework fails the run with "Missing Resource
// Identity After …".

var identityType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}

func identityData(t *testing.T, id string) *tfprotov6.ResourceIdentityData {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, map[string]tftypes.Value{"id": str(id)}))
	if err != nil {
		t.Fatal(err)
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: &dv}
}

// identityID is the id of a response's identity; it fails the test when
// there is none.
func identityID(t *testing.T, what string, identity *tfprotov6.ResourceIdentityData) string {
	t.Helper()
	if identity == nil || identity.IdentityData == nil {
		t.Fatalf("%s: no identity in the response", what)
	}
	v, err := identity.IdentityData.Unmarshal(identityType)
	if err != nil {
		t.Fatalf("%s: identity: %v", what, err)
	}
	if id := frameworkfix.IDOf(v); id != "" {
		return id
	}
	t.Fatalf("%s: identity %s has no id", what, v)
	return ""
}

// errorSummaries lists the error diagnostics of a response.
func errorSummaries(diags []*tfprotov6.Diagnostic) string {
	var out []string
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			out = append(out, d.Summary+": "+d.Detail)
		}
	}
	return strings.Join(out, "; ")
}

// identityWorld is a served provider on a store the test also opens, with
// one object of every resource type created through the protocol.
type identityWorld struct {
	env    *testEnv
	s      *protoServer
	states map[string]tfprotov6.DynamicValue
	// created holds the identity each create returned.
	created map[string]*tfprotov6.ResourceIdentityData
}

func newIdentityWorld(t *testing.T) *identityWorld {
	env := newTestEnv(t)
	w := &identityWorld{env: env, s: newProtoServer(t, New("test")(), map[string]tftypes.Value{"store": str(env.store)}),
		states: map[string]tfprotov6.DynamicValue{}, created: map[string]*tfprotov6.ResourceIdentityData{}}
	w.create("eni_vpc", map[string]tftypes.Value{"name": str("core"), "cidr": str("10.0.0.0/16")})
	vpc := w.id("eni_vpc")
	w.create("eni_subnet", map[string]tftypes.Value{"vpc_id": vpc, "name": str("a"), "cidr": str("10.0.1.0/24"), "availability_zone": str("local-1a")})
	subnet := w.id("eni_subnet")
	w.create("eni_security_group", map[string]tftypes.Value{"vpc_id": vpc, "name": str("web")})
	w.create("eni_server", map[string]tftypes.Value{"name": str("host"), "flavor": str("c7.large.2"), "availability_zone": str("local-1a"), "subnet_id": subnet})
	w.create("eni_network_interface", map[string]tftypes.Value{"name": str("data"), "subnet_id": subnet})
	nic := w.id("eni_network_interface")
	w.create("eni_network_interface_attachment", map[string]tftypes.Value{"network_interface_id": nic, "server_id": w.id("eni_server")})
	w.create("eni_eip", map[string]tftypes.Value{"network_interface_id": nic})
	return w
}

func (w *identityWorld) id(typeName string) tftypes.Value {
	return w.s.attr(typeName, w.states[typeName], "id")
}

func (w *identityWorld) idString(typeName string) string {
	var id string
	if err := w.id(typeName).As(&id); err != nil {
		w.s.tb.Fatal(err)
	}
	return id
}

// create plans and applies a resource with no prior identity.
func (w *identityWorld) create(typeName string, config map[string]tftypes.Value) {
	t := w.s.tb
	t.Helper()
	ctx := context.Background()
	cfg := w.s.value(w.s.schemas[typeName], config)
	prior := w.s.null(typeName)
	plan, err := w.s.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: &prior, ProposedNewState: &cfg, Config: &cfg})
	if err != nil || diagsFail(plan.Diagnostics) {
		t.Fatalf("plan %s: %v %s", typeName, err, errorSummaries(plan.Diagnostics))
	}
	applied, err := w.s.srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, PriorState: &prior,
		PlannedState: plan.PlannedState, Config: &cfg, PlannedPrivate: plan.PlannedPrivate})
	if err != nil || diagsFail(applied.Diagnostics) {
		t.Fatalf("apply %s: %v %s", typeName, err, errorSummaries(applied.Diagnostics))
	}
	w.states[typeName] = *applied.NewState
	w.created[typeName] = applied.NewIdentity
}

// read refreshes a resource as a CLI without identities does.
func (w *identityWorld) read(typeName string) *tfprotov6.ReadResourceResponse {
	t := w.s.tb
	t.Helper()
	state := w.states[typeName]
	resp, err := w.s.srv.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: &state})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

var identityTypes = []string{"eni_vpc", "eni_subnet", "eni_security_group", "eni_server", "eni_network_interface", "eni_network_interface_attachment", "eni_eip"}

func TestIdentitySchemas(t *testing.T) {
	s := newProtoServer(t, New("test")(), map[string]tftypes.Value{"store": str(t.TempDir() + "/engine.db")})
	resp, err := s.srv.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || diagsFail(resp.Diagnostics) {
		t.Fatalf("GetResourceIdentitySchemas: %v %s", err, errorSummaries(resp.Diagnostics))
	}
	if len(resp.IdentitySchemas) != len(s.schemas) {
		t.Errorf("%d identity schemas for %d resource types", len(resp.IdentitySchemas), len(s.schemas))
	}
	for _, typeName := range identityTypes {
		schema := resp.IdentitySchemas[typeName]
		if schema == nil {
			t.Errorf("%s has no identity schema", typeName)
			continue
		}
		if schema.Version != 0 || len(schema.IdentityAttributes) != 1 {
			t.Errorf("%s identity schema: version %d, %d attributes; want version 0 with id alone", typeName, schema.Version, len(schema.IdentityAttributes))
			continue
		}
		a := schema.IdentityAttributes[0]
		if a.Name != "id" || !a.Type.Is(tftypes.String) || !a.RequiredForImport {
			t.Errorf("%s identity attribute %+v, want a string id required for import", typeName, a)
		}
	}
}

// TestIdentityWithoutStoredIdentity: create, refresh and update each give
// back { id } to a CLI that sends no identity.
func TestIdentityWithoutStoredIdentity(t *testing.T) {
	w := newIdentityWorld(t)
	for _, typeName := range identityTypes {
		want := w.idString(typeName)
		if got := identityID(t, typeName+" create", w.created[typeName]); got != want {
			t.Errorf("%s create: identity id %q, want %q", typeName, got, want)
		}
		resp := w.read(typeName)
		if diagsFail(resp.Diagnostics) {
			t.Errorf("%s read: %s", typeName, errorSummaries(resp.Diagnostics))
			continue
		}
		if got := identityID(t, typeName+" read", resp.NewIdentity); got != want {
			t.Errorf("%s read: identity id %q, want %q", typeName, got, want)
		}
	}
	for typeName, change := range map[string]map[string]tftypes.Value{
		"eni_vpc":               {"name": str("renamed")},
		"eni_network_interface": {"description": str("updated")},
		"eni_server":            {"name": str("renamed")},
	} {
		want := w.idString(typeName)
		if got := w.update(typeName, change); got != want {
			t.Errorf("%s update: identity id %q, want %q", typeName, got, want)
		}
	}
}

// update plans and applies a change of state with no prior identity and
// returns the id of the identity the apply gave back.
func (w *identityWorld) update(typeName string, change map[string]tftypes.Value) string {
	t := w.s.tb.(*testing.T)
	t.Helper()
	ctx := context.Background()
	prior := w.states[typeName]
	cfgValue, err := w.s.configOf(typeName, prior).Unmarshal(w.s.schemas[typeName].ValueType())
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := cfgValue.As(&attrs); err != nil {
		t.Fatal(err)
	}
	for k, v := range change {
		attrs[k] = v
	}
	cfg := w.s.value(w.s.schemas[typeName], attrs)
	plan, err := w.s.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: &prior, ProposedNewState: &cfg, Config: &cfg})
	if err != nil || diagsFail(plan.Diagnostics) {
		t.Fatalf("plan %s: %v %s", typeName, err, errorSummaries(plan.Diagnostics))
	}
	applied, err := w.s.srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, PriorState: &prior,
		PlannedState: plan.PlannedState, Config: &cfg, PlannedPrivate: plan.PlannedPrivate, PlannedIdentity: plan.PlannedIdentity})
	if err != nil || diagsFail(applied.Diagnostics) {
		t.Fatalf("apply %s: %v %s", typeName, err, errorSummaries(applied.Diagnostics))
	}
	for k, v := range change {
		if got := w.s.attr(typeName, *applied.NewState, k); !got.Equal(v) {
			t.Errorf("%s update: %s is %s, want %s", typeName, k, got, v)
		}
	}
	return identityID(t, typeName+" update", applied.NewIdentity)
}

// TestIdentityOfObjectsGoneOutside: a refresh that finds the object gone
// drops it from state without an error, even with no stored identity.
func TestIdentityOfObjectsGoneOutside(t *testing.T) {
	w := newIdentityWorld(t)
	ctx := context.Background()
	eng := w.env.engine
	nic := w.idString("eni_network_interface")
	// In dependency order: each deletion is one the engine allows.
	gone := []struct {
		typeName string
		remove   func() error
	}{
		{"eni_eip", func() error { return eng.DeleteEIP(ctx, w.idString("eni_eip")) }},
		{"eni_network_interface_attachment", func() error { _, err := eng.DetachNetworkInterface(ctx, nic); return err }},
		{"eni_network_interface", func() error { return eng.DeleteNetworkInterface(ctx, nic) }},
		{"eni_server", func() error { return eng.DeleteServer(ctx, w.idString("eni_server")) }},
		{"eni_security_group", func() error { return eng.DeleteSecurityGroup(ctx, w.idString("eni_security_group")) }},
		{"eni_subnet", func() error { return eng.DeleteSubnet(ctx, w.idString("eni_subnet")) }},
		{"eni_vpc", func() error { return eng.DeleteVPC(ctx, w.idString("eni_vpc")) }},
	}
	for _, g := range gone {
		if err := g.remove(); err != nil {
			t.Fatalf("removing the %s outside Terraform: %v", g.typeName, err)
		}
		resp := w.read(g.typeName)
		if diagsFail(resp.Diagnostics) {
			t.Errorf("%s read after removal: %s", g.typeName, errorSummaries(resp.Diagnostics))
			continue
		}
		if v, err := resp.NewState.Unmarshal(w.s.schemas[g.typeName].ValueType()); err != nil || !v.IsNull() {
			t.Errorf("%s read after removal: state %v (%v), want it dropped", g.typeName, v, err)
		}
	}
}

// TestImportByIdentity imports through an identity as an import block with
// identity = { id = … } does, and refuses an empty one as it refuses an
// empty import ID.
func TestImportByIdentity(t *testing.T) {
	w := newIdentityWorld(t)
	ctx := context.Background()
	for _, typeName := range identityTypes {
		id := w.idString(typeName)
		resp, err := w.s.srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: typeName, Identity: identityData(t, id)})
		if err != nil || diagsFail(resp.Diagnostics) || len(resp.ImportedResources) != 1 {
			t.Errorf("import %s by identity: %v %s", typeName, err, errorSummaries(resp.Diagnostics))
			continue
		}
		imported := resp.ImportedResources[0]
		if got := w.s.attr(typeName, *imported.State, "id"); !got.Equal(str(id)) {
			t.Errorf("import %s by identity: state id %s, want %q", typeName, got, id)
		}
		// The Read that follows an import fills the rest and keeps the identity.
		read, err := w.s.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: imported.State,
			CurrentIdentity: imported.Identity, Private: imported.Private})
		if err != nil || diagsFail(read.Diagnostics) {
			t.Errorf("read %s after import: %v %s", typeName, err, errorSummaries(read.Diagnostics))
			continue
		}
		if got := w.s.attr(typeName, *read.NewState, "id"); !got.Equal(str(id)) {
			t.Errorf("read %s after import: state id %s, want %q", typeName, got, id)
		}
		if got := identityID(t, typeName+" read after import", read.NewIdentity); got != id {
			t.Errorf("read %s after import: identity id %q, want %q", typeName, got, id)
		}
	}
	for _, tc := range []struct {
		name string
		req  *tfprotov6.ImportResourceStateRequest
		want string
	}{
		{"empty identity id", &tfprotov6.ImportResourceStateRequest{TypeName: "eni_network_interface", Identity: identityData(t, "")}, "The id of the import identity is empty"},
		{"blank identity id", &tfprotov6.ImportResourceStateRequest{TypeName: "eni_vpc", Identity: identityData(t, "  ")}, "The id of the import identity is empty"},
		{"empty import ID", &tfprotov6.ImportResourceStateRequest{TypeName: "eni_subnet"}, "The import ID is empty"},
	} {
		resp, err := w.s.srv.ImportResourceState(ctx, tc.req)
		if err != nil {
			t.Fatal(err)
		}
		if got := errorSummaries(resp.Diagnostics); !strings.Contains(got, "Missing import ID: "+tc.want) {
			t.Errorf("%s: diagnostics %q, want %q", tc.name, got, tc.want)
		}
	}
	// A primary NIC is refused by identity as by ID.
	srv, err := w.env.engine.GetServer(ctx, w.idString("eni_server"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := w.s.srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "eni_network_interface", Identity: identityData(t, srv.PrimaryNetworkInterfaceID)})
	if err != nil {
		t.Fatal(err)
	}
	if got := errorSummaries(resp.Diagnostics); !strings.Contains(got, "Cannot import network interface") || !strings.Contains(got, srv.PrimaryNetworkInterfaceID) {
		t.Errorf("importing a primary NIC by identity: %q", got)
	}
}
