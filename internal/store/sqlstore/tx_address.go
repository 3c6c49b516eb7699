package sqlstore

import (
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/netip"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Addresses a subnet gives out: see engine.Tx and schemaV3.

// addressKey is where an address sits in the addresses table: its family
// and host number.
func addressKey(address string) (family int, host int64, err error) {
	a, err := netip.ParseAddr(address)
	switch {
	case err != nil:
		return 0, 0, fmt.Errorf("%q is not an address", address)
	case a.Is4():
		b := a.As4()
		return 4, int64(binary.BigEndian.Uint32(b[:])), nil
	default:
		b := a.As16()
		return 6, int64(binary.BigEndian.Uint64(b[8:])), nil
	}
}

func (t *tx) InsertAddress(h engine.HeldAddress) error {
	return t.write("give address "+h.Address+" of subnet "+h.SubnetID+" to "+h.Holder, func() error {
		return t.insertAddress(h)
	})
}

func (t *tx) insertAddress(h engine.HeldAddress) error {
	family, host, err := addressKey(h.Address)
	if err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO addresses (subnet_id, family, host, address, holder, kind) VALUES (?, ?, ?, ?, ?, ?)`,
		h.SubnetID, family, host, h.Address, h.Holder, h.Kind)
	return err
}

func (t *tx) DeleteAddress(subnetID, address string) error {
	return t.write("take back address "+address+" of subnet "+subnetID, func() error {
		family, host, err := addressKey(address)
		if err != nil {
			return err
		}
		return t.execOne(notFound("address", address),
			`DELETE FROM addresses WHERE subnet_id = ? AND family = ? AND host = ?`, subnetID, family, host)
	})
}

func scanHeldAddress(s scanner) (engine.HeldAddress, error) {
	var h engine.HeldAddress
	err := s.Scan(&h.SubnetID, &h.Address, &h.Holder, &h.Kind)
	return h, err
}

func (t *tx) GetAddress(subnetID, address string) (engine.HeldAddress, error) {
	family, host, err := addressKey(address)
	if err != nil {
		return engine.HeldAddress{}, notFound("address", address)
	}
	return getOne(t, "address", address, scanHeldAddress,
		`SELECT subnet_id, address, holder, kind FROM addresses WHERE subnet_id = ? AND family = ? AND host = ?`,
		subnetID, family, host)
}

func (t *tx) CountIPv4Addresses(subnetID string) (int, error) {
	counts, err := getAll(t, "count addresses of subnet "+subnetID, scanInt,
		`SELECT COUNT(*) FROM addresses WHERE subnet_id = ? AND family = 4`, subnetID)
	if err != nil {
		return 0, err
	}
	return counts[0], nil
}

// Tags: one JSON object per row.

func encodeTags(tags map[string]string) (string, error) {
	if len(tags) == 0 {
		return "{}", nil
	}
	b, err := json.Marshal(tags)
	return string(b), err
}

// tagsColumn scans a tags column into a map, nil for no tags.
type tagsColumn struct{ m *map[string]string }

func (c tagsColumn) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		s = "{}"
	default:
		return fmt.Errorf("tags column holds %T", src)
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return fmt.Errorf("decode tags: %w", err)
	}
	if len(m) == 0 {
		m = nil
	}
	*c.m = m
	return nil
}

// Virtual IPs.

const virtualIPColumns = `id, subnet_id, ip_address, network_interface_id, tags`

func scanVirtualIP(s scanner) (engine.VirtualIP, error) {
	var v engine.VirtualIP
	var nic sql.NullString
	err := s.Scan(&v.ID, &v.SubnetID, &v.IPAddress, &nic, tagsColumn{&v.Tags})
	v.NetworkInterfaceID = nic.String
	return v, err
}

func (t *tx) InsertVirtualIP(v engine.VirtualIP) error {
	return t.write("insert virtual ip "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		if err := t.insertAddress(engine.HeldAddress{SubnetID: v.SubnetID, Address: v.IPAddress, Holder: v.ID, Kind: engine.AddressVirtual}); err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO virtual_ips (`+virtualIPColumns+`) VALUES (?, ?, ?, ?, ?)`,
			v.ID, v.SubnetID, v.IPAddress, nullIfEmpty(v.NetworkInterfaceID), tags)
		return err
	})
}

func (t *tx) GetVirtualIP(id string) (engine.VirtualIP, error) {
	return getOne(t, "virtual ip", id, scanVirtualIP, `SELECT `+virtualIPColumns+` FROM virtual_ips WHERE id = ?`, id)
}

func (t *tx) UpdateVirtualIP(v engine.VirtualIP) error {
	return t.write("update virtual ip "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		return t.execOne(notFound("virtual ip", v.ID),
			`UPDATE virtual_ips SET network_interface_id = ?, tags = ? WHERE id = ?`,
			nullIfEmpty(v.NetworkInterfaceID), tags, v.ID)
	})
}

func (t *tx) DeleteVirtualIP(id string) error {
	return t.write("delete virtual ip "+id, func() error {
		if _, err := t.exec(`DELETE FROM addresses WHERE holder = ?`, id); err != nil {
			return err
		}
		return t.execOne(notFound("virtual ip", id), `DELETE FROM virtual_ips WHERE id = ?`, id)
	})
}

func (t *tx) ListVirtualIPs(f engine.VirtualIPFilter) ([]engine.VirtualIP, error) {
	var conds []string
	var args []any
	if f.SubnetID != "" {
		conds, args = append(conds, `subnet_id = ?`), append(args, f.SubnetID)
	}
	if f.NetworkInterfaceID != "" {
		conds, args = append(conds, `network_interface_id = ?`), append(args, f.NetworkInterfaceID)
	}
	all, err := getAll(t, "list virtual ips", scanVirtualIP,
		`SELECT `+virtualIPColumns+` FROM virtual_ips`+whereClause(joinAnd(conds))+` ORDER BY id`, args...)
	if err != nil || len(f.Tags) == 0 {
		return all, err
	}
	return withTags(all, f.Tags, func(v engine.VirtualIP) map[string]string { return v.Tags }), nil
}

// withTags keeps the rows that hold every tag of want.
func withTags[T any](rows []T, want map[string]string, tags func(T) map[string]string) []T {
	var out []T
	for _, r := range rows {
		if engine.MatchTags(tags(r), want) {
			out = append(out, r)
		}
	}
	return out
}
