package provider

import "testing"

func TestMaxPrivateIPsFunction(t *testing.T) {
	for flavor, want := range map[string]int64{
		"s6.small.1":          2,
		"c7.2xlarge.2":        15,
		"m7.16xlarge.8":       50,
		"physical.s4.large":   10,
		"physical.c7.4xlarge": 30,
	} {
		got, err := runFunction(t, NewMaxPrivateIPsFunction(), flavor)
		if err != nil || got != want {
			t.Errorf("max_private_ips(%q) = %d, %v; want %d", flavor, got, err, want)
		}
	}
}

func TestMaxPrivateIPsFunctionRefusesAnUnknownFlavor(t *testing.T) {
	_, err := runFunction(t, NewMaxPrivateIPsFunction(), "")
	wantArgumentError(t, err, `flavor "" does not exist`)
}
