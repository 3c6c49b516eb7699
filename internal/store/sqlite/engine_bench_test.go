package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest"
)

func benchStore(opts ...Option) enginetest.BenchFactory {
	return func(b *testing.B) enginetest.Opener {
		path := filepath.Join(b.TempDir(), "engine.db")
		return func() (engine.Store, error) { return Open(path, opts...) }
	}
}

// BenchmarkEngine runs the engine benchmarks on the default store
// (synchronous=NORMAL).
func BenchmarkEngine(b *testing.B) {
	enginetest.Bench(b, benchStore())
}

// BenchmarkEngineSyncFull measures what a sync of the WAL on every commit
// costs the writes, against BenchmarkEngine.
func BenchmarkEngineSyncFull(b *testing.B) {
	f := benchStore(WithSynchronous(SynchronousFull))
	b.Run("Create", func(b *testing.B) { enginetest.BenchCreate(b, f) })
	b.Run("Attach", func(b *testing.B) { enginetest.BenchAttach(b, f) })
	b.Run("Move", func(b *testing.B) { enginetest.BenchMove(b, f) })
}
