package sqlstore

import "github.com/eni/terraform-provider-eni/internal/engine"

const serverColumns = `id, name, kind, flavor, availability_zone, vpc_id, subnet_id, primary_network_interface_id, tags`

func scanServer(s scanner) (engine.Server, error) {
	var v engine.Server
	err := s.Scan(&v.ID, &v.Name, &v.Kind, &v.Flavor, &v.AvailabilityZone, &v.VPCID, &v.SubnetID,
		&v.PrimaryNetworkInterfaceID, tagsColumn{&v.Tags})
	return v, err
}

func (t *tx) InsertServer(v engine.Server) error {
	return t.write("insert server "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO servers (`+serverColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.Name, v.Kind, v.Flavor, v.AvailabilityZone, v.VPCID, v.SubnetID, v.PrimaryNetworkInterfaceID, tags)
		return err
	})
}

func (t *tx) GetServer(id string) (engine.Server, error) {
	return getOne(t, "server", id, scanServer, `SELECT `+serverColumns+` FROM servers WHERE id = ?`, id)
}

func (t *tx) UpdateServer(v engine.Server) error {
	return t.write("update server "+v.ID, func() error {
		tags, err := encodeTags(v.Tags)
		if err != nil {
			return err
		}
		return t.execOne(notFound("server", v.ID),
			`UPDATE servers SET name = ?, kind = ?, flavor = ?, availability_zone = ?, vpc_id = ?, subnet_id = ?,
				primary_network_interface_id = ?, tags = ? WHERE id = ?`,
			v.Name, v.Kind, v.Flavor, v.AvailabilityZone, v.VPCID, v.SubnetID, v.PrimaryNetworkInterfaceID, tags, v.ID)
	})
}

func (t *tx) DeleteServer(id string) error {
	return t.write("delete server "+id, func() error {
		return t.execOne(notFound("server", id), `DELETE FROM servers WHERE id = ?`, id)
	})
}

func (t *tx) ListServers(subnetID string) ([]engine.Server, error) {
	if subnetID == "" {
		return getAll(t, "list servers", scanServer, `SELECT `+serverColumns+` FROM servers ORDER BY id`)
	}
	return getAll(t, "list servers of subnet "+subnetID, scanServer,
		`SELECT `+serverColumns+` FROM servers WHERE subnet_id = ? ORDER BY id`, subnetID)
}
