package engine

import (
	"fmt"
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

	// MaxPrivateIPsUnattached caps the private IPv4 addresses of a NIC on
	// no server (rule 15); on a server its flavor's cap applies.
	MaxPrivateIPsUnattached      = 50
	MaxIPv6AddressesPerInterface = 10

	MaxTags           = 50
	MaxTagKeyLength   = 128
	MaxTagValueLength = 256
	// ReservedTagPrefix starts the keys the region keeps for itself.
	ReservedTagPrefix = "eni:"
)

// ValidateTags checks an object's tags: at most MaxTags, each key 1 to
// MaxTagKeyLength characters not starting with ReservedTagPrefix, each value
// at most MaxTagValueLength characters. Keys are checked in sorted order so
// that the same tags always get the same refusal.
func ValidateTags(tags map[string]string) error {
	if len(tags) > MaxTags {
		return RuleTags.refuse("%d tags were given; an object has at most %d", len(tags), MaxTags)
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch n := utf8.RuneCountInString(k); {
		case n == 0:
			return RuleTags.refuse("a tag key is empty; a key has 1 to %d characters", MaxTagKeyLength)
		case n > MaxTagKeyLength:
			return RuleTags.refuse("tag key %q is %d characters long; the limit is %d", truncate(k), n, MaxTagKeyLength)
		case strings.HasPrefix(strings.ToLower(k), ReservedTagPrefix):
			return RuleTags.refuse("tag key %q starts with %q, which the region keeps for itself", truncate(k), ReservedTagPrefix)
		}
		if n := utf8.RuneCountInString(tags[k]); n > MaxTagValueLength {
			return RuleTags.refuse("the value of tag %q is %d characters long; the limit is %d", truncate(k), n, MaxTagValueLength)
		}
	}
	return nil
}

// tagsOf is a copy of the tags an object keeps, nil for none, as stores
// read them back.
func tagsOf(tags map[string]string) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	out := make(map[string]string, len(tags))
	for k, v := range tags {
		out[k] = v
	}
	return out
}

// ValidateName checks a name: 1 to 64 characters, letters, digits, '-', '_' and '.'.
func ValidateName(name string) error {
	if name == "" {
		return RuleName.refuse("name must not be empty")
	}
	if utf8.RuneCountInString(name) > MaxNameLength {
		return RuleName.refuse("name %q is %d characters long; the limit is %d", truncate(name), utf8.RuneCountInString(name), MaxNameLength)
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_.", r)) {
			return RuleName.refuse("name %q contains %q; a name has letters, digits, '-', '_' and '.'", name, r)
		}
	}
	return nil
}

// ValidateDescription checks a description's length.
func ValidateDescription(d string) error {
	if n := utf8.RuneCountInString(d); n > MaxDescriptionLength {
		return RuleDescription.refuse("description is %d characters long; the limit is %d", n, MaxDescriptionLength)
	}
	return nil
}

func validateNameAndDescription(name, description string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	return ValidateDescription(description)
}

// truncate shortens s to 32 characters for a message, never splitting one.
func truncate(s string) string {
	if r := []rune(s); len(r) > 32 {
		return string(r[:32]) + "…"
	}
	return s
}

// ValidateBandwidth checks an EIP bandwidth.
func ValidateBandwidth(mbps int) error {
	if mbps < MinBandwidthMbps || mbps > MaxBandwidthMbps {
		return RuleBandwidth.refuse("bandwidth %d Mbit/s is outside %d to %d", mbps, MinBandwidthMbps, MaxBandwidthMbps)
	}
	return nil
}

// Security group rule vocabularies, shared with the provider's validators.
var (
	RuleDirections = []string{"ingress", "egress"}
	RuleProtocols  = []string{"tcp", "udp", "icmp", "any"}
)

// ValidateRule checks one security group rule. It also names the part of
// the rule at fault, a field of SecurityGroupRule, so that a refusal can be
// shown on that part of the configuration.
func ValidateRule(r SecurityGroupRule) (part string, err error) {
	if !slices.Contains(RuleDirections, r.Direction) {
		return "Direction", RuleSecurityGroupRule.refuse("rule direction %q is not one of %s", r.Direction, strings.Join(RuleDirections, ", "))
	}
	part, problem, err := trafficProblem(FieldSecurityGroupRules, r.Protocol, r.PortRangeMin, r.PortRangeMax, r.RemoteCIDR)
	if problem != "" {
		return part, RuleSecurityGroupRule.refuse("rule %s", problem)
	}
	return part, err
}

// trafficProblem checks what a security group rule and a network ACL rule
// both say of the traffic they match (protocol, port range, remote CIDR,
// the remote CIDR refused on field), and names the part at fault with what
// is wrong with it, for the caller's rule to refuse; a bad CIDR comes back
// refused already.
func trafficProblem(field Field, protocol string, portMin, portMax int, remoteCIDR string) (part, problem string, err error) {
	switch {
	case !slices.Contains(RuleProtocols, protocol):
		return "Protocol", fmt.Sprintf("protocol %q is not one of %s", protocol, strings.Join(RuleProtocols, ", ")), nil
	case portMin < 0 || portMax > 65535 || portMin > portMax:
		return portAtFault(portMin), fmt.Sprintf("port range %d-%d is not a range within 0-65535", portMin, portMax), nil
	}
	if _, err := ParseCIDR(field, remoteCIDR); err != nil {
		return "RemoteCIDR", "", err
	}
	return "", "", nil
}

// portAtFault is the end of a bad port range to blame: the first port when
// it is itself out of range, else the last.
func portAtFault(portMin int) string {
	if portMin < 0 || portMin > 65535 {
		return "PortRangeMin"
	}
	return "PortRangeMax"
}
