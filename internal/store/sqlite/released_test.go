package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

func TestReleasedMigration(t *testing.T) {
	for name, run := range map[string]func(*testing.T, storetest.Opener, func() (*sql.DB, error)){
		"FromVersion1": storetest.RunReleasedMigration, "FromVersion2": storetest.RunVersion2Migration,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "engine.db")
			run(t, func() (engine.Store, error) { return Open(path) },
				func() (*sql.DB, error) { return sql.Open("sqlite", path) })
		})
	}
}
