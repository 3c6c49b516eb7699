package engine

import (
	"net/netip"
	"testing"
)

func TestAddrNumberRoundTrip(t *testing.T) {
	if got := AddrNumber(netip.MustParseAddr("10.0.1.2")); got != 10<<24|1<<8|2 {
		t.Errorf("AddrNumber(10.0.1.2) = %d, want the address's bytes in network order", got)
	}
	for _, s := range []string{"0.0.0.0", "10.0.1.2", "255.255.255.255"} {
		a := netip.MustParseAddr(s)
		if back := NumberAddr(AddrNumber(a)); back != a {
			t.Errorf("%s came back as %s", a, back)
		}
	}
}
