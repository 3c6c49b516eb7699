package reliability

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/postgres"
)

// The failover test: a primary and its synchronous streaming standby on
// loopback, one store string naming both with target_session_attrs=
// read-write, and an apply of 100 NICs (one engine call per NIC, from as
// many workers as Terraform runs at once) during which the primary dies
// and the standby is promoted. It needs PostgreSQL's programs, not a CLI.

const (
	failoverNICs = 100
	// failoverAfter is how many NICs the first run creates before the
	// primary dies.
	failoverAfter = 30
	// failoverWorkers is Terraform's default parallelism: the provider
	// queues them for its connections.
	failoverWorkers = 10
	// failoverPace is the time each worker spends between calls, as
	// Terraform does on each resource, so that the primary dies with
	// most of the apply still to come.
	failoverPace = 200 * time.Millisecond
)

// TestFailover kills the primary mid-apply and promotes the standby, in
// time for the store to reconnect (the apply completes) and too late (the
// calls cut off fail). A failed call must give a store error that names
// both servers, never a rule's code, a panic or the password; every NIC
// reported created must be on the promoted server (the standby was
// synchronous); the next run must converge to exactly one NIC per name,
// with no address held twice and the invariants holding.
func TestFailover(t *testing.T) {
	bindir := requirePostgresPrograms(t)
	t.Run("promoted in time", func(t *testing.T) {
		testFailover(t, bindir, func(t *testing.T, pair *replicatedPair, apply *nicApply) {
			pair.promoteStandby(t)
			if !apply.wait(postgres.ReconnectWait + 30*time.Second) {
				t.Fatalf("the first run did not end within %s of the failover", postgres.ReconnectWait+30*time.Second)
			}
		}, func(t *testing.T, failed []nicResult) {
			// The store runs again what the failover cut off before its
			// commit; only a commit cut off may fail, as it may have
			// been saved.
			for _, r := range failed {
				if !strings.Contains(r.err.Error(), "may or may not have been saved") {
					t.Errorf("%s: the store did not reconnect to the promoted standby: %v", r.name, r.err)
				}
			}
		})
	})
	t.Run("promoted too late", func(t *testing.T) {
		testFailover(t, bindir, func(t *testing.T, pair *replicatedPair, apply *nicApply) {
			if !apply.wait(postgres.ReconnectWait + 30*time.Second) {
				t.Fatalf("with no server to take writes, the first run did not end within %s", postgres.ReconnectWait+30*time.Second)
			}
			pair.promoteStandby(t)
		}, func(t *testing.T, failed []nicResult) {
			if len(failed) == 0 {
				t.Errorf("with no server to take writes for %s, every call succeeded", postgres.ReconnectWait)
			}
		})
	})
}

// testFailover starts a pair, runs the first apply, stops the primary once
// it has created failoverAfter NICs, lets failover promote the standby and
// wait for the apply, judges the failures with judge, then runs the next
// apply and checks the region.
func testFailover(t *testing.T, bindir string, failover func(*testing.T, *replicatedPair, *nicApply), judge func(*testing.T, []nicResult)) {
	began := time.Now()
	pair := startReplicatedPair(t)
	t.Logf("primary %s, standby %s, PostgreSQL programs in %s", pair.primaryHost, pair.standbyHost, bindir)

	first := openEngine(t, pair.url)
	ctx := context.Background()
	vpc := must(first.CreateVPC(ctx, engine.VPCInput{Name: "failover", CIDR: "10.80.0.0/16"}))(t)
	subnet := must(first.CreateSubnet(ctx, engine.SubnetInput{
		VPCID: vpc.ID, Name: "failover", CIDR: "10.80.1.0/24", AvailabilityZone: "local-1a"}))(t)

	apply := startNICApply(first, subnet.ID)
	select {
	case <-apply.reached:
	case <-time.After(60 * time.Second):
		t.Fatalf("the first run created only %d NICs in a minute", apply.created.Load())
	}
	stopped := time.Now()
	pair.stopPrimary(t)
	createdBefore := apply.created.Load()
	if createdBefore > failoverNICs-failoverWorkers {
		t.Fatalf("the primary stopped only after %d of %d NICs were created, not in the middle of the apply", createdBefore, failoverNICs)
	}
	failover(t, pair, apply)
	firstEnded := time.Since(stopped)
	first.Close()

	reported, failed := apply.outcome(t, pair)
	judge(t, failed)
	// The next run is a new provider process: a new store on the same string.
	next := openEngine(t, pair.url)
	present := nicsByName(t, next, subnet.ID)
	inDoubt := 0
	for _, r := range failed {
		if len(present[r.name]) > 0 {
			inDoubt++ // committed on the standby while its client lost the primary
		}
	}
	recreated := createMissingNICs(t, next, subnet.ID, present)

	bad := &violations{t: t}
	present = nicsByName(t, next, subnet.ID)
	for _, r := range reported {
		got := present[r.name]
		if len(got) != 1 || got[0].ID != r.nic.ID || got[0].PrivateIP != r.nic.PrivateIP {
			bad.add("%s was reported created as %s (%s) but the promoted server holds %v", r.name, r.nic.ID, r.nic.PrivateIP, got)
		}
	}
	for i := range failoverNICs {
		if n := len(present[nicName(i)]); n != 1 {
			bad.add("%s exists %d times after the next run, want once", nicName(i), n)
		}
	}
	checkAddressesUnique(t, bad, next, subnet.ID)
	if err := next.Check(ctx); err != nil {
		bad.add("Engine.Check after the failover: %v", err)
	}
	pair.checkServing(t)

	figure(t, "%d NICs, %d workers; primary stopped with %d created; first run ended %s after: %d created, "+
		"%d failed (%d of them committed all the same), slowest call %s; next run created %d; violations %d; %s in all",
		failoverNICs, failoverWorkers, createdBefore, seconds(firstEnded), len(reported), len(failed), inDoubt,
		seconds(apply.slowest()), recreated, bad.n, seconds(time.Since(began)))
}

// requirePostgresPrograms skips the test unless the suite is enabled, and
// fails it in CI (skips it elsewhere) when PostgreSQL's programs are
// missing. It returns their directory, found as the scripts find it.
func requirePostgresPrograms(t *testing.T) string {
	t.Helper()
	if os.Getenv("ENI_RELIABILITY") != "1" {
		t.Skip("the reliability suite runs with ENI_RELIABILITY=1 (scripts/reliability.sh)")
	}
	if suite.setupErr != nil {
		t.Fatal(suite.setupErr)
	}
	find := exec.Command("sh", "-c", `. scripts/pg-common.sh && pg_bindir`)
	find.Dir = suite.root
	out, err := find.CombinedOutput()
	bindir := strings.TrimSpace(string(out))
	missing := ""
	switch {
	case err != nil:
		missing = bindir
	default:
		for _, p := range []string{"initdb", "pg_ctl", "pg_basebackup", "psql"} {
			if _, err := os.Stat(filepath.Join(bindir, p)); err != nil {
				missing = fmt.Sprintf("%s has no %s; install PostgreSQL (apt-get install postgresql) or set PG_BINDIR", bindir, p)
				break
			}
		}
	}
	if missing != "" {
		if inCI() {
			t.Fatal("the failover test needs PostgreSQL's programs: " + missing)
		}
		t.Skip("the failover test needs PostgreSQL's programs: " + missing)
	}
	return bindir
}

// replicatedPair is a primary and its synchronous standby, started by the
// project's scripts in directories of their own.
type replicatedPair struct {
	dir                      string
	primaryHost, standbyHost string // 127.0.0.1:port
	password                 string
	url                      string // names both, target_session_attrs=read-write
	standbyURL               string
}

func startReplicatedPair(t *testing.T) *replicatedPair {
	t.Helper()
	dir, err := os.MkdirTemp("", "eni-failover-")
	if err != nil {
		t.Fatal(err)
	}
	// The servers run as user postgres when the test runs as root.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := &replicatedPair{dir: dir, password: "fo-" + randomHex(8)}
	t.Cleanup(func() {
		for _, d := range []string{"standby", "primary"} {
			if out, err := p.script("pg-stop.sh", filepath.Join(dir, d), "--purge"); err != nil {
				t.Errorf("stop the %s: %v\n%s", d, err, out)
			}
		}
		os.RemoveAll(dir)
	})
	primaryURL := p.mustScript(t, "pg-start.sh", filepath.Join(dir, "primary"))
	p.standbyURL = p.mustScript(t, "pg-standby.sh", filepath.Join(dir, "primary"), filepath.Join(dir, "standby"))
	p.primaryHost = hostOf(t, primaryURL)
	p.standbyHost = hostOf(t, p.standbyURL)
	p.url = fmt.Sprintf("postgres://postgres:%s@%s,%s/postgres?sslmode=disable&target_session_attrs=read-write&connect_timeout=5",
		p.password, p.primaryHost, p.standbyHost)
	return p
}

// script runs one of the repository's scripts with the pair's password.
func (p *replicatedPair) script(name string, args ...string) (string, error) {
	cmd := exec.Command(filepath.Join(suite.root, "scripts", name), args...)
	cmd.Env = append(os.Environ(), "PG_PASSWORD="+p.password)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return stderr.String(), err
	}
	return strings.TrimSpace(string(out)), nil
}

func (p *replicatedPair) mustScript(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := p.script(name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// stopPrimary stops the primary as a crash would.
func (p *replicatedPair) stopPrimary(t *testing.T) {
	t.Helper()
	p.mustScript(t, "pg-stop.sh", filepath.Join(p.dir, "primary"), "--immediate")
}

func (p *replicatedPair) promoteStandby(t *testing.T) {
	t.Helper()
	p.mustScript(t, "pg-standby.sh", "--promote", filepath.Join(p.dir, "standby"))
}

// checkServing checks that the old standby now takes writes on its own.
func (p *replicatedPair) checkServing(t *testing.T) {
	t.Helper()
	db, err := sql.Open("pgx", p.standbyURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var recovering bool
	if err := db.QueryRow(`SELECT pg_is_in_recovery()`).Scan(&recovering); err != nil || recovering {
		t.Errorf("the promoted standby %s: in recovery %v, %v", p.standbyHost, recovering, err)
	}
}

func hostOf(t *testing.T, url string) string {
	t.Helper()
	_, rest, _ := strings.Cut(url, "@")
	host, _, _ := strings.Cut(rest, "/")
	if host == "" {
		t.Fatalf("no host in %s", postgres.Redact(url))
	}
	return host
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func openEngine(t *testing.T, url string) *engine.Engine {
	t.Helper()
	s, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	eng, err := engine.New(s, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

func nicName(i int) string { return fmt.Sprintf("nic-%03d", i) }

// nicApply creates failoverNICs NICs, one engine call each, from
// failoverWorkers goroutines, as a provider serving an apply would.
type nicApply struct {
	created atomic.Int64
	reached chan struct{} // closed once failoverAfter NICs are created
	results []nicResult
	done    chan struct{}
}

type nicResult struct {
	name    string
	nic     engine.NetworkInterface
	err     error
	elapsed time.Duration
}

func startNICApply(eng *engine.Engine, subnet string) *nicApply {
	a := &nicApply{reached: make(chan struct{}), results: make([]nicResult, failoverNICs), done: make(chan struct{})}
	var next atomic.Int64
	var once sync.Once
	var wg sync.WaitGroup
	for range failoverWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < failoverNICs; i = int(next.Add(1) - 1) {
				time.Sleep(failoverPace)
				start := time.Now()
				n, err := eng.CreateNetworkInterface(context.Background(), engine.NetworkInterfaceInput{SubnetID: subnet, Name: nicName(i)})
				a.results[i] = nicResult{name: nicName(i), nic: n, err: err, elapsed: time.Since(start)}
				if err == nil && a.created.Add(1) == failoverAfter {
					once.Do(func() { close(a.reached) })
				}
			}
		}()
	}
	go func() { wg.Wait(); close(a.done) }()
	return a
}

// slowest is the longest any call of the run took.
func (a *nicApply) slowest() time.Duration {
	var d time.Duration
	for _, r := range a.results {
		d = max(d, r.elapsed)
	}
	return d
}

func (a *nicApply) wait(limit time.Duration) bool {
	select {
	case <-a.done:
		return true
	case <-time.After(limit):
		return false
	}
}

// outcome splits the run's results into NICs reported created and calls
// that failed, and judges each failure: a store error naming both servers,
// not a rule's refusal, never the password.
func (a *nicApply) outcome(t *testing.T, p *replicatedPair) (reported, failed []nicResult) {
	t.Helper()
	kinds := map[string]int{}
	for _, r := range a.results {
		if r.err == nil {
			reported = append(reported, r)
			continue
		}
		failed = append(failed, r)
		msg := r.err.Error()
		kinds[failureKind(msg)]++
		var refusal *engine.Error
		switch {
		case errors.As(r.err, &refusal):
			t.Errorf("%s: a rule's refusal where the store lost its server: %v", r.name, r.err)
		case !strings.Contains(msg, p.primaryHost) || !strings.Contains(msg, p.standbyHost):
			t.Errorf("%s: the error does not name both servers (%s, %s): %v", r.name, p.primaryHost, p.standbyHost, r.err)
		case strings.Contains(msg, p.password):
			t.Errorf("%s: the error repeats the password: %v", r.name, r.err)
		}
	}
	for k, n := range kinds {
		t.Logf("%d calls failed with: %s", n, k)
	}
	return reported, failed
}

// failureKind is an error message without what differs between calls
// (IDs), for grouping.
func failureKind(msg string) string {
	for _, f := range strings.Fields(msg) {
		if strings.HasPrefix(f, "subnet-") || strings.HasPrefix(f, "eni-") {
			msg = strings.ReplaceAll(msg, f, "…")
		}
	}
	return msg
}

// nicsByName lists the subnet's NICs by name.
func nicsByName(t *testing.T, eng *engine.Engine, subnet string) map[string][]engine.NetworkInterface {
	t.Helper()
	byName := map[string][]engine.NetworkInterface{}
	for _, n := range must(eng.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{SubnetID: subnet}))(t) {
		byName[n.Name] = append(byName[n.Name], n)
	}
	return byName
}

// createMissingNICs is the next run: it creates each NIC whose name the
// subnet does not hold yet, and returns how many it created.
func createMissingNICs(t *testing.T, eng *engine.Engine, subnet string, present map[string][]engine.NetworkInterface) int {
	t.Helper()
	n := 0
	for i := range failoverNICs {
		if len(present[nicName(i)]) > 0 {
			continue
		}
		if _, err := eng.CreateNetworkInterface(context.Background(), engine.NetworkInterfaceInput{SubnetID: subnet, Name: nicName(i)}); err != nil {
			t.Fatalf("the next run cannot create %s: %v", nicName(i), err)
		}
		n++
	}
	return n
}
