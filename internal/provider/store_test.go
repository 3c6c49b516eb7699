package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// TestStoreStringsThatAreNoStoreCreateNothing: each of these used to be
// opened as a SQLite file named after the string, password included.
func TestStoreStringsThatAreNoStoreCreateNothing(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, store := range []string{
		"postgress://team:s3cr3t@127.0.0.1:1/eni",
		"mysql://team:s3cr3t@127.0.0.1:1/eni",
		"file:///tmp/eni.db?password=s3cr3t",
		"127.0.0.1 password=s3cr3t",
		" postgres://u:s3cr3t@h/db",
		`"postgres://u:s3cr3t@h/db"`,
		"postgres//u:s3cr3t@h/db",
		"postgres:/u:s3cr3t@h/db",
		"postgres:u:s3cr3t@h/db",
	} {
		_, err := openStore(context.Background(), store)
		if err == nil {
			t.Errorf("openStore(%q) succeeded", store)
		} else if strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("openStore(%q) error shows the password: %v", store, err)
		}
		if got := redactStore(store); strings.Contains(got, "s3cr3t") {
			t.Errorf("redactStore(%q) = %q", store, got)
		}
	}
	wantEmptyDir(t, ".")
}

// TestUpperCaseSchemeIsPostgres: the scheme's case does not matter, and
// the store is reached over the network, not written locally.
func TestUpperCaseSchemeIsPostgres(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, store := range []string{
		"POSTGRES://team:s3cr3t@127.0.0.1:1/eni?sslmode=disable&connect_timeout=2",
		"Postgres://team:s3cr3t@127.0.0.1:1/eni?sslmode=disable&connect_timeout=2",
		"host=127.0.0.1 port=1 user=team password=s3cr3t dbname=eni sslmode=disable connect_timeout=2",
	} {
		_, err := openStore(context.Background(), store)
		if err == nil || !strings.Contains(err.Error(), "connect to postgres store") {
			t.Errorf("openStore(%q): %v, want a failed PostgreSQL connection", store, err)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("openStore(%q) error shows the password: %v", store, err)
		}
		if got := redactStore(store); strings.Contains(got, "s3cr3t") || !strings.Contains(got, "127.0.0.1") {
			t.Errorf("redactStore(%q) = %q", store, got)
		}
	}
	wantEmptyDir(t, ".")
}

func wantEmptyDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("%s was created", e.Name())
	}
}

// TestCloseStoresLeavesOneFile: once the provider has closed its stores,
// as main does when the CLI ends it, a SQLite store is one file that holds
// every committed write.
func TestCloseStoresLeavesOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "engine.db")
	eng, err := openEngine(ctx, path, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	vpc, err := eng.CreateVPC(ctx, engine.VPCInput{Name: "one-file", CIDR: "10.9.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("an open store has no write-ahead log (%v): the test proves nothing", err)
	}
	if err := CloseStores(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("engine.db%s is left after CloseStores", suffix)
		}
	}
	copied := filepath.Join(t.TempDir(), "copy.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copied, b, 0o600); err != nil {
		t.Fatal(err)
	}
	again, err := openEngine(ctx, copied, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = CloseStores() })
	if _, err := again.GetVPC(ctx, vpc.ID); err != nil {
		t.Errorf("engine.db copied alone lacks the VPC committed before: %v", err)
	}
}
