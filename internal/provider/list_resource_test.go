package provider

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/pluginserver"
)

// The list resources are called through the served provider as `terraform
// query` calls them, against a store populated through the engine.

// listWorld is two VPCs with their subnets, servers and NICs.
type listWorld struct {
	s           *protoServer
	engine      *engine.Engine // the store's engine, for changes made outside Terraform
	store       string
	listSchemas map[string]*tfprotov6.Schema
	vpcA, vpcB  engine.VPC
	a1, a2, b1  engine.Subnet
	s1, s2, s3  engine.ServerDetails
	// n1 is attached to s1; the others are available.
	n1, n2, n3, n4, n5 engine.NetworkInterface
	// aclA1 (with rules) and aclA2 (tagged) are in vpcA, aclB in vpcB.
	aclA1, aclA2, aclB engine.NetworkACL
}

func newListWorld(t *testing.T) *listWorld {
	env := newTestEnv(t)
	ctx := context.Background()
	eng := env.engine
	w := &listWorld{engine: eng, store: env.store}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	w.vpcA, err = eng.CreateVPC(ctx, engine.VPCInput{Name: "alpha", CIDR: "10.0.0.0/16"})
	must(err)
	w.vpcB, err = eng.CreateVPC(ctx, engine.VPCInput{Name: "beta", CIDR: "10.1.0.0/16"})
	must(err)
	subnet := func(vpc engine.VPC, name, cidr, zone string) engine.Subnet {
		s, err := eng.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: name, CIDR: cidr, AvailabilityZone: zone})
		must(err)
		return s
	}
	w.a1 = subnet(w.vpcA, "a1", "10.0.1.0/24", "local-1a")
	w.a2 = subnet(w.vpcA, "a2", "10.0.2.0/24", "local-1b")
	w.b1 = subnet(w.vpcB, "b1", "10.1.1.0/24", "local-1a")
	server := func(name string, s engine.Subnet) engine.ServerDetails {
		d, err := eng.CreateServer(ctx, engine.ServerInput{Name: name, Flavor: "c7.large.2", AvailabilityZone: s.AvailabilityZone, SubnetID: s.ID})
		must(err)
		return d
	}
	w.s1, w.s2, w.s3 = server("s1", w.a1), server("s2", w.a2), server("s3", w.b1)
	nic := func(name string, s engine.Subnet) engine.NetworkInterface {
		n, err := eng.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: name})
		must(err)
		return n
	}
	w.n1, w.n2, w.n3, w.n4, w.n5 = nic("n1", w.a1), nic("n2", w.a1), nic("n3", w.a2), nic("n4", w.b1), nic("n5", w.b1)
	w.n1, err = eng.AttachNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: w.n1.ID, ServerID: w.s1.ID})
	must(err)
	acl := func(in engine.NetworkACLInput) engine.NetworkACL {
		a, err := eng.CreateNetworkACL(ctx, in)
		must(err)
		return a
	}
	w.aclA1 = acl(engine.NetworkACLInput{VPCID: w.vpcA.ID, Name: "edge", Ingress: []engine.ACLRule{
		{Action: "deny", Protocol: "tcp", PortRangeMin: 22, PortRangeMax: 22, RemoteCIDR: "0.0.0.0/0", Description: "no ssh"},
		{Action: "allow", Protocol: "any", PortRangeMax: 65535, RemoteCIDR: "10.0.0.0/8"},
	}})
	w.aclA2 = acl(engine.NetworkACLInput{VPCID: w.vpcA.ID, Name: "core", Tags: map[string]string{"tier": "core"}})
	w.aclB = acl(engine.NetworkACLInput{VPCID: w.vpcB.ID, Name: "beta-edge"})

	w.s = newProtoServer(t, New("test")(), map[string]tftypes.Value{"store": str(env.store)})
	schemas, err := w.s.srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	must(err)
	w.listSchemas = schemas.ListResourceSchemas
	return w
}

// lister is the served provider's list resource server.
func (w *listWorld) lister(t *testing.T) tfprotov6.ListResourceServer {
	t.Helper()
	l, ok := w.s.srv.(tfprotov6.ListResourceServer)
	if !ok {
		t.Fatalf("the provider server %T serves no list resources", w.s.srv)
	}
	return l
}

// list calls ListResource and collects its results, failing on an error.
func (w *listWorld) list(t *testing.T, typeName string, filters map[string]tftypes.Value, include bool, limit int64) []tfprotov6.ListResourceResult {
	t.Helper()
	results, diags := w.listWithDiagnostics(t, typeName, filters, include, limit)
	if diags != "" {
		t.Fatalf("list %s %v: %s", typeName, filters, diags)
	}
	return results
}

func (w *listWorld) listWithDiagnostics(t *testing.T, typeName string, filters map[string]tftypes.Value, include bool, limit int64) ([]tfprotov6.ListResourceResult, string) {
	t.Helper()
	schema := w.listSchemas[typeName]
	if schema == nil {
		t.Fatalf("no list resource %s", typeName)
	}
	cfg := w.s.value(schema, filters)
	stream, err := w.lister(t).ListResource(context.Background(), &tfprotov6.ListResourceRequest{TypeName: typeName, Config: &cfg, IncludeResource: include, Limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	var results []tfprotov6.ListResourceResult
	var diags []string
	for r := range stream.Results {
		if msg := errorSummaries(r.Diagnostics); msg != "" {
			diags = append(diags, msg)
			continue
		}
		results = append(results, r)
	}
	return results, strings.Join(diags, "; ")
}

// listed is "display name = identity id" for each result, sorted.
func listed(t *testing.T, results []tfprotov6.ListResourceResult) []string {
	t.Helper()
	var out []string
	for _, r := range results {
		out = append(out, r.DisplayName+" = "+identityID(t, r.DisplayName, r.Identity))
	}
	slices.Sort(out)
	return out
}

// entries is what listed should give for objects named and identified so.
func entries(pairs ...string) []string {
	var out []string
	for i := 0; i < len(pairs); i += 2 {
		name, id := pairs[i], pairs[i+1]
		out = append(out, name+" ("+id+") = "+id)
	}
	slices.Sort(out)
	return out
}

// listCase is what a listing of typeName with filters must give: want,
// as entries renders it.
type listCase struct {
	name, typeName string
	filters        map[string]tftypes.Value
	want           []string
}

// expectListed lists each case, without the resources, and compares.
func (w *listWorld) expectListed(t *testing.T, cases []listCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := listed(t, w.list(t, tc.typeName, tc.filters, false, 0))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestListResources(t *testing.T) {
	w := newListWorld(t)
	none := map[string]tftypes.Value{}
	vpcA, vpcB := str(w.vpcA.ID), str(w.vpcB.ID)
	w.expectListed(t, []listCase{
		{"every VPC", "eni_vpc", none, entries("alpha", w.vpcA.ID, "beta", w.vpcB.ID)},
		{"every subnet", "eni_subnet", none, entries("a1", w.a1.ID, "a2", w.a2.ID, "b1", w.b1.ID)},
		{"subnets of a VPC", "eni_subnet", map[string]tftypes.Value{"vpc_id": vpcA}, entries("a1", w.a1.ID, "a2", w.a2.ID)},
		{"every server", "eni_server", none, entries("s1", w.s1.ID, "s2", w.s2.ID, "s3", w.s3.ID)},
		{"servers of a VPC", "eni_server", map[string]tftypes.Value{"vpc_id": vpcA}, entries("s1", w.s1.ID, "s2", w.s2.ID)},
		{"servers of a subnet", "eni_server", map[string]tftypes.Value{"subnet_id": str(w.a2.ID)}, entries("s2", w.s2.ID)},
		{"servers of a subnet and another VPC", "eni_server", map[string]tftypes.Value{"subnet_id": str(w.a1.ID), "vpc_id": vpcB}, nil},
		{"every extension NIC", "eni_network_interface", none,
			entries("n1", w.n1.ID, "n2", w.n2.ID, "n3", w.n3.ID, "n4", w.n4.ID, "n5", w.n5.ID)},
		{"NICs of a VPC", "eni_network_interface", map[string]tftypes.Value{"vpc_id": vpcB}, entries("n4", w.n4.ID, "n5", w.n5.ID)},
		{"NICs of a subnet", "eni_network_interface", map[string]tftypes.Value{"subnet_id": str(w.a1.ID)}, entries("n1", w.n1.ID, "n2", w.n2.ID)},
		{"attached NICs", "eni_network_interface", map[string]tftypes.Value{"status": str(engine.StatusInUse)}, entries("n1", w.n1.ID)},
		{"available NICs of a VPC", "eni_network_interface", map[string]tftypes.Value{"status": str(engine.StatusAvailable), "vpc_id": vpcA},
			entries("n2", w.n2.ID, "n3", w.n3.ID)},
		{"every network ACL", "eni_network_acl", none, entries("edge", w.aclA1.ID, "core", w.aclA2.ID, "beta-edge", w.aclB.ID)},
		{"network ACLs of a VPC", "eni_network_acl", map[string]tftypes.Value{"vpc_id": vpcA}, entries("edge", w.aclA1.ID, "core", w.aclA2.ID)},
		{"network ACLs holding a tag", "eni_network_acl", map[string]tftypes.Value{"tags": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String},
			map[string]tftypes.Value{"tier": str("core")})}, entries("core", w.aclA2.ID)},
	})
}

// TestListResourcesIncludeResource: with include_resource each result
// carries the state the resource's Read writes for the object.
func TestListResourcesIncludeResource(t *testing.T) {
	w := newListWorld(t)
	ctx := context.Background()
	for _, typeName := range []string{"eni_vpc", "eni_subnet", "eni_server", "eni_network_interface", "eni_network_acl"} {
		results := w.list(t, typeName, map[string]tftypes.Value{}, true, 0)
		if len(results) == 0 {
			t.Fatalf("%s: nothing listed", typeName)
		}
		for _, r := range results {
			id := identityID(t, typeName, r.Identity)
			if r.Resource == nil {
				t.Errorf("%s %s: no resource", typeName, id)
				continue
			}
			// What Read gives for a state holding the ID alone, as after an import.
			stub := w.s.value(w.s.schemas[typeName], map[string]tftypes.Value{"id": str(id)})
			read, err := w.s.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: &stub})
			if err != nil || diagsFail(read.Diagnostics) {
				t.Fatalf("read %s %s: %v %s", typeName, id, err, errorSummaries(read.Diagnostics))
			}
			typ := w.s.schemas[typeName].ValueType()
			listedState, err1 := r.Resource.Unmarshal(typ)
			readState, err2 := read.NewState.Unmarshal(typ)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s %s: %v %v", typeName, id, err1, err2)
			}
			if !listedState.Equal(readState) {
				t.Errorf("%s %s: listed resource\n%s\nwant what Read gives\n%s", typeName, id, listedState, readState)
			}
		}
	}
	// Without include_resource no resource is sent.
	for _, r := range w.list(t, "eni_network_interface", map[string]tftypes.Value{}, false, 0) {
		if r.Resource != nil {
			if v, err := r.Resource.Unmarshal(w.s.schemas["eni_network_interface"].ValueType()); err == nil && !v.IsNull() {
				t.Errorf("%s: resource sent without include_resource", r.DisplayName)
			}
		}
	}
}

func TestListResourcesLimit(t *testing.T) {
	w := newListWorld(t)
	if got := w.list(t, "eni_network_interface", map[string]tftypes.Value{}, false, 2); len(got) != 2 {
		t.Errorf("limit 2: %d results", len(got))
	}
	if got := w.list(t, "eni_vpc", map[string]tftypes.Value{}, false, 5); len(got) != 2 {
		t.Errorf("limit 5 of 2 VPCs: %d results", len(got))
	}
}

func TestListResourcesRefuseBadStatus(t *testing.T) {
	w := newListWorld(t)
	cfg := w.s.value(w.listSchemas["eni_network_interface"], map[string]tftypes.Value{"status": str("attached")})
	resp, err := w.lister(t).ValidateListResourceConfig(context.Background(), &tfprotov6.ValidateListResourceConfigRequest{
		TypeName: "eni_network_interface", Config: &cfg,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError ||
		resp.Diagnostics[0].Attribute == nil || !resp.Diagnostics[0].Attribute.Equal(tftypes.NewAttributePath().WithAttributeName("status")) ||
		!strings.Contains(resp.Diagnostics[0].Detail, `"in-use"`) {
		t.Errorf("status \"attached\": diagnostics %v", resp.Diagnostics)
	}
}

// TestListResourcesBeforeConfigure: a list asked of a provider whose block
// was never configured says so instead of panicking on the missing store.
func TestListResourcesBeforeConfigure(t *testing.T) {
	srv := pluginserver.New(providerserver.NewProtocol6(New("test")())())
	ctx := context.Background()
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.ListResourceSchemas["eni_vpc"].ValueType()
	cfg, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, map[string]tftypes.Value{"tags": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, nil)}))
	if err != nil {
		t.Fatal(err)
	}
	stream, err := srv.(tfprotov6.ListResourceServer).ListResource(ctx, &tfprotov6.ListResourceRequest{TypeName: "eni_vpc", Config: &cfg})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for r := range stream.Results {
		got = append(got, errorSummaries(r.Diagnostics))
	}
	if len(got) != 1 || !strings.Contains(got[0], "Cannot list VPCs: The provider is not configured") {
		t.Errorf("results %q, want one error saying the provider is not configured", got)
	}
}
