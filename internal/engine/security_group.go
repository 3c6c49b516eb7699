package engine

import (
	"context"
	"fmt"
	"strings"
)

// SecurityGroupInput creates or updates a security group. On an update,
// Tags nil leaves the tags alone.
type SecurityGroupInput struct {
	VPCID       string
	Name        string
	Description string
	Rules       []SecurityGroupRule
	Tags        map[string]string
}

func validateSecurityGroupInput(in SecurityGroupInput) error {
	if err := validateNameAndDescription(in.Name, in.Description); err != nil {
		return err
	}
	if err := CheckRuleCount(in.Rules); err != nil {
		return err
	}
	if err := ValidateTags(in.Tags); err != nil {
		return err
	}
	for _, r := range in.Rules {
		if _, err := ValidateRule(r); err != nil {
			return err
		}
	}
	return nil
}

// MaxRulesPerDirection is how many rules of each direction a group holds.
// The peers allow 50 to 100; 100 keeps every group a peer accepts.
const MaxRulesPerDirection = 100

// CheckRuleCount applies the limit of rules per direction to a group's rules.
func CheckRuleCount(rules []SecurityGroupRule) error {
	counts := map[string]int{}
	for _, r := range rules {
		counts[r.Direction]++
	}
	for _, d := range RuleDirections {
		if n := counts[d]; n > MaxRulesPerDirection {
			return RuleRulesPerGroupLimit.refuse("%d %s rules were given; a security group takes at most %d of each direction", n, d, MaxRulesPerDirection)
		}
	}
	return nil
}

// CreateSecurityGroup creates a security group in a VPC.
func (e *Engine) CreateSecurityGroup(ctx context.Context, in SecurityGroupInput) (g SecurityGroup, err error) {
	if err := validateSecurityGroupInput(in); err != nil {
		return SecurityGroup{}, err
	}
	g = SecurityGroup{ID: newID(PrefixSecurityGroup), VPCID: in.VPCID, Name: in.Name, Description: in.Description, Rules: in.Rules, Tags: tagsOf(in.Tags)}
	err = e.update(ctx, "CreateSecurityGroup", func(tx Tx) error {
		if _, err := getVPC(tx, in.VPCID); err != nil {
			return err
		}
		return tx.InsertSecurityGroup(g)
	})
	return g, err
}

// GetSecurityGroup reads a security group.
func (e *Engine) GetSecurityGroup(ctx context.Context, id string) (g SecurityGroup, err error) {
	err = e.view(ctx, "GetSecurityGroup", func(tx Tx) error {
		g, err = getSecurityGroup(tx, id)
		return err
	})
	return g, err
}

// UpdateSecurityGroup replaces a group's name, description and rules; its VPC stays.
func (e *Engine) UpdateSecurityGroup(ctx context.Context, id string, in SecurityGroupInput) (g SecurityGroup, err error) {
	if err := validateSecurityGroupInput(in); err != nil {
		return SecurityGroup{}, err
	}
	err = e.update(ctx, "UpdateSecurityGroup", func(tx Tx) error {
		if g, err = getSecurityGroup(tx, id); err != nil {
			return err
		}
		g.Name, g.Description, g.Rules = in.Name, in.Description, in.Rules
		if in.Tags != nil {
			g.Tags = tagsOf(in.Tags)
		}
		return tx.UpdateSecurityGroup(g)
	})
	return g, err
}

// DeleteSecurityGroup deletes a group no NIC uses (rule 11).
func (e *Engine) DeleteSecurityGroup(ctx context.Context, id string) error {
	return e.update(ctx, "DeleteSecurityGroup", func(tx Tx) error {
		if _, err := getSecurityGroup(tx, id); err != nil {
			return err
		}
		users, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{SecurityGroupID: id})
		if err != nil {
			return err
		}
		if len(users) > 0 {
			ids := make([]string, len(users))
			for i, n := range users {
				ids[i] = n.ID
			}
			return refuseStillInUse("security group", id, fmt.Sprintf("%s using it (%s)", plural(len(users), "network interface"), strings.Join(ids, ", ")))
		}
		return tx.DeleteSecurityGroup(id)
	})
}

// checkSecurityGroups applies rule 10 to the groups asked for a NIC in vpcID.
func checkSecurityGroups(tx Tx, vpcID string, ids []string) error {
	if len(ids) > MaxSecurityGroups {
		return CheckSecurityGroupCount(len(ids))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			return refuseGroup("security group %s is listed twice", id)
		}
		seen[id] = true
		g, err := getSecurityGroup(tx, id)
		if err != nil {
			return err
		}
		if g.VPCID != vpcID {
			return refuseGroup("security group %s belongs to VPC %s, not to the network interface's VPC %s", id, g.VPCID, vpcID)
		}
	}
	return nil
}

// CheckSecurityGroupCount applies rule 10's limit to n groups for one NIC.
func CheckSecurityGroupCount(n int) error {
	if n <= MaxSecurityGroups {
		return nil
	}
	return RuleGroupLimit.refuse("%d security groups were given; a network interface takes at most %d", n, MaxSecurityGroups)
}

// refuseGroup is rule 10's refusal of a group that is not the NIC's to have.
func refuseGroup(format string, args ...any) error {
	return RuleGroupInVPC.refuse(format, args...)
}
