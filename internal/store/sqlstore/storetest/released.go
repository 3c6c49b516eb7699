package storetest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// RunReleasedMigration checks that a store written before schema version 2
// lists, once migrated, every address its subnets have free below their
// cursors. rawDB opens the store's database without the store, to turn it
// back into a version 1 store (drop released_ips, record version 1).
func RunReleasedMigration(t *testing.T, open Opener, rawDB func() (*sql.DB, error)) {
	ctx := context.Background()
	s, err := open()
	if err != nil {
		t.Fatal(err)
	}
	// A /28 (hosts .1 to .14, gateway .1) whose cursor wrapped round to .6
	// under version 1, with .2, .4, .7 and .8 held.
	subnet := engine.Subnet{ID: "subnet-1", VPCID: "vpc-1", Name: "s", CIDR: "10.0.9.0/28", AvailabilityZone: "local-1a",
		GatewayIP: "10.0.9.1", FirstIP: ipNum("10.0.9.1"), LastIP: ipNum("10.0.9.14"), NextIP: ipNum("10.0.9.6")}
	err = s.Update(ctx, func(tx engine.Tx) error {
		if err := tx.InsertVPC(engine.VPC{ID: "vpc-1", Name: "v", CIDR: "10.0.0.0/16"}); err != nil {
			return err
		}
		if err := tx.InsertSubnet(subnet); err != nil {
			return err
		}
		for i, a := range []string{"10.0.9.2", "10.0.9.4", "10.0.9.7", "10.0.9.8"} {
			n := engine.NetworkInterface{ID: "eni-" + a, Name: "n", SubnetID: subnet.ID, VPCID: "vpc-1", AvailabilityZone: "local-1a",
				PrivateIP: a, MACAddress: "fa:16:3e:00:00:0" + string(rune('0'+i)), SecurityGroupIDs: []string{}}
			if err := tx.InsertNetworkInterface(n); err != nil {
				return err
			}
		}
		return nil
	})
	closeErr := s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if closeErr != nil {
		t.Fatal(closeErr)
	}
	// The downgrade writes at once and waits for no lock: Close has left
	// nothing of the store open.
	if err := downgradeToVersion1(rawDB); err != nil {
		t.Fatal(err)
	}

	s, err = open()
	if err != nil {
		t.Fatalf("migrate to version 2: %v", err)
	}
	defer s.Close()
	var got []uint32
	err = s.Update(ctx, func(tx engine.Tx) error {
		got = nil
		for {
			n, ok, err := tx.LowestReleasedIP(subnet.ID)
			if err != nil || !ok {
				return err
			}
			got = append(got, n)
			if err := tx.RemoveReleasedIP(subnet.ID, n); err != nil {
				return err
			}
		}
	})
	want := []uint32{ipNum("10.0.9.1"), ipNum("10.0.9.3"), ipNum("10.0.9.5")}
	if err != nil || len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("released after migration: %v (%v), want %v (.1, .3 and .5: free below the cursor .6)", got, err, want)
	}
}

// downgradeToVersion1 undoes migration 2 by hand, as a store written by a
// provider of schema version 1 would be.
func downgradeToVersion1(rawDB func() (*sql.DB, error)) error {
	db, err := rawDB()
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE released_ips`); err != nil {
		return err
	}
	_, err = db.Exec(`UPDATE schema_version SET version = 1`)
	return err
}
