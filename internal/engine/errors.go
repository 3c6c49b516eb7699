package engine

import (
	"errors"
	"fmt"
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
	CodeDependencyViolation             = "DependencyViolation"
	CodeSubnetConflict                  = "InvalidSubnet.Conflict"
	CodeSubnetRange                     = "InvalidSubnet.Range"
	CodeEipAlreadyAssociated            = "Resource.AlreadyAssociated"
	CodeAddressPoolExhausted            = "AddressLimitExceeded"
	CodeFlavorNotFound                  = "InvalidFlavor.NotFound"

	CodeNetworkInterfaceNotFound = "InvalidNetworkInterfaceID.NotFound"
	CodeServerNotFound           = "InvalidServerID.NotFound"
	CodeVpcNotFound              = "InvalidVpcID.NotFound"
	CodeSubnetNotFound           = "InvalidSubnetID.NotFound"
	CodeEipNotFound              = "InvalidEipID.NotFound"
)

// Error is every refusal the engine makes: a stable code and a message that
// names the objects and values involved so a user can act on it.
type Error struct {
	Code    string
	Message string
	// Field names the input argument at fault, in the provider's words
	// ("private_ip", "server_id", …), or "" when no single one is.
	Field string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// on names the argument an error is about.
func (e *Error) on(field string) *Error {
	e.Field = field
	return e
}

// FieldOf returns the argument err is about, or "".
func FieldOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// CodeOf returns the engine code carried by err, or "" for other errors.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// IsNotFound reports whether err says that an object does not exist.
func IsNotFound(err error) bool {
	switch CodeOf(err) {
	case CodeNetworkInterfaceNotFound, CodeServerNotFound, CodeVpcNotFound,
		CodeSubnetNotFound, CodeEipNotFound, CodeGroupNotFound:
		return true
	}
	return false
}

// Store-level sentinels. Stores wrap them; the engine turns them into coded errors.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("unique constraint conflict")
)
