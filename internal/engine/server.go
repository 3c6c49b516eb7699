package engine

import (
	"context"
)

// ServerInput creates a server and its primary NIC.
type ServerInput struct {
	Name             string
	Kind             string
	Flavor           string
	AvailabilityZone string
	SubnetID         string
	PrivateIP        string
	SecurityGroupIDs []string
	// SourceDestCheck is the primary NIC's; nil means true.
	SourceDestCheck *bool
	Tags            map[string]string
}

// ServerDetails is a server with what its NICs tell about it.
type ServerDetails struct {
	Server
	MaxNetworkInterfaces      int
	PrivateIP                 string
	SecurityGroupIDs          []string
	SourceDestCheck           bool     // the primary NIC's
	NetworkInterfaceIDs       []string // primary first, then by device index
	FreeNetworkInterfaceSlots int
}

func validateServerInput(in ServerInput) (Flavor, error) {
	if err := ValidateName(in.Name); err != nil {
		return Flavor{}, err
	}
	if err := ValidateKind(in.Kind); err != nil {
		return Flavor{}, err
	}
	if err := ValidateZone(in.AvailabilityZone); err != nil {
		return Flavor{}, err
	}
	if err := ValidateTags(in.Tags); err != nil {
		return Flavor{}, err
	}
	return ValidateFlavor(in.Flavor, in.Kind)
}

// CreateServer creates a server with its primary NIC at device index 0.
func (e *Engine) CreateServer(ctx context.Context, in ServerInput) (d ServerDetails, err error) {
	if in.Kind == "" {
		in.Kind = KindECS
	}
	if _, err := validateServerInput(in); err != nil {
		return ServerDetails{}, err
	}
	err = e.updateInVPCOf(ctx, "CreateServer", ScopeSubnet, in.SubnetID, func(tx Tx) error {
		s, err := getSubnet(tx, in.SubnetID)
		if err != nil {
			return err
		}
		if err := checkServerZone(in, s); err != nil {
			return err
		}
		srv := Server{ID: newID(PrefixServer), Name: in.Name, Kind: in.Kind, Flavor: in.Flavor,
			AvailabilityZone: in.AvailabilityZone, VPCID: s.VPCID, SubnetID: s.ID, Tags: tagsOf(in.Tags)}
		srv.PrimaryNetworkInterfaceID = newID(PrefixNetworkInterface)
		if err := tx.InsertServer(srv); err != nil {
			return err
		}
		nicIn := NetworkInterfaceInput{SubnetID: s.ID, Name: primaryName(in.Name), PrivateIP: in.PrivateIP,
			SecurityGroupIDs: in.SecurityGroupIDs, SourceDestCheck: in.SourceDestCheck}
		if _, err := insertNetworkInterface(tx, nicIn, func(n *NetworkInterface) {
			n.ID, n.Primary, n.ServerID, n.DeviceIndex, n.AttachmentID = srv.PrimaryNetworkInterfaceID, true, srv.ID, 0, newID(PrefixAttachment)
			n.Description = "primary network interface of " + srv.ID
		}); err != nil {
			return err
		}
		d, err = serverDetails(tx, srv)
		return err
	})
	return d, err
}

// primaryName names a server's primary NIC after it, within the name limit.
func primaryName(server string) string {
	const suffix = "-primary"
	if r := []rune(server); len(r)+len(suffix) > MaxNameLength {
		server = string(r[:MaxNameLength-len(suffix)])
	}
	return server + suffix
}

func checkServerZone(in ServerInput, s Subnet) error {
	err := checkSameZone("subnet "+s.ID, s.AvailabilityZone, "the server", in.AvailabilityZone)
	return onField(err, FieldAvailabilityZone)
}

// CheckServer applies CreateServer's rules without creating anything.
func (e *Engine) CheckServer(ctx context.Context, in ServerInput) error {
	return e.checkNewServer(ctx, "CheckServer", in, nil)
}

func serverDetails(tx Tx, srv Server) (ServerDetails, error) {
	flavor, _ := LookupFlavor(srv.Flavor)
	nics, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{ServerID: srv.ID})
	if err != nil {
		return ServerDetails{}, err
	}
	d := ServerDetails{Server: srv, MaxNetworkInterfaces: flavor.MaxNetworkInterfaces,
		FreeNetworkInterfaceSlots: flavor.MaxNetworkInterfaces - len(nics), NetworkInterfaceIDs: []string{}}
	for _, n := range nics {
		d.NetworkInterfaceIDs = append(d.NetworkInterfaceIDs, n.ID)
		if n.Primary {
			d.PrivateIP, d.SecurityGroupIDs, d.SourceDestCheck = n.PrivateIP, n.SecurityGroupIDs, n.SourceDestCheck
		}
	}
	return d, nil
}

// GetServer reads a server with its NICs.
func (e *Engine) GetServer(ctx context.Context, id string) (d ServerDetails, err error) {
	err = e.view(ctx, "GetServer", func(tx Tx) error {
		srv, err := getServer(tx, id)
		if err != nil {
			return err
		}
		d, err = serverDetails(tx, srv)
		return err
	})
	return d, err
}

// ServerUpdate changes what may change on a server; nil leaves a field alone.
type ServerUpdate struct {
	Name             *string
	Flavor           *string
	SecurityGroupIDs []string          // nil: unchanged
	SourceDestCheck  *bool             // the primary NIC's
	Tags             map[string]string // nil: unchanged
}

// UpdateServer renames, resizes, regroups or retags a server. A resize
// below the NICs it holds (rule 6) or below the private IPs one of them
// holds (rule 15) is refused.
func (e *Engine) UpdateServer(ctx context.Context, id string, u ServerUpdate) (d ServerDetails, err error) {
	err = e.updateInVPCOf(ctx, "UpdateServer", ScopeServer, id, func(tx Tx) error {
		srv, err := getServer(tx, id)
		if err != nil {
			return err
		}
		if err := applyServerUpdate(tx, &srv, u); err != nil {
			return err
		}
		if err := tx.UpdateServer(srv); err != nil {
			return err
		}
		d, err = serverDetails(tx, srv)
		return err
	})
	return d, err
}

func applyServerUpdate(tx Tx, srv *Server, u ServerUpdate) error {
	if u.Name != nil {
		if err := ValidateName(*u.Name); err != nil {
			return err
		}
		srv.Name = *u.Name
	}
	if u.Tags != nil {
		if err := ValidateTags(u.Tags); err != nil {
			return err
		}
		srv.Tags = tagsOf(u.Tags)
	}
	if u.Flavor != nil && *u.Flavor != srv.Flavor {
		if err := checkResize(tx, *srv, *u.Flavor); err != nil {
			return err
		}
		srv.Flavor = *u.Flavor
	}
	if u.SecurityGroupIDs != nil || u.SourceDestCheck != nil {
		primary, err := getNetworkInterface(tx, srv.PrimaryNetworkInterfaceID)
		if err != nil {
			return err
		}
		primaryUpdate := NetworkInterfaceUpdate{SecurityGroupIDs: u.SecurityGroupIDs, SourceDestCheck: u.SourceDestCheck}
		if err := applyNetworkInterfaceUpdate(tx, &primary, primaryUpdate); err != nil {
			return err
		}
		return tx.UpdateNetworkInterface(primary)
	}
	return nil
}

func checkResize(tx Tx, srv Server, flavorName string) error {
	flavor, err := ValidateFlavor(flavorName, srv.Kind)
	if err != nil {
		return err
	}
	onServer, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{ServerID: srv.ID})
	if err != nil {
		return err
	}
	if err := checkNICLimit(nicLoad{server: srv, flavor: flavor, staying: onServer}); err != nil {
		return onField(err, FieldFlavor)
	}
	for _, n := range onServer {
		l, err := storedIPLoad(tx, n, &srv, flavor)
		if err != nil {
			return err
		}
		if err := checkPrivateIPLimit(l, FieldFlavor); err != nil {
			return err
		}
	}
	return nil
}

// CheckResize applies a resize's rules without changing anything.
func (e *Engine) CheckResize(ctx context.Context, id, flavor string) error {
	return e.view(ctx, "CheckResize", func(tx Tx) error {
		srv, err := getServer(tx, id)
		if err != nil {
			return err
		}
		return checkResize(tx, srv, flavor)
	})
}

// DeleteServer deletes a server and its primary NIC; its extension NICs are
// detached and keep everything else (rule 13). A server whose primary NIC
// has a virtual IP bound stays (rule 11).
func (e *Engine) DeleteServer(ctx context.Context, id string) error {
	return e.updateInVPCOf(ctx, "DeleteServer", ScopeServer, id, func(tx Tx) error {
		srv, err := getServer(tx, id)
		if err != nil {
			return err
		}
		if err := checkNoVirtualIPBound(tx, "server", id, srv.PrimaryNetworkInterfaceID); err != nil {
			return err
		}
		if err := checkNotRouted(tx, "server", id, srv.PrimaryNetworkInterfaceID); err != nil {
			return err
		}
		nics, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{ServerID: id})
		if err != nil {
			return err
		}
		for _, n := range nics {
			if n.Primary {
				if err := deleteNetworkInterfaceRow(tx, n); err != nil {
					return err
				}
				continue
			}
			n.ServerID, n.DeviceIndex, n.AttachmentID = "", 0, ""
			if err := tx.UpdateNetworkInterface(n); err != nil {
				return err
			}
		}
		return tx.DeleteServer(id)
	})
}
