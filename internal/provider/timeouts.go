package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// positiveTimeoutsAttribute is the timeouts block with each duration
// required to be above zero: a zero or negative bound expires before the
// operation starts, and the deadline error would name the wrong cause.
func positiveTimeoutsAttribute(ctx context.Context, opts timeouts.Opts) schema.Attribute {
	block := timeouts.Attributes(ctx, opts).(schema.SingleNestedAttribute)
	for name, a := range block.Attributes {
		s := a.(schema.StringAttribute)
		s.Validators = append(s.Validators, positiveDurationValidator{})
		block.Attributes[name] = s
	}
	return block
}

type positiveDurationValidator struct{}

var _ validator.String = positiveDurationValidator{}

func (positiveDurationValidator) Description(context.Context) string {
	return "must be a duration above zero, such as \"30s\" or \"5m\""
}

func (v positiveDurationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

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
