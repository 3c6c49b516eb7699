package sqlstore

// A subnet's released addresses: see engine.Tx.

func (t *tx) AddReleasedIP(subnetID string, ip uint32) error {
	return t.write("release ip in subnet "+subnetID, func() error {
		_, err := t.exec(`INSERT INTO released_ips (subnet_id, ip_num) VALUES (?, ?)`, subnetID, int64(ip))
		return err
	})
}

func (t *tx) RemoveReleasedIP(subnetID string, ip uint32) error {
	return t.write("reuse released ip in subnet "+subnetID, func() error {
		_, err := t.exec(`DELETE FROM released_ips WHERE subnet_id = ? AND ip_num = ?`, subnetID, int64(ip))
		return err
	})
}

func (t *tx) LowestReleasedIP(subnetID string) (uint32, bool, error) {
	return t.nextFree("find a released ip in subnet "+subnetID,
		`SELECT MIN(ip_num) FROM released_ips WHERE subnet_id = ?`, subnetID)
}
