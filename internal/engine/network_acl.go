package engine

import (
	"context"
	"slices"
	"strings"
)

// MaxACLRulesPerDirection is how many rules of each direction a network
// ACL holds (rule 21).
const MaxACLRulesPerDirection = 100

// ACLActions are what a network ACL rule does with the traffic it matches.
var ACLActions = []string{"allow", "deny"}

// NetworkACLInput creates a network ACL, or replaces what an update
// changes (its VPC stays; Tags nil leaves the tags alone). Ingress and
// Egress are in priority order.
type NetworkACLInput struct {
	VPCID       string
	Name        string
	Description string
	Ingress     []ACLRule
	Egress      []ACLRule
	Tags        map[string]string
}

// NetworkACLDetails is a network ACL with the subnets associated with it.
type NetworkACLDetails struct {
	NetworkACL
	SubnetIDs []string
}

// NetworkACLFilter selects network ACLs; empty fields match everything.
type NetworkACLFilter struct {
	VPCID string
	Tags  map[string]string
}

// ValidateNetworkACLRules checks an ACL's rules on their face (rule 21):
// at most MaxACLRulesPerDirection of each direction, each well formed.
func ValidateNetworkACLRules(ingress, egress []ACLRule) error {
	for _, d := range []struct {
		field Field
		rules []ACLRule
	}{{FieldIngress, ingress}, {FieldEgress, egress}} {
		if err := CheckACLRuleCount(d.field, len(d.rules)); err != nil {
			return err
		}
		for _, r := range d.rules {
			if _, err := ValidateACLRule(d.field, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckACLRuleCount applies rule 21's limit to n rules of one direction
// (field FieldIngress or FieldEgress).
func CheckACLRuleCount(field Field, n int) error {
	if n <= MaxACLRulesPerDirection {
		return nil
	}
	return RuleACLEntryLimit.refuse("%d %s rules were given; a network ACL takes at most %d of each direction",
		n, strings.ToLower(string(field)), MaxACLRulesPerDirection).on(field)
}

// ValidateACLRule checks one rule of a network ACL's direction field with
// the checks of a security group rule, and an action and description of
// its own; it names the part of the rule at fault, a field of ACLRule.
func ValidateACLRule(field Field, r ACLRule) (part string, err error) {
	if !slices.Contains(ACLActions, r.Action) {
		return "Action", RuleACLRule.refuse("rule action %q is not one of %s", r.Action, strings.Join(ACLActions, ", ")).on(field)
	}
	part, problem, err := trafficProblem(field, r.Protocol, r.PortRangeMin, r.PortRangeMax, r.RemoteCIDR)
	switch {
	case problem != "":
		return part, RuleACLRule.refuse("rule %s", problem).on(field)
	case err != nil:
		return part, err
	}
	if err := ValidateDescription(r.Description); err != nil {
		return "Description", RuleACLRule.refuse("rule %s", AsError(err).Message).on(field)
	}
	return "", nil
}

func validateNetworkACLInput(in NetworkACLInput) error {
	if err := validateNameAndDescription(in.Name, in.Description); err != nil {
		return err
	}
	if err := ValidateTags(in.Tags); err != nil {
		return err
	}
	return ValidateNetworkACLRules(in.Ingress, in.Egress)
}

// CreateNetworkACL creates a network ACL in a VPC.
func (e *Engine) CreateNetworkACL(ctx context.Context, in NetworkACLInput) (a NetworkACL, err error) {
	if err := validateNetworkACLInput(in); err != nil {
		return NetworkACL{}, err
	}
	err = e.updateInVPCOf(ctx, "CreateNetworkACL", ScopeVPC, in.VPCID, func(tx Tx) error {
		if _, err := getVPC(tx, in.VPCID); err != nil {
			return err
		}
		a = NetworkACL{ID: newID(PrefixNetworkACL), VPCID: in.VPCID, Name: in.Name, Description: in.Description,
			Ingress: nonEmpty(in.Ingress), Egress: nonEmpty(in.Egress), Tags: tagsOf(in.Tags)}
		return tx.InsertNetworkACL(a)
	})
	return a, err
}

// UpdateNetworkACL replaces a network ACL's name, description and rules
// in one transaction; its VPC stays.
func (e *Engine) UpdateNetworkACL(ctx context.Context, id string, in NetworkACLInput) (a NetworkACL, err error) {
	if err := validateNetworkACLInput(in); err != nil {
		return NetworkACL{}, err
	}
	err = e.updateInVPCOf(ctx, "UpdateNetworkACL", ScopeNetworkACL, id, func(tx Tx) error {
		if a, err = getNetworkACL(tx, id); err != nil {
			return err
		}
		a.Name, a.Description, a.Ingress, a.Egress = in.Name, in.Description, nonEmpty(in.Ingress), nonEmpty(in.Egress)
		if in.Tags != nil {
			a.Tags = tagsOf(in.Tags)
		}
		return tx.UpdateNetworkACL(a)
	})
	return a, err
}

// DeleteNetworkACL deletes a network ACL no subnet is associated with (rule 20).
func (e *Engine) DeleteNetworkACL(ctx context.Context, id string) error {
	return e.updateInVPCOf(ctx, "DeleteNetworkACL", ScopeNetworkACL, id, func(tx Tx) error {
		if _, err := getNetworkACL(tx, id); err != nil {
			return err
		}
		if err := checkNotAssociated(tx, networkACLAssociations, id); err != nil {
			return err
		}
		return tx.DeleteNetworkACL(id)
	})
}

// GetNetworkACL reads a network ACL and the subnets associated with it.
func (e *Engine) GetNetworkACL(ctx context.Context, id string) (d NetworkACLDetails, err error) {
	err = e.view(ctx, "GetNetworkACL", func(tx Tx) error {
		a, err := getNetworkACL(tx, id)
		if err != nil {
			return err
		}
		held, err := tx.ListAssociations(AssociationFilter{TargetID: id, Kind: AssociationNetworkACL})
		d = NetworkACLDetails{NetworkACL: a, SubnetIDs: []string{}}
		for _, h := range held {
			d.SubnetIDs = append(d.SubnetIDs, h.SubnetID)
		}
		slices.Sort(d.SubnetIDs)
		return err
	})
	return d, err
}

// ListNetworkACLs lists the network ACLs f selects, by ID.
func (e *Engine) ListNetworkACLs(ctx context.Context, f NetworkACLFilter) (out []NetworkACL, err error) {
	err = e.view(ctx, "ListNetworkACLs", func(tx Tx) error {
		all, err := tx.ListNetworkACLs(f.VPCID)
		out = keep(all, func(a NetworkACL) bool { return MatchTags(a.Tags, f.Tags) })
		return err
	})
	return out, err
}

func getNetworkACL(tx Tx, id string) (NetworkACL, error) {
	a, err := tx.GetNetworkACL(id)
	return a, notFound(err, RuleNetworkACLExists, "network ACL", id)
}

// nonEmpty is rules as stores read them back: nil for none.
func nonEmpty(rules []ACLRule) []ACLRule {
	if len(rules) == 0 {
		return nil
	}
	return rules
}

// aclIDs lists the IDs of acls.
func aclIDs(acls []NetworkACL) []string {
	ids := make([]string, len(acls))
	for i, a := range acls {
		ids[i] = a.ID
	}
	return ids
}
