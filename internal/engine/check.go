package engine

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
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
	vips    []VirtualIP
	routing routingState
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
	if st.eips, err = tx.ListEIPs(); err != nil {
		return st, err
	}
	if st.vips, err = tx.ListVirtualIPs(VirtualIPFilter{}); err != nil {
		return st, err
	}
	st.routing, err = loadRoutingState(tx)
	return st, err
}

// violations checks the stored state against the invariants, with the same
// checks the operations apply, and reports every breach.
func (st state) violations(opts Options) []error {
	var out []error
	report := func(err error) {
		if err != nil {
			out = append(out, err)
		}
	}
	ips := map[string]string{}
	hold := func(subnetID, addr, holder string) {
		key := subnetID + "/" + addr
		if other, dup := ips[key]; dup {
			report(refuseAddressInUse(addr, subnetID, other+" and "+holder))
		}
		ips[key] = holder
	}
	macs := map[string]string{}
	onServer := map[string][]NetworkInterface{}
	virtual := st.boundVirtualIPs(report)
	for _, n := range st.nics {
		for _, a := range slices.Concat([]string{n.PrivateIP}, n.SecondaryPrivateIPs, n.IPv6Addresses) {
			hold(n.SubnetID, a, "network interface "+n.ID)
		}
		if other, dup := macs[n.MACAddress]; dup {
			report(fmt.Errorf("MAC %s is held by both %s and %s", n.MACAddress, other, n.ID))
		}
		macs[n.MACAddress] = n.ID
		report(st.checkAddress(n))
		report(st.checkPrivateIPs(n, virtual[n.ID]))
		if n.ServerID == "" {
			if n.Primary {
				report(fmt.Errorf("primary NIC %s is not attached to a server", n.ID))
			}
			continue
		}
		onServer[n.ServerID] = append(onServer[n.ServerID], n)
		report(st.checkAttachment(n, opts))
	}
	for _, v := range st.vips {
		hold(v.SubnetID, v.IPAddress, "virtual IP "+v.ID)
	}
	for id, srv := range st.servers {
		report(checkServerHolding(srv, onServer[id]))
	}
	st.checkEIPs(report)
	st.checkRouting(report)
	return out
}

// boundVirtualIPs counts the virtual IPs bound to each NIC, and reports
// one bound to a missing NIC or one of another subnet (rule 5).
func (st state) boundVirtualIPs(report func(error)) map[string]int {
	nics := map[string]NetworkInterface{}
	for _, n := range st.nics {
		nics[n.ID] = n
	}
	count := map[string]int{}
	for _, v := range st.vips {
		if _, ok := st.subnets[v.SubnetID]; !ok {
			report(fmt.Errorf("virtual IP %s points at missing subnet %s", v.ID, v.SubnetID))
		}
		if v.NetworkInterfaceID == "" {
			continue
		}
		n, ok := nics[v.NetworkInterfaceID]
		if !ok {
			report(fmt.Errorf("virtual IP %s is bound to missing NIC %s", v.ID, v.NetworkInterfaceID))
			continue
		}
		report(checkVirtualIPSubnet(v, n))
		count[n.ID]++
	}
	return count
}

// checkPrivateIPs applies rules 8 and 15 to a NIC's secondary and IPv6
// addresses and to the virtual IPs bound to it.
func (st state) checkPrivateIPs(n NetworkInterface, virtual int) error {
	s, ok := st.subnets[n.SubnetID]
	if !ok {
		return nil // reported by checkAddress
	}
	var problems []error
	for _, group := range []struct {
		field Field
		addrs []string
	}{{FieldSecondaryPrivateIPs, n.SecondaryPrivateIPs}, {FieldIPv6Addresses, n.IPv6Addresses}} {
		for _, addr := range group.addrs {
			a, err := netip.ParseAddr(addr)
			if err != nil {
				problems = append(problems, fmt.Errorf("NIC %s holds %q, which is not an address", n.ID, addr))
				continue
			}
			problems = append(problems, checkAssignable(s, a, group.field))
		}
	}
	l := ipLoad{nic: n.ID, secondary: len(n.SecondaryPrivateIPs), virtual: virtual}
	if srv, ok := st.servers[n.ServerID]; ok {
		l.server = srv.ID
		l.flavor, _ = LookupFlavor(srv.Flavor)
	}
	problems = append(problems, checkPrivateIPLimit(l, FieldNetworkInterfaceID))
	return errors.Join(problems...)
}

// checkServerHolding applies rules 6 and 7 to the NICs a server holds.
func checkServerHolding(srv Server, nics []NetworkInterface) error {
	flavor, ok := LookupFlavor(srv.Flavor)
	if !ok {
		return fmt.Errorf("server %s has unknown flavor %s", srv.ID, srv.Flavor)
	}
	var problems []error
	problems = append(problems, checkNICLimit(nicLoad{server: srv, flavor: flavor, staying: nics}))
	holder := map[int]string{}
	for _, n := range nics {
		if other, dup := holder[n.DeviceIndex]; dup {
			problems = append(problems, refuseDeviceIndex(&n.DeviceIndex, srv, "network interfaces "+other+" and "+n.ID+" both hold it"))
		}
		holder[n.DeviceIndex] = n.ID
	}
	if holder[0] != srv.PrimaryNetworkInterfaceID {
		problems = append(problems, fmt.Errorf("server %s's device index 0 is held by %q, not by its primary NIC %s", srv.ID, holder[0], srv.PrimaryNetworkInterfaceID))
	}
	return errors.Join(problems...)
}

func (st state) checkAddress(n NetworkInterface) error {
	s, ok := st.subnets[n.SubnetID]
	if !ok {
		return fmt.Errorf("NIC %s points at missing subnet %s", n.ID, n.SubnetID)
	}
	if n.VPCID != s.VPCID || n.AvailabilityZone != s.AvailabilityZone {
		return fmt.Errorf("NIC %s disagrees with its subnet %s on VPC or zone", n.ID, s.ID)
	}
	a, err := netip.ParseAddr(n.PrivateIP)
	if err != nil {
		return fmt.Errorf("NIC %s holds %q, which is not an address", n.ID, n.PrivateIP)
	}
	return checkAssignable(s, a, FieldPrivateIP)
}

func (st state) checkAttachment(n NetworkInterface, opts Options) error {
	srv, ok := st.servers[n.ServerID]
	if !ok {
		return fmt.Errorf("NIC %s is attached to missing server %s", n.ID, n.ServerID)
	}
	if n.Primary != (n.DeviceIndex == 0) {
		return fmt.Errorf("NIC %s (primary=%v) sits at device index %d", n.ID, n.Primary, n.DeviceIndex)
	}
	return checkTopology(n, srv, opts.AttachmentSubnetRule)
}

func (st state) checkEIPs(report func(error)) {
	nicIDs := map[string]bool{}
	for _, n := range st.nics {
		nicIDs[n.ID] = true
	}
	bound := map[string]EIP{}
	public := map[string]string{}
	for _, e := range st.eips {
		if other, dup := public[e.PublicIP]; dup {
			report(fmt.Errorf("public IP %s is held by both %s and %s", e.PublicIP, other, e.ID))
		}
		public[e.PublicIP] = e.ID
		if e.NetworkInterfaceID == "" {
			continue
		}
		if !nicIDs[e.NetworkInterfaceID] {
			report(fmt.Errorf("EIP %s is bound to missing NIC %s", e.ID, e.NetworkInterfaceID))
		}
		if other, dup := bound[e.NetworkInterfaceID]; dup {
			report(refuseSecondEIP(e.NetworkInterfaceID, other))
		}
		bound[e.NetworkInterfaceID] = e
	}
}
