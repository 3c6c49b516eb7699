package provider

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// FuzzStringValidators puts any string HCL can hold in each string argument
// the engine judges, and validates the configuration through the provider's
// protocol server as a CLI does. Properties: nothing panics; validation
// refuses the value exactly when the engine's own check does, with an error
// on that argument's path that carries the engine's code and message; no
// other diagnostic appears.
//
//	go test ./internal/provider -run '^$' -fuzz FuzzStringValidators -fuzztime 60s
func FuzzStringValidators(f *testing.F) {
	for _, seed := range []string{"", "web-1", "10.0.0.0/16", "10.0.1.5", "0.0.0.0/0", "local-1a", "c7.large.2",
		"10.0.0.0/33", "::1", "10.0.0.256", "説明", "a\x00b", "1.2.3.4/0", " 10.0.0.0/8 ", "ingress", "egress", "tcp",
		"any", "Ingress", "10.0.0.0/08", "010.0.0.0/8", strings.Repeat("n", engine.MaxNameLength+1)} {
		f.Add(seed)
	}
	s := newProtoServer(f, New("fuzz")(), map[string]tftypes.Value{"store": str(filepath.Join(f.TempDir(), "engine.db"))})
	cases := stringArgumentCases(s)
	f.Fuzz(func(t *testing.T, v string) {
		if !utf8.ValidString(v) {
			t.Skip("HCL strings are UTF-8")
		}
		for _, c := range cases {
			c.check(t, s, v)
		}
	})
}

// stringArgumentCase is one string argument: where it sits in a resource's
// configuration, and the engine check that judges it.
type stringArgumentCase struct {
	name     string
	resource string
	// config is a valid configuration with v at the argument, and the path
	// of the argument in it.
	config func(v string) (map[string]tftypes.Value, *tftypes.AttributePath)
	engine func(v string) error
}

func stringArgumentCases(s *protoServer) []stringArgumentCase {
	root := func(argument string, others map[string]tftypes.Value) func(string) (map[string]tftypes.Value, *tftypes.AttributePath) {
		return func(v string) (map[string]tftypes.Value, *tftypes.AttributePath) {
			attrs := maps.Clone(others)
			attrs[argument] = str(v)
			return attrs, tftypes.NewAttributePath().WithAttributeName(argument)
		}
	}
	vpc := map[string]tftypes.Value{"name": str("v"), "cidr": str("10.0.0.0/16")}
	subnet := map[string]tftypes.Value{"vpc_id": str("vpc-1"), "name": str("s"), "cidr": str("10.0.1.0/24"), "availability_zone": str("local-1a")}
	nic := map[string]tftypes.Value{"subnet_id": str("subnet-1"), "name": str("n")}
	server := map[string]tftypes.Value{"name": str("s"), "kind": str("ecs"), "flavor": str("c7.large.2"), "availability_zone": str("local-1a"), "subnet_id": str("subnet-1")}
	rule := engine.SecurityGroupRule{Direction: "ingress", Protocol: "tcp", PortRangeMin: 22, PortRangeMax: 22, RemoteCIDR: "0.0.0.0/0"}
	withPart := func(set func(*engine.SecurityGroupRule, string)) func(string) error {
		return func(v string) error {
			r := rule
			set(&r, v)
			_, err := engine.ValidateRule(r)
			return err
		}
	}
	return []stringArgumentCase{
		{"vpc name", "eni_vpc", root("name", vpc), engine.ValidateName},
		{"vpc description", "eni_vpc", root("description", vpc), engine.ValidateDescription},
		{"vpc cidr", "eni_vpc", root("cidr", vpc), func(v string) error {
			_, err := engine.ValidatePrivateCIDR(engine.FieldCIDR, v)
			return err
		}},
		{"subnet cidr", "eni_subnet", root("cidr", subnet), func(v string) error {
			_, err := engine.ValidatePrivateCIDR(engine.FieldCIDR, v)
			return err
		}},
		{"subnet zone", "eni_subnet", root("availability_zone", subnet), engine.ValidateZone},
		{"subnet gateway", "eni_subnet", root("gateway_ip", subnet), parseIP},
		{"nic private ip", "eni_network_interface", root("private_ip", nic), parseIP},
		{"server flavor", "eni_server", root("flavor", server), func(v string) error {
			_, err := engine.ValidateFlavor(v, "")
			return err
		}},
		{"server zone", "eni_server", root("availability_zone", server), engine.ValidateZone},
		{"rule direction", "eni_security_group", ruleArgument(s, rule, "direction"), withPart(func(r *engine.SecurityGroupRule, v string) { r.Direction = v })},
		{"rule protocol", "eni_security_group", ruleArgument(s, rule, "protocol"), withPart(func(r *engine.SecurityGroupRule, v string) { r.Protocol = v })},
		{"rule remote cidr", "eni_security_group", ruleArgument(s, rule, "remote_cidr"), withPart(func(r *engine.SecurityGroupRule, v string) { r.RemoteCIDR = v })},
	}
}

// ruleArgument places v in one string argument of a group's only rule.
func ruleArgument(s *protoServer, rule engine.SecurityGroupRule, argument string) func(string) (map[string]tftypes.Value, *tftypes.AttributePath) {
	list := s.schemas["eni_security_group"].ValueType().(tftypes.Object).AttributeTypes["rules"].(tftypes.List)
	return func(v string) (map[string]tftypes.Value, *tftypes.AttributePath) {
		attrs := map[string]tftypes.Value{
			"direction":      str(rule.Direction),
			"protocol":       str(rule.Protocol),
			"port_range_min": tftypes.NewValue(tftypes.Number, rule.PortRangeMin),
			"port_range_max": tftypes.NewValue(tftypes.Number, rule.PortRangeMax),
			"remote_cidr":    str(rule.RemoteCIDR),
		}
		attrs[argument] = str(v)
		element := tftypes.NewValue(list.ElementType, attrs)
		return map[string]tftypes.Value{"vpc_id": str("vpc-1"), "name": str("g"), "rules": tftypes.NewValue(list, []tftypes.Value{element})},
			tftypes.NewAttributePath().WithAttributeName("rules").WithElementKeyInt(0).WithAttributeName(argument)
	}
}

func parseIP(v string) error {
	_, err := engine.ParseIP("", v)
	return err
}

// check validates the configuration with v at the argument and compares
// the verdict with the engine's.
func (c stringArgumentCase) check(t *testing.T, s *protoServer, v string) {
	t.Helper()
	attrs, at := c.config(v)
	typ := s.schemas[c.resource].ValueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(attrType, nil)
		if a, ok := attrs[name]; ok {
			vals[name] = a
		}
	}
	cfg, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatalf("%s = %q: %v", c.name, v, err)
	}
	resp, err := s.srv.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: c.resource, Config: &cfg})
	if err != nil {
		t.Fatalf("%s = %q: %v", c.name, v, err)
	}
	engineErr := c.engine(v)
	refused := false
	for _, d := range resp.Diagnostics {
		if d.Attribute == nil || !d.Attribute.Equal(at) {
			t.Errorf("%s = %q: diagnostic %q (%s) is not on %s", c.name, v, d.Summary, d.Detail, at)
			continue
		}
		refused = refused || d.Severity == tfprotov6.DiagnosticSeverityError
		if e := engine.AsError(engineErr); e != nil && !strings.Contains(d.Detail, "["+e.Code+"] "+e.Message) {
			t.Errorf("%s = %q: diagnostic says %q, not the engine's %q", c.name, v, d.Detail, engineErr)
		}
	}
	if refused != (engineErr != nil) {
		t.Errorf("%s = %q: validation refused it: %v; the engine: %v", c.name, v, refused, engineErr)
	}
}
