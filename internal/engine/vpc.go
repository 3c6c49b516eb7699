package engine

import (
	"context"
	"strings"
)

// VPCInput creates a VPC; IPv6Enabled gives it a unique /56 of fd00::/8.
type VPCInput struct {
	Name        string
	CIDR        string
	Description string
	IPv6Enabled bool
	Tags        map[string]string
}

// CreateVPC creates a VPC.
func (e *Engine) CreateVPC(ctx context.Context, in VPCInput) (v VPC, err error) {
	if err := validateNameAndDescription(in.Name, in.Description); err != nil {
		return VPC{}, err
	}
	if err := ValidateTags(in.Tags); err != nil {
		return VPC{}, err
	}
	p, err := ValidatePrivateCIDR(FieldCIDR, in.CIDR)
	if err != nil {
		return VPC{}, err
	}
	err = e.update(ctx, "CreateVPC", func(tx Tx) error {
		v = VPC{ID: newID(PrefixVPC), Name: in.Name, CIDR: p.String(), Description: in.Description, Tags: tagsOf(in.Tags),
			DefaultRouteTableID: newID(PrefixRouteTable)}
		if in.IPv6Enabled {
			if v.IPv6CIDR, err = newVPCIPv6CIDR(tx); err != nil {
				return err
			}
		}
		if err := tx.InsertVPC(v); err != nil {
			return err
		}
		return insertDefaultRouteTable(tx, v)
	})
	return v, err
}

// VPCUpdate changes what may change on a VPC; nil leaves a field alone.
type VPCUpdate struct {
	Name        *string
	Description *string
	// IPv6Enabled turns IPv6 on (a new /56) or off (only while no subnet
	// of the VPC has IPv6).
	IPv6Enabled *bool
	Tags        map[string]string
}

// UpdateVPC renames, retags or turns IPv6 on or off on a VPC.
func (e *Engine) UpdateVPC(ctx context.Context, id string, u VPCUpdate) (v VPC, err error) {
	err = e.update(ctx, "UpdateVPC", func(tx Tx) error {
		if v, err = getVPC(tx, id); err != nil {
			return err
		}
		if u.Name != nil {
			v.Name = *u.Name
		}
		if u.Description != nil {
			v.Description = *u.Description
		}
		if err := validateNameAndDescription(v.Name, v.Description); err != nil {
			return err
		}
		if u.Tags != nil {
			if err := ValidateTags(u.Tags); err != nil {
				return err
			}
			v.Tags = tagsOf(u.Tags)
		}
		if u.IPv6Enabled != nil && *u.IPv6Enabled != v.IPv6Enabled() {
			if err := setVPCIPv6(tx, &v, *u.IPv6Enabled); err != nil {
				return err
			}
		}
		return tx.UpdateVPC(v)
	})
	return v, err
}

// setVPCIPv6 gives v a /56, or takes it back when none of its subnets has
// IPv6 (rule 11).
func setVPCIPv6(tx Tx, v *VPC, on bool) (err error) {
	if on {
		v.IPv6CIDR, err = newVPCIPv6CIDR(tx)
		return err
	}
	subnets, err := tx.ListSubnets(v.ID)
	if err != nil {
		return err
	}
	users := 0
	for _, s := range subnets {
		if s.IPv6Enabled() {
			users++
		}
	}
	if users > 0 {
		return onField(refuseStillInUse("VPC", v.ID, plural(users, "subnet")+" with IPv6"), FieldIPv6Enabled)
	}
	v.IPv6CIDR = ""
	return nil
}

// GetVPC reads a VPC.
func (e *Engine) GetVPC(ctx context.Context, id string) (v VPC, err error) {
	err = e.view(ctx, "GetVPC", func(tx Tx) error {
		v, err = getVPC(tx, id)
		return err
	})
	return v, err
}

// RenameVPC updates the name and description of a VPC.
func (e *Engine) RenameVPC(ctx context.Context, id, name, description string) (v VPC, err error) {
	if err := validateNameAndDescription(name, description); err != nil {
		return VPC{}, err
	}
	err = e.update(ctx, "RenameVPC", func(tx Tx) error {
		if v, err = getVPC(tx, id); err != nil {
			return err
		}
		v.Name, v.Description = name, description
		return tx.UpdateVPC(v)
	})
	return v, err
}

// DeleteVPC deletes a VPC that holds no subnet or security group (rule
// 11), nor a custom route table or network ACL (rule 20), with its default
// route table.
func (e *Engine) DeleteVPC(ctx context.Context, id string) error {
	return e.update(ctx, "DeleteVPC", func(tx Tx) error {
		v, err := getVPC(tx, id)
		if err != nil {
			return err
		}
		subnets, err := tx.ListSubnets(id)
		if err != nil {
			return err
		}
		groups, err := tx.ListSecurityGroups(id)
		if err != nil {
			return err
		}
		if len(subnets) > 0 || len(groups) > 0 {
			return refuseStillInUse("VPC", id, plural(len(subnets), "subnet")+" and "+plural(len(groups), "security group"))
		}
		if err := checkNoRoutingLeft(tx, id); err != nil {
			return err
		}
		if v.DefaultRouteTableID != "" {
			if err := tx.DeleteRouteTable(v.DefaultRouteTableID); err != nil {
				return err
			}
		}
		return tx.DeleteVPC(id)
	})
}

// CheckVPCIPv6Off applies UpdateVPC's rule for turning IPv6 off (no subnet
// of the VPC may still have IPv6) without changing anything, for a plan.
func (e *Engine) CheckVPCIPv6Off(ctx context.Context, id string) error {
	return e.view(ctx, "CheckVPCIPv6Off", func(tx Tx) error {
		v, err := getVPC(tx, id)
		if err != nil || !v.IPv6Enabled() {
			return err
		}
		return setVPCIPv6(tx, &v, false)
	})
}

// checkNoRoutingLeft applies rule 20 to deleting a VPC that still has
// custom route tables or network ACLs.
func checkNoRoutingLeft(tx Tx, vpcID string) error {
	tables, err := tx.ListRouteTables(vpcID)
	if err != nil {
		return err
	}
	acls, err := tx.ListNetworkACLs(vpcID)
	if err != nil {
		return err
	}
	var left []string
	if custom := customTables(tables); len(custom) > 0 {
		left = append(left, listed("custom route table", custom))
	}
	if len(acls) > 0 {
		left = append(left, listed("network ACL", aclIDs(acls)))
	}
	if len(left) == 0 {
		return nil
	}
	return refuseRoutingInUse("VPC", vpcID, "it still has "+strings.Join(left, " and ")+"; delete them first")
}
