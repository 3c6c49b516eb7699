package engine

import "context"

// Writers that touch one VPC lock only that VPC, so that writers in other
// VPCs do not wait for them: writes of subnets, servers, NICs and their
// attachments, virtual IPs, route tables, routes, network ACLs and
// associations. Writes of what the region shares (VPCs and the IPv6 /56s
// they draw, EIPs and their public pool, security groups) lock the whole
// region.
//
// Lock order, which keeps any two writers from waiting on each other in a
// circle: the region (shared by VPC writers, whole by the rest), then one
// VPC, then MAC addresses in sorted order. A VPC writer learns its VPC from
// the object it names (a subnet, a server, a NIC, a virtual IP) as it
// locks: an object's VPC never changes, so what it reads after the lock
// still belongs to that VPC.
//
// A VPC writer may read objects of another VPC only for what never changes
// (their VPC, their subnet, their zone), to refuse crossing VPCs;
// everything a rule counts (addresses of a subnet, subnets of a VPC and
// their /64s, NICs of a server, groups, virtual IPs, EIPs bound to its
// NICs) lives in its VPC or changes only under the whole region's lock.

// ScopeKind names the kind of object whose VPC a writer locks.
type ScopeKind string

// The objects a VPC writer may name.
const (
	ScopeSubnet           ScopeKind = "subnet"
	ScopeNetworkInterface ScopeKind = "network_interface"
	ScopeServer           ScopeKind = "server"
	ScopeVirtualIP        ScopeKind = "virtual_ip"
	ScopeVPC              ScopeKind = "vpc"
	ScopeRouteTable       ScopeKind = "route_table"
	ScopeNetworkACL       ScopeKind = "network_acl"
	ScopeAssociation      ScopeKind = "association"
)

// Locker is what a Tx of a store with many writers offers so that a write
// locks only what it touches. A Tx without it serializes its writers some
// other way (SQLite has one writer at a time). A write transaction that
// locks nothing before its first statement locks the whole region.
type Locker interface {
	// LockVPCOf locks, until the transaction ends, the VPC that holds the
	// object of kind with id, and the region against whole-region writers.
	// It must come before the transaction's first statement.
	LockVPCOf(kind ScopeKind, id string) error
	// LockKeys locks names taken in the region (MAC addresses), after the
	// VPC; a transaction holding the whole region needs none.
	LockKeys(keys ...string) error
}

// updateInVPCOf is update for an operation whose every read and write,
// but for facts that never change, is of the VPC that holds the object of
// kind with id.
func (e *Engine) updateInVPCOf(ctx context.Context, op string, kind ScopeKind, id string, fn func(Tx) error) error {
	return e.update(ctx, op, func(tx Tx) error {
		if l, ok := tx.(Locker); ok {
			if err := l.LockVPCOf(kind, id); err != nil {
				return err
			}
		}
		return fn(tx)
	})
}

// lockKeys locks region-wide names where the store has many writers.
func lockKeys(tx Tx, keys ...string) error {
	if l, ok := tx.(Locker); ok {
		return l.LockKeys(keys...)
	}
	return nil
}
