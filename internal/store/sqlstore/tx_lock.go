package sqlstore

import (
	"fmt"
	"slices"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

var _ engine.Locker = (*tx)(nil)

// lockFirst locks the whole store for a write transaction that locked
// nothing before its first statement, so that a writer that does not say
// what it touches is serialized with every other.
func (t *tx) lockFirst() error {
	if t.locked || t.readOnly || t.d.Locks == nil {
		return nil
	}
	return t.lockRegion()
}

func (t *tx) lockRegion() error {
	t.locked, t.region = true, true
	if _, err := t.tx.ExecContext(t.ctx, t.d.Locks.Region); err != nil {
		return t.describe("lock the store", err)
	}
	return nil
}

// LockVPCOf implements engine.Locker. An object that does not exist has
// no VPC to lock: the whole store is locked, as the writer will find
// nothing to change anyway.
func (t *tx) LockVPCOf(kind engine.ScopeKind, id string) error {
	if t.locked || t.readOnly || t.d.Locks == nil {
		return nil
	}
	query, ok := t.d.Locks.VPCOf[kind]
	if !ok {
		return t.lockRegion()
	}
	t.locked = true
	var found bool
	if err := t.tx.QueryRowContext(t.ctx, t.d.Rebind(query), id).Scan(&found); err != nil {
		return t.describe(fmt.Sprintf("lock the VPC of %s %s", kind, id), err)
	}
	if !found {
		return t.lockRegion()
	}
	return nil
}

// LockKeys implements engine.Locker.
func (t *tx) LockKeys(keys ...string) error {
	if err := t.lockFirst(); err != nil || t.region || t.d.Locks == nil || t.readOnly || len(keys) == 0 {
		return err
	}
	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	if _, err := t.tx.ExecContext(t.ctx, t.d.Rebind(t.d.Locks.Keys), sorted); err != nil {
		return t.describe("lock "+sorted[0], err)
	}
	return nil
}
