package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

func TestEngineIPReuse(t *testing.T) {
	enginetest.RunIPReuse(t, func(t *testing.T) engine.Store {
		s, err := Open(filepath.Join(t.TempDir(), "engine.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestReleasedMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engine.db")
	storetest.RunReleasedMigration(t, func() (engine.Store, error) { return Open(path) },
		func() (*sql.DB, error) { return sql.Open("sqlite", path) })
}
