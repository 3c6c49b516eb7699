package engine

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// ID prefixes make an ID say what it names, as cloud IDs do.
const (
	PrefixVPC              = "vpc-"
	PrefixSubnet           = "subnet-"
	PrefixSecurityGroup    = "sg-"
	PrefixServer           = "srv-"
	PrefixNetworkInterface = "eni-"
	PrefixAttachment       = "eni-attach-"
	PrefixEIP              = "eip-"
	PrefixVirtualIP        = "vip-"
	PrefixRouteTable       = "rtb-"
	PrefixNetworkACL       = "acl-"
	// Association IDs: a subnet's tie to a route table or a network ACL.
	PrefixRouteTableAssociation = "rtbassoc-"
	PrefixNetworkACLAssociation = "aclassoc-"
)

func newID(prefix string) string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return prefix + hex.EncodeToString(b[:])
}

// macOUI is the locally administered prefix every engine MAC starts with.
const macOUI = "fa:16:3e"

func randomMAC() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s:%02x:%02x:%02x", macOUI, b[0], b[1], b[2])
}

// uniqueMAC draws MACs until one is free. A MAC is locked before it is
// looked for, so one found free here is still free at commit; the unique
// index backs it up.
func uniqueMAC(tx Tx) (string, error) {
	for range 64 {
		mac := randomMAC()
		if err := lockKeys(tx, "mac:"+mac); err != nil {
			return "", err
		}
		n, err := tx.CountNetworkInterfaces(NetworkInterfaceFilter{MACAddress: mac})
		if err != nil {
			return "", err
		}
		if n == 0 {
			return mac, nil
		}
	}
	return "", fmt.Errorf("no free MAC address found after 64 draws")
}
