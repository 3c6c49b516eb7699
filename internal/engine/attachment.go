package engine

import (
	"context"
	"fmt"
	"slices"
)

// AttachInput names a NIC, a server and optionally a device index (nil: the
// lowest free one).
type AttachInput struct {
	NetworkInterfaceID string
	ServerID           string
	DeviceIndex        *int
}

// AttachNetworkInterface attaches an available extension NIC to a server.
func (e *Engine) AttachNetworkInterface(ctx context.Context, in AttachInput) (n NetworkInterface, err error) {
	err = e.update(ctx, "AttachNetworkInterface", func(tx Tx) error {
		n, err = e.attach(tx, in, false)
		return err
	})
	return n, err
}

// MoveNetworkInterface moves an attached extension NIC to another server in
// one transaction: it ends on the new server or stays where it was (rule 14).
func (e *Engine) MoveNetworkInterface(ctx context.Context, in AttachInput) (n NetworkInterface, err error) {
	err = e.update(ctx, "MoveNetworkInterface", func(tx Tx) error {
		n, err = e.attach(tx, in, true)
		return err
	})
	return n, err
}

func (e *Engine) attach(tx Tx, in AttachInput, move bool) (NetworkInterface, error) {
	n, srv, err := loadAttachmentPair(tx, in)
	if err != nil {
		return n, err
	}
	if err := checkAttachable(n, srv, move); err != nil {
		return n, err
	}
	if move && n.ServerID == srv.ID && (in.DeviceIndex == nil || *in.DeviceIndex == n.DeviceIndex) {
		return n, nil // already there
	}
	index, err := e.checkPlacement(tx, n, srv, in.DeviceIndex, 0)
	if err != nil {
		return n, err
	}
	n.ServerID, n.DeviceIndex, n.AttachmentID = srv.ID, index, newID(PrefixAttachment)
	return n, conflict(tx.UpdateNetworkInterface(n), CodeInvalidParameterValue,
		"device index %d on server %s is already taken", index, srv.ID)
}

func loadAttachmentPair(tx Tx, in AttachInput) (NetworkInterface, Server, error) {
	n, err := getNetworkInterface(tx, in.NetworkInterfaceID)
	if err != nil {
		return n, Server{}, err
	}
	srv, err := getServer(tx, in.ServerID)
	return n, srv, err
}

// checkAttachable applies rules 1 and 2: what the NIC's own state allows.
func checkAttachable(n NetworkInterface, srv Server, move bool) error {
	if n.Primary {
		return errorf(CodeOperationNotPermitted, "network interface %s is the primary NIC of server %s; a primary NIC cannot be detached, moved or attached elsewhere",
			n.ID, n.ServerID).on("network_interface_id")
	}
	if !move && n.ServerID != "" {
		if n.ServerID == srv.ID {
			return errorf(CodeNetworkInterfaceInUse, "network interface %s is already attached to server %s at device index %d", n.ID, n.ServerID, n.DeviceIndex).on("network_interface_id")
		}
		return errorf(CodeNetworkInterfaceInUse, "network interface %s is attached to server %s; detach it first, or change the attachment's server_id to move it to %s in one step",
			n.ID, n.ServerID, srv.ID).on("network_interface_id")
	}
	if move && n.ServerID == "" {
		return errorf(CodeIncorrectState, "network interface %s is not attached to any server, so there is nothing to move; attach it instead", n.ID).on("network_interface_id")
	}
	return nil
}

// checkPlacement applies rules 3 to 7 to putting n on srv and returns the
// device index to use. planned counts NICs that other changes of the same
// plan will add to srv (negative when they take NICs away).
func (e *Engine) checkPlacement(tx Tx, n NetworkInterface, srv Server, deviceIndex *int, planned int) (int, error) {
	if err := e.checkTopology(tx, n, srv); err != nil {
		return 0, err
	}
	flavor, _ := LookupFlavor(srv.Flavor)
	onServer, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{ServerID: srv.ID})
	if err != nil {
		return 0, err
	}
	if err := checkCapacity(n, srv, flavor, onServer, planned); err != nil {
		return 0, err
	}
	return chooseDeviceIndex(n, srv, flavor, onServer, deviceIndex)
}

// checkTopology applies rules 3, 4 and 5.
func (e *Engine) checkTopology(tx Tx, n NetworkInterface, srv Server) error {
	if n.AvailabilityZone != srv.AvailabilityZone {
		return errorf(CodeAvailabilityZoneMismatch, "network interface %s is in zone %s but server %s is in zone %s; a NIC attaches only to servers of its own zone",
			n.ID, n.AvailabilityZone, srv.ID, srv.AvailabilityZone).on("server_id")
	}
	if n.VPCID != srv.VPCID {
		return errorf(CodeVpcMismatch, "network interface %s is in VPC %s but server %s is in VPC %s; create the NIC in a subnet of %s",
			n.ID, n.VPCID, srv.ID, srv.VPCID, srv.VPCID).on("server_id")
	}
	if e.opts.AttachmentSubnetRule == SameSubnet && n.SubnetID != srv.SubnetID {
		return errorf(CodeSubnetMismatch, "network interface %s is in subnet %s but server %s's primary NIC is in subnet %s; with attachment_subnet_rule = %q they must match (set it to %q to allow other subnets of the same VPC)",
			n.ID, n.SubnetID, srv.ID, srv.SubnetID, SameSubnet, SameVPC).on("server_id")
	}
	return nil
}

// checkCapacity applies rule 6, counting the NIC itself out if it is already there.
func checkCapacity(n NetworkInterface, srv Server, flavor Flavor, onServer []NetworkInterface, planned int) error {
	count := len(onServer)
	if slices.ContainsFunc(onServer, func(o NetworkInterface) bool { return o.ID == n.ID }) {
		count--
	}
	if count+planned+1 <= flavor.MaxNetworkInterfaces {
		return nil
	}
	return errorf(CodeAttachmentLimitExceeded, "server %s (flavor %s) takes at most %s including the primary one and %s; attaching %s would exceed it: choose a larger flavor or detach a NIC first",
		srv.ID, flavor.Name, plural(flavor.MaxNetworkInterfaces, "network interface"), occupancy(count, planned), n.ID).on("server_id")
}

func occupancy(count, planned int) string {
	s := fmt.Sprintf("already has %d", count)
	switch {
	case planned > 0:
		s += fmt.Sprintf(", with %d more planned in this run", planned)
	case planned < 0:
		s += fmt.Sprintf(", with %d leaving in this run", -planned)
	}
	return s
}

// chooseDeviceIndex applies rule 7.
func chooseDeviceIndex(n NetworkInterface, srv Server, flavor Flavor, onServer []NetworkInterface, requested *int) (int, error) {
	holder := map[int]string{}
	for _, o := range onServer {
		if o.ID != n.ID {
			holder[o.DeviceIndex] = o.ID
		}
	}
	if requested == nil {
		for i := 1; i < flavor.MaxNetworkInterfaces; i++ {
			if _, taken := holder[i]; !taken {
				return i, nil
			}
		}
		return 0, errorf(CodeAttachmentLimitExceeded, "server %s (flavor %s) has no free device index", srv.ID, flavor.Name).on("server_id")
	}
	i := *requested
	switch {
	case i < 1:
		return 0, errorf(CodeInvalidParameterValue, "device_index %d is not allowed: index 0 belongs to the primary NIC and extension NICs use 1 to %d on flavor %s",
			i, flavor.MaxNetworkInterfaces-1, flavor.Name).on("device_index")
	case i >= flavor.MaxNetworkInterfaces:
		return 0, errorf(CodeInvalidParameterValue, "device_index %d is out of range for server %s: flavor %s takes %s, so extension NICs use device indexes 1 to %d",
			i, srv.ID, flavor.Name, plural(flavor.MaxNetworkInterfaces, "NIC"), flavor.MaxNetworkInterfaces-1).on("device_index")
	}
	if other, taken := holder[i]; taken {
		return 0, errorf(CodeInvalidParameterValue, "device_index %d on server %s is already used by network interface %s; choose a free index or omit device_index",
			i, srv.ID, other).on("device_index")
	}
	return i, nil
}

// DetachNetworkInterface detaches an extension NIC; it keeps its IP, MAC,
// groups and EIP and becomes available.
func (e *Engine) DetachNetworkInterface(ctx context.Context, id string) (n NetworkInterface, err error) {
	err = e.update(ctx, "DetachNetworkInterface", func(tx Tx) error {
		if n, err = getNetworkInterface(tx, id); err != nil {
			return err
		}
		if n.Primary {
			return errorf(CodeOperationNotPermitted, "network interface %s is the primary NIC of server %s and cannot be detached", n.ID, n.ServerID)
		}
		if n.ServerID == "" {
			return errorf(CodeIncorrectState, "network interface %s is not attached to any server", n.ID)
		}
		n.ServerID, n.DeviceIndex, n.AttachmentID = "", 0, ""
		return tx.UpdateNetworkInterface(n)
	})
	return n, err
}
