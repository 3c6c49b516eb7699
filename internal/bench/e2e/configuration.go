package main

import (
	"fmt"
	"math/bits"
	"strings"
)

// The ways a configuration can name the server of each attachment.
const (
	styleCount   = "count"   // server_id = eni_server.s[count.index % S].id
	styleForEach = "foreach" // server_id = eni_server.s[each.value.server].id, servers keyed by name
	styleModule  = "module"  // one module instance per server, holding its NICs and attachments
	styleBlocks  = "blocks"  // one resource block per server, NIC and attachment
)

var styles = []string{styleCount, styleForEach, styleModule, styleBlocks}

// benchFlavor takes 11 extension NICs, the most any flavor takes.
const benchFlavor = "m7.16xlarge.8"

var zones = []string{"local-1a", "local-1b", "local-1c"}

// topology is the shape of one benchmark configuration: n extension NICs
// on ceil(n/perServer) servers, NIC i on server i mod servers, server j in
// subnet j mod subnets, all subnets carved out of one /16 VPC (a single
// subnet is a /18, room for 16,382 addresses), and the way the
// configuration names each attachment's server. Each NIC may also ask for
// secondary private IPs.
type topology struct {
	style        string
	perServer    int
	subnets      int
	secondaryIPs int
}

// String is how flags and tables name a topology: style/NICs per
// server/subnets, then +Kip when each NIC asks for K secondary IPs.
func (t topology) String() string {
	if t.style == styleRouting {
		return styleRouting
	}
	s := fmt.Sprintf("%s/%d/%d", t.style, t.perServer, t.subnets)
	if t.secondaryIPs > 0 {
		s += fmt.Sprintf("+%dip", t.secondaryIPs)
	}
	return s
}

// maxBenchSecondaryIPs keeps every NIC within benchFlavor's 50 private IPs.
const maxBenchSecondaryIPs = 49

func parseTopology(s string) (topology, error) {
	if s == styleRouting {
		return routingTopology, nil
	}
	var t topology
	shape, ips, withIPs := strings.Cut(s, "+")
	if withIPs {
		n, ok := strings.CutSuffix(ips, "ip")
		if _, err := fmt.Sscan(n, &t.secondaryIPs); !ok || err != nil || t.secondaryIPs < 1 || t.secondaryIPs > maxBenchSecondaryIPs {
			return t, fmt.Errorf("topology %q: secondary IPs are written +Kip with K from 1 to %d, e.g. count/10/1+2ip", s, maxBenchSecondaryIPs)
		}
	}
	parts := strings.Split(shape, "/")
	if len(parts) != 3 {
		return t, fmt.Errorf("topology %q: want style/NICs per server/subnets[+Kip], e.g. count/10/1 or count/10/1+2ip", s)
	}
	t.style = parts[0]
	if _, err := fmt.Sscan(parts[1], &t.perServer); err != nil || t.perServer < 1 || t.perServer > 11 {
		return t, fmt.Errorf("topology %q: NICs per server must be 1 to 11 (%s takes 11)", s, benchFlavor)
	}
	if _, err := fmt.Sscan(parts[2], &t.subnets); err != nil || t.subnets < 1 || t.subnets > 64 {
		return t, fmt.Errorf("topology %q: subnets must be 1 to 64", s)
	}
	for _, st := range styles {
		if st == t.style {
			return t, nil
		}
	}
	return t, fmt.Errorf("topology %q: style must be one of %s, or the topology is %s", s, strings.Join(styles, ", "), styleRouting)
}

func (t topology) servers(n int) int {
	if t.perServer == 0 {
		return 0 // routing: no servers
	}
	return (n + t.perServer - 1) / t.perServer
}

// holds is whether the topology can be built with n: routes are at most
// what a VPC's tables hold.
func (t topology) holds(n int) bool {
	return t.style != styleRouting || n <= routingMaxRoute
}

// describe says what the configuration of n holds, for the tables.
func (t topology) describe(n int) string {
	if t.style == styleRouting {
		return describeRouting(n)
	}
	return fmt.Sprintf("%d servers, %d NICs each, %d subnet(s)", t.servers(n), t.perServer, t.subnets)
}

// subnetBits is how many bits the subnets add to the VPC's /16: at least
// two, so that one subnet is a /18.
func (t topology) subnetBits() int {
	return max(2, bits.Len(uint(t.subnets-1)))
}

// files is one configuration: file name (relative to the run's directory)
// to contents.
type files map[string]string

// dialect renders the same resources, with the same references between
// them, for one kind of run: the eni provider, its schema twins, or
// resources of one argument (terraform_data, floor_noop) whose input holds
// every argument the eni resource would have had.
type dialect struct {
	kind         string
	secondaryIPs int
}

// typeOf is the resource type standing for eni_<what>.
func (d dialect) typeOf(what string) string {
	switch d.kind {
	case kindCore:
		return "terraform_data"
	case kindFloor:
		return "floor_noop"
	case kindTwin:
		return "floor_" + what
	}
	return "eni_" + what
}

// nameOf is the resource name standing for eni_<what>.<name>: resources of
// one type need the logical type in their name.
func (d dialect) nameOf(what, name string) string {
	if d.kind == kindCore || d.kind == kindFloor {
		return what + "_" + name
	}
	return name
}

// ref is the expression for the ID of eni_<what>.<name><index>.
func (d dialect) ref(what, name, index string) string {
	return d.attrRef(what, name, index, "id")
}

// attrRef is the expression for attribute of eni_<what>.<name><index>;
// resources of one argument have no attribute but their ID, which makes
// the same reference in the graph.
func (d dialect) attrRef(what, name, index, attribute string) string {
	if d.kind == kindCore || d.kind == kindFloor {
		attribute = "id"
	}
	return d.typeOf(what) + "." + d.nameOf(what, name) + index + "." + attribute
}

// attr is one argument: its name and HCL expression.
type attr struct{ name, expr string }

// resource renders one resource block with meta-arguments meta (count or
// for_each, or "").
func (d dialect) resource(b *strings.Builder, what, name, meta string, attrs ...attr) {
	fmt.Fprintf(b, "\nresource %q %q {\n", d.typeOf(what), d.nameOf(what, name))
	if meta != "" {
		fmt.Fprintf(b, "  %s\n", meta)
	}
	if d.kind == kindCore || d.kind == kindFloor {
		parts := make([]string, len(attrs))
		for i, a := range attrs {
			parts[i] = interpolated(a.expr)
		}
		fmt.Fprintf(b, "  input = \"%s\"\n", strings.Join(parts, " "))
	} else {
		for _, a := range attrs {
			fmt.Fprintf(b, "  %s = %s\n", a.name, a.expr)
		}
	}
	b.WriteString("}\n")
}

// interpolated is expr as part of a string template: a quoted template is
// inlined, a list is encoded as JSON, anything else is wrapped in ${}.
func interpolated(expr string) string {
	switch {
	case len(expr) >= 2 && expr[0] == '"' && expr[len(expr)-1] == '"':
		return expr[1 : len(expr)-1]
	case strings.HasPrefix(expr, "["):
		return "${jsonencode(" + expr + ")}"
	}
	return "${" + expr + "}"
}

// nic is the arguments of one network interface: its name, its subnet and,
// when the topology asks for them, its count of secondary IPs.
func (d dialect) nic(name, subnet string) []attr {
	attrs := []attr{{"name", name}, {"subnet_id", subnet}}
	if d.secondaryIPs > 0 {
		attrs = append(attrs, attr{"secondary_private_ip_count", fmt.Sprint(d.secondaryIPs)})
	}
	return attrs
}

// header declares the provider a dialect needs, if any.
func (d dialect) header(b *strings.Builder) {
	switch d.kind {
	case kindENI, kindBaseline:
		b.WriteString("terraform {\n  required_providers {\n    eni = { source = \"eni/eni\" }\n  }\n}\n")
	case kindFloor, kindTwin:
		b.WriteString("terraform {\n  required_providers {\n    floor = { source = \"bench/floor\" }\n  }\n}\n")
	}
}

// configFor writes the configuration of one kind of run of topology t with
// n NICs. Every kind has the same resources, one for one, with the same
// references between them, so the CLI's graph is the same and only what
// the provider does differs. The baseline is the eni configuration without
// secondary IPs: the revision it is built at may predate them, and "today's
// cost" is what a NIC cost before it could have any.
func configFor(kind string, t topology, n int) files {
	d := dialect{kind: kind, secondaryIPs: t.secondaryIPs}
	if kind == kindBaseline {
		d = dialect{kind: kindENI}
	}
	s := t.servers(n)
	var b strings.Builder
	d.header(&b)
	fmt.Fprintf(&b, "\nlocals {\n  zones = [%q, %q, %q]\n}\n", zones[0], zones[1], zones[2])
	d.resource(&b, "vpc", "v", "",
		attr{"name", `"bench"`},
		attr{"cidr", `"10.0.0.0/16"`})
	d.resource(&b, "subnet", "s", fmt.Sprintf("count = %d", t.subnets),
		attr{"vpc_id", d.ref("vpc", "v", "")},
		attr{"name", `"bench-${count.index}"`},
		attr{"cidr", fmt.Sprintf(`cidrsubnet("10.0.0.0/16", %d, count.index)`, t.subnetBits())},
		attr{"availability_zone", "local.zones[count.index % 3]"})
	out := files{}
	switch t.style {
	case styleRouting:
		d.routing(&b, n)
	case styleCount:
		d.resource(&b, "server", "s", fmt.Sprintf("count = %d", s),
			attr{"name", `"bench-${count.index}"`},
			attr{"flavor", fmt.Sprintf("%q", benchFlavor)},
			attr{"availability_zone", fmt.Sprintf("local.zones[count.index %% %d %% 3]", t.subnets)},
			attr{"subnet_id", d.ref("subnet", "s", fmt.Sprintf("[count.index %% %d]", t.subnets))})
		d.resource(&b, "network_interface", "n", fmt.Sprintf("count = %d", n),
			d.nic(`"bench-${count.index}"`, d.ref("subnet", "s", fmt.Sprintf("[count.index %% %d %% %d]", s, t.subnets)))...)
		d.resource(&b, "network_interface_attachment", "a", fmt.Sprintf("count = %d", n),
			attr{"network_interface_id", d.ref("network_interface", "n", "[count.index]")},
			attr{"server_id", d.ref("server", "s", fmt.Sprintf("[count.index %% %d]", s))})
	case styleForEach:
		fmt.Fprintf(&b, `
locals {
  servers = { for j in range(%[1]d) : "s${j}" => { subnet = j %% %[2]d } }
  nics    = { for i in range(%[3]d) : "s${i %% %[1]d}-${floor(i / %[1]d)}" => { server = "s${i %% %[1]d}", subnet = i %% %[1]d %% %[2]d } }
}
`, s, t.subnets, n)
		d.resource(&b, "server", "s", "for_each = local.servers",
			attr{"name", "each.key"},
			attr{"flavor", fmt.Sprintf("%q", benchFlavor)},
			attr{"availability_zone", "local.zones[each.value.subnet % 3]"},
			attr{"subnet_id", d.ref("subnet", "s", "[each.value.subnet]")})
		d.resource(&b, "network_interface", "n", "for_each = local.nics",
			d.nic("each.key", d.ref("subnet", "s", "[each.value.subnet]"))...)
		d.resource(&b, "network_interface_attachment", "a", "for_each = local.nics",
			attr{"network_interface_id", d.ref("network_interface", "n", "[each.key]")},
			attr{"server_id", d.ref("server", "s", "[each.value.server]")})
	case styleModule:
		// Server j holds the NICs i with i mod s = j: as many as in the
		// other styles.
		fmt.Fprintf(&b, `
locals {
  servers = { for j in range(%[1]d) : "s${j}" => { subnet = j %% %[2]d, nics = floor((%[3]d - 1 - j) / %[1]d) + 1 } }
}

module "server" {
  source            = "./server"
  for_each          = local.servers
  name              = each.key
  nics              = each.value.nics
  availability_zone = local.zones[each.value.subnet %% 3]
  subnet_id         = %[4]s
}
`, s, t.subnets, n, d.ref("subnet", "s", "[each.value.subnet]"))
		out["server/main.tf"] = serverModule(d)
	case styleBlocks:
		for j := range s {
			sub := j % t.subnets
			d.resource(&b, "server", fmt.Sprintf("s%d", j), "",
				attr{"name", fmt.Sprintf(`"bench-%d"`, j)},
				attr{"flavor", fmt.Sprintf("%q", benchFlavor)},
				attr{"availability_zone", fmt.Sprintf("%q", zones[sub%3])},
				attr{"subnet_id", d.ref("subnet", "s", fmt.Sprintf("[%d]", sub))})
		}
		for i := range n {
			d.resource(&b, "network_interface", fmt.Sprintf("n%d", i), "",
				d.nic(fmt.Sprintf(`"bench-%d"`, i), d.ref("subnet", "s", fmt.Sprintf("[%d]", i%s%t.subnets)))...)
		}
		for i := range n {
			d.resource(&b, "network_interface_attachment", fmt.Sprintf("a%d", i), "",
				attr{"network_interface_id", d.ref("network_interface", fmt.Sprintf("n%d", i), "")},
				attr{"server_id", d.ref("server", fmt.Sprintf("s%d", i%s), "")})
		}
	}
	out["main.tf"] = b.String()
	return out
}

// serverModule is the module of styleModule: one server, its NICs and
// their attachments, which name the server with no index at all.
func serverModule(d dialect) string {
	var b strings.Builder
	d.header(&b)
	b.WriteString(`
variable "name" { type = string }
variable "nics" { type = number }
variable "availability_zone" { type = string }
variable "subnet_id" { type = string }
`)
	d.resource(&b, "server", "this", "",
		attr{"name", "var.name"},
		attr{"flavor", fmt.Sprintf("%q", benchFlavor)},
		attr{"availability_zone", "var.availability_zone"},
		attr{"subnet_id", "var.subnet_id"})
	d.resource(&b, "network_interface", "n", "count = var.nics",
		d.nic(`"${var.name}-${count.index}"`, "var.subnet_id")...)
	d.resource(&b, "network_interface_attachment", "a", "count = var.nics",
		attr{"network_interface_id", d.ref("network_interface", "n", "[count.index]")},
		attr{"server_id", d.ref("server", "this", "")})
	return b.String()
}
