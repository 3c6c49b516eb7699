package provider

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The list resources serve `terraform query` (Terraform 1.14 on): each
// object found is its identity { id }, a display name, and with
// include_resource its full state, the same model the resource's Read
// writes. Filters are optional attributes of the list block's config; one
// left out does not filter. A filter the engine's list functions do not take
// yet is applied here, after the engine's list.

// listedObject is one object found by a list resource.
type listedObject struct {
	id, name string
	// model is the resource's state model; called only when the request
	// includes resources, so that a plain listing reads nothing more.
	model func(context.Context) (any, error)
}

// listConfig reads a list block's config into target; a block without
// config leaves target's filters null.
func listConfig(ctx context.Context, req list.ListRequest, target any) diag.Diagnostics {
	if req.Config.Raw.IsNull() {
		return nil
	}
	return getConfig(ctx, req.Config, target)
}

// listStream streams objects as list results, at most req.Limit of them
// when it is set. what names the objects in error messages ("VPCs").
func listStream(ctx context.Context, req list.ListRequest, pd *providerData, what string, find func(context.Context, *providerData) ([]listedObject, error)) iter.Seq[list.ListResult] {
	var diags diag.Diagnostics
	if pd == nil {
		diags.AddError("Cannot list "+what, "The provider is not configured: the store is known only once the provider block is.")
		return list.ListResultsStreamDiagnostics(diags)
	}
	objects, err := find(ctx, pd)
	if err != nil {
		addEngineError(&diags, path.Empty(), "Cannot list "+what, err)
		return list.ListResultsStreamDiagnostics(diags)
	}
	return func(push func(list.ListResult) bool) {
		for i, o := range objects {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			if !push(listResultOf(ctx, req, o)) {
				return
			}
		}
	}
}

// listResultOf is the list result of one object.
func listResultOf(ctx context.Context, req list.ListRequest, o listedObject) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = displayName(o.name, o.id)
	result.Identity.Raw = identityObject(ctx, result.Identity, o.id)
	if !req.IncludeResource {
		return result
	}
	model, err := o.model(ctx)
	if err != nil {
		addEngineError(&result.Diagnostics, path.Empty(), "Cannot read "+o.id, err)
		return result
	}
	if obj, ok := objectOf(ctx, result.Resource.Schema.Type(), model); ok {
		result.Diagnostics.Append(result.Resource.Set(ctx, obj)...)
	} else {
		result.Diagnostics.Append(result.Resource.Set(ctx, model)...)
	}
	return result
}

// displayName is how `terraform query` shows an object: its name (never
// empty) and ID.
func displayName(name, id string) string {
	return name + " (" + id + ")"
}

// matches is true when filter is not set or equal to value.
func matches(filter types.String, value string) bool {
	return filter.IsNull() || filter.ValueString() == value
}
