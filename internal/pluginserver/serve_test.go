package pluginserver

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// testProvider has one resource, test_thing, whose Read calls onRead with
// the framework's context and the state's id, and fails unless the
// provider was configured.
type testProvider struct {
	onRead func(ctx context.Context, id string)
}

func (testProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "test"
}
func (testProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (testProvider) Configure(_ context.Context, _ provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	resp.ResourceData = providerData
}
func (testProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (p testProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &testResource{onRead: p.onRead} }}
}

// providerData is what the configured provider hands its resources.
const providerData = "configured"

type testResource struct {
	onRead func(ctx context.Context, id string)
	data   any
}

func (*testResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thing"
}
func (*testResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Required: true}}}
}
func (r *testResource) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	r.data = req.ProviderData
}
func (*testResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (r *testResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if r.data != providerData {
		resp.Diagnostics.AddError("not configured", "the resource was not given the provider's data")
		return
	}
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	if r.onRead != nil {
		r.onRead(ctx, id.ValueString())
	}
}
func (*testResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (*testResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

type payloadKey struct{}

// configured is srv after ConfigureProvider; srv is a framework server of testProvider,
// wrapped or not.
func configured(t *testing.T, srv tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	t.Helper()
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}
	cfg, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, map[string]tftypes.Value{}))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: &cfg})
	if err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
	return srv
}

// readThing reads the test_thing of id, failing on an error or a diagnostic.
func readThing(ctx context.Context, srv tfprotov6.ProviderServer, id string) error {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}
	state, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, id)}))
	if err != nil {
		return err
	}
	resp, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "test_thing", CurrentState: &state})
	if err != nil {
		return err
	}
	if len(resp.Diagnostics) > 0 {
		return fmt.Errorf("read %s: %s: %s", id, resp.Diagnostics[0].Summary, resp.Diagnostics[0].Detail)
	}
	return nil
}

// readMany serves n reads, each with a context carrying 4 KiB, and
// returns how much the live heap grew.
func readMany(t *testing.T, srv tfprotov6.ProviderServer, n, concurrent int) int64 {
	t.Helper()
	read := func() {
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), payloadKey{}, make([]byte, 4096)))
		defer cancel() // as gRPC does when a request ends
		if err := readThing(ctx, srv, "x"); err != nil {
			t.Error(err)
		}
	}
	read()
	before := liveHeap()
	var wg sync.WaitGroup
	for w := range concurrent {
		wg.Go(func() {
			for i := w; i < n; i += concurrent {
				read()
			}
		})
	}
	wg.Wait()
	grew := liveHeap() - before
	runtime.KeepAlive(srv)
	return grew
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func liveHeap() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// TestServedRequestsAreNotRetained shows the framework's retention and that
// the wrapper lets go of it: 20,000 reads of 4 KiB contexts would keep 80 MB.
func TestServedRequestsAreNotRetained(t *testing.T) {
	const n = 20000
	framework := configured(t, providerserver.NewProtocol6(testProvider{})())
	grew := readMany(t, framework, n, 4)
	t.Logf("framework alone: the live heap grew %d KiB over %d requests", grew>>10, n)
	if grew < n*4096/2 {
		t.Logf("the framework no longer retains requests; the wrapper may no longer be needed")
	}
	wrapped := configured(t, New(providerserver.NewProtocol6(testProvider{})()))
	grew = readMany(t, wrapped, n, 4)
	t.Logf("wrapped: the live heap grew %d KiB over %d requests", grew>>10, n)
	if grew > 4<<20 {
		t.Errorf("the wrapper should keep the growth under 4 MiB")
	}
}

func TestDetachableForgetsTheRequest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), payloadKey{}, "request"))
	d := newDetachable(ctx)
	child, cancelChild := context.WithCancel(d)
	defer cancelChild()
	if child.Value(payloadKey{}) != "request" {
		t.Fatal("the request's values are not visible before detach")
	}
	d.detach()
	if d.Value(payloadKey{}) != nil || d.Done() != nil {
		t.Fatal("the request is still reachable after detach")
	}
	cancel()
	<-child.Done() // cancellation registered before detach still reaches the child
}

func TestQuietUnlessLogged(t *testing.T) {
	vars := []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_ENI"}
	reset := func() {
		for _, v := range vars {
			t.Setenv(v, "")
			os.Unsetenv(v)
		}
	}
	reset()
	QuietUnlessLogged("registry.terraform.io/eni/eni")
	for _, v := range vars[2:] {
		if got := os.Getenv(v); got != "OFF" {
			t.Errorf("with no TF_LOG: %s=%q, want OFF", v, got)
		}
	}
	reset()
	t.Setenv("TF_LOG_SDK_FRAMEWORK", "DEBUG")
	QuietUnlessLogged("registry.terraform.io/eni/eni")
	if got := os.Getenv("TF_LOG_SDK_FRAMEWORK"); got != "DEBUG" {
		t.Errorf("a logger's own setting was overridden: %q", got)
	}
	reset()
	t.Setenv("TF_LOG", "TRACE")
	QuietUnlessLogged("registry.terraform.io/eni/eni")
	if got := os.Getenv("TF_LOG_SDK"); got != "" {
		t.Errorf("with TF_LOG set: TF_LOG_SDK=%q, want it left alone", got)
	}
}
