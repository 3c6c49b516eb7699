package engine

import "context"

// Filters of the list operations: empty fields match everything, and every
// tag of Tags must be held with its value.

// VPCFilter selects VPCs.
type VPCFilter struct {
	Tags map[string]string
}

// SubnetFilter selects subnets.
type SubnetFilter struct {
	VPCID string
	Tags  map[string]string
}

// ServerFilter selects servers.
type ServerFilter struct {
	VPCID    string
	SubnetID string // the subnet of the server's primary NIC
	Tags     map[string]string
}

// ListVPCs lists the VPCs f selects, by ID.
func (e *Engine) ListVPCs(ctx context.Context, f VPCFilter) (out []VPC, err error) {
	err = e.view(ctx, "ListVPCs", func(tx Tx) error {
		all, err := tx.ListVPCs()
		out = keep(all, func(v VPC) bool { return MatchTags(v.Tags, f.Tags) })
		return err
	})
	return out, err
}

// ListSubnets lists the subnets f selects, by ID.
func (e *Engine) ListSubnets(ctx context.Context, f SubnetFilter) (out []Subnet, err error) {
	err = e.view(ctx, "ListSubnets", func(tx Tx) error {
		all, err := tx.ListSubnets(f.VPCID)
		if err != nil {
			return err
		}
		out = keep(all, func(s Subnet) bool { return MatchTags(s.Tags, f.Tags) })
		return withAllAssociations(tx, f.VPCID, out)
	})
	return out, err
}

// ListServers lists the servers f selects, by ID.
func (e *Engine) ListServers(ctx context.Context, f ServerFilter) (out []Server, err error) {
	err = e.view(ctx, "ListServers", func(tx Tx) error {
		all, err := tx.ListServers(f.SubnetID)
		out = keep(all, func(s Server) bool {
			return (f.VPCID == "" || s.VPCID == f.VPCID) && MatchTags(s.Tags, f.Tags)
		})
		return err
	})
	return out, err
}

// keep returns the elements of all that match, never nil.
func keep[T any](all []T, match func(T) bool) []T {
	out := make([]T, 0, len(all))
	for _, v := range all {
		if match(v) {
			out = append(out, v)
		}
	}
	return out
}

// withAllAssociations fills in the route table in effect and the network
// ACL of subnets of one VPC (or of any for vpcID ""), reading every
// association once.
func withAllAssociations(tx Tx, vpcID string, subnets []Subnet) error {
	held, err := tx.ListAssociations(AssociationFilter{VPCID: vpcID})
	if err != nil {
		return err
	}
	vpcs, err := tx.ListVPCs()
	if err != nil {
		return err
	}
	defaults := map[string]string{}
	for _, v := range vpcs {
		defaults[v.ID] = v.DefaultRouteTableID
	}
	bySubnet := map[string][]SubnetAssociation{}
	for _, a := range held {
		bySubnet[a.SubnetID] = append(bySubnet[a.SubnetID], a)
	}
	for i, s := range subnets {
		subnets[i] = associated(s, defaults[s.VPCID], bySubnet[s.ID])
	}
	return nil
}
