package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// Every resource's identity is its ID, { id = "…" }: import blocks can name
// an object by identity (Terraform and OpenTofu 1.12 on), and `terraform
// query` reports identities. The identity is version 0; an identity with
// other attributes would be version 1 with an upgrader from this one.

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

// identityObject is the raw identity { id } for a schema's identity type.
func identityObject(ctx context.Context, identity *tfsdk.ResourceIdentity, id string) tftypes.Value {
	return tftypes.NewValue(identity.Schema.Type().TerraformType(ctx), map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, id),
	})
}

// setIdentityFromState sets identity to { id } with the id of state. Create,
// Read and Update all call it: the framework refuses a response whose
// identity is null, and a CLI older than 1.12 (or a state written before
// identity existed) sends none, so the identity is rebuilt every time from
// the ID the state already has, never taken from the request. A state with
// no known id (none of ours) leaves identity as it is.
func setIdentityFromState(ctx context.Context, state tfsdk.State, identity *tfsdk.ResourceIdentity) {
	if identity == nil {
		return // the resource has no identity schema
	}
	if id := frameworkfix.IDOf(state.Raw); id != "" {
		identity.Raw = identityObject(ctx, identity, id)
	}
}
