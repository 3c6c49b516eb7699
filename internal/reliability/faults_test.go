package reliability

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/store/postgres"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore"
)

// The store faults, seen through the CLI: each must end the run with one
// error diagnostic on the provider's store that says what is wrong, and
// never with a panic, a plugin crash or a password.

// faultConfig needs the provider configured, hence its store opened.
const faultConfig = `data "eni_availability_zones" "all" {}

output "zones" {
  value = data.eni_availability_zones.all.names
}
`

const storeSummary = "Cannot open the ENI engine's store"

func TestStoreFaults(t *testing.T) {
	requireSuite(t)
	start := time.Now()
	var passed, failed []string
	run := func(name string, f func(t *testing.T)) {
		if t.Run(name, f) {
			passed = append(passed, name)
		} else {
			failed = append(failed, name)
		}
	}
	note := func(t *testing.T, detail string) { t.Logf("diagnostic: %s", detail) }
	latest := sqlstore.LatestSchemaVersion()
	tooNew := fmt.Sprintf("was written by schema version %d; this provider knows up to version %d; upgrade the provider", latest+1, latest)

	run("newer schema/sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "engine.db")
		s := must(sqlite.Open(path))(t)
		s.Close()
		bumpSchema(t, "sqlite", path, latest+1)
		dir := filepath.Join(t.TempDir(), "ws")
		writeConfig(t, dir, path, faultConfig)
		r := runCLI(t, dir, nil, "apply", "-auto-approve", "-input=false", "-json")
		note(t, wantStoreDiagnostic(t, r, "store at "+path, tooNew))
		if v := schemaOf(t, "sqlite", path); v != latest+1 {
			t.Errorf("refusing the store changed its schema version to %d", v)
		}
	})

	run("newer schema/postgres", func(t *testing.T) {
		full := freshSchema(t)
		s := must(postgres.Open(context.Background(), full))(t)
		s.Close()
		bumpSchema(t, "pgx", full, latest+1)
		u, _ := url.Parse(full)
		password, _ := u.User.Password()
		u.User = url.User(u.User.Username())
		dir := filepath.Join(t.TempDir(), "ws")
		writeConfig(t, dir, u.String(), faultConfig)
		r := runCLI(t, dir, []string{"PGPASSWORD=" + password}, "apply", "-auto-approve", "-input=false", "-json")
		note(t, wantStoreDiagnostic(t, r, tooNew))
		if v := schemaOf(t, "pgx", full); v != latest+1 {
			t.Errorf("refusing the store changed its schema version to %d", v)
		}
	})

	// Read-only places: root ignores permissions, so as root the CLI (and
	// with it the provider) runs as user nobody.
	run("read-only directory", func(t *testing.T) {
		u := unprivileged(t)
		ro := filepath.Join(u.root, "store")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(ro, "engine.db")
		r := u.run(t, path)
		note(t, wantStoreDiagnostic(t, r, path, "permission denied"))
	})

	run("read-only directory holding the store", func(t *testing.T) {
		u := unprivileged(t)
		ro := filepath.Join(u.root, "store")
		if err := os.Mkdir(ro, 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(ro, "engine.db")
		s := must(sqlite.Open(path))(t)
		s.Close()
		u.own(t, path)
		if err := os.Chmod(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		// SQLite must create the -wal and -shm files beside the store.
		r := u.run(t, path)
		note(t, wantStoreDiagnostic(t, r, path, "create files in "+ro))
	})

	run("read-only store file", func(t *testing.T) {
		u := unprivileged(t)
		path := filepath.Join(u.root, "engine.db")
		s := must(sqlite.Open(path))(t)
		s.Close()
		u.own(t, path)
		if err := os.Chmod(path, 0o400); err != nil {
			t.Fatal(err)
		}
		r := u.run(t, path)
		note(t, wantStoreDiagnostic(t, r, path))
	})

	run("directory cannot be created", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "a-file")
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(file, "eni", "engine.db")
		dir := filepath.Join(t.TempDir(), "ws")
		writeConfig(t, dir, path, faultConfig)
		r := runCLI(t, dir, nil, "apply", "-auto-approve", "-input=false", "-json")
		note(t, wantStoreDiagnostic(t, r, filepath.Dir(path), "not a directory"))
	})

	run("missing directory is created", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "new", "eni", "engine.db")
		dir := filepath.Join(t.TempDir(), "ws")
		writeConfig(t, dir, path, faultConfig)
		r := runCLI(t, dir, nil, "apply", "-auto-approve", "-input=false", "-json")
		if r.exit != 0 {
			t.Fatalf("apply on a store in a missing directory:\n%s", r)
		}
		for p, want := range map[string]os.FileMode{filepath.Dir(path): 0o700, path: 0o600} {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
				t.Errorf("%s: %v, want mode %o", p, fi.Mode().Perm(), want)
			}
		}
	})

	run("postgres unreachable", func(t *testing.T) {
		const secret = "S3cret-Pa55word"
		store := "postgres://eni:" + secret + "@127.0.0.1:1/teamstore?sslmode=disable&connect_timeout=5"
		dir := filepath.Join(t.TempDir(), "ws")
		writeConfig(t, dir, store, faultConfig)
		r := runCLI(t, dir, nil, "apply", "-auto-approve", "-input=false", "-json")
		detail := wantStoreDiagnostic(t, r, "host 127.0.0.1", "port 1", "database teamstore")
		note(t, detail)
		if strings.Contains(detail, secret) {
			t.Errorf("the diagnostic repeats the password: %s", detail)
		}
		// What a person or a CI log sees: the human-readable run, its
		// state file and a trace log.
		r = runCLI(t, dir, []string{"TF_LOG=trace", "TF_LOG_PATH=" + filepath.Join(dir, "trace.log")},
			"apply", "-auto-approve", "-input=false", "-no-color")
		if r.exit != 1 || !strings.Contains(r.stderr.String(), "127.0.0.1") {
			t.Errorf("the human-readable run does not name the server:\n%s", r)
		}
		if i := strings.Index(r.stdout.String()+r.stderr.String(), secret); i >= 0 {
			t.Errorf("the CLI's output repeats the password. The provider reports the failure on the store "+
				"attribute, so the CLI quotes that line of the configuration, password included; reported without an "+
				"attribute path (resp.Diagnostics.AddError in the provider's Configure) the CLI quotes only `provider \"eni\" {`.\n%s", r)
		}
		if fi, err := os.Stat(filepath.Join(dir, "trace.log")); err != nil || fi.Size() == 0 {
			t.Errorf("no trace log was written: %v", err)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.IsDir() || e.Name() == "main.tf" {
				continue
			}
			b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			if i := strings.Index(string(b), secret); i >= 0 {
				lo, hi := max(0, i-300), min(len(b), i+100)
				t.Errorf("%s repeats the password: ...%s...", e.Name(), b[lo:hi])
			}
		}
	})

	figure(t, "%d store-fault cases through the CLI in %s; as expected (a diagnostic on the store, no panic, no password): %d (%s); failing: %d (%s)",
		len(passed)+len(failed), seconds(time.Since(start)), len(passed), strings.Join(passed, ", "), len(failed), strings.Join(failed, ", "))
}

// wantStoreDiagnostic checks that r failed with the store diagnostic and
// that its detail says each of parts; it returns the detail.
func wantStoreDiagnostic(t *testing.T, r *cliRun, parts ...string) string {
	t.Helper()
	for _, leak := range leaks(r) {
		t.Errorf("the run printed %q", leak)
	}
	if r.exit != 1 {
		t.Errorf("exit %d, want 1", r.exit)
	}
	var detail string
	for _, d := range errorDiagnostics(events(r.stdout.Bytes())) {
		if d.Summary == storeSummary {
			detail = d.Detail
			continue
		}
		t.Errorf("unexpected error diagnostic %q: %s", d.Summary, d.Detail)
	}
	if detail == "" {
		t.Fatalf("no %q diagnostic:\n%s", storeSummary, r)
	}
	for _, p := range parts {
		if !strings.Contains(detail, p) {
			t.Errorf("the diagnostic does not say %q:\n%s", p, detail)
		}
	}
	return detail
}

func bumpSchema(t *testing.T, driver, dsn string, version int) {
	t.Helper()
	db := must(sql.Open(driver, dsn))(t)
	defer db.Close()
	if _, err := db.Exec(`UPDATE schema_version SET version = ` + strconv.Itoa(version)); err != nil {
		t.Fatal(err)
	}
}

func schemaOf(t *testing.T, driver, dsn string) int {
	t.Helper()
	db := must(sql.Open(driver, dsn))(t)
	defer db.Close()
	var v int
	if err := db.QueryRow(`SELECT version FROM schema_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// unprivilegedRun runs the CLI where file permissions apply: as user
// nobody when the tests run as root, else as the test's own user.
type unprivilegedRun struct {
	root string // a directory the user can reach, owned by root
	cred *syscall.Credential
	cli  string
}

var nobodyCLI struct {
	sync.Once
	path string
	err  error
}

func unprivileged(t *testing.T) *unprivilegedRun {
	t.Helper()
	u := &unprivilegedRun{root: t.TempDir(), cli: suite.cli}
	if os.Geteuid() != 0 {
		return u
	}
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Skip("running as root and there is no user nobody to run the CLI as")
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	gid, _ := strconv.Atoi(nobody.Gid)
	u.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	for d := u.root; d != filepath.Dir(d) && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The CLI must be reachable by nobody; if its directory is not (a
	// checkout under a private home), use a copy.
	nobodyCLI.Do(func() {
		probe := exec.Command(suite.cli, "version")
		probe.SysProcAttr = &syscall.SysProcAttr{Credential: u.cred}
		probe.Dir = os.TempDir()
		if probe.Run() == nil {
			nobodyCLI.path = suite.cli
			return
		}
		nobodyCLI.path = filepath.Join(suite.providerDir, filepath.Base(suite.cli))
		nobodyCLI.err = copyFile(suite.cli, nobodyCLI.path, 0o755)
	})
	if nobodyCLI.err != nil {
		t.Fatal(nobodyCLI.err)
	}
	u.cli = nobodyCLI.path
	return u
}

// own gives path to the user the CLI runs as.
func (u *unprivilegedRun) own(t *testing.T, path string) {
	t.Helper()
	if u.cred == nil {
		return
	}
	if err := os.Chown(path, int(u.cred.Uid), int(u.cred.Gid)); err != nil {
		t.Fatal(err)
	}
}

// run applies faultConfig on store from a working directory of the user's.
func (u *unprivilegedRun) run(t *testing.T, store string) *cliRun {
	t.Helper()
	dir := filepath.Join(u.root, "ws")
	writeConfig(t, dir, store, faultConfig)
	u.own(t, dir)
	return finish(t, newRunAs(u.cred, u.cli, dir, []string{"HOME=" + dir, "TMPDIR=" + dir},
		"apply", "-auto-approve", "-input=false", "-json"))
}
