package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

// serverURL names the server the tests use: ENI_TEST_POSTGRES_URL, which
// scripts/pg-start.sh prints. Without one the tests skip, except in CI.
func serverURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("ENI_TEST_POSTGRES_URL")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ENI_TEST_POSTGRES_URL is required in CI")
		}
		t.Skip("ENI_TEST_POSTGRES_URL is not set (scripts/pg-start.sh starts a server and prints one)")
	}
	return u
}

var admin struct {
	sync.Once
	db  *sql.DB
	err error
}

// adminDB is one connection pool to the server's own database, shared by
// all tests to create and drop theirs.
func adminDB(t *testing.T) *sql.DB {
	t.Helper()
	base := serverURL(t)
	admin.Do(func() {
		admin.db, admin.err = sql.Open("pgx", base)
		if admin.err == nil {
			admin.err = admin.db.Ping()
		}
	})
	if admin.err != nil {
		t.Fatalf("connect to test server %s: %v", Redact(base), admin.err)
	}
	return admin.db
}

// freshDatabase makes an empty place for one test's store, dropped when
// the test ends, and returns a URL to it.
func freshDatabase(t *testing.T) string {
	t.Helper()
	return storetest.FreshSchema(t, adminDB(t), serverURL(t), "eni_test_")
}

// ownDatabase makes a database of its own for a test that must see who is
// connected to it, dropped when the test ends, and returns its name and a
// URL to it. Slower to make than freshDatabase's schema.
func ownDatabase(t *testing.T) (name, dbURL string) {
	t.Helper()
	db := adminDB(t)
	suffix := make([]byte, 6)
	rand.Read(suffix)
	name = "eni_test_" + hex.EncodeToString(suffix)
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(serverURL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return name, u.String()
}

func freshStore(t *testing.T) storetest.Opener {
	dbURL := freshDatabase(t)
	return func() (engine.Store, error) { return Open(context.Background(), dbURL) }
}

func TestConformance(t *testing.T) {
	storetest.Run(t, freshStore)
}

// TestEngineConformance runs the engine's own suite on this store.
func TestEngineConformance(t *testing.T) {
	enginetest.Run(t, func(t *testing.T) engine.Store {
		return fixture.Must(Open(context.Background(), freshDatabase(t)))(t)
	})
}

// closeRounds is fewer than SQLite's: this store prepares nothing on the
// side, and a round costs a login and a wait for the server to end the
// closed sessions.
const closeRounds = 3

// TestCloseReleasesDatabase checks that no session of a closed store
// stays connected to its database.
func TestCloseReleasesDatabase(t *testing.T) {
	name, dbURL := ownDatabase(t)
	admin := adminDB(t)
	storetest.RunCloseReleases(t, closeRounds, func() (engine.Store, error) { return Open(context.Background(), dbURL) },
		func() error { return renameAndBack(admin, name) })
}

// renameAndBack renames a database and back, which PostgreSQL refuses while
// another session is connected to it. It waits a few seconds for sessions
// already ending, as those of a closed store are: the server ends them just
// after their client hangs up.
func renameAndBack(admin *sql.DB, name string) error {
	if _, err := admin.Exec(`ALTER DATABASE ` + name + ` RENAME TO ` + name + `_moved`); err != nil {
		return err
	}
	_, err := admin.Exec(`ALTER DATABASE ` + name + `_moved RENAME TO ` + name)
	return err
}

// currentStore makes a store at the current schema in a fresh database,
// closes it, and returns the database's URL.
func currentStore(t *testing.T) string {
	t.Helper()
	dbURL := freshDatabase(t)
	fixture.Must(Open(context.Background(), dbURL))(t).Close()
	return dbURL
}

func TestRefusesNewerSchema(t *testing.T) {
	dbURL := currentStore(t)
	raw, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	newer := sqlstore.LatestSchemaVersion() + 1
	if _, err := raw.Exec(`UPDATE schema_version SET version = $1`, newer); err != nil {
		t.Fatal(err)
	}
	before := schemaFingerprint(t, raw)

	_, err = Open(context.Background(), dbURL)
	if !errors.Is(err, sqlstore.ErrSchemaTooNew) {
		t.Fatalf("Open of a newer store: %v, want ErrSchemaTooNew", err)
	}
	want := fmt.Sprintf("store at %s was written by schema version %d; this provider knows up to version %d; upgrade the provider",
		Redact(dbURL), newer, sqlstore.LatestSchemaVersion())
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q\ndoes not say %q", err, want)
	}
	if after := schemaFingerprint(t, raw); after != before {
		t.Errorf("refusing a newer store changed it:\nbefore %s\nafter  %s", before, after)
	}
}

// schemaFingerprint sums up the tables, their columns and the version.
func schemaFingerprint(t *testing.T, db *sql.DB) string {
	t.Helper()
	var fp string
	err := db.QueryRow(`SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name, column_name)
		|| ' v' || (SELECT string_agg(version::text, ',') FROM schema_version)
		FROM information_schema.columns WHERE table_schema = current_schema()`).Scan(&fp)
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

// TestOpensWithoutRightToCreate opens a current store as a role that may
// only read and write rows, as a team's application role often is.
func TestOpensWithoutRightToCreate(t *testing.T) {
	t.Run("marked", func(t *testing.T) { openWithoutRightToCreate(t, currentStore(t)) })
	t.Run("made before the mark", func(t *testing.T) {
		dbURL := freshDatabase(t)
		raw := must(sql.Open("pgx", dbURL))(t)
		defer raw.Close()
		if err := sqlstore.CreateSchemaAt(context.Background(), raw, sqlstore.LatestSchemaVersion()); err != nil {
			t.Fatal(err)
		}
		openWithoutRightToCreate(t, dbURL)
	})
}

func openWithoutRightToCreate(t *testing.T, dbURL string) {
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	schema := u.Query().Get("search_path")
	role := schema + "_rw"
	db := adminDB(t)
	for _, stmt := range []string{
		`CREATE ROLE ` + role + ` LOGIN PASSWORD 'rw-secret'`,
		`GRANT USAGE ON SCHEMA ` + schema + ` TO ` + role,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ` + schema + ` TO ` + role,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, stmt := range []string{`DROP OWNED BY ` + role, `DROP ROLE ` + role} {
			if _, err := db.Exec(stmt); err != nil {
				t.Logf("cleanup: %s: %v", stmt, err)
			}
		}
	})
	u.User = url.UserPassword(role, "rw-secret")
	s, err := Open(context.Background(), u.String())
	if err != nil {
		t.Fatalf("Open as a role without CREATE: %v", err)
	}
	defer s.Close()
	if err := s.Update(context.Background(), func(tx engine.Tx) error {
		return tx.InsertVPC(engine.VPC{ID: "vpc-1", CIDR: "10.0.0.0/16"})
	}); err != nil {
		t.Fatal(err)
	}
}

func TestWrongPasswordIsNotRepeated(t *testing.T) {
	u, err := url.Parse(freshDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	const secret = "not-the-Pa55word"
	u.User = url.UserPassword(u.User.Username(), secret)
	_, err = Open(context.Background(), u.String())
	wantServerNamedWithoutSecret(t, err, secret, u.Hostname(), u.Port(), strings.TrimPrefix(u.Path, "/"), "password authentication failed")
}

func TestMissingDatabaseIsNamed(t *testing.T) {
	u, err := url.Parse(serverURL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/eni_no_such_database"
	u.RawQuery = ""
	password, _ := u.User.Password()
	_, err = Open(context.Background(), u.String())
	wantServerNamedWithoutSecret(t, err, password, u.Hostname(), u.Port(), "eni_no_such_database")
}

// These need no server.

func TestUnreachableServerIsNamed(t *testing.T) {
	const secret = "s3cr3t/Pa55@word"
	dbURL := "postgres://eni:" + url.PathEscape(secret) + "@127.0.0.1:1/teamstore?sslmode=disable&connect_timeout=5"
	_, err := Open(context.Background(), dbURL)
	wantServerNamedWithoutSecret(t, err, secret, "127.0.0.1", "1", "teamstore")
	if strings.Contains(err.Error(), url.PathEscape(secret)) {
		t.Errorf("error repeats the escaped password: %v", err)
	}
}

func TestMalformedURLHidesPassword(t *testing.T) {
	for _, dbURL := range []string{
		"postgres://eni:hunter2-secret@db.example.com:notaport/store",
		"postgres://eni:hunter2-secret@db.example.com:5432/store?sslmode=sometimes",
		"postgresql://eni:hunter2-secret@db.example.com/store?connect_timeout=soon",
	} {
		_, err := Open(context.Background(), dbURL)
		if err == nil {
			t.Errorf("Open(%s) succeeded", Redact(dbURL))
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error repeats the password: %v", err)
		}
		if !strings.Contains(err.Error(), "db.example.com") {
			t.Errorf("error does not name the host: %v", err)
		}
	}
}

func wantServerNamedWithoutSecret(t *testing.T, err error, secret string, names ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("Open succeeded")
	}
	msg := err.Error()
	if secret != "" && strings.Contains(msg, secret) {
		t.Errorf("error repeats the password: %s", msg)
	}
	for _, n := range names {
		if !strings.Contains(msg, n) {
			t.Errorf("error does not name %q: %s", n, msg)
		}
	}
}

func TestRedact(t *testing.T) {
	t.Setenv("PGUSER", "dflt") // the driver's default user otherwise depends on who runs the test
	t.Setenv("PGPASSWORD", "")
	cases := []struct{ in, want string }{
		{"postgres://eni:secret@db.example.com:5432/store?sslmode=disable", "postgres://eni:xxxxx@db.example.com:5432/store"},
		{"postgresql://eni@db.example.com/store", "postgresql://eni@db.example.com:5432/store"},
		{"postgres://db.example.com:5432/store", "postgres://dflt@db.example.com:5432/store"},
		{"POSTGRES://eni:secret@db.example.com/store", "postgres://eni:xxxxx@db.example.com:5432/store"},
		{"postgres://eni:p%40ss%2Fword@db.example.com/store", "postgres://eni:xxxxx@db.example.com:5432/store"},
		{"postgres://eni@db.example.com/store?password=secret&sslmode=require", "postgres://eni:xxxxx@db.example.com:5432/store"},
		// The driver splits at the first @: the password is "p", the host
		// "ss@db.example.com"; the redacted form shows what it will use.
		{"postgres://eni:p@ss@db.example.com/store", "postgres://eni:xxxxx@xxxxx:5432/store"},
		{"host=db.example.com user=eni password=secret dbname=store", "postgres://eni:xxxxx@db.example.com:5432/store"},
		{"host=db.example.com user=eni password=p@ss dbname=store", "postgres://eni:xxxxx@db.example.com:5432/store"},
		{"host=db.example.com password='se cret' dbname=store", "postgres://dflt:xxxxx@db.example.com:5432/store"},
		// Too malformed to parse: the user up to its first :, what follows
		// the last @, and no password= value.
		{"postgres://eni:sec/ret@db.example.com:5432/store", "postgres://…"},
		{"postgres://eni:sec@ret@db.example.com:port/store", "postgres://…"},
		{"postgres://eni@db.example.com:port/store?password=secret&x=1", "postgres://eni@db.example.com:xxxxx/store?password=xxxxx&x=xxxxx"},
		{"host=db.example.com port=port password='se cret", "host=db.example.com port=port …"},
		{`host=db.example.com port=port password=se\ cret`, "host=db.example.com port=port …"},
	}
	for _, c := range cases {
		got := Redact(c.in)
		if got != c.want {
			t.Errorf("Redact(%q)\n got  %q\n want %q", c.in, got, c.want)
		}
		for _, part := range []string{"secret", "cret", "ret", "ss/word", "%40"} {
			if strings.Contains(got, part) {
				t.Errorf("Redact(%q) = %q shows %q", c.in, got, part)
			}
		}
	}
}

func TestIsURL(t *testing.T) {
	for in, want := range map[string]bool{
		"postgres://h/db":         true,
		"postgresql://u@h:1/db":   true,
		"POSTGRES://h/db":         true,
		"PostgreSQL://h/db":       true,
		"sqlite:///var/engine.db": false,
		"/var/engine.db":          false,
		"host=h dbname=db":        false,
		"postgres-store.db":       false,
	} {
		if got := IsURL(in); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestRefusesWhatItDoesNotOwn: each schema is left as it was, with a
// message that says what to do.
func TestRefusesWhatItDoesNotOwn(t *testing.T) {
	cases := []struct {
		name    string
		ours    bool
		prepare string
		want    string
	}{
		{"someone else's tables", false, `CREATE TABLE customers (id INTEGER)`, "already holds other tables or views (customers); point store at"},
		{"our tables without a version", true, `DROP TABLE schema_version`, "has the provider's tables but no schema_version table"},
		{"a negative version", true, `UPDATE schema_version SET version = -1`, "records schema version -1, which no provider writes"},
		{"a view alone", false, `CREATE VIEW answers AS SELECT 42 AS answer`, "already holds other tables or views (answers)"},
		{"a foreign schema_version", false, `CREATE TABLE schema_version (version INTEGER NOT NULL);
			INSERT INTO schema_version VALUES (3); CREATE TABLE notes (body TEXT)`,
			"has a schema_version table of version 3 but not the provider's tables (no vpcs, subnets, security_groups and"},
		{"a text version", false, `CREATE TABLE schema_version (version TEXT); INSERT INTO schema_version VALUES ('x')`,
			"schema_version holds a text value 'x', not an integer version: this is not an ENI store, or it is damaged"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dbURL := freshDatabase(t)
			if c.ours {
				dbURL = currentStore(t)
			}
			raw, err := sql.Open("pgx", dbURL)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			if _, err := raw.Exec(c.prepare); err != nil {
				t.Fatal(err)
			}
			before := tableNames(t, raw)

			_, err = Open(context.Background(), dbURL)
			if !errors.Is(err, sqlstore.ErrNotAStore) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Open: %v\nwant ErrNotAStore saying %q", err, c.want)
			}
			if after := tableNames(t, raw); after != before {
				t.Errorf("refusing the schema changed it: %s, was %s", after, before)
			}
		})
	}
}

func tableNames(t *testing.T, db *sql.DB) string {
	t.Helper()
	var names sql.NullString
	if err := db.QueryRow(`SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
		WHERE table_schema = current_schema()`).Scan(&names); err != nil {
		t.Fatal(err)
	}
	return names.String
}

// TestStoresCarryTheMark: a new store's schema_version table carries the
// mark; a store made before it is opened, migrated and marked, and one a
// role without the right to mark it opens is used unmarked.
func TestStoresCarryTheMark(t *testing.T) {
	markOf := func(t *testing.T, db *sql.DB) string {
		t.Helper()
		var comment sql.NullString
		if err := db.QueryRow(`SELECT obj_description(to_regclass('schema_version'), 'pg_class')`).Scan(&comment); err != nil {
			t.Fatal(err)
		}
		return comment.String
	}
	dbURL := currentStore(t)
	raw := must(sql.Open("pgx", dbURL))(t)
	defer raw.Close()
	if got := markOf(t, raw); got != Mark {
		t.Errorf("a new store's mark is %q, want %q", got, Mark)
	}

	for v := 1; v <= sqlstore.LatestSchemaVersion(); v++ {
		dbURL := freshDatabase(t)
		raw := must(sql.Open("pgx", dbURL))(t)
		defer raw.Close()
		if err := sqlstore.CreateSchemaAt(context.Background(), raw, v); err != nil {
			t.Fatal(err)
		}
		s, err := Open(context.Background(), dbURL)
		if err != nil {
			t.Fatalf("a store of version %d made before the mark: %v", v, err)
		}
		s.Close()
		if got := markOf(t, raw); got != Mark {
			t.Errorf("a store of version %d made before the mark is marked %q after opening, want %q", v, got, Mark)
		}
	}
}

func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
