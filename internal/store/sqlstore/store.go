package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Store is an engine.Store over a database/sql handle.
type Store struct {
	db      *sql.DB
	dialect Dialect
	where   string

	// writeSlot queues this process's writers here, so that they wait
	// without holding a connection or polling the database; the database
	// still serializes writers of different processes.
	writeSlot chan struct{}

	// stmts is nil unless the dialect caches statements.
	stmts *stmtCache

	// running counts the Update and View calls under way, which Close
	// waits for: db.Close leaves a connection in use open until it is put
	// back. closed, under mu, turns new calls away.
	mu      sync.Mutex
	closed  bool
	running sync.WaitGroup

	// lostAt is when a call lost its connection (Unix nanoseconds), while
	// no transaction has begun since (zero otherwise). Until the dialect's
	// ReconnectWait after it, every call that finds no server waits for
	// one, as a standby is likely being promoted; after it, they fail at once.
	lostAt atomic.Int64
}

// closeTimeout bounds the dialect's work at Close: a provider closes its
// store as the CLI ends it, and the CLI kills a provider slow to exit.
const closeTimeout = time.Second

// ErrClosed is wrapped by the errors of Update and View on a closed store.
var ErrClosed = errors.New("store is closed")

var _ engine.Store = (*Store)(nil)

// New brings the store behind db to the current schema and returns it.
// where names the store in error messages (a path, or a URL without its
// password). The Store owns db from then on, but on error the caller closes it.
func New(ctx context.Context, db *sql.DB, d Dialect, where string) (*Store, error) {
	s := &Store{db: db, dialect: d, where: where, writeSlot: make(chan struct{}, max(d.Writers, 1))}
	if d.CacheStatements {
		s.stmts = newStmtCache(db)
	}
	err := s.inWriteSlot(ctx, func() error {
		return s.retry(ctx, func() error {
			return s.runMigration(ctx)
		})
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Where names the store for messages: its path or redacted URL.
func (s *Store) Where() string { return s.where }

// Close waits for the Update and View calls under way, then closes every
// prepared statement and connection, so that nothing of the store holds the
// database once it returns. Called from inside Update or View, it would
// wait for ever.
func (s *Store) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.running.Wait()
	s.stmts.close()
	if s.dialect.BeforeClose != nil {
		ctx, cancel := context.WithTimeout(context.Background(), closeTimeout)
		s.dialect.BeforeClose(ctx, s.db)
		cancel()
	}
	return s.db.Close()
}

// track counts one call of Update or View in until done is called, or
// refuses it if the store is closed.
func (s *Store) track() (done func(), err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("store at %s: %w", s.where, ErrClosed)
	}
	s.running.Add(1)
	return s.running.Done, nil
}

// Update runs fn in one serialized read-write transaction and commits it if
// fn returns nil. When the transaction loses a race with another writer it
// is rolled back and fn runs again, after a short pause, until ctx is done.
func (s *Store) Update(ctx context.Context, fn func(engine.Tx) error) error {
	done, err := s.track()
	if err != nil {
		return err
	}
	defer done()
	return s.inWriteSlot(ctx, func() error {
		return s.retry(ctx, func() error {
			return s.runTx(ctx, s.dialect.BeginWrite, false, fn)
		})
	})
}

// View runs fn in a read-only transaction that sees one snapshot.
func (s *Store) View(ctx context.Context, fn func(engine.Tx) error) error {
	done, err := s.track()
	if err != nil {
		return err
	}
	defer done()
	return s.retry(ctx, func() error {
		return s.runTx(ctx, s.dialect.beginRead, true, fn)
	})
}

func (s *Store) inWriteSlot(ctx context.Context, fn func() error) error {
	select {
	case s.writeSlot <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("store at %s: waiting for another write of this process: %w", s.where, ctx.Err())
	}
	defer func() { <-s.writeSlot }()
	return fn()
}

func (s *Store) runMigration(ctx context.Context) error {
	if s.dialect.Locks != nil && s.schemaIsCurrent(ctx) {
		return nil // a store already current opens without waiting for its writers
	}
	tx, err := s.dialect.BeginWrite(ctx, s.db)
	if err != nil {
		return s.beginError(err)
	}
	defer func() { _ = tx.Rollback() }() // a no-op after Commit
	if s.dialect.Locks != nil {
		// Any other store is locked whole, and migrate reads it again under
		// the lock, before it changes.
		if _, err := tx.ExecContext(ctx, s.dialect.Locks.Region); err != nil {
			return s.classify(fmt.Errorf("store at %s: lock the store to bring its schema up to date: %w", s.where, err))
		}
	}
	if err := migrate(ctx, tx, &s.dialect, s.where); err != nil {
		return s.classify(err)
	}
	if err := tx.Commit(); err != nil {
		return s.classify(fmt.Errorf("store at %s: commit schema: %w", s.where, err))
	}
	return nil
}

// schemaIsCurrent reports whether the store is marked and of this build's
// version, read without a lock in a read transaction of its own: one
// snapshot, so that another process's migration committing in between
// cannot show tables without their schema_version. Any doubt, an error
// included, is settled under the lock.
func (s *Store) schemaIsCurrent(ctx context.Context) bool {
	tx, err := s.dialect.beginRead(ctx, s.db)
	if err != nil {
		return false
	}
	defer func() { _ = tx.Rollback() }()
	current, marked, err := ownedSchemaVersion(ctx, tx, &s.dialect, s.where)
	return err == nil && current == LatestSchemaVersion() && (marked || s.dialect.WriteMark == nil)
}

// runTx runs fn once in a transaction from begin.
func (s *Store) runTx(ctx context.Context, begin func(context.Context, *sql.DB) (*sql.Tx, error), readOnly bool,
	fn func(engine.Tx) error) error {
	sqlTx, err := begin(ctx, s.db)
	if err != nil {
		return s.beginError(err)
	}
	s.reconnected()
	t := &tx{ctx: ctx, tx: sqlTx, d: &s.dialect, readOnly: readOnly, stmts: s.stmts}
	committed := false
	defer func() {
		if !committed {
			_ = sqlTx.Rollback()
		}
	}()
	err = fn(t)
	if t.lostRace != nil {
		// Whatever fn made of the store's error, the transaction lost a
		// race and is worth running again.
		return transientError{t.lostRace}
	}
	if lost := cmp.Or(t.lostConn, connectionLost(&s.dialect, err)); lost != nil {
		// Nothing was committed: the server rolls back what a broken
		// connection left open.
		return lostConnectionError{fmt.Errorf("store at %s: lost the connection to the server: %w", s.where, lost)}
	}
	if err != nil {
		return s.classify(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return s.commitError(err)
	}
	committed = true
	return nil
}

// commitError describes a failed commit. One whose connection broke is not
// run again: the server may have saved it before the connection went.
func (s *Store) commitError(err error) error {
	if s.dialect.isConnectionLost(err) {
		return fmt.Errorf("store at %s: lost the connection to the server while committing, so the change may or "+
			"may not have been saved; read the objects again (a refresh) before repeating it: %w", s.where, err)
	}
	// Deferred constraints are checked here.
	return s.classify(describeError(&s.dialect, "store at "+s.where+": commit", err))
}

// connectionLost is err if it says the connection broke, else nil.
func connectionLost(d *Dialect, err error) error {
	if d.isConnectionLost(err) {
		return err
	}
	return nil
}

func (s *Store) beginError(err error) error {
	wrapped := fmt.Errorf("store at %s: begin transaction: %w", s.where, err)
	switch {
	case s.dialect.isTransient(err): // a server with no free connection is waited for
		return transientError{wrapped}
	case s.dialect.isUnreachable(err):
		return unreachableError{wrapped}
	case s.dialect.isConnectionLost(err): // a pooled connection that broke while idle
		return lostConnectionError{fmt.Errorf("store at %s: lost the connection to the server: %w", s.where, err)}
	}
	return wrapped
}

// classify marks err as worth a retry when the dialect says it is transient.
func (s *Store) classify(err error) error {
	if s.dialect.isTransient(err) {
		return transientError{err}
	}
	return err
}

// transientError marks an attempt that lost a race and was rolled back.
type transientError struct{ err error }

func (e transientError) Error() string { return e.err.Error() }
func (e transientError) Unwrap() error { return e.err }

// lostConnectionError marks an attempt whose connection broke before it
// committed: the server rolled it back, so it may run again on a new one.
type lostConnectionError struct{ err error }

func (e lostConnectionError) Error() string { return e.err.Error() }
func (e lostConnectionError) Unwrap() error { return e.err }

// unreachableError marks an attempt that found no server to connect to.
type unreachableError struct{ err error }

func (e unreachableError) Error() string { return e.err.Error() }
func (e unreachableError) Unwrap() error { return e.err }

// retry runs attempt until it returns something other than a transient
// error, pausing between attempts, or until ctx is done. An attempt whose
// connection broke runs again on a new connection, through the time no
// server takes one (a standby being promoted), until the dialect's
// ReconnectWait after the store lost its connection.
func (s *Store) retry(ctx context.Context, attempt func() error) error {
	for n := 0; ; n++ {
		err := attempt()
		var (
			te          transientError
			lost        lostConnectionError
			unreachable unreachableError
		)
		pause := retryPause(n)
		switch {
		case errors.As(err, &lost), errors.As(err, &unreachable):
			lostAt := s.disconnected(lost.err != nil)
			if lostAt.IsZero() {
				return err // no server, and no connection lost: nothing to wait for
			}
			if time.Since(lostAt) >= s.dialect.ReconnectWait {
				return fmt.Errorf("%w; no server has taken the store's writes in the %s since it lost its connection, "+
					"and nothing was saved: run it again once a server takes writes", err, s.dialect.ReconnectWait)
			}
			pause = reconnectPause(n)
		case errors.As(err, &te):
		default:
			return err
		}
		timer := time.NewTimer(pause)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			if te.err == nil {
				return fmt.Errorf("%w; stopped waiting for a server that takes writes (%w), and nothing was saved", err, ctx.Err())
			}
			return fmt.Errorf("store at %s stayed busy for %d attempts: %w (last: %w)", s.where, n+1, ctx.Err(), te.err)
		}
	}
}

// disconnected notes that a call lost its connection (lost) or found no
// server, and returns when the store lost its connection: zero if it has
// not since the last transaction began.
func (s *Store) disconnected(lost bool) time.Time {
	if lost {
		s.lostAt.CompareAndSwap(0, time.Now().UnixNano())
	}
	if at := s.lostAt.Load(); at != 0 {
		return time.Unix(0, at)
	}
	return time.Time{}
}

// reconnected notes that a transaction began: the store has a server again.
func (s *Store) reconnected() {
	if s.lostAt.Load() != 0 {
		s.lostAt.Store(0)
	}
}

// reconnectPause grows from about 50ms to about a second: a standby takes
// seconds to be promoted, and each attempt tries every server named.
func reconnectPause(attempt int) time.Duration {
	base := 50 * time.Millisecond << min(attempt, 4)
	return base/2 + rand.N(base)
}

// retryPause grows from about 1ms to about 100ms, with jitter so that
// writers that collided once do not collide again in lockstep.
func retryPause(attempt int) time.Duration {
	base := time.Millisecond << min(attempt, 7)
	return base/2 + rand.N(base)
}
