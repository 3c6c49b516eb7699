// Package crossprocess races whole processes on one store (not Go's -race
// detector): a parent test re-runs its own binary as children that attach
// and allocate at once, and counts who won. It is how a store shows that its locking holds across processes,
// as separate provider processes share one store.
package crossprocess

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Environment of a race child process.
const (
	envStore  = "ENI_RACE_STORE"
	envServer = "ENI_RACE_SERVER"
	envNICs   = "ENI_RACE_NICS"
	envSubnet = "ENI_RACE_SUBNET"
	// The address race: the child's own NIC, whose secondary IPs it grows
	// one at a time, and the subnet where it also takes virtual IPs.
	envOwnNIC     = "ENI_RACE_OWN_NIC"
	envAddrSubnet = "ENI_RACE_ADDR_SUBNET"
	// The rule 15 race: a NIC every child binds virtual IPs to, and its subnet.
	envCapNIC    = "ENI_RACE_CAP_NIC"
	envCapSubnet = "ENI_RACE_CAP_SUBNET"
)

// Room in the address and rule 15 races, set up by Race.
const (
	addrSubnetCIDR = "10.0.10.0/27" // 29 addresses, one NIC per child in it
	capFlavor      = "s6.large.2"   // 4 private IPs per NIC: room for 3 virtual IPs
	capRoom        = 3
)

// allocsPerChild is how many addresses each child asks for.
const allocsPerChild = 4

// Race races whole processes on one store: each of processes
// children (the test binary re-run with childTest, which calls Child)
// attaches its own NICs to one server with 5 free slots, allocates
// addresses in one /28 subnet with 13, grows its own NIC's secondary IPs
// and takes virtual IPs in one subnet until none is left, and binds
// virtual IPs to one NIC with room for 3 more private IPs (rule 15).
// Exactly 5 attaches, 13 allocations, as many secondary and virtual IPs as
// the subnet has free addresses, and 3 binds may win; every loser must get
// the coded refusal, never a locking or serialization error, and no
// address may be handed out twice.
func Race(t *testing.T, f fixture.Factory, location, childTest string, processes int) {
	r := fixture.NewRegion(t, f, "")
	srv := r.Server("c7.4xlarge.2", r.SubnetA)
	tiny := r.Subnet(r.VPC.ID, "10.0.9.0/28", "local-1a")
	addrs := r.Subnet(r.VPC.ID, addrSubnetCIDR, "local-1a")
	capped := r.Server(capFlavor, r.SubnetA2)
	cmds := make([]*exec.Cmd, processes)
	for i := range cmds {
		var ids []string
		for range 3 {
			ids = append(ids, r.NIC(r.SubnetA).ID)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^"+childTest+"$", "-test.count=1")
		cmd.Env = append(os.Environ(), envStore+"="+location, envServer+"="+srv.ID,
			envNICs+"="+strings.Join(ids, ","), envSubnet+"="+tiny.ID,
			envOwnNIC+"="+r.NIC(addrs).ID, envAddrSubnet+"="+addrs.ID,
			envCapNIC+"="+capped.PrimaryNetworkInterfaceID, envCapSubnet+"="+r.SubnetA2.ID)
		cmds[i] = cmd
	}
	free := fixture.Must(r.Eng.GetSubnet(r.Ctx, addrs.ID))(t).AvailableIPCount
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
			if op, code, ok := strings.Cut(sc.Text(), "\t"); ok && slices.Contains([]string{"attach", "alloc", "address", "bind"}, op) {
				outcomes[op+" "+code]++
			} else if strings.Contains(sc.Text(), "failed") || strings.Contains(sc.Text(), "FAIL") {
				t.Errorf("child: %s", out)
			}
		}
	}
	want := map[string]int{
		"attach ok": 5, "attach " + engine.CodeAttachmentLimitExceeded: processes*3 - 5,
		"alloc ok": 13, "alloc " + engine.CodeInsufficientFreeAddresses: processes*allocsPerChild - 13,
		"address ok": free, "address " + engine.CodeInsufficientFreeAddresses: processes*2*allocsPerChild - free,
		"bind ok": capRoom, "bind " + engine.CodePrivateIPAddressLimitExceeded: processes*allocsPerChild - capRoom,
	}
	if fmt.Sprint(outcomes) != fmt.Sprint(want) {
		t.Fatalf("race outcomes %v, want %v", outcomes, want)
	}
	t.Logf("%d processes: %v", processes, outcomes)
	r.CheckInvariants()
	if d := fixture.Must(r.Eng.GetServer(r.Ctx, srv.ID))(t); d.FreeNetworkInterfaceSlots != 0 {
		t.Fatalf("server has %d free slots after the race", d.FreeNetworkInterfaceSlots)
	}
	if s := fixture.Must(r.Eng.GetSubnet(r.Ctx, addrs.ID))(t); s.AvailableIPCount != 0 {
		t.Fatalf("subnet %s has %d free addresses after the race", addrs.ID, s.AvailableIPCount)
	}
	bound := fixture.Must(r.Eng.ListVirtualIPs(r.Ctx, engine.VirtualIPFilter{NetworkInterfaceID: capped.PrimaryNetworkInterfaceID}))(t)
	if len(bound) != capRoom {
		t.Fatalf("%d virtual IPs bound to %s after the race, want %d", len(bound), capped.PrimaryNetworkInterfaceID, capRoom)
	}
}

// Child is the body of one child of Race; it does nothing unless
// started by Race. open opens the store a location names.
func Child(t *testing.T, open func(location string) (engine.Store, error)) {
	location := os.Getenv(envStore)
	if location == "" {
		t.Skip("runs only as a child process of Race")
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
	nics := strings.Split(os.Getenv(envNICs), ",")
	secondaries := 0 // this child is the only writer of its own NIC
	for i := 0; i < len(nics) || i < allocsPerChild; i++ {
		if i < len(nics) {
			_, err := eng.AttachNetworkInterface(ctx, engine.AttachInput{NetworkInterfaceID: nics[i], ServerID: os.Getenv(envServer)})
			report("attach", err)
		}
		if i < allocsPerChild {
			_, err := eng.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: os.Getenv(envSubnet), Name: "racer"})
			report("alloc", err)
			one := engine.AddressRequest{Count: secondaries + 1}
			_, err = eng.UpdateNetworkInterface(ctx, os.Getenv(envOwnNIC), engine.NetworkInterfaceUpdate{SecondaryPrivateIPs: &one})
			if err == nil {
				secondaries++
			}
			report("address", err)
			_, err = eng.CreateVirtualIP(ctx, engine.VirtualIPInput{SubnetID: os.Getenv(envAddrSubnet)})
			report("address", err)
			_, err = eng.CreateVirtualIP(ctx, engine.VirtualIPInput{SubnetID: os.Getenv(envCapSubnet), NetworkInterfaceID: os.Getenv(envCapNIC)})
			report("bind", err)
		}
	}
}
