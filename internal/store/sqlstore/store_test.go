package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	_ "modernc.org/sqlite"
)

func TestRebind(t *testing.T) {
	numbered := Dialect{NumberedPlaceholders: true}
	plain := Dialect{}
	query := `SELECT a FROM t WHERE b = ? AND c IN (?, ?)`
	if got, want := numbered.Rebind(query), `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`; got != want {
		t.Errorf("numbered Rebind = %q, want %q", got, want)
	}
	if got := plain.Rebind(query); got != query {
		t.Errorf("plain Rebind changed the query: %q", got)
	}
}

func TestRetryPauseStaysShort(t *testing.T) {
	for attempt := range 40 {
		p := retryPause(attempt)
		if p < 500*time.Microsecond || p > 200*time.Millisecond {
			t.Errorf("pause before attempt %d is %v", attempt, p)
		}
	}
}

var errBusy = errors.New("database is busy")

func testStore(t *testing.T) *Store {
	t.Helper()
	return openTestStore(t, Dialect{
		Name:        "test",
		BeginWrite:  func(ctx context.Context, db *sql.DB) (*sql.Tx, error) { return db.BeginTx(ctx, nil) },
		IsTransient: func(err error) bool { return errors.Is(err, errBusy) },
	})
}

// openTestStore opens a store of dialect d on a SQLite file of the test's.
func openTestStore(t *testing.T, d Dialect) *Store {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "test.db")+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(context.Background(), db, d, "test store")
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestUpdateRunsAgainAfterLosingARace(t *testing.T) {
	s := testStore(t)
	attempts := 0
	err := s.Update(context.Background(), func(tx engine.Tx) error {
		attempts++
		if attempts < 3 {
			return fmt.Errorf("lost a race: %w", errBusy)
		}
		return tx.InsertVPC(engine.VPC{ID: "vpc-1", CIDR: "10.0.0.0/16"})
	})
	if err != nil || attempts != 3 {
		t.Fatalf("Update = %v after %d attempts, want success on the third", err, attempts)
	}
}

func TestUpdateGivesUpWhenTheContextEnds(t *testing.T) {
	s := testStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := s.Update(ctx, func(engine.Tx) error { return errBusy })
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, errBusy) {
		t.Fatalf("Update = %v, want the deadline and the last busy error", err)
	}
}

func TestUpdateDoesNotRetryOrdinaryErrors(t *testing.T) {
	s := testStore(t)
	attempts := 0
	refusal := errors.New("refused")
	err := s.Update(context.Background(), func(engine.Tx) error {
		attempts++
		return refusal
	})
	if err != refusal || attempts != 1 {
		t.Fatalf("Update = %v after %d attempts, want fn's error after one", err, attempts)
	}
}

// TestCloseWaitsForRunningTransaction closes the store from another
// goroutine while a write is under way: db.Close alone would return with
// the write's connection still open, holding the database.
func TestCloseWaitsForRunningTransaction(t *testing.T) {
	s := testStore(t)
	ctx := context.Background()
	type closeResult struct {
		err        error
		writeEnded bool // when Close returned
		open       int  // connections open when Close returned
	}
	closed := make(chan closeResult, 1)
	var writeEnded atomic.Bool
	err := s.Update(ctx, func(tx engine.Tx) error {
		go func() {
			err := s.Close()
			closed <- closeResult{err, writeEnded.Load(), s.db.Stats().OpenConnections}
		}()
		// Close has begun once the store turns new calls away.
		for !errors.Is(s.View(ctx, func(engine.Tx) error { return nil }), ErrClosed) {
			runtime.Gosched()
		}
		defer writeEnded.Store(true)
		return tx.InsertVPC(engine.VPC{ID: "vpc-1", CIDR: "10.0.0.0/16"})
	})
	if err != nil {
		t.Fatalf("Update during Close = %v, want it to commit", err)
	}
	r := <-closed
	if r.err != nil || !r.writeEnded || r.open != 0 {
		t.Errorf("Close = %v, returned with the write ended %v and %d connections open; want it to wait for the write and close all",
			r.err, r.writeEnded, r.open)
	}
	if err := s.Update(ctx, func(engine.Tx) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("Update after Close = %v, want one wrapping ErrClosed", err)
	}
}

func TestMigratesOlderStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	open := func() (*Store, error) {
		db, err := sql.Open("sqlite", path+"?_txlock=immediate&_pragma=foreign_keys(1)")
		if err != nil {
			return nil, err
		}
		d := Dialect{
			BeginWrite: func(ctx context.Context, db *sql.DB) (*sql.Tx, error) { return db.BeginTx(ctx, nil) },
			ListTables: `SELECT name FROM sqlite_schema WHERE type = 'table'`,
		}
		return New(context.Background(), db, d, path)
	}
	s, err := open()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(context.Background(), func(tx engine.Tx) error {
		return tx.InsertVPC(engine.VPC{ID: "vpc-1", CIDR: "10.0.0.0/16"})
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// A later build adds a migration.
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(migrations[:len(migrations):len(migrations)], []string{
		`CREATE TABLE later (id TEXT PRIMARY KEY)`,
		`INSERT INTO later (id) SELECT id FROM vpcs`,
	})
	s, err = open()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	var copied string
	err = s.db.QueryRow(`SELECT version FROM schema_version`).Scan(&version)
	if err == nil {
		err = s.db.QueryRow(`SELECT id FROM later`).Scan(&copied)
	}
	if err != nil || version != len(migrations) || copied != "vpc-1" {
		t.Fatalf("after migration: version %d, copied %q, %v", version, copied, err)
	}
}
