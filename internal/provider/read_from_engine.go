package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// readFromEngine gets what a resource's Read refreshes, the object id
// names, with get. ok is false when there is nothing to write back: the
// engine no longer has the object, which is dropped from state so that the
// next plan recreates it instead of failing, or the engine failed, which is
// reported as "Cannot read <what>". It first sets the response's identity
// from the state, before anything can return: a state written before
// identity existed has none, and the framework refuses a Read that leaves it
// null even when the object is dropped.
func readFromEngine[T any](ctx context.Context, resp *resource.ReadResponse, what string, get func(context.Context, string) (T, error), id types.String) (v T, ok bool) {
	setIdentityFromState(ctx, resp.State, resp.Identity)
	v, err := get(ctx, id.ValueString())
	if engine.IsNotFound(err) {
		tflog.Warn(ctx, "object removed outside Terraform; dropping it from state", map[string]any{"error": err.Error()})
		resp.State.RemoveResource(ctx)
		return v, false
	}
	if err != nil {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot read "+what, err)
		return v, false
	}
	return v, true
}
