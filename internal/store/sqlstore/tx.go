package sqlstore

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// ErrForeignKey is wrapped by errors for writes that a foreign key refuses:
// a row that points at a missing one, or a delete of a row still pointed at.
// The engine checks dependencies itself; this is the store's backstop.
var ErrForeignKey = errors.New("foreign key constraint")

// ErrReadOnly is wrapped by errors for writes attempted inside View.
var ErrReadOnly = errors.New("write in a read-only transaction")

// tx implements engine.Tx on one database transaction.
type tx struct {
	ctx context.Context
	tx  *sql.Tx
	d   *Dialect

	// readOnly refuses writes the same way in every dialect: SQLite
	// would otherwise accept them in a View.
	readOnly bool

	// lostRace holds the first transient error a statement met: the
	// transaction is then rolled back and run again, whatever fn returns.
	lostRace error

	// lostConn holds the first error that says the connection broke: the
	// transaction is then run again on a new one, whatever fn returns.
	lostConn error

	stmts *stmtCache // nil: every statement is parsed where it runs

	// locked says the transaction holds its locks (see Dialect.Locks);
	// region, that it holds the whole store.
	locked, region bool
}

var _ engine.Tx = (*tx)(nil)

type scanner interface {
	Scan(dest ...any) error
}

func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	if err := t.lockFirst(); err != nil {
		return nil, err
	}
	query = t.d.Rebind(query)
	if st := t.stmts.get(query); st != nil {
		res, err := t.tx.StmtContext(t.ctx, st).ExecContext(t.ctx, args...)
		return res, t.noteRace(err)
	}
	res, err := t.tx.ExecContext(t.ctx, query, args...)
	return res, t.noteRace(err)
}

func (t *tx) query(query string, args ...any) (*sql.Rows, error) {
	if err := t.lockFirst(); err != nil {
		return nil, err
	}
	query = t.d.Rebind(query)
	if st := t.stmts.get(query); st != nil {
		rows, err := t.tx.StmtContext(t.ctx, st).QueryContext(t.ctx, args...)
		return rows, t.noteRace(err)
	}
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	return rows, t.noteRace(err)
}

func (t *tx) noteRace(err error) error {
	if t.lostRace == nil && t.d.isTransient(err) {
		t.lostRace = err
	}
	if t.lostConn == nil && t.d.isConnectionLost(err) {
		t.lostConn = err
	}
	return err
}

// describe wraps err with what was being done, mapping constraint
// violations onto the sentinels callers test for.
func (t *tx) describe(what string, err error) error {
	return describeError(t.d, what, t.noteRace(err))
}

func describeError(d *Dialect, what string, err error) error {
	switch {
	case errors.Is(err, engine.ErrNotFound), errors.Is(err, engine.ErrConflict), errors.Is(err, ErrForeignKey):
		return err
	case d.isUniqueViolation(err):
		return fmt.Errorf("%s: %w: %v", what, engine.ErrConflict, err)
	case d.isForeignKeyViolation(err):
		return fmt.Errorf("%s: %w: %v", what, ErrForeignKey, err)
	default:
		return fmt.Errorf("%s: %w", what, err)
	}
}

// write runs the statements of one Tx method under a savepoint, so that a
// refused write leaves the transaction as it was and usable. PostgreSQL
// would otherwise abort the whole transaction on the first error, and
// SQLite would keep the statements of a method that half succeeded.
func (t *tx) write(what string, statements func() error) error {
	if t.readOnly {
		return fmt.Errorf("%s: %w", what, ErrReadOnly)
	}
	if _, err := t.exec(`SAVEPOINT eni_write`); err != nil {
		return t.describe(what, err)
	}
	if err := statements(); err != nil {
		// Both are best effort: if they fail the transaction is broken
		// and its commit will fail too.
		_, _ = t.exec(`ROLLBACK TO SAVEPOINT eni_write`)
		_, _ = t.exec(`RELEASE SAVEPOINT eni_write`)
		return t.describe(what, err)
	}
	if _, err := t.exec(`RELEASE SAVEPOINT eni_write`); err != nil {
		return t.describe(what, err)
	}
	return nil
}

// execOne runs a write that must touch exactly one existing row.
func (t *tx) execOne(missing error, query string, args ...any) error {
	res, err := t.exec(query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return missing
	}
	return nil
}

func notFound(kind, id string) error {
	return fmt.Errorf("%s %q: %w", kind, id, engine.ErrNotFound)
}

// getOne reads the single row query selects.
func getOne[T any](t *tx, kind, id string, scan func(scanner) (T, error), query string, args ...any) (T, error) {
	var zero T
	rows, err := t.query(query, args...)
	if err != nil {
		return zero, t.describe("read "+kind+" "+id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return zero, t.describe("read "+kind+" "+id, err)
		}
		return zero, notFound(kind, id)
	}
	v, err := scan(rows)
	if err != nil {
		return zero, t.describe("read "+kind+" "+id, err)
	}
	return v, nil
}

// getAll reads every row query selects.
func getAll[T any](t *tx, what string, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := t.query(query, args...)
	if err != nil {
		return nil, t.describe(what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, t.describe(what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, t.describe(what, err)
	}
	return out, nil
}

// nextFree runs a gap query that returns the lowest free number or NULL.
func (t *tx) nextFree(what string, query string, args ...any) (uint32, bool, error) {
	var next sql.NullInt64
	rows, err := t.query(query, args...)
	if err != nil {
		return 0, false, t.describe(what, err)
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&next); err != nil {
			return 0, false, t.describe(what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, false, t.describe(what, err)
	}
	if !next.Valid {
		return 0, false, nil
	}
	return uint32(next.Int64), true, nil
}

// ipv4Number turns a dotted IPv4 address into the number the IP columns
// hold, so ranges and gaps can be found with the indexes.
func ipv4Number(s string) (int64, error) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return 0, fmt.Errorf("%q is not an IPv4 address", s)
	}
	b := a.As4()
	return int64(binary.BigEndian.Uint32(b[:])), nil
}

// nullIfEmpty stores an empty optional reference as SQL NULL.
func nullIfEmpty(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}
