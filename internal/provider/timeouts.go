package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// positiveTimeoutsAttribute is the timeouts block with each duration
// required to be above zero: a zero or negative bound expires before the
// operation starts, and the deadline error would name the wrong cause.
func positiveTimeoutsAttribute(ctx context.Context, opts timeouts.Opts) schema.Attribute {
	block := timeouts.Attributes(ctx, opts).(schema.SingleNestedAttribute)
	for name, a := range block.Attributes {
		s := a.(schema.StringAttribute)
		s.Validators = append(s.Validators, newPositiveDurationValidator())
		block.Attributes[name] = s
	}
	return block
}
