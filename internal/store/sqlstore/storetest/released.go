package storetest

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"strconv"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore"
)

// A store of a released schema version is written here as a build of that
// version wrote it: its schema by sqlstore.CreateSchemaAt, its rows by
// plain SQL in the columns that version had. rawDB opens the store's
// database without the store; open opens it with this build, which
// migrates it.

// releasedStore writes the schema of version and rows into a fresh database.
func releasedStore(t *testing.T, rawDB func() (*sql.DB, error), version int, rows []string) {
	t.Helper()
	db, err := rawDB()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := sqlstore.CreateSchemaAt(ctx, db, version); err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if _, err := db.ExecContext(ctx, row); err != nil {
			t.Fatalf("write a version %d row: %v\n%s", version, err, row)
		}
	}
}

// RunReleasedMigration checks that a store written before schema version 2
// lists, once migrated, every address its subnets have free below their
// cursors.
func RunReleasedMigration(t *testing.T, open Opener, rawDB func() (*sql.DB, error)) {
	// A /28 (hosts .1 to .14, gateway .1) whose cursor wrapped round to .6
	// under version 1, with .2, .4, .7 and .8 held.
	rows := []string{
		`INSERT INTO vpcs (id, name, cidr, description) VALUES ('vpc-1', 'v', '10.0.0.0/16', '')`,
		`INSERT INTO subnets (id, vpc_id, name, cidr, availability_zone, gateway_ip, description, first_ip, last_ip, next_ip)
		VALUES ('subnet-1', 'vpc-1', 's', '10.0.9.0/28', 'local-1a', '10.0.9.1', '', ` + num("10.0.9.1") + `, ` + num("10.0.9.14") + `, ` + num("10.0.9.6") + `)`,
	}
	for i, a := range []string{"10.0.9.2", "10.0.9.4", "10.0.9.7", "10.0.9.8"} {
		rows = append(rows, `INSERT INTO network_interfaces (id, name, description, subnet_id, vpc_id, availability_zone, private_ip, ip_num, mac, is_primary)
		VALUES ('eni-`+a+`', 'n', '', 'subnet-1', 'vpc-1', 'local-1a', '`+a+`', `+num(a)+`, 'fa:16:3e:00:00:0`+string(rune('0'+i))+`', 0)`)
	}
	releasedStore(t, rawDB, 1, rows)

	s, err := open()
	if err != nil {
		t.Fatalf("migrate from version 1: %v", err)
	}
	defer s.Close()
	var got []uint32
	err = s.Update(context.Background(), func(tx engine.Tx) error {
		got = nil
		for {
			n, ok, err := tx.LowestReleasedIP("subnet-1")
			if err != nil || !ok {
				return err
			}
			got = append(got, n)
			if err := tx.RemoveReleasedIP("subnet-1", n); err != nil {
				return err
			}
		}
	})
	want := []uint32{ipNum("10.0.9.1"), ipNum("10.0.9.3"), ipNum("10.0.9.5")}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("released after migration: %v (%v), want %v (.1, .3 and .5: free below the cursor .6)", got, err, want)
	}
}

// RunVersion2Migration checks that a store of schema version 2 (the
// release before secondary and virtual IPs, IPv6 and tags) keeps every
// object once migrated, with the source/destination check on, no tags and
// a default route table for its VPC, and that its NICs' addresses count as
// held by the new address rules.
func RunVersion2Migration(t *testing.T, open Opener, rawDB func() (*sql.DB, error)) {
	// A /24 (.2 to .254, gateway .1) with its cursor at .6 and .4 given
	// back; server srv-1 with primary eni-p1 (.2) and eni-x (.3) attached,
	// eni-y (.5) available, an EIP on eni-x.
	releasedStore(t, rawDB, 2, []string{
		`INSERT INTO vpcs (id, name, cidr, description) VALUES ('vpc-1', 'main', '10.0.0.0/16', 'the vpc')`,
		`INSERT INTO subnets (id, vpc_id, name, cidr, availability_zone, gateway_ip, description, first_ip, last_ip, next_ip)
		VALUES ('subnet-1', 'vpc-1', 'a', '10.0.1.0/24', 'local-1a', '10.0.1.1', 'the subnet', ` + num("10.0.1.1") + `, ` + num("10.0.1.254") + `, ` + num("10.0.1.6") + `)`,
		`INSERT INTO released_ips (subnet_id, ip_num) VALUES ('subnet-1', ` + num("10.0.1.4") + `)`,
		`INSERT INTO security_groups (id, vpc_id, name, description, rules) VALUES ('sg-1', 'vpc-1', 'web', '',
		'[{"direction":"ingress","protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_cidr":"10.0.0.0/8"}]')`,
		`INSERT INTO servers (id, name, kind, flavor, availability_zone, vpc_id, subnet_id, primary_network_interface_id)
		VALUES ('srv-1', 'web', 'ecs', 'c7.large.2', 'local-1a', 'vpc-1', 'subnet-1', 'eni-p1')`,
		`INSERT INTO network_interfaces (id, name, description, subnet_id, vpc_id, availability_zone, private_ip, ip_num, mac, is_primary, server_id, device_index, attachment_id)
		VALUES ('eni-p1', 'web-primary', 'primary network interface of srv-1', 'subnet-1', 'vpc-1', 'local-1a', '10.0.1.2', ` + num("10.0.1.2") + `, 'fa:16:3e:00:00:01', 1, 'srv-1', 0, 'eni-attach-p1')`,
		`INSERT INTO network_interfaces (id, name, description, subnet_id, vpc_id, availability_zone, private_ip, ip_num, mac, is_primary, server_id, device_index, attachment_id)
		VALUES ('eni-x', 'x', '', 'subnet-1', 'vpc-1', 'local-1a', '10.0.1.3', ` + num("10.0.1.3") + `, 'fa:16:3e:00:00:02', 0, 'srv-1', 1, 'eni-attach-x')`,
		`INSERT INTO network_interfaces (id, name, description, subnet_id, vpc_id, availability_zone, private_ip, ip_num, mac, is_primary)
		VALUES ('eni-y', 'y', 'spare', 'subnet-1', 'vpc-1', 'local-1a', '10.0.1.5', ` + num("10.0.1.5") + `, 'fa:16:3e:00:00:03', 0)`,
		`INSERT INTO network_interface_security_groups (network_interface_id, security_group_id, position) VALUES ('eni-p1', 'sg-1', 0)`,
		`INSERT INTO network_interface_security_groups (network_interface_id, security_group_id, position) VALUES ('eni-y', 'sg-1', 0)`,
		`INSERT INTO eips (id, public_ip, ip_num, bandwidth_mbps, network_interface_id) VALUES ('eip-1', '198.18.0.1', ` + num("198.18.0.1") + `, 5, 'eni-x')`,
	})

	st, err := open()
	if err != nil {
		t.Fatalf("migrate from version 2: %v", err)
	}
	eng, err := engine.New(st, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := eng.Check(ctx); err != nil {
		t.Fatalf("invariants broken after migration: %v", err)
	}
	vpc, err := eng.GetVPC(ctx, "vpc-1")
	must(err)
	equal(t, "VPC", vpc, engine.VPC{ID: "vpc-1", Name: "main", CIDR: "10.0.0.0/16", Description: "the vpc", DefaultRouteTableID: "rtb-1"})
	sub, err := eng.GetSubnet(ctx, "subnet-1")
	must(err)
	// The VPC got its default route table (version 4), which its subnet uses.
	table, err := eng.GetRouteTableOfSubnet(ctx, "subnet-1")
	must(err)
	equal(t, "default route table", []any{table.ID, table.VPCID, table.Default, table.SubnetIDs, table.Routes, sub.RouteTableID, sub.NetworkACLID},
		[]any{"rtb-1", "vpc-1", true, []string{"subnet-1"},
			[]engine.Route{{RouteTableID: "rtb-1", DestinationCIDR: "10.0.0.0/16", NextHopType: engine.NextHopLocal}}, "rtb-1", ""})
	equal(t, "subnet cursor and free addresses", []any{sub.NextIP, sub.AvailableIPCount, sub.IPv6CIDR, sub.Tags == nil},
		[]any{ipNum("10.0.1.6"), 253 - 3, "", true})
	g, err := eng.GetSecurityGroup(ctx, "sg-1")
	must(err)
	equal(t, "security group rules", len(g.Rules), 1)
	srv, err := eng.GetServer(ctx, "srv-1")
	must(err)
	equal(t, "server NICs", srv.NetworkInterfaceIDs, []string{"eni-p1", "eni-x"})
	equal(t, "server primary IP and groups", []any{srv.PrivateIP, srv.SecurityGroupIDs}, []any{"10.0.1.2", []string{"sg-1"}})
	y, err := eng.GetNetworkInterface(ctx, "eni-y")
	must(err)
	equal(t, "available NIC", y, engine.NetworkInterface{ID: "eni-y", Name: "y", Description: "spare", SubnetID: "subnet-1", VPCID: "vpc-1",
		AvailabilityZone: "local-1a", PrivateIP: "10.0.1.5", MACAddress: "fa:16:3e:00:00:03", SecurityGroupIDs: []string{"sg-1"}, SourceDestCheck: true})
	eips, err := eng.ListEIPs(ctx)
	must(err)
	equal(t, "EIP", eips, []engine.EIP{{ID: "eip-1", PublicIP: "198.18.0.1", BandwidthMbps: 5, NetworkInterfaceID: "eni-x"}})

	// The NICs' addresses are held under the new rules: asked for as a
	// secondary or virtual IP they are refused, and allocation passes them.
	_, err = eng.UpdateNetworkInterface(ctx, "eni-y", engine.NetworkInterfaceUpdate{SecondaryPrivateIPs: &engine.AddressRequest{Addresses: []string{"10.0.1.3"}}})
	fixture.ExpectCode(t, err, engine.CodeIPAddressInUse, "10.0.1.3", "eni-x")
	_, err = eng.CreateVirtualIP(ctx, engine.VirtualIPInput{SubnetID: "subnet-1", IPAddress: "10.0.1.2"})
	fixture.ExpectCode(t, err, engine.CodeIPAddressInUse, "10.0.1.2", "eni-p1")
	y, err = eng.UpdateNetworkInterface(ctx, "eni-y", engine.NetworkInterfaceUpdate{SecondaryPrivateIPs: &engine.AddressRequest{Count: 2}})
	must(err)
	equal(t, "secondaries allocated after migration", y.SecondaryPrivateIPs, []string{"10.0.1.6", "10.0.1.7"})
	if err := errors.Join(eng.DeleteNetworkInterface(ctx, "eni-y"), eng.Check(ctx)); err != nil {
		t.Fatal(err)
	}
}

func num(a string) string { return strconv.FormatUint(uint64(ipNum(a)), 10) }
