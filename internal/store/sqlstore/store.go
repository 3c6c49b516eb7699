package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
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
	if err != nil {
		return s.classify(err)
	}
	if err := sqlTx.Commit(); err != nil {
		// Deferred constraints are checked here.
		return s.classify(describeError(&s.dialect, "store at "+s.where+": commit", err))
	}
	committed = true
	return nil
}

func (s *Store) beginError(err error) error {
	return s.classify(fmt.Errorf("store at %s: begin transaction: %w", s.where, err))
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

// retry runs attempt until it returns something other than a transient
// error, pausing between attempts, or until ctx is done.
func (s *Store) retry(ctx context.Context, attempt func() error) error {
	for n := 0; ; n++ {
		err := attempt()
		var te transientError
		if !errors.As(err, &te) {
			return err
		}
		timer := time.NewTimer(retryPause(n))
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("store at %s stayed busy for %d attempts: %w (last: %w)", s.where, n+1, ctx.Err(), te.err)
		}
	}
}

// retryPause grows from about 1ms to about 100ms, with jitter so that
// writers that collided once do not collide again in lockstep.
func retryPause(attempt int) time.Duration {
	base := time.Millisecond << min(attempt, 7)
	return base/2 + rand.N(base)
}
