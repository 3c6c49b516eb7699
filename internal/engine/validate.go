package engine

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Input limits, shared with the provider's validators.
const (
	MaxNameLength        = 64
	MaxDescriptionLength = 255
	MaxSecurityGroups    = 5
	MinBandwidthMbps     = 1
	MaxBandwidthMbps     = 2000
)

// ValidateName checks a name: 1 to 64 characters, letters, digits, '-', '_' and '.'.
func ValidateName(name string) error {
	if name == "" {
		return errorf(CodeInvalidParameterValue, "name must not be empty").on("name")
	}
	if utf8.RuneCountInString(name) > MaxNameLength {
		return errorf(CodeInvalidParameterValue, "name %q is %d characters long; the limit is %d", truncate(name), utf8.RuneCountInString(name), MaxNameLength).on("name")
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_.", r)) {
			return errorf(CodeInvalidParameterValue, "name %q contains %q; use letters, digits, '-', '_' and '.'", name, r).on("name")
		}
	}
	return nil
}

// ValidateDescription checks a description's length.
func ValidateDescription(d string) error {
	if n := utf8.RuneCountInString(d); n > MaxDescriptionLength {
		return errorf(CodeInvalidParameterValue, "description is %d characters long; the limit is %d", n, MaxDescriptionLength).on("description")
	}
	return nil
}

func validateNameAndDescription(name, description string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	return ValidateDescription(description)
}

func truncate(s string) string {
	if len(s) <= 32 {
		return s
	}
	return s[:32] + "…"
}

// ValidateBandwidth checks an EIP bandwidth.
func ValidateBandwidth(mbps int) error {
	if mbps < MinBandwidthMbps || mbps > MaxBandwidthMbps {
		return errorf(CodeInvalidParameterValue, "bandwidth_mbps %d is outside %d to %d", mbps, MinBandwidthMbps, MaxBandwidthMbps).on("bandwidth_mbps")
	}
	return nil
}

// Security group rule vocabularies, shared with the provider's validators.
var (
	RuleDirections = []string{"ingress", "egress"}
	RuleProtocols  = []string{"tcp", "udp", "icmp", "any"}
)

// ValidateRule checks one security group rule.
func ValidateRule(r SecurityGroupRule) error {
	if !slices.Contains(RuleDirections, r.Direction) {
		return errorf(CodeInvalidParameterValue, "rule direction %q is not one of %s", r.Direction, strings.Join(RuleDirections, ", ")).on("rules")
	}
	if !slices.Contains(RuleProtocols, r.Protocol) {
		return errorf(CodeInvalidParameterValue, "rule protocol %q is not one of %s", r.Protocol, strings.Join(RuleProtocols, ", ")).on("rules")
	}
	if r.PortRangeMin < 0 || r.PortRangeMax > 65535 || r.PortRangeMin > r.PortRangeMax {
		return errorf(CodeInvalidParameterValue, "rule port range %d-%d is not a range within 0-65535", r.PortRangeMin, r.PortRangeMax).on("rules")
	}
	if _, err := ParseCIDR("rule remote_cidr", r.RemoteCIDR); err != nil {
		return err.(*Error).on("rules")
	}
	return nil
}
