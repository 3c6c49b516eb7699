package enginebench_test

import (
	"path/filepath"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/bench/enginebench"
	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

func sqliteStore(opts ...sqlite.Option) enginebench.BenchFactory {
	return func(b *testing.B) enginebench.Opener {
		path := filepath.Join(b.TempDir(), "engine.db")
		return func() (engine.Store, error) { return sqlite.Open(path, opts...) }
	}
}

// BenchmarkSQLite runs the engine benchmarks on the default store
// (synchronous=NORMAL).
func BenchmarkSQLite(b *testing.B) {
	enginebench.Bench(b, sqliteStore())
}

// BenchmarkSQLiteSyncFull measures what a sync of the WAL on every commit
// costs the writes, against BenchmarkSQLite.
func BenchmarkSQLiteSyncFull(b *testing.B) {
	f := sqliteStore(sqlite.WithSynchronous(sqlite.SynchronousFull))
	b.Run("Create", func(b *testing.B) { enginebench.BenchCreate(b, f) })
	b.Run("Attach", func(b *testing.B) { enginebench.BenchAttach(b, f) })
	b.Run("Move", func(b *testing.B) { enginebench.BenchMove(b, f) })
}
