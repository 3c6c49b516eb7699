package engine

import "context"

// VPCInput creates a VPC.
type VPCInput struct {
	Name        string
	CIDR        string
	Description string
}

// CreateVPC creates a VPC.
func (e *Engine) CreateVPC(ctx context.Context, in VPCInput) (VPC, error) {
	if err := validateNameAndDescription(in.Name, in.Description); err != nil {
		return VPC{}, err
	}
	p, err := ValidatePrivateCIDR(FieldCIDR, in.CIDR)
	if err != nil {
		return VPC{}, err
	}
	v := VPC{ID: newID(PrefixVPC), Name: in.Name, CIDR: p.String(), Description: in.Description}
	return v, e.update(ctx, "CreateVPC", func(tx Tx) error { return tx.InsertVPC(v) })
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

// DeleteVPC deletes a VPC that holds no subnet or security group (rule 11).
func (e *Engine) DeleteVPC(ctx context.Context, id string) error {
	return e.update(ctx, "DeleteVPC", func(tx Tx) error {
		if _, err := getVPC(tx, id); err != nil {
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
		return tx.DeleteVPC(id)
	})
}
