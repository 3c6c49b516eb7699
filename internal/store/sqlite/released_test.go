package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

func TestReleasedMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engine.db")
	storetest.RunReleasedMigration(t, func() (engine.Store, error) { return Open(path) },
		func() (*sql.DB, error) { return sql.Open("sqlite", path) })
}
