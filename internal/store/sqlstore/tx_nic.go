package sqlstore

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

const nicColumns = `n.id, n.name, n.description, n.subnet_id, n.vpc_id, n.availability_zone, n.private_ip, n.mac,
	n.is_primary, n.server_id, n.device_index, n.attachment_id, n.source_dest_check, n.tags`

// nicOrder puts a server's primary NIC first, then the others by device
// index; available NICs (no index) come last, and id breaks every tie.
const nicOrder = ` ORDER BY n.is_primary DESC, CASE WHEN n.device_index IS NULL THEN 1 ELSE 0 END, n.device_index, n.id`

func scanNetworkInterface(s scanner) (engine.NetworkInterface, error) {
	var v engine.NetworkInterface
	var primary, sourceDestCheck int
	var serverID, attachmentID sql.NullString
	var deviceIndex sql.NullInt64
	err := s.Scan(&v.ID, &v.Name, &v.Description, &v.SubnetID, &v.VPCID, &v.AvailabilityZone, &v.PrivateIP,
		&v.MACAddress, &primary, &serverID, &deviceIndex, &attachmentID, &sourceDestCheck, tagsColumn{&v.Tags})
	v.Primary = primary != 0
	v.SourceDestCheck = sourceDestCheck != 0
	v.ServerID = serverID.String
	v.DeviceIndex = int(deviceIndex.Int64)
	v.AttachmentID = attachmentID.String
	return v, err
}

// attachmentColumns gives the values of server_id, device_index and
// attachment_id: all NULL-able, and the device index only means something
// while the NIC is attached.
func attachmentColumns(v engine.NetworkInterface) (serverID sql.NullString, deviceIndex sql.NullInt64, attachmentID sql.NullString) {
	serverID = nullIfEmpty(v.ServerID)
	deviceIndex = sql.NullInt64{Int64: int64(v.DeviceIndex), Valid: v.ServerID != ""}
	return serverID, deviceIndex, nullIfEmpty(v.AttachmentID)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (t *tx) InsertNetworkInterface(v engine.NetworkInterface) error {
	return t.write("insert network interface "+v.ID, func() error {
		ipNum, err := ipv4Number(v.PrivateIP)
		if err != nil {
			return err
		}
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		serverID, deviceIndex, attachmentID := attachmentColumns(v)
		_, err = t.exec(`INSERT INTO network_interfaces (id, name, description, subnet_id, vpc_id, availability_zone,
				private_ip, ip_num, mac, is_primary, server_id, device_index, attachment_id, source_dest_check, tags)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.Name, v.Description, v.SubnetID, v.VPCID, v.AvailabilityZone,
			v.PrivateIP, ipNum, v.MACAddress, boolInt(v.Primary), serverID, deviceIndex, attachmentID,
			boolInt(v.SourceDestCheck), tags)
		if err != nil {
			return err
		}
		if err := t.insertAddress(engine.HeldAddress{SubnetID: v.SubnetID, Address: v.PrivateIP, Holder: v.ID, Kind: engine.AddressPrimary}); err != nil {
			return err
		}
		return t.insertSecurityGroupIDs(v.ID, v.SecurityGroupIDs)
	})
}

func (t *tx) UpdateNetworkInterface(v engine.NetworkInterface) error {
	return t.write("update network interface "+v.ID, func() error {
		ipNum, err := ipv4Number(v.PrivateIP)
		if err != nil {
			return err
		}
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		serverID, deviceIndex, attachmentID := attachmentColumns(v)
		err = t.execOne(notFound("network interface", v.ID),
			`UPDATE network_interfaces SET name = ?, description = ?, subnet_id = ?, vpc_id = ?, availability_zone = ?,
				private_ip = ?, ip_num = ?, mac = ?, is_primary = ?, server_id = ?, device_index = ?, attachment_id = ?,
				source_dest_check = ?, tags = ?
			WHERE id = ?`,
			v.Name, v.Description, v.SubnetID, v.VPCID, v.AvailabilityZone,
			v.PrivateIP, ipNum, v.MACAddress, boolInt(v.Primary), serverID, deviceIndex, attachmentID,
			boolInt(v.SourceDestCheck), tags, v.ID)
		if err != nil {
			return err
		}
		if _, err := t.exec(`DELETE FROM network_interface_security_groups WHERE network_interface_id = ?`, v.ID); err != nil {
			return err
		}
		return t.insertSecurityGroupIDs(v.ID, v.SecurityGroupIDs)
	})
}

// insertSecurityGroupIDs writes a NIC's groups in one statement, with their
// positions so they read back in the order given.
func (t *tx) insertSecurityGroupIDs(nicID string, groupIDs []string) error {
	if len(groupIDs) == 0 {
		return nil
	}
	rows := make([]string, len(groupIDs))
	args := make([]any, 0, 3*len(groupIDs))
	for i, g := range groupIDs {
		rows[i] = "(?, ?, ?)"
		args = append(args, nicID, g, i)
	}
	_, err := t.exec(`INSERT INTO network_interface_security_groups (network_interface_id, security_group_id, position)
		VALUES `+strings.Join(rows, ", "), args...)
	return err
}

func (t *tx) DeleteNetworkInterface(id string) error {
	return t.write("delete network interface "+id, func() error {
		// Explicit rather than left to ON DELETE CASCADE, so the store does
		// not depend on foreign keys being enforced.
		if _, err := t.exec(`DELETE FROM network_interface_security_groups WHERE network_interface_id = ?`, id); err != nil {
			return err
		}
		if _, err := t.exec(`DELETE FROM addresses WHERE holder = ?`, id); err != nil {
			return err
		}
		return t.execOne(notFound("network interface", id), `DELETE FROM network_interfaces WHERE id = ?`, id)
	})
}

func (t *tx) GetNetworkInterface(id string) (engine.NetworkInterface, error) {
	v, err := getOne(t, "network interface", id, scanNetworkInterface,
		`SELECT `+nicColumns+` FROM network_interfaces n WHERE n.id = ?`, id)
	if err != nil {
		return v, err
	}
	list := []engine.NetworkInterface{v}
	if err := t.completeNetworkInterfaces(list, `n.id = ?`, []any{id}); err != nil {
		return v, err
	}
	return list[0], nil
}

// completeNetworkInterfaces adds to nics (those the condition on n
// selects) what other tables hold: groups and addresses.
func (t *tx) completeNetworkInterfaces(nics []engine.NetworkInterface, where string, args []any) error {
	groups, secondary, ipv6, err := t.nicExtras(where, args)
	if err != nil {
		return err
	}
	for i := range nics {
		id := nics[i].ID
		nics[i].SecurityGroupIDs = groups[id]
		nics[i].SecondaryPrivateIPs = secondary[id]
		nics[i].IPv6Addresses = ipv6[id]
	}
	return nil
}

func joinAnd(conds []string) string { return strings.Join(conds, " AND ") }

func (t *tx) ListNetworkInterfaces(f engine.NetworkInterfaceFilter) ([]engine.NetworkInterface, error) {
	where, args, err := nicFilter(f)
	if err != nil {
		return nil, err
	}
	nics, err := getAll(t, "list network interfaces", scanNetworkInterface,
		`SELECT `+nicColumns+` FROM network_interfaces n`+whereClause(where)+nicOrder, args...)
	if err != nil || len(nics) == 0 {
		return nics, err
	}
	if len(f.Tags) > 0 {
		if nics = withTags(nics, f.Tags, func(n engine.NetworkInterface) map[string]string { return n.Tags }); len(nics) == 0 {
			return nil, nil
		}
	}
	if err := t.completeNetworkInterfaces(nics, where, args); err != nil {
		return nil, err
	}
	return nics, nil
}

func (t *tx) CountNetworkInterfaces(f engine.NetworkInterfaceFilter) (int, error) {
	if len(f.Tags) > 0 {
		nics, err := t.ListNetworkInterfaces(f)
		return len(nics), err
	}
	where, args, err := nicFilter(f)
	if err != nil {
		return 0, err
	}
	counts, err := getAll(t, "count network interfaces", scanInt,
		`SELECT COUNT(*) FROM network_interfaces n`+whereClause(where), args...)
	if err != nil {
		return 0, err
	}
	return counts[0], nil
}

func scanInt(s scanner) (int, error) {
	var n int
	err := s.Scan(&n)
	return n, err
}

// nicExtras loads, in one query, what other tables hold of every NIC the
// condition on n selects, keyed by NIC ID: its groups in the order given,
// and its secondary and IPv6 addresses in address order.
func (t *tx) nicExtras(where string, args []any) (groups, secondary, ipv6 map[string][]string, err error) {
	type extra struct {
		nicID, kind, value string
		position           int
	}
	selected := `(SELECT n.id FROM network_interfaces n` + whereClause(where) + `)`
	rows, err := getAll(t, "read security groups and addresses of network interfaces",
		func(s scanner) (extra, error) {
			var e extra
			err := s.Scan(&e.nicID, &e.kind, &e.value, &e.position)
			return e, err
		},
		`SELECT g.network_interface_id, 'group', g.security_group_id, g.position FROM network_interface_security_groups g
		WHERE g.network_interface_id IN `+selected+`
		UNION ALL
		SELECT a.holder, a.kind, a.address, 0 FROM addresses a
		WHERE a.kind IN ('secondary', 'ipv6') AND a.holder IN `+selected+`
		ORDER BY 1, 4`, append(slices.Clone(args), args...)...)
	if err != nil {
		return nil, nil, nil, err
	}
	groups, secondary, ipv6 = map[string][]string{}, map[string][]string{}, map[string][]string{}
	for _, e := range rows {
		switch e.kind {
		case "group":
			groups[e.nicID] = append(groups[e.nicID], e.value)
		case engine.AddressIPv6:
			ipv6[e.nicID] = append(ipv6[e.nicID], e.value)
		default:
			secondary[e.nicID] = append(secondary[e.nicID], e.value)
		}
	}
	for _, m := range []map[string][]string{secondary, ipv6} {
		for _, list := range m {
			engine.SortAddresses(list)
		}
	}
	return groups, secondary, ipv6, nil
}

// nicFilter turns a filter into a condition on network_interfaces n; every
// non-empty field must match.
func nicFilter(f engine.NetworkInterfaceFilter) (string, []any, error) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	if f.ServerID != "" {
		add(`n.server_id = ?`, f.ServerID)
	}
	if f.SubnetID != "" {
		add(`n.subnet_id = ?`, f.SubnetID)
	}
	if f.VPCID != "" {
		add(`n.vpc_id = ?`, f.VPCID)
	}
	if f.SecurityGroupID != "" {
		add(`EXISTS (SELECT 1 FROM network_interface_security_groups sg
			WHERE sg.network_interface_id = n.id AND sg.security_group_id = ?)`, f.SecurityGroupID)
	}
	if f.MACAddress != "" {
		add(`n.mac = ?`, f.MACAddress)
	}
	if f.PrivateIP != "" {
		if ipNum, err := ipv4Number(f.PrivateIP); err == nil {
			add(`n.ip_num = ?`, ipNum)
		} else {
			add(`n.private_ip = ?`, f.PrivateIP)
		}
	}
	switch f.Status {
	case "":
	case engine.StatusAvailable:
		conds = append(conds, `n.server_id IS NULL`)
	case engine.StatusInUse:
		conds = append(conds, `n.server_id IS NOT NULL`)
	default:
		return "", nil, fmt.Errorf("unknown network interface status %q (want %q or %q)",
			f.Status, engine.StatusAvailable, engine.StatusInUse)
	}
	return strings.Join(conds, " AND "), args, nil
}

func whereClause(cond string) string {
	if cond == "" {
		return ""
	}
	return " WHERE " + cond
}

// NextFreeIP finds the lowest IPv4 address in [from, to] that nothing in
// the subnet holds with one query on the addresses key: from itself if
// free, else the first held address in the range whose successor is free.
func (t *tx) NextFreeIP(subnetID string, from, to uint32) (uint32, bool, error) {
	if from > to {
		return 0, false, nil
	}
	return t.nextFree("find a free ip in subnet "+subnetID,
		`SELECT CASE
			WHEN NOT EXISTS (SELECT 1 FROM addresses WHERE subnet_id = ? AND family = 4 AND host = ?) THEN CAST(? AS BIGINT)
			ELSE (SELECT MIN(a.host) + 1 FROM addresses a
				WHERE a.subnet_id = ? AND a.family = 4 AND a.host >= ? AND a.host < ?
				AND NOT EXISTS (SELECT 1 FROM addresses b WHERE b.subnet_id = a.subnet_id AND b.family = 4 AND b.host = a.host + 1))
		END`,
		subnetID, int64(from), int64(from), subnetID, int64(from), int64(to))
}
