package reliability

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// The crash suite kills an apply (the CLI and its provider plugin, with
// SIGKILL to their process group) and then checks that nothing is lost for
// good: the store is sound, objects the engine made but the state never
// recorded (orphans) are found the way a user would find them (NICs and
// attachments with the eni_network_interfaces data source; an EIP, which no
// data source lists, from the Resource.AlreadyAssociated refusal that names
// it) and adopted with import blocks, and a fresh apply converges to a plan
// with no changes.
//
// Random trials kill at a uniform random delay within one typical apply,
// measured first. Since most of an apply is start-up and planning, random
// kills seldom land in the short window between an engine commit and the
// state write; targeted trials therefore also kill right after the store
// shows the k-th object of the apply, which is where orphans are born.
//
// After a kill the local backend's .terraform.tfstate.lock.info may remain.
// The lock itself is the kernel's lock on the state file and died with the
// process, so the file is only a leftover note; the suite checks once that
// a plan with -lock-timeout=0s is not blocked by it, then removes it before
// converging (it never uses -lock=false).

// crashObjects is how many engine objects one apply of crashConfig makes:
// three NICs, two attachments and an EIP.
const crashObjects = 6

func TestCrash(t *testing.T) {
	requireSuite(t)
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("ENI_RELIABILITY_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (set ENI_RELIABILITY_SEED to repeat the random points)", seed)
	t.Run(kindSQLite, func(t *testing.T) {
		testCrash(t, newStore(t, kindSQLite), envInt("ENI_RELIABILITY_CRASH_TRIALS", 20), 4, seed)
	})
	t.Run(kindPostgres, func(t *testing.T) {
		testCrash(t, newStore(t, kindPostgres), envInt("ENI_RELIABILITY_CRASH_TRIALS_POSTGRES", 4), 2, seed)
	})
}

// crashSlot is one trial's private corner of the store: a subnet and a
// server made through the engine, and a working directory.
type crashSlot struct {
	n              int
	dir            string
	subnet, server string
}

func newCrashSlot(t *testing.T, eng *engine.Engine, vpcID, base string, n int) crashSlot {
	t.Helper()
	ctx := context.Background()
	s := must(eng.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpcID, Name: fmt.Sprintf("crash-%d", n),
		CIDR: fmt.Sprintf("10.30.%d.0/28", n), AvailabilityZone: "local-1a"}))(t)
	srv := must(eng.CreateServer(ctx, engine.ServerInput{Name: fmt.Sprintf("crash-%d", n), Flavor: "c7.2xlarge.2",
		AvailabilityZone: "local-1a", SubnetID: s.ID}))(t)
	return crashSlot{n: n, dir: filepath.Join(base, fmt.Sprintf("trial-%02d", n)), subnet: s.ID, server: srv.ID}
}

func crashConfig(s crashSlot) string {
	return fmt.Sprintf(`resource "eni_network_interface" "nic" {
  count     = 3
  subnet_id = %q
  name      = "crash-%d-${count.index}"
}

resource "eni_network_interface_attachment" "att" {
  count                = 2
  network_interface_id = eni_network_interface.nic[count.index].id
  server_id            = %q
}

resource "eni_eip" "ip" {
  network_interface_id = eni_network_interface.nic[0].id
}
`, s.subnet, s.n, s.server)
}

// trialResult is what one trial saw.
type trialResult struct {
	how         string // "random 0.84s" or "targeted: after 3 objects"
	phase       string // how far the killed apply got: startup, plan, apply, done
	finished    bool   // the apply ended before the kill
	lockLeft    bool
	stateStatus string
	orphans     orphans
	adopted     int
	converged   bool // the converging apply succeeded and the next plan is empty
	dur         time.Duration
}

// orphans are engine objects of a trial that its state does not record.
type orphans struct {
	nics        []engine.NetworkInterface // not in state at all
	attachments []engine.NetworkInterface // attached, but no attachment in state
	eips        []engine.EIP
}

func (o orphans) count() int { return len(o.nics) + len(o.attachments) + len(o.eips) }

type crashRun struct {
	t          *testing.T
	st         *testStore
	bad        *violations
	vpc        string
	base       string
	next       int
	lockProbed bool
	lockBlocks bool
	eipsNamed  int // orphan EIPs named by the Resource.AlreadyAssociated refusal
}

func testCrash(t *testing.T, st *testStore, randomTrials, targetedTrials int, seed uint64) {
	ctx := context.Background()
	c := &crashRun{t: t, st: st, bad: &violations{t: t}, base: t.TempDir()}
	c.vpc = must(st.eng.CreateVPC(ctx, engine.VPCInput{Name: "crash", CIDR: "10.30.0.0/16"}))(t).ID
	rng := rand.New(rand.NewPCG(seed, uint64(len(st.kind))))

	// A typical apply, which also shows that the configuration converges.
	slot := c.slot()
	r := runCLI(t, slot.dir, st.env, "apply", "-auto-approve", "-input=false", "-json")
	if r.exit != 0 {
		t.Fatalf("the calibration apply failed:\n%s", r)
	}
	typical := r.dur
	if p := runCLI(t, slot.dir, st.env, "plan", "-detailed-exitcode", "-input=false", "-no-color"); p.exit != 0 {
		t.Fatalf("the calibration apply did not converge:\n%s", p)
	}

	var results []trialResult
	start := time.Now()
	for i := 0; i < randomTrials+targetedTrials; i++ {
		var res trialResult
		if i < randomTrials {
			delay := time.Duration(rng.Int64N(int64(typical) + 1))
			res = c.trial(fmt.Sprintf("random %s", seconds(delay)), func(r *cliRun, _ crashSlot, _ map[string]bool) {
				select {
				case <-r.done:
				case <-time.After(delay):
				}
			})
		} else {
			k := []int{1, 4, 6, 2, 5, 3}[(i-randomTrials)%crashObjects]
			res = c.trial(fmt.Sprintf("targeted: after %d objects", k), func(r *cliRun, s crashSlot, known map[string]bool) {
				for !r.Exited() && c.progress(s, known) < k {
					time.Sleep(time.Millisecond)
				}
			})
		}
		results = append(results, res)
		t.Logf("trial %d (%s): killed in %s, state %s, lock info left %v, orphans %d (NICs %d, attachments %d, EIPs %d), adopted %d, %s",
			i+1, res.how, res.phase, res.stateStatus, res.lockLeft, res.orphans.count(), len(res.orphans.nics),
			len(res.orphans.attachments), len(res.orphans.eips), res.adopted, seconds(res.dur))
	}
	total := time.Since(start)
	if err := st.eng.Check(ctx); err != nil {
		c.bad.add("engine check after all trials: %v", err)
	}

	phases, states := map[string]int{}, map[string]int{}
	var found, nics, atts, eips, adopted, locks, orphanTrials, converged, finished int
	for _, res := range results {
		if res.finished {
			finished++
		}
		if res.converged {
			converged++
		}
		phases[res.phase]++
		found += res.orphans.count()
		nics += len(res.orphans.nics)
		atts += len(res.orphans.attachments)
		eips += len(res.orphans.eips)
		adopted += res.adopted
		if res.orphans.count() > 0 {
			orphanTrials++
		}
		if res.lockLeft {
			locks++
		}
		states[res.stateStatus]++
	}
	lockNote := "not probed"
	if c.lockProbed {
		lockNote = map[bool]string{true: "it BLOCKS the next run", false: "it does not block the next run"}[c.lockBlocks]
	}
	figure(t, "%d crash trials on %s (%d random in [0, %s], %d targeted), in %s (%s each); killed in startup %d, plan %d, apply %d, "+
		"after the apply %d (exited by itself first %d); lock info left %d times (%s; removed before converging); state file after the kill: "+
		"readable %d, empty %d, absent %d, unreadable %d; "+
		"orphans found %d in %d trials (NICs %d, attachments %d, EIPs %d; the NICs and attachments all listed by eni_network_interfaces, "+
		"%d EIPs named by the %s refusal), adopted with import %d; converged to a no-op plan %d/%d; invariant violations: %d",
		len(results), st.kind, randomTrials, seconds(typical), targetedTrials, seconds(total), seconds(total/time.Duration(max(1, len(results)))),
		phases["startup"], phases["plan"], phases["apply"], phases["done"], finished, locks, lockNote,
		states["ok"], states["empty"], states["absent"], states["unreadable"],
		found, orphanTrials, nics, atts, eips, c.eipsNamed, engine.CodeEipAlreadyAssociated, adopted, converged, len(results), c.bad.n)
}

func (c *crashRun) slot() crashSlot {
	s := newCrashSlot(c.t, c.st.eng, c.vpc, c.base, c.next)
	c.next++
	writeConfig(c.t, s.dir, c.st.location, crashConfig(s))
	return s
}

// progress counts the objects an apply in slot s has made so far.
func (c *crashRun) progress(s crashSlot, knownEIPs map[string]bool) int {
	ctx := context.Background()
	n := 0
	nics, err := c.st.eng.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{SubnetID: s.subnet})
	if err != nil {
		return 0
	}
	for _, nic := range nics {
		if nic.Primary {
			continue
		}
		n++
		if nic.ServerID != "" {
			n++
		}
	}
	eips, _ := c.st.eng.ListEIPs(ctx)
	for _, e := range eips {
		if !knownEIPs[e.ID] {
			n++
		}
	}
	return n
}

// trial starts an apply in a fresh slot, lets wait decide when to kill it,
// kills it, and then recovers: check, adopt the orphans, converge.
func (c *crashRun) trial(how string, wait func(*cliRun, crashSlot, map[string]bool)) trialResult {
	t, st, bad := c.t, c.st, c.bad
	t.Helper()
	ctx := context.Background()
	res := trialResult{how: how}
	s := c.slot()
	known := map[string]bool{}
	for _, e := range must(st.eng.ListEIPs(ctx))(t) {
		known[e.ID] = true
	}
	start := time.Now()
	r := newRun(s.dir, st.env, "apply", "-auto-approve", "-input=false", "-json")
	if err := r.Start(); err != nil {
		t.Fatal(err)
	}
	wait(r, s, known)
	res.finished = r.Exited()
	r.Kill()
	if r.Wait(time.Minute) {
		t.Fatalf("apply survived SIGKILL:\n%s", r)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		alive := survivors(r.cmd.Process.Pid)
		if len(alive) == 0 {
			break
		}
		if time.Now().After(deadline) {
			bad.add("processes of the killed apply still run: %v", alive)
			break
		}
	}
	res.phase = phaseOf(events(r.stdout.Bytes()))
	if res.finished && r.exit != 0 {
		bad.add("trial %s: the apply ended by itself with exit %d:\n%s", how, r.exit, r)
	}

	lock := filepath.Join(s.dir, ".terraform.tfstate.lock.info")
	if _, err := os.Stat(lock); err == nil {
		res.lockLeft = true
		if !c.lockProbed {
			c.lockProbed = true
			p := runCLI(t, s.dir, st.env, "plan", "-input=false", "-no-color", "-lock-timeout=0s")
			c.lockBlocks = p.exit != 0 && strings.Contains(p.stdout.String()+p.stderr.String(), "lock")
		}
		if err := os.Remove(lock); err != nil && !os.IsNotExist(err) { // the probe's plan removes it
			t.Fatal(err)
		}
	}

	if err := st.eng.Check(ctx); err != nil {
		bad.add("trial %s: engine check after the kill: %v", how, err)
	}
	statePath := filepath.Join(s.dir, "terraform.tfstate")
	ids, status := stateIDs(statePath)
	res.stateStatus = status
	if status == "unreadable" {
		// A kill between the truncation and the write of the state file:
		// fall back on the backup, or on no state, and adopt what is missing.
		os.Remove(statePath)
		if b, bs := stateIDs(statePath + ".backup"); bs == "ok" {
			if err := copyFile(statePath+".backup", statePath, 0o644); err != nil {
				t.Fatal(err)
			}
			ids = b
		}
	}
	c.checkNoGhosts(how, s, ids)
	res.orphans = c.findOrphans(s, ids, known)
	if res.orphans.count() > 0 {
		c.discover(how, s, res.orphans)
		writeImports(t, s, res.orphans)
	}
	if len(res.orphans.eips) > 0 {
		// No data source lists EIPs: a user learns of an orphan EIP from
		// the apply that tries to bind a second one to its interface.
		writeImports(t, s, orphans{nics: res.orphans.nics, attachments: res.orphans.attachments})
		c.eipFromError(how, s, res.orphans.eips[0])
		writeImports(t, s, orphans{eips: res.orphans.eips})
	}

	conv := runCLI(t, s.dir, st.env, "apply", "-auto-approve", "-input=false", "-json")
	for _, leak := range leaks(conv) {
		bad.add("trial %s: the converging apply printed %q", how, leak)
	}
	res.converged = conv.exit == 0
	if conv.exit != 0 {
		bad.add("trial %s: the converging apply failed:\n%s", how, conv)
	}
	res.adopted = c.adopted(s, res.orphans)
	if res.adopted != res.orphans.count() {
		bad.add("trial %s: %d orphans, but the state holds %d of them after converging", how, res.orphans.count(), res.adopted)
	}
	if p := runCLI(t, s.dir, st.env, "plan", "-detailed-exitcode", "-input=false", "-no-color"); p.exit != 0 {
		bad.add("trial %s: plan after converging exits %d, want 0 (no changes):\n%s", how, p.exit, p)
		res.converged = false
	}
	c.checkConverged(how, s, known)
	res.dur = time.Since(start)
	return res
}

// eipFromError applies with every orphan but the EIP adopted and checks
// that the refusal names the EIP.
func (c *crashRun) eipFromError(how string, s crashSlot, eip engine.EIP) {
	r := runCLI(c.t, s.dir, c.st.env, "apply", "-auto-approve", "-input=false", "-json")
	named := false
	for _, d := range errorDiagnostics(events(r.stdout.Bytes())) {
		if d.Address == "eni_eip.ip" && codeOf(d) == engine.CodeEipAlreadyAssociated && strings.Contains(d.Detail, eip.ID) {
			named = true
			continue
		}
		c.bad.add("trial %s: unexpected error while the EIP is not adopted: %s: %s", how, d.Summary, d.Detail)
	}
	if named {
		c.eipsNamed++
	}
	if !named || r.exit != 1 {
		c.bad.add("trial %s: an apply without the orphan EIP %s did not fail with %s naming it:\n%s", how, eip.ID, engine.CodeEipAlreadyAssociated, r)
	}
}

// adopted counts the orphans the slot's state now records at their addresses.
func (c *crashRun) adopted(s crashSlot, o orphans) int {
	ids, _ := stateIDs(filepath.Join(s.dir, "terraform.tfstate"))
	n := 0
	for _, nic := range o.nics {
		if ids[fmt.Sprintf("eni_network_interface.nic[%d]", nicIndex(c.t, s, nic))] == nic.ID {
			n++
		}
	}
	for _, nic := range o.attachments {
		if ids[fmt.Sprintf("eni_network_interface_attachment.att[%d]", nicIndex(c.t, s, nic))] == nic.ID {
			n++
		}
	}
	for _, e := range o.eips {
		if ids["eni_eip.ip"] == e.ID {
			n++
		}
	}
	return n
}

// checkNoGhosts reports state entries the engine does not have: the state
// is written after the engine commits, so there must be none.
func (c *crashRun) checkNoGhosts(how string, s crashSlot, ids map[string]string) {
	ctx := context.Background()
	for addr, id := range ids {
		var err error
		switch {
		case strings.HasPrefix(addr, "eni_network_interface."):
			_, err = c.st.eng.GetNetworkInterface(ctx, id)
		case strings.HasPrefix(addr, "eni_eip."):
			_, err = c.st.eng.GetEIP(ctx, id)
		case strings.HasPrefix(addr, "eni_network_interface_attachment."):
			var n engine.NetworkInterface
			if n, err = c.st.eng.GetNetworkInterface(ctx, id); err == nil && n.ServerID != s.server {
				err = fmt.Errorf("network interface %s is on %q, not %s", id, n.ServerID, s.server)
			}
		}
		if err != nil {
			c.bad.add("trial %s: state records %s = %s, which the engine does not have: %v", how, addr, id, err)
		}
	}
}

// findOrphans lists the slot's engine objects that ids does not record.
func (c *crashRun) findOrphans(s crashSlot, ids map[string]string, knownEIPs map[string]bool) orphans {
	t := c.t
	ctx := context.Background()
	var o orphans
	for _, n := range must(c.st.eng.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{SubnetID: s.subnet}))(t) {
		if n.Primary {
			continue
		}
		i := nicIndex(t, s, n)
		if ids[fmt.Sprintf("eni_network_interface.nic[%d]", i)] != n.ID {
			o.nics = append(o.nics, n)
		}
		if n.ServerID != "" && ids[fmt.Sprintf("eni_network_interface_attachment.att[%d]", i)] != n.ID {
			o.attachments = append(o.attachments, n)
		}
	}
	for _, e := range must(c.st.eng.ListEIPs(ctx))(t) {
		if !knownEIPs[e.ID] && ids["eni_eip.ip"] != e.ID {
			o.eips = append(o.eips, e)
		}
	}
	return o
}

// nicIndex is the count.index a NIC of the slot was made for, from its name.
func nicIndex(t *testing.T, s crashSlot, n engine.NetworkInterface) int {
	t.Helper()
	i, err := strconv.Atoi(strings.TrimPrefix(n.Name, fmt.Sprintf("crash-%d-", s.n)))
	if err != nil || i < 0 || i > 2 {
		t.Fatalf("NIC %s in trial subnet %s has an unexpected name %q", n.ID, s.subnet, n.Name)
	}
	return i
}

// discover shows that a user can find the orphan NICs and attachments with
// the eni_network_interfaces data source, from a separate configuration.
// (No data source lists EIPs; orphan EIPs are found through the engine.)
func (c *crashRun) discover(how string, s crashSlot, o orphans) {
	t := c.t
	dir := s.dir + "-discover"
	writeConfig(t, dir, c.st.location, fmt.Sprintf(`data "eni_network_interfaces" "in_subnet" {
  subnet_id = %q
}

data "eni_network_interfaces" "on_server" {
  server_id = %q
}

output "in_subnet" {
  value = data.eni_network_interfaces.in_subnet.ids
}

output "on_server" {
  value = data.eni_network_interfaces.on_server.ids
}
`, s.subnet, s.server))
	r := runCLI(t, dir, c.st.env, "apply", "-auto-approve", "-input=false", "-json")
	if r.exit != 0 {
		c.bad.add("trial %s: reading the data sources failed:\n%s", how, r)
		return
	}
	listed := map[string]map[string]bool{}
	for _, ev := range events(r.stdout.Bytes()) {
		if ev.Type != "outputs" {
			continue
		}
		for name, out := range ev.Outputs {
			if len(out.Value) == 0 {
				continue // the plan's announcement of the output
			}
			var ids []string
			if err := json.Unmarshal(out.Value, &ids); err != nil {
				t.Fatalf("output %s: %v", name, err)
			}
			listed[name] = map[string]bool{}
			for _, id := range ids {
				listed[name][id] = true
			}
		}
	}
	for _, n := range o.nics {
		if !listed["in_subnet"][n.ID] {
			c.bad.add("trial %s: orphan NIC %s is not listed by eni_network_interfaces for subnet %s", how, n.ID, s.subnet)
		}
	}
	for _, n := range o.attachments {
		if !listed["on_server"][n.ID] {
			c.bad.add("trial %s: orphan attachment of %s is not listed by eni_network_interfaces for server %s", how, n.ID, s.server)
		}
	}
}

// writeImports adopts the orphans with import blocks at the addresses the
// configuration gives them: NICs and attachments by the index in the
// NIC's name, the EIP at its single address.
func writeImports(t *testing.T, s crashSlot, o orphans) {
	t.Helper()
	var b strings.Builder
	block := func(to, id string) { fmt.Fprintf(&b, "import {\n  to = %s\n  id = %q\n}\n\n", to, id) }
	for _, n := range o.nics {
		block(fmt.Sprintf("eni_network_interface.nic[%d]", nicIndex(t, s, n)), n.ID)
	}
	for _, n := range o.attachments {
		block(fmt.Sprintf("eni_network_interface_attachment.att[%d]", nicIndex(t, s, n)), n.ID)
	}
	if len(o.eips) > 1 {
		t.Errorf("%d orphan EIPs for one eni_eip: %v", len(o.eips), o.eips)
	}
	for _, e := range o.eips {
		block("eni_eip.ip", e.ID)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "imports.tf"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkConverged verifies the slot holds exactly what the configuration
// describes: three NICs, two of them attached, one EIP, all in state.
func (c *crashRun) checkConverged(how string, s crashSlot, knownEIPs map[string]bool) {
	t := c.t
	ctx := context.Background()
	ids, status := stateIDs(filepath.Join(s.dir, "terraform.tfstate"))
	if status != "ok" {
		c.bad.add("trial %s: state after converging is %s", how, status)
		return
	}
	if err := c.st.eng.Check(ctx); err != nil {
		c.bad.add("trial %s: engine check after converging: %v", how, err)
	}
	nics, attached := 0, 0
	for _, n := range must(c.st.eng.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{SubnetID: s.subnet}))(t) {
		if n.Primary {
			continue
		}
		nics++
		if n.ServerID != "" {
			attached++
		}
	}
	var eips []engine.EIP
	for _, e := range must(c.st.eng.ListEIPs(ctx))(t) {
		if !knownEIPs[e.ID] {
			eips = append(eips, e)
		}
	}
	if nics != 3 || attached != 2 || len(eips) != 1 {
		c.bad.add("trial %s: after converging the slot has %d NICs (%d attached) and %d new EIPs, want 3 (2) and 1: orphans were left or duplicated",
			how, nics, attached, len(eips))
	}
	if o := c.findOrphans(s, ids, knownEIPs); o.count() > 0 {
		c.bad.add("trial %s: %d orphans remain after converging", how, o.count())
	}
	if len(eips) == 1 && eips[0].NetworkInterfaceID != ids["eni_network_interface.nic[0]"] {
		c.bad.add("trial %s: the EIP is bound to %q, not to nic[0] %s", how, eips[0].NetworkInterfaceID, ids["eni_network_interface.nic[0]"])
	}
}
