package engine

// SubnetCapacity is how many addresses a subnet of cidr can hand out: its
// host addresses less the gateway. cidr must pass the subnet CIDR rule; the
// error names field, as the other input checks do.
func SubnetCapacity(field Field, cidr string) (int, error) {
	p, err := ValidatePrivateCIDR(field, cidr)
	if err != nil {
		return 0, err
	}
	first, last := hostRange(p)
	return Subnet{FirstIP: first, LastIP: last}.usableAddressCount(), nil
}
