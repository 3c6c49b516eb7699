package postgres

import (
	"context"
	"database/sql"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

func TestReleasedMigration(t *testing.T) {
	for name, run := range map[string]func(*testing.T, storetest.Opener, func() (*sql.DB, error)){
		"FromVersion1": storetest.RunReleasedMigration, "FromVersion2": storetest.RunVersion2Migration,
	} {
		t.Run(name, func(t *testing.T) {
			dbURL := freshDatabase(t)
			run(t, func() (engine.Store, error) { return Open(context.Background(), dbURL) },
				func() (*sql.DB, error) { return sql.Open("pgx", dbURL) })
		})
	}
}
