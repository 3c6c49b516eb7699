package provider

import "testing"

func TestMaxNetworkInterfacesFunction(t *testing.T) {
	for flavor, want := range map[string]int64{
		"s6.small.1":          1,
		"c7.large.2":          3,
		"m7.16xlarge.8":       12,
		"physical.c7.4xlarge": 8,
	} {
		got, err := runFunction(t, NewMaxNetworkInterfacesFunction(), flavor)
		if err != nil || got != want {
			t.Errorf("max_network_interfaces(%q) = %d, %v; want %d", flavor, got, err, want)
		}
	}
}

func TestMaxNetworkInterfacesFunctionRefusesAnUnknownFlavor(t *testing.T) {
	_, err := runFunction(t, NewMaxNetworkInterfacesFunction(), "t2.micro")
	wantArgumentError(t, err, `flavor "t2.micro" does not exist; the flavors are s6.small.1,`)
}
