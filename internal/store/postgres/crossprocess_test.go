package postgres

import (
	"context"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/crossprocess"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// TestEngineRaceAcrossProcesses races 8 processes on one PostgreSQL store,
// as separate provider processes of a team share one.
func TestEngineRaceAcrossProcesses(t *testing.T) {
	dbURL := freshDatabase(t)
	crossprocess.Race(t, func(t *testing.T) engine.Store {
		return fixture.Must(Open(context.Background(), dbURL))(t)
	}, dbURL, "TestEngineRaceChild", 8)
}

// TestEngineRaceChild is one racer of TestEngineRaceAcrossProcesses.
func TestEngineRaceChild(t *testing.T) {
	crossprocess.Child(t, func(location string) (engine.Store, error) { return Open(context.Background(), location) })
}
