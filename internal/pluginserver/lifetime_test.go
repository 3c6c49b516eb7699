package pluginserver

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

func TestAwaitParentGoneReturnsOnceTheParentIsGone(t *testing.T) {
	var asked atomic.Int32
	alive := func() bool { return asked.Add(1) < 4 }
	start := time.Now()
	awaitParentGone(alive, 10*time.Millisecond)
	if n := asked.Load(); n != 4 {
		t.Errorf("the parent was asked about %d times, want 4 (three alive, then gone)", n)
	}
	if waited := time.Since(start); waited < 30*time.Millisecond {
		t.Errorf("returned after %s, before three intervals of 10ms", waited)
	}
}

func TestAwaitParentGoneWaitsWhileTheParentLives(t *testing.T) {
	var gone atomic.Bool
	returned := make(chan struct{})
	go func() {
		awaitParentGone(func() bool { return !gone.Load() }, time.Millisecond)
		close(returned)
	}()
	select {
	case <-returned:
		t.Fatal("returned while the parent was alive")
	case <-time.After(100 * time.Millisecond):
	}
	gone.Store(true)
	select {
	case <-returned:
	case <-time.After(5 * time.Second):
		t.Fatal("did not return within 5s of the parent going")
	}
}

// The test process's parent (go test, or a shell) outlives it.
func TestParentAliveWhileTheParentRuns(t *testing.T) {
	alive := parentAlive()
	for range 3 {
		if !alive() {
			t.Fatal("parentAlive reports the running parent gone")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// blockingServer is a wrapped server of testProvider whose reads block in
// wait; entered receives once a read has started.
func blockingServer(t *testing.T, wait func(ctx context.Context)) (*server, chan struct{}) {
	t.Helper()
	entered := make(chan struct{}, 1)
	srv := New(providerserver.NewProtocol6(testProvider{onRead: func(ctx context.Context, _ string) {
		entered <- struct{}{}
		wait(ctx)
	}})())
	configured(t, srv)
	return srv.(*server), entered
}

// A request whose own context the CLI's death did not cancel is cancelled
// by leaving, and release runs only after it has returned.
func TestLeaveCancelsRunningRequestsThenReleases(t *testing.T) {
	s, entered := blockingServer(t, func(ctx context.Context) { <-ctx.Done() })
	var mu sync.Mutex
	var order []string
	note := func(what string) {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, what)
	}
	go func() {
		_ = readThing(context.Background(), s, "running")
		note("request returned")
	}()
	<-entered

	drained, released := s.leave(func() { note("released") }, 5*time.Second)
	if !drained || !released {
		t.Fatalf("leave: drained %v, released %v; want both", drained, released)
	}
	mu.Lock()
	got := append([]string(nil), order...)
	mu.Unlock()
	// The request's goroutine notes its return just after the server
	// lets go of it, so it may not have yet; release must come after.
	if len(got) == 0 || got[len(got)-1] != "released" || (len(got) == 2 && got[0] != "request returned") {
		t.Errorf("order of events %v, want the request to return before release", got)
	}

	started := make(chan struct{})
	go func() {
		close(started)
		_ = readThing(context.Background(), s, "late") // blocks for good: the server is left
	}()
	<-started
	select {
	case <-entered:
		t.Error("a request started after the server was left")
	case <-time.After(100 * time.Millisecond):
	}
}

func TestLeaveGivesUpOnARequestThatIgnoresCancellation(t *testing.T) {
	unblock := make(chan struct{})
	defer close(unblock)
	s, entered := blockingServer(t, func(context.Context) { <-unblock })
	go func() { _ = readThing(context.Background(), s, "stuck") }()
	<-entered

	start := time.Now()
	released := false
	drained, releasedInTime := s.leave(func() { released = true }, 100*time.Millisecond)
	if drained {
		t.Error("leave reports the stuck request returned")
	}
	if !releasedInTime || !released {
		t.Error("release did not run after the grace for requests ran out")
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("leave took %s with a grace of 100ms", took)
	}
}

func TestLeaveGivesUpOnAReleaseThatHangs(t *testing.T) {
	s, _ := blockingServer(t, func(context.Context) {})
	hang := make(chan struct{})
	defer close(hang)
	start := time.Now()
	drained, released := s.leave(func() { <-hang }, 100*time.Millisecond)
	if !drained || released {
		t.Errorf("leave: drained %v, released %v; want true, false", drained, released)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("leave took %s with a grace of 100ms", took)
	}
}

// An apply waiting for the store's write lock, held by another process,
// when its CLI dies: leaving cancels it, closes the store, and once the
// lock is free the store holds nothing of it.
func TestLeaveRollsBackAnApplyWaitingForTheStore(t *testing.T) {
	QuietUnlessLogged(address)
	path := filepath.Join(t.TempDir(), "engine.db")
	srv := New(newFrameworkServer()).(*server)
	s := newSetup(t, srv)
	s.configure(map[string]tftypes.Value{"store": str(path)})
	vpc := s.create("eni_vpc", map[string]tftypes.Value{"name": str("v"), "cidr": str("10.0.0.0/16")})
	subnet := s.create("eni_subnet", map[string]tftypes.Value{"vpc_id": s.attr("eni_vpc", vpc, "id"), "name": str("s"),
		"cidr": str("10.0.0.0/24"), "availability_zone": str("local-1a")})
	subnetID := s.attr("eni_subnet", subnet, "id")

	lock := holdWriteLock(t, path)
	applied := make(chan *tfprotov6.ApplyResourceChangeResponse, 1)
	go func() {
		applied <- s.applyCreate("eni_network_interface", map[string]tftypes.Value{"name": str("orphan"), "subnet_id": subnetID})
	}()
	time.Sleep(300 * time.Millisecond) // the apply is now waiting for the lock
	select {
	case <-applied:
		t.Fatal("the apply finished while another process held the store's write lock")
	default:
	}

	start := time.Now()
	drained, released := srv.leave(func() { _ = provider.CloseStores() }, 5*time.Second)
	t.Logf("left in %s", time.Since(start).Round(time.Millisecond))
	if !drained || !released {
		t.Fatalf("leave: drained %v, released %v; want both", drained, released)
	}
	if resp := <-applied; resp != nil && !hasError(resp.Diagnostics) {
		t.Fatalf("the cancelled apply reported success: %v", resp.NewState)
	}
	lock.release()

	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(st, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	nics, err := eng.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nics {
		if n.Name == "orphan" {
			t.Errorf("the store holds %s, created by the cancelled apply", n.ID)
		}
	}
	if err := eng.Check(context.Background()); err != nil {
		t.Errorf("engine check: %v", err)
	}
}

// applyCreate plans and applies a new resource, returning the apply's
// response (nil if the plan failed) instead of failing on it.
func (s *setup) applyCreate(typeName string, config map[string]tftypes.Value) *tfprotov6.ApplyResourceChangeResponse {
	ctx := context.Background()
	schema := s.schemas[typeName]
	cfg := s.value(schema, config)
	prior, err := tfprotov6.NewDynamicValue(schema.ValueType(), tftypes.NewValue(schema.ValueType(), nil))
	if err != nil {
		return nil
	}
	plan, err := s.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: &prior, ProposedNewState: &cfg, Config: &cfg})
	if err != nil || hasError(plan.Diagnostics) {
		return nil
	}
	resp, _ := s.srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, PriorState: &prior,
		PlannedState: plan.PlannedState, Config: &cfg, PlannedPrivate: plan.PlannedPrivate})
	return resp
}

// writeLock is a SQLite write lock another connection holds.
type writeLock struct {
	db *sql.DB
	tx *sql.Tx
}

func holdWriteLock(t *testing.T, path string) *writeLock {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		db.Close()
		t.Fatalf("take the store's write lock: %v", err)
	}
	l := &writeLock{db: db, tx: tx}
	t.Cleanup(l.release)
	return l
}

func (l *writeLock) release() {
	if l.tx != nil {
		_ = l.tx.Rollback()
		l.tx = nil
		_ = l.db.Close()
	}
}
