package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// The description limit counts characters, as the docs say: 255 characters
// of a script that takes three bytes each are accepted, 256 are not.
func TestDescriptionLimitCountsCharacters(t *testing.T) {
	attr := descriptionAttribute()
	for n, wantError := range map[int]bool{engine.MaxDescriptionLength: false, engine.MaxDescriptionLength + 1: true} {
		resp := validateString(attr.Validators, strings.Repeat("説", n))
		if resp.Diagnostics.HasError() != wantError {
			t.Errorf("%d characters: error %v, want %v: %v", n, resp.Diagnostics.HasError(), wantError, resp.Diagnostics)
		}
	}
}

// validateString runs validators on s at attribute "description".
func validateString(validators []validator.String, s string) *validator.StringResponse {
	req := validator.StringRequest{Path: path.Root("description"), ConfigValue: types.StringValue(s)}
	resp := &validator.StringResponse{}
	for _, v := range validators {
		v.ValidateString(context.Background(), req, resp)
	}
	return resp
}
