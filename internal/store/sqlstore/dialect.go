// Package sqlstore implements engine.Store and engine.Tx once, over
// database/sql, for every SQL database the provider supports. A Dialect
// supplies the few things that differ between drivers.
package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Dialect describes how one database driver differs from the portable SQL
// this package writes.
type Dialect struct {
	// Name is a short label used in error messages, such as "sqlite".
	Name string

	// NumberedPlaceholders rewrites the ? placeholders this package writes
	// into $1..$n, as PostgreSQL expects.
	NumberedPlaceholders bool

	// BeginWrite starts a read-write transaction that is serialized against
	// every other writer of the same store, in any process.
	BeginWrite func(ctx context.Context, db *sql.DB) (*sql.Tx, error)

	// BeginRead starts a read-only transaction that sees one consistent
	// snapshot. Nil means db.BeginTx with ReadOnly set.
	BeginRead func(ctx context.Context, db *sql.DB) (*sql.Tx, error)

	// IsUniqueViolation reports whether err is a refused write because of a
	// PRIMARY KEY or UNIQUE constraint.
	IsUniqueViolation func(err error) bool

	// IsForeignKeyViolation reports whether err is a refused write because
	// of a foreign key. Nil means the driver's message is passed on as is.
	IsForeignKeyViolation func(err error) bool

	// CacheStatements keeps each query prepared for the life of the store,
	// for drivers that would otherwise parse it at every use.
	CacheStatements bool

	// ListTables is a query for the names of the tables in the store's
	// database (or schema), so that a database the store does not own is
	// refused before anything is written to it.
	ListTables string

	// ReadMark reads the mark that says a database is an ENI store (SQLite's
	// application_id, a comment on PostgreSQL's schema_version table).
	ReadMark func(ctx context.Context, tx *sql.Tx) (Mark, error)

	// WriteMark marks the database as an ENI store, inside the transaction
	// that creates or migrates it. It may leave a database unmarked where
	// the user lacks the right to mark it; the tables still identify it.
	WriteMark func(ctx context.Context, tx *sql.Tx) error

	// BeforeClose, if set, runs when the store closes, after its last
	// transaction and before its connections close. It must not wait for
	// other processes.
	BeforeClose func(ctx context.Context, db *sql.DB)

	// Locks, when set, lets a writer lock only the VPC it touches
	// (engine.Locker); a write transaction that locks nothing before its
	// first statement runs Locks.Region. Nil: BeginWrite serializes writers.
	Locks *Locks

	// Writers is how many writers of one process run at once; 0 means one.
	Writers int

	// IsTransient reports whether err means the transaction lost a race
	// (busy or locked database, serialization failure, deadlock) and was
	// rolled back, so running it again may succeed.
	IsTransient func(err error) bool

	// IsConnectionLost reports whether err means a connection the store
	// was using broke or was ended by its server (as when a primary dies
	// and a standby takes over). A transaction cut off before its commit
	// is run again on a new connection for up to ReconnectWait; one cut off
	// during its commit is not, since it may have been saved.
	IsConnectionLost func(err error) bool

	// IsUnreachable reports whether err means no server the store names
	// took a new connection. It fails a call at once, unless the call lost
	// its connection before and waits for a server to come back.
	IsUnreachable func(err error) bool

	// ReconnectWait bounds how long a call that lost its connection keeps
	// trying to run again on a new one.
	ReconnectWait time.Duration
}

// Rebind rewrites a query written with ? placeholders for this dialect.
// Queries in this package never contain a literal question mark.
func (d *Dialect) Rebind(query string) string {
	if !d.NumberedPlaceholders || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (d *Dialect) beginRead(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	if d.BeginRead != nil {
		return d.BeginRead(ctx, db)
	}
	return db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
}

func (d *Dialect) isTransient(err error) bool {
	return err != nil && d.IsTransient != nil && d.IsTransient(err)
}

func (d *Dialect) isConnectionLost(err error) bool {
	return err != nil && d.IsConnectionLost != nil && d.IsConnectionLost(err)
}

func (d *Dialect) isUnreachable(err error) bool {
	return err != nil && d.IsUnreachable != nil && d.IsUnreachable(err)
}

func (d *Dialect) isUniqueViolation(err error) bool {
	return err != nil && d.IsUniqueViolation != nil && d.IsUniqueViolation(err)
}

func (d *Dialect) isForeignKeyViolation(err error) bool {
	return err != nil && d.IsForeignKeyViolation != nil && d.IsForeignKeyViolation(err)
}

// Locks are the queries that lock what a write touches.
type Locks struct {
	// Region locks the whole store against every other writer.
	Region string
	// VPCOf, by kind of object, locks the store against whole-store writers
	// and the VPC of the object whose ID is the query's one parameter; it
	// returns one row, true when the object exists.
	VPCOf map[engine.ScopeKind]string
	// Keys locks each of the names in its one parameter, a sorted array.
	Keys string
}

// Mark is what a database says about whose it is.
type Mark struct {
	// Ours: the database carries the ENI store's mark.
	Ours bool
	// Foreign describes another application's mark; "" when there is none.
	Foreign string
}
