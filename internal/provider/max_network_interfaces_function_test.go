package provider

import "testing"

func TestMaxNetworkInterfacesFunction(t *testing.T) {
	wantResults(t, NewMaxNetworkInterfacesFunction(), "max_network_interfaces", map[string]int64{
		"s6.small.1":          1,
		"c7.large.2":          3,
		"m7.16xlarge.8":       12,
		"physical.c7.4xlarge": 8,
	})
}

func TestMaxNetworkInterfacesFunctionRefusesAnUnknownFlavor(t *testing.T) {
	_, err := runFunction(t, NewMaxNetworkInterfacesFunction(), "t2.micro")
	wantArgumentError(t, err, `flavor "t2.micro" does not exist; the flavors are s6.small.1,`)
}
