package engine

import (
	"net/netip"
	"testing"
)

func TestAddrNumberRoundTrip(t *testing.T) {
	for _, c := range []struct {
		addr string
		num  uint32
	}{
		{"0.0.0.0", 0},
		{"10.0.1.2", 10<<24 | 1<<8 | 2},
		{"255.255.255.255", 0xFFFFFFFF},
	} {
		a := netip.MustParseAddr(c.addr)
		if got := AddrNumber(a); got != c.num {
			t.Errorf("AddrNumber(%s) = %d, want %d", a, got, c.num)
		}
		if got := NumberAddr(c.num); got != a {
			t.Errorf("NumberAddr(%d) = %s, want %s", c.num, got, a)
		}
	}
}
