package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every resource's identity is, by default, its ID, { id = "…" }: import
// blocks can name an object by identity (Terraform and OpenTofu 1.12 on),
// and `terraform query` reports identities. An object named by several
// attributes (a route: its table and destination) has those as its
// identity instead (identityPart), and its ID joins their values with ":"
// in order. Each identity attribute is also an attribute of the state, of
// the same name, which is where the identity is rebuilt from. Identities
// are version 0; a change of one would be version 1 with an upgrader.

// identityPart is one attribute of a composite identity.
type identityPart struct {
	name        string
	description string
	example     string // for the import advice
}

// idSeparator joins the parts of a composite ID: "rtb-…:10.0.0.0/8".
const idSeparator = ":"

// idIdentitySchema is the identity schema of a resource whose objects are
// named by their ID alone; what names the object (a "VPC").
func idIdentitySchema(what string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				Description:       "The " + what + "'s ID.",
				RequiredForImport: true,
			},
		},
	}
}

// partsIdentitySchema is the identity schema of a resource whose objects
// are named by parts.
func partsIdentitySchema(parts []identityPart) identityschema.Schema {
	attrs := map[string]identityschema.Attribute{}
	for _, p := range parts {
		attrs[p.name] = identityschema.StringAttribute{Description: p.description, RequiredForImport: true}
	}
	return identityschema.Schema{Attributes: attrs}
}

// identityObject is the raw identity { id } for a schema's identity type.
func identityObject(ctx context.Context, identity *tfsdk.ResourceIdentity, id string) tftypes.Value {
	return tftypes.NewValue(identity.Schema.Type().TerraformType(ctx), map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, id),
	})
}

// setIdentityFromState sets identity to the values its attributes have in
// state: { id } for most resources. Create, Read and Update all call it:
// the framework refuses a response whose identity is null, and a CLI older
// than 1.12 (or a state written before identity existed) sends none, so
// the identity is rebuilt every time from what the state already has,
// never taken from the request. A state without a known value for each
// identity attribute (none of ours) leaves identity as it is.
func setIdentityFromState(ctx context.Context, state tfsdk.State, identity *tfsdk.ResourceIdentity) {
	if identity == nil || state.Raw.IsNull() || !state.Raw.IsKnown() {
		return // the resource has no identity schema, or no state
	}
	var held map[string]tftypes.Value
	if state.Raw.As(&held) != nil {
		return
	}
	values := map[string]tftypes.Value{}
	for name := range identity.Schema.GetAttributes() {
		v, ok := held[name]
		if !ok || v.IsNull() || !v.IsKnown() {
			return
		}
		values[name] = v
	}
	identity.Raw = tftypes.NewValue(identity.Schema.Type().TerraformType(ctx), values)
}

// importByParts starts an import of an object named by parts, given as its
// ID ("rtb-…:10.0.0.0/8") or as an import block's identity: it sets the ID
// and each part in state, for the Read that follows.
func importByParts(ctx context.Context, parts []identityPart, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	values, what := strings.SplitN(req.ID, idSeparator, len(parts)), "import ID"
	if req.ID == "" && req.Identity != nil && !req.Identity.Raw.IsNull() {
		values, what = identityValues(req.Identity.Raw, parts), "import identity"
	}
	if len(values) != len(parts) || slices.ContainsFunc(values, isBlank) {
		names, examples := make([]string, len(parts)), make([]string, len(parts))
		for i, p := range parts {
			names[i], examples[i] = p.name, p.example
		}
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("The %s %q does not name one object. Give %s, for example %s.",
			what, req.ID, strings.Join(names, idSeparator), strings.Join(examples, idSeparator)))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strings.Join(values, idSeparator))...)
	for i, p := range parts {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(p.name), values[i])...)
	}
}

// identityValues reads the parts of a raw identity, "" for one missing.
func identityValues(raw tftypes.Value, parts []identityPart) []string {
	var attrs map[string]tftypes.Value
	values := make([]string, len(parts))
	if raw.As(&attrs) != nil {
		return values
	}
	for i, p := range parts {
		if v, ok := attrs[p.name]; ok && v.IsKnown() && !v.IsNull() {
			_ = v.As(&values[i])
		}
	}
	return values
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
