// Package pluginserver serves a terraform-plugin-framework provider over
// protocol 6, as providerserver.Serve does, with changes that keep a long
// run cheap:
//
//   - Memory. The framework keeps the cancel function of every request's
//     context until StopProvider, which a CLI never sends in a normal run,
//     so a provider process retains every request it ever served: each
//     context holds its loggers, fields and gRPC stream. Over the tens of
//     thousands of requests of a plan with a few thousand resources that is
//     hundreds of megabytes. Serve hands the framework a context that lets
//     go of the request once the request returns, so what stays behind is a
//     few hundred bytes per request, and clears even that whenever no
//     request is running.
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
package pluginserver

import (
	"context"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"google.golang.org/grpc"
)

// Serve serves the provider at address (hostname/namespace/type) until the
// CLI is done with it. debug serves it for a debugger, as providerserver does.
func Serve(address string, providerFunc func() provider.Provider, debug bool) error {
	QuietUnlessLogged(address)
	tuneGC()
	factory := func() tfprotov6.ProviderServer {
		return New(providerserver.NewProtocol6(providerFunc())())
	}
	if debug {
		return tf6server.Serve(address, factory, tf6server.WithManagedDebug())
	}
	// What tf6server.Serve does, with a pool of request goroutines: a new
	// goroutine per request grows its stack afresh through the framework's
	// deep calls, and copying stacks cost a request almost a tenth of its CPU.
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: handshake,
		Plugins:         plugin.PluginSet{"provider": &tf6server.GRPCProviderPlugin{GRPCProvider: factory, Name: address}},
		GRPCServer: func(opts []grpc.ServerOption) *grpc.Server {
			return grpc.NewServer(append(opts,
				grpc.MaxRecvMsgSize(maxMessageSize), grpc.MaxSendMsgSize(maxMessageSize),
				grpc.NumStreamWorkers(streamWorkers))...)
		},
	})
	return nil
}

// The plugin protocol's constants, as tf6server.Serve sets them.
var handshake = plugin.HandshakeConfig{
	ProtocolVersion:  6,
	MagicCookieKey:   "TF_PLUGIN_MAGIC_COOKIE",
	MagicCookieValue: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
}

const (
	maxMessageSize = 256 << 20
	// streamWorkers exceeds the CLI's default -parallelism (10), so that
	// requests seldom need a goroutine of their own.
	streamWorkers = 16
)

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

// New wraps a framework provider server so that it does not retain the
// requests it served (see the package documentation).
func New(inner tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	return &server{ProviderServer: inner}
}

// server passes every request to the framework's server with a detachable
// context. Requests that return a stream (actions, lists) keep theirs,
// since the stream outlives the call.
type server struct {
	tfprotov6.ProviderServer

	// running is held shared by every request; served counts requests
	// since the framework's registered contexts were last cleared.
	running sync.RWMutex
	served  atomic.Int64
}

// clearEvery is how many requests may leave their (detached) contexts
// registered with the framework before an idle moment clears them.
const clearEvery = 1024

// call runs one request with a context that forgets the request's own
// once it returns.
func call[Req, Resp any](s *server, ctx context.Context, req Req, serve func(context.Context, Req) (Resp, error)) (Resp, error) {
	s.running.RLock()
	d := newDetachable(ctx)
	resp, err := serve(d, req)
	d.detach()
	s.running.RUnlock()
	if s.served.Add(1) >= clearEvery && s.running.TryLock() {
		// No request is running, so every context the framework holds
		// belongs to a request that has returned: cancelling them is
		// what StopProvider does, and costs a finished request nothing.
		s.served.Store(0)
		_, _ = s.ProviderServer.StopProvider(context.Background(), &tfprotov6.StopProviderRequest{})
		s.running.Unlock()
	}
	return resp, err
}

func (s *server) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return call(s, ctx, req, s.ProviderServer.GetMetadata)
}

func (s *server) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return call(s, ctx, req, s.ProviderServer.GetProviderSchema)
}

func (s *server) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return call(s, ctx, req, s.ProviderServer.GetResourceIdentitySchemas)
}

func (s *server) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return call(s, ctx, req, s.ProviderServer.ValidateProviderConfig)
}

func (s *server) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return call(s, ctx, req, s.ProviderServer.ConfigureProvider)
}

func (s *server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return call(s, ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s *server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return call(s, ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s *server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return call(s, ctx, req, s.ProviderServer.ReadResource)
}

func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return call(s, ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s *server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return call(s, ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s *server) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return call(s, ctx, req, s.ProviderServer.ImportResourceState)
}

func (s *server) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return call(s, ctx, req, s.ProviderServer.MoveResourceState)
}

func (s *server) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return call(s, ctx, req, s.ProviderServer.UpgradeResourceIdentity)
}

func (s *server) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return call(s, ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return call(s, ctx, req, s.ProviderServer.ReadDataSource)
}

func (s *server) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return call(s, ctx, req, s.ProviderServer.CallFunction)
}

func (s *server) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return call(s, ctx, req, s.ProviderServer.GetFunctions)
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
