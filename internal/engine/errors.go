package engine

import (
	"errors"
)

// Stable error codes. They are part of the provider's contract: diagnostics
// quote them and tests match them, so never rename one.
const (
	CodeOperationNotPermitted           = "OperationNotPermitted"
	CodeNetworkInterfaceInUse           = "InvalidNetworkInterface.InUse"
	CodeIncorrectState                  = "IncorrectState"
	CodeAvailabilityZoneMismatch        = "AvailabilityZoneMismatch"
	CodeVpcMismatch                     = "VpcMismatch"
	CodeSubnetMismatch                  = "SubnetMismatch"
	CodeAttachmentLimitExceeded         = "AttachmentLimitExceeded"
	CodeInvalidParameterValue           = "InvalidParameterValue"
	CodeIPAddressInUse                  = "InvalidIPAddress.InUse"
	CodeInsufficientFreeAddresses       = "InsufficientFreeAddressesInSubnet"
	CodeGroupNotFound                   = "InvalidGroup.NotFound"
	CodeSecurityGroupsPerInterfaceLimit = "SecurityGroupsPerInterfaceLimitExceeded"
	CodeRulesPerSecurityGroupLimit      = "RulesPerSecurityGroupLimitExceeded"
	CodeDependencyViolation             = "DependencyViolation"
	CodeSubnetConflict                  = "InvalidSubnet.Conflict"
	CodeSubnetRange                     = "InvalidSubnet.Range"
	CodeAlreadyAssociated               = "Resource.AlreadyAssociated"
	CodeEipAlreadyAssociated            = CodeAlreadyAssociated
	CodeAddressPoolExhausted            = "AddressLimitExceeded"
	CodeFlavorNotFound                  = "InvalidFlavor.NotFound"
	CodePrivateIPAddressLimitExceeded   = "PrivateIpAddressLimitExceeded"
	CodeRouteTableLimitExceeded         = "RouteTableLimitExceeded"
	CodeRouteLimitExceeded              = "RouteLimitExceeded"
	CodeRouteAlreadyExists              = "RouteAlreadyExists"
	CodeSourceDestCheckEnabled          = "SourceDestCheckEnabled"
	CodeNetworkACLEntryLimitExceeded    = "NetworkAclEntryLimitExceeded"

	CodeNetworkInterfaceNotFound = "InvalidNetworkInterfaceID.NotFound"
	CodeServerNotFound           = "InvalidServerID.NotFound"
	CodeVpcNotFound              = "InvalidVpcID.NotFound"
	CodeSubnetNotFound           = "InvalidSubnetID.NotFound"
	CodeEipNotFound              = "InvalidEipID.NotFound"
	CodeVirtualIPNotFound        = "InvalidVirtualIPID.NotFound"
	CodeRouteTableNotFound       = "InvalidRouteTableID.NotFound"
	CodeRouteNotFound            = "InvalidRoute.NotFound"
	CodeNetworkACLNotFound       = "InvalidNetworkAclID.NotFound"
	CodeAssociationNotFound      = "InvalidAssociationID.NotFound"
)

// Error is every refusal the engine makes: a stable code and a message that
// names the objects and values involved, refused by one Rule.
type Error struct {
	Code    string
	Message string
	// Field is the input at fault, or "" when no single one is.
	Field Field
	// Rule is the rule refused; its Remedy says what to do.
	Rule *Rule
	// Blocking names the objects whose removal would lift the refusal (the
	// extension NICs on a full server, the virtual IPs bound to a NIC being
	// deleted), for advice about ordering changes.
	Blocking []string
	// RegionConflict marks a refusal that comes from what the region holds now
	// (a slot, an index or an address taken by objects the request does not
	// change, a full subnet, or an object the request names that does not
	// exist) rather than from the request itself.
	RegionConflict bool
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// on names the input an error is about, where it differs from its rule's.
func (e *Error) on(field Field) *Error {
	e.Field = field
	return e
}

// asRegionConflict marks e as a refusal about what the region holds now.
func (e *Error) asRegionConflict() *Error {
	e.RegionConflict = true
	return e
}

// IsRegionConflict reports whether err is a refusal about what the region holds
// now rather than about the request itself.
func IsRegionConflict(err error) bool {
	e := AsError(err)
	return e != nil && e.RegionConflict
}

// AsError returns the engine error carried by err, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// FieldOf returns the input err is about, or "".
func FieldOf(err error) Field {
	if e := AsError(err); e != nil {
		return e.Field
	}
	return ""
}

// CodeOf returns the engine code carried by err, or "" for other errors.
func CodeOf(err error) string {
	if e := AsError(err); e != nil {
		return e.Code
	}
	return ""
}

// IsNotFound reports whether err says that an object does not exist.
func IsNotFound(err error) bool {
	e := AsError(err)
	return e != nil && (e.Rule != nil && e.Rule.Number == 12 || e.Rule == RuleGroupExists)
}

// Store-level sentinels. Stores wrap them; the engine turns them into coded errors.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("unique constraint conflict")
)

// onField names the input err is about, where it differs from its rule's.
func onField(err error, field Field) error {
	if e := AsError(err); e != nil {
		e.Field = field
	}
	return err
}
