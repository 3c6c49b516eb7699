package enginetest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Environment of a race child process.
const (
	raceEnvStore  = "ENI_RACE_STORE"
	raceEnvServer = "ENI_RACE_SERVER"
	raceEnvNICs   = "ENI_RACE_NICS"
	raceEnvSubnet = "ENI_RACE_SUBNET"
	raceAllocs    = 4
)

// ProcessRace races whole processes on one store: each of processes
// children (the test binary re-run with childTest) attaches its own NICs to
// one server with 5 free slots and allocates addresses in one /28 subnet
// with 13. Exactly 5 attaches and 13 allocations may win; every loser must
// get the coded refusal, never a locking or serialization error.
func ProcessRace(t *testing.T, f Factory, location, childTest string, processes int) {
	r := newRegion(t, f, "")
	srv := r.server("c7.4xlarge.2", r.subnetA)
	tiny := r.subnet(r.vpc.ID, "10.0.9.0/28", "local-1a")
	cmds := make([]*exec.Cmd, processes)
	for i := range cmds {
		var ids []string
		for range 3 {
			ids = append(ids, r.nic(r.subnetA).ID)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^"+childTest+"$", "-test.count=1")
		cmd.Env = append(os.Environ(), raceEnvStore+"="+location, raceEnvServer+"="+srv.ID,
			raceEnvNICs+"="+strings.Join(ids, ","), raceEnvSubnet+"="+tiny.ID)
		cmds[i] = cmd
	}
	outcomes := map[string]int{}
	outs := make(chan []byte, processes)
	for _, cmd := range cmds {
		go func() {
			out, err := cmd.CombinedOutput()
			if err != nil {
				out = append(out, []byte("\nprocess failed: "+err.Error())...)
			}
			outs <- out
		}()
	}
	for range cmds {
		out := <-outs
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			if op, code, ok := strings.Cut(sc.Text(), "\t"); ok && (op == "attach" || op == "alloc") {
				outcomes[op+" "+code]++
			} else if strings.Contains(sc.Text(), "failed") || strings.Contains(sc.Text(), "FAIL") {
				t.Errorf("child: %s", out)
			}
		}
	}
	want := map[string]int{
		"attach ok": 5, "attach " + engine.CodeAttachmentLimitExceeded: processes*3 - 5,
		"alloc ok": 13, "alloc " + engine.CodeInsufficientFreeAddresses: processes*raceAllocs - 13,
	}
	if fmt.Sprint(outcomes) != fmt.Sprint(want) {
		t.Fatalf("race outcomes %v, want %v", outcomes, want)
	}
	t.Logf("%d processes: %v", processes, outcomes)
	r.checkInvariants()
	if d := must(r.eng.GetServer(r.ctx, srv.ID))(t); d.FreeNetworkInterfaceSlots != 0 {
		t.Fatalf("server has %d free slots after the race", d.FreeNetworkInterfaceSlots)
	}
}

// RaceChild is the body of one child of ProcessRace; it does nothing unless
// started by ProcessRace. open opens the store a location names.
func RaceChild(t *testing.T, open func(location string) (engine.Store, error)) {
	location := os.Getenv(raceEnvStore)
	if location == "" {
		t.Skip("runs only as a child process of ProcessRace")
	}
	st, err := open(location)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(st, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	ctx := context.Background()
	report := func(op string, err error) {
		code := "ok"
		if err != nil {
			if code = engine.CodeOf(err); code == "" {
				code = "uncoded: " + err.Error()
			}
		}
		fmt.Printf("%s\t%s\n", op, code)
	}
	nics := strings.Split(os.Getenv(raceEnvNICs), ",")
	for i := 0; i < len(nics) || i < raceAllocs; i++ {
		if i < len(nics) {
			_, err := eng.AttachNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: nics[i], ServerID: os.Getenv(raceEnvServer)})
			report("attach", err)
		}
		if i < raceAllocs {
			_, err := eng.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: os.Getenv(raceEnvSubnet), Name: "racer"})
			report("alloc", err)
		}
	}
}
