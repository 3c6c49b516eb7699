package provider

import (
	"errors"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// remedies say what to do about each engine code, after the engine's own message.
var remedies = map[string]string{
	engine.CodeOperationNotPermitted:           "A server's primary NIC lives and dies with the server; attach an extension NIC instead.",
	engine.CodeNetworkInterfaceInUse:           "Detach the network interface first, or change server_id on its eni_network_interface_attachment to move it in one step.",
	engine.CodeAvailabilityZoneMismatch:        "Create the network interface in a subnet of the server's availability zone.",
	engine.CodeVpcMismatch:                     "Create the network interface in a subnet of the server's VPC.",
	engine.CodeSubnetMismatch:                  "Create the network interface in the server's subnet, or set attachment_subnet_rule = \"same_vpc\" in the provider block.",
	engine.CodeAttachmentLimitExceeded:         "Choose a flavor with more network interfaces (see the eni_flavors data source) or detach one first.",
	engine.CodeIPAddressInUse:                  "Choose another private_ip, or omit it to have one allocated.",
	engine.CodeInsufficientFreeAddresses:       "Free addresses in the subnet or use a larger subnet.",
	engine.CodeGroupNotFound:                   "Check the security group IDs; the group may have been deleted outside Terraform.",
	engine.CodeSecurityGroupsPerInterfaceLimit: "Merge rules into fewer security groups.",
	engine.CodeDependencyViolation:             "Delete or move what still depends on it first; Terraform orders this for you when the dependency is in the same configuration.",
}

// engineErrorDetail renders an engine error with its code and the remedy.
func engineErrorDetail(err error) string {
	var e *engine.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	detail := fmt.Sprintf("[%s] %s", e.Code, e.Message)
	if r, ok := remedies[e.Code]; ok {
		detail += "\n\n" + r
	}
	return detail
}

// addEngineError reports err on attr (or on the whole resource when attr is empty).
func addEngineError(diags *diag.Diagnostics, attr path.Path, summary string, err error) {
	if attr.Equal(path.Empty()) {
		diags.AddError(summary, engineErrorDetail(err))
		return
	}
	diags.AddAttributeError(attr, summary, engineErrorDetail(err))
}

// argumentPath is the path of the argument an engine error names, when it
// is one of arguments.
func argumentPath(err error, arguments []string, fallback path.Path) path.Path {
	if f := engine.FieldOf(err); f != "" && slices.Contains(arguments, f) {
		return path.Root(f)
	}
	return fallback
}
