package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"path/filepath"
	"sync"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"modernc.org/sqlite"
)

// TestCloseWaitsForStatementsBeingPrepared closes the store while the
// statement cache is still preparing on a connection of its own: db.Close
// alone would return with that connection open, holding the file.
func TestCloseWaitsForStatementsBeingPrepared(t *testing.T) {
	prepares := &endlessPrepares{dsn: filepath.Join(t.TempDir(), "test.db") + "?_txlock=immediate", begun: make(chan struct{})}
	db := sql.OpenDB(prepares)
	d := Dialect{
		Name:            "test",
		CacheStatements: true,
		BeginWrite:      func(ctx context.Context, db *sql.DB) (*sql.Tx, error) { return db.BeginTx(ctx, nil) },
	}
	s, err := New(context.Background(), db, d, "test store")
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	// The write meets its queries for the first time: it runs them
	// unprepared and the cache prepares them on the side.
	err = s.Update(context.Background(), func(tx engine.Tx) error {
		return tx.InsertVPC(engine.VPC{ID: "vpc-1", CIDR: "10.0.0.0/16"})
	})
	if err != nil {
		t.Fatal(err)
	}
	<-prepares.begun
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if open := db.Stats().OpenConnections; open != 0 {
		t.Errorf("%d connections open after Close, want none", open)
	}
}

// endlessPrepares opens SQLite connections whose prepares go on until
// their context ends, as one still under way when the store closes.
type endlessPrepares struct {
	dsn       string
	begun     chan struct{} // closed when the first prepare begins
	beginOnce sync.Once
}

func (p *endlessPrepares) Connect(context.Context) (driver.Conn, error) {
	conn, err := p.Driver().Open(p.dsn)
	if err != nil {
		return nil, err
	}
	return &endlessPrepareConn{sqliteConn: conn.(sqliteConn), prepares: p}, nil
}

func (p *endlessPrepares) Driver() driver.Driver { return &sqlite.Driver{} }

// sqliteConn is what database/sql uses of a SQLite connection besides
// PrepareContext.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ExecerContext
	driver.QueryerContext
}

type endlessPrepareConn struct {
	sqliteConn
	prepares *endlessPrepares
}

func (c *endlessPrepareConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	c.prepares.beginOnce.Do(func() { close(c.prepares.begun) })
	<-ctx.Done()
	return nil, ctx.Err()
}
