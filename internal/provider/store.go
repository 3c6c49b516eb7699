package provider

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/location"
	"github.com/eni/terraform-provider-eni/internal/store/postgres"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

// stores keeps one open store per location for the life of the process:
// Terraform may configure a provider instance more than once (and tests run
// many in one process), and reopening a store each time would redo its
// schema checks and leak connections.
var stores = struct {
	sync.Mutex
	open map[string]engine.Store
}{open: map[string]engine.Store{}}

func openEngine(ctx context.Context, location string, opts engine.Options) (*engine.Engine, error) {
	st, err := sharedStore(ctx, location)
	if err != nil {
		return nil, err
	}
	opts.Observe = logEngineOperation
	return engine.New(st, opts)
}

// logEngineOperation puts every engine operation in the provider's log
// (TF_LOG=DEBUG) with its duration and, when refused, its code; the
// resource's own log lines and context fields carry the IDs.
func logEngineOperation(ctx context.Context, op string, elapsed time.Duration, err error) {
	fields := map[string]any{"operation": op, "elapsed_ms": float64(elapsed.Microseconds()) / 1000}
	if err != nil {
		fields["error"] = err.Error()
		if code, ok := refusalCode(err); ok {
			fields["code"] = code
		}
	}
	tflog.Debug(ctx, "engine operation", fields)
}

func sharedStore(ctx context.Context, location string) (engine.Store, error) {
	stores.Lock()
	defer stores.Unlock()
	if st, ok := stores.open[location]; ok {
		return st, nil
	}
	st, err := openStore(ctx, location)
	if err != nil {
		return nil, err
	}
	stores.open[location] = st
	return st, nil
}

// CloseStores closes every store the process opened, so that nothing is
// left half-written beside a SQLite store (its -wal and -shm files) once
// the CLI ends the provider, or is found gone. Called once the provider
// no longer serves.
func CloseStores() error {
	stores.Lock()
	defer stores.Unlock()
	var errs []error
	for location, st := range stores.open {
		if err := st.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close the store %s: %w", redactStore(location), err))
		}
		delete(stores.open, location)
	}
	return errors.Join(errs...)
}

func openStore(ctx context.Context, store string) (engine.Store, error) {
	loc, err := location.Parse(store)
	if err != nil {
		return nil, err
	}
	if loc.Kind == location.Postgres {
		return postgres.Open(ctx, loc.Target)
	}
	return sqlite.Open(loc.Target)
}

// redactStore renders a store string without any password in it, by the
// same parse that opens it; a string that does not parse is not shown.
func redactStore(store string) string {
	loc, err := location.Parse(store)
	if err != nil {
		return "(a store string that does not parse)"
	}
	return loc.Redacted
}
