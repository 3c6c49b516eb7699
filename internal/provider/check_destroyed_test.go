package provider

// checkDestroyed, the CheckDestroy of every acceptance test, and the unit
// tests that keep it in step with the provider's resource types.

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// checkDestroyed is a CheckDestroy: no object of the state's resources
// still exists in the engine, and the engine's invariants hold. A resource
// type of this provider it cannot look up fails the check rather than
// passing unseen; other providers' resources (terraform_data) are not its
// business.
func (e *testEnv) checkDestroyed(s *terraform.State) error {
	ctx := context.Background()
	exists := e.survivalChecks()
	for address, rs := range s.RootModule().Resources {
		if strings.HasPrefix(address, "data.") || !strings.HasPrefix(rs.Type, "eni_") {
			continue
		}
		survived, ok := exists[rs.Type]
		if !ok {
			return fmt.Errorf("checkDestroyed cannot tell whether %s %s survived: %s has no entry in survivalChecks", rs.Type, rs.Primary.ID, rs.Type)
		}
		left, err := survived(ctx, rs.Primary.ID)
		if err != nil {
			return err
		}
		if left {
			return fmt.Errorf("%s %s still exists after destroy", rs.Type, rs.Primary.ID)
		}
	}
	return e.engine.Check(ctx)
}

// survivalCheck reports whether the object of a resource type with an ID
// still exists in the engine.
type survivalCheck func(ctx context.Context, id string) (bool, error)

// survivalChecks has an entry for each resource type of the provider
// (TestCheckDestroyedCoversEveryResourceType fails when one is missing).
func (e *testEnv) survivalChecks() map[string]survivalCheck {
	return map[string]survivalCheck{
		"eni_vpc":                          found(e.engine.GetVPC),
		"eni_subnet":                       found(e.engine.GetSubnet),
		"eni_security_group":               found(e.engine.GetSecurityGroup),
		"eni_server":                       found(e.engine.GetServer),
		"eni_network_interface":            found(e.engine.GetNetworkInterface),
		"eni_network_interface_attachment": e.stillAttached,
		"eni_eip":                          found(e.engine.GetEIP),
		"eni_virtual_ip":                   found(e.engine.GetVirtualIP),
		"eni_route_table":                  found(e.engine.GetRouteTable),
		"eni_route":                        found(e.getRoute),
		"eni_route_table_association":      found(e.engine.GetRouteTableAssociation),
		"eni_network_acl":                  found(e.engine.GetNetworkACL),
		"eni_network_acl_association":      found(e.engine.GetNetworkACLAssociation),
	}
}

// found is the survivalCheck of a type whose object is there while get
// finds it.
func found[T any](get func(context.Context, string) (T, error)) survivalCheck {
	return func(ctx context.Context, id string) (bool, error) {
		_, err := get(ctx, id)
		if engine.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	}
}

// stillAttached is the survivalCheck of an attachment, whose ID is its
// network interface's: it survives while that NIC sits on a server.
func (e *testEnv) stillAttached(ctx context.Context, nicID string) (bool, error) {
	n, err := e.engine.GetNetworkInterface(ctx, nicID)
	if engine.IsNotFound(err) {
		return false, nil
	}
	return err == nil && n.ServerID != "", err
}

// getRoute gets the route a route's ID names.
func (e *testEnv) getRoute(ctx context.Context, id string) (engine.Route, error) {
	table, destination, _ := strings.Cut(id, ":")
	return e.engine.GetRoute(ctx, table, destination)
}

// lookup turns an engine getter into one that returns its error alone.
func lookup[T any](get func(context.Context, string) (T, error)) func(context.Context, string) error {
	return func(ctx context.Context, id string) error {
		_, err := get(ctx, id)
		return err
	}
}

// leftover makes, through the engine, one object of a resource type as a
// failed destroy would leave it, and returns its ID and how to remove it.
type leftover func(f *computeFixture) (id string, remove func(context.Context) error)

// leftovers has an entry for each resource type of the provider.
var leftovers = map[string]leftover{
	"eni_vpc": func(f *computeFixture) (string, func(context.Context) error) {
		v, err := f.env.engine.CreateVPC(context.Background(), engine.VPCInput{Name: "left", CIDR: "10.2.0.0/16"})
		return f.made(v.ID, err), removal(f.env.engine.DeleteVPC, v.ID)
	},
	"eni_subnet": func(f *computeFixture) (string, func(context.Context) error) {
		s, err := f.env.engine.CreateSubnet(context.Background(), engine.SubnetInput{VPCID: f.vpc.ID, Name: "left", CIDR: "10.0.9.0/24", AvailabilityZone: "local-1a"})
		return f.made(s.ID, err), removal(f.env.engine.DeleteSubnet, s.ID)
	},
	"eni_security_group": func(f *computeFixture) (string, func(context.Context) error) {
		g, err := f.env.engine.CreateSecurityGroup(context.Background(), engine.SecurityGroupInput{VPCID: f.vpc.ID, Name: "left"})
		return f.made(g.ID, err), removal(f.env.engine.DeleteSecurityGroup, g.ID)
	},
	"eni_server": func(f *computeFixture) (string, func(context.Context) error) {
		srv := f.server("left", "c7.large.2")
		return srv.ID, removal(f.env.engine.DeleteServer, srv.ID)
	},
	"eni_network_interface": func(f *computeFixture) (string, func(context.Context) error) {
		n := f.nic(f.subnet.ID, "")
		return n.ID, removal(f.env.engine.DeleteNetworkInterface, n.ID)
	},
	"eni_network_interface_attachment": func(f *computeFixture) (string, func(context.Context) error) {
		n, srv := f.nic(f.subnet.ID, ""), f.server("left", "c7.large.2")
		return f.made(n.ID, f.attach(n.ID, srv.ID, 1)), func(ctx context.Context) error {
			_, err := f.env.engine.DetachNetworkInterface(ctx, n.ID)
			return err
		}
	},
	"eni_eip": func(f *computeFixture) (string, func(context.Context) error) {
		eip, err := f.env.engine.CreateEIP(context.Background(), engine.EIPInput{BandwidthMbps: 5})
		return f.made(eip.ID, err), removal(f.env.engine.DeleteEIP, eip.ID)
	},
	"eni_virtual_ip": func(f *computeFixture) (string, func(context.Context) error) {
		v, err := f.env.engine.CreateVirtualIP(context.Background(), engine.VirtualIPInput{SubnetID: f.subnet.ID})
		return f.made(v.ID, err), removal(f.env.engine.DeleteVirtualIP, v.ID)
	},
	"eni_route_table": func(f *computeFixture) (string, func(context.Context) error) {
		rt, err := f.env.engine.CreateRouteTable(context.Background(), engine.RouteTableInput{VPCID: f.vpc.ID, Name: "left"})
		return f.made(rt.ID, err), removal(f.env.engine.DeleteRouteTable, rt.ID)
	},
	"eni_route": func(f *computeFixture) (string, func(context.Context) error) {
		r, err := f.env.engine.CreateRoute(context.Background(), engine.RouteInput{RouteTableID: f.vpc.DefaultRouteTableID,
			DestinationCIDR: "0.0.0.0/0", NextHopType: engine.NextHopInternet})
		return f.made(r.ID(), err), func(ctx context.Context) error {
			return f.env.engine.DeleteRoute(ctx, r.RouteTableID, r.DestinationCIDR)
		}
	},
	"eni_route_table_association": func(f *computeFixture) (string, func(context.Context) error) {
		rt, err := f.env.engine.CreateRouteTable(context.Background(), engine.RouteTableInput{VPCID: f.vpc.ID, Name: "left"})
		f.made(rt.ID, err)
		a, err := f.env.engine.AssociateRouteTable(context.Background(), f.subnet.ID, rt.ID)
		return f.made(a.ID, err), removal(f.env.engine.DisassociateRouteTable, a.ID)
	},
	"eni_network_acl": func(f *computeFixture) (string, func(context.Context) error) {
		a, err := f.env.engine.CreateNetworkACL(context.Background(), engine.NetworkACLInput{VPCID: f.vpc.ID, Name: "left"})
		return f.made(a.ID, err), removal(f.env.engine.DeleteNetworkACL, a.ID)
	},
	"eni_network_acl_association": func(f *computeFixture) (string, func(context.Context) error) {
		a, err := f.env.engine.CreateNetworkACL(context.Background(), engine.NetworkACLInput{VPCID: f.vpc.ID, Name: "left"})
		f.made(a.ID, err)
		assoc, err := f.env.engine.AssociateNetworkACL(context.Background(), f.subnet.ID, a.ID)
		return f.made(assoc.ID, err), removal(f.env.engine.DisassociateNetworkACL, assoc.ID)
	},
}

// made stops the test when making a leftover failed, else returns its ID.
func (f *computeFixture) made(id string, err error) string {
	f.t.Helper()
	if err != nil {
		f.t.Fatalf("making a leftover: %v", err)
	}
	return id
}

func removal(del func(context.Context, string) error, id string) func(context.Context) error {
	return func(ctx context.Context) error { return del(ctx, id) }
}

// stateHolding is a Terraform state with one object at address.
func stateHolding(address, typ, id string) *terraform.State {
	return &terraform.State{Modules: []*terraform.ModuleState{{
		Path: []string{"root"},
		Resources: map[string]*terraform.ResourceState{
			address: {Type: typ, Primary: &terraform.InstanceState{ID: id}},
		},
	}}}
}

// TestCheckDestroyedFindsLeftovers: the CheckDestroy of every acceptance
// test must fail when an object of the state, of any resource type,
// survived the destroy, and pass once it is gone.
func TestCheckDestroyedFindsLeftovers(t *testing.T) {
	for typ, leave := range leftovers {
		t.Run(typ, func(t *testing.T) {
			env := newTestEnv(t)
			id, remove := leave(newComputeFixture(t, env))
			state := stateHolding(typ+".test", typ, id)
			want := fmt.Sprintf("%s %s still exists after destroy", typ, id)
			if err := env.checkDestroyed(state); err == nil || err.Error() != want {
				t.Errorf("checkDestroyed with %s %s still in the engine = %v, want %q", typ, id, err, want)
			}
			if err := env.checkDestroyed(stateHolding("data."+typ+".test", typ, id)); err != nil {
				t.Errorf("checkDestroyed looked at a data source: %v", err)
			}
			if err := env.checkDestroyed(stateHolding("terraform_data.test", "terraform_data", id)); err != nil {
				t.Errorf("checkDestroyed looked at another provider's resource: %v", err)
			}
			if err := remove(context.Background()); err != nil {
				t.Fatal(err)
			}
			if err := env.checkDestroyed(state); err != nil {
				t.Errorf("checkDestroyed after %s %s was removed: %v", typ, id, err)
			}
		})
	}
}

// TestCheckDestroyedRefusesUnknownTypes: a type checkDestroyed cannot look
// up fails the check instead of passing unseen.
func TestCheckDestroyedRefusesUnknownTypes(t *testing.T) {
	env := newTestEnv(t)
	err := env.checkDestroyed(stateHolding("eni_router.test", "eni_router", "rtr-1"))
	want := "checkDestroyed cannot tell whether eni_router rtr-1 survived: eni_router has no entry in survivalChecks"
	if err == nil || err.Error() != want {
		t.Errorf("checkDestroyed = %v, want %q", err, want)
	}
}

// TestCheckDestroyedCoversEveryResourceType: every resource type the
// provider serves has a survival check and a leftover that proves it, and
// neither names a type the provider does not serve.
func TestCheckDestroyedCoversEveryResourceType(t *testing.T) {
	served := resourceTypes(New("test")())
	checked := slices.Sorted(maps.Keys(newTestEnv(t).survivalChecks()))
	proved := slices.Sorted(maps.Keys(leftovers))
	if !slices.Equal(checked, served) {
		t.Errorf("survivalChecks covers %v; the provider serves %v", checked, served)
	}
	if !slices.Equal(proved, served) {
		t.Errorf("leftovers covers %v; the provider serves %v", proved, served)
	}
}

// resourceTypes lists the type names of p's resources, sorted.
func resourceTypes(p provider.Provider) []string {
	ctx := context.Background()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	var types []string
	for _, newResource := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		newResource().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		types = append(types, resp.TypeName)
	}
	slices.Sort(types)
	return types
}
