package frameworkfix

import "github.com/hashicorp/terraform-plugin-go/tftypes"

// IDOf is the id attribute of a raw state or identity, "" when the object
// or its id is null or unknown: what
//
//	s.GetAttribute(ctx, path.Root("id"), &id) // id types.String
//
// gives, read straight from the tftypes value. Read runs it for every
// resource of every plan, and GetAttribute walks the value to the path,
// converts it through the schema's types and reflects it into the target
// each time. No terraform-plugin-framework issue tracks the cost of
// reading one attribute; TestIDOfMatchesGetAttribute holds IDOf equal to
// GetAttribute.
func IDOf(raw tftypes.Value) string {
	if raw.IsNull() || !raw.IsKnown() {
		return ""
	}
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		return ""
	}
	var id string
	if v, ok := attrs["id"]; !ok || !v.IsKnown() || v.IsNull() || v.As(&id) != nil {
		return ""
	}
	return id
}
