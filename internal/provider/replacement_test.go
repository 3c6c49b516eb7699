package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// privateData stands in for the framework's private state.
type privateData map[string][]byte

func (p privateData) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(p, key)
	} else {
		p[key] = value
	}
	return nil
}

func (p privateData) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func TestReplacedIDRoundTrip(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	private := privateData{}
	if got := replacedID(ctx, private, &diags); got != "" {
		t.Errorf("a plain create replaces %q", got)
	}
	markReplaceable(ctx, private, "subnet-1", &diags)
	if got := replacedID(ctx, private, &diags); got != "subnet-1" {
		t.Errorf("replacedID = %q, want subnet-1", got)
	}
	clearReplaceable(ctx, private, &diags)
	if got := replacedID(ctx, private, &diags); got != "" {
		t.Errorf("after an update the object still replaces %q", got)
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}

// TestHeldByReplaced: an address is free for a replacement when the NIC it
// replaces holds it, or the server it replaces holds it on its primary NIC;
// not when another object holds it.
func TestHeldByReplaced(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	vpc, err := env.engine.CreateVPC(ctx, engine.VPCInput{Name: "v", CIDR: "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	subnet, err := env.engine.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "s", CIDR: "10.0.1.0/24", AvailabilityZone: "local-1a"})
	if err != nil {
		t.Fatal(err)
	}
	nic, err := env.engine.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: subnet.ID, Name: "n", PrivateIP: "10.0.1.10"})
	if err != nil {
		t.Fatal(err)
	}
	server, err := env.engine.CreateServer(ctx, engine.ServerInput{Name: "s", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: subnet.ID, PrivateIP: "10.0.1.20"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ip, replaced string
		want         bool
	}{
		{nic.PrivateIP, nic.ID, true},
		{server.PrivateIP, server.ID, true},
		{nic.PrivateIP, server.ID, false},
		{server.PrivateIP, nic.ID, false},
		{nic.PrivateIP, "", false},
	} {
		err := env.engine.CheckNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: subnet.ID, Name: "x", PrivateIP: tc.ip})
		if engine.CodeOf(err) != engine.CodeIPAddressInUse {
			t.Fatalf("checking %s: %v, want %s", tc.ip, err, engine.CodeIPAddressInUse)
		}
		if got := heldByReplaced(ctx, env.engine, err, subnet.ID, tc.ip, tc.replaced); got != tc.want {
			t.Errorf("heldByReplaced(%s, replacing %q) = %v, want %v", tc.ip, tc.replaced, got, tc.want)
		}
	}
}
