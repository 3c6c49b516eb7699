package postgres

import (
	"context"
	"database/sql"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

func TestEngineIPReuse(t *testing.T) {
	enginetest.RunIPReuse(t, func(t *testing.T) engine.Store {
		s, err := Open(context.Background(), freshDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestReleasedMigration(t *testing.T) {
	dbURL := freshDatabase(t)
	storetest.RunReleasedMigration(t, func() (engine.Store, error) { return Open(context.Background(), dbURL) },
		func() (*sql.DB, error) { return sql.Open("pgx", dbURL) })
}
