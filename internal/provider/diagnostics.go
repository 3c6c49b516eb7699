package provider

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// engineErrorDetail renders an engine error with its code, then what to do:
// the rule's remedy and any advice the provider adds for the case.
func engineErrorDetail(err error, advice ...string) string {
	e := engine.AsError(err)
	if e == nil {
		return err.Error()
	}
	detail := fmt.Sprintf("[%s] %s", e.Code, e.Message)
	if e.Rule != nil && e.Rule.Remedy != "" {
		detail += "\n\n" + e.Rule.Remedy
	}
	advice = append([]string{terraformHints[e.Rule]}, advice...)
	for _, a := range advice {
		if a != "" {
			detail += " " + a
		}
	}
	return detail
}

// terraformHints add to a rule's remedy where to find, or how to do, it in
// Terraform.
var terraformHints = map[*engine.Rule]string{
	engine.RuleNICLimit:       "The eni_flavors data source lists each flavor's max_network_interfaces.",
	engine.RuleSameSubnet:     "The subnet rule is the provider's attachment_subnet_rule argument.",
	engine.RuleStillInUse:     "Terraform destroys a dependent of the same configuration first, and deleting a network interface moves the virtual IPs the same apply moves elsewhere; anything else must go first where it is managed.",
	engine.RuleZoneExists:     "The eni_availability_zones data source lists them.",
	engine.RuleFlavorExists:   "The eni_flavors data source lists them.",
	engine.RuleFlavorFitsKind: "The eni_flavors data source filters flavors by kind.",
	engine.RuleAttachedOnce:   "To move it, change server_id on its eni_network_interface_attachment.",
	engine.RuleGroupExists:    "A group deleted outside Terraform is recreated by the next apply of its eni_security_group.",
}

// addEngineError reports err on attr (or on the whole resource when attr is empty).
func addEngineError(diags *diag.Diagnostics, attr path.Path, summary string, err error, advice ...string) {
	if attr.Equal(path.Empty()) {
		diags.AddError(summary, engineErrorDetail(err, advice...))
		return
	}
	diags.AddAttributeError(attr, summary, engineErrorDetail(err, advice...))
}

// A planned change that a plan-time check refuses, though another change
// of the same plan would make room for it.
type plannedChange int

const (
	plannedAttachment plannedChange = iota
	plannedResize
)

// orderAdvice says how to order a plan whose other changes would lift a
// refusal. Terraform plans a resource after what it depends on, so a slot
// freed by a change planned later is not counted yet.
func orderAdvice(err error, change plannedChange) string {
	e := engine.AsError(err)
	if e == nil || e.Rule != engine.RuleNICLimit || len(e.Blocking) == 0 {
		return ""
	}
	if change == plannedResize {
		return "If this plan also removes attachments from the server, apply that removal first " +
			"(a run without the resize, or -target on the attachments), then resize."
	}
	advice := fmt.Sprintf("If this plan also moves or detaches %s, add that eni_network_interface_attachment to this one's depends_on so its slot is freed first.",
		strings.Join(e.Blocking, " or "))
	if e.RegionConflict {
		// Nothing in this plan is known to free them: they may well belong to
		// another configuration or process, where depends_on cannot help.
		advice += " If nothing in this configuration manages them, another configuration or process holds the slots: " +
			"detach one there, or attach to another server."
	}
	return advice
}

// attributeOf names the provider's attribute for each engine input.
var attributeOf = map[engine.Field]string{
	engine.FieldID:                   "id",
	engine.FieldName:                 "name",
	engine.FieldDescription:          "description",
	engine.FieldVPCID:                "vpc_id",
	engine.FieldSubnetID:             "subnet_id",
	engine.FieldCIDR:                 "cidr",
	engine.FieldGatewayIP:            "gateway_ip",
	engine.FieldAvailabilityZone:     "availability_zone",
	engine.FieldKind:                 "kind",
	engine.FieldFlavor:               "flavor",
	engine.FieldPrivateIP:            "private_ip",
	engine.FieldSecurityGroupIDs:     "security_group_ids",
	engine.FieldSecurityGroupRules:   "rules",
	engine.FieldNetworkInterfaceID:   "network_interface_id",
	engine.FieldServerID:             "server_id",
	engine.FieldDeviceIndex:          "device_index",
	engine.FieldBandwidthMbps:        "bandwidth_mbps",
	engine.FieldAttachmentSubnetRule: "attachment_subnet_rule",

	engine.FieldSecondaryPrivateIPs:     "secondary_private_ips",
	engine.FieldSecondaryPrivateIPCount: "secondary_private_ip_count",
	engine.FieldIPAddress:               "ip_address",
	engine.FieldIPv6Enabled:             "ipv6_enabled",
	engine.FieldIPv6Addresses:           "ipv6_addresses",
	engine.FieldIPv6AddressCount:        "ipv6_address_count",
	engine.FieldTags:                    "tags",
}

// argumentPath is the path of the attribute an engine error is about, when
// it is one of arguments, or tags: every resource the engine can refuse on
// its tags has them.
func argumentPath(err error, arguments []string, fallback path.Path) path.Path {
	if a, ok := attributeOf[engine.FieldOf(err)]; ok && (slices.Contains(arguments, a) || a == "tags") {
		return path.Root(a)
	}
	return fallback
}
