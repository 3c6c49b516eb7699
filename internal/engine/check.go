package engine

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
)

// Check verifies every invariant of the stored state and returns all
// violations found, joined; nil means the state is sound.
func (e *Engine) Check(ctx context.Context) error {
	var problems []error
	err := e.view(ctx, "Check", func(tx Tx) error {
		st, err := loadState(tx)
		if err != nil {
			return err
		}
		problems = st.violations(e.opts)
		return nil
	})
	if err != nil {
		return err
	}
	return errors.Join(problems...)
}

type state struct {
	subnets map[string]Subnet
	servers map[string]Server
	nics    []NetworkInterface
	eips    []EIP
}

func loadState(tx Tx) (state, error) {
	st := state{subnets: map[string]Subnet{}, servers: map[string]Server{}}
	subnets, err := tx.ListSubnets("")
	if err != nil {
		return st, err
	}
	for _, s := range subnets {
		st.subnets[s.ID] = s
	}
	servers, err := tx.ListServers("")
	if err != nil {
		return st, err
	}
	for _, s := range servers {
		st.servers[s.ID] = s
	}
	if st.nics, err = tx.ListNetworkInterfaces(NetworkInterfaceFilter{}); err != nil {
		return st, err
	}
	st.eips, err = tx.ListEIPs()
	return st, err
}

func (st state) violations(opts Options) []error {
	var out []error
	report := func(format string, args ...any) { out = append(out, fmt.Errorf(format, args...)) }
	ips := map[string]string{}
	macs := map[string]string{}
	perServer := map[string]int{}
	slots := map[string]string{}
	for _, n := range st.nics {
		key := n.SubnetID + "/" + n.PrivateIP
		if other, dup := ips[key]; dup {
			report("IP %s in subnet %s is held by both %s and %s", n.PrivateIP, n.SubnetID, other, n.ID)
		}
		ips[key] = n.ID
		if other, dup := macs[n.MACAddress]; dup {
			report("MAC %s is held by both %s and %s", n.MACAddress, other, n.ID)
		}
		macs[n.MACAddress] = n.ID
		st.checkAddress(n, report)
		if n.ServerID == "" {
			if n.Primary {
				report("primary NIC %s is not attached to a server", n.ID)
			}
			continue
		}
		perServer[n.ServerID]++
		slot := fmt.Sprintf("%s/%d", n.ServerID, n.DeviceIndex)
		if other, dup := slots[slot]; dup {
			report("device index %d of server %s is held by both %s and %s", n.DeviceIndex, n.ServerID, other, n.ID)
		}
		slots[slot] = n.ID
		st.checkAttachment(n, opts, report)
	}
	for id, srv := range st.servers {
		flavor, ok := LookupFlavor(srv.Flavor)
		if !ok {
			report("server %s has unknown flavor %s", id, srv.Flavor)
			continue
		}
		if perServer[id] > flavor.MaxNetworkInterfaces {
			report("server %s has %d NICs, above flavor %s's %d", id, perServer[id], flavor.Name, flavor.MaxNetworkInterfaces)
		}
		if slots[id+"/0"] != srv.PrimaryNetworkInterfaceID {
			report("server %s's device index 0 is held by %q, not by its primary NIC %s", id, slots[id+"/0"], srv.PrimaryNetworkInterfaceID)
		}
	}
	st.checkEIPs(report)
	return out
}

func (st state) checkAddress(n NetworkInterface, report func(string, ...any)) {
	s, ok := st.subnets[n.SubnetID]
	if !ok {
		report("NIC %s points at missing subnet %s", n.ID, n.SubnetID)
		return
	}
	a, err := netip.ParseAddr(n.PrivateIP)
	if err != nil || ipToNum(a) < s.FirstIP || ipToNum(a) > s.LastIP || n.PrivateIP == s.GatewayIP {
		report("NIC %s holds %s, which is not an assignable address of subnet %s (%s)", n.ID, n.PrivateIP, s.ID, s.CIDR)
	}
	if n.VPCID != s.VPCID || n.AvailabilityZone != s.AvailabilityZone {
		report("NIC %s disagrees with its subnet %s on VPC or zone", n.ID, s.ID)
	}
}

func (st state) checkAttachment(n NetworkInterface, opts Options, report func(string, ...any)) {
	srv, ok := st.servers[n.ServerID]
	if !ok {
		report("NIC %s is attached to missing server %s", n.ID, n.ServerID)
		return
	}
	if n.Primary != (n.DeviceIndex == 0) {
		report("NIC %s (primary=%v) sits at device index %d", n.ID, n.Primary, n.DeviceIndex)
	}
	if n.AvailabilityZone != srv.AvailabilityZone || n.VPCID != srv.VPCID {
		report("NIC %s (zone %s, VPC %s) is attached to server %s (zone %s, VPC %s)", n.ID, n.AvailabilityZone, n.VPCID, srv.ID, srv.AvailabilityZone, srv.VPCID)
	}
	if opts.AttachmentSubnetRule == SameSubnet && n.SubnetID != srv.SubnetID {
		report("NIC %s (subnet %s) is attached to server %s of subnet %s under same_subnet", n.ID, n.SubnetID, srv.ID, srv.SubnetID)
	}
}

func (st state) checkEIPs(report func(string, ...any)) {
	nicIDs := map[string]bool{}
	for _, n := range st.nics {
		nicIDs[n.ID] = true
	}
	bound := map[string]string{}
	public := map[string]string{}
	for _, e := range st.eips {
		if other, dup := public[e.PublicIP]; dup {
			report("public IP %s is held by both %s and %s", e.PublicIP, other, e.ID)
		}
		public[e.PublicIP] = e.ID
		if e.NetworkInterfaceID == "" {
			continue
		}
		if !nicIDs[e.NetworkInterfaceID] {
			report("EIP %s is bound to missing NIC %s", e.ID, e.NetworkInterfaceID)
		}
		if other, dup := bound[e.NetworkInterfaceID]; dup {
			report("NIC %s has two EIPs, %s and %s", e.NetworkInterfaceID, other, e.ID)
		}
		bound[e.NetworkInterfaceID] = e.ID
	}
}
