package sqlstore

import (
	"database/sql"
	"fmt"
	"net/netip"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// VPCs.

const vpcColumns = `id, name, cidr, description, ipv6_cidr, tags, default_route_table_id`

func scanVPC(s scanner) (engine.VPC, error) {
	var v engine.VPC
	var ipv6, defaultTable sql.NullString
	err := s.Scan(&v.ID, &v.Name, &v.CIDR, &v.Description, &ipv6, tagsColumn{&v.Tags}, &defaultTable)
	v.IPv6CIDR, v.DefaultRouteTableID = ipv6.String, defaultTable.String
	return v, err
}

func (t *tx) InsertVPC(v engine.VPC) error {
	return t.write("insert vpc "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO vpcs (`+vpcColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.Name, v.CIDR, v.Description, nullIfEmpty(v.IPv6CIDR), tags, nullIfEmpty(v.DefaultRouteTableID))
		return err
	})
}

func (t *tx) GetVPC(id string) (engine.VPC, error) {
	return getOne(t, "vpc", id, scanVPC, `SELECT `+vpcColumns+` FROM vpcs WHERE id = ?`, id)
}

func (t *tx) UpdateVPC(v engine.VPC) error {
	return t.write("update vpc "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		return t.execOne(notFound("vpc", v.ID),
			`UPDATE vpcs SET name = ?, cidr = ?, description = ?, ipv6_cidr = ?, tags = ?, default_route_table_id = ? WHERE id = ?`,
			v.Name, v.CIDR, v.Description, nullIfEmpty(v.IPv6CIDR), tags, nullIfEmpty(v.DefaultRouteTableID), v.ID)
	})
}

func (t *tx) DeleteVPC(id string) error {
	return t.write("delete vpc "+id, func() error {
		return t.execOne(notFound("vpc", id), `DELETE FROM vpcs WHERE id = ?`, id)
	})
}

func (t *tx) ListVPCs() ([]engine.VPC, error) {
	return getAll(t, "list vpcs", scanVPC, `SELECT `+vpcColumns+` FROM vpcs ORDER BY id`)
}

// Subnets.

const subnetColumns = `id, vpc_id, name, cidr, availability_zone, gateway_ip, description, first_ip, last_ip, next_ip,
	ipv6_cidr, next_ipv6, tags`

func scanSubnet(s scanner) (engine.Subnet, error) {
	var v engine.Subnet
	var first, last, next, nextIPv6 int64
	var ipv6 sql.NullString
	err := s.Scan(&v.ID, &v.VPCID, &v.Name, &v.CIDR, &v.AvailabilityZone, &v.GatewayIP, &v.Description,
		&first, &last, &next, &ipv6, &nextIPv6, tagsColumn{&v.Tags})
	v.FirstIP, v.LastIP, v.NextIP = uint32(first), uint32(last), uint32(next)
	v.IPv6CIDR, v.NextIPv6 = ipv6.String, uint64(nextIPv6)
	return v, err
}

func (t *tx) InsertSubnet(v engine.Subnet) error {
	return t.write("insert subnet "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO subnets (`+subnetColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.VPCID, v.Name, v.CIDR, v.AvailabilityZone, v.GatewayIP, v.Description,
			int64(v.FirstIP), int64(v.LastIP), int64(v.NextIP), nullIfEmpty(v.IPv6CIDR), int64(v.NextIPv6), tags)
		return err
	})
}

func (t *tx) GetSubnet(id string) (engine.Subnet, error) {
	return getOne(t, "subnet", id, scanSubnet, `SELECT `+subnetColumns+` FROM subnets WHERE id = ?`, id)
}

func (t *tx) UpdateSubnet(v engine.Subnet) error {
	return t.write("update subnet "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		return t.execOne(notFound("subnet", v.ID),
			`UPDATE subnets SET vpc_id = ?, name = ?, cidr = ?, availability_zone = ?, gateway_ip = ?,
				description = ?, first_ip = ?, last_ip = ?, next_ip = ?, ipv6_cidr = ?, next_ipv6 = ?, tags = ? WHERE id = ?`,
			v.VPCID, v.Name, v.CIDR, v.AvailabilityZone, v.GatewayIP, v.Description,
			int64(v.FirstIP), int64(v.LastIP), int64(v.NextIP), nullIfEmpty(v.IPv6CIDR), int64(v.NextIPv6), tags, v.ID)
	})
}

func (t *tx) DeleteSubnet(id string) error {
	return t.write("delete subnet "+id, func() error {
		if _, err := t.exec(`DELETE FROM released_ips WHERE subnet_id = ?`, id); err != nil {
			return err
		}
		return t.execOne(notFound("subnet", id), `DELETE FROM subnets WHERE id = ?`, id)
	})
}

func (t *tx) ListSubnets(vpcID string) ([]engine.Subnet, error) {
	if vpcID == "" {
		return getAll(t, "list subnets", scanSubnet, `SELECT `+subnetColumns+` FROM subnets ORDER BY id`)
	}
	return getAll(t, "list subnets of vpc "+vpcID, scanSubnet,
		`SELECT `+subnetColumns+` FROM subnets WHERE vpc_id = ? ORDER BY id`, vpcID)
}

// SubnetHolding compares ip with the subnets' ranges in the database, so
// that only the subnet holding it is read.
func (t *tx) SubnetHolding(vpcID string, ip netip.Addr) (engine.Subnet, bool, error) {
	if !ip.Is4() {
		return engine.Subnet{}, false, nil
	}
	n := int64(engine.AddrNumber(ip))
	subnets, err := getAll(t, "read the subnet of vpc "+vpcID+" that holds "+ip.String(), scanSubnet,
		`SELECT `+subnetColumns+` FROM subnets WHERE vpc_id = ? AND first_ip <= ? AND last_ip >= ? ORDER BY id`, vpcID, n, n)
	if err != nil || len(subnets) == 0 {
		return engine.Subnet{}, false, err
	}
	return subnets[0], true, nil
}

// Security groups. Rules are kept as one JSON document (see
// encodeGroupRules): they are always read and written whole, and never
// searched.

const securityGroupColumns = `id, vpc_id, name, description, rules, tags`

func scanSecurityGroup(s scanner) (engine.SecurityGroup, error) {
	var v engine.SecurityGroup
	var rules string
	if err := s.Scan(&v.ID, &v.VPCID, &v.Name, &v.Description, &rules, tagsColumn{&v.Tags}); err != nil {
		return v, err
	}
	var err error
	if v.Rules, err = decodeGroupRules(rules); err != nil {
		return v, fmt.Errorf("decode rules of security group %s: %w", v.ID, err)
	}
	return v, nil
}

func (t *tx) InsertSecurityGroup(v engine.SecurityGroup) error {
	return t.write("insert security group "+v.ID, func() error {
		rules, err := encodeGroupRules(v.Rules)
		if err != nil {
			return err
		}
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO security_groups (`+securityGroupColumns+`) VALUES (?, ?, ?, ?, ?, ?)`,
			v.ID, v.VPCID, v.Name, v.Description, rules, tags)
		return err
	})
}

func (t *tx) GetSecurityGroup(id string) (engine.SecurityGroup, error) {
	return getOne(t, "security group", id, scanSecurityGroup,
		`SELECT `+securityGroupColumns+` FROM security_groups WHERE id = ?`, id)
}

func (t *tx) UpdateSecurityGroup(v engine.SecurityGroup) error {
	return t.write("update security group "+v.ID, func() error {
		rules, err := encodeGroupRules(v.Rules)
		if err != nil {
			return err
		}
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		return t.execOne(notFound("security group", v.ID),
			`UPDATE security_groups SET vpc_id = ?, name = ?, description = ?, rules = ?, tags = ? WHERE id = ?`,
			v.VPCID, v.Name, v.Description, rules, tags, v.ID)
	})
}

func (t *tx) DeleteSecurityGroup(id string) error {
	return t.write("delete security group "+id, func() error {
		return t.execOne(notFound("security group", id), `DELETE FROM security_groups WHERE id = ?`, id)
	})
}

func (t *tx) ListSecurityGroups(vpcID string) ([]engine.SecurityGroup, error) {
	if vpcID == "" {
		return getAll(t, "list security groups", scanSecurityGroup,
			`SELECT `+securityGroupColumns+` FROM security_groups ORDER BY id`)
	}
	return getAll(t, "list security groups of vpc "+vpcID, scanSecurityGroup,
		`SELECT `+securityGroupColumns+` FROM security_groups WHERE vpc_id = ? ORDER BY id`, vpcID)
}
