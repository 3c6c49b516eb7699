package provider

import "testing"

func TestSubnetCapacityFunction(t *testing.T) {
	wantResults(t, NewSubnetCapacityFunction(), "subnet_capacity", map[string]int64{
		"10.0.1.0/24":      253,
		"192.168.10.16/28": 13,
		"10.1.0.0/16":      65533,
	})
}

func TestSubnetCapacityFunctionRefusesABadCIDR(t *testing.T) {
	for cidr, want := range map[string]string{
		"10.0.1.0":    "is not an IPv4 CIDR block",
		"10.0.1.7/24": "has host bits set; its network is 10.0.1.0/24",
		"10.0.0.0/30": "has prefix length /30",
		"8.8.8.0/24":  "is not inside a private range",
	} {
		_, err := runFunction(t, NewSubnetCapacityFunction(), cidr)
		wantArgumentError(t, err, want)
	}
}
