package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// reference matches a resource reference: type, name, index. A VPC's
// default route table is named by the VPC's ID in the floors of one
// argument, so it counts as a reference to the VPC.
var reference = regexp.MustCompile(`\b(eni_[a-z_]+|floor_[a-z_]+|terraform_data)\.([a-z_0-9]+)(\[[^\]]*\])?\.(?:default_route_table_)?id\b`)

// logicalTypes are the eni types a configuration may hold, each before
// any type it begins with, so that a name's prefix finds the longest.
var logicalTypes = []string{"network_interface_attachment", "network_interface", "server", "subnet", "vpc",
	"virtual_ip", "route_table_association", "route_table", "route", "network_acl_association", "network_acl"}

// normalizedReferences lists every resource reference of a configuration
// with the type and name spelled the eni way, so that kinds can be compared.
func normalizedReferences(fs files) []string {
	var out []string
	for _, file := range []string{"main.tf", "server/main.tf"} {
		for _, m := range reference.FindAllStringSubmatch(fs[file], -1) {
			typ, name := m[1], m[2]
			var what string
			if typ == "terraform_data" || typ == "floor_noop" {
				// One type for all: the logical type leads the name.
				for _, w := range logicalTypes {
					if rest, ok := strings.CutPrefix(name, w+"_"); ok {
						what, name = w, rest
						break
					}
				}
			} else {
				what = strings.TrimPrefix(strings.TrimPrefix(typ, "eni_"), "floor_")
			}
			out = append(out, file+": "+what+"."+name+m[3])
		}
	}
	return out
}

// TestFloorsHaveTheSameGraph: every floor of every topology has the same
// resources and the same references between them as the eni
// configuration, so the CLI walks the same graph.
func TestFloorsHaveTheSameGraph(t *testing.T) {
	for _, spec := range defaultTopologies {
		topo, err := parseTopology(spec)
		if err != nil {
			t.Fatal(err)
		}
		eni := configFor(kindENI, topo, 37)
		want := normalizedReferences(eni)
		if len(want) == 0 {
			t.Fatalf("%s: no references found in\n%s", spec, eni["main.tf"])
		}
		blocks := func(fs files) int {
			return strings.Count(fs["main.tf"], "\nresource ") + strings.Count(fs["server/main.tf"], "\nresource ")
		}
		for _, kind := range []string{kindCore, kindFloor, kindTwin} {
			got := configFor(kind, topo, 37)
			if refs := normalizedReferences(got); !slices.Equal(refs, want) {
				t.Errorf("%s %s: references differ from eni's:\n got %q\nwant %q", spec, kind, refs, want)
			}
			if blocks(got) != blocks(eni) {
				t.Errorf("%s %s: %d resource blocks, eni has %d", spec, kind, blocks(got), blocks(eni))
			}
			if strings.Contains(got["main.tf"]+got["server/main.tf"], "eni_") {
				t.Errorf("%s %s: still names an eni resource", spec, kind)
			}
		}
	}
}

// TestTopologyCounts: the blocks style writes one block per server, NIC
// and attachment, and the counted styles the same numbers.
func TestTopologyCounts(t *testing.T) {
	topo, _ := parseTopology("blocks/5/2")
	main := configFor(kindENI, topo, 23)["main.tf"]
	for what, want := range map[string]int{"eni_server": 5, "eni_network_interface": 23, "eni_network_interface_attachment": 23} {
		if got := strings.Count(main, `resource "`+what+`" `); got != want {
			t.Errorf("%s blocks: %d, want %d", what, got, want)
		}
	}
	topo, _ = parseTopology("count/5/2")
	main = configFor(kindENI, topo, 23)["main.tf"]
	for _, want := range []string{"count = 5\n", "count = 23\n", "server_id = eni_server.s[count.index % 5].id", `cidrsubnet("10.0.0.0/16", 2, count.index)`} {
		if !strings.Contains(main, want) {
			t.Errorf("count/5/2 lacks %q:\n%s", want, main)
		}
	}
}

func TestParseTopologyRefusesBadSpecs(t *testing.T) {
	for _, bad := range []string{"count/10", "count/0/1", "count/12/1", "count/10/0", "loop/10/1", "count/x/1",
		"count/10/1+", "count/10/1+2", "count/10/1+0ip", "count/10/1+50ip", "count/10/1+xip", "count/10+2ip/1"} {
		if _, err := parseTopology(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	topo, err := parseTopology("module/10/16")
	if err != nil || topo.subnetBits() != 4 || topo.String() != "module/10/16" {
		t.Errorf("module/10/16: %+v %v bits %d", topo, err, topo.subnetBits())
	}
}

// TestSecondaryIPs: +Kip gives every NIC K secondary IPs in the eni
// configuration and its floors, in every style, but not in the baseline,
// whose provider may predate them.
func TestSecondaryIPs(t *testing.T) {
	for _, style := range styles {
		spec := style + "/5/2+2ip"
		topo, err := parseTopology(spec)
		if err != nil || topo.secondaryIPs != 2 || topo.String() != spec {
			t.Fatalf("%s: %+v %v, named %q", spec, topo, err, topo.String())
		}
		all := func(fs files) string { return fs["main.tf"] + fs["server/main.tf"] }
		nics := func(fs files) int {
			return strings.Count(all(fs), `resource "eni_network_interface" `) + strings.Count(all(fs), `resource "floor_network_interface" `)
		}
		for _, kind := range []string{kindENI, kindTwin} {
			fs := configFor(kind, topo, 23)
			if got, want := strings.Count(all(fs), "secondary_private_ip_count = 2\n"), nics(fs); got != want || want == 0 {
				t.Errorf("%s %s: %d NICs ask for 2 secondary IPs, want all %d", spec, kind, got, want)
			}
		}
		for _, kind := range []string{kindCore, kindFloor} {
			if in := all(configFor(kind, topo, 23)); !strings.Contains(in, "} ${2}\"\n") {
				t.Errorf("%s %s: the NICs' inputs lack the count of secondary IPs:\n%s", spec, kind, in)
			}
		}
		if base := all(configFor(kindBaseline, topo, 23)); strings.Contains(base, "secondary") {
			t.Errorf("%s baseline asks for secondary IPs:\n%s", spec, base)
		}
	}
}
