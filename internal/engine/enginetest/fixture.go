// Package enginetest is the conformance suite every Store must pass: the
// engine's rules, scenarios and invariants, run against a store a factory
// makes. The SQLite and PostgreSQL stores run exactly these tests.
package enginetest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Factory makes an empty store for one test; the test closes it.
type Factory func(t *testing.T) engine.Store

// region is a small topology most tests start from: one VPC with subnets
// in two zones, two groups, and servers of several flavors.
type region struct {
	t        *testing.T
	ctx      context.Context
	eng      *engine.Engine
	vpc      engine.VPC
	otherVPC engine.VPC
	subnetA  engine.Subnet // local-1a, 10.0.1.0/24
	subnetA2 engine.Subnet // local-1a, 10.0.2.0/24
	subnetB  engine.Subnet // local-1b, 10.0.3.0/24
	sg1, sg2 engine.SecurityGroup
}

func newEngine(t *testing.T, f Factory, rule string) *engine.Engine {
	t.Helper()
	st := f(t)
	eng, err := engine.New(st, engine.Options{AttachmentSubnetRule: rule})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = eng.Close() })
	return eng
}

func newRegion(t *testing.T, f Factory, rule string) *region {
	t.Helper()
	r := &region{t: t, ctx: context.Background(), eng: newEngine(t, f, rule)}
	r.vpc = must(r.eng.CreateVPC(r.ctx, engine.VPCInput{Name: "main", CIDR: "10.0.0.0/16"}))(t)
	r.otherVPC = must(r.eng.CreateVPC(r.ctx, engine.VPCInput{Name: "other", CIDR: "192.168.0.0/16"}))(t)
	r.subnetA = r.subnet(r.vpc.ID, "10.0.1.0/24", "local-1a")
	r.subnetA2 = r.subnet(r.vpc.ID, "10.0.2.0/24", "local-1a")
	r.subnetB = r.subnet(r.vpc.ID, "10.0.3.0/24", "local-1b")
	r.sg1 = must(r.eng.CreateSecurityGroup(r.ctx, engine.SecurityGroupInput{VPCID: r.vpc.ID, Name: "web"}))(t)
	r.sg2 = must(r.eng.CreateSecurityGroup(r.ctx, engine.SecurityGroupInput{VPCID: r.vpc.ID, Name: "mgmt"}))(t)
	return r
}

func (r *region) subnet(vpcID, cidr, zone string) engine.Subnet {
	r.t.Helper()
	name := "s-" + strings.NewReplacer(".", "-", "/", "-").Replace(cidr)
	return must(r.eng.CreateSubnet(r.ctx, engine.SubnetInput{VPCID: vpcID, Name: name, CIDR: cidr, AvailabilityZone: zone}))(r.t)
}

func (r *region) server(flavor string, s engine.Subnet) engine.ServerDetails {
	r.t.Helper()
	return must(r.eng.CreateServer(r.ctx, engine.ServerInput{Name: "srv", Flavor: flavor, AvailabilityZone: s.AvailabilityZone, SubnetID: s.ID}))(r.t)
}

func (r *region) nic(s engine.Subnet, groups ...string) engine.NetworkInterface {
	r.t.Helper()
	return must(r.eng.CreateNetworkInterface(r.ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "nic", SecurityGroupIDs: groups}))(r.t)
}

func (r *region) attach(n engine.NetworkInterface, srv engine.ServerDetails) engine.NetworkInterface {
	r.t.Helper()
	return must(r.eng.AttachNetworkInterface(r.ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID}))(r.t)
}

// must unwraps a result, failing the test on error.
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

// expectCode asserts err is an engine error with code whose message holds every fragment.
func expectCode(t *testing.T, err error, code string, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("expected %s, got success", code)
	}
	if got := engine.CodeOf(err); got != code {
		t.Fatalf("expected code %s, got %q (%v)", code, got, err)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("message %q does not mention %q", err.Error(), f)
		}
	}
}

// snapshot captures everything the engine stores, for before/after comparisons.
type snapshot struct {
	NICs    []engine.NetworkInterface
	EIPs    []engine.EIP
	Servers []engine.ServerDetails
	Subnets []engine.SubnetDetails
}

func (r *region) snapshot() snapshot {
	r.t.Helper()
	return takeSnapshot(r.t, r.eng)
}

func takeSnapshot(t *testing.T, eng *engine.Engine) snapshot {
	t.Helper()
	ctx := context.Background()
	var s snapshot
	s.NICs = must(eng.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{}))(t)
	s.EIPs = must(eng.ListEIPs(ctx))(t)
	seen := map[string]bool{}
	for _, n := range s.NICs {
		if n.ServerID != "" && !seen[n.ServerID] {
			seen[n.ServerID] = true
			s.Servers = append(s.Servers, must(eng.GetServer(ctx, n.ServerID))(t))
		}
		if !seen[n.SubnetID] {
			seen[n.SubnetID] = true
			s.Subnets = append(s.Subnets, must(eng.GetSubnet(ctx, n.SubnetID))(t))
		}
	}
	return s
}

// unchanged asserts that a refused call left the state exactly as before,
// and that every invariant still holds.
func (r *region) unchanged(before snapshot) {
	r.t.Helper()
	after := r.snapshot()
	if !reflect.DeepEqual(before, after) {
		r.t.Fatalf("state changed by a refused call:\nbefore %+v\nafter  %+v", before, after)
	}
	r.checkInvariants()
}

func (r *region) checkInvariants() {
	r.t.Helper()
	if err := r.eng.Check(r.ctx); err != nil {
		r.t.Fatalf("invariants broken: %v", err)
	}
}

func intp(i int) *int { return &i }

func describe(n engine.NetworkInterface) string {
	return fmt.Sprintf("%s ip=%s mac=%s server=%s/%d", n.ID, n.PrivateIP, n.MACAddress, n.ServerID, n.DeviceIndex)
}
