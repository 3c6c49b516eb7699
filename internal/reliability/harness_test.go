package reliability

// The harness: it builds the provider once, serves it to the CLI through a
// dev_overrides configuration, runs CLI processes in their own process
// groups, and reads what they leave behind (JSON output, state files).
//
// Environment:
//
//	ENI_RELIABILITY=1              run the suite (otherwise every test skips, in CI too)
//	ENI_RELIABILITY_CLI            the CLI to drive (default bin/tofu of the repository; a
//	                               relative path is taken from the repository root)
//	ENI_RELIABILITY_PROVIDER       a provider binary to use instead of building one
//	ENI_TEST_POSTGRES_URL          the PostgreSQL server of the postgres variants
//	ENI_RELIABILITY_SEED           seed of the crash trials' random points (default: the clock)
//	ENI_RELIABILITY_CRASH_TRIALS   random-point crash trials on SQLite (default 20)
//	ENI_RELIABILITY_CRASH_TRIALS_POSTGRES   the same on PostgreSQL (default 4)
//	ENI_RELIABILITY_RACE_ROUNDS    races per store, started at once and staggered in turn (default 2)
//	ENI_RELIABILITY_SUMMARY        a file the figures are appended to
//	ENI_LOAD_NICS                  NICs of each of the load test's 16 applies (default 50)
//	ENI_LOAD_BENCH=1               run the load benchmark, TestLoadThroughput
//	ENI_LOAD_TABLE                 a file the load benchmark writes its table to
//
// With ENI_RELIABILITY=1, a missing CLI or PostgreSQL URL fails the tests
// when CI=true and skips them otherwise.

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/postgres"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

// suite is what TestMain prepares for every test.
var suite struct {
	root        string // the repository
	providerDir string // holds terraform-provider-eni; the dev_overrides target
	cliConfig   string // TF_CLI_CONFIG_FILE
	cli         string // the CLI binary
	cliLabel    string // the first line of its version output, e.g. "OpenTofu v1.x.y"
	cliMissing  string // why the CLI cannot be used, if it cannot
	setupErr    error
}

func TestMain(m *testing.M) {
	os.Exit(func() int {
		if os.Getenv("ENI_RELIABILITY") == "1" {
			cleanup, err := prepare()
			defer cleanup()
			suite.setupErr = err
		}
		return m.Run()
	}())
}

// prepare builds (or copies) the provider into a private directory, writes
// the CLI configuration that serves it, and finds the CLI.
func prepare() (cleanup func(), err error) {
	cleanup = func() {}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return cleanup, err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return cleanup, fmt.Errorf("repository root %s has no go.mod: %w", root, err)
	}
	suite.root = root
	dir, err := os.MkdirTemp("", "eni-reliability-")
	if err != nil {
		return cleanup, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	// The store-fault tests run the CLI as an unprivileged user, who must
	// reach the provider and the CLI configuration.
	if err := os.Chmod(dir, 0o755); err != nil {
		return cleanup, err
	}
	suite.providerDir = dir
	binary := filepath.Join(dir, "terraform-provider-eni")
	if prebuilt := os.Getenv("ENI_RELIABILITY_PROVIDER"); prebuilt != "" {
		if err := copyFile(prebuilt, binary, 0o755); err != nil {
			return cleanup, fmt.Errorf("ENI_RELIABILITY_PROVIDER: %w", err)
		}
	} else {
		build := exec.Command("go", "build", "-trimpath", "-o", binary, ".")
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			return cleanup, fmt.Errorf("build the provider: %v\n%s", err, out)
		}
	}
	suite.cliConfig = filepath.Join(dir, "cli.tfrc")
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/eni/eni" = %q
    "registry.opentofu.org/eni/eni" = %q
  }
  direct {}
}
`, dir, dir)
	if err := os.WriteFile(suite.cliConfig, []byte(cfg), 0o644); err != nil {
		return cleanup, err
	}
	findCLI()
	return cleanup, nil
}

func findCLI() {
	cli := os.Getenv("ENI_RELIABILITY_CLI")
	switch {
	case cli == "":
		cli = filepath.Join(suite.root, "bin", "tofu")
	case !strings.Contains(cli, "/"):
		if p, err := exec.LookPath(cli); err == nil {
			cli = p
		}
	case !filepath.IsAbs(cli):
		cli = filepath.Join(suite.root, cli)
	}
	suite.cli = cli
	out, err := exec.Command(cli, "version").Output()
	if err != nil {
		suite.cliMissing = fmt.Sprintf("CLI %s cannot run (%v); build it with `make tools` or set ENI_RELIABILITY_CLI", cli, err)
		return
	}
	suite.cliLabel = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

// requireSuite skips a test unless the suite is enabled, and fails or
// skips it (in CI or not) when the CLI is missing.
func requireSuite(t *testing.T) {
	t.Helper()
	if os.Getenv("ENI_RELIABILITY") != "1" {
		t.Skip("the reliability suite runs with ENI_RELIABILITY=1 (scripts/reliability.sh)")
	}
	if suite.setupErr != nil {
		t.Fatal(suite.setupErr)
	}
	if suite.cliMissing != "" {
		if inCI() {
			t.Fatal(suite.cliMissing)
		}
		t.Skip(suite.cliMissing)
	}
}

func inCI() bool { return os.Getenv("CI") == "true" }

// ---------------------------------------------------------------------------
// Stores

const (
	kindSQLite   = "sqlite"
	kindPostgres = "postgres"
)

// testStore is one test's region: the location the provider blocks name,
// the environment the CLI needs for it, and the test's own engine on it.
type testStore struct {
	kind     string
	location string   // the provider block's store
	env      []string // added to every CLI process (PGPASSWORD)
	secret   string   // the password, which no output may contain
	eng      *engine.Engine
}

func newStore(t *testing.T, kind string) *testStore {
	t.Helper()
	ctx := context.Background()
	st := &testStore{kind: kind}
	var (
		s   engine.Store
		err error
	)
	switch kind {
	case kindSQLite:
		st.location = filepath.Join(t.TempDir(), "engine.db")
		s, err = sqlite.Open(st.location)
	case kindPostgres:
		full := freshSchema(t)
		s, err = postgres.Open(ctx, full)
		// The provider blocks carry no password: the CLI's environment
		// does, as the team-mode guide recommends.
		u, _ := url.Parse(full)
		if p, ok := u.User.Password(); ok {
			st.secret = p
			st.env = append(st.env, "PGPASSWORD="+p)
			u.User = url.User(u.User.Username())
		}
		st.location = u.String()
	default:
		t.Fatalf("unknown store kind %q", kind)
	}
	if err != nil {
		t.Fatalf("open the %s store: %v", kind, err)
	}
	st.eng, err = engine.New(s, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.eng.Close() })
	return st
}

// postgresURL is ENI_TEST_POSTGRES_URL; without it the test fails in CI
// and skips elsewhere.
func postgresURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("ENI_TEST_POSTGRES_URL")
	if u == "" {
		msg := "ENI_TEST_POSTGRES_URL is not set (scripts/pg-start.sh starts a server and prints one)"
		if inCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return u
}

// freshSchema creates a schema of its own for one test, dropped when the
// test ends, and returns a URL whose search_path selects it.
func freshSchema(t *testing.T) string {
	t.Helper()
	base := postgresURL(t)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("eni_rel_%d_%06d", time.Now().Unix(), rand.IntN(1_000_000))
	if _, err := db.Exec(`CREATE SCHEMA ` + name); err != nil {
		db.Close()
		t.Fatalf("create a schema on %s: %v", postgres.Redact(base), err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec(`DROP SCHEMA IF EXISTS ` + name + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// ---------------------------------------------------------------------------
// Working directories and CLI processes

// writeConfig writes main.tf: the provider on store, then body.
func writeConfig(t *testing.T, dir, store, body string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	hcl := fmt.Sprintf(`terraform {
  required_providers {
    eni = { source = "eni/eni" }
  }
}

provider "eni" {
  store = %q
}

%s`, store, body)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(hcl), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cliRun is one CLI process, started in a process group of its own so that
// it and its provider plugin can be killed together.
type cliRun struct {
	dir    string
	args   []string
	cmd    *exec.Cmd
	stdout bytes.Buffer
	stderr bytes.Buffer
	start  time.Time
	dur    time.Duration
	exit   int
	done   chan struct{}
}

// newRun prepares the CLI with args in dir; extra adds to its environment.
func newRun(dir string, extra []string, args ...string) *cliRun {
	return newRunAs(nil, suite.cli, dir, extra, args...)
}

// newRunAs prepares cli with args in dir as the user cred names (nil: as
// the test itself).
func newRunAs(cred *syscall.Credential, cli, dir string, extra []string, args ...string) *cliRun {
	r := &cliRun{dir: dir, args: args, done: make(chan struct{})}
	r.cmd = exec.Command(cli, args...)
	r.cmd.Dir = dir
	r.cmd.Env = append(cliEnv(), extra...)
	r.cmd.Stdout = &r.stdout
	r.cmd.Stderr = &r.stderr
	r.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: cred}
	return r
}

// cliEnv is the parent environment without what would change how the CLI
// or the provider behaves, plus the dev_overrides configuration.
func cliEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || name == "ENI_STORE" || strings.HasPrefix(name, "PG") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TF_CLI_CONFIG_FILE="+suite.cliConfig, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1")
}

func (r *cliRun) Start() error {
	r.start = time.Now()
	if err := r.cmd.Start(); err != nil {
		return err
	}
	go func() {
		err := r.cmd.Wait()
		r.dur = time.Since(r.start)
		r.exit = 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			r.exit = exit.ExitCode() // -1 when killed by a signal
		} else if err != nil {
			r.exit = -2
		}
		close(r.done)
	}()
	return nil
}

// Kill sends SIGKILL to the run's whole process group: the CLI and the
// provider plugin it started.
func (r *cliRun) Kill() {
	_ = syscall.Kill(-r.cmd.Process.Pid, syscall.SIGKILL)
}

// Wait waits for the run to end, killing it after timeout.
func (r *cliRun) Wait(timeout time.Duration) (timedOut bool) {
	select {
	case <-r.done:
		return false
	case <-time.After(timeout):
		r.Kill()
		<-r.done
		return true
	}
}

func (r *cliRun) Exited() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

func (r *cliRun) String() string {
	return fmt.Sprintf("%s %s (in %s): exit %d after %s\n--- stdout\n%s--- stderr\n%s",
		filepath.Base(suite.cli), strings.Join(r.args, " "), r.dir, r.exit, r.dur.Round(time.Millisecond), r.stdout.String(), r.stderr.String())
}

// runCLI runs the CLI to the end (at most two minutes).
func runCLI(t *testing.T, dir string, extra []string, args ...string) *cliRun {
	t.Helper()
	return finish(t, newRun(dir, extra, args...))
}

// finish starts r and waits for it (at most two minutes).
func finish(t *testing.T, r *cliRun) *cliRun {
	t.Helper()
	args := r.args
	if err := r.Start(); err != nil {
		t.Fatalf("start %s: %v", suite.cli, err)
	}
	if r.Wait(2 * time.Minute) {
		t.Fatalf("%s %s did not finish in two minutes:\n%s", suite.cli, strings.Join(args, " "), r)
	}
	return r
}

// survivors lists the processes still alive (not zombies) in a process group.
func survivors(pgid int) []string {
	var alive []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:]) // state ppid pgrp ...
		if len(f) >= 3 && f[2] == strconv.Itoa(pgid) && f[0] != "Z" && f[0] != "X" {
			alive = append(alive, e.Name()+" "+s[:i+1])
		}
	}
	return alive
}

// ---------------------------------------------------------------------------
// JSON output

type event struct {
	Level      string      `json:"@level"`
	Message    string      `json:"@message"`
	Type       string      `json:"type"`
	Diagnostic *diagnostic `json:"diagnostic"`
	Hook       *struct {
		Resource struct {
			Addr string `json:"addr"`
		} `json:"resource"`
		Action  string `json:"action"`
		IDValue string `json:"id_value"`
	} `json:"hook"`
	Outputs map[string]struct {
		Value json.RawMessage `json:"value"`
	} `json:"outputs"`
	Changes *struct {
		Add, Change, Import, Remove int
		Operation                   string // "plan" or "apply"
	} `json:"changes"`
}

type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

// events parses the machine-readable lines of a -json run.
func events(out []byte) []event {
	var evs []event
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) == nil && ev.Type != "" {
			evs = append(evs, ev)
		}
	}
	return evs
}

// errorDiagnostics are the error diagnostics among evs.
func errorDiagnostics(evs []event) []diagnostic {
	var ds []diagnostic
	for _, ev := range evs {
		if ev.Type == "diagnostic" && ev.Diagnostic != nil && ev.Diagnostic.Severity == "error" {
			ds = append(ds, *ev.Diagnostic)
		}
	}
	return ds
}

var codePattern = regexp.MustCompile(`^\[([A-Za-z]+(?:\.[A-Za-z]+)*)\]`)

// codeOf is the engine code a diagnostic's detail starts with, or "".
func codeOf(d diagnostic) string {
	if m := codePattern.FindStringSubmatch(d.Detail); m != nil {
		return m[1]
	}
	return ""
}

// phaseOf says how far a -json apply got: "startup" (nothing planned yet),
// "plan", "apply" or "done".
func phaseOf(evs []event) string {
	phase := "startup"
	for _, ev := range evs {
		switch ev.Type {
		case "planned_change", "resource_drift", "refresh_start", "refresh_complete":
			if phase == "startup" {
				phase = "plan"
			}
		case "apply_start", "apply_progress", "apply_complete", "apply_errored":
			phase = "apply"
		case "change_summary":
			if ev.Changes != nil && ev.Changes.Operation == "apply" {
				phase = "done"
			}
		}
	}
	return phase
}

// Text no user may see: contention the store should have absorbed, and crashes.
var (
	contentionLeak = regexp.MustCompile(`(?i)database is locked|database table is locked|SQLITE_BUSY|SQLITE_LOCKED|` +
		`could not serialize|serialization failure|deadlock detected|SQLSTATE 40001|SQLSTATE 40P01|stayed busy`)
	crashSign = regexp.MustCompile(`(?m)^panic: |goroutine \d+ \[|plugin crashed|Stack trace from the|Plugin did not respond|` +
		`The plugin encountered an error`)
)

// leaks returns what a finished run printed that no user should see.
func leaks(r *cliRun) []string {
	var found []string
	for _, out := range [][]byte{r.stdout.Bytes(), r.stderr.Bytes()} {
		for _, re := range []*regexp.Regexp{contentionLeak, crashSign} {
			for _, m := range re.FindAll(out, -1) {
				found = append(found, string(m))
			}
		}
	}
	return found
}

// checkOutput reports what a finished apply (who) printed that no user
// should see, the store's password among it, and an exit status that does
// not match its errorCount error diagnostics.
func checkOutput(bad *violations, who string, r *cliRun, st *testStore, errorCount int) {
	bad.t.Helper()
	for _, leak := range leaks(r) {
		bad.add("%s printed %q:\n%s", who, leak, r)
	}
	if st.secret != "" && strings.Contains(r.stdout.String()+r.stderr.String(), st.secret) {
		bad.add("%s printed the store's password", who)
	}
	if want := map[bool]int{true: 1, false: 0}[errorCount > 0]; r.exit != want {
		bad.add("%s exited %d with %d error diagnostics:\n%s", who, r.exit, errorCount, r)
	}
}

// ---------------------------------------------------------------------------
// State files

// stateIDs reads a working directory's terraform.tfstate and returns the ID
// of every managed resource instance by address. status is "absent",
// "empty", "ok" or "unreadable" (a torn write).
func stateIDs(path string) (ids map[string]string, status string) {
	ids = map[string]string{}
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return ids, "absent"
	case err != nil:
		return ids, "unreadable"
	case len(bytes.TrimSpace(b)) == 0:
		return ids, "empty"
	}
	var st struct {
		Resources []struct {
			Mode      string `json:"mode"`
			Type      string `json:"type"`
			Name      string `json:"name"`
			Instances []struct {
				IndexKey   any            `json:"index_key"`
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return ids, "unreadable"
	}
	for _, r := range st.Resources {
		if r.Mode != "managed" {
			continue
		}
		for _, in := range r.Instances {
			addr := r.Type + "." + r.Name
			switch k := in.IndexKey.(type) {
			case float64:
				addr += fmt.Sprintf("[%d]", int(k))
			case string:
				addr += fmt.Sprintf("[%q]", k)
			}
			id, _ := in.Attributes["id"].(string)
			ids[addr] = id
		}
	}
	return ids, "ok"
}

// ---------------------------------------------------------------------------
// Figures

var summaryMu sync.Mutex

// figure logs one line of the report and appends it to
// ENI_RELIABILITY_SUMMARY when that is set.
func figure(t *testing.T, format string, args ...any) {
	t.Helper()
	line := fmt.Sprintf(format, args...)
	t.Log(line)
	path := os.Getenv("ENI_RELIABILITY_SUMMARY")
	if path == "" {
		return
	}
	summaryMu.Lock()
	defer summaryMu.Unlock()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		t.Errorf("summary file: %v", err)
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "[%s] %s: %s\n", suite.cliLabel, t.Name(), line)
}

// violations collects broken invariants; the test fails on the first
// report of each and the count goes into the figures.
type violations struct {
	t *testing.T
	n int
}

func (v *violations) add(format string, args ...any) {
	v.t.Helper()
	v.n++
	v.t.Errorf("invariant violated: "+format, args...)
}

// ---------------------------------------------------------------------------
// Small helpers

func copyFile(from, to string, mode os.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v >= 0 {
		return v
	}
	return def
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.1fs", d.Seconds()) }

// must(f())(t) is f's value, or fails the test with f's error.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
