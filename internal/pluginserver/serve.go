// Package pluginserver serves a terraform-plugin-framework provider over
// protocol 6 with tf6server, as providerserver.Serve does, with changes that
// keep a long run cheap. NewServer is the server both the binary and the
// acceptance tests run.
//
//   - Memory. The framework registers a cancel function for every request's
//     context and forgets them only on StopProvider, which a CLI never sends
//     in a normal run. Each context holds the request's loggers, fields and
//     gRPC stream, about 13 KB (BenchmarkRetainedHeap): hundreds of
//     megabytes over the tens of thousands of requests of a plan with a few
//     thousand resources. The server hands the framework a context that
//     lets go of the request when the request is done. That leaves about
//     150 bytes a request, the framework's own context and cancel function,
//     which only StopProvider releases: kept, they grow the live heap by
//     9 MB over 60,000 requests, collections come twice as often, and a
//     process that lived long enough would reach the soft memory limit
//     below and collect without end. So once 1024 requests have finished
//     and none is running, the server calls the framework's StopProvider
//     itself. That is a lifecycle call used to collect garbage, the least
//     bad option the framework leaves, and safe only while StopProvider
//     does no more than cancel the registered contexts (checked by
//     TestClearingLeavesTheProviderServing) and every request, a stream
//     until it is drained, holds the lock the clearing takes (checked by
//     TestEveryRequestIsWrapped).
//
//   - Logs nobody reads. By default a provider logs at TRACE and the CLI
//     parses and drops every line unless TF_LOG or TF_LOG_PROVIDER asks for
//     provider logs; the framework writes several lines per attribute of
//     every request. When neither is set, Serve turns the provider's
//     loggers off, saving the provider the writing and the CLI the parsing.
//     Set either variable and the logs are there as usual.
//
//   - Garbage collection. A provider's live heap is small and steady while
//     each request allocates many times over what it keeps, so the default
//     GOGC=100 collects every few requests and hands memory back to the OS
//     as often. Serve collects at 400% growth within a 24 MiB soft limit,
//     unless GOGC or GOMEMLIMIT say otherwise. The live heap stays near
//     3 MB even in a plan of 5000 NICs, so the limit costs no extra
//     collections in smaller runs and keeps the process's peak (heap, its
//     binary's pages and SQLite's page caches) under 64 MB in larger ones.
//
//   - Lifetime. A provider whose CLI was killed would serve no one for
//     ever, holding its store; Serve's provider leaves soon after its CLI
//     (lifetime.go).
package pluginserver

import (
	"context"
	"fmt"
	"iter"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Serve serves the provider at address (hostname/namespace/type) until the
// CLI is done with it, or is gone: then the provider runs release (which
// closes what it holds open; nil for nothing) and exits, see lifetime.go.
// debug serves it for a debugger, as providerserver does, with no watch on
// the process that started it.
func Serve(address string, providerFunc func() provider.Provider, debug bool, release func()) error {
	QuietUnlessLogged(address)
	tuneGC()
	if debug {
		return tf6server.Serve(address, func() tfprotov6.ProviderServer { return NewServer(providerFunc) }, tf6server.WithManagedDebug())
	}
	srv := orphanable(providerFunc, release)
	return tf6server.Serve(address, func() tfprotov6.ProviderServer { return srv })
}

// NewServer is the provider's protocol 6 server: the framework's, wrapped by
// New.
func NewServer(providerFunc func() provider.Provider) tfprotov6.ProviderServer {
	return New(providerserver.NewProtocol6(providerFunc())())
}

// QuietUnlessLogged turns off the provider's loggers (SDK, protocol,
// framework and the provider's own) when the CLI that started it shows no
// provider logs: neither TF_LOG nor TF_LOG_PROVIDER is set. A logger whose
// own variable is set keeps it.
func QuietUnlessLogged(address string) {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	name := address[strings.LastIndex(address, "/")+1:]
	for _, v := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_" + strings.ToUpper(name)} {
		if os.Getenv(v) == "" {
			_ = os.Setenv(v, "OFF")
		}
	}
}

// softMemoryLimit is the Go runtime's soft memory limit for a provider.
const softMemoryLimit = 24 << 20

// tuneGC collects less often than the default; see the package documentation.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
}

// frameworkServer is what the framework's server implements: the protocol
// and the optional interfaces tf6server looks for.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// The wrapper offers tf6server everything the framework's server does.
var _ frameworkServer = (*server)(nil)

// New wraps the framework's provider server (providerserver.NewProtocol6)
// so that it does not retain the requests it served (see the package
// documentation). It panics when given any other server, which would not
// have the framework's retention to undo.
func New(framework tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	inner, ok := framework.(frameworkServer)
	if !ok {
		panic(fmt.Sprintf("pluginserver.New: %T is not the framework's provider server", framework))
	}
	return &server{inner: inner, clearEvery: clearEvery}
}

// server passes every request to the framework's server with a detachable
// context. inner is a named field, not embedded, so that a method of the
// protocol the wrapper does not write out does not compile.
type server struct {
	inner frameworkServer

	// running is held shared by every request until it is done; served
	// counts the requests done since the framework's registered contexts
	// were last cleared.
	running sync.RWMutex
	served  atomic.Int64

	// clearEvery is how many finished requests may leave their (detached)
	// contexts registered with the framework before an idle moment clears
	// them; benchmarks raise it to measure what clearing saves.
	clearEvery int64
}

const clearEvery = 1024

// begin marks a request running and gives it a context the framework may
// keep after the request without keeping the request.
func (s *server) begin(ctx context.Context) *detachable {
	s.running.RLock()
	return newDetachable(ctx)
}

// end lets go of a request begun with begin.
func (s *server) end(d *detachable) {
	d.detach()
	s.running.RUnlock()
	if s.served.Add(1) >= s.clearEvery {
		s.clearIfIdle()
	}
}

// clearIfIdle forgets the contexts the framework registered, when no
// request is running: then all of them belong to requests that are done,
// and cancelling them, all that the framework's StopProvider does, costs
// no request anything.
func (s *server) clearIfIdle() {
	if !s.running.TryLock() {
		return
	}
	defer s.running.Unlock()
	s.served.Store(0)
	_, _ = s.inner.StopProvider(context.Background(), &tfprotov6.StopProviderRequest{})
}

// call serves a request whose response is complete when it returns.
func call[Req, Resp any](ctx context.Context, s *server, req Req, serve func(context.Context, Req) (Resp, error)) (Resp, error) {
	d := s.begin(ctx)
	defer s.end(d)
	return serve(d, req)
}

// callStream serves a request whose response streams after it returns: the
// request runs, with its context, until tf6server has drained the stream
// that field points into.
func callStream[Req, Resp, T any](ctx context.Context, s *server, req Req, serve func(context.Context, Req) (*Resp, error), field func(*Resp) *iter.Seq[T]) (*Resp, error) {
	d := s.begin(ctx)
	resp, err := serve(d, req)
	if err != nil || resp == nil || *field(resp) == nil {
		s.end(d)
		return resp, err
	}
	seq := field(resp)
	*seq = untilDrained(*seq, sync.OnceFunc(func() { s.end(d) }))
	return resp, nil
}

// untilDrained is seq, calling done once its caller stops ranging over it.
func untilDrained[T any](seq iter.Seq[T], done func()) iter.Seq[T] {
	return func(yield func(T) bool) {
		defer done()
		seq(yield)
	}
}

// StopProvider is the one request that does not count as running and does
// not wait for clearing: the CLI sends it to cancel the running requests.
func (s *server) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return s.inner.StopProvider(ctx, req)
}

func (s *server) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return call(ctx, s, req, s.inner.GetMetadata)
}

func (s *server) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return call(ctx, s, req, s.inner.GetProviderSchema)
}

func (s *server) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return call(ctx, s, req, s.inner.GetResourceIdentitySchemas)
}

func (s *server) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return call(ctx, s, req, s.inner.ValidateProviderConfig)
}

func (s *server) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return call(ctx, s, req, s.inner.ConfigureProvider)
}

func (s *server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return call(ctx, s, req, s.inner.ValidateResourceConfig)
}

func (s *server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return call(ctx, s, req, s.inner.UpgradeResourceState)
}

func (s *server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return call(ctx, s, req, s.inner.ReadResource)
}

func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return call(ctx, s, req, s.inner.PlanResourceChange)
}

func (s *server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return call(ctx, s, req, s.inner.ApplyResourceChange)
}

func (s *server) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return call(ctx, s, req, s.inner.ImportResourceState)
}

func (s *server) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return call(ctx, s, req, s.inner.MoveResourceState)
}

func (s *server) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return call(ctx, s, req, s.inner.UpgradeResourceIdentity)
}

func (s *server) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return call(ctx, s, req, s.inner.GenerateResourceConfig)
}

func (s *server) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return call(ctx, s, req, s.inner.ValidateDataResourceConfig)
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return call(ctx, s, req, s.inner.ReadDataSource)
}

func (s *server) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return call(ctx, s, req, s.inner.CallFunction)
}

func (s *server) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return call(ctx, s, req, s.inner.GetFunctions)
}

func (s *server) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return call(ctx, s, req, s.inner.ValidateEphemeralResourceConfig)
}

func (s *server) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return call(ctx, s, req, s.inner.OpenEphemeralResource)
}

func (s *server) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return call(ctx, s, req, s.inner.RenewEphemeralResource)
}

func (s *server) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return call(ctx, s, req, s.inner.CloseEphemeralResource)
}

func (s *server) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return call(ctx, s, req, s.inner.ValidateListResourceConfig)
}

func (s *server) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return callStream(ctx, s, req, s.inner.ListResource, func(r *tfprotov6.ListResourceServerStream) *iter.Seq[tfprotov6.ListResourceResult] { return &r.Results })
}

func (s *server) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return call(ctx, s, req, s.inner.ValidateActionConfig)
}

func (s *server) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return call(ctx, s, req, s.inner.PlanAction)
}

func (s *server) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return callStream(ctx, s, req, s.inner.InvokeAction, func(r *tfprotov6.InvokeActionServerStream) *iter.Seq[tfprotov6.InvokeActionEvent] { return &r.Events })
}

func (s *server) ValidateStateStoreConfig(ctx context.Context, req *tfprotov6.ValidateStateStoreConfigRequest) (*tfprotov6.ValidateStateStoreConfigResponse, error) {
	return call(ctx, s, req, s.inner.ValidateStateStoreConfig)
}

func (s *server) ConfigureStateStore(ctx context.Context, req *tfprotov6.ConfigureStateStoreRequest) (*tfprotov6.ConfigureStateStoreResponse, error) {
	return call(ctx, s, req, s.inner.ConfigureStateStore)
}

func (s *server) ReadStateBytes(ctx context.Context, req *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	return callStream(ctx, s, req, s.inner.ReadStateBytes, func(r *tfprotov6.ReadStateBytesStream) *iter.Seq[tfprotov6.ReadStateByteChunk] { return &r.Chunks })
}

// WriteStateBytes reads the CLI's stream within the call, so it is a plain call.
func (s *server) WriteStateBytes(ctx context.Context, req *tfprotov6.WriteStateBytesStream) (*tfprotov6.WriteStateBytesResponse, error) {
	return call(ctx, s, req, s.inner.WriteStateBytes)
}

func (s *server) GetStates(ctx context.Context, req *tfprotov6.GetStatesRequest) (*tfprotov6.GetStatesResponse, error) {
	return call(ctx, s, req, s.inner.GetStates)
}

func (s *server) DeleteState(ctx context.Context, req *tfprotov6.DeleteStateRequest) (*tfprotov6.DeleteStateResponse, error) {
	return call(ctx, s, req, s.inner.DeleteState)
}

func (s *server) LockState(ctx context.Context, req *tfprotov6.LockStateRequest) (*tfprotov6.LockStateResponse, error) {
	return call(ctx, s, req, s.inner.LockState)
}

func (s *server) UnlockState(ctx context.Context, req *tfprotov6.UnlockStateRequest) (*tfprotov6.UnlockStateResponse, error) {
	return call(ctx, s, req, s.inner.UnlockState)
}

// detachable is a request's context until detach, then an empty one. The
// framework keeps a context derived from it after the request; detaching
// lets the request's own context, and all it carries, be collected.
type detachable struct {
	ctx atomic.Pointer[boxed]
}

type boxed struct{ context.Context }

var detached = &boxed{context.Background()}

func newDetachable(ctx context.Context) *detachable {
	d := &detachable{}
	d.ctx.Store(&boxed{ctx})
	return d
}

func (d *detachable) detach() { d.ctx.Store(detached) }

func (d *detachable) Deadline() (time.Time, bool) { return d.ctx.Load().Deadline() }
func (d *detachable) Done() <-chan struct{}       { return d.ctx.Load().Done() }
func (d *detachable) Err() error                  { return d.ctx.Load().Err() }
func (d *detachable) Value(key any) any           { return d.ctx.Load().Value(key) }
