package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/url"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestTransactionRunsAgainAfterItsBackendIsTerminated ends the server
// session of a write under way, as a primary's shutdown does: the driver's
// error must read as a lost connection, and the write must run again on a
// new connection and commit once.
func TestTransactionRunsAgainAfterItsBackendIsTerminated(t *testing.T) {
	suffix := make([]byte, 6)
	rand.Read(suffix)
	app := "eni_cut_" + hex.EncodeToString(suffix)
	u, err := url.Parse(freshDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	s := fixture.Must(Open(context.Background(), u.String()))(t)
	t.Cleanup(func() { s.Close() })

	attempts := 0
	err = s.Update(context.Background(), func(tx engine.Tx) error {
		attempts++
		if _, err := tx.ListVPCs(); err != nil {
			return err
		}
		if attempts == 1 {
			var ended int
			if err := adminDB(t).QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`,
				app).Scan(&ended); err != nil || ended == 0 {
				t.Fatalf("terminate the store's session: %d ended, %v", ended, err)
			}
		}
		return tx.InsertVPC(engine.VPC{ID: "vpc-cut", CIDR: "10.0.0.0/16"})
	})
	if err != nil || attempts != 2 {
		t.Fatalf("Update = %v after %d attempts, want success on the second", err, attempts)
	}
	var vpcs []engine.VPC
	if err := s.View(context.Background(), func(tx engine.Tx) (err error) { vpcs, err = tx.ListVPCs(); return err }); err != nil || len(vpcs) != 1 {
		t.Errorf("the store holds %v (%v), want the one VPC", vpcs, err)
	}
}

func TestConnectionLostAndUnreachableAreTold(t *testing.T) {
	for _, c := range []struct {
		name              string
		err               error
		lost, unreachable bool
	}{
		{"server shut down", &pgconn.PgError{Code: "57P01"}, true, false},
		{"connection exception", &pgconn.PgError{Code: "08006"}, true, false},
		{"socket closed", io.ErrUnexpectedEOF, true, false},
		{"no server", &pgconn.ConnectError{}, false, true},
		{"unique violation", &pgconn.PgError{Code: codeUniqueViolation}, false, false},
		{"serialization failure", &pgconn.PgError{Code: codeSerializationFailure}, false, false},
		{"other", errors.New("refused"), false, false},
	} {
		if got := isConnectionLost(c.err); got != c.lost {
			t.Errorf("%s: isConnectionLost = %v, want %v", c.name, got, c.lost)
		}
		if got := isUnreachable(c.err); got != c.unreachable {
			t.Errorf("%s: isUnreachable = %v, want %v", c.name, got, c.unreachable)
		}
	}
}
