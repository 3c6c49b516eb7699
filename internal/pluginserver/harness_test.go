package pluginserver

import (
	"context"
	"net"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/eni/terraform-provider-eni/internal/provider"
)

// The harness serves the real provider, configured on a fresh SQLite store,
// over gRPC on a Unix socket through tf6server's handlers, as the CLI sees
// it: each request's context carries what a plugin process's would (the
// gRPC stream, tf6server's loggers and its stop channel).

const address = "registry.terraform.io/eni/eni"

// harness is a served provider with one network interface to ask about.
type harness struct {
	tb     testing.TB
	conn   *grpc.ClientConn
	nic    []byte // the interface's state, msgpack
	config []byte // the configuration that gives that state, msgpack
}

// newHarness configures the provider on a temporary store, creates one
// network interface in-process and serves srv (the provider, as wrap
// returns it) on a gRPC server built with opts.
func newHarness(tb testing.TB, wrap func(tfprotov6.ProviderServer) tfprotov6.ProviderServer, opts ...grpc.ServerOption) *harness {
	tb.Helper()
	QuietUnlessLogged(address)
	srv := wrap(newFrameworkServer())
	s := newSetup(tb, srv)
	s.configure(map[string]tftypes.Value{"store": str(filepath.Join(tb.TempDir(), "engine.db"))})
	vpc := s.create("eni_vpc", map[string]tftypes.Value{"name": str("h"), "cidr": str("10.0.0.0/16")})
	subnet := s.create("eni_subnet", map[string]tftypes.Value{"vpc_id": s.attr("eni_vpc", vpc, "id"), "name": str("h"),
		"cidr": str("10.0.0.0/20"), "availability_zone": str("local-1a")})
	nic := s.create("eni_network_interface", map[string]tftypes.Value{"name": str("h"), "subnet_id": s.attr("eni_subnet", subnet, "id")})
	cfg := s.configOf("eni_network_interface", nic)

	h := &harness{tb: tb, nic: nic.MsgPack, config: cfg.MsgPack}
	h.conn = serveGRPC(tb, srv, opts...)
	return h
}

// serveGRPC serves srv as go-plugin would, on a socket in a temporary
// directory, and returns a client connected to it.
func serveGRPC(tb testing.TB, srv tfprotov6.ProviderServer, opts ...grpc.ServerOption) *grpc.ClientConn {
	tb.Helper()
	sock := filepath.Join(tb.TempDir(), "plugin.sock")
	lis, err := net.Listen("unix", sock)
	if err != nil {
		tb.Fatal(err)
	}
	gs := grpc.NewServer(opts...)
	plugin := &tf6server.GRPCProviderPlugin{GRPCProvider: func() tfprotov6.ProviderServer { return srv }, Name: address}
	if err := plugin.GRPCServer(nil, gs); err != nil {
		tb.Fatal(err)
	}
	go func() { _ = gs.Serve(lis) }()
	tb.Cleanup(gs.Stop)
	conn, err := grpc.NewClient("unix://"+sock, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = conn.Close() })
	return conn
}

// refreshAndPlan sends what a CLI sends for one unchanged resource in a
// plan: ReadResource, ValidateResourceConfig and PlanResourceChange.
func (h *harness) refreshAndPlan(ctx context.Context) {
	h.call(ctx, "ReadResource", map[string]any{"type_name": "eni_network_interface", "current_state": h.nic})
	h.call(ctx, "ValidateResourceConfig", map[string]any{"type_name": "eni_network_interface", "config": h.config})
	h.call(ctx, "PlanResourceChange", map[string]any{"type_name": "eni_network_interface",
		"prior_state": h.nic, "proposed_new_state": h.nic, "config": h.config})
}

// requestsPerRound is how many requests refreshAndPlan sends.
const requestsPerRound = 3

// call sends one request of the protocol, fields given by their proto
// names ([]byte for a DynamicValue's msgpack), and fails on an error or an
// error diagnostic.
func (h *harness) call(ctx context.Context, method string, fields map[string]any) {
	req := newMessage(h.tb, "tfplugin6."+method+".Request")
	for name, v := range fields {
		fd := req.Descriptor().Fields().ByName(protoreflect.Name(name))
		switch v := v.(type) {
		case string:
			req.Set(fd, protoreflect.ValueOfString(v))
		case []byte:
			dv := req.NewField(fd).Message()
			dv.Set(dv.Descriptor().Fields().ByName("msgpack"), protoreflect.ValueOfBytes(v))
			req.Set(fd, protoreflect.ValueOfMessage(dv))
		}
	}
	resp := newMessage(h.tb, "tfplugin6."+method+".Response")
	if err := h.conn.Invoke(ctx, "/tfplugin6.Provider/"+method, req.Interface(), resp.Interface()); err != nil {
		h.tb.Fatalf("%s: %v", method, err)
	}
	if failed(resp) {
		h.tb.Fatalf("%s: %v", method, resp.Interface())
	}
}

// failed reports whether a response carries an error diagnostic.
func failed(resp protoreflect.Message) bool {
	diags := resp.Get(resp.Descriptor().Fields().ByName("diagnostics")).List()
	for i := range diags.Len() {
		d := diags.Get(i).Message()
		if d.Get(d.Descriptor().Fields().ByName("severity")).Enum() == 1 { // ERROR
			return true
		}
	}
	return false
}

func newMessage(tb testing.TB, name string) protoreflect.Message {
	mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(name))
	if err != nil {
		tb.Fatal(err)
	}
	return mt.New()
}

// newFrameworkServer is the framework's server for the real provider.
func newFrameworkServer() tfprotov6.ProviderServer {
	return providerserver.NewProtocol6(provider.New("test")())()
}
