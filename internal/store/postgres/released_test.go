package postgres

import (
	"context"
	"database/sql"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

func TestReleasedMigration(t *testing.T) {
	dbURL := freshDatabase(t)
	storetest.RunReleasedMigration(t, func() (engine.Store, error) { return Open(context.Background(), dbURL) },
		func() (*sql.DB, error) { return sql.Open("pgx", dbURL) })
}
