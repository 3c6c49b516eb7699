package reliability

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// The load scenario: many applies at once on one PostgreSQL store, each
// making servers, NICs and their attachments in one of a few VPCs, and in
// the reliability test one more NIC each for the last slots of a server its
// VPC shares. Afterwards every write an apply reported is in the store and
// every object of the store in some state, no address is held twice, no
// server is over its flavor and every refusal carries its code.
//
// The same runs, without the shared server, measure throughput: objects
// written per second by 16 applies in 16 VPCs, in one VPC, and in 16 VPCs
// on a store that locks the whole region for every write.

const (
	loadCLIs  = 16
	loadVPCs  = 4
	loadNICs  = 50              // per apply, at full size
	loadNICsV = "ENI_LOAD_NICS" // overrides loadNICs (CI runs fewer)
	// loadFlavor holds 11 extension NICs, so an apply of n NICs makes
	// ceil(n/11) servers of its own.
	loadFlavor = "m7.16xlarge.8"
	// loadShared is the flavor of each VPC's shared server: 1 slot left
	// after its primary and one NIC made at setup, for the VPC's applies
	// to race for.
	loadShared = "c7.large.2"
)

// loadLayout is what a load run's setup made: per VPC its subnet and, when
// the applies race for one, the shared server and its free slots.
type loadLayout struct {
	vpcs []loadVPC
	nics int // per apply
}

type loadVPC struct {
	id, subnet string
	shared     string // "" when the applies share no server
	free       int
}

// vpcOf is the VPC apply i works in.
func (l loadLayout) vpcOf(i int) loadVPC { return l.vpcs[i%len(l.vpcs)] }

// serversPerApply is how many servers of loadFlavor hold an apply's NICs.
func (l loadLayout) serversPerApply() int {
	f, _ := engine.LookupFlavor(loadFlavor)
	slots := f.MaxNetworkInterfaces - 1
	return (l.nics + slots - 1) / slots
}

// setupLoad makes vpcs VPCs, each with one subnet wide enough for every
// apply's NICs and servers, and with shared true a server per VPC with
// one free slot.
func setupLoad(t *testing.T, eng *engine.Engine, vpcs, nics int, shared bool) loadLayout {
	t.Helper()
	ctx := context.Background()
	l := loadLayout{nics: nics}
	for v := range vpcs {
		vpc := must(eng.CreateVPC(ctx, engine.VPCInput{Name: fmt.Sprintf("load-%d", v), CIDR: fmt.Sprintf("10.%d.0.0/16", 100+v)}))(t)
		s := must(eng.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "load", CIDR: fmt.Sprintf("10.%d.0.0/20", 100+v),
			AvailabilityZone: "local-1a"}))(t)
		lv := loadVPC{id: vpc.ID, subnet: s.ID}
		if shared {
			srv := must(eng.CreateServer(ctx, engine.ServerInput{Name: fmt.Sprintf("load-shared-%d", v), Flavor: loadShared,
				AvailabilityZone: "local-1a", SubnetID: s.ID}))(t)
			n := must(eng.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: s.ID, Name: fmt.Sprintf("load-shared-pre-%d", v)}))(t)
			must(eng.AttachNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID}))(t)
			f, _ := engine.LookupFlavor(loadShared)
			lv.shared, lv.free = srv.ID, f.MaxNetworkInterfaces-2
		}
		l.vpcs = append(l.vpcs, lv)
	}
	return l
}

// loadConfig is apply i's configuration: its servers, its NICs attached to
// them in turn, and the NIC for its VPC's shared server if there is one.
func loadConfig(i int, l loadLayout) string {
	f, _ := engine.LookupFlavor(loadFlavor)
	v := l.vpcOf(i)
	hcl := fmt.Sprintf(`resource "eni_server" "s" {
  count             = %d
  name              = "load-%d-server-${count.index}"
  flavor            = %q
  availability_zone = "local-1a"
  subnet_id         = %q
}

resource "eni_network_interface" "n" {
  count     = %d
  subnet_id = %q
  name      = "load-%d-nic-${count.index}"
}

resource "eni_network_interface_attachment" "a" {
  count                = %d
  network_interface_id = eni_network_interface.n[count.index].id
  server_id            = eni_server.s[floor(count.index / %d)].id
}
`, l.serversPerApply(), i, loadFlavor, v.subnet, l.nics, v.subnet, i, l.nics, f.MaxNetworkInterfaces-1)
	if v.shared != "" {
		hcl += fmt.Sprintf(`
resource "eni_network_interface" "contender" {
  subnet_id = %q
  name      = "load-%d-contender"
}

resource "eni_network_interface_attachment" "contended" {
  network_interface_id = eni_network_interface.contender.id
  server_id            = %q
}
`, v.subnet, i, v.shared)
	}
	return hcl
}

const addrContended = "eni_network_interface_attachment.contended"

// loadRun is what a load run measured.
type loadRun struct {
	wall    time.Duration
	cpu     time.Duration // of the CLIs and their providers
	written int           // objects in the applies' states
	refused int           // contended attachments refused
	bad     int           // invariant violations
}

func (r loadRun) perSecond() float64 { return float64(r.written) / r.wall.Seconds() }

// runLoad starts loadCLIs applies of loadConfig at once on st, waits for
// them and judges the outcome.
func runLoad(t *testing.T, st *testStore, l loadLayout) loadRun {
	t.Helper()
	bad := &violations{t: t}
	base := t.TempDir()
	// A plan that meets a shared server filled by another apply goes on to
	// the apply, which refuses that one attachment with its code.
	env := append(slices.Clone(st.env), "ENI_REGION_CONFLICTS_AT_PLAN=warning")
	runs := make([]*cliRun, loadCLIs)
	for i := range runs {
		dir := filepath.Join(base, fmt.Sprintf("apply-%d", i))
		writeConfig(t, dir, st.location, loadConfig(i, l))
		runs[i] = newRun(dir, env, "apply", "-auto-approve", "-input=false", "-json")
	}
	start := time.Now()
	for _, r := range runs {
		if err := r.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range runs {
		if r.Wait(10 * time.Minute) {
			t.Fatalf("an apply did not finish in ten minutes:\n%s", r)
		}
	}
	res := loadRun{wall: time.Since(start)}
	states := make([]map[string]string, len(runs))
	for i, r := range runs {
		var refused bool
		states[i], refused = judgeLoadApply(bad, i, r, st, l)
		res.written += len(states[i])
		// A CLI waits for its provider, so its usage includes the provider's.
		res.cpu += r.cmd.ProcessState.UserTime() + r.cmd.ProcessState.SystemTime()
		if refused {
			res.refused++
		}
	}
	checkLoadStore(t, bad, st.eng, l, states)
	res.bad = bad.n
	return res
}

// judgeLoadApply checks one apply's output and state: every error a coded
// refusal of the contended attachment, nothing a user should not see, and
// everything else in state.
func judgeLoadApply(bad *violations, i int, r *cliRun, st *testStore, l loadLayout) (state map[string]string, refused bool) {
	diags := errorDiagnostics(events(r.stdout.Bytes()))
	for _, d := range diags {
		if d.Address == addrContended && codeOf(d) == engine.CodeAttachmentLimitExceeded && strings.Contains(d.Detail, l.vpcOf(i).shared) {
			refused = true
			continue
		}
		bad.add("apply %d: unexpected error on %q (code %q): %s: %s", i, d.Address, codeOf(d), d.Summary, d.Detail)
	}
	checkOutput(bad, fmt.Sprintf("apply %d", i), r, st, len(diags))
	state, _ = stateIDs(filepath.Join(r.dir, "terraform.tfstate"))
	want := map[string]bool{}
	for k := range l.serversPerApply() {
		want[fmt.Sprintf("eni_server.s[%d]", k)] = true
	}
	for k := range l.nics {
		want[fmt.Sprintf("eni_network_interface.n[%d]", k)] = true
		want[fmt.Sprintf("eni_network_interface_attachment.a[%d]", k)] = true
	}
	if l.vpcOf(i).shared != "" {
		want["eni_network_interface.contender"] = true
		want[addrContended] = !refused
	}
	for addr, in := range want {
		if got := state[addr] != ""; got != in {
			bad.add("apply %d: %s in state: %v, want %v", i, addr, got, in)
		}
	}
	return state, refused
}

// checkLoadStore compares the store with the applies' states: every
// server and NIC a state records is there, each NIC on the server its
// attachment names, and each of the store's load objects in a state; the
// engine's invariants hold, no address is held twice, and each shared
// server is exactly full with as many winners as it had free slots.
func checkLoadStore(t *testing.T, bad *violations, eng *engine.Engine, l loadLayout, states []map[string]string) {
	t.Helper()
	ctx := context.Background()
	if err := eng.Check(ctx); err != nil {
		bad.add("engine check after the load: %v", err)
	}
	recorded := map[string]string{} // ID → "apply i address"
	for i, s := range states {
		for addr, id := range s {
			if !strings.HasPrefix(addr, "eni_network_interface_attachment.") {
				recorded[id] = fmt.Sprintf("apply %d %s", i, addr)
			}
		}
	}
	f, _ := engine.LookupFlavor(loadFlavor)
	for _, v := range l.vpcs {
		checkAddressesUnique(t, bad, eng, v.subnet)
		for _, srv := range must(eng.ListServers(ctx, engine.ServerFilter{VPCID: v.id}))(t) {
			if srv.ID != v.shared && recorded[srv.ID] == "" {
				bad.add("server %s (%s) is in no apply's state", srv.ID, srv.Name)
			}
			delete(recorded, srv.ID)
		}
		onShared := 0
		for _, n := range must(eng.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{VPCID: v.id}))(t) {
			if n.ServerID == v.shared && v.shared != "" {
				onShared++
			}
			if n.Primary || strings.HasPrefix(n.Name, "load-shared-") {
				continue
			}
			who, ok := recorded[n.ID]
			if !ok {
				bad.add("NIC %s (%s) is in no apply's state", n.ID, n.Name)
				continue
			}
			delete(recorded, n.ID)
			i, k, contender := loadNICIndex(n.Name)
			switch {
			case i < 0 || i >= len(states):
				bad.add("%s: NIC %s has an unexpected name %q", who, n.ID, n.Name)
			case contender:
				if attached := states[i][addrContended] != ""; attached != (n.ServerID == v.shared) {
					bad.add("%s: NIC %s is on %q, the contended attachment in state: %v", who, n.ID, n.ServerID, attached)
				}
			default:
				server := states[i][fmt.Sprintf("eni_server.s[%d]", k/(f.MaxNetworkInterfaces-1))]
				if n.ServerID != server {
					bad.add("%s: NIC %s is on %q, its attachment names %s", who, n.ID, n.ServerID, server)
				}
			}
		}
		if v.shared != "" {
			sf, _ := engine.LookupFlavor(loadShared)
			if onShared != sf.MaxNetworkInterfaces {
				bad.add("shared server %s holds %d NICs, want exactly its flavor's %d", v.shared, onShared, sf.MaxNetworkInterfaces)
			}
		}
	}
	for id, who := range recorded {
		bad.add("%s records %s, which the store does not have", who, id)
	}
}

// loadNICIndex reads a load NIC's name: the apply that made it and its
// index, or that it is the apply's contender; i is -1 for another name.
func loadNICIndex(name string) (i, k int, contender bool) {
	var rest string
	if _, err := fmt.Sscanf(name, "load-%d-%s", &i, &rest); err != nil {
		return -1, 0, false
	}
	if rest == "contender" {
		return i, 0, true
	}
	if _, err := fmt.Sscanf(rest, "nic-%d", &k); err != nil {
		return -1, 0, false
	}
	return i, k, false
}

// loadNICsPerApply is the NICs per apply: ENI_LOAD_NICS, else loadNICs.
func loadNICsPerApply() int {
	if n := envInt(loadNICsV, loadNICs); n > 0 {
		return n
	}
	return loadNICs
}

// TestLoad runs 16 applies at once in 4 VPCs of one PostgreSQL store, each
// making ENI_LOAD_NICS (default 50) attached NICs and racing the applies
// of its VPC for the last slot of a shared server.
func TestLoad(t *testing.T) {
	requireSuite(t)
	st := newStore(t, kindPostgres)
	l := setupLoad(t, st.eng, loadVPCs, loadNICsPerApply(), true)
	r := runLoad(t, st, l)
	figure(t, "%d applies of %d attached NICs in %d VPCs on postgres: %d objects in %s (%.1f/s); shared-server attachments: %d won, %d refused with %s; invariant violations: %d",
		loadCLIs, l.nics, loadVPCs, r.written, seconds(r.wall), r.perSecond(), loadCLIs-r.refused, r.refused, engine.CodeAttachmentLimitExceeded, r.bad)
}

// TestLoadThroughput measures the same work three ways in one run, each
// ENI_LOAD_REPEAT times (default 1) in turn, and writes a table of the
// medians to ENI_LOAD_TABLE (scripts/bench-load.sh); it runs only with
// ENI_LOAD_BENCH=1.
func TestLoadThroughput(t *testing.T) {
	requireSuite(t)
	if os.Getenv("ENI_LOAD_BENCH") != "1" {
		t.Skip("the load benchmark runs with ENI_LOAD_BENCH=1 (scripts/bench-load.sh)")
	}
	nics := loadNICsPerApply()
	repeat := max(1, envInt("ENI_LOAD_REPEAT", 1))
	cases := []struct {
		name  string
		vpcs  int
		locks string
		runs  []loadRun
	}{
		{name: "16 VPCs, VPC locks", vpcs: loadCLIs, locks: "vpc"},
		{name: "1 VPC, VPC locks", vpcs: 1, locks: "vpc"},
		{name: "16 VPCs, one region lock (eni_locks=region)", vpcs: loadCLIs, locks: "region"},
	}
	// Round k starts at case k, so that no case always runs first.
	for k := range repeat {
		for j := range cases {
			c := &cases[(k+j)%len(cases)]
			st := newStore(t, kindPostgres)
			st.location += "&eni_locks=" + c.locks
			r := runLoad(t, st, setupLoad(t, st.eng, c.vpcs, nics, false))
			c.runs = append(c.runs, r)
			figure(t, "%s: %d objects in %s (%.1f/s), CPU %s, invariant violations: %d", c.name, r.written, seconds(r.wall), r.perSecond(), seconds(r.cpu), r.bad)
		}
	}
	cores := runtime.NumCPU()
	table := fmt.Sprintf("%d applies at once, each %d servers and %d attached NICs, on %s and PostgreSQL, %d cores; median of %d\n\n",
		loadCLIs, loadLayout{nics: nics}.serversPerApply(), nics, suite.cliLabel, cores, repeat)
	table += "| work | objects | wall | objects/s | CPU of CLIs and providers | of the machine's |\n|---|---|---|---|---|---|\n"
	for _, c := range cases {
		slices.SortFunc(c.runs, func(a, b loadRun) int { return cmp.Compare(a.wall, b.wall) })
		r := c.runs[len(c.runs)/2]
		table += fmt.Sprintf("| %s | %d | %s | %.1f | %s | %.0f%% |\n", c.name, r.written, seconds(r.wall), r.perSecond(),
			seconds(r.cpu), 100*r.cpu.Seconds()/(r.wall.Seconds()*float64(cores)))
	}
	if path := os.Getenv("ENI_LOAD_TABLE"); path != "" {
		if err := os.WriteFile(path, []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Log("\n" + table)
}
