package sqlstore

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Route tables, routes, network ACLs and the associations of subnets with
// them.

// conditions collects the equality conditions of a filter, one for each
// field given.
type conditions struct {
	list []string
	args []any
}

func (c *conditions) equal(column, value string) {
	if value != "" {
		c.list = append(c.list, column+" = ?")
		c.args = append(c.args, value)
	}
}

func (c *conditions) where() string { return whereClause(strings.Join(c.list, " AND ")) }

// Route tables.

const routeTableColumns = `id, vpc_id, name, description, is_default, tags`

func scanRouteTable(s scanner) (engine.RouteTable, error) {
	var v engine.RouteTable
	var isDefault int
	err := s.Scan(&v.ID, &v.VPCID, &v.Name, &v.Description, &isDefault, tagsColumn{&v.Tags})
	v.Default = isDefault != 0
	return v, err
}

func (t *tx) InsertRouteTable(v engine.RouteTable) error {
	return t.write("insert route table "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO route_tables (`+routeTableColumns+`) VALUES (?, ?, ?, ?, ?, ?)`,
			v.ID, v.VPCID, v.Name, v.Description, boolInt(v.Default), tags)
		return err
	})
}

func (t *tx) GetRouteTable(id string) (engine.RouteTable, error) {
	return getOne(t, "route table", id, scanRouteTable, `SELECT `+routeTableColumns+` FROM route_tables WHERE id = ?`, id)
}

func (t *tx) UpdateRouteTable(v engine.RouteTable) error {
	return t.write("update route table "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		return t.execOne(notFound("route table", v.ID),
			`UPDATE route_tables SET name = ?, description = ?, tags = ? WHERE id = ?`, v.Name, v.Description, tags, v.ID)
	})
}

func (t *tx) DeleteRouteTable(id string) error {
	return t.write("delete route table "+id, func() error {
		if _, err := t.exec(`DELETE FROM routes WHERE route_table_id = ?`, id); err != nil {
			return err
		}
		return t.execOne(notFound("route table", id), `DELETE FROM route_tables WHERE id = ?`, id)
	})
}

func (t *tx) ListRouteTables(vpcID string) ([]engine.RouteTable, error) {
	var c conditions
	c.equal("vpc_id", vpcID)
	return getAll(t, "list route tables", scanRouteTable,
		`SELECT `+routeTableColumns+` FROM route_tables`+c.where()+` ORDER BY id`, c.args...)
}

// Routes.

const routeColumns = `route_table_id, destination_cidr, next_hop_type, next_hop_id, description`

func scanRoute(s scanner) (engine.Route, error) {
	var v engine.Route
	err := s.Scan(&v.RouteTableID, &v.DestinationCIDR, &v.NextHopType, &v.NextHopID, &v.Description)
	return v, err
}

func routeName(tableID, destination string) string {
	return "route " + destination + " of route table " + tableID
}

func (t *tx) InsertRoute(v engine.Route) error {
	return t.write("insert "+routeName(v.RouteTableID, v.DestinationCIDR), func() error {
		_, err := t.exec(`INSERT INTO routes (`+routeColumns+`) VALUES (?, ?, ?, ?, ?)`,
			v.RouteTableID, v.DestinationCIDR, v.NextHopType, v.NextHopID, v.Description)
		return err
	})
}

func (t *tx) GetRoute(tableID, destination string) (engine.Route, error) {
	return getOne(t, "route", engine.RouteID(tableID, destination), scanRoute,
		`SELECT `+routeColumns+` FROM routes WHERE route_table_id = ? AND destination_cidr = ?`, tableID, destination)
}

func (t *tx) UpdateRoute(v engine.Route) error {
	return t.write("update "+routeName(v.RouteTableID, v.DestinationCIDR), func() error {
		return t.execOne(notFound("route", v.ID()),
			`UPDATE routes SET next_hop_type = ?, next_hop_id = ?, description = ? WHERE route_table_id = ? AND destination_cidr = ?`,
			v.NextHopType, v.NextHopID, v.Description, v.RouteTableID, v.DestinationCIDR)
	})
}

func (t *tx) DeleteRoute(tableID, destination string) error {
	return t.write("delete "+routeName(tableID, destination), func() error {
		return t.execOne(notFound("route", engine.RouteID(tableID, destination)),
			`DELETE FROM routes WHERE route_table_id = ? AND destination_cidr = ?`, tableID, destination)
	})
}

func (t *tx) ListRoutes(f engine.RouteFilter) ([]engine.Route, error) {
	var c conditions
	c.equal("route_table_id", f.RouteTableID)
	c.equal("next_hop_id", f.NextHopID)
	return getAll(t, "list routes", scanRoute,
		`SELECT `+routeColumns+` FROM routes`+c.where()+` ORDER BY route_table_id, destination_cidr`, c.args...)
}

// coveringQuery reads the routes of a table whose destination is one of
// the 33 prefixes of an IPv4 address.
var coveringQuery = `SELECT ` + routeColumns + ` FROM routes WHERE route_table_id = ? AND destination_cidr IN (?` +
	strings.Repeat(", ?", 32) + `)`

// LongestPrefixRoute looks up, by the table's primary key, the 33 prefixes
// of ip (/0 to /32), which are all the destinations that can hold it: a
// route's destination is kept in canonical form, the one netip writes (the
// engine refuses any other spelling, and host bits), so a table of 200
// routes costs what a table of one does.
func (t *tx) LongestPrefixRoute(tableID string, ip netip.Addr) (engine.Route, bool, error) {
	if !ip.Is4() {
		return engine.Route{}, false, nil // routes are IPv4
	}
	args := make([]any, 0, 34)
	args = append(args, tableID)
	for bits := range 33 {
		args = append(args, netip.PrefixFrom(ip, bits).Masked().String())
	}
	routes, err := getAll(t, "read the routes of route table "+tableID+" that hold "+ip.String(), scanRoute, coveringQuery, args...)
	if err != nil {
		return engine.Route{}, false, err
	}
	best, bits := engine.Route{}, -1
	for _, r := range routes {
		if p, err := netip.ParsePrefix(r.DestinationCIDR); err == nil && p.Bits() > bits {
			best, bits = r, p.Bits()
		}
	}
	return best, bits >= 0, nil
}

func (t *tx) CountRoutes(tableID string) (int, error) {
	counts, err := getAll(t, "count routes of route table "+tableID, scanInt,
		`SELECT COUNT(*) FROM routes WHERE route_table_id = ?`, tableID)
	if err != nil {
		return 0, err
	}
	return counts[0], nil
}

// Network ACLs. Each direction's rules are one text column, read and
// written whole, a line per rule in their order: action, protocol, ports
// and remote CIDR separated by tabs, then the description quoted. A list
// of 100 rules is read and written several times faster so than as JSON,
// which keeps adding the 100th rule near the cost of the first.

const networkACLColumns = `id, vpc_id, name, description, ingress, egress, tags`

func scanNetworkACL(s scanner) (engine.NetworkACL, error) {
	var v engine.NetworkACL
	var ingress, egress string
	if err := s.Scan(&v.ID, &v.VPCID, &v.Name, &v.Description, &ingress, &egress, tagsColumn{&v.Tags}); err != nil {
		return v, err
	}
	var err error
	if v.Ingress, err = decodeACLRules(ingress); err != nil {
		return v, fmt.Errorf("decode ingress rules of network ACL %s: %w", v.ID, err)
	}
	if v.Egress, err = decodeACLRules(egress); err != nil {
		return v, fmt.Errorf("decode egress rules of network ACL %s: %w", v.ID, err)
	}
	return v, nil
}

func encodeACLRules(rules []engine.ACLRule) string {
	var b strings.Builder
	for _, r := range rules {
		for _, field := range []string{r.Action, r.Protocol, strconv.Itoa(r.PortRangeMin), strconv.Itoa(r.PortRangeMax), r.RemoteCIDR} {
			b.WriteString(field)
			b.WriteByte('\t')
		}
		b.WriteString(strconv.Quote(r.Description))
		b.WriteByte('\n')
	}
	return b.String()
}

// decodeACLRules reads what encodeACLRules wrote; nil for no rules. A
// reachability query reads the ACLs on its path whole, so this cuts the
// text in place rather than splitting it into new slices.
func decodeACLRules(text string) ([]engine.ACLRule, error) {
	if text == "" {
		return nil, nil
	}
	rules := make([]engine.ACLRule, 0, strings.Count(text, "\n"))
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		r, err := decodeACLRule(line)
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	return rules, nil
}

// decodeACLRule reads one line of encodeACLRules, without its newline.
func decodeACLRule(line string) (engine.ACLRule, error) {
	var f [6]string
	rest := line
	for i := range len(f) - 1 {
		var found bool
		if f[i], rest, found = strings.Cut(rest, "\t"); !found {
			return engine.ACLRule{}, fmt.Errorf("rule %q has %d fields, not %d", line, i+1, len(f))
		}
	}
	f[5] = rest
	lo, err1 := strconv.Atoi(f[2])
	hi, err2 := strconv.Atoi(f[3])
	desc, err3 := strconv.Unquote(f[5])
	if err := errors.Join(err1, err2, err3); err != nil {
		return engine.ACLRule{}, fmt.Errorf("rule %q: %w", line, err)
	}
	return engine.ACLRule{Action: f[0], Protocol: f[1], PortRangeMin: lo, PortRangeMax: hi, RemoteCIDR: f[4], Description: desc}, nil
}

// networkACLValues are the values of an ACL's columns but its ID and VPC.
func networkACLValues(v engine.NetworkACL) ([]any, error) {
	tags, err := encodeTags(v.Tags)
	return []any{v.Name, v.Description, encodeACLRules(v.Ingress), encodeACLRules(v.Egress), tags}, err
}

func (t *tx) InsertNetworkACL(v engine.NetworkACL) error {
	return t.write("insert network ACL "+v.ID, func() error {
		values, err := networkACLValues(v)
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO network_acls (`+networkACLColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			append([]any{v.ID, v.VPCID}, values...)...)
		return err
	})
}

func (t *tx) GetNetworkACL(id string) (engine.NetworkACL, error) {
	return getOne(t, "network ACL", id, scanNetworkACL, `SELECT `+networkACLColumns+` FROM network_acls WHERE id = ?`, id)
}

func (t *tx) UpdateNetworkACL(v engine.NetworkACL) error {
	return t.write("update network ACL "+v.ID, func() error {
		values, err := networkACLValues(v)
		if err != nil {
			return err
		}
		return t.execOne(notFound("network ACL", v.ID),
			`UPDATE network_acls SET name = ?, description = ?, ingress = ?, egress = ?, tags = ? WHERE id = ?`,
			append(values, v.ID)...)
	})
}

func (t *tx) DeleteNetworkACL(id string) error {
	return t.write("delete network ACL "+id, func() error {
		return t.execOne(notFound("network ACL", id), `DELETE FROM network_acls WHERE id = ?`, id)
	})
}

func (t *tx) ListNetworkACLs(vpcID string) ([]engine.NetworkACL, error) {
	var c conditions
	c.equal("vpc_id", vpcID)
	return getAll(t, "list network ACLs", scanNetworkACL,
		`SELECT `+networkACLColumns+` FROM network_acls`+c.where()+` ORDER BY id`, c.args...)
}

// Subnet associations.

const associationColumns = `id, subnet_id, vpc_id, kind, target_id`

func scanAssociation(s scanner) (engine.SubnetAssociation, error) {
	var v engine.SubnetAssociation
	err := s.Scan(&v.ID, &v.SubnetID, &v.VPCID, &v.Kind, &v.TargetID)
	return v, err
}

func (t *tx) InsertAssociation(v engine.SubnetAssociation) error {
	return t.write("insert association "+v.ID, func() error {
		_, err := t.exec(`INSERT INTO subnet_associations (`+associationColumns+`) VALUES (?, ?, ?, ?, ?)`,
			v.ID, v.SubnetID, v.VPCID, v.Kind, v.TargetID)
		return err
	})
}

func (t *tx) GetAssociation(id string) (engine.SubnetAssociation, error) {
	return getOne(t, "association", id, scanAssociation,
		`SELECT `+associationColumns+` FROM subnet_associations WHERE id = ?`, id)
}

func (t *tx) UpdateAssociation(v engine.SubnetAssociation) error {
	return t.write("update association "+v.ID, func() error {
		return t.execOne(notFound("association", v.ID), `UPDATE subnet_associations SET target_id = ? WHERE id = ?`, v.TargetID, v.ID)
	})
}

func (t *tx) DeleteAssociation(id string) error {
	return t.write("delete association "+id, func() error {
		return t.execOne(notFound("association", id), `DELETE FROM subnet_associations WHERE id = ?`, id)
	})
}

func (t *tx) ListAssociations(f engine.AssociationFilter) ([]engine.SubnetAssociation, error) {
	var c conditions
	c.equal("subnet_id", f.SubnetID)
	c.equal("vpc_id", f.VPCID)
	c.equal("kind", f.Kind)
	c.equal("target_id", f.TargetID)
	return getAll(t, "list associations", scanAssociation,
		`SELECT `+associationColumns+` FROM subnet_associations`+c.where()+` ORDER BY id`, c.args...)
}
