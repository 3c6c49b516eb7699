package sqlstore

import (
	"database/sql"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

const eipColumns = `id, public_ip, bandwidth_mbps, network_interface_id, tags`

func scanEIP(s scanner) (engine.EIP, error) {
	var v engine.EIP
	var nic sql.NullString
	err := s.Scan(&v.ID, &v.PublicIP, &v.BandwidthMbps, &nic, tagsColumn{&v.Tags})
	v.NetworkInterfaceID = nic.String
	return v, err
}

func (t *tx) InsertEIP(v engine.EIP) error {
	return t.write("insert eip "+v.ID, func() error {
		ipNum, err := ipv4Number(v.PublicIP)
		if err != nil {
			return err
		}
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO eips (id, public_ip, ip_num, bandwidth_mbps, network_interface_id, tags) VALUES (?, ?, ?, ?, ?, ?)`,
			v.ID, v.PublicIP, ipNum, v.BandwidthMbps, nullIfEmpty(v.NetworkInterfaceID), tags)
		return err
	})
}

func (t *tx) GetEIP(id string) (engine.EIP, error) {
	return getOne(t, "eip", id, scanEIP, `SELECT `+eipColumns+` FROM eips WHERE id = ?`, id)
}

func (t *tx) UpdateEIP(v engine.EIP) error {
	return t.write("update eip "+v.ID, func() error {
		ipNum, err := ipv4Number(v.PublicIP)
		if err != nil {
			return err
		}
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		return t.execOne(notFound("eip", v.ID),
			`UPDATE eips SET public_ip = ?, ip_num = ?, bandwidth_mbps = ?, network_interface_id = ?, tags = ? WHERE id = ?`,
			v.PublicIP, ipNum, v.BandwidthMbps, nullIfEmpty(v.NetworkInterfaceID), tags, v.ID)
	})
}

func (t *tx) DeleteEIP(id string) error {
	return t.write("delete eip "+id, func() error {
		return t.execOne(notFound("eip", id), `DELETE FROM eips WHERE id = ?`, id)
	})
}

func (t *tx) ListEIPs() ([]engine.EIP, error) {
	return getAll(t, "list eips", scanEIP, `SELECT `+eipColumns+` FROM eips ORDER BY id`)
}

func (t *tx) GetEIPByNetworkInterface(networkInterfaceID string) (engine.EIP, error) {
	if networkInterfaceID == "" {
		return engine.EIP{}, notFound("eip of network interface", networkInterfaceID)
	}
	return getOne(t, "eip of network interface", networkInterfaceID, scanEIP,
		`SELECT `+eipColumns+` FROM eips WHERE network_interface_id = ?`, networkInterfaceID)
}

// NextFreePublicIP finds the lowest address in [from, to] no EIP holds with
// one query: from itself if free, else the first held address in the range
// whose successor is free.
func (t *tx) NextFreePublicIP(from, to uint32) (uint32, bool, error) {
	if from > to {
		return 0, false, nil
	}
	return t.nextFree("find a free public ip",
		`SELECT CASE
			WHEN NOT EXISTS (SELECT 1 FROM eips WHERE ip_num = ?) THEN CAST(? AS BIGINT)
			ELSE (SELECT MIN(e.ip_num) + 1 FROM eips e
				WHERE e.ip_num >= ? AND e.ip_num < ?
				AND NOT EXISTS (SELECT 1 FROM eips f WHERE f.ip_num = e.ip_num + 1))
		END`,
		int64(from), int64(from), int64(from), int64(to))
}
