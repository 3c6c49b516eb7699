package enginebench_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/bench/enginebench"
	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/postgres"
)

// postgresStore makes an empty schema of its own on the server named by
// ENI_TEST_POSTGRES_URL for one benchmark, dropped when it ends.
func postgresStore(b *testing.B) enginebench.Opener {
	b.Helper()
	base := os.Getenv("ENI_TEST_POSTGRES_URL")
	if base == "" {
		b.Skip("ENI_TEST_POSTGRES_URL is not set (scripts/pg-start.sh starts a server and prints one)")
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	suffix := make([]byte, 6)
	rand.Read(suffix)
	name := "eni_bench_" + hex.EncodeToString(suffix)
	if _, err := db.Exec(`CREATE SCHEMA ` + name); err != nil {
		db.Close()
		b.Fatalf("create bench schema: %v", err)
	}
	b.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec(`DROP SCHEMA IF EXISTS ` + name + ` CASCADE`); err != nil {
			b.Errorf("drop bench schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	dbURL := u.String()
	return func() (engine.Store, error) { return postgres.Open(context.Background(), dbURL) }
}

// BenchmarkPostgres runs the engine benchmarks on PostgreSQL.
func BenchmarkPostgres(b *testing.B) {
	enginebench.Bench(b, postgresStore)
}
