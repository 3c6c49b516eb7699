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

// TestPlanReplaced: the plan of a replacement notes in the ledger that
// the object it replaces is destroyed, so the address that object holds is
// free for the replacement; an address another object holds is not.
func TestPlanReplaced(t *testing.T) {
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
		free         bool
	}{
		{nic.PrivateIP, nic.ID, true},
		{server.PrivateIP, server.ID, true},
		{nic.PrivateIP, server.ID, false},
		{server.PrivateIP, nic.ID, false},
		{nic.PrivateIP, "", false},
	} {
		var diags diag.Diagnostics
		private, ledger := privateData{}, engine.NewPlanLedger()
		markReplaceable(ctx, private, tc.replaced, &diags)
		if got := planReplaced(ctx, ledger, private, &diags); got != tc.replaced || diags.HasError() {
			t.Fatalf("planReplaced = %q (%v), want %q", got, diags, tc.replaced)
		}
		err := env.engine.CheckPlannedNetworkInterface(ctx, engine.PlannedNetworkInterface{NetworkInterfaceInput: engine.NetworkInterfaceInput{
			SubnetID: subnet.ID, Name: "x", PrivateIP: tc.ip}}, ledger)
		if free := err == nil; free != tc.free {
			t.Errorf("%s replacing %q: free = %v (%v), want %v", tc.ip, tc.replaced, free, err, tc.free)
		}
		if !tc.free && engine.CodeOf(err) != engine.CodeIPAddressInUse {
			t.Errorf("%s replacing %q: %v, want %s", tc.ip, tc.replaced, err, engine.CodeIPAddressInUse)
		}
	}
}
