package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strconv"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// crowdedDatabase makes a database that admits at most limit connections,
// owned by a role of its own (the limit does not bind a superuser), dropped
// when the test ends, and returns a URL to it as that role.
func crowdedDatabase(t *testing.T, limit int) string {
	t.Helper()
	db := adminDB(t)
	suffix := make([]byte, 6)
	rand.Read(suffix)
	name := "eni_budget_" + hex.EncodeToString(suffix)
	const password = "budget-pw"
	for _, stmt := range []string{
		`CREATE ROLE ` + name + ` LOGIN PASSWORD '` + password + `'`,
		`CREATE DATABASE ` + name + ` OWNER ` + name + ` CONNECTION LIMIT ` + strconv.Itoa(limit),
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	t.Cleanup(func() {
		for _, stmt := range []string{`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`, `DROP ROLE IF EXISTS ` + name} {
			if _, err := db.Exec(stmt); err != nil {
				t.Errorf("%s: %v", stmt, err)
			}
		}
	})
	u, err := url.Parse(serverURL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(name, password)
	u.Path = "/" + name
	return u.String()
}

// TestManyProcessesShareFewConnections has 32 stores, as 32 provider
// processes of the default budget (128 connections at most), write at once
// to a database that admits 20: those turned away wait for a free slot,
// and every write is done.
func TestManyProcessesShareFewConnections(t *testing.T) {
	dbURL := crowdedDatabase(t, 20)
	ctx := context.Background()
	subnet := newSubnet(t, fixture.Must(Open(ctx, dbURL))(t), "10.0.0.0/16", "10.0.0.0/20")
	nics := writeNICsAtOnce(t, 32, 3, func() (engine.Store, error) { return Open(ctx, dbURL) }, subnet)
	requireDistinctAddresses(t, nics, 96)
}
