package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// RunCloseReleases checks that Close leaves nothing of the store open, so
// that another process, or this one reopening, never meets a lock of it.
// Each of rounds rounds opens the store, uses it, closes it and at once
// calls takeOver, which claims the database in a way any connection of the
// store still open would refuse (an exclusive lock on a SQLite file, say)
// and then lets it go. A connection left open for a moment after Close
// shows in a few rounds of every hundred, so rounds weighs how surely a
// run catches one against its cost; go test -count multiplies them.
func RunCloseReleases(t *testing.T, rounds int, open Opener, takeOver func() error) {
	for round := range rounds {
		s, err := open()
		if err != nil {
			t.Fatalf("round %d: open: %v", round, err)
		}
		useErr := useOnce(s, round)
		if err := s.Close(); err != nil {
			t.Fatalf("round %d: close: %v", round, err)
		}
		if useErr != nil {
			t.Fatalf("round %d: %v", round, useErr)
		}
		if err := takeOver(); err != nil {
			t.Fatalf("round %d: the database is still held after Close: %v", round, err)
		}
	}
}

// useOnce writes and reads back a few rows in one transaction, as an
// apply does, through queries the store has not run since it opened. A
// store that prepares such queries on the side (SQLite's) is still
// preparing the last of them when Close comes.
func useOnce(s engine.Store, round int) error {
	vpc := engine.VPC{ID: fmt.Sprintf("vpc-close-%d", round), Name: "v", CIDR: "10.0.0.0/16"}
	subnet := engine.Subnet{ID: fmt.Sprintf("subnet-close-%d", round), VPCID: vpc.ID, Name: "s", CIDR: "10.0.1.0/24",
		AvailabilityZone: "local-1a", GatewayIP: "10.0.1.1", FirstIP: ipNum("10.0.1.2"), LastIP: ipNum("10.0.1.254"),
		NextIP: ipNum("10.0.1.2")}
	group := engine.SecurityGroup{ID: fmt.Sprintf("sg-close-%d", round), VPCID: vpc.ID, Name: "g"}
	nic := engine.NetworkInterface{ID: fmt.Sprintf("eni-close-%d", round), Name: "n", SubnetID: subnet.ID, VPCID: vpc.ID,
		AvailabilityZone: "local-1a", PrivateIP: "10.0.1.2", MACAddress: fmt.Sprintf("fa:16:3e:00:%02x:%02x", round/256, round%256),
		SecurityGroupIDs: []string{group.ID}}
	return s.Update(context.Background(), func(tx engine.Tx) error {
		if err := errors.Join(tx.InsertVPC(vpc), tx.InsertSubnet(subnet), tx.InsertSecurityGroup(group),
			tx.InsertNetworkInterface(nic)); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		_, errSubnet := tx.GetSubnet(subnet.ID)
		_, errGroup := tx.GetSecurityGroup(group.ID)
		_, errNIC := tx.GetNetworkInterface(nic.ID)
		_, errList := tx.ListNetworkInterfaces(engine.NetworkInterfaceFilter{SubnetID: subnet.ID})
		if err := errors.Join(errSubnet, errGroup, errNIC, errList); err != nil {
			return fmt.Errorf("read back: %w", err)
		}
		return nil
	})
}
