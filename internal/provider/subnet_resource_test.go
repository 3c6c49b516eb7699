package provider

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

func TestSubnetErrorPath(t *testing.T) {
	wantErrorPaths(t, "subnetErrorPath", subnetErrorPath, []errorPathCase{
		{codedError(engine.CodeSubnetRange, engine.FieldCIDR, "subnet CIDR 192.168.0.0/24 is not inside"), path.Root("cidr")},
		{codedError(engine.CodeSubnetConflict, engine.FieldCIDR, "subnet CIDR 10.0.1.0/25 overlaps"), path.Root("cidr")},
		{codedError(engine.CodeVpcNotFound, engine.FieldVPCID, "VPC vpc-1 does not exist"), path.Root("vpc_id")},
		{codedError(engine.CodeInvalidParameterValue, engine.FieldGatewayIP, "gateway_ip 10.0.3.1 is not a host address"), path.Root("gateway_ip")},
		{codedError(engine.CodeInvalidParameterValue, engine.FieldAvailabilityZone, `availability zone "x" does not exist`), path.Root("availability_zone")},
		{codedError(engine.CodeInvalidParameterValue, engine.FieldCIDR, `cidr "x" is not an IPv4 CIDR block`), path.Root("cidr")},
		{codedError(engine.CodeInvalidParameterValue, engine.FieldName, `name must not be empty`), path.Root("name")},
		{codedError(engine.CodeInvalidParameterValue, engine.FieldDescription, `description is 300 characters long`), path.Root("description")},
		{codedError(engine.CodeInvalidParameterValue, "", `something else`), path.Empty()},
		{codedError(engine.CodeServerNotFound, "server_id", "not an argument of a subnet"), path.Empty()},
		{codedError(engine.CodeDependencyViolation, "", "subnet still holds"), path.Empty()},
		{errors.New("disk full"), path.Empty()},
	})
}

func TestDefaultGateway(t *testing.T) {
	for _, tc := range []struct {
		cidr, want string
		ok         bool
	}{
		{"10.0.1.0/24", "10.0.1.1", true},
		{"172.16.0.0/16", "172.16.0.1", true},
		{"192.168.5.16/28", "192.168.5.17", true},
		{"10.0.1.1/24", "", false}, // host bits set
		{"nonsense", "", false},
	} {
		got, ok := engine.DefaultGateway(tc.cidr)
		if got != tc.want || ok != tc.ok {
			t.Errorf("engine.DefaultGateway(%q) = %q, %v; want %q, %v", tc.cidr, got, ok, tc.want, tc.ok)
		}
	}
}

// TestDefaultGatewayMatchesEngine keeps the plan's prediction equal to what
// the engine assigns.
func TestDefaultGatewayMatchesEngine(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	vpc, err := env.engine.CreateVPC(ctx, engine.VPCInput{Name: "v", CIDR: "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	for i, cidr := range []string{"10.0.0.0/24", "10.0.1.16/28", "10.0.128.0/17"} {
		s, err := env.engine.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: fmt.Sprintf("s%d", i), CIDR: cidr, AvailabilityZone: "local-1a"})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := engine.DefaultGateway(cidr); got != s.GatewayIP {
			t.Errorf("engine.DefaultGateway(%s) = %s, engine chose %s", cidr, got, s.GatewayIP)
		}
	}
}

func TestCheckGatewayInCIDR(t *testing.T) {
	for _, tc := range []struct {
		cidr, gateway string
		ok            bool
	}{
		{"10.0.1.0/24", "10.0.1.1", true},
		{"10.0.1.0/24", "10.0.1.254", true},
		{"10.0.1.0/24", "10.0.1.0", false},   // network
		{"10.0.1.0/24", "10.0.1.255", false}, // broadcast
		{"10.0.1.0/24", "10.0.2.1", false},
		{"10.0.1.16/28", "10.0.1.30", true},
		{"10.0.1.16/28", "10.0.1.31", false},
		{"10.0.1.0/24", "not-an-ip", false},
		{"bad", "10.0.1.1", true}, // left to the cidr validator
	} {
		err := checkGatewayInCIDR(tc.cidr, tc.gateway)
		if (err == nil) != tc.ok {
			t.Errorf("checkGatewayInCIDR(%q, %q) = %v, want ok=%v", tc.cidr, tc.gateway, err, tc.ok)
		}
		if err != nil && engine.CodeOf(err) != engine.CodeInvalidParameterValue {
			t.Errorf("checkGatewayInCIDR(%q, %q) code = %q", tc.cidr, tc.gateway, engine.CodeOf(err))
		}
	}
}
