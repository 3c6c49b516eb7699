package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	err = e.updateInVPCOf(ctx, "AttachNetworkInterface", ScopeNetworkInterface, in.NetworkInterfaceID, func(tx Tx) error {
		n, err = e.attach(tx, in, false)
		return err
	})
	return n, err
}

// MoveNetworkInterface moves an attached extension NIC to another server in
// one transaction: it ends on the new server or stays where it was (rule 14).
func (e *Engine) MoveNetworkInterface(ctx context.Context, in AttachInput) (n NetworkInterface, err error) {
	err = e.updateInVPCOf(ctx, "MoveNetworkInterface", ScopeNetworkInterface, in.NetworkInterfaceID, func(tx Tx) error {
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
	index, err := e.checkPlacement(tx, n, srv, in.DeviceIndex)
	if err != nil {
		return n, err
	}
	n.ServerID, n.DeviceIndex, n.AttachmentID = srv.ID, index, newID(PrefixAttachment)
	return n, conflict(tx.UpdateNetworkInterface(n), func() error {
		return refuseDeviceIndex(&index, srv, "another request took it first")
	})
}

func loadAttachmentPair(tx Tx, in AttachInput) (NetworkInterface, Server, error) {
	n, err := getNetworkInterface(tx, in.NetworkInterfaceID)
	if err != nil {
		return n, Server{}, err
	}
	srv, err := getServer(tx, in.ServerID)
	return n, srv, err
}

// checkAttachable applies what the NIC's own state allows: rule 1, then
// rule 2 for an attach, or that a move needs an attached NIC.
func checkAttachable(n NetworkInterface, srv Server, move bool) error {
	if err := checkNotPrimary(n, "moved or attached elsewhere"); err != nil {
		return err
	}
	if move {
		return checkAttached(n, "move")
	}
	return checkUnattached(n.ID, heldBy(n), srv.ID)
}

// checkNotPrimary applies rule 1: a primary NIC cannot be what (detached,
// moved, deleted) on its own.
func checkNotPrimary(n NetworkInterface, what string) error {
	if !n.Primary {
		return nil
	}
	return RulePrimaryNIC.refuse("network interface %s is the primary NIC of server %s; a primary NIC cannot be %s", n.ID, n.ServerID, what)
}

// CheckNotPrimary applies rule 1 for callers that would manage n on its own
// (import it, adopt its attachment).
func CheckNotPrimary(n NetworkInterface) error {
	return checkNotPrimary(n, "managed on its own: it is created and deleted with its server")
}

// attachmentHolder is what holds a NIC: a stored server, at a device
// index, or one the plan so far attaches it to (byThisPlan); the zero
// holder is none.
type attachmentHolder struct {
	serverID    string
	deviceIndex int
	byThisPlan  bool
}

// heldBy is the stored holder of n.
func heldBy(n NetworkInterface) attachmentHolder {
	return attachmentHolder{serverID: n.ServerID, deviceIndex: n.DeviceIndex}
}

// checkUnattached applies rule 2: a NIC goes to a server (target; "" when
// it is to be deleted) only when no server holds it.
func checkUnattached(nicID string, holder attachmentHolder, target string) error {
	switch {
	case holder.serverID == "":
		return nil
	case holder.serverID == target && !holder.byThisPlan:
		return RuleAttachedOnce.refuse("network interface %s is already attached to server %s at device index %d", nicID, holder.serverID, holder.deviceIndex).asRegionConflict()
	case holder.byThisPlan:
		return RuleAttachedOnce.refuse("this plan already attaches network interface %s to server %s, and an interface has at most one attachment", nicID, holder.serverID)
	default:
		return RuleAttachedOnce.refuse("network interface %s is attached to server %s at device index %d", nicID, holder.serverID, holder.deviceIndex).asRegionConflict()
	}
}

// checkAttached refuses to detach or move (what) a NIC no server holds.
func checkAttached(n NetworkInterface, what string) error {
	if n.ServerID != "" {
		return nil
	}
	return RuleNotAttached.refuse("network interface %s is not attached to any server, so there is nothing to %s", n.ID, what)
}

// checkPlacement applies rules 3 to 7 and 15 to putting n on srv and
// returns the device index to use.
func (e *Engine) checkPlacement(tx Tx, n NetworkInterface, srv Server, deviceIndex *int) (int, error) {
	if err := checkTopology(n, srv, e.opts.AttachmentSubnetRule); err != nil {
		return 0, err
	}
	flavor, _ := LookupFlavor(srv.Flavor)
	onServer, err := tx.ListNetworkInterfaces(NetworkInterfaceFilter{ServerID: srv.ID})
	if err != nil {
		return 0, err
	}
	staying := slices.DeleteFunc(onServer, func(o NetworkInterface) bool { return o.ID == n.ID })
	if err := checkNICLimit(nicLoad{server: srv, flavor: flavor, staying: staying, placing: n.ID}); err != nil {
		return 0, err
	}
	l, err := storedIPLoad(tx, n, &srv, flavor)
	if err != nil {
		return 0, err
	}
	if err := checkPrivateIPLimit(l, FieldServerID); err != nil {
		return 0, err
	}
	return chooseDeviceIndex(srv, flavor, staying, deviceIndex)
}

// checkTopology applies rules 3, 4 and 5 to n on srv under subnetRule.
func checkTopology(n NetworkInterface, srv Server, subnetRule string) error {
	nic, server := "network interface "+n.ID, "server "+srv.ID
	if err := checkSameZone(nic, n.AvailabilityZone, server, srv.AvailabilityZone); err != nil {
		return err
	}
	if n.VPCID != srv.VPCID {
		return RuleSameVPC.refuse("network interface %s is in VPC %s but server %s is in VPC %s", n.ID, n.VPCID, srv.ID, srv.VPCID)
	}
	if subnetRule == SameSubnet && n.SubnetID != srv.SubnetID {
		return RuleSameSubnet.refuse("network interface %s is in subnet %s but server %s's primary NIC is in subnet %s, and the attachment subnet rule is %s",
			n.ID, n.SubnetID, srv.ID, srv.SubnetID, SameSubnet)
	}
	return nil
}

// checkSameZone applies rule 3 to two things named for the message.
func checkSameZone(one, oneZone, other, otherZone string) error {
	if oneZone == otherZone {
		return nil
	}
	return RuleSameZone.refuse("%s is in zone %s but %s is in zone %s", one, oneZone, other, otherZone)
}

// nicLoad is what a change would leave on a server: the NICs staying, how
// many the plan takes away, those the plan already brings (IDs, or words
// for NICs it creates), and the one being placed ("" for a resize).
type nicLoad struct {
	server   Server
	flavor   Flavor
	staying  []NetworkInterface
	leaving  int
	arriving []string
	placing  string
}

// checkNICLimit applies rule 6.
func checkNICLimit(l nicLoad) error {
	total := len(l.staying) + len(l.arriving)
	if l.placing != "" {
		total++
	}
	if total <= l.flavor.MaxNetworkInterfaces {
		return nil
	}
	facts := fmt.Sprintf("it holds %d", len(l.staying)+l.leaving)
	if l.leaving > 0 {
		facts += fmt.Sprintf(", %d of which this plan takes away,", l.leaving)
	}
	if len(l.arriving) > 0 {
		facts += fmt.Sprintf(" and this plan already attaches %d more (%s)", len(l.arriving), strings.Join(l.arriving, ", "))
	}
	if l.placing != "" {
		facts += fmt.Sprintf(", so attaching %s would exceed it", l.placing)
	}
	err := RuleNICLimit.refuse("server %s on flavor %s takes at most %s including the primary one; %s",
		l.server.ID, l.flavor.Name, plural(l.flavor.MaxNetworkInterfaces, "network interface"), facts)
	for _, n := range l.staying {
		if !n.Primary {
			err.Blocking = append(err.Blocking, n.ID)
		}
	}
	if len(err.Blocking) > 0 && len(l.arriving) == 0 {
		err = err.asRegionConflict() // NICs already there fill it, not this plan's other arrivals
	}
	return err
}

// chooseDeviceIndex applies rule 7: the requested index, or the lowest free
// one, among the NICs staying on srv.
func chooseDeviceIndex(srv Server, flavor Flavor, staying []NetworkInterface, requested *int) (int, error) {
	holder := map[int]string{}
	for _, o := range staying {
		holder[o.DeviceIndex] = o.ID
	}
	if requested == nil {
		for i := 1; i < flavor.MaxNetworkInterfaces; i++ {
			if _, taken := holder[i]; !taken {
				return i, nil
			}
		}
		return 0, refuseDeviceIndex(nil, srv, fmt.Sprintf("flavor %s has no free device index left", flavor.Name)).asRegionConflict()
	}
	i := *requested
	switch {
	case i < 1:
		return 0, refuseDeviceIndex(requested, srv, fmt.Sprintf("index 0 belongs to the primary NIC, and extension NICs use 1 to %d on flavor %s", flavor.MaxNetworkInterfaces-1, flavor.Name))
	case i >= flavor.MaxNetworkInterfaces:
		return 0, refuseDeviceIndex(requested, srv, fmt.Sprintf("flavor %s takes %s, so extension NICs use device indexes 1 to %d",
			flavor.Name, plural(flavor.MaxNetworkInterfaces, "NIC"), flavor.MaxNetworkInterfaces-1))
	}
	if other, taken := holder[i]; taken {
		return 0, refuseDeviceIndex(requested, srv, "network interface "+other+" already uses it").asRegionConflict()
	}
	return i, nil
}

// refuseDeviceIndex is rule 7's refusal of index (nil: any) on srv, and why.
func refuseDeviceIndex(index *int, srv Server, why string) *Error {
	if index == nil {
		return RuleDeviceIndex.refuse("server %s has no device index to give: %s", srv.ID, why)
	}
	return RuleDeviceIndex.refuse("device index %d cannot be used on server %s: %s", *index, srv.ID, why)
}

// DetachNetworkInterface detaches an extension NIC; it keeps its IP, MAC,
// groups and EIP and becomes available.
func (e *Engine) DetachNetworkInterface(ctx context.Context, id string) (n NetworkInterface, err error) {
	err = e.updateInVPCOf(ctx, "DetachNetworkInterface", ScopeNetworkInterface, id, func(tx Tx) error {
		if n, err = getNetworkInterface(tx, id); err != nil {
			return err
		}
		if err := checkNotPrimary(n, "detached"); err != nil {
			return err
		}
		if err := checkAttached(n, "detach"); err != nil {
			return err
		}
		n.ServerID, n.DeviceIndex, n.AttachmentID = "", 0, ""
		return tx.UpdateNetworkInterface(n)
	})
	return n, err
}
