package reliability

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// racers is how many apply processes race on one store.
const racers = 8

// raceServers are the servers the racers attach to, each a few slots from
// its flavor's limit. Racer i attaches one new NIC to server i % 3, so the
// servers see 3, 3 and 2 contenders for 1, 2 and 1 free slots.
var raceServers = []struct {
	flavor      string
	preattached int // extension NICs already on it
}{
	{"c7.large.2", 1},   // 3 NICs at most: 1 slot left
	{"c7.2xlarge.2", 1}, // 4 at most: 2 left
	{"s6.large.2", 0},   // 2 at most: 1 left
}

// raceStagger separates the racers' starts in the staggered rounds.
const raceStagger = 400 * time.Millisecond

// scarceFree is how many addresses the small subnet has left when the race
// starts. Every racer wants one; at least four get past the plan (one per
// free slot), so the subnet always runs out.
const scarceFree = 3

// raceLayout is what the setup made: the servers' subnet, the small
// subnet, and per server its ID, limit and free slots.
type raceLayout struct {
	subnet, scarce string
	servers        []raceServer
}

type raceServer struct {
	id        string
	flavor    string
	max, free int
}

// TestRace runs eight applies at once on one store, each attaching a NIC to
// an almost full server and taking an address from an almost full subnet.
func TestRace(t *testing.T) {
	requireSuite(t)
	// Odd rounds start every racer at once, so that the applies collide;
	// even rounds stagger them, so that late racers plan after early ones
	// applied and are refused at plan.
	rounds := max(1, envInt("ENI_RELIABILITY_RACE_ROUNDS", 2))
	for _, kind := range []string{kindSQLite, kindPostgres} {
		t.Run(kind, func(t *testing.T) {
			for round := 1; round <= rounds; round++ {
				stagger := time.Duration(0)
				if round%2 == 0 {
					stagger = raceStagger
				}
				testRace(t, newStore(t, kind), stagger)
			}
		})
	}
}

func setupRace(t *testing.T, eng *engine.Engine) raceLayout {
	t.Helper()
	ctx := context.Background()
	vpc := must(eng.CreateVPC(ctx, engine.VPCInput{Name: "race", CIDR: "10.20.0.0/16"}))(t)
	l := raceLayout{
		subnet: must(eng.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "race-servers", CIDR: "10.20.1.0/26", AvailabilityZone: "local-1a"}))(t).ID,
		scarce: must(eng.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "race-scarce", CIDR: "10.20.2.0/28", AvailabilityZone: "local-1a"}))(t).ID,
	}
	for i, s := range raceServers {
		srv := must(eng.CreateServer(ctx, engine.ServerInput{Name: fmt.Sprintf("race-server-%d", i), Flavor: s.flavor,
			AvailabilityZone: "local-1a", SubnetID: l.subnet}))(t)
		for j := 0; j < s.preattached; j++ {
			n := must(eng.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: l.subnet, Name: fmt.Sprintf("race-pre-%d-%d", i, j)}))(t)
			must(eng.AttachNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv.ID}))(t)
		}
		f, _ := engine.LookupFlavor(s.flavor)
		l.servers = append(l.servers, raceServer{id: srv.ID, flavor: s.flavor, max: f.MaxNetworkInterfaces,
			free: f.MaxNetworkInterfaces - 1 - s.preattached})
	}
	for n := 0; ; n++ {
		d := must(eng.GetSubnet(ctx, l.scarce))(t)
		if d.AvailableIPCount <= scarceFree {
			break
		}
		must(eng.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: l.scarce, Name: fmt.Sprintf("race-filler-%d", n)}))(t)
	}
	return l
}

func racerConfig(i int, l raceLayout) string {
	return fmt.Sprintf(`resource "eni_network_interface" "attached" {
  subnet_id = %q
  name      = "race-%d-attached"
}

resource "eni_network_interface_attachment" "a" {
  network_interface_id = eni_network_interface.attached.id
  server_id            = %q
}

resource "eni_network_interface" "spare" {
  subnet_id = %q
  name      = "race-%d-spare"
}
`, l.subnet, i, l.servers[i%len(l.servers)].id, l.scarce, i)
}

const (
	addrAttached   = "eni_network_interface.attached"
	addrAttachment = "eni_network_interface_attachment.a"
	addrSpare      = "eni_network_interface.spare"
)

// racerResult is what one racer ended with.
type racerResult struct {
	i           int
	run         *cliRun
	state       map[string]string
	planRefused bool
	attach      string // "won", a code, or "" when unexplained
	spare       string // "won", a code, "not attempted", or ""
}

func testRace(t *testing.T, st *testStore, stagger time.Duration) {
	ctx := context.Background()
	bad := &violations{t: t}
	l := setupRace(t, st.eng)
	base := t.TempDir()
	runs := make([]*cliRun, racers)
	for i := range runs {
		dir := filepath.Join(base, fmt.Sprintf("racer-%d", i))
		writeConfig(t, dir, st.location, racerConfig(i, l))
		runs[i] = newRun(dir, st.env, "apply", "-auto-approve", "-input=false", "-json")
	}
	start := time.Now()
	for i, r := range runs {
		time.Sleep(time.Until(start.Add(time.Duration(i) * stagger)))
		if err := r.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range runs {
		if r.Wait(3 * time.Minute) {
			t.Fatalf("a racer did not finish in three minutes:\n%s", r)
		}
	}
	wall := time.Since(start)

	results := make([]racerResult, racers)
	for i, r := range runs {
		results[i] = judgeRacer(t, bad, i, r, st, l)
	}

	// The store after the race.
	if err := st.eng.Check(ctx); err != nil {
		bad.add("engine check after the race: %v", err)
	}
	for i, s := range l.servers {
		d := must(st.eng.GetServer(ctx, s.id))(t)
		if len(d.NetworkInterfaceIDs) != s.max {
			bad.add("server %d (%s, %s) has %d NICs after the race, want exactly its capacity %d", i, s.id, s.flavor, len(d.NetworkInterfaceIDs), s.max)
		}
		won := 0
		for _, res := range results {
			if res.i%len(l.servers) == i && res.attach == "won" {
				won++
			}
		}
		if won != s.free {
			bad.add("server %d had %d free slots but %d racers report winning one", i, s.free, won)
		}
	}
	attempts, spareWon := 0, 0
	for _, res := range results {
		if !res.planRefused {
			attempts++
		}
		if res.spare == "won" {
			spareWon++
		}
	}
	if want := min(scarceFree, attempts); spareWon != want {
		bad.add("%d racers took an address of the small subnet, want %d (%d free, %d tried)", spareWon, want, scarceFree, attempts)
	}
	if d := must(st.eng.GetSubnet(ctx, l.scarce))(t); d.AvailableIPCount != scarceFree-spareWon {
		bad.add("small subnet has %d free addresses after the race, want %d", d.AvailableIPCount, scarceFree-spareWon)
	}
	checkAddressesUnique(t, bad, st.eng, l.subnet, l.scarce)
	orphans := checkRaceAgreement(t, bad, st.eng, l, results)

	// Figures.
	count := func(pick func(racerResult) string) map[string]int {
		m := map[string]int{}
		for _, res := range results {
			m[pick(res)]++
		}
		return m
	}
	attach, spare := count(func(r racerResult) string { return r.attach }), count(func(r racerResult) string { return r.spare })
	atPlan := 0
	var durs []time.Duration
	for _, res := range results {
		if res.planRefused {
			atPlan++
		}
		durs = append(durs, res.run.dur)
	}
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	figure(t, "%d applies on %s started %s apart, in %s (each %s to %s); attachments: %d won, %d lost with %s (%d of them refused at plan, %d at apply); "+
		"addresses: %d won, %d lost with %s, %d not attempted (plan refused); servers at exact capacity: %d/%d; orphans: %d; invariant violations: %d",
		racers, st.kind, stagger, seconds(wall), seconds(durs[0]), seconds(durs[len(durs)-1]),
		attach["won"], attach[engine.CodeAttachmentLimitExceeded], engine.CodeAttachmentLimitExceeded, atPlan, attach[engine.CodeAttachmentLimitExceeded]-atPlan,
		spare["won"], spare[engine.CodeInsufficientFreeAddresses], engine.CodeInsufficientFreeAddresses, spare["not attempted"],
		len(l.servers)-countServersOff(ctx, st.eng, l), len(l.servers), orphans, bad.n)
}

// judgeRacer classifies one racer's outcome from its output and state, and
// reports anything a user should not have seen.
func judgeRacer(t *testing.T, bad *violations, i int, r *cliRun, st *testStore, l raceLayout) racerResult {
	t.Helper()
	server := l.servers[i%len(l.servers)].id
	res := racerResult{i: i, run: r}
	evs := events(r.stdout.Bytes())
	diags := errorDiagnostics(evs)
	res.state, _ = stateIDs(filepath.Join(r.dir, "terraform.tfstate"))
	res.planRefused = len(diags) > 0 && phaseOf(evs) == "plan"
	codes := map[string]string{} // address → code of its error
	for _, d := range diags {
		code := codeOf(d)
		ok := (d.Address == addrAttachment && code == engine.CodeAttachmentLimitExceeded) ||
			(d.Address == addrSpare && code == engine.CodeInsufficientFreeAddresses)
		if !ok {
			bad.add("racer %d: unexpected error on %q: %s: %s", i, d.Address, d.Summary, d.Detail)
			continue
		}
		codes[d.Address] = code
		// The loser must learn what it lost: the server or the subnet.
		if want := map[string]string{addrAttachment: server, addrSpare: l.scarce}[d.Address]; !strings.Contains(d.Detail, want) {
			bad.add("racer %d: the %s diagnostic does not name %s: %s", i, code, want, d.Detail)
		}
	}
	checkOutput(bad, fmt.Sprintf("racer %d", i), r, st, len(diags))
	switch {
	case res.state[addrAttachment] != "":
		res.attach = "won"
	case codes[addrAttachment] != "":
		res.attach = codes[addrAttachment]
	default:
		bad.add("racer %d: the attachment is neither in state nor refused with %s:\n%s", i, engine.CodeAttachmentLimitExceeded, r)
	}
	switch {
	case res.state[addrSpare] != "":
		res.spare = "won"
	case codes[addrSpare] != "":
		res.spare = codes[addrSpare]
	case res.planRefused:
		res.spare = "not attempted"
	default:
		bad.add("racer %d: the spare NIC is neither in state nor refused with %s:\n%s", i, engine.CodeInsufficientFreeAddresses, r)
	}
	if got := res.state[addrAttached] != ""; got == res.planRefused {
		bad.add("racer %d: NIC for the attachment in state: %v, plan refused: %v", i, got, res.planRefused)
	}
	return res
}

func countServersOff(ctx context.Context, eng *engine.Engine, l raceLayout) int {
	off := 0
	for _, s := range l.servers {
		if d, err := eng.GetServer(ctx, s.id); err != nil || len(d.NetworkInterfaceIDs) != s.max {
			off++
		}
	}
	return off
}

// checkAddressesUnique lists each subnet's NICs and reports any address held twice.
func checkAddressesUnique(t *testing.T, bad *violations, eng *engine.Engine, subnets ...string) {
	t.Helper()
	for _, s := range subnets {
		holders := map[string]string{}
		for _, n := range must(eng.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{SubnetID: s}))(t) {
			if other, dup := holders[n.PrivateIP]; dup {
				bad.add("address %s of subnet %s is held by %s and %s", n.PrivateIP, s, other, n.ID)
			}
			holders[n.PrivateIP] = n.ID
		}
	}
}

// checkRaceAgreement compares the engine with the racers' states: every NIC
// a racer made is in that racer's state, attached exactly when its state
// has the attachment. It returns how many engine objects no state records.
func checkRaceAgreement(t *testing.T, bad *violations, eng *engine.Engine, l raceLayout, results []racerResult) (orphans int) {
	t.Helper()
	owner := map[string]string{} // NIC ID → "racer i address"
	for _, res := range results {
		for addr, id := range res.state {
			if addr != addrAttachment {
				owner[id] = fmt.Sprintf("racer %d %s", res.i, addr)
			}
		}
	}
	for _, subnet := range []string{l.subnet, l.scarce} {
		for _, n := range must(eng.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{SubnetID: subnet}))(t) {
			if n.Primary || strings.HasPrefix(n.Name, "race-pre-") || strings.HasPrefix(n.Name, "race-filler-") {
				continue
			}
			var i int
			var role string
			if _, err := fmt.Sscanf(n.Name, "race-%d-%s", &i, &role); err != nil || i < 0 || i >= len(results) {
				bad.add("unexpected NIC %s named %q", n.ID, n.Name)
				continue
			}
			res := results[i]
			addr := "eni_network_interface." + role
			if res.state[addr] != n.ID {
				orphans++
				bad.add("NIC %s (%s) of racer %d is not in its state (state has %q)", n.ID, n.Name, i, res.state[addr])
				continue
			}
			delete(owner, n.ID)
			if role != "attached" {
				continue
			}
			inState := res.state[addrAttachment] != ""
			want := l.servers[i%len(l.servers)].id
			switch {
			case inState && n.ServerID != want:
				bad.add("racer %d's state has its attachment but NIC %s is on %q, not %s", i, n.ID, n.ServerID, want)
			case !inState && n.ServerID != "":
				orphans++
				bad.add("NIC %s of racer %d is attached to %s but no state records the attachment", n.ID, i, n.ServerID)
			}
		}
	}
	for id, who := range owner {
		bad.add("%s records %s, which the engine does not have", who, id)
	}
	return orphans
}
