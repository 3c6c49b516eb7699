package provider

import (
	"context"
	"math"
	"math/big"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The checks every argument of a kind gets at validation, through the
// provider's protocol server as a CLI would call it: each is listed here,
// and the lists are held to the schemas so that a new argument joins them.

// schemaArgument is an argument of a resource: a top-level attribute, or
// an attribute of the objects of a nested set (nested != "").
type schemaArgument struct {
	typeName, name, nested string
}

func (a schemaArgument) String() string {
	return strings.Join(slices.DeleteFunc([]string{a.typeName, a.name, a.nested}, func(s string) bool { return s == "" }), ".")
}

// configurableArguments lists the arguments of every resource whose type
// (or element type) is of kind and for which keep says yes.
func configurableArguments(s *protoServer, keep func(name string, typ tftypes.Type) bool) []schemaArgument {
	var out []schemaArgument
	consider := func(typeName, name, nested string, a *tfprotov6.SchemaAttribute) {
		if (a.Optional || a.Required) && keep(a.Name, a.Type) {
			out = append(out, schemaArgument{typeName, name, nested})
		}
	}
	for typeName, schema := range s.schemas {
		for _, a := range schema.Block.Attributes {
			if a.NestedType != nil && (a.Optional || a.Required) {
				for _, n := range a.NestedType.Attributes {
					consider(typeName, a.Name, n.Name, n)
				}
				continue
			}
			consider(typeName, a.Name, "", a)
		}
	}
	slices.SortFunc(out, func(x, y schemaArgument) int { return strings.Compare(x.String(), y.String()) })
	return out
}

// configWith is a configuration of a's resource with v given for a, and a
// valid rule around it when a is an attribute of a security group or
// network ACL rule.
func (s *protoServer) configWith(a schemaArgument, v tftypes.Value) tfprotov6.DynamicValue {
	s.tb.Helper()
	schema := s.schemas[a.typeName]
	if a.nested == "" {
		return s.value(schema, map[string]tftypes.Value{a.name: v})
	}
	listType := schema.ValueType().(tftypes.Object).AttributeTypes[a.name].(tftypes.List)
	ruleType := listType.ElementType.(tftypes.Object)
	valid := map[string]tftypes.Value{
		"direction": str("ingress"), "action": str("allow"), "protocol": str("tcp"), "remote_cidr": str("0.0.0.0/0"),
		"port_range_min": tftypes.NewValue(tftypes.Number, 80), "port_range_max": tftypes.NewValue(tftypes.Number, 80),
	}
	rule := map[string]tftypes.Value{}
	for name, typ := range ruleType.AttributeTypes {
		if rule[name] = valid[name]; rule[name].Type() == nil {
			rule[name] = tftypes.NewValue(typ, nil) // optional, left out
		}
	}
	rule[a.nested] = v
	return s.value(schema, map[string]tftypes.Value{a.name: tftypes.NewValue(listType, []tftypes.Value{tftypes.NewValue(ruleType, rule)})})
}

// validate is ValidateResourceConfig's diagnostics for config.
func (s *protoServer) validate(typeName string, config tfprotov6.DynamicValue) []*tfprotov6.Diagnostic {
	s.tb.Helper()
	resp, err := s.srv.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: &config})
	if err != nil {
		s.tb.Fatal(err)
	}
	return resp.Diagnostics
}

// errorsOn are the error diagnostics whose attribute path is a's.
func errorsOn(diags []*tfprotov6.Diagnostic, a schemaArgument) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		if d.Severity != tfprotov6.DiagnosticSeverityError || d.Attribute == nil {
			continue
		}
		var names []string
		for _, step := range d.Attribute.Steps() {
			if name, ok := step.(tftypes.AttributeName); ok {
				names = append(names, string(name))
			}
		}
		if slices.Equal(names, slices.DeleteFunc([]string{a.name, a.nested}, func(s string) bool { return s == "" })) {
			out = append(out, d)
		}
	}
	return out
}

// expectNoProviderFault fails on a diagnostic that blames the provider.
func expectNoProviderFault(t *testing.T, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if strings.Contains(d.Detail, "error in the provider") || strings.Contains(d.Detail, "report") {
			t.Errorf("a diagnostic blames the provider: %s: %s", d.Summary, d.Detail)
		}
	}
}

func newValidationServer(t *testing.T) *protoServer {
	return newProtoServer(t, New("test")(), map[string]tftypes.Value{"store": str(filepath.Join(t.TempDir(), "engine.db"))})
}

// Every integer argument refuses, on itself and in words about the value,
// a number that is not whole, one no int64 holds, and the largest int64
// (which no argument takes: each has an upper bound), before any plan.
func TestIntegerArguments_refuseNumbersNoneTakesOnTheArgument(t *testing.T) {
	s := newValidationServer(t)
	args := configurableArguments(s, func(_ string, typ tftypes.Type) bool { return typ.Is(tftypes.Number) })
	var names []string
	for _, a := range args {
		names = append(names, a.String())
	}
	want := []string{
		"eni_eip.bandwidth_mbps",
		"eni_network_acl.egress.port_range_max",
		"eni_network_acl.egress.port_range_min",
		"eni_network_acl.ingress.port_range_max",
		"eni_network_acl.ingress.port_range_min",
		"eni_network_interface.ipv6_address_count",
		"eni_network_interface.secondary_private_ip_count",
		"eni_network_interface_attachment.device_index",
		"eni_security_group.rules.port_range_max",
		"eni_security_group.rules.port_range_min",
	}
	if !slices.Equal(names, want) {
		t.Fatalf("the integer arguments are %v; this test knows %v", names, want)
	}
	values := []struct {
		name   string
		number *big.Float
		words  string
	}{
		{"a fraction", big.NewFloat(1.5), "1.5 is not a whole number"},
		{"a negative fraction", big.NewFloat(-0.5), "-0.5 is not a whole number"},
		{"beyond int64", new(big.Float).SetFloat64(1e30), "1e+30 is far beyond any value"},
		{"the largest int64", new(big.Float).SetInt64(math.MaxInt64), ""},
	}
	for _, a := range args {
		for _, v := range values {
			t.Run(a.String()+"/"+v.name, func(t *testing.T) {
				diags := s.validate(a.typeName, s.configWith(a, tftypes.NewValue(tftypes.Number, v.number)))
				expectNoProviderFault(t, diags)
				on := errorsOn(diags, a)
				if len(on) != 1 {
					t.Fatalf("%d errors on %s, want 1; all: %v", len(on), a, diags)
				}
				if !strings.Contains(on[0].Detail, v.words) {
					t.Errorf("the refusal %q does not say %q", on[0].Detail, v.words)
				}
			})
		}
		t.Run(a.String()+"/a valid number", func(t *testing.T) {
			valid := 1
			if a.nested != "" {
				valid = 80 // the other port of the rule
			}
			diags := s.validate(a.typeName, s.configWith(a, tftypes.NewValue(tftypes.Number, valid)))
			if on := errorsOn(diags, a); len(on) != 0 {
				t.Fatalf("1 refused: %v", on)
			}
		})
	}
}

// spellingCase is a value given for an address or CIDR argument and what
// its refusal says ("" when it is accepted).
type spellingCase struct {
	value, refusal string
}

// Every address and CIDR argument takes one spelling of a value, the one
// the engine reports and state keeps, so that no accepted configuration
// differs from its state after apply: another spelling is refused at
// validation, on the argument, saying how to write it. IPv4 addresses have
// one spelling already (no leading zeros, no IPv4-in-IPv6); an IPv6
// address is lower case and compressed (RFC 5952); a CIDR is its network.
func TestAddressArguments_takeOneSpellingOfAValue(t *testing.T) {
	s := newValidationServer(t)
	ipv4 := []spellingCase{
		{"10.0.1.10", ""},
		{"10.0.1.010", "not an IPv4 address"},
		{"::ffff:10.0.1.10", "not an IPv4 address"},
		{"fd00::a", "not an IPv4 address"},
		{" 10.0.1.10", "not an IPv4 address"},
	}
	privateCIDR := []spellingCase{
		{"10.0.1.0/24", ""},
		{"10.0.1.7/24", "has host bits set; its network is 10.0.1.0/24"},
		{"10.0.1.0/024", "not an IPv4 CIDR block"},
		{"010.0.1.0/24", "not an IPv4 CIDR block"},
	}
	anyCIDR := append(slices.Clone(privateCIDR), spellingCase{"0.0.0.0/0", ""})
	ipv6 := []spellingCase{
		{"fd00:1:2:3::a", ""},
		{"FD00:1:2:3::A", `write it as "fd00:1:2:3::a"`},
		{"fd00:0001:0002:0003:0000:0000:0000:000a", `write it as "fd00:1:2:3::a"`},
		{"fd00:1:2:3:0:0:0:a", `write it as "fd00:1:2:3::a"`},
		{"10.0.1.10", "not an IPv6 address"},
		{"::ffff:10.0.1.10", "not an IPv6 address"},
		{"fd00::zz", "not an IPv6 address"},
	}
	table := map[string][]spellingCase{
		"eni_vpc.cidr":                                privateCIDR,
		"eni_subnet.cidr":                             privateCIDR,
		"eni_subnet.gateway_ip":                       ipv4,
		"eni_server.private_ip":                       ipv4,
		"eni_network_interface.private_ip":            ipv4,
		"eni_network_interface.secondary_private_ips": ipv4,
		"eni_network_interface.ipv6_addresses":        ipv6,
		"eni_virtual_ip.ip_address":                   ipv4,
		"eni_security_group.rules.remote_cidr":        anyCIDR,
		"eni_route.destination_cidr":                  anyCIDR,
		"eni_network_acl.ingress.remote_cidr":         anyCIDR,
		"eni_network_acl.egress.remote_cidr":          anyCIDR,
	}
	args := configurableArguments(s, func(name string, typ tftypes.Type) bool {
		isString := typ.Is(tftypes.String) || typ.Is(tftypes.Set{ElementType: tftypes.String})
		return isString && (strings.HasSuffix(name, "cidr") || strings.HasSuffix(name, "_ip") || strings.HasSuffix(name, "_ips") ||
			strings.HasSuffix(name, "_addresses") || strings.HasSuffix(name, "ip_address"))
	})
	if len(args) != len(table) {
		t.Errorf("the address and CIDR arguments are %v; this test knows %d of them", args, len(table))
	}
	for _, a := range args {
		cases, ok := table[a.String()]
		if !ok {
			t.Errorf("%s is an address or CIDR argument this test does not know", a)
			continue
		}
		isSet := a.nested == "" && s.schemas[a.typeName].ValueType().(tftypes.Object).AttributeTypes[a.name].Is(tftypes.Set{ElementType: tftypes.String})
		for _, c := range cases {
			t.Run(a.String()+"/"+c.value, func(t *testing.T) {
				v := str(c.value)
				if isSet {
					v = tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{v})
				}
				diags := s.validate(a.typeName, s.configWith(a, v))
				expectNoProviderFault(t, diags)
				on := errorsOn(diags, a)
				switch {
				case c.refusal == "" && len(on) > 0:
					t.Fatalf("refused: %s", on[0].Detail)
				case c.refusal == "":
				case len(on) != 1:
					t.Fatalf("%d errors on %s, want 1; all: %v", len(on), a, diags)
				case !strings.Contains(on[0].Detail, c.refusal):
					t.Errorf("the refusal %q does not say %q", on[0].Detail, c.refusal)
				}
			})
		}
	}
}

// An IPv6 argument's refusal says what an IPv6 address looks like; an
// IPv4 argument's, an IPv4 one.
func TestAddressArguments_remedyNamesTheFamily(t *testing.T) {
	s := newValidationServer(t)
	for _, c := range []struct {
		a           schemaArgument
		value       tftypes.Value
		says, wrong string
	}{
		{schemaArgument{"eni_network_interface", "ipv6_addresses", ""}, tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{str("fd00::zz")}),
			"Write an IPv6 address in canonical form, such as fd00:1:2:3::10.", "dotted IPv4"},
		{schemaArgument{"eni_network_interface", "secondary_private_ips", ""}, tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{str("fd00::a")}),
			"Write a dotted IPv4 address such as 10.0.1.10.", "IPv6 address in"},
		{schemaArgument{"eni_network_interface", "private_ip", ""}, str("x"), "Write a dotted IPv4 address such as 10.0.1.10.", "IPv6"},
	} {
		t.Run(c.a.String(), func(t *testing.T) {
			on := errorsOn(s.validate(c.a.typeName, s.configWith(c.a, c.value)), c.a)
			if len(on) != 1 {
				t.Fatalf("%d errors on %s, want 1", len(on), c.a)
			}
			if !strings.Contains(on[0].Detail, c.says) || strings.Contains(on[0].Detail, c.wrong) {
				t.Errorf("the refusal %q does not say %q, or says %q", on[0].Detail, c.says, c.wrong)
			}
		})
	}
}

// A null tag value is refused on the tag, by every tagged resource and by
// default_tags: stored as "", it would plan a change back to null forever.
func TestTags_nullValueRefusedOnTheTag(t *testing.T) {
	s := newValidationServer(t)
	tags := tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{
		"team": str("web"), "owner": tftypes.NewValue(tftypes.String, nil)})
	tagged := 0
	for typeName, schema := range s.schemas {
		if _, ok := schema.ValueType().(tftypes.Object).AttributeTypes["tags"]; !ok {
			continue
		}
		tagged++
		t.Run(typeName, func(t *testing.T) {
			diags := s.validate(typeName, s.value(schema, map[string]tftypes.Value{"tags": tags}))
			expectNullTagRefused(t, diags, tftypes.NewAttributePath().WithAttributeName("tags").WithElementKeyString("owner"))
		})
	}
	if tagged < 7 {
		t.Errorf("%d tagged resources, want every engine object's (7)", tagged)
	}
	t.Run("default_tags", func(t *testing.T) {
		resp, err := s.srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
		if err != nil {
			t.Fatal(err)
		}
		blockType := resp.Provider.ValueType().(tftypes.Object).AttributeTypes["default_tags"].(tftypes.Object)
		block := tftypes.NewValue(blockType, map[string]tftypes.Value{"tags": tags})
		cfg := s.value(resp.Provider, map[string]tftypes.Value{"default_tags": block})
		vresp, err := s.srv.ValidateProviderConfig(context.Background(), &tfprotov6.ValidateProviderConfigRequest{Config: &cfg})
		if err != nil {
			t.Fatal(err)
		}
		expectNullTagRefused(t, vresp.Diagnostics, tftypes.NewAttributePath().WithAttributeName("default_tags").WithAttributeName("tags").WithElementKeyString("owner"))
	})
}

func expectNullTagRefused(t *testing.T, diags []*tfprotov6.Diagnostic, at *tftypes.AttributePath) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError && d.Attribute.Equal(at) && strings.Contains(d.Detail, `Tag "owner" has a null value`) {
			return
		}
	}
	t.Errorf("no refusal of the null tag on %s: %v", at, diags)
}

// A NIC's private_ip among its secondary_private_ips is refused at
// validation on secondary_private_ips, naming no network interface (the
// one asked for does not exist yet).
func TestNetworkInterface_primaryIPAmongSecondaryIPsRefused(t *testing.T) {
	s := newValidationServer(t)
	a := schemaArgument{typeName: "eni_network_interface", name: "secondary_private_ips"}
	set := func(ips ...string) tftypes.Value {
		var elems []tftypes.Value
		for _, ip := range ips {
			elems = append(elems, str(ip))
		}
		return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
	}
	config := func(secondary tftypes.Value) tfprotov6.DynamicValue {
		return s.value(s.schemas[a.typeName], map[string]tftypes.Value{"name": str("n"), "subnet_id": str("subnet-0123456789abcdef"),
			"private_ip": str("10.0.1.10"), "secondary_private_ips": secondary})
	}
	on := errorsOn(s.validate(a.typeName, config(set("10.0.1.11", "10.0.1.10"))), a)
	if len(on) != 1 {
		t.Fatalf("%d errors on %s, want 1", len(on), a)
	}
	if d := on[0].Detail; !strings.Contains(d, "[InvalidIPAddress.InUse] address 10.0.1.10 is already used by this network interface as its primary IP") || strings.Contains(d, "eni-") {
		t.Errorf("the refusal %q does not say the address is the NIC's own primary IP, or names a NIC", d)
	}
	if on := errorsOn(s.validate(a.typeName, config(set("10.0.1.11"))), a); len(on) != 0 {
		t.Errorf("other secondary IPs refused: %s", on[0].Detail)
	}
}
