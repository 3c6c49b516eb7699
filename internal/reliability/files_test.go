package reliability

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

// TestStoreIsOneFileAfterEachCommand: once a command has finished, its
// provider has checkpointed and closed the SQLite store, so no -wal or
// -shm file is left beside it and engine.db copied alone holds every
// object the command committed. Nothing else opens the store meanwhile:
// a connection of the test's own would keep the log alive.
func TestStoreIsOneFileAfterEachCommand(t *testing.T) {
	requireSuite(t)
	path := filepath.Join(t.TempDir(), "engine.db")
	dir := filepath.Join(t.TempDir(), "ws")
	writeConfig(t, dir, path, `resource "eni_vpc" "one" {
  name = "one-file"
  cidr = "10.61.0.0/16"
}

resource "eni_subnet" "one" {
  vpc_id            = eni_vpc.one.id
  name              = "one-file"
  cidr              = "10.61.1.0/24"
  availability_zone = "local-1a"
}

output "vpc_id" {
  value = eni_vpc.one.id
}
`)
	left := 0
	for _, args := range [][]string{
		{"apply", "-auto-approve", "-input=false", "-json"},
		{"plan", "-input=false", "-json"},
	} {
		r := runCLI(t, dir, nil, args...)
		if r.exit != 0 {
			t.Fatalf("%s", r)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(path + suffix); err == nil {
				left++
				t.Errorf("engine.db%s is left after %s finished", suffix, args[0])
			}
		}
	}

	out := runCLI(t, dir, nil, "output", "-json", "vpc_id")
	var vpcID string
	if err := json.Unmarshal(out.stdout.Bytes(), &vpcID); err != nil || vpcID == "" {
		t.Fatalf("output vpc_id: %v\n%s", err, out)
	}
	copied := filepath.Join(t.TempDir(), "copy.db")
	if err := copyFile(path, copied, 0o600); err != nil {
		t.Fatal(err)
	}
	s := must(sqlite.Open(copied))(t)
	eng := must(engine.New(s, engine.Options{}))(t)
	defer eng.Close()
	ctx := context.Background()
	vpcs := 1
	if _, err := eng.GetVPC(ctx, vpcID); err != nil {
		vpcs = 0
		t.Errorf("engine.db copied alone lacks the VPC the apply committed: %v", err)
	}
	subnets := must(eng.ListSubnets(ctx, engine.SubnetFilter{VPCID: vpcID}))(t)
	if len(subnets) != 1 {
		t.Errorf("engine.db copied alone holds %d subnets of the VPC, want 1", len(subnets))
	}
	figure(t, "after apply and plan: %d -wal/-shm files left (want 0); engine.db copied alone holds %d of 1 VPC and %d of 1 subnet",
		left, vpcs, len(subnets))
}

// TestForeignDatabaseIsRefusedUntouched: a store pointed at a SQLite file
// that is not the provider's (another application's tables, a view alone,
// a schema_version of its own or one that is not an integer) fails the
// command with what is wrong, and leaves every byte of the file as it was
// and no -wal beside it.
func TestForeignDatabaseIsRefusedUntouched(t *testing.T) {
	requireSuite(t)
	for _, c := range []struct {
		name string
		sql  []string
		want string
	}{
		{"a view alone", []string{`CREATE VIEW answers AS SELECT 42 AS answer`}, "already holds other tables or views (answers)"},
		{"its own schema_version", []string{
			`CREATE TABLE schema_version (version INTEGER NOT NULL)`, `INSERT INTO schema_version VALUES (3)`,
			`CREATE TABLE notes (body TEXT)`,
		}, "not the provider's tables"},
		{"a text schema_version", []string{
			`CREATE TABLE schema_version (version TEXT)`, `INSERT INTO schema_version VALUES ('three')`,
		}, "not an integer version"},
		{"another application_id", []string{`PRAGMA application_id = 1234`, `CREATE TABLE notes (body TEXT)`}, "another application's database"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "foreign.db")
			writeForeignDatabase(t, path, c.sql)
			before := must(os.ReadFile(path))(t)
			dir := filepath.Join(t.TempDir(), "ws")
			writeConfig(t, dir, path, `resource "eni_vpc" "one" {
  name = "foreign"
  cidr = "10.62.0.0/16"
}
`)
			r := runCLI(t, dir, nil, "plan", "-input=false", "-no-color")
			if r.exit == 0 {
				t.Fatalf("plan on %s succeeded:\n%s", c.name, r)
			}
			if out := squashed(r.stdout.String() + r.stderr.String()); !strings.Contains(out, c.want) || !strings.Contains(out, "not an ENI store") {
				t.Errorf("plan on %s: want %q and \"not an ENI store\" in its output:\n%s", c.name, c.want, r)
			}
			if after := must(os.ReadFile(path))(t); !bytes.Equal(before, after) {
				t.Errorf("the plan changed %s (%d bytes before, %d after)", c.name, len(before), len(after))
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				t.Errorf("the plan left a -wal beside %s", c.name)
			}
		})
	}
}

// writeForeignDatabase makes a SQLite file of another application's, in
// the rollback journal mode SQLite starts in.
func writeForeignDatabase(t *testing.T, path string, statements []string) {
	t.Helper()
	db := must(sql.Open("sqlite", path))(t)
	defer db.Close()
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// squashed joins the lines the CLI wraps a diagnostic into.
func squashed(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "│", " ")), " ")
}
