// Package storetest is the conformance suite every engine.Store passes:
// the same tests run against SQLite and PostgreSQL.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore"
)

// Opener opens one more handle on the same store, as another process would.
type Opener func() (engine.Store, error)

// FreshSchema makes an empty schema of its own on the PostgreSQL server db
// is connected to, dropped when tb ends, and returns serverURL with that
// schema first on its search_path: a place for one test's or benchmark's
// store, much quicker to create than a database and just as separate for
// tables. Its name starts with prefix.
func FreshSchema(tb testing.TB, db *sql.DB, serverURL, prefix string) string {
	tb.Helper()
	suffix := make([]byte, 6)
	rand.Read(suffix)
	name := prefix + hex.EncodeToString(suffix)
	if _, err := db.Exec(`CREATE SCHEMA ` + name); err != nil {
		tb.Fatalf("create schema %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if _, err := db.Exec(`DROP SCHEMA IF EXISTS ` + name + ` CASCADE`); err != nil {
			tb.Errorf("drop schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(serverURL)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// Run runs the suite. fresh makes a new, empty store for one test and
// returns how to open it.
func Run(t *testing.T, fresh func(t *testing.T) Opener) {
	tests := []struct {
		name string
		test func(t *testing.T, s engine.Store)
	}{
		{"VPCRoundTrip", testVPCRoundTrip},
		{"SubnetRoundTrip", testSubnetRoundTrip},
		{"SecurityGroupRoundTrip", testSecurityGroupRoundTrip},
		{"ServerRoundTrip", testServerRoundTrip},
		{"NetworkInterfaceRoundTrip", testNetworkInterfaceRoundTrip},
		{"EIPRoundTrip", testEIPRoundTrip},
		{"AddressesAndVirtualIPs", testAddressesAndVirtualIPs},
		{"RoutingRoundTrip", testRoutingRoundTrip},
		{"LongestPrefixRoute", testLongestPrefixRoute},
		{"SubnetHolding", testSubnetHolding},
		{"NotFound", testNotFound},
		{"UniqueConflicts", testUniqueConflicts},
		{"ForeignKeys", testForeignKeys},
		{"TxUsableAfterConflict", testTxUsableAfterConflict},
		{"FnErrorRollsBack", testFnErrorRollsBack},
		{"ViewRefusesWrites", testViewRefusesWrites},
		{"ListNetworkInterfacesFilters", testListNetworkInterfacesFilters},
		{"NetworkInterfaceOrder", testNetworkInterfaceOrder},
		{"DeleteNetworkInterfaceUnbindsEIP", testDeleteNetworkInterfaceUnbindsEIP},
		{"ServerAndPrimaryInEitherOrder", testServerAndPrimaryInEitherOrder},
		{"NextFreeIP", testNextFreeIP},
		{"NextFreePublicIP", testNextFreePublicIP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.test(t, openStore(t, fresh(t)))
		})
	}
	t.Run("ConcurrentWritersSerialize", func(t *testing.T) {
		testConcurrentWritersSerialize(t, fresh(t))
	})
	t.Run("ConcurrentOpenOfFreshStore", func(t *testing.T) {
		testConcurrentOpenOfFreshStore(t, fresh(t))
	})
}

func openStore(t *testing.T, open Opener) engine.Store {
	t.Helper()
	s, err := open()
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func update(t *testing.T, s engine.Store, fn func(engine.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func view(t *testing.T, s engine.Store, fn func(engine.Tx) error) {
	t.Helper()
	if err := s.View(context.Background(), fn); err != nil {
		t.Fatalf("View: %v", err)
	}
}

// The suite writes subnets' address ranges as the numbers the model keeps;
// the conversions are the engine fixture's, under the short names these
// tests read best with.
var ipNum, ipString = fixture.IPNumber, fixture.IPString

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want one wrapping %q", what, err, target)
	}
}

// Fixtures: a VPC with two subnets and two groups, and a server in subnet-a.

var (
	vpc1    = engine.VPC{ID: "vpc-1", Name: "main", CIDR: "10.0.0.0/16", Description: "the vpc"}
	subnetA = engine.Subnet{ID: "subnet-a", VPCID: "vpc-1", Name: "a", CIDR: "10.0.1.0/24", AvailabilityZone: "local-1a",
		GatewayIP: "10.0.1.1", FirstIP: ipNum("10.0.1.2"), LastIP: ipNum("10.0.1.254"), NextIP: ipNum("10.0.1.2")}
	subnetB = engine.Subnet{ID: "subnet-b", VPCID: "vpc-1", Name: "b", CIDR: "10.0.2.0/24", AvailabilityZone: "local-1b",
		GatewayIP: "10.0.2.1", FirstIP: ipNum("10.0.2.2"), LastIP: ipNum("10.0.2.254"), NextIP: ipNum("10.0.2.2")}
	sg1     = engine.SecurityGroup{ID: "sg-1", VPCID: "vpc-1", Name: "web"}
	sg2     = engine.SecurityGroup{ID: "sg-2", VPCID: "vpc-1", Name: "db"}
	server1 = engine.Server{ID: "srv-1", Name: "one", Kind: "ecs", Flavor: "c7.large.2", AvailabilityZone: "local-1a",
		VPCID: "vpc-1", SubnetID: "subnet-a", PrimaryNetworkInterfaceID: "eni-p1"}
	primary1 = engine.NetworkInterface{ID: "eni-p1", Name: "primary", SubnetID: "subnet-a", VPCID: "vpc-1",
		AvailabilityZone: "local-1a", PrivateIP: "10.0.1.2", MACAddress: "fa:16:3e:00:00:01", Primary: true,
		SecurityGroupIDs: []string{"sg-1"}, ServerID: "srv-1", DeviceIndex: 0, AttachmentID: "att-p1"}
)

func seed(t *testing.T, s engine.Store) {
	t.Helper()
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(
			tx.InsertVPC(vpc1),
			tx.InsertSubnet(subnetA),
			tx.InsertSubnet(subnetB),
			tx.InsertSecurityGroup(sg1),
			tx.InsertSecurityGroup(sg2),
			tx.InsertServer(server1),
			tx.InsertNetworkInterface(primary1),
		)
	})
}

func extension(id, subnet, ip, mac string, groups ...string) engine.NetworkInterface {
	zone := subnetA.AvailabilityZone
	if subnet == subnetB.ID {
		zone = subnetB.AvailabilityZone
	}
	return engine.NetworkInterface{ID: id, Name: id, SubnetID: subnet, VPCID: "vpc-1", AvailabilityZone: zone,
		PrivateIP: ip, MACAddress: mac, SecurityGroupIDs: groups}
}

func attached(n engine.NetworkInterface, server string, index int) engine.NetworkInterface {
	n.ServerID, n.DeviceIndex, n.AttachmentID = server, index, "att-"+n.ID
	return n
}

func testVPCRoundTrip(t *testing.T, s engine.Store) {
	other := engine.VPC{ID: "vpc-0", Name: "other", CIDR: "192.168.0.0/16"}
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.InsertVPC(vpc1), tx.InsertVPC(other))
	})
	changed := vpc1
	changed.Name, changed.Description = "renamed", "new words"
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetVPC(vpc1.ID)
		equal(t, "GetVPC", got, vpc1)
		list, err2 := tx.ListVPCs()
		equal(t, "ListVPCs", list, []engine.VPC{other, vpc1})
		return errors.Join(err, err2)
	})
	update(t, s, func(tx engine.Tx) error { return tx.UpdateVPC(changed) })
	update(t, s, func(tx engine.Tx) error {
		got, err := tx.GetVPC(vpc1.ID)
		equal(t, "GetVPC after update", got, changed)
		return errors.Join(err, tx.DeleteVPC(other.ID))
	})
	view(t, s, func(tx engine.Tx) error {
		_, err := tx.GetVPC(other.ID)
		wantErr(t, "GetVPC after delete", err, engine.ErrNotFound)
		list, err := tx.ListVPCs()
		equal(t, "ListVPCs after delete", list, []engine.VPC{changed})
		return err
	})
}

func testSubnetRoundTrip(t *testing.T, s engine.Store) {
	seed(t, s)
	// The top of the IPv4 space must survive the trip through BIGINT.
	high := engine.Subnet{ID: "subnet-high", VPCID: "vpc-1", Name: "high", CIDR: "255.255.255.0/24",
		AvailabilityZone: "local-1c", GatewayIP: "255.255.255.1", Description: "edge",
		FirstIP: ipNum("255.255.255.2"), LastIP: 0xFFFFFFFF, NextIP: 0xFFFFFFFE}
	update(t, s, func(tx engine.Tx) error { return tx.InsertSubnet(high) })
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetSubnet(high.ID)
		equal(t, "GetSubnet", got, high)
		all, err2 := tx.ListSubnets("")
		equal(t, "ListSubnets all", all, []engine.Subnet{subnetA, subnetB, high})
		none, err3 := tx.ListSubnets("vpc-none")
		equal(t, "ListSubnets of unknown vpc", len(none), 0)
		return errors.Join(err, err2, err3)
	})
	moved := subnetA
	moved.NextIP, moved.Name, moved.Description = ipNum("10.0.1.9"), "a2", "cursor moved"
	update(t, s, func(tx engine.Tx) error { return errors.Join(tx.UpdateSubnet(moved), tx.DeleteSubnet(high.ID)) })
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetSubnet(subnetA.ID)
		equal(t, "GetSubnet after update", got, moved)
		list, err2 := tx.ListSubnets("vpc-1")
		equal(t, "ListSubnets of vpc", list, []engine.Subnet{moved, subnetB})
		return errors.Join(err, err2)
	})
}

func testSecurityGroupRoundTrip(t *testing.T, s engine.Store) {
	seed(t, s)
	web := engine.SecurityGroup{ID: "sg-3", VPCID: "vpc-1", Name: "ssh", Description: "admin access",
		Rules: []engine.SecurityGroupRule{
			{Direction: "ingress", Protocol: "tcp", PortRangeMin: 22, PortRangeMax: 22, RemoteCIDR: "10.0.0.0/8"},
			{Direction: "egress", Protocol: "all", RemoteCIDR: "0.0.0.0/0"},
		}}
	update(t, s, func(tx engine.Tx) error { return tx.InsertSecurityGroup(web) })
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetSecurityGroup(web.ID)
		equal(t, "GetSecurityGroup", got, web)
		empty, err2 := tx.GetSecurityGroup(sg1.ID)
		equal(t, "GetSecurityGroup without rules", empty, sg1)
		return errors.Join(err, err2)
	})
	web.Rules = web.Rules[1:]
	web.Name = "egress-only"
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.UpdateSecurityGroup(web), tx.DeleteSecurityGroup(sg2.ID))
	})
	view(t, s, func(tx engine.Tx) error {
		list, err := tx.ListSecurityGroups("vpc-1")
		equal(t, "ListSecurityGroups", list, []engine.SecurityGroup{sg1, web})
		all, err2 := tx.ListSecurityGroups("")
		equal(t, "ListSecurityGroups all", all, []engine.SecurityGroup{sg1, web})
		return errors.Join(err, err2)
	})
}

func testServerRoundTrip(t *testing.T, s engine.Store) {
	seed(t, s)
	server2 := engine.Server{ID: "srv-2", Name: "two", Kind: "bms", Flavor: "physical.s4.large", AvailabilityZone: "local-1b",
		VPCID: "vpc-1", SubnetID: "subnet-b", PrimaryNetworkInterfaceID: "eni-p2"}
	primary2 := engine.NetworkInterface{ID: "eni-p2", SubnetID: "subnet-b", VPCID: "vpc-1", AvailabilityZone: "local-1b",
		PrivateIP: "10.0.2.2", MACAddress: "fa:16:3e:00:00:02", Primary: true, ServerID: "srv-2", AttachmentID: "att-p2"}
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.InsertServer(server2), tx.InsertNetworkInterface(primary2))
	})
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetServer(server2.ID)
		equal(t, "GetServer", got, server2)
		all, err2 := tx.ListServers("")
		equal(t, "ListServers all", all, []engine.Server{server1, server2})
		inB, err3 := tx.ListServers("subnet-b")
		equal(t, "ListServers of subnet-b", inB, []engine.Server{server2})
		return errors.Join(err, err2, err3)
	})
	resized := server1
	resized.Flavor, resized.Name = "c7.4xlarge.2", "one-big"
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.UpdateServer(resized), tx.DeleteNetworkInterface(primary2.ID), tx.DeleteServer(server2.ID))
	})
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetServer(server1.ID)
		equal(t, "GetServer after update", got, resized)
		_, err2 := tx.GetServer(server2.ID)
		wantErr(t, "GetServer after delete", err2, engine.ErrNotFound)
		return err
	})
}

func testNetworkInterfaceRoundTrip(t *testing.T, s engine.Store) {
	seed(t, s)
	eni := extension("eni-x", "subnet-a", "10.0.1.20", "fa:16:3e:00:00:20", "sg-2", "sg-1")
	update(t, s, func(tx engine.Tx) error { return tx.InsertNetworkInterface(eni) })
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetNetworkInterface(eni.ID)
		equal(t, "GetNetworkInterface (groups keep their order)", got, eni)
		equal(t, "status", got.Status(), engine.StatusAvailable)
		p, err2 := tx.GetNetworkInterface(primary1.ID)
		equal(t, "GetNetworkInterface primary", p, primary1)
		return errors.Join(err, err2)
	})
	in := attached(eni, "srv-1", 1)
	in.SecurityGroupIDs = []string{"sg-1"}
	in.Description = "now attached"
	update(t, s, func(tx engine.Tx) error { return tx.UpdateNetworkInterface(in) })
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetNetworkInterface(eni.ID)
		equal(t, "GetNetworkInterface attached", got, in)
		equal(t, "status", got.Status(), engine.StatusInUse)
		return err
	})
	// Detached, it keeps IP, MAC and groups but loses index and attachment.
	out := in
	out.ServerID, out.DeviceIndex, out.AttachmentID, out.SecurityGroupIDs = "", 0, "", nil
	update(t, s, func(tx engine.Tx) error { return tx.UpdateNetworkInterface(out) })
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetNetworkInterface(eni.ID)
		equal(t, "GetNetworkInterface detached", got, out)
		return err
	})
	update(t, s, func(tx engine.Tx) error { return tx.DeleteNetworkInterface(eni.ID) })
	view(t, s, func(tx engine.Tx) error {
		_, err := tx.GetNetworkInterface(eni.ID)
		wantErr(t, "GetNetworkInterface after delete", err, engine.ErrNotFound)
		return nil
	})
}

func testEIPRoundTrip(t *testing.T, s engine.Store) {
	seed(t, s)
	a := engine.EIP{ID: "eip-a", PublicIP: "203.0.113.10", BandwidthMbps: 5}
	b := engine.EIP{ID: "eip-b", PublicIP: "203.0.113.11", BandwidthMbps: 100, NetworkInterfaceID: "eni-p1"}
	update(t, s, func(tx engine.Tx) error { return errors.Join(tx.InsertEIP(b), tx.InsertEIP(a)) })
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetEIP(a.ID)
		equal(t, "GetEIP unbound", got, a)
		bound, err2 := tx.GetEIPByNetworkInterface("eni-p1")
		equal(t, "GetEIPByNetworkInterface", bound, b)
		_, err3 := tx.GetEIPByNetworkInterface("eni-none")
		wantErr(t, "GetEIPByNetworkInterface of a NIC without one", err3, engine.ErrNotFound)
		_, err4 := tx.GetEIPByNetworkInterface("")
		wantErr(t, "GetEIPByNetworkInterface of no NIC", err4, engine.ErrNotFound)
		list, err5 := tx.ListEIPs()
		equal(t, "ListEIPs", list, []engine.EIP{a, b})
		return errors.Join(err, err2, err5)
	})
	// Rebind: b lets go, a takes the NIC, in one transaction.
	b.NetworkInterfaceID, a.NetworkInterfaceID, a.BandwidthMbps = "", "eni-p1", 50
	update(t, s, func(tx engine.Tx) error { return errors.Join(tx.UpdateEIP(b), tx.UpdateEIP(a)) })
	view(t, s, func(tx engine.Tx) error {
		bound, err := tx.GetEIPByNetworkInterface("eni-p1")
		equal(t, "GetEIPByNetworkInterface after rebind", bound, a)
		return err
	})
	update(t, s, func(tx engine.Tx) error { return tx.DeleteEIP(b.ID) })
	view(t, s, func(tx engine.Tx) error {
		_, err := tx.GetEIP(b.ID)
		wantErr(t, "GetEIP after delete", err, engine.ErrNotFound)
		return nil
	})
}

func testNotFound(t *testing.T, s engine.Store) {
	seed(t, s)
	update(t, s, func(tx engine.Tx) error {
		checks := map[string]error{}
		_, checks["GetVPC"] = tx.GetVPC("nope")
		_, checks["GetSubnet"] = tx.GetSubnet("nope")
		_, checks["GetSecurityGroup"] = tx.GetSecurityGroup("nope")
		_, checks["GetServer"] = tx.GetServer("nope")
		_, checks["GetNetworkInterface"] = tx.GetNetworkInterface("nope")
		_, checks["GetEIP"] = tx.GetEIP("nope")
		checks["UpdateVPC"] = tx.UpdateVPC(engine.VPC{ID: "nope"})
		checks["UpdateSubnet"] = tx.UpdateSubnet(engine.Subnet{ID: "nope", VPCID: "vpc-1"})
		checks["UpdateSecurityGroup"] = tx.UpdateSecurityGroup(engine.SecurityGroup{ID: "nope", VPCID: "vpc-1"})
		checks["UpdateServer"] = tx.UpdateServer(engine.Server{ID: "nope", SubnetID: "subnet-a"})
		checks["UpdateNetworkInterface"] = tx.UpdateNetworkInterface(extension("nope", "subnet-a", "10.0.1.99", "fa:16:3e:00:00:99"))
		checks["UpdateEIP"] = tx.UpdateEIP(engine.EIP{ID: "nope", PublicIP: "203.0.113.99"})
		checks["DeleteVPC"] = tx.DeleteVPC("nope")
		checks["DeleteSubnet"] = tx.DeleteSubnet("nope")
		checks["DeleteSecurityGroup"] = tx.DeleteSecurityGroup("nope")
		checks["DeleteServer"] = tx.DeleteServer("nope")
		checks["DeleteNetworkInterface"] = tx.DeleteNetworkInterface("nope")
		checks["DeleteEIP"] = tx.DeleteEIP("nope")
		for name, err := range checks {
			wantErr(t, name, err, engine.ErrNotFound)
		}
		return nil
	})
}

func testUniqueConflicts(t *testing.T, s engine.Store) {
	seed(t, s)
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(
			tx.InsertNetworkInterface(attached(extension("eni-1", "subnet-a", "10.0.1.10", "fa:16:3e:00:00:10"), "srv-1", 1)),
			tx.InsertNetworkInterface(extension("eni-2", "subnet-a", "10.0.1.11", "fa:16:3e:00:00:11")),
			tx.InsertEIP(engine.EIP{ID: "eip-1", PublicIP: "203.0.113.1", BandwidthMbps: 5, NetworkInterfaceID: "eni-1"}),
			tx.InsertAddress(engine.HeldAddress{SubnetID: "subnet-a", Address: "10.0.1.12", Holder: "eni-2", Kind: engine.AddressSecondary}),
			tx.InsertVirtualIP(engine.VirtualIP{ID: "vip-1", SubnetID: "subnet-a", IPAddress: "10.0.1.13"}),
			tx.InsertAddress(engine.HeldAddress{SubnetID: "subnet-a", Address: "fd00::5", Holder: "eni-2", Kind: engine.AddressIPv6}),
		)
	})
	cases := []struct {
		name  string
		write func(engine.Tx) error
	}{
		{"duplicate VPC id", func(tx engine.Tx) error { return tx.InsertVPC(vpc1) }},
		{"duplicate subnet id", func(tx engine.Tx) error { return tx.InsertSubnet(subnetA) }},
		{"duplicate security group id", func(tx engine.Tx) error { return tx.InsertSecurityGroup(sg1) }},
		{"duplicate server id", func(tx engine.Tx) error { return tx.InsertServer(server1) }},
		{"duplicate NIC id", func(tx engine.Tx) error {
			return tx.InsertNetworkInterface(extension("eni-1", "subnet-a", "10.0.1.50", "fa:16:3e:00:00:50"))
		}},
		{"IP taken in the subnet", func(tx engine.Tx) error {
			return tx.InsertNetworkInterface(extension("eni-3", "subnet-a", "10.0.1.10", "fa:16:3e:00:00:30"))
		}},
		{"MAC taken", func(tx engine.Tx) error {
			return tx.InsertNetworkInterface(extension("eni-3", "subnet-b", "10.0.2.30", "fa:16:3e:00:00:10"))
		}},
		{"IP taken, by update", func(tx engine.Tx) error {
			return tx.UpdateNetworkInterface(extension("eni-2", "subnet-a", "10.0.1.10", "fa:16:3e:00:00:11"))
		}},
		{"device index taken on the server", func(tx engine.Tx) error {
			return tx.UpdateNetworkInterface(attached(extension("eni-2", "subnet-a", "10.0.1.11", "fa:16:3e:00:00:11"), "srv-1", 1))
		}},
		{"duplicate group on one NIC", func(tx engine.Tx) error {
			return tx.UpdateNetworkInterface(extension("eni-2", "subnet-a", "10.0.1.11", "fa:16:3e:00:00:11", "sg-1", "sg-1"))
		}},
		{"duplicate EIP id", func(tx engine.Tx) error {
			return tx.InsertEIP(engine.EIP{ID: "eip-1", PublicIP: "203.0.113.2"})
		}},
		{"public IP taken", func(tx engine.Tx) error {
			return tx.InsertEIP(engine.EIP{ID: "eip-2", PublicIP: "203.0.113.1"})
		}},
		{"NIC already has an EIP", func(tx engine.Tx) error {
			return tx.InsertEIP(engine.EIP{ID: "eip-2", PublicIP: "203.0.113.2", NetworkInterfaceID: "eni-1"})
		}},
		// One address of a subnet has one holder, whatever holds it.
		{"secondary IP on a primary", func(tx engine.Tx) error {
			return tx.InsertAddress(engine.HeldAddress{SubnetID: "subnet-a", Address: "10.0.1.10", Holder: "eni-2", Kind: engine.AddressSecondary})
		}},
		{"primary on a secondary IP", func(tx engine.Tx) error {
			return tx.InsertNetworkInterface(extension("eni-3", "subnet-a", "10.0.1.12", "fa:16:3e:00:00:30"))
		}},
		{"virtual IP on a secondary IP", func(tx engine.Tx) error {
			return tx.InsertVirtualIP(engine.VirtualIP{ID: "vip-2", SubnetID: "subnet-a", IPAddress: "10.0.1.12"})
		}},
		{"secondary IP on a virtual IP", func(tx engine.Tx) error {
			return tx.InsertAddress(engine.HeldAddress{SubnetID: "subnet-a", Address: "10.0.1.13", Holder: "eni-1", Kind: engine.AddressSecondary})
		}},
		{"duplicate virtual IP id", func(tx engine.Tx) error {
			return tx.InsertVirtualIP(engine.VirtualIP{ID: "vip-1", SubnetID: "subnet-a", IPAddress: "10.0.1.40"})
		}},
		{"IPv6 address taken", func(tx engine.Tx) error {
			return tx.InsertAddress(engine.HeldAddress{SubnetID: "subnet-a", Address: "fd00:0:0:0::5", Holder: "eni-1", Kind: engine.AddressIPv6})
		}},
	}
	for _, c := range cases {
		err := s.Update(context.Background(), c.write)
		wantErr(t, c.name, err, engine.ErrConflict)
	}
	// An IP is unique per subnet only.
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.InsertNetworkInterface(extension("eni-3", "subnet-b", "10.0.1.10", "fa:16:3e:00:00:30")),
			tx.InsertAddress(engine.HeldAddress{SubnetID: "subnet-b", Address: "10.0.1.12", Holder: "eni-3", Kind: engine.AddressSecondary}))
	})
}

func testAddressesAndVirtualIPs(t *testing.T, s engine.Store) {
	seed(t, s)
	eni := extension("eni-x", "subnet-a", "10.0.1.20", "fa:16:3e:00:00:20")
	vip := engine.VirtualIP{ID: "vip-1", SubnetID: "subnet-a", IPAddress: "10.0.1.30", Tags: map[string]string{"role": "vip"}}
	update(t, s, func(tx engine.Tx) error {
		err := errors.Join(tx.InsertNetworkInterface(eni), tx.InsertVirtualIP(vip))
		for _, a := range []string{"10.0.1.100", "10.0.1.21", "10.0.1.9"} {
			err = errors.Join(err, tx.InsertAddress(engine.HeldAddress{SubnetID: "subnet-a", Address: a, Holder: eni.ID, Kind: engine.AddressSecondary}))
		}
		for _, a := range []string{"fd00::10", "fd00::9"} {
			err = errors.Join(err, tx.InsertAddress(engine.HeldAddress{SubnetID: "subnet-a", Address: a, Holder: eni.ID, Kind: engine.AddressIPv6}))
		}
		return err
	})
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetNetworkInterface(eni.ID)
		equal(t, "secondary IPs, in address order", got.SecondaryPrivateIPs, []string{"10.0.1.9", "10.0.1.21", "10.0.1.100"})
		equal(t, "IPv6 addresses, in address order", got.IPv6Addresses, []string{"fd00::9", "fd00::10"})
		list, err2 := tx.ListNetworkInterfaces(engine.NetworkInterfaceFilter{SubnetID: "subnet-a"})
		equal(t, "listed NICs", len(list), 2)
		equal(t, "listed secondary IPs", list[1].SecondaryPrivateIPs, got.SecondaryPrivateIPs)
		held, err3 := tx.GetAddress("subnet-a", "10.0.1.21")
		equal(t, "holder of a secondary IP", held, engine.HeldAddress{SubnetID: "subnet-a", Address: "10.0.1.21", Holder: eni.ID, Kind: engine.AddressSecondary})
		primary, err4 := tx.GetAddress("subnet-a", "10.0.1.20")
		equal(t, "holder of a primary IP", primary.Kind, engine.AddressPrimary)
		count, err5 := tx.CountIPv4Addresses("subnet-a")
		equal(t, "IPv4 addresses given out (primaries, secondaries, virtual)", count, 6)
		v, err6 := tx.GetVirtualIP(vip.ID)
		equal(t, "GetVirtualIP", v, vip)
		_, err7 := tx.GetAddress("subnet-a", "10.0.1.99")
		wantErr(t, "GetAddress of a free address", err7, engine.ErrNotFound)
		next, ok, err8 := tx.NextFreeIP("subnet-a", ipNum("10.0.1.20"), ipNum("10.0.1.254"))
		equal(t, "NextFreeIP skips secondaries and virtual IPs", []any{ipString(next), ok}, []any{"10.0.1.22", true})
		return errors.Join(err, err2, err3, err4, err5, err6, err8)
	})
	vip.NetworkInterfaceID, vip.Tags = eni.ID, nil
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.UpdateVirtualIP(vip), tx.DeleteAddress("subnet-a", "10.0.1.21"))
	})
	view(t, s, func(tx engine.Tx) error {
		bound, err := tx.ListVirtualIPs(engine.VirtualIPFilter{NetworkInterfaceID: eni.ID})
		equal(t, "bound virtual IPs", bound, []engine.VirtualIP{vip})
		got, err2 := tx.GetNetworkInterface(eni.ID)
		equal(t, "secondary IPs after one is taken back", got.SecondaryPrivateIPs, []string{"10.0.1.9", "10.0.1.100"})
		return errors.Join(err, err2)
	})
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.DeleteVirtualIP(vip.ID), tx.DeleteNetworkInterface(eni.ID))
	})
	view(t, s, func(tx engine.Tx) error {
		count, err := tx.CountIPv4Addresses("subnet-a")
		equal(t, "addresses left once their holders are gone (the seed's primary)", count, 1)
		_, err2 := tx.GetAddress("subnet-a", "fd00::9")
		wantErr(t, "IPv6 address of a deleted NIC", err2, engine.ErrNotFound)
		return err
	})
}

func testForeignKeys(t *testing.T, s engine.Store) {
	seed(t, s)
	cases := []struct {
		name  string
		write func(engine.Tx) error
	}{
		{"subnet in a missing VPC", func(tx engine.Tx) error {
			sub := subnetB
			sub.ID, sub.VPCID = "subnet-x", "vpc-missing"
			return tx.InsertSubnet(sub)
		}},
		{"NIC in a missing subnet", func(tx engine.Tx) error {
			return tx.InsertNetworkInterface(extension("eni-x", "subnet-missing", "10.0.9.9", "fa:16:3e:00:09:09"))
		}},
		{"NIC with a missing group", func(tx engine.Tx) error {
			return tx.InsertNetworkInterface(extension("eni-x", "subnet-a", "10.0.1.9", "fa:16:3e:00:09:09", "sg-missing"))
		}},
		{"delete a VPC with subnets", func(tx engine.Tx) error { return tx.DeleteVPC("vpc-1") }},
		{"delete a subnet with NICs", func(tx engine.Tx) error { return tx.DeleteSubnet("subnet-a") }},
		{"delete a group in use", func(tx engine.Tx) error { return tx.DeleteSecurityGroup("sg-1") }},
	}
	for _, c := range cases {
		err := s.Update(context.Background(), c.write)
		wantErr(t, c.name, err, sqlstore.ErrForeignKey)
		if errors.Is(err, engine.ErrConflict) {
			t.Errorf("%s: a foreign key error must not read as a unique conflict: %v", c.name, err)
		}
	}
	// A server's NICs are checked at commit: leaving one pointing at a
	// deleted server fails the whole transaction.
	err := s.Update(context.Background(), func(tx engine.Tx) error { return tx.DeleteServer("srv-1") })
	if err == nil {
		t.Fatal("deleting a server that still has NICs committed")
	}
	view(t, s, func(tx engine.Tx) error {
		_, err := tx.GetServer("srv-1")
		return err
	})
}

func testTxUsableAfterConflict(t *testing.T, s engine.Store) {
	seed(t, s)
	update(t, s, func(tx engine.Tx) error {
		// The engine may try an address, meet a conflict and try the next.
		err := tx.InsertNetworkInterface(extension("eni-x", "subnet-a", "10.0.1.2", "fa:16:3e:00:00:40", "sg-1"))
		wantErr(t, "insert on a taken IP", err, engine.ErrConflict)
		return tx.InsertNetworkInterface(extension("eni-x", "subnet-a", "10.0.1.3", "fa:16:3e:00:00:40", "sg-1"))
	})
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetNetworkInterface("eni-x")
		equal(t, "NIC written after a conflict", got.PrivateIP, "10.0.1.3")
		equal(t, "its groups", got.SecurityGroupIDs, []string{"sg-1"})
		return err
	})
}

func testFnErrorRollsBack(t *testing.T, s engine.Store) {
	seed(t, s)
	refusal := errors.New("refused by the engine")
	err := s.Update(context.Background(), func(tx engine.Tx) error {
		changed := vpc1
		changed.Name = "should not stick"
		if err := tx.UpdateVPC(changed); err != nil {
			return err
		}
		if err := tx.InsertVPC(engine.VPC{ID: "vpc-2", CIDR: "10.1.0.0/16"}); err != nil {
			return err
		}
		return refusal
	})
	if err != refusal {
		t.Fatalf("Update returned %v, want fn's own error unchanged", err)
	}
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetVPC(vpc1.ID)
		equal(t, "VPC after rollback", got, vpc1)
		_, err2 := tx.GetVPC("vpc-2")
		wantErr(t, "VPC inserted before rollback", err2, engine.ErrNotFound)
		return err
	})
}

func nicIDs(nics []engine.NetworkInterface) []string {
	ids := make([]string, len(nics))
	for i, n := range nics {
		ids[i] = n.ID
	}
	return ids
}

func testListNetworkInterfacesFilters(t *testing.T, s engine.Store) {
	seed(t, s)
	a := attached(extension("eni-a", "subnet-a", "10.0.1.10", "fa:16:3e:00:00:0a", "sg-2"), "srv-1", 1)
	b := extension("eni-b", "subnet-a", "10.0.1.11", "fa:16:3e:00:00:0b", "sg-1", "sg-2")
	c := extension("eni-c", "subnet-b", "10.0.2.10", "fa:16:3e:00:00:0c")
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.InsertNetworkInterface(a), tx.InsertNetworkInterface(b), tx.InsertNetworkInterface(c))
	})
	cases := []struct {
		name   string
		filter engine.NetworkInterfaceFilter
		want   []string
	}{
		{"everything", engine.NetworkInterfaceFilter{}, []string{"eni-p1", "eni-a", "eni-b", "eni-c"}},
		{"server", engine.NetworkInterfaceFilter{ServerID: "srv-1"}, []string{"eni-p1", "eni-a"}},
		{"subnet", engine.NetworkInterfaceFilter{SubnetID: "subnet-a"}, []string{"eni-p1", "eni-a", "eni-b"}},
		{"vpc", engine.NetworkInterfaceFilter{VPCID: "vpc-1"}, []string{"eni-p1", "eni-a", "eni-b", "eni-c"}},
		{"other vpc", engine.NetworkInterfaceFilter{VPCID: "vpc-2"}, nil},
		{"security group", engine.NetworkInterfaceFilter{SecurityGroupID: "sg-2"}, []string{"eni-a", "eni-b"}},
		{"mac", engine.NetworkInterfaceFilter{MACAddress: "fa:16:3e:00:00:0b"}, []string{"eni-b"}},
		{"private ip", engine.NetworkInterfaceFilter{PrivateIP: "10.0.1.11"}, []string{"eni-b"}},
		{"private ip in a subnet", engine.NetworkInterfaceFilter{SubnetID: "subnet-b", PrivateIP: "10.0.1.11"}, nil},
		{"available", engine.NetworkInterfaceFilter{Status: engine.StatusAvailable}, []string{"eni-b", "eni-c"}},
		{"in use", engine.NetworkInterfaceFilter{Status: engine.StatusInUse}, []string{"eni-p1", "eni-a"}},
		{"all fields", engine.NetworkInterfaceFilter{ServerID: "srv-1", SubnetID: "subnet-a", VPCID: "vpc-1",
			SecurityGroupID: "sg-2", MACAddress: "fa:16:3e:00:00:0a", PrivateIP: "10.0.1.10", Status: engine.StatusInUse},
			[]string{"eni-a"}},
	}
	view(t, s, func(tx engine.Tx) error {
		for _, c := range cases {
			nics, err := tx.ListNetworkInterfaces(c.filter)
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			if len(nics) > 0 || len(c.want) > 0 {
				equal(t, "ListNetworkInterfaces "+c.name, nicIDs(nics), c.want)
			}
			n, err := tx.CountNetworkInterfaces(c.filter)
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			equal(t, "CountNetworkInterfaces "+c.name, n, len(c.want))
		}
		// Listed NICs carry their groups, in order.
		nics, err := tx.ListNetworkInterfaces(engine.NetworkInterfaceFilter{SubnetID: "subnet-a"})
		equal(t, "listed NICs", nics, []engine.NetworkInterface{primary1, a, b})
		_, badStatus := tx.ListNetworkInterfaces(engine.NetworkInterfaceFilter{Status: "attaching"})
		if badStatus == nil {
			t.Error("an unknown status filter was accepted")
		}
		return err
	})
}

func testNetworkInterfaceOrder(t *testing.T, s engine.Store) {
	seed(t, s)
	// Inserted out of order: ids and device indexes disagree on purpose.
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(
			tx.InsertNetworkInterface(attached(extension("eni-1", "subnet-a", "10.0.1.10", "fa:16:3e:00:00:10"), "srv-1", 3)),
			tx.InsertNetworkInterface(attached(extension("eni-2", "subnet-a", "10.0.1.11", "fa:16:3e:00:00:11"), "srv-1", 1)),
			tx.InsertNetworkInterface(attached(extension("eni-0", "subnet-a", "10.0.1.12", "fa:16:3e:00:00:12"), "srv-1", 2)),
		)
	})
	view(t, s, func(tx engine.Tx) error {
		nics, err := tx.ListNetworkInterfaces(engine.NetworkInterfaceFilter{ServerID: "srv-1"})
		equal(t, "a server's NICs: primary first, then by device index", nicIDs(nics),
			[]string{"eni-p1", "eni-2", "eni-0", "eni-1"})
		return err
	})
}

func testDeleteNetworkInterfaceUnbindsEIP(t *testing.T, s engine.Store) {
	seed(t, s)
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(
			tx.InsertNetworkInterface(extension("eni-x", "subnet-a", "10.0.1.10", "fa:16:3e:00:00:10", "sg-1", "sg-2")),
			tx.InsertEIP(engine.EIP{ID: "eip-1", PublicIP: "203.0.113.1", BandwidthMbps: 5, NetworkInterfaceID: "eni-x"}),
		)
	})
	update(t, s, func(tx engine.Tx) error { return tx.DeleteNetworkInterface("eni-x") })
	update(t, s, func(tx engine.Tx) error {
		eip, err := tx.GetEIP("eip-1")
		equal(t, "EIP of a deleted NIC", eip.NetworkInterfaceID, "")
		n, err2 := tx.CountNetworkInterfaces(engine.NetworkInterfaceFilter{SecurityGroupID: "sg-2"})
		equal(t, "NICs left in sg-2", n, 0)
		return errors.Join(err, err2, tx.DeleteSecurityGroup("sg-2"))
	})
}

func testViewRefusesWrites(t *testing.T, s engine.Store) {
	err := s.View(context.Background(), func(tx engine.Tx) error { return tx.InsertVPC(vpc1) })
	if err == nil {
		t.Fatal("a write inside View succeeded")
	}
	view(t, s, func(tx engine.Tx) error {
		_, err := tx.GetVPC(vpc1.ID)
		wantErr(t, "VPC written inside View", err, engine.ErrNotFound)
		return nil
	})
}

func testServerAndPrimaryInEitherOrder(t *testing.T, s engine.Store) {
	seed(t, s)
	server2 := server1
	server2.ID, server2.PrimaryNetworkInterfaceID = "srv-2", "eni-p2"
	primary2 := primary1
	primary2.ID, primary2.ServerID, primary2.PrivateIP, primary2.MACAddress = "eni-p2", "srv-2", "10.0.1.3", "fa:16:3e:00:00:02"
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.InsertNetworkInterface(primary2), tx.InsertServer(server2))
	})
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.DeleteServer(server2.ID), tx.DeleteNetworkInterface(primary2.ID))
	})
	view(t, s, func(tx engine.Tx) error {
		n, err := tx.CountNetworkInterfaces(engine.NetworkInterfaceFilter{})
		equal(t, "NICs left", n, 1)
		return err
	})
}

func testNextFreeIP(t *testing.T, s engine.Store) {
	seed(t, s) // holds 10.0.1.2 in subnet-a
	take := func(ips ...string) {
		t.Helper()
		update(t, s, func(tx engine.Tx) error {
			var errs []error
			for _, ip := range ips {
				n := ipNum(ip)
				errs = append(errs, tx.InsertNetworkInterface(extension("eni-"+ip, "subnet-a", ip, fmt.Sprintf("fa:16:3e:%02x:%02x:%02x", byte(n>>16), byte(n>>8), byte(n)))))
			}
			return errors.Join(errs...)
		})
	}
	next := func(subnet, from, to string) string {
		t.Helper()
		var got string
		view(t, s, func(tx engine.Tx) error {
			ip, ok, err := tx.NextFreeIP(subnet, ipNum(from), ipNum(to))
			if ok {
				got = ipString(ip)
			}
			return err
		})
		return got
	}
	equal(t, "empty subnet", next("subnet-b", "10.0.2.2", "10.0.2.254"), "10.0.2.2")
	equal(t, "first address taken", next("subnet-a", "10.0.1.2", "10.0.1.254"), "10.0.1.3")
	equal(t, "from above the taken one", next("subnet-a", "10.0.1.3", "10.0.1.254"), "10.0.1.3")
	take("10.0.1.3", "10.0.1.4", "10.0.1.6", "10.0.1.7", "10.0.1.9")
	equal(t, "first gap", next("subnet-a", "10.0.1.2", "10.0.1.254"), "10.0.1.5")
	equal(t, "from inside a run", next("subnet-a", "10.0.1.6", "10.0.1.254"), "10.0.1.8")
	equal(t, "from a free address past gaps", next("subnet-a", "10.0.1.8", "10.0.1.254"), "10.0.1.8")
	equal(t, "range ends on the free one", next("subnet-a", "10.0.1.6", "10.0.1.8"), "10.0.1.8")
	equal(t, "range of one taken address", next("subnet-a", "10.0.1.9", "10.0.1.9"), "")
	equal(t, "full range", next("subnet-a", "10.0.1.2", "10.0.1.4"), "")
	equal(t, "other subnet's addresses do not count", next("subnet-b", "10.0.1.2", "10.0.1.254"), "10.0.1.2")
	take("10.0.1.5", "10.0.1.8")
	equal(t, "gaps filled", next("subnet-a", "10.0.1.2", "10.0.1.254"), "10.0.1.10")
	equal(t, "whole run taken", next("subnet-a", "10.0.1.2", "10.0.1.9"), "")
	equal(t, "empty range", next("subnet-a", "10.0.1.9", "10.0.1.2"), "")
}

func testNextFreePublicIP(t *testing.T, s engine.Store) {
	next := func(from, to string) string {
		t.Helper()
		var got string
		view(t, s, func(tx engine.Tx) error {
			ip, ok, err := tx.NextFreePublicIP(ipNum(from), ipNum(to))
			if ok {
				got = ipString(ip)
			}
			return err
		})
		return got
	}
	equal(t, "empty pool", next("203.0.113.1", "203.0.113.254"), "203.0.113.1")
	update(t, s, func(tx engine.Tx) error {
		var errs []error
		for _, last := range []int{1, 2, 4, 254} {
			ip := "203.0.113." + strconv.Itoa(last)
			errs = append(errs, tx.InsertEIP(engine.EIP{ID: "eip-" + ip, PublicIP: ip, BandwidthMbps: 5}))
		}
		return errors.Join(errs...)
	})
	equal(t, "first gap", next("203.0.113.1", "203.0.113.254"), "203.0.113.3")
	equal(t, "full range", next("203.0.113.1", "203.0.113.2"), "")
	equal(t, "last address", next("203.0.113.253", "203.0.113.254"), "203.0.113.253")
	equal(t, "top of the range taken", next("203.0.113.254", "203.0.113.254"), "")
	equal(t, "top of the IPv4 space", next("255.255.255.255", "255.255.255.255"), "255.255.255.255")
}

// testConcurrentWritersSerialize runs read-modify-write transactions from
// several handles at once, as several provider processes would: every
// increment must land, and no caller may see a busy or locked error.
func testConcurrentWritersSerialize(t *testing.T, open Opener) {
	const handles, workers, rounds = 3, 3, 15
	first := openStore(t, open)
	update(t, first, func(tx engine.Tx) error {
		return tx.InsertVPC(engine.VPC{ID: "counter", CIDR: "10.0.0.0/16", Description: "0"})
	})
	stores := []engine.Store{first}
	for len(stores) < handles {
		stores = append(stores, openStore(t, open))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, handles*workers)
	for _, s := range stores {
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range rounds {
					if err := s.Update(ctx, Increment); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Update: %v", err)
	}
	view(t, first, func(tx engine.Tx) error {
		v, err := tx.GetVPC("counter")
		equal(t, "increments that landed", v.Description, strconv.Itoa(handles*workers*rounds))
		return err
	})
}

// Increment adds one to the number in the description of the VPC
// "counter" in one read-modify-write transaction: an increment is lost if
// two writers' transactions ever interleave.
func Increment(tx engine.Tx) error {
	v, err := tx.GetVPC("counter")
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(v.Description)
	if err != nil {
		return err
	}
	v.Description = strconv.Itoa(n + 1)
	return tx.UpdateVPC(v)
}

// testConcurrentOpenOfFreshStore opens an empty store from several handles
// at once: one creates the schema, the others wait and find it there.
func testConcurrentOpenOfFreshStore(t *testing.T, open Opener) {
	const handles = 4
	stores := make([]engine.Store, handles)
	errs := make([]error, handles)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = open()
		}()
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Errorf("open %d: %v", i, errs[i])
			continue
		}
		t.Cleanup(func() { s.Close() })
	}
	if t.Failed() {
		return
	}
	update(t, stores[0], func(tx engine.Tx) error { return tx.InsertVPC(vpc1) })
	view(t, stores[handles-1], func(tx engine.Tx) error {
		_, err := tx.GetVPC(vpc1.ID)
		return err
	})
}

// testRoutingRoundTrip writes, reads, lists and deletes route tables,
// routes, network ACLs and associations, and checks the keys that keep a
// VPC's default table, a table's destination and a subnet's association of
// each kind one.
func testRoutingRoundTrip(t *testing.T, s engine.Store) {
	seed(t, s)
	def := engine.RouteTable{ID: "rtb-d", VPCID: "vpc-1", Name: "default", Default: true}
	custom := engine.RouteTable{ID: "rtb-c", VPCID: "vpc-1", Name: "c", Description: "custom", Tags: map[string]string{"k": "v"}}
	toNIC := engine.Route{RouteTableID: "rtb-c", DestinationCIDR: "0.0.0.0/0", NextHopType: engine.NextHopNetworkInterface, NextHopID: "eni-p1", Description: "out"}
	internet := engine.Route{RouteTableID: "rtb-c", DestinationCIDR: "172.16.0.0/12", NextHopType: engine.NextHopInternet}
	acl := engine.NetworkACL{ID: "acl-1", VPCID: "vpc-1", Name: "a",
		Ingress: []engine.ACLRule{{Action: "deny", Protocol: "tcp", PortRangeMin: 22, PortRangeMax: 22, RemoteCIDR: "0.0.0.0/0", Description: "tab\there \"quoted\"\nline"}},
		Egress:  []engine.ACLRule{{Action: "allow", Protocol: "any", RemoteCIDR: "0.0.0.0/0"}, {Action: "deny", Protocol: "udp", PortRangeMin: 53, PortRangeMax: 53, RemoteCIDR: "10.0.0.0/8"}}}
	assoc := engine.SubnetAssociation{ID: "rtbassoc-1", SubnetID: "subnet-a", VPCID: "vpc-1", Kind: engine.AssociationRouteTable, TargetID: "rtb-c"}
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.InsertRouteTable(def), tx.InsertRouteTable(custom), tx.InsertRoute(toNIC), tx.InsertRoute(internet),
			tx.InsertNetworkACL(acl), tx.InsertAssociation(assoc))
	})
	update(t, s, func(tx engine.Tx) error {
		wantErr(t, "a second default table", tx.InsertRouteTable(engine.RouteTable{ID: "rtb-d2", VPCID: "vpc-1", Name: "d", Default: true}), engine.ErrConflict)
		wantErr(t, "a second route to one destination", tx.InsertRoute(internet), engine.ErrConflict)
		wantErr(t, "a second route table association", tx.InsertAssociation(engine.SubnetAssociation{ID: "rtbassoc-2", SubnetID: "subnet-a",
			VPCID: "vpc-1", Kind: engine.AssociationRouteTable, TargetID: "rtb-d"}), engine.ErrConflict)
		return tx.InsertAssociation(engine.SubnetAssociation{ID: "aclassoc-1", SubnetID: "subnet-a", VPCID: "vpc-1", Kind: engine.AssociationNetworkACL, TargetID: "acl-1"})
	})
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetRouteTable("rtb-c")
		equal(t, "GetRouteTable", got, custom)
		tables, err2 := tx.ListRouteTables("vpc-1")
		equal(t, "ListRouteTables", tables, []engine.RouteTable{custom, def})
		r, err3 := tx.GetRoute("rtb-c", "0.0.0.0/0")
		equal(t, "GetRoute", r, toNIC)
		byHop, err4 := tx.ListRoutes(engine.RouteFilter{NextHopID: "eni-p1"})
		equal(t, "ListRoutes by next hop", byHop, []engine.Route{toNIC})
		n, err5 := tx.CountRoutes("rtb-c")
		equal(t, "CountRoutes", n, 2)
		a, err6 := tx.GetNetworkACL("acl-1")
		equal(t, "GetNetworkACL", a, acl)
		held, err7 := tx.ListAssociations(engine.AssociationFilter{SubnetID: "subnet-a"})
		equal(t, "ListAssociations of a subnet", len(held), 2)
		return errors.Join(err, err2, err3, err4, err5, err6, err7)
	})
	custom.Name, custom.Tags = "renamed", nil
	toNIC.NextHopType, toNIC.NextHopID = engine.NextHopInternet, ""
	acl.Ingress, acl.Egress = nil, acl.Egress[:1]
	assoc.TargetID = "rtb-d"
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.UpdateRouteTable(custom), tx.UpdateRoute(toNIC), tx.UpdateNetworkACL(acl), tx.UpdateAssociation(assoc))
	})
	view(t, s, func(tx engine.Tx) error {
		got, err := tx.GetRouteTable("rtb-c")
		equal(t, "GetRouteTable after update", got, custom)
		r, err2 := tx.GetRoute("rtb-c", "0.0.0.0/0")
		equal(t, "GetRoute after update", r, toNIC)
		a, err3 := tx.GetNetworkACL("acl-1")
		equal(t, "GetNetworkACL after update", a, acl)
		got2, err4 := tx.GetAssociation("rtbassoc-1")
		equal(t, "GetAssociation after update", got2, assoc)
		return errors.Join(err, err2, err3, err4)
	})
	update(t, s, func(tx engine.Tx) error {
		return errors.Join(tx.DeleteRoute("rtb-c", "172.16.0.0/12"), tx.DeleteRouteTable("rtb-c"), tx.DeleteAssociation("aclassoc-1"), tx.DeleteNetworkACL("acl-1"))
	})
	view(t, s, func(tx engine.Tx) error {
		_, err := tx.GetRoute("rtb-c", "0.0.0.0/0")
		wantErr(t, "a deleted table's route", err, engine.ErrNotFound)
		_, err = tx.GetRouteTable("rtb-c")
		wantErr(t, "GetRouteTable after delete", err, engine.ErrNotFound)
		_, err = tx.GetNetworkACL("acl-1")
		wantErr(t, "GetNetworkACL after delete", err, engine.ErrNotFound)
		acls, err := tx.ListNetworkACLs("")
		equal(t, "ListNetworkACLs after delete", len(acls), 0)
		return err
	})
}

// testLongestPrefixRoute checks that a table's most specific route holding
// an address is found among nested and neighbouring ones, and that another
// table's routes never are.
func testLongestPrefixRoute(t *testing.T, s engine.Store) {
	seed(t, s)
	route := func(table, cidr string) engine.Route {
		return engine.Route{RouteTableID: table, DestinationCIDR: cidr, NextHopType: engine.NextHopInternet}
	}
	routes := []engine.Route{route("rtb-1", "0.0.0.0/0"), route("rtb-1", "172.16.0.0/12"), route("rtb-1", "172.16.0.0/24"),
		route("rtb-1", "172.16.0.8/29"), route("rtb-1", "172.16.0.16/29"), route("rtb-1", "203.0.113.7/32"),
		route("rtb-2", "172.16.0.9/32"), route("rtb-2", "128.0.0.0/1")}
	update(t, s, func(tx engine.Tx) error {
		errs := []error{tx.InsertRouteTable(engine.RouteTable{ID: "rtb-1", VPCID: "vpc-1", Name: "one", Default: true}),
			tx.InsertRouteTable(engine.RouteTable{ID: "rtb-2", VPCID: "vpc-1", Name: "two"}),
			tx.InsertRouteTable(engine.RouteTable{ID: "rtb-3", VPCID: "vpc-1", Name: "empty"})}
		for _, r := range routes {
			errs = append(errs, tx.InsertRoute(r))
		}
		return errors.Join(errs...)
	})
	for _, c := range []struct{ table, ip, want string }{
		{"rtb-1", "172.16.0.9", "172.16.0.8/29"},
		{"rtb-1", "172.16.0.23", "172.16.0.16/29"},
		{"rtb-1", "172.16.0.24", "172.16.0.0/24"},
		{"rtb-1", "172.31.255.255", "172.16.0.0/12"},
		{"rtb-1", "203.0.113.7", "203.0.113.7/32"},
		{"rtb-1", "203.0.113.6", "0.0.0.0/0"},
		{"rtb-1", "0.0.0.0", "0.0.0.0/0"},
		{"rtb-2", "172.16.0.9", "172.16.0.9/32"},
		{"rtb-2", "172.16.0.10", "128.0.0.0/1"},
		{"rtb-2", "127.255.255.255", ""},
		{"rtb-2", "255.255.255.255", "128.0.0.0/1"},
		{"rtb-3", "172.16.0.9", ""},
		{"rtb-1", "fd00::1", ""},
	} {
		view(t, s, func(tx engine.Tx) error {
			r, ok, err := tx.LongestPrefixRoute(c.table, netip.MustParseAddr(c.ip))
			want := engine.Route{}
			if c.want != "" {
				want = route(c.table, c.want)
			}
			equal(t, "LongestPrefixRoute("+c.table+", "+c.ip+")", []any{r, ok}, []any{want, c.want != ""})
			return err
		})
	}
}

// testSubnetHolding checks that the subnet whose range holds an address is
// found, at both ends of the range and at the top of the IPv4 space, and
// that none is outside the ranges or in another VPC.
func testSubnetHolding(t *testing.T, s engine.Store) {
	seed(t, s)
	high := engine.Subnet{ID: "subnet-high", VPCID: "vpc-1", Name: "high", CIDR: "255.255.255.0/24", AvailabilityZone: "local-1c",
		GatewayIP: "255.255.255.1", FirstIP: ipNum("255.255.255.1"), LastIP: ipNum("255.255.255.254"), NextIP: ipNum("255.255.255.1")}
	update(t, s, func(tx engine.Tx) error { return tx.InsertSubnet(high) })
	for _, c := range []struct {
		vpc, ip string
		want    *engine.Subnet
	}{
		{"vpc-1", "10.0.1.2", &subnetA},
		{"vpc-1", "10.0.1.254", &subnetA},
		{"vpc-1", "10.0.2.77", &subnetB},
		{"vpc-1", "255.255.255.254", &high},
		{"vpc-1", "10.0.1.1", nil}, // below subnet-a's range (.2 to .254)
		{"vpc-1", "10.0.1.255", nil},
		{"vpc-1", "255.255.255.255", nil},
		{"vpc-1", "10.0.3.1", nil},
		{"vpc-2", "10.0.1.2", nil},
		{"vpc-1", "::ffff:10.0.1.2", nil},
	} {
		view(t, s, func(tx engine.Tx) error {
			got, ok, err := tx.SubnetHolding(c.vpc, netip.MustParseAddr(c.ip))
			want := engine.Subnet{}
			if c.want != nil {
				want = *c.want
			}
			equal(t, "SubnetHolding("+c.vpc+", "+c.ip+")", []any{got, ok}, []any{want, c.want != nil})
			return err
		})
	}
}
