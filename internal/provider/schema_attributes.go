package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

// requiredIDAttribute is the ID of the object a resource belongs to or
// binds, whose change replaces it.
func requiredIDAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description,
		Required:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

// Attribute builders shared by the data sources and list resources: the
// filters and lookups they take and the values they read back.

// filterIDAttribute is a data source's optional filter on the ID of a
// related object; an empty ID is refused rather than matching nothing.
func filterIDAttribute(description string) datasourceschema.StringAttribute {
	return datasourceschema.StringAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// lookupIDAttribute is an ID a data source looks an object up by, or,
// when the object is looked up otherwise, reads from it.
func lookupIDAttribute(description string) datasourceschema.StringAttribute {
	return datasourceschema.StringAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// lookupAddressAttribute is the IPv4 address a data source looks an object
// up by, with subnet_id, or, when the object is looked up by id, reads
// from it.
func lookupAddressAttribute(description string) datasourceschema.StringAttribute {
	return datasourceschema.StringAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{ipv4Validator()},
	}
}

// lookupByIDOrAddress are the checks of a data source that looks an object
// up either by its id or by subnet_id and the address attribute named.
func lookupByIDOrAddress(address string) []datasource.ConfigValidator {
	return append(lookupByIDOrSubnet(), datasourcevalidator.RequiredTogether(path.MatchRoot("subnet_id"), path.MatchRoot(address)))
}

// lookupByIDOrSubnet are the checks of a data source that looks an object
// up either by its id or by a subnet_id it serves.
func lookupByIDOrSubnet() []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("subnet_id"))}
}

// computedStringAttribute is a string a data source reads from the object.
func computedStringAttribute(description string) datasourceschema.StringAttribute {
	return datasourceschema.StringAttribute{MarkdownDescription: description, Computed: true}
}

// computedInt64Attribute is a number a data source reads from the object.
func computedInt64Attribute(description string) datasourceschema.Int64Attribute {
	return datasourceschema.Int64Attribute{MarkdownDescription: description, Computed: true}
}

// computedWholeNumberAttribute is a count or port a data source reads,
// of the type the resource's model has, since the data source's model
// embeds or reuses it.
func computedWholeNumberAttribute(description string) datasourceschema.Int64Attribute {
	return datasourceschema.Int64Attribute{MarkdownDescription: description, CustomType: wholeNumberType{}, Computed: true}
}

// computedBoolAttribute is a flag a data source reads from the object.
func computedBoolAttribute(description string) datasourceschema.BoolAttribute {
	return datasourceschema.BoolAttribute{MarkdownDescription: description, Computed: true}
}

// computedStringListAttribute is an ordered list of strings, IDs most
// often, that a data source reads.
func computedStringListAttribute(description string) datasourceschema.ListAttribute {
	return datasourceschema.ListAttribute{MarkdownDescription: description, ElementType: types.StringType, Computed: true}
}

// computedStringSetAttribute is a set of strings a data source reads.
func computedStringSetAttribute(description string) datasourceschema.SetAttribute {
	return datasourceschema.SetAttribute{MarkdownDescription: description, ElementType: types.StringType, Computed: true}
}

// listFilterAttribute is a list resource's optional filter on a string.
func listFilterAttribute(description string) listschema.StringAttribute {
	return listschema.StringAttribute{MarkdownDescription: description, Optional: true}
}

// sourceDestCheckAttribute is a NIC's source/destination check, of the
// network interface or, on eni_server, of its primary one.
func sourceDestCheckAttribute(what string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: "Whether the " + what + " drops traffic neither from nor to its own addresses. " +
			"NAT, firewall and router appliances turn it off, and a route's next hop must have it off (rule 19). " +
			"Defaults to `true`; updatable in place.",
		Optional: true,
		Computed: true,
		Default:  booldefault.StaticBool(true),
	}
}

// withTrafficAttributes adds to the attributes of a security group's or
// network ACL's rule the three that say which traffic it matches, alike in
// both: the protocol and the port range.
func withTrafficAttributes(attributes map[string]schema.Attribute) map[string]schema.Attribute {
	attributes["protocol"] = schema.StringAttribute{
		MarkdownDescription: "The IP protocol: " + quotedList(engine.RuleProtocols) + ".",
		Required:            true,
	}
	attributes["port_range_min"] = schema.Int64Attribute{
		MarkdownDescription: "The first port of the range, 0 to 65535.",
		CustomType:          wholeNumberType{},
		Required:            true,
	}
	attributes["port_range_max"] = schema.Int64Attribute{
		MarkdownDescription: "The last port of the range, 0 to 65535, at least `port_range_min`.",
		CustomType:          wholeNumberType{},
		Required:            true,
	}
	return attributes
}
