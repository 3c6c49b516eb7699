package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

func freshStore(t *testing.T) storetest.Opener {
	path := filepath.Join(t.TempDir(), "engine.db")
	return func() (engine.Store, error) { return Open(path) }
}

func TestConformance(t *testing.T) {
	storetest.Run(t, freshStore)
}

// closeRounds: a Close that returned while statements were still being
// prepared on the side failed about one round in 50 here, so more than half
// the runs of this many catch it end to end; sqlstore's own test of it
// fails every time.
const closeRounds = 50

// TestCloseReleasesFile checks that nothing of a closed store keeps its
// file: a connection of its own then locks the whole file at once.
func TestCloseReleasesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engine.db")
	storetest.RunCloseReleases(t, closeRounds, func() (engine.Store, error) { return Open(path) },
		func() error { return lockWholeFile(path) })
}

// lockWholeFile takes and drops an exclusive lock on the store's file from
// a connection with no busy timeout, so it fails at once while any other
// connection has the file open. In WAL mode BEGIN EXCLUSIVE alone excludes
// only writers; exclusive locking mode makes it exclude readers too.
func lockWholeFile(path string) error {
	ctx := context.Background()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, stmt := range []string{`PRAGMA locking_mode = EXCLUSIVE`, `BEGIN EXCLUSIVE`, `ROLLBACK`} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

func TestParsePath(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home directory:", err)
	}
	cases := map[string]string{
		"/var/lib/eni/engine.db":          "/var/lib/eni/engine.db",
		"engine.db":                       "engine.db",
		"sqlite:///var/lib/eni/engine.db": "/var/lib/eni/engine.db",
		"sqlite://state/engine.db":        "state/engine.db",
		"sqlite://./state//engine.db":     "state/engine.db",
		"~/eni/engine.db":                 filepath.Join(home, "eni/engine.db"),
		"sqlite://~/eni/engine.db":        filepath.Join(home, "eni/engine.db"),
	}
	for in, want := range cases {
		got, err := ParsePath(in)
		if err != nil || got != want {
			t.Errorf("ParsePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "sqlite://", "sqlite:engine.db", "sqlite:/var/engine.db"} {
		if got, err := ParsePath(bad); err == nil {
			t.Errorf("ParsePath(%q) = %q, want an error", bad, got)
		}
	}
	if !IsURL("sqlite:///x.db") || IsURL("/x.db") || IsURL("postgres://h/db") {
		t.Error("IsURL tells sqlite URLs from other store strings wrongly")
	}
}

func TestCreatesPrivateFileAndDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "nested", "engine.db")
	writeOneRow(t, "sqlite://"+path)
	wantMode(t, filepath.Dir(path), 0o700)
	wantMode(t, filepath.Dir(filepath.Dir(path)), 0o700)
	wantMode(t, path, 0o600)
	// SQLite gives its side files the database file's mode.
	wantMode(t, path+"-wal", 0o600)
}

func TestPathWithURLCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a b?c#d%20e", "engine.db")
	writeOneRow(t, path)
	if info, err := os.Stat(path); err != nil || info.Size() == 0 {
		t.Fatalf("the store is not at %s: %v", path, err)
	}
}

// writeOneRow opens the store at location and writes a row, so that its
// file and side files exist; the store stays open until t ends.
func writeOneRow(t *testing.T, location string) {
	t.Helper()
	s, err := Open(location)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Update(context.Background(), func(tx engine.Tx) error {
		return tx.InsertVPC(engine.VPC{ID: "vpc-1", CIDR: "10.0.0.0/16"})
	}); err != nil {
		t.Fatal(err)
	}
}

func wantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s has mode %v, want %v", path, got, want)
	}
}

func TestConnectionSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engine.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", dsn(path, options{synchronous: SynchronousNormal}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]string{
		"journal_mode": "wal",
		"foreign_keys": "1",
		"busy_timeout": "10000",
		"synchronous":  "1", // NORMAL
	}
	for pragma, value := range want {
		var got string
		if err := db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
		if got != value {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, value)
		}
	}
}

func TestSynchronousOption(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "full.db"), WithSynchronous(SynchronousFull))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(filepath.Join(dir, "bad.db"), WithSynchronous("SOMETIMES")); err == nil {
		t.Error("an unknown synchronous mode was accepted")
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engine.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	newer := sqlstore.LatestSchemaVersion() + 1
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE schema_version SET version = ?`, newer); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := fileDigest(t, path)

	_, err = Open(path)
	if !errors.Is(err, sqlstore.ErrSchemaTooNew) {
		t.Fatalf("Open of a newer store: %v, want ErrSchemaTooNew", err)
	}
	want := fmt.Sprintf("store at %s was written by schema version %d; this provider knows up to version %d; upgrade the provider",
		path, newer, sqlstore.LatestSchemaVersion())
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q\ndoes not say %q", err, want)
	}
	if fileDigest(t, path) != before {
		t.Error("refusing a newer store changed its file")
	}
}

func fileDigest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestUnusableLocationIsAnError(t *testing.T) {
	dir := t.TempDir()
	notADir := filepath.Join(dir, "file")
	if err := os.WriteFile(notADir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(notADir, "sub", "engine.db")
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(notADir, "sub")) {
		t.Errorf("Open under a regular file: %v, want an error naming the directory", err)
	}
}

func TestReadOnlyDirectoryIsAnError(t *testing.T) {
	if rerunAsUnprivileged(t) {
		return
	}
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.Chmod(dir, 0o700); err != nil {
			t.Error(err)
		}
	})
	path := filepath.Join(dir, "engine.db")
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Open in a read-only directory: %v, want an error naming %s", err, path)
	}
	t.Log(err)
}

func TestExistingStoreInReadOnlyPlacesIsAnError(t *testing.T) {
	if rerunAsUnprivileged(t) {
		return
	}
	dir := filepath.Join(t.TempDir(), "store")
	path := filepath.Join(dir, "engine.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// openWhileReadOnly opens the store while target has mode, then gives
	// target back its mode was.
	openWhileReadOnly := func(t *testing.T, target string, mode, was os.FileMode) {
		if err := os.Chmod(target, mode); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := os.Chmod(target, was); err != nil {
				t.Error(err)
			}
		}()
		_, err := Open(path)
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("Open: %v, want an error naming %s", err, path)
		}
		t.Log(err)
	}
	t.Run("read-only directory", func(t *testing.T) {
		// SQLite cannot create the write-ahead log next to the file.
		openWhileReadOnly(t, dir, 0o500, 0o700)
	})
	t.Run("read-only file", func(t *testing.T) { openWhileReadOnly(t, path, 0o400, 0o600) })
}

// rerunAsUnprivileged runs the calling test again in a process of user
// nobody when the tests run as root, who ignores file permissions, and
// reports whether it did.
func rerunAsUnprivileged(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Skip("running as root and there is no user nobody to drop to")
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	gid, _ := strconv.Atoi(nobody.Gid)
	// The test binary and a temporary directory, where nobody can reach them.
	dir := t.TempDir()
	for d := dir; d != filepath.Dir(d) && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	binary := filepath.Join(dir, "store.test")
	if err := copyFile(os.Args[0], binary, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o777); err != nil || os.Chmod(tmp, 0o777) != nil {
		t.Fatal("make a temporary directory for user nobody:", err)
	}
	cmd := exec.Command(binary, "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Dir = tmp
	// Coverage data would go where nobody cannot write.
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "GOCOVERDIR=") }),
		"TMPDIR="+tmp, "HOME="+tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Skipf("cannot start the test as user nobody: %v", err)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("%s as user nobody: %v\n%s", t.Name(), err, out)
	}
	return true
}

func copyFile(from, to string, mode os.FileMode) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, mode)
}

// TestWritersInSeveralProcesses runs read-modify-write transactions from
// several processes on one file: every increment must land, none may fail.
func TestWritersInSeveralProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const processes, rounds = 3, 20
	path := filepath.Join(t.TempDir(), "engine.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Update(context.Background(), func(tx engine.Tx) error {
		return tx.InsertVPC(engine.VPC{ID: "counter", CIDR: "10.0.0.0/16", Description: "0"})
	}); err != nil {
		t.Fatal(err)
	}
	cmds := make([]*exec.Cmd, processes)
	for i := range cmds {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriterProcess$")
		cmd.Env = append(os.Environ(), "ENI_TEST_WRITER_STORE="+path, "ENI_TEST_WRITER_ROUNDS="+strconv.Itoa(rounds))
		cmds[i] = cmd
	}
	outputs := make([][]byte, processes)
	errs := make(chan error, processes)
	for i, cmd := range cmds {
		go func() {
			var err error
			outputs[i], err = cmd.CombinedOutput()
			errs <- err
		}()
	}
	for range cmds {
		if err := <-errs; err != nil {
			t.Errorf("writer process failed: %v", err)
		}
	}
	if t.Failed() {
		for i, out := range outputs {
			t.Logf("process %d:\n%s", i, out)
		}
	}
	if err := s.View(context.Background(), func(tx engine.Tx) error {
		v, err := tx.GetVPC("counter")
		if err == nil && v.Description != strconv.Itoa(processes*rounds) {
			t.Errorf("counter = %s after %d increments", v.Description, processes*rounds)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestHelperWriterProcess is the body of one writer process started by
// TestWritersInSeveralProcesses; on its own it does nothing.
func TestHelperWriterProcess(t *testing.T) {
	path := os.Getenv("ENI_TEST_WRITER_STORE")
	if path == "" {
		t.Skip("only runs as a helper process")
	}
	rounds, err := strconv.Atoi(os.Getenv("ENI_TEST_WRITER_ROUNDS"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for range rounds {
		if err := s.Update(context.Background(), storetest.Increment); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRefusesWhatItDoesNotOwn: each database is left byte for byte as it
// was (not even switched to WAL), with a message that says what to do.
func TestRefusesWhatItDoesNotOwn(t *testing.T) {
	cases := []struct {
		name    string
		prepare []string
		want    string
	}{
		{"someone else's tables", []string{`CREATE TABLE customers (id INTEGER)`, `INSERT INTO customers VALUES (1)`},
			"already holds other tables or views (customers); point store at a new file"},
		{"our tables without a version", nil, "has the provider's tables but no schema_version table"},
		{"a negative version", []string{`UPDATE schema_version SET version = -1`}, "records schema version -1, which no provider writes"},
		{"version zero", []string{`DELETE FROM schema_version`}, "records schema version 0, which no provider writes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "engine.db")
			if c.prepare == nil || strings.Contains(c.prepare[0], "schema_version") {
				s, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				s.Close()
			}
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			stmts := c.prepare
			if stmts == nil {
				stmts = []string{`DROP TABLE schema_version`}
			}
			for _, stmt := range append(stmts, `PRAGMA journal_mode = DELETE`) {
				if _, err := db.Exec(stmt); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
			before := fileDigest(t, path)

			_, err = Open(path)
			if !errors.Is(err, sqlstore.ErrNotAStore) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Open: %v\nwant ErrNotAStore saying %q and naming %s", err, c.want, path)
			}
			if fileDigest(t, path) != before {
				t.Error("refusing the database changed its file")
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				t.Error("refusing the database left a write-ahead log beside it")
			}
		})
	}
}

// TestRefusesNonRegularFiles: a device would be opened, and as root a
// journal created beside it in /dev.
func TestRefusesNonRegularFiles(t *testing.T) {
	dir := t.TempDir()
	_, err := os.Stat("/dev/null-journal")
	journalBefore := err == nil
	for path, want := range map[string]string{
		"/dev/null": "is not a regular file",
		dir:         "is a directory; name a file in it, such as " + filepath.Join(dir, "engine.db"),
	} {
		_, err := Open(path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Open(%s): %v, want an error saying %q", path, err, want)
		}
	}
	if _, err := os.Stat("/dev/null-journal"); err == nil && !journalBefore {
		t.Error("Open of /dev/null created /dev/null-journal")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("Open of a directory created %v in it", entries)
	}
}

// TestFailedOpenRemovesWhatItCreated: a path too long for the file system
// used to leave every directory it made behind.
func TestFailedOpenRemovesWhatItCreated(t *testing.T) {
	root := t.TempDir()
	path := root
	for range 20 {
		path = filepath.Join(path, "d")
	}
	path = filepath.Join(path, strings.Repeat("x", 300)+".db")
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "point store at a shorter one") {
		t.Errorf("Open of a too-long name: %v, want advice to shorten it", err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("a failed open left %v behind", entries)
	}
}

func TestNotADatabaseSaysWhatToDo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	text := []byte(strings.Repeat("these are not the pages of a database\n", 200))
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "is not a SQLite database: point store at a new path, or move the file aside") {
		t.Errorf("Open of a text file: %v, want advice", err)
	}
	if b, _ := os.ReadFile(path); string(b) != string(text) {
		t.Error("Open changed the file")
	}
}

// TestRefusesForeignDatabasesUntouched: databases the store used to take
// for its own (a view alone got the engine's tables; a foreign
// schema_version of a known version was taken as a store and switched to
// WAL) are refused byte for byte as they were.
func TestRefusesForeignDatabasesUntouched(t *testing.T) {
	cases := []struct {
		name    string
		ours    bool // start from a current store
		prepare []string
		want    string
	}{
		{"a view alone", false, []string{`CREATE VIEW answers AS SELECT 42 AS answer`},
			"already holds other tables or views (answers)"},
		{"a foreign schema_version", false, []string{`CREATE TABLE schema_version (version INTEGER NOT NULL)`,
			`INSERT INTO schema_version VALUES (3)`, `CREATE TABLE notes (body TEXT)`},
			"has a schema_version table of version 3 but not the provider's tables (no vpcs, subnets, security_groups and"},
		{"another application's id", false, []string{`PRAGMA application_id = 1234`},
			"marked as another application's database (SQLite application_id 0x000004d2, not the ENI store's 0x454e4953)"},
		{"our tables under another application's id", true, []string{`PRAGMA application_id = 1234`},
			"marked as another application's database"},
		{"a text version", true, []string{`UPDATE schema_version SET version = 'x'`},
			"schema_version holds a text value 'x', not an integer version: this is not an ENI store, or it is damaged"},
		{"a real version", true, []string{`UPDATE schema_version SET version = 2.5`},
			"schema_version holds a real value 2.5, not an integer version"},
		{"a blob version", true, []string{`UPDATE schema_version SET version = x'0102'`},
			"schema_version holds a blob of 2 bytes, not an integer version"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "engine.db")
			if c.ours {
				s, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				s.Close()
			}
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			for _, stmt := range append(c.prepare, `PRAGMA journal_mode = DELETE`) {
				if _, err := db.Exec(stmt); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
			before := fileDigest(t, path)

			_, err = Open(path)
			if !errors.Is(err, sqlstore.ErrNotAStore) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Open: %v\nwant ErrNotAStore saying %q and naming %s", err, c.want, path)
			}
			if fileDigest(t, path) != before {
				t.Error("refusing the database changed its file")
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("refusing the database left %s beside it", suffix)
				}
			}
		})
	}
}

// TestStoresCarryTheMark: a new store is marked with ApplicationID, and a
// store made before the mark (application_id 0) is still opened, migrated
// and marked.
func TestStoresCarryTheMark(t *testing.T) {
	applicationID := func(t *testing.T, path string) uint32 {
		t.Helper()
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		header := make([]byte, 72)
		if _, err := io.ReadFull(f, header); err != nil {
			t.Fatal(err)
		}
		return binary.BigEndian.Uint32(header[68:72])
	}
	fresh := filepath.Join(t.TempDir(), "engine.db")
	s, err := Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if id := applicationID(t, fresh); id != ApplicationID {
		t.Errorf("a new store has application_id %#x, want %#x", id, ApplicationID)
	}

	for v := 1; v <= sqlstore.LatestSchemaVersion(); v++ {
		old := filepath.Join(t.TempDir(), "engine.db")
		db, err := sql.Open("sqlite", old)
		if err != nil {
			t.Fatal(err)
		}
		if err := sqlstore.CreateSchemaAt(context.Background(), db, v); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if id := applicationID(t, old); id != 0 {
			t.Fatalf("a store of version %d made as before the mark has application_id %#x", v, id)
		}
		s, err := Open(old)
		if err != nil {
			t.Fatalf("a store of version %d made before the mark: %v", v, err)
		}
		s.Close()
		if id := applicationID(t, old); id != ApplicationID {
			t.Errorf("a store of version %d made before the mark has application_id %#x after opening, want %#x", v, id, ApplicationID)
		}
	}
}

// TestClosingLeavesOneFile: the last store to close on a file checkpoints
// and removes engine.db-wal and engine.db-shm, so that engine.db copied
// alone holds every committed write; one closing while another still uses
// the file leaves that one working.
func TestClosingLeavesOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "engine.db")
	first, second := must(Open(path))(t), must(Open(path))(t)
	insertVPC := func(s *sqlstore.Store, id string) {
		t.Helper()
		if err := s.Update(ctx, func(tx engine.Tx) error {
			return tx.InsertVPC(engine.VPC{ID: id, CIDR: "10.0.0.0/16"})
		}); err != nil {
			t.Fatal(err)
		}
	}
	insertVPC(first, "vpc-1")
	insertVPC(second, "vpc-2")
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	insertVPC(second, "vpc-3")
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("closing one of two stores on a file removed the write-ahead log the other uses: %v", err)
	}
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("engine.db%s is left after the last store closed", suffix)
		}
	}

	copied := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(copied, must(os.ReadFile(path))(t), 0o600); err != nil {
		t.Fatal(err)
	}
	s := must(Open(copied))(t)
	defer s.Close()
	var ids []string
	if err := s.View(ctx, func(tx engine.Tx) error {
		for _, id := range []string{"vpc-1", "vpc-2", "vpc-3"} {
			if _, err := tx.GetVPC(id); err == nil {
				ids = append(ids, id)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 {
		t.Errorf("engine.db copied alone holds %v, want vpc-1, vpc-2 and vpc-3", ids)
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
