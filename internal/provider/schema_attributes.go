package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Attribute builders shared by the resources, so that the same argument
// reads and validates the same everywhere.

func idAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("The %s's ID.", what),
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

func nameAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("The %s's name: 1 to %d letters, digits, `-`, `_` or `.`. Updatable in place.", what, engine.MaxNameLength),
		Required:            true,
		Validators:          []validator.String{nameValidator()},
	}
}

func descriptionAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("A free-form description of up to %d characters. Updatable in place.", engine.MaxDescriptionLength),
		Optional:            true,
		Computed:            true,
		Default:             stringdefault.StaticString(""),
		Validators:          []validator.String{descriptionValidator()},
	}
}
