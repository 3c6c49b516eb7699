package engine

import "net/netip"

// The model keeps a subnet's address range as numbers (Subnet.FirstIP,
// LastIP, NextIP) and the Store speaks of free and released addresses the
// same way, so stores and their tests convert with these rather than each
// with a copy of their own.

// AddrNumber is an IPv4 address as the number the model keeps.
func AddrNumber(a netip.Addr) uint32 { return ipToNum(a) }

// NumberAddr is the IPv4 address a model number stands for.
func NumberAddr(n uint32) netip.Addr { return numToIP(n) }
