package provider

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/terms"
)

// describedAs is the description of a validator or plan modifier of ours
// that embeds it: plain text, so its Markdown form is the same.
type describedAs string

func (d describedAs) Description(context.Context) string         { return string(d) }
func (d describedAs) MarkdownDescription(context.Context) string { return string(d) }

// engineStringValidator adapts one of the engine's input checks into a
// config-time validator, so HCL is judged by the very code the engine runs.
type engineStringValidator struct {
	describedAs
	check func(string) error
}

func (v engineStringValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), engineErrorDetail(err))
	}
}

var _ validator.String = engineStringValidator{}

func nameValidator() validator.String {
	return engineStringValidator{describedAs(fmt.Sprintf("must be 1 to %d letters, digits, '-', '_' or '.'", engine.MaxNameLength)), engine.ValidateName}
}

// descriptionValidator counts characters, as the engine and the docs do;
// a byte count refused descriptions in other scripts well under the limit.
func descriptionValidator() validator.String {
	return engineStringValidator{describedAs(fmt.Sprintf("must be at most %d characters", engine.MaxDescriptionLength)), engine.ValidateDescription}
}

func privateCIDRValidator() validator.String {
	return engineStringValidator{describedAs(fmt.Sprintf("must be a private IPv4 CIDR block from /%d to /%d", engine.MinPrefixLength, engine.MaxPrefixLength)), func(s string) error {
		_, err := engine.ValidatePrivateCIDR(engine.FieldCIDR, s)
		return err
	}}
}

func ipv4Validator() validator.String {
	return engineStringValidator{"must be an IPv4 address", func(s string) error {
		_, err := engine.ParseIP("", s)
		return err
	}}
}

func zoneValidator() validator.String {
	return engineStringValidator{"must be an availability zone of the region", engine.ValidateZone}
}

func flavorValidator() validator.String {
	return engineStringValidator{"must be a flavor of the catalog", func(s string) error {
		_, err := engine.ValidateFlavor(s, "")
		return err
	}}
}

// securityGroupRulesValidator judges all of a group's rules in one pass with
// the engine's own checks: each rule, then the limit per direction, where
// identical rules count once. It replaces validators on the nested
// attributes, which added work per rule that grew with the rules (the port
// range check looked up its sibling through every element).
type securityGroupRulesValidator struct{ describedAs }

// newSecurityGroupRulesValidator is securityGroupRulesValidator, described.
func newSecurityGroupRulesValidator() securityGroupRulesValidator {
	return securityGroupRulesValidator{describedAs(fmt.Sprintf("each rule valid, at most %d rules of each direction", engine.MaxRulesPerDirection))}
}

var _ validator.List = securityGroupRulesValidator{}

func (securityGroupRulesValidator) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var counted []engine.SecurityGroupRule
	known := map[engine.SecurityGroupRule]bool{}
	for i, elem := range req.ConfigValue.Elements() {
		obj, ok := elem.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		rule, directionKnown := ruleOfConfig(obj.Attributes())
		if _, fullyKnown := knownRule(obj); fullyKnown {
			if known[rule] {
				continue // identical rules count once
			}
			known[rule] = true
		}
		if directionKnown {
			counted = append(counted, rule)
		}
		if part, err := engine.ValidateRule(rule); err != nil {
			addEngineError(&resp.Diagnostics, ruleAttributePath[securityGroupRuleModel](req.Path.AtListIndex(i), part), "Invalid security group rule", err)
		}
	}
	if err := engine.CheckRuleCount(counted); err != nil {
		addEngineError(&resp.Diagnostics, req.Path, "Too many security group rules", err)
	}
}

// ruleOfConfig is the engine's rule for one configured element. A part not
// known yet stands in as a value the engine accepts, so that only what is
// known is judged; a rule counts towards its direction's limit once its
// direction is known.
func ruleOfConfig(attrs map[string]attr.Value) (rule engine.SecurityGroupRule, directionKnown bool) {
	direction, directionKnown := knownString(attrs["direction"])
	if !directionKnown {
		direction = engine.RuleDirections[0]
	}
	protocol, ok := knownString(attrs["protocol"])
	if !ok {
		protocol = engine.RuleProtocols[0]
	}
	cidr, ok := knownString(attrs["remote_cidr"])
	if !ok {
		cidr = "0.0.0.0/0"
	}
	return engine.SecurityGroupRule{
		Direction:    direction,
		Protocol:     protocol,
		PortRangeMin: knownPort(attrs["port_range_min"], 0),
		PortRangeMax: knownPort(attrs["port_range_max"], 65535),
		RemoteCIDR:   cidr,
	}, directionKnown
}

func knownString(v attr.Value) (string, bool) {
	s, ok := v.(types.String)
	if !ok || s.IsNull() || s.IsUnknown() {
		return "", false
	}
	return s.ValueString(), true
}

// knownPort is a configured port, or otherwise the stand-in: the widest
// range's end on its side, which accepts any valid port at the other end.
func knownPort(v attr.Value, standIn int) int {
	p, ok := v.(wholeNumber)
	if !ok || p.IsNull() || p.IsUnknown() {
		return standIn
	}
	return int(p.ValueInt64())
}

// ruleAttributePath is the path of the attribute that holds the part of a
// rule (a field of engine.SecurityGroupRule or engine.ACLRule) the engine
// found at fault: the field of that name of the rule's model M.
func ruleAttributePath[M any](element path.Path, part string) path.Path {
	if f, ok := reflect.TypeFor[M]().FieldByName(part); ok {
		return element.AtName(f.Tag.Get("tfsdk"))
	}
	return element
}

// networkACLRulesValidator judges one direction of a network ACL's rules
// (field FieldIngress or FieldEgress) in one pass with the engine's own
// checks (rule 21): each rule on the part at fault, then the limit, on
// the first rule beyond it. Unlike a security group's, every rule counts,
// repeats included: the list is the order in which they are matched.
type networkACLRulesValidator struct{ field engine.Field }

var _ validator.List = networkACLRulesValidator{}

func (networkACLRulesValidator) Description(context.Context) string {
	return fmt.Sprintf("each rule valid, at most %d rules", engine.MaxACLRulesPerDirection)
}

func (v networkACLRulesValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v networkACLRulesValidator) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	for i, elem := range elems {
		obj, ok := elem.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		if part, err := engine.ValidateACLRule(v.field, aclRuleOfConfig(obj.Attributes())); err != nil {
			addEngineError(&resp.Diagnostics, ruleAttributePath[networkACLRuleModel](req.Path.AtListIndex(i), part), "Invalid network ACL rule", err)
		}
	}
	if err := engine.CheckACLRuleCount(v.field, len(elems)); err != nil {
		addEngineError(&resp.Diagnostics, req.Path.AtListIndex(engine.MaxACLRulesPerDirection), "Too many network ACL rules", err)
	}
}

// aclRuleOfConfig is the engine's rule for one configured element, a part
// not known yet standing in as a value the engine accepts, as in
// ruleOfConfig.
func aclRuleOfConfig(attrs map[string]attr.Value) engine.ACLRule {
	traffic, _ := ruleOfConfig(attrs)
	action, ok := knownString(attrs["action"])
	if !ok {
		action = engine.ACLActions[0]
	}
	description, _ := knownString(attrs["description"])
	return engine.ACLRule{
		Action:       action,
		Protocol:     traffic.Protocol,
		PortRangeMin: traffic.PortRangeMin,
		PortRangeMax: traffic.PortRangeMax,
		RemoteCIDR:   traffic.RemoteCIDR,
		Description:  description,
	}
}

// addressRequestValidator judges a set of requested addresses with the
// engine's own syntax and count checks, before anything is planned.
type addressRequestValidator struct {
	describedAs
	field engine.Field
}

// newAddressRequestValidator is addressRequestValidator for field, described.
func newAddressRequestValidator(field engine.Field) addressRequestValidator {
	return addressRequestValidator{describedAs("addresses the engine accepts for " + terms.AttributeOf[field]), field}
}

func (v addressRequestValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	addrs, known := knownStrings(ctx, req.ConfigValue)
	if !known || req.ConfigValue.IsNull() {
		return
	}
	if err := engine.ValidateAddressRequest(v.field, engine.AddressRequest{Addresses: nonNilStrings(addrs)}); err != nil {
		addEngineError(&resp.Diagnostics, req.Path, "Invalid "+req.Path.String(), err)
	}
}

// addressCountValidator judges a count of addresses with the engine's checks.
type addressCountValidator struct {
	describedAs
	field engine.Field
}

// newAddressCountValidator is addressCountValidator for field, described.
func newAddressCountValidator(field engine.Field) addressCountValidator {
	return addressCountValidator{describedAs("a count the engine accepts for " + terms.AttributeOf[field]), field}
}

func (v addressCountValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := engine.ValidateAddressRequest(v.field, engine.AddressRequest{Count: int(req.ConfigValue.ValueInt64())}); err != nil {
		addEngineError(&resp.Diagnostics, req.Path, "Invalid "+req.Path.String(), err)
	}
}

var (
	_ validator.Set   = addressRequestValidator{}
	_ validator.Int64 = addressCountValidator{}
)

// securityGroupCountValidator refuses more groups than a NIC takes with the
// engine's own code, before anything is planned.
type securityGroupCountValidator struct{ describedAs }

// newSecurityGroupCountValidator is securityGroupCountValidator, described.
func newSecurityGroupCountValidator() securityGroupCountValidator {
	return securityGroupCountValidator{describedAs(fmt.Sprintf("at most %d security groups", engine.MaxSecurityGroups))}
}

var _ validator.Set = securityGroupCountValidator{}

func (securityGroupCountValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := engine.CheckSecurityGroupCount(len(req.ConfigValue.Elements())); err != nil {
		addEngineError(&resp.Diagnostics, req.Path, "Too many security groups", err)
	}
}

// positiveDurationValidator refuses a timeout of zero or less (see
// positiveTimeoutsAttribute).
type positiveDurationValidator struct{ describedAs }

// newPositiveDurationValidator is positiveDurationValidator, described.
func newPositiveDurationValidator() positiveDurationValidator {
	return positiveDurationValidator{"must be a duration above zero, such as \"30s\" or \"5m\""}
}

var _ validator.String = positiveDurationValidator{}

func (v positiveDurationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil {
		return // the timeouts package's own validator reports it
	}
	if d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timeout",
			"The timeout "+req.Path.String()+" = "+req.ConfigValue.String()+" "+v.Description(ctx)+": the operation would be cut off before it starts.")
	}
}

// tagsValidator judges a tags map with the engine's own rule. Values not
// known yet stand in as "", so that what is known is judged now. A null
// value is refused: the engine would store it as "", which the next plan
// would show as a change back to null, forever.
type tagsValidator struct{ describedAs }

// newTagsValidator is tagsValidator, described.
func newTagsValidator() tagsValidator {
	return tagsValidator{describedAs(tagsRuleText)}
}

var _ validator.Map = tagsValidator{}

func (tagsValidator) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	tags := make(map[string]string, len(req.ConfigValue.Elements()))
	for k, v := range req.ConfigValue.Elements() {
		if v.IsNull() {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(k), "Invalid tags",
				fmt.Sprintf("Tag %q has a null value. A tag's value is a string; write \"\" for an empty one, or leave the key out for no tag.", k))
			continue
		}
		if s, ok := v.(types.String); ok && !s.IsUnknown() {
			tags[k] = s.ValueString()
		} else {
			tags[k] = ""
		}
	}
	if err := engine.ValidateTags(tags); err != nil {
		addEngineError(&resp.Diagnostics, req.Path, "Invalid tags", err)
	}
}

// destinationCIDRValidator refuses a route destination that is not an IPv4
// CIDR in canonical form, rather than canonicalizing it: the state keeps
// the one spelling the engine reports.
func destinationCIDRValidator() validator.String {
	return engineStringValidator{"must be an IPv4 CIDR block with no host bits set", engine.ValidateDestinationCIDR}
}
