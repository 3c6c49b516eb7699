package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// engineStringValidator adapts one of the engine's input checks into a
// config-time validator, so HCL is judged by the very code the engine runs.
type engineStringValidator struct {
	description string
	check       func(string) error
}

func (v engineStringValidator) Description(context.Context) string         { return v.description }
func (v engineStringValidator) MarkdownDescription(context.Context) string { return v.description }

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
	return engineStringValidator{fmt.Sprintf("must be 1 to %d letters, digits, '-', '_' or '.'", engine.MaxNameLength), engine.ValidateName}
}

// descriptionValidator counts characters, as the engine and the docs do;
// a byte count refused descriptions in other scripts well under the limit.
func descriptionValidator() validator.String {
	return engineStringValidator{fmt.Sprintf("must be at most %d characters", engine.MaxDescriptionLength), engine.ValidateDescription}
}

func privateCIDRValidator() validator.String {
	return engineStringValidator{fmt.Sprintf("must be a private IPv4 CIDR block from /%d to /%d", engine.MinPrefixLength, engine.MaxPrefixLength), func(s string) error {
		_, err := engine.ValidatePrivateCIDR(engine.FieldCIDR, s)
		return err
	}}
}

func cidrValidator() validator.String {
	return engineStringValidator{"must be an IPv4 CIDR block", func(s string) error {
		_, err := engine.ParseCIDR(engine.FieldSecurityGroupRules, s)
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
