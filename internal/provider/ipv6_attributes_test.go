package provider

import "testing"

// TestULA56Check: the check takes every way the engine writes a random
// /56 of fd00::/8, zero groups shortened included, and nothing else.
func TestULA56Check(t *testing.T) {
	for _, good := range []string{"fd12:3456:789a:bc00::/56", "fdb1:a376:4e87::/56", "fdb1:a376:0:1200::/56", "fdb1:a376::/56", "fd00::/56"} {
		if err := ula56.CheckValue(good); err != nil {
			t.Errorf("%s: %v", good, err)
		}
	}
	for _, bad := range []any{"fd12:3456:789a:bc01::/56", "fd12:3456:789a:bc00::/64", "fc12:3456:789a:bc00::/56",
		"FD12:3456:789A:BC00::/56", "fdb1:a376:4e87:0::/56", "10.0.0.0/8", "", 56} {
		if err := ula56.CheckValue(bad); err == nil {
			t.Errorf("%v passed", bad)
		}
	}
}
