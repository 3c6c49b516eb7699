package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/crossprocess"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/opsequence"
)

// TestEngineRaceAcrossProcesses races 8 processes on one SQLite file.
func TestEngineRaceAcrossProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engine.db")
	crossprocess.Race(t, func(t *testing.T) engine.Store {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}, path, "TestEngineRaceChild", 8)
}

// TestEngineRaceChild is one racer of TestEngineRaceAcrossProcesses.
func TestEngineRaceChild(t *testing.T) {
	crossprocess.Child(t, func(location string) (engine.Store, error) { return Open(location) })
}

// FuzzEngineProgram drives the engine with arbitrary operation sequences;
// every refusal must be coded and every invariant must hold after each step.
func FuzzEngineProgram(f *testing.F) {
	f.Add([]byte{0, 1, 2, 2, 0, 1, 3, 0, 0, 6, 1, 1, 8, 0, 0})
	f.Add([]byte{2, 0, 3, 1, 0, 0, 3, 0, 0, 9, 0, 0, 10, 1, 1, 5, 0, 0})
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) > 300 {
			program = program[:300]
		}
		opsequence.RunProgram(t, func(t *testing.T) engine.Store {
			s, err := Open(filepath.Join(t.TempDir(), "engine.db"))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, program)
	})
}
