package engine

import (
	"net/netip"
	"testing"
)

func TestValidatePrivateCIDR(t *testing.T) {
	for _, c := range []struct {
		in   string
		code string
	}{
		{"10.0.0.0/16", ""},
		{"172.16.0.0/12", CodeInvalidParameterValue}, // /12 is too large
		{"172.31.255.240/28", ""},
		{"192.168.10.0/24", ""},
		{"192.168.10.0/29", CodeInvalidParameterValue},
		{"11.0.0.0/16", CodeInvalidParameterValue},
		{"172.32.0.0/16", CodeInvalidParameterValue},
		{"10.0.0.1/16", CodeInvalidParameterValue},
		{"10.0.0.0", CodeInvalidParameterValue},
		{"", CodeInvalidParameterValue},
		{"fd00::/64", CodeInvalidParameterValue},
	} {
		_, err := ValidatePrivateCIDR(FieldCIDR, c.in)
		if CodeOf(err) != c.code {
			t.Errorf("%q: code %q, want %q (%v)", c.in, CodeOf(err), c.code, err)
		}
		if err != nil && FieldOf(err) != FieldCIDR {
			t.Errorf("%q: field %q", c.in, FieldOf(err))
		}
	}
}

func TestHostRange(t *testing.T) {
	for _, c := range []struct{ cidr, first, last string }{
		{"10.0.0.0/16", "10.0.0.1", "10.0.255.254"},
		{"10.0.9.0/28", "10.0.9.1", "10.0.9.14"},
		{"192.168.1.0/24", "192.168.1.1", "192.168.1.254"},
	} {
		first, last := hostRange(netip.MustParsePrefix(c.cidr))
		if numToIP(first).String() != c.first || numToIP(last).String() != c.last {
			t.Errorf("%s: %s-%s, want %s-%s", c.cidr, numToIP(first), numToIP(last), c.first, c.last)
		}
	}
}

// usedSet is a freeFinder over a set of taken addresses.
func usedSet(taken ...uint32) freeFinder {
	used := map[uint32]bool{}
	for _, n := range taken {
		used[n] = true
	}
	return func(from, to uint32) (uint32, bool, error) {
		for n := from; n <= to; n++ {
			if !used[n] {
				return n, true, nil
			}
		}
		return 0, false, nil
	}
}

func TestFirstFreeSkipping(t *testing.T) {
	for _, c := range []struct {
		name                      string
		taken                     []uint32
		cursor, first, last, skip uint32
		want                      uint32
		ok                        bool
	}{
		{"empty range starts at the cursor", nil, 1, 1, 14, 99, 1, true},
		{"skips the gateway", nil, 1, 1, 14, 1, 2, true},
		{"continues after the cursor", []uint32{1, 2, 3}, 4, 1, 14, 1, 4, true},
		{"wraps round to reuse released", []uint32{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 14, 1, 14, 1, 0, false},
		{"wraps round and finds a gap", []uint32{1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 14, 1, 14, 99, 2, true},
		{"cursor out of range is reset", nil, 40, 1, 14, 1, 2, true},
		{"full", []uint32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 5, 1, 14, 99, 0, false},
	} {
		got, ok, err := firstFreeSkipping(usedSet(c.taken...), c.cursor, c.first, c.last, c.skip)
		if err != nil || ok != c.ok || (ok && got != c.want) {
			t.Errorf("%s: got %d %v %v, want %d %v", c.name, got, ok, err, c.want, c.ok)
		}
	}
}
