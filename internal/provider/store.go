package provider

import (
	"context"
	"sync"

	"github.com/eni/terraform-provider-eni/internal/engine"
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
	return engine.New(st, opts)
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

func openStore(ctx context.Context, location string) (engine.Store, error) {
	if postgres.IsURL(location) {
		return postgres.Open(ctx, location)
	}
	return sqlite.Open(location)
}

// redactStore renders a store location without any password in it.
func redactStore(location string) string {
	if postgres.IsURL(location) {
		return postgres.Redact(location)
	}
	return location
}
