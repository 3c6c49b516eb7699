package engine_test

import (
	"path/filepath"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

// TestConformance runs every rule test of the engine (package enginetest)
// on a fresh SQLite store per test, so that they run where the engine's
// tests are looked for; the PostgreSQL store runs the same suite.
func TestConformance(t *testing.T) {
	enginetest.Run(t, func(t *testing.T) engine.Store {
		return fixture.Must(sqlite.Open(filepath.Join(t.TempDir(), "engine.db")))(t)
	})
}
