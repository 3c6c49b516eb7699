package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

var (
	errLost        = errors.New("connection reset by peer")
	errUnreachable = errors.New("no server takes writes")
)

// reconnectingStore is a store whose dialect reads errLost as a broken
// connection and errUnreachable as no server to connect to, and whose
// BEGIN fails with errUnreachable while down says so.
func reconnectingStore(t *testing.T, wait time.Duration, down func() bool) *Store {
	t.Helper()
	return openTestStore(t, Dialect{
		Name: "test",
		BeginWrite: func(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
			if down() {
				return nil, fmt.Errorf("connect: %w", errUnreachable)
			}
			return db.BeginTx(ctx, nil)
		},
		IsConnectionLost: func(err error) bool { return errors.Is(err, errLost) },
		IsUnreachable:    func(err error) bool { return errors.Is(err, errUnreachable) },
		ReconnectWait:    wait,
	})
}

func never() bool { return false }

// TestUpdateRunsAgainAfterItsConnectionBroke: a transaction whose
// connection broke before its commit was rolled back by the server, so it
// runs again on a new connection, through the time no server answers (a
// standby being promoted), and commits once.
func TestUpdateRunsAgainAfterItsConnectionBroke(t *testing.T) {
	var promotedAt time.Time
	s := reconnectingStore(t, 10*time.Second, func() bool { return time.Now().Before(promotedAt) })
	attempts := 0
	err := s.Update(context.Background(), func(tx engine.Tx) error {
		attempts++
		if attempts == 1 {
			promotedAt = time.Now().Add(300 * time.Millisecond)
			return fmt.Errorf("insert: %w", errLost)
		}
		return tx.InsertVPC(engine.VPC{ID: "vpc-1", CIDR: "10.0.0.0/16"})
	})
	if err != nil || attempts != 2 {
		t.Fatalf("Update = %v after %d attempts, want success on the second", err, attempts)
	}
	if time.Now().Before(promotedAt) {
		t.Errorf("Update succeeded while no server answered")
	}
	var vpcs []engine.VPC
	if err := s.View(context.Background(), func(tx engine.Tx) (err error) { vpcs, err = tx.ListVPCs(); return err }); err != nil || len(vpcs) != 1 {
		t.Errorf("after the retry the store holds %v (%v), want one VPC", vpcs, err)
	}
}

// TestUpdateGivesUpWhenNoServerComesBack: the wait for a server is bounded,
// and the error names the store, says nothing was saved and keeps the cause.
func TestUpdateGivesUpWhenNoServerComesBack(t *testing.T) {
	down := false
	s := reconnectingStore(t, 200*time.Millisecond, func() bool { return down })
	start := time.Now()
	err := s.Update(context.Background(), func(engine.Tx) error {
		down = true
		return errLost
	})
	if took := time.Since(start); took < 200*time.Millisecond || took > 5*time.Second {
		t.Errorf("Update gave up after %v, want about the 200ms wait", took)
	}
	if !errors.Is(err, errUnreachable) {
		t.Fatalf("Update = %v, want the last connect error", err)
	}
	for _, part := range []string{"test store", "begin transaction", "nothing was saved", "in the 200ms since it lost its connection"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("Update = %q, want it to say %q", err, part)
		}
	}
}

// TestUnreachableServerFailsAtOnce: a call that finds no server, having
// lost no connection, is not kept waiting.
func TestUnreachableServerFailsAtOnce(t *testing.T) {
	down := false
	s := reconnectingStore(t, time.Minute, func() bool { return down })
	down = true
	attempts := 0
	start := time.Now()
	err := s.Update(context.Background(), func(engine.Tx) error { attempts++; return nil })
	if !errors.Is(err, errUnreachable) || attempts != 0 || time.Since(start) > time.Second {
		t.Fatalf("Update = %v after %d attempts and %v, want the connect error at once", err, attempts, time.Since(start))
	}
	if !strings.Contains(err.Error(), "test store") {
		t.Errorf("Update = %q, want it to name the store", err)
	}
}

// TestCommitCutOffIsNotRunAgain: a connection that broke during the commit
// may have saved the change, so it is reported, not repeated.
func TestCommitCutOffIsNotRunAgain(t *testing.T) {
	s := reconnectingStore(t, time.Minute, never)
	attempts := 0
	err := s.retry(context.Background(), func() error {
		attempts++
		return s.commitError(errLost)
	})
	if attempts != 1 || !errors.Is(err, errLost) {
		t.Fatalf("retry = %v after %d attempts, want the commit's error after one", err, attempts)
	}
	if !strings.Contains(err.Error(), "may or may not have been saved") || !strings.Contains(err.Error(), "test store") {
		t.Errorf("commit error = %q, want it to name the store and say the change may have been saved", err)
	}
}

// TestBrokenConnectionIsNotTakenForARefusal: whatever fn makes of a
// statement's broken connection (here, a refusal), the transaction runs again.
func TestBrokenConnectionIsNotTakenForARefusal(t *testing.T) {
	s := reconnectingStore(t, time.Minute, never)
	attempts := 0
	err := s.Update(context.Background(), func(t engine.Tx) error {
		attempts++
		if attempts == 1 {
			// fn drops the statement's error and refuses on its own terms.
			_ = t.(*tx).noteRace(errLost)
			return errors.New("refused")
		}
		return nil
	})
	if err != nil || attempts != 2 {
		t.Fatalf("Update = %v after %d attempts, want success on the second", err, attempts)
	}
}

// TestCallsWaitForAServerOnceOneLostItsConnection: after one call lost its
// connection, another that finds no server waits for one too (a standby
// being promoted) instead of failing.
func TestCallsWaitForAServerOnceOneLostItsConnection(t *testing.T) {
	var promotedAt time.Time
	s := reconnectingStore(t, 10*time.Second, func() bool { return time.Now().Before(promotedAt) })
	s.disconnected(true) // another call lost its connection
	promotedAt = time.Now().Add(300 * time.Millisecond)
	err := s.Update(context.Background(), func(tx engine.Tx) error {
		return tx.InsertVPC(engine.VPC{ID: "vpc-1", CIDR: "10.0.0.0/16"})
	})
	if err != nil || time.Now().Before(promotedAt) {
		t.Fatalf("Update = %v, want success once a server takes writes", err)
	}
	if !s.disconnected(false).IsZero() {
		t.Errorf("the store still counts itself disconnected after a transaction began")
	}
}

// TestCallsFailAtOnceWhenTheWaitIsOver: the wait is counted from the loss,
// for every call, so that an apply against a server gone for good ends.
func TestCallsFailAtOnceWhenTheWaitIsOver(t *testing.T) {
	down := false
	s := reconnectingStore(t, 100*time.Millisecond, func() bool { return down })
	s.disconnected(true)
	time.Sleep(150 * time.Millisecond)
	down = true
	start := time.Now()
	err := s.Update(context.Background(), func(engine.Tx) error { return nil })
	if !errors.Is(err, errUnreachable) || time.Since(start) > 50*time.Millisecond {
		t.Fatalf("Update = %v after %v, want the connect error at once", err, time.Since(start))
	}
	if !strings.Contains(err.Error(), "nothing was saved") {
		t.Errorf("Update = %q, want it to say nothing was saved", err)
	}
}
