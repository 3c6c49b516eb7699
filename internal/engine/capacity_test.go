package engine

import "testing"

func TestSubnetCapacity(t *testing.T) {
	for cidr, want := range map[string]int{
		"10.0.1.0/24":   253, // 256 less network, broadcast and gateway
		"10.0.1.0/28":   13,
		"172.16.0.0/16": 65533,
	} {
		got, err := SubnetCapacity(FieldCIDR, cidr)
		if err != nil || got != want {
			t.Errorf("SubnetCapacity(%s) = %d, %v; want %d", cidr, got, err, want)
		}
	}
}

func TestSubnetCapacityRefusesWhatASubnetCannotHave(t *testing.T) {
	for _, cidr := range []string{"nope", "10.0.1.1/24", "10.0.0.0/29", "8.8.8.0/24", "10.0.0.0/8"} {
		if _, err := SubnetCapacity(FieldCIDR, cidr); CodeOf(err) != CodeInvalidParameterValue {
			t.Errorf("SubnetCapacity(%s): %v, want %s", cidr, err, CodeInvalidParameterValue)
		} else if AsError(err).Field != FieldCIDR {
			t.Errorf("SubnetCapacity(%s) names %q, want %q", cidr, AsError(err).Field, FieldCIDR)
		}
	}
}
