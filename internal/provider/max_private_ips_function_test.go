package provider

import "testing"

func TestMaxPrivateIPsFunction(t *testing.T) {
	wantResults(t, NewMaxPrivateIPsFunction(), "max_private_ips", map[string]int64{
		"s6.small.1":          2,
		"c7.2xlarge.2":        15,
		"m7.16xlarge.8":       50,
		"physical.s4.large":   10,
		"physical.c7.4xlarge": 30,
	})
}

func TestMaxPrivateIPsFunctionRefusesAnUnknownFlavor(t *testing.T) {
	_, err := runFunction(t, NewMaxPrivateIPsFunction(), "")
	wantArgumentError(t, err, `flavor "" does not exist`)
}
