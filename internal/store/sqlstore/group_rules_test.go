package sqlstore

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// groupRuleTexts are rules as builds wrote them and as others might.
var groupRuleTexts = []string{
	`[]`,
	`null`,
	`[{"direction":"ingress","protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_cidr":"10.0.0.0/8"}]`,
	`[{"direction":"egress","protocol":"any","port_range_min":0,"port_range_max":0,"remote_cidr":"0.0.0.0/0"},` +
		`{"direction":"ingress","protocol":"udp","port_range_min":53,"port_range_max":65535,"remote_cidr":"192.168.0.0/16"}]`,
	// Other orders, missing and repeated keys, negative numbers, {}.
	`[{"remote_cidr":"10.0.0.0/8","port_range_max":-1,"direction":"ingress","direction":"egress"},{}]`,
	// What encoding/json decides: spaces, escapes, case, other numbers, nulls.
	`[ {"direction":"ingress"} ]`,
	`[{"direction":"in\u0067ress"}]`,
	`[{"Direction":"ingress"}]`,
	`[{"port_range_min":1.0}]`,
	`[{"port_range_min":01}]`,
	`[{"port_range_min":99999999999999999999}]`,
	`[{"protocol":null}]`,
	`[{"remote_cidr":"é"}]`,
	`[{"direction":"ingress"},]`,
	`[{"direction":"ingress"}`,
	`[{"direction":"ingress"}]x`,
	`{}`,
	``,
}

func TestGroupRulesDecodeAsEncodingJSON(t *testing.T) {
	for _, text := range groupRuleTexts {
		checkGroupRulesAsJSON(t, text)
	}
}

func TestGroupRulesRoundTrip(t *testing.T) {
	rules := []engine.SecurityGroupRule{
		{Direction: "ingress", Protocol: "tcp", PortRangeMin: 443, PortRangeMax: 443, RemoteCIDR: "0.0.0.0/0"},
		{Direction: "egress", Protocol: "icmp", RemoteCIDR: "10.0.0.0/16"},
	}
	text, err := encodeGroupRules(rules)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fastGroupRules(text); !ok {
		t.Errorf("rules as encoded (%s) are not read by the fast path", text)
	}
	got, err := decodeGroupRules(text)
	if err != nil || !reflect.DeepEqual(got, rules) {
		t.Errorf("decode(encode(rules)) = %+v, %v; want %+v", got, err, rules)
	}
	if text, _ := encodeGroupRules(nil); text != "[]" {
		t.Errorf("no rules are written %q, want []", text)
	}
}

// FuzzGroupRules holds decodeGroupRules to encoding/json on any text.
func FuzzGroupRules(f *testing.F) {
	for _, text := range groupRuleTexts {
		f.Add(text)
	}
	f.Fuzz(checkGroupRulesAsJSON)
}

// checkGroupRulesAsJSON checks that text decodes as encoding/json decodes
// it, rules and refusals alike.
func checkGroupRulesAsJSON(t *testing.T, text string) {
	var want []engine.SecurityGroupRule
	wantErr := json.Unmarshal([]byte(text), &want)
	if len(want) == 0 {
		want = nil
	}
	got, err := decodeGroupRules(text)
	if (err != nil) != (wantErr != nil) || wantErr == nil && !reflect.DeepEqual(got, want) {
		t.Errorf("decode %q = %+v, %v; encoding/json reads %+v, %v", text, got, err, want, wantErr)
	}
}
