package enginebench_test

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/bench/enginebench"
	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/postgres"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

// postgresStore makes an empty schema of its own on the server named by
// ENI_TEST_POSTGRES_URL for one benchmark, dropped when it ends.
func postgresStore(b *testing.B) enginebench.Opener {
	b.Helper()
	server := os.Getenv("ENI_TEST_POSTGRES_URL")
	if server == "" {
		b.Skip("ENI_TEST_POSTGRES_URL is not set (scripts/pg-start.sh starts a server and prints one)")
	}
	db, err := sql.Open("pgx", server)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() }) // after the schema's own cleanup drops it
	dbURL := storetest.FreshSchema(b, db, server, "eni_bench_")
	return func() (engine.Store, error) { return postgres.Open(context.Background(), dbURL) }
}

// BenchmarkPostgres runs the engine benchmarks on PostgreSQL.
func BenchmarkPostgres(b *testing.B) {
	enginebench.Run(b, postgresStore)
}
