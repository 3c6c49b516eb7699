package reliability

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/postgres"
)

// The lifetime suite kills only the CLI (kill -9 of its PID, not of its
// process group) in the middle of an apply whose provider is waiting for
// the store's write lock, held by the test: the provider, orphaned, must
// be gone within providerGrace, though the lock is still held, and once the
// lock is free the store must be sound and the next apply must work.

// providerGrace is how long a provider may outlive its killed CLI.
const providerGrace = 10 * time.Second

// lifetimeNICs is how many interfaces the apply makes: enough that it is
// still running when the test takes the store's lock after the first one.
const lifetimeNICs = 60

func TestProviderLeavesWithItsCLI(t *testing.T) {
	requireSuite(t)
	t.Run(kindSQLite, func(t *testing.T) { testProviderLeaves(t, newStore(t, kindSQLite)) })
	t.Run(kindPostgres, func(t *testing.T) { testProviderLeaves(t, newStore(t, kindPostgres)) })
}

func testProviderLeaves(t *testing.T, st *testStore) {
	ctx := context.Background()
	vpc := must(st.eng.CreateVPC(ctx, engine.VPCInput{Name: "lifetime", CIDR: "10.40.0.0/16"}))(t)
	subnet := must(st.eng.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "lifetime", CIDR: "10.40.0.0/24",
		AvailabilityZone: "local-1a"}))(t)
	dir := filepath.Join(t.TempDir(), "work")
	writeConfig(t, dir, st.location, fmt.Sprintf(`resource "eni_network_interface" "nic" {
  count     = %d
  subnet_id = %q
  name      = "lifetime-${count.index}"
}
`, lifetimeNICs, subnet.ID))

	r := newRun(dir, st.env, "apply", "-auto-approve", "-input=false", "-json")
	if err := r.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Kill(); <-r.done })
	for nicsIn(t, st, subnet.ID) == 0 {
		if r.Exited() {
			t.Fatalf("the apply ended before it made an interface:\n%s", r)
		}
		time.Sleep(time.Millisecond)
	}
	lock := holdStoreWriteLock(t, st)
	time.Sleep(500 * time.Millisecond) // the provider's next writes now wait for the lock
	if r.Exited() {
		t.Fatalf("the apply ended before the test held the store's lock; raise lifetimeNICs:\n%s", r)
	}
	made := nicsIn(t, st, subnet.ID)
	providers := providersOf(t, r.cmd.Process.Pid)
	if len(providers) == 0 {
		t.Fatalf("the running apply (PID %d) has no provider process", r.cmd.Process.Pid)
	}
	t.Cleanup(func() { killSurvivors(providers) })

	if err := syscall.Kill(r.cmd.Process.Pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	<-r.done
	gone := awaitGone(providers, providerGrace)
	if alive := stillRunning(providers); len(alive) > 0 {
		t.Errorf("%d of %d provider processes still run %s after kill -9 of their CLI: %v", len(alive), len(providers),
			providerGrace, alive)
	} else {
		figure(t, "on %s, %d provider process(es) of an apply killed (kill -9 of the CLI only) while waiting for the store's write lock, "+
			"after %d of %d interfaces: gone %s after the kill, the lock still held", st.kind, len(providers), made, lifetimeNICs,
			seconds(gone.Sub(killed)))
	}

	lock.release()
	if err := st.eng.Check(ctx); err != nil {
		t.Errorf("engine check after the kill: %v", err)
	}
	if after := nicsIn(t, st, subnet.ID); after != made {
		t.Errorf("the store holds %d interfaces of the killed apply once the lock is free, want the %d it had made: "+
			"a request of the orphaned provider went on", after, made)
	}
	_ = os.Remove(filepath.Join(dir, ".terraform.tfstate.lock.info")) // a leftover note; see crash_test.go
	next := runCLI(t, dir, st.env, "apply", "-auto-approve", "-input=false", "-json")
	if next.exit != 0 {
		t.Fatalf("the apply after the kill failed:\n%s", next)
	}
	for _, leak := range leaks(next) {
		t.Errorf("the apply after the kill printed %q", leak)
	}
	if p := runCLI(t, dir, st.env, "plan", "-detailed-exitcode", "-input=false", "-no-color"); p.exit != 0 {
		t.Errorf("plan after the next apply exits %d, want 0 (no changes):\n%s", p.exit, p)
	}
}

// nicsIn counts the interfaces the configuration made in subnet.
func nicsIn(t *testing.T, st *testStore, subnet string) int {
	t.Helper()
	n := 0
	for _, nic := range must(st.eng.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{SubnetID: subnet}))(t) {
		if !nic.Primary {
			n++
		}
	}
	return n
}

// storeLock is the store's write lock, held by the test until release.
type storeLock struct {
	once    sync.Once
	release func()
}

// holdStoreWriteLock takes the lock every writer of st takes, on a
// connection of its own, and holds it until release or the test's end.
func holdStoreWriteLock(t *testing.T, st *testStore) *storeLock {
	t.Helper()
	var db *sql.DB
	switch st.kind {
	case kindSQLite:
		db = must(sql.Open("sqlite", "file:"+st.location+"?_txlock=immediate&_pragma=busy_timeout(30000)"))(t)
	case kindPostgres:
		u := must(url.Parse(st.location))(t) // without the password, which st.env gives the CLI
		if st.secret != "" {
			u.User = url.UserPassword(u.User.Username(), st.secret)
		}
		db = must(sql.Open("pgx", u.String()))(t)
	}
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err == nil && st.kind == kindPostgres {
		_, err = tx.Exec(`SELECT pg_advisory_xact_lock($1)`, postgres.WriteLockKey)
	}
	if err != nil {
		db.Close()
		t.Fatalf("take the store's write lock: %v", err)
	}
	l := &storeLock{}
	l.release = func() {
		l.once.Do(func() {
			_ = tx.Rollback()
			_ = db.Close()
		})
	}
	t.Cleanup(l.release)
	return l
}

// process is a provider process, known by its PID and its start time, so
// that a PID the kernel hands to another process is not taken for it.
type process struct {
	pid   int
	start string
}

func (p process) String() string { return strconv.Itoa(p.pid) }

// providersOf lists the provider processes the CLI of pid started: its
// children running the suite's provider binary.
func providersOf(t *testing.T, pid int) []process {
	t.Helper()
	binary := filepath.Join(suite.providerDir, "terraform-provider-eni")
	var found []process
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		f, ok := procStat(child)
		if !ok || f.ppid != pid {
			continue
		}
		if exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err == nil && exe == binary {
			found = append(found, process{pid: child, start: f.start})
		}
	}
	return found
}

type statFields struct {
	state string
	ppid  int
	start string // start time in clock ticks since boot
}

// procStat reads the fields of /proc/PID/stat the suite needs.
func procStat(pid int) (statFields, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return statFields{}, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return statFields{}, false
	}
	f := strings.Fields(string(b[i+1:])) // state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime
	if len(f) < 20 {
		return statFields{}, false
	}
	ppid, _ := strconv.Atoi(f[1])
	return statFields{state: f[0], ppid: ppid, start: f[19]}, true
}

// running reports whether p still runs: not exited, not a zombie, and
// not a new process under its PID.
func (p process) running() bool {
	f, ok := procStat(p.pid)
	return ok && f.start == p.start && f.state != "Z" && f.state != "X"
}

func stillRunning(ps []process) []process {
	var alive []process
	for _, p := range ps {
		if p.running() {
			alive = append(alive, p)
		}
	}
	return alive
}

// awaitGone waits up to limit for every process of ps to end and returns
// when the last one was seen gone.
func awaitGone(ps []process, limit time.Duration) time.Time {
	deadline := time.Now().Add(limit)
	for len(stillRunning(ps)) > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	return time.Now()
}

// killSurvivors ends the provider processes a failed test leaves behind.
func killSurvivors(ps []process) {
	for _, p := range stillRunning(ps) {
		_ = syscall.Kill(p.pid, syscall.SIGKILL)
	}
}
