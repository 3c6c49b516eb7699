// Package opsequence interprets bytes as a sequence of engine operations,
// valid and invalid, so that Go's fuzzer or a seeded generator can drive the
// engine:
// every refusal must be a coded engine error and every invariant must hold
// after every step.
package opsequence

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// RandomOps runs a seeded sequence of steps random operations, valid and
// invalid, checking the invariants after each one.
func RandomOps(t *testing.T, f fixture.Factory, seed uint64, steps int) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	program := make([]byte, steps*3)
	for i := range program {
		program[i] = byte(rng.UintN(256))
	}
	RunProgram(t, f, program)
}

// RunProgram interprets bytes as operations (three bytes each: the
// operation and two operand choices), so a fuzzer can drive the engine.
// Every refusal must be a coded engine error and every invariant must hold
// after every step.
func RunProgram(t *testing.T, f fixture.Factory, program []byte) {
	w := newWorld(t, f)
	for i := 0; i+2 < len(program); i += 3 {
		op, a, b := program[i], int(program[i+1]), int(program[i+2])
		name, err := w.step(op, a, b)
		if err != nil && engine.CodeOf(err) == "" {
			t.Fatalf("step %d (%s): uncoded error: %v", i/3, name, err)
		}
		if err := w.Eng.Check(w.Ctx); err != nil {
			t.Fatalf("step %d (%s): invariants broken: %v", i/3, name, err)
		}
	}
}

type world struct {
	*fixture.Region
	servers []string
	nics    []string
	eips    []string
	vips    []string
	subnets []engine.Subnet
	// tables are the route tables routes go in (the VPC's default first),
	// acls the network ACLs, assocs the associations of either kind.
	tables []string
	acls   []string
	assocs []string
}

func newWorld(t *testing.T, f fixture.Factory) *world {
	r := fixture.NewRegion(t, f, engine.SameVPC)
	tiny := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
	return &world{Region: r, subnets: []engine.Subnet{r.SubnetA, r.SubnetA2, r.SubnetB, tiny}, tables: []string{r.VPC.DefaultRouteTableID}}
}

// destinations route tables are given: outside the VPC, overlapping each
// other, and one inside it, which rule 17 refuses.
var destinations = []string{"0.0.0.0/0", "192.168.0.0/16", "192.168.1.0/24", "172.16.0.0/12", "10.0.1.0/24"}

// pick chooses from ids by n, sometimes returning an ID that does not exist.
func pick(ids []string, n int, missing string) string {
	if len(ids) == 0 || n%11 == 10 {
		return missing
	}
	return ids[n%len(ids)]
}

func (w *world) step(op byte, a, b int) (string, error) {
	ctx := context.Background()
	if op%24 >= 16 {
		return w.routingStep(ctx, int(op%24-16), a, b)
	}
	switch op % 16 {
	case 0, 1:
		s := w.subnets[a%len(w.subnets)]
		in := engine.NetworkInterfaceInput{SubnetID: s.ID, Name: "n"}
		if b%4 == 0 {
			in.SecurityGroupIDs = []string{w.SG1.ID}
		}
		if b%9 == 0 {
			in.PrivateIP = "10.0.1.10" // collides sometimes, is outside most subnets
		}
		n, err := w.Eng.CreateNetworkInterface(ctx, in)
		if err == nil {
			w.nics = append(w.nics, n.ID)
		}
		return "create NIC", err
	case 2:
		s := w.subnets[a%len(w.subnets)]
		flavor := engine.Flavors[b%len(engine.Flavors)]
		d, err := w.Eng.CreateServer(ctx, engine.ServerInput{Name: "s", Kind: flavor.Kind, Flavor: flavor.Name, AvailabilityZone: s.AvailabilityZone, SubnetID: s.ID})
		if err == nil {
			w.servers = append(w.servers, d.ID)
			w.nics = append(w.nics, d.PrimaryNetworkInterfaceID)
		}
		return "create server", err
	case 3, 4:
		in := engine.AttachInput{NetworkInterfaceID: pick(w.nics, a, "eni-missing"), ServerID: pick(w.servers, b, "srv-missing")}
		if b%5 == 0 {
			in.DeviceIndex = fixture.IntP(a % 5)
		}
		_, err := w.Eng.AttachNetworkInterface(ctx, in)
		return "attach", err
	case 5:
		_, err := w.Eng.DetachNetworkInterface(ctx, pick(w.nics, a, "eni-missing"))
		return "detach", err
	case 6, 7:
		_, err := w.Eng.MoveNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: pick(w.nics, a, "eni-missing"), ServerID: pick(w.servers, b, "srv-missing")})
		return "move", err
	case 8:
		return "delete NIC", w.Eng.DeleteNetworkInterface(ctx, pick(w.nics, a, "eni-missing"))
	case 9:
		if b%3 != 0 {
			return "skip", nil // servers are rarer than NICs
		}
		return "delete server", w.Eng.DeleteServer(ctx, pick(w.servers, a, "srv-missing"))
	case 10:
		if len(w.eips) > 0 && b%2 == 0 {
			_, err := w.Eng.UpdateEIP(ctx, pick(w.eips, b, "eip-missing"), engine.EIPInput{BandwidthMbps: 1 + a, NetworkInterfaceID: pick(w.nics, a, "")})
			return "rebind EIP", err
		}
		e, err := w.Eng.CreateEIP(ctx, engine.EIPInput{BandwidthMbps: 5, NetworkInterfaceID: pick(w.nics, a, "")})
		if err == nil {
			w.eips = append(w.eips, e.ID)
		}
		return "create EIP", err
	case 12, 13:
		req := engine.AddressRequest{Count: b % 12}
		if a%3 == 0 {
			req = engine.AddressRequest{Addresses: []string{"10.0.1.20", "10.0.9.5", w.subnets[b%len(w.subnets)].GatewayIP}[:1+b%3]}
		}
		_, err := w.Eng.UpdateNetworkInterface(ctx, pick(w.nics, a, "eni-missing"), engine.NetworkInterfaceUpdate{SecondaryPrivateIPs: &req})
		return "secondary IPs", err
	case 14:
		if len(w.vips) > 0 && b%2 == 0 {
			nic := pick(w.nics, a, "")
			_, err := w.Eng.UpdateVirtualIP(ctx, pick(w.vips, b, "vip-missing"), engine.VirtualIPUpdate{NetworkInterfaceID: &nic})
			return "rebind virtual IP", err
		}
		v, err := w.Eng.CreateVirtualIP(ctx, engine.VirtualIPInput{SubnetID: w.subnets[b%len(w.subnets)].ID, NetworkInterfaceID: pick(w.nics, a, "")})
		if err == nil {
			w.vips = append(w.vips, v.ID)
		}
		return "create virtual IP", err
	case 15:
		return "delete virtual IP", w.Eng.DeleteVirtualIP(ctx, pick(w.vips, a, "vip-missing"))
	default:
		flavor := engine.Flavors[b%len(engine.Flavors)].Name
		_, err := w.Eng.UpdateServer(ctx, pick(w.servers, a, "srv-missing"), engine.ServerUpdate{Flavor: &flavor, SecurityGroupIDs: []string{w.SG2.ID}})
		return "resize", err
	}
}

// routingStep is one operation on route tables, routes, network ACLs and
// associations, or a NIC's source/destination check (rules 16 to 21).
func (w *world) routingStep(ctx context.Context, op, a, b int) (string, error) {
	switch op {
	case 0:
		t, err := w.Eng.CreateRouteTable(ctx, engine.RouteTableInput{VPCID: w.VPC.ID, Name: "t"})
		if err == nil {
			w.tables = append(w.tables, t.ID)
		}
		return "create route table", err
	case 1, 2:
		in := engine.RouteInput{RouteTableID: pick(w.tables, a, "rtb-missing"), DestinationCIDR: destinations[b%len(destinations)]}
		switch a % 3 {
		case 0:
			in.NextHopType = engine.NextHopInternet
		case 1:
			in.NextHopType, in.NextHopID = engine.NextHopNetworkInterface, pick(w.nics, b, "eni-missing")
		default:
			in.NextHopType, in.NextHopID = engine.NextHopVirtualIP, pick(w.vips, b, "vip-missing")
		}
		if op == 2 {
			_, err := w.Eng.UpdateRoute(ctx, in)
			return "change route", err
		}
		_, err := w.Eng.CreateRoute(ctx, in)
		return "create route", err
	case 3:
		return "delete route", w.Eng.DeleteRoute(ctx, pick(w.tables, a, "rtb-missing"), destinations[b%len(destinations)])
	case 4:
		on := b%2 == 0
		_, err := w.Eng.UpdateNetworkInterface(ctx, pick(w.nics, a, "eni-missing"), engine.NetworkInterfaceUpdate{SourceDestCheck: &on})
		return "source/destination check", err
	case 5:
		subnet := w.subnets[a%len(w.subnets)].ID
		if b%2 == 0 {
			as, err := w.Eng.AssociateRouteTable(ctx, subnet, pick(w.tables, b, "rtb-missing"))
			w.addAssociation(as.ID, err)
			return "associate route table", err
		}
		as, err := w.Eng.AssociateNetworkACL(ctx, subnet, pick(w.acls, b, "acl-missing"))
		w.addAssociation(as.ID, err)
		return "associate network ACL", err
	case 6:
		id := pick(w.assocs, a, "rtbassoc-missing")
		if b%2 == 0 {
			return "disassociate route table", w.Eng.DisassociateRouteTable(ctx, id)
		}
		return "disassociate network ACL", w.Eng.DisassociateNetworkACL(ctx, id)
	default:
		if b%3 == 0 {
			return "delete route table", w.Eng.DeleteRouteTable(ctx, pick(w.tables, a, "rtb-missing"))
		}
		if b%3 == 1 {
			return "delete network ACL", w.Eng.DeleteNetworkACL(ctx, pick(w.acls, a, "acl-missing"))
		}
		rule := engine.ACLRule{Action: "allow", Protocol: "tcp", PortRangeMin: a % 70000, PortRangeMax: b * 300, RemoteCIDR: "0.0.0.0/0"}
		acl, err := w.Eng.CreateNetworkACL(ctx, engine.NetworkACLInput{VPCID: w.VPC.ID, Name: "a", Ingress: []engine.ACLRule{rule}})
		if err == nil {
			w.acls = append(w.acls, acl.ID)
		}
		return "create network ACL", err
	}
}

// addAssociation remembers an association made, for later steps to undo.
func (w *world) addAssociation(id string, err error) {
	if err == nil {
		w.assocs = append(w.assocs, id)
	}
}
