package enginetest

import (
	"strings"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

// Tests of engine/validate.go: names, descriptions, security group rules
// and bandwidths the engine refuses before it looks at any stored state.

// badNamesAndValues are the ways a name, a description, a rule or a
// bandwidth may be wrong.
func badNamesAndValues(r *fixture.Region) []refusal {
	vpc := func(name, description string) func() error {
		return func() error {
			_, err := r.Eng.CreateVPC(r.Ctx, engine.VPCInput{Name: name, CIDR: "10.1.0.0/16", Description: description})
			return err
		}
	}
	group := func(rule engine.SecurityGroupRule) func() error {
		return func() error {
			_, err := r.Eng.CreateSecurityGroup(r.Ctx, engine.SecurityGroupInput{VPCID: r.VPC.ID, Name: "g", Rules: []engine.SecurityGroupRule{rule}})
			return err
		}
	}
	return []refusal{
		{"empty VPC name", vpc("", ""), engine.CodeInvalidParameterValue, "must not be empty"},
		{"long VPC name", vpc(strings.Repeat("x", 65), ""), engine.CodeInvalidParameterValue, "the limit is 64"},
		{"odd name", vpc("a b", ""), engine.CodeInvalidParameterValue, "contains ' '"},
		{"long description", vpc("a", strings.Repeat("d", 256)), engine.CodeInvalidParameterValue, "limit is 255"},
		{"bad rule", group(engine.SecurityGroupRule{Direction: "sideways", Protocol: "tcp", RemoteCIDR: "0.0.0.0/0"}), engine.CodeInvalidParameterValue, "ingress, egress"},
		{"bad port range", group(engine.SecurityGroupRule{Direction: "ingress", Protocol: "tcp", PortRangeMin: 90, PortRangeMax: 80, RemoteCIDR: "0.0.0.0/0"}), engine.CodeInvalidParameterValue, "90-80"},
		{"bandwidth", func() error { _, err := r.Eng.CreateEIP(r.Ctx, engine.EIPInput{BandwidthMbps: 0}); return err }, engine.CodeInvalidParameterValue, "bandwidth 0 Mbit/s"},
	}
}
