package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// A group's rules are a list whose order does not matter: the same rules in
// another order, or with a rule repeated, are the same rules. The plan, the
// state after apply and the refresh keep the order they already have when
// the rules are the same, so reordering rules plans no change. Every
// comparison here is linear in the rules.

// rulesInOrderOf is fresh, rules the engine holds, in the order of ordered
// (the plan or the prior state) when they are the same rules.
func rulesInOrderOf(ordered, fresh types.List) types.List {
	if sameRules(ordered, fresh) {
		return ordered
	}
	return fresh
}

// sameRules reports whether a and b are known and hold the same rules, each
// fully known, in any order and any number of times each.
func sameRules(a, b types.List) bool {
	ra, ok := ruleSetOf(a)
	if !ok {
		return false
	}
	rb, ok := ruleSetOf(b)
	if !ok || len(ra) != len(rb) {
		return false
	}
	for r := range ra {
		if !rb[r] {
			return false
		}
	}
	return true
}

// ruleSetOf is the distinct rules of list, if it is known and so is each rule.
func ruleSetOf(list types.List) (map[engine.SecurityGroupRule]bool, bool) {
	if list.IsNull() || list.IsUnknown() {
		return nil, false
	}
	set := make(map[engine.SecurityGroupRule]bool, len(list.Elements()))
	for _, elem := range list.Elements() {
		rule, ok := knownRule(elem)
		if !ok {
			return nil, false
		}
		set[rule] = true
	}
	return set, true
}

// knownRule is the engine's rule for an element of rules whose every part
// is known.
func knownRule(elem attr.Value) (engine.SecurityGroupRule, bool) {
	obj, ok := elem.(types.Object)
	if !ok || obj.IsNull() || obj.IsUnknown() {
		return engine.SecurityGroupRule{}, false
	}
	attrs := obj.Attributes()
	direction, ok1 := knownString(attrs["direction"])
	protocol, ok2 := knownString(attrs["protocol"])
	cidr, ok3 := knownString(attrs["remote_cidr"])
	from, ok4 := knownInt(attrs["port_range_min"])
	to, ok5 := knownInt(attrs["port_range_max"])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
		return engine.SecurityGroupRule{}, false
	}
	return engine.SecurityGroupRule{Direction: direction, Protocol: protocol, PortRangeMin: from, PortRangeMax: to, RemoteCIDR: cidr}, true
}

// knownInt reads a known integer from an Int64 or a custom type built on it
// (wholeNumber), as the rule ports are.
func knownInt(v attr.Value) (int, bool) {
	n, ok := v.(basetypes.Int64Valuable)
	if !ok {
		return 0, false
	}
	i, diags := n.ToInt64Value(context.Background())
	if diags.HasError() || i.IsNull() || i.IsUnknown() {
		return 0, false
	}
	return int(i.ValueInt64()), true
}
