package main

import (
	"fmt"
	"strings"
)

// topology is the shape of one benchmark configuration: N extension
// interfaces spread over servers in several subnets of one VPC, perServer
// to a server, each attached to a server of its own subnet. The flavors
// leave room for the one interface a move brings (rule 6), and the server
// count is a multiple of the subnet count so that server j+subnets is in
// the same subnet as server j (rule 5).
type topology struct {
	n         int
	subnets   int
	perServer int
	servers   int
}

// Flavors alternate between one that takes exactly a full server plus one
// arrival (1 primary + 6 + 1 = 8) and one with more room.
var benchFlavors = []string{"c7.8xlarge.2", "m7.16xlarge.8"}

func newTopology(n int) topology {
	t := topology{n: n, subnets: 4, perServer: 6}
	t.servers = max((n+t.perServer-1)/t.perServer, 2*t.subnets)
	t.servers = (t.servers + t.subnets - 1) / t.subnets * t.subnets
	return t
}

// configFor writes the configuration of one kind of run. All three have
// the same resources, one for one, with the same references between them,
// so the CLI's graph is the same and only what the provider does differs.
//
// Every resource is a block of its own rather than an instance of a counted
// resource: a reference to one instance of a counted resource makes the CLI
// decode every instance of it from state, so with count the CLI's own work
// grows with N² and would swamp what the providers do.
//
// Setting var.move changes the server of every tenth attachment, an
// in-place update of that attachment alone.
func configFor(kind string, t topology) string {
	if kind == kindTwin {
		return twinConfig(configFor(kindENI, t))
	}
	var b strings.Builder
	b.WriteString(`variable "move" {
  type    = bool
  default = false
}
`)
	zones := []string{"local-1a", "local-1b", "local-1c"}
	subnetOf := func(server int) int { return server % t.subnets }
	serverOf := func(nic int) int { return nic / t.perServer }
	movedTo := func(nic int) (int, bool) {
		return (serverOf(nic) + t.subnets) % t.servers, nic%10 == 0
	}
	cidr := func(i int) string { return fmt.Sprintf("10.0.%d.0/20", 16*i) }

	switch kind {
	case kindENI:
		b.WriteString(`
terraform {
  required_providers {
    eni = { source = "eni/eni" }
  }
}

resource "eni_vpc" "bench" {
  name = "bench"
  cidr = "10.0.0.0/16"
}
`)
		for i := range t.subnets {
			fmt.Fprintf(&b, `
resource "eni_subnet" "s%d" {
  vpc_id            = eni_vpc.bench.id
  name              = "bench-%d"
  cidr              = %q
  availability_zone = %q
}
`, i, i, cidr(i), zones[i%len(zones)])
		}
		for j := range t.servers {
			s := subnetOf(j)
			fmt.Fprintf(&b, `
resource "eni_server" "s%d" {
  name              = "bench-%d"
  flavor            = %q
  availability_zone = %q
  subnet_id         = eni_subnet.s%d.id
}
`, j, j, benchFlavors[j%len(benchFlavors)], zones[s%len(zones)], s)
		}
		for i := range t.n {
			fmt.Fprintf(&b, `
resource "eni_network_interface" "n%d" {
  name      = "bench-%d"
  subnet_id = eni_subnet.s%d.id
}
`, i, i, subnetOf(serverOf(i)))
		}
		for i := range t.n {
			server := fmt.Sprintf("eni_server.s%d.id", serverOf(i))
			if to, moved := movedTo(i); moved {
				server = fmt.Sprintf("var.move ? eni_server.s%d.id : %s", to, server)
			}
			fmt.Fprintf(&b, `
resource "eni_network_interface_attachment" "a%d" {
  network_interface_id = eni_network_interface.n%d.id
  server_id            = %s
}
`, i, i, server)
		}
	case kindFloor, kindCore:
		typ := "terraform_data"
		if kind == kindFloor {
			typ = "floor_noop"
			b.WriteString(`
terraform {
  required_providers {
    floor = { source = "bench/floor" }
  }
}
`)
		}
		fmt.Fprintf(&b, `
resource "%s" "vpc" {
  input = "10.0.0.0/16"
}
`, typ)
		for i := range t.subnets {
			fmt.Fprintf(&b, `
resource "%s" "subnet%d" {
  input = "${%s.vpc.id} %s %s"
}
`, typ, i, typ, cidr(i), zones[i%len(zones)])
		}
		for j := range t.servers {
			fmt.Fprintf(&b, `
resource "%s" "server%d" {
  input = "bench-%d %s ${%s.subnet%d.id}"
}
`, typ, j, j, benchFlavors[j%len(benchFlavors)], typ, subnetOf(j))
		}
		for i := range t.n {
			fmt.Fprintf(&b, `
resource "%s" "eni%d" {
  input = "bench-%d ${%s.subnet%d.id}"
}
`, typ, i, i, typ, subnetOf(serverOf(i)))
		}
		for i := range t.n {
			server := fmt.Sprintf("%s.server%d.id", typ, serverOf(i))
			if to, moved := movedTo(i); moved {
				server = fmt.Sprintf("var.move ? %s.server%d.id : %s", typ, to, server)
			}
			fmt.Fprintf(&b, `
resource "%s" "attachment%d" {
  input = "${%s.eni%d.id} ${%s}"
}
`, typ, i, typ, i, server)
		}
	}
	return b.String()
}

// twinConfig turns the eni configuration into the same one on the floor
// provider's twins of the eni resources.
func twinConfig(eni string) string {
	return strings.NewReplacer(
		`eni = { source = "eni/eni" }`, `floor = { source = "bench/floor" }`,
		"eni_", "floor_",
	).Replace(eni)
}
