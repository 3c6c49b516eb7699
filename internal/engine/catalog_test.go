package engine

import (
	"reflect"
	"strings"
	"testing"
)

// TestFlavorCatalog pins the catalog to the table in the design: its
// figures are part of the contract.
func TestFlavorCatalog(t *testing.T) {
	want := []Flavor{
		{"s6.small.1", "ecs", 1, 1, 1, 2},
		{"s6.large.2", "ecs", 2, 4, 2, 4},
		{"c7.large.2", "ecs", 2, 4, 3, 10},
		{"c7.xlarge.2", "ecs", 4, 8, 3, 10},
		{"c7.2xlarge.2", "ecs", 8, 16, 4, 15},
		{"c7.4xlarge.2", "ecs", 16, 32, 6, 15},
		{"c7.8xlarge.2", "ecs", 32, 64, 8, 30},
		{"m7.16xlarge.8", "ecs", 64, 512, 12, 50},
		{"physical.s4.large", "bms", 32, 192, 2, 10},
		{"physical.c7.4xlarge", "bms", 96, 384, 8, 30},
	}
	if !reflect.DeepEqual(Flavors, want) {
		t.Fatalf("catalog drifted from the design:\n got %v\nwant %v", Flavors, want)
	}
}

func TestValidateFlavor(t *testing.T) {
	for _, c := range []struct{ flavor, kind, code string }{
		{"c7.large.2", "ecs", ""},
		{"c7.large.2", "", ""},
		{"physical.s4.large", "bms", ""},
		{"physical.s4.large", "ecs", CodeInvalidParameterValue},
		{"c7.large.2", "bms", CodeInvalidParameterValue},
		{"t2.micro", "ecs", CodeFlavorNotFound},
	} {
		_, err := ValidateFlavor(c.flavor, c.kind)
		if CodeOf(err) != c.code {
			t.Errorf("%s/%s: %q, want %q (%v)", c.flavor, c.kind, CodeOf(err), c.code, err)
		}
	}
}

func TestListFlavors(t *testing.T) {
	for _, c := range []struct {
		kind string
		min  int
		want []string
	}{
		{"bms", 0, []string{"physical.s4.large", "physical.c7.4xlarge"}},
		{"", 8, []string{"c7.8xlarge.2", "m7.16xlarge.8", "physical.c7.4xlarge"}},
		{"ecs", 12, []string{"m7.16xlarge.8"}},
		{"ecs", 13, nil},
	} {
		var got []string
		for _, f := range ListFlavors(c.kind, c.min) {
			got = append(got, f.Name)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q min %d: %v, want %v", c.kind, c.min, got, c.want)
		}
	}
}

func TestValidateName(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"web-1", true}, {"a.b_c", true}, {"", false}, {"has space", false}, {"x/y", false},
		{string(make([]byte, 65)), false}, {"ünïcode", true},
	} {
		if err := ValidateName(c.name); (err == nil) != c.ok {
			t.Errorf("%q: %v", c.name, err)
		}
	}
}

func TestPrimaryNameFitsTheLimit(t *testing.T) {
	for _, server := range []string{"web", strings.Repeat("x", MaxNameLength), strings.Repeat("é", 60)} {
		if err := ValidateName(primaryName(server)); err != nil {
			t.Errorf("primary NIC name of %q: %v", server, err)
		}
	}
}

// The kind refusal reads right for both kinds: no "a ecs".
func TestValidateFlavorNamesKindsWithoutArticles(t *testing.T) {
	_, err := ValidateFlavor("physical.s4.large", "ecs")
	if err == nil {
		t.Fatal("a bms flavor was accepted for an ecs server")
	}
	for _, bad := range []string{"a ecs", "a bms"} {
		if strings.Contains(err.Error(), bad) {
			t.Errorf("%q says %q", err, bad)
		}
	}
	if !strings.Contains(err.Error(), "is of kind bms") || !strings.Contains(err.Error(), "a server of kind ecs") {
		t.Errorf("%q does not name both kinds", err)
	}
}
