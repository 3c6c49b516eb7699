package enginebench_test

import (
	"path/filepath"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/bench/enginebench"
	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

// sqliteStore makes a fresh SQLite file per benchmark, opened with opts.
func sqliteStore(opts ...sqlite.Option) enginebench.Factory {
	return func(b *testing.B) enginebench.Opener {
		path := filepath.Join(b.TempDir(), "engine.db")
		return func() (engine.Store, error) { return sqlite.Open(path, opts...) }
	}
}

// BenchmarkSQLite runs the engine benchmarks on the default store
// (synchronous=NORMAL).
func BenchmarkSQLite(b *testing.B) {
	enginebench.Run(b, sqliteStore())
}

// BenchmarkSQLiteSyncFull measures what a sync of the WAL on every commit
// costs the writes, against BenchmarkSQLite.
func BenchmarkSQLiteSyncFull(b *testing.B) {
	f := sqliteStore(sqlite.WithSynchronous(sqlite.SynchronousFull))
	b.Run("Create", func(b *testing.B) { enginebench.Create(b, f) })
	b.Run("Attach", func(b *testing.B) { enginebench.Attach(b, f) })
	b.Run("Move", func(b *testing.B) { enginebench.Move(b, f) })
}
